"""Reports: content/reports/SLUG.yaml, published at /reports/SLUG/.

Two kinds of report come in practice, and both are first-class here: a tabular report
on a plan (seed 004: one entry per plan item, with a status and what was done) and a
narrative letter (seed 001: all body). A report may carry survey results (counts; the
site computes the shares) and figures an entry reports.

An entry cites its plan item by id; the item must exist in the plan the report names.
The plan page joins back (glasnost/types/plan/view.py): each item's status comes from its
latest report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, Field, field_serializer, field_validator

from glasnost.config import Strict
from glasnost.diagnostics import Message
from glasnost.i18n import choose
from glasnost.types.approval import Signature, signature
from glasnost.types.base import ContentModel, ContentType, FeedEntry, HomeBlock, Item, MarkdownField
from glasnost.types.plan.fields import PlanItem, entry_anchor, item_anchor, one_or_many, plan_items
from glasnost.types.status import (
    Progress,
    Status,
    effective_status,
    parse_status,
    progress_of,
    status_label,
)
from glasnost.types.surveys import Survey, SurveyResult, survey_result

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.i18n import Translator
    from glasnost.site import Site


# --- the file ------------------------------------------------------------------------------


class Period(Strict):
    start: dt.date = Field(description="Начало отчетного периода")
    end: dt.date = Field(description="Конец отчетного периода")
    label: str | None = Field(None, description="Как период назван в отчете: I полугодие 2022 года")


class Figure(Strict):
    label: str = Field(min_length=1, description="Что измерено")
    value: float = Field(description="Число")
    unit: str | None = Field(None, description="Единица измерения")

    @field_serializer("value")
    def _whole_numbers_stay_whole(self, value: float) -> int | float:
        # 7 was written, 7 is published: "7.0" would look like a measurement to a reader.
        return int(value) if value.is_integer() else value


class Entry(Strict):
    item: str | None = Field(None, description="Номер пункта плана (id), о котором запись")
    title: str | None = Field(
        None, description="Мероприятие; обязательно, если нет плана или пункта"
    )
    responsible: list[str] = Field(
        default_factory=list, description="Ответственные (одна строка или список)"
    )
    status: Status | None = Field(
        None, description="Статус: done, in_progress, not_done, not_started или no_data"
    )
    text: str = Field(
        "", description="Что сделано (Markdown); пустой текст — «информация не представлена»"
    )
    figures: list[Figure] = Field(default_factory=list, description="Числа, которые приводит текст")

    @field_validator("responsible", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("status", mode="before")
    @classmethod
    def _russian_status(cls, value: Any) -> Any:
        return parse_status(value)

    @field_validator("text", mode="before")
    @classmethod
    def _empty_text(cls, value: Any) -> Any:
        # "text:" with nothing after it is YAML null: the same as an empty text.
        return "" if value is None else value


class ReportFields(ContentModel):
    plan: str | None = Field(None, description="Адрес (slug) плана, о выполнении которого отчет")
    period: Period | None = Field(None, description="Отчетный период")
    signed_by: str | None = Field(None, description="Кто подписал: должность и фамилия")
    body: str | None = Field(None, description="Текст отчета (Markdown)")
    entries: list[Entry] = Field(default_factory=list, description="Записи о мероприятиях")
    surveys: list[Survey] = Field(default_factory=list, description="Результаты опросов")

    def period_end(self) -> dt.date | None:
        return self.period.end if self.period else None

    def period_label(self, t: Translator) -> str:
        """The period as the report names it, else its dates («1 января – 30 июня 2022 г.»)."""
        if self.period is None:
            return ""
        if self.period.label and self.period.label.strip():
            return self.period.label.strip()
        return f"{t.date(self.period.start)} – {t.date(self.period.end)}"


# --- what the report page and its JSON show ----------------------------------------------


class PlanRef(BaseModel):
    id: str
    title: str
    path: str
    url: str


class PeriodView(BaseModel):
    start: dt.date
    end: dt.date
    label: str


class EntryView(BaseModel):
    item: str | None = Field(description="Номер пункта плана")
    anchor: str
    title: str
    responsible: list[str]
    status: Status = Field(description="Статус, с которым запись опубликована")
    status_label: str
    status_given: Status | None = Field(description="Статус, как он записан в файле")
    plan_item_path: str | None = Field(description="Адрес пункта на странице плана")
    text_key: str = Field(description="Ключ текста записи в html")
    has_text: bool
    figures: list[Figure]


class ReportView(BaseModel):
    plan: PlanRef | None
    period: PeriodView | None
    period_label: str
    signature: Signature | None
    progress: Progress | None = Field(description="Сводка статусов записей; null — записей нет")
    entries: list[EntryView]
    surveys: list[SurveyResult]


def entry_anchors(entries: list[Entry]) -> list[str]:
    """`entry-<item id>`; an entry without an id takes its position, unless an id has it."""
    ids = {e.item for e in entries if e.item is not None}
    anchors = []
    for position, entry in enumerate(entries, 1):
        if entry.item is not None:
            anchors.append(entry_anchor(entry.item))
        else:
            number = str(position)
            anchors.append(entry_anchor(number if number not in ids else f"p{number}"))
    return anchors


def entry_view(
    index: int, entry: Entry, anchor: str, plan: Item | None, language: str
) -> EntryView:
    source: PlanItem | None = None
    if plan is not None and entry.item is not None:
        source = plan_items(plan.data).get(entry.item)
    status = effective_status(entry.status, entry.text)
    return EntryView(
        item=entry.item,
        anchor=anchor,
        title=entry.title or (source.title if source else "") or "",
        responsible=entry.responsible or (source.responsible if source else []),
        status=status,
        status_label=status_label(status, language),
        status_given=entry.status,
        plan_item_path=f"{plan.url}#{item_anchor(entry.item)}"
        if source and plan and entry.item
        else None,
        text_key=f"entries.{index}.text",
        has_text=bool(entry.text.strip()),
        figures=entry.figures,
    )


def report_view(report: Item, site: Site) -> ReportView:
    data: ReportFields = report.data
    plan = site.get("plan", data.plan) if data.plan else None
    anchors = entry_anchors(data.entries)
    entries = [
        entry_view(i, e, a, plan, site.language)
        for i, (e, a) in enumerate(zip(data.entries, anchors, strict=True))
    ]
    statuses: list[Status | None] = [e.status for e in entries]
    return ReportView(
        plan=PlanRef(
            id=plan.id, title=plan.title, path=plan.url, url=site.config.absolute(plan.url)
        )
        if plan
        else None,
        period=(
            PeriodView(
                start=data.period.start, end=data.period.end, label=data.period_label(site.t)
            )
            if data.period
            else None
        ),
        period_label=data.period_label(site.t),
        signature=signature(data.signed_by) if data.signed_by else None,
        progress=progress_of(statuses, site.language) if entries else None,
        entries=entries,
        surveys=[survey_result(s) for s in data.surveys],
    )


def view_of(report: Item) -> ReportView:
    """The report's view, as ReportType.prepare made it."""
    view = report.view
    if not isinstance(view, ReportView):  # pragma: no cover - prepare runs for every report
        raise TypeError(f"{report.rel}: the report has no view")
    return view


# --- the type ------------------------------------------------------------------------------


# Parts of the R100/R101 hints (a message's parameters, so not UI strings).
SUGGESTIONS: dict[str, tuple[str, str]] = {
    "did_you_mean": ("Возможно, имелось в виду «{name}».", "Did you mean '{name}'?"),
    "known": ("Есть: {names}.", "Known: {names}."),
}


def _suggest(wanted: str, known: Iterable[str], language: str) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.5)
    if close:
        return choose(SUGGESTIONS["did_you_mean"], language).format(name=close[0])
    if not names:
        return ""
    shown = ", ".join(names[:12]) + ("…" if len(names) > 12 else "")
    return choose(SUGGESTIONS["known"], language).format(names=shown)


class ReportType(ContentType):
    name = "report"
    folder = "reports"
    pattern = "*.yaml"
    model = ReportFields
    computed_model = ReportView
    url_prefix = "/reports/"
    nav_order = 30
    template = "report.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Отчет", "Отчеты"),
        "en": ("Report", "Reports"),
    }
    ui: ClassVar[dict[str, tuple[str, str]]] = {
        "report_period": ("Отчетный период", "Reporting period"),
        "report_plan": ("Отчет о выполнении плана", "Report on the plan"),
        "report_summary": ("Сводка по мероприятиям", "Summary of the measures"),
        "report_entries": ("Ход выполнения мероприятий", "Progress of the measures"),
        "report_plan_item": ("пункт {id} плана", "item {id} of the plan"),
        "report_no_data": ("Информация не представлена.", "No information provided."),
        "report_figures": ("Показатели", "Figures"),
        "report_surveys": ("Результаты опросов", "Survey results"),
        "report_respondents": ("опрошено: {n}", "respondents: {n}"),
        "report_answer": ("Ответ", "Answer"),
        "report_count": ("Ответили, чел.", "Respondents"),
        "report_share": ("Доля", "Share"),
        "report_share_note": (
            "Доли рассчитаны по числу ответивших и округлены так, что в сумме дают 100 %.",
            "Shares are computed from the counts and rounded so that they add up to 100%.",
        ),
        "report_signed": ("Подпись", "Signed"),
        "report_latest": ("Последние отчеты", "Latest reports"),
    }
    messages: ClassVar[dict[str, Message]] = {
        "R100": Message(
            "план «{plan}» не найден",
            "plan '{plan}' does not exist",
            "В поле plan пишется имя файла плана из content/plans/ без .yaml. {suggestion}",
            "The 'plan' field is the plan's file name in content/plans/ without .yaml. "
            "{suggestion}",
        ),
        "R101": Message(
            "пункта «{item}» нет в плане «{plan}»",
            "item '{item}' is not in the plan '{plan}'",
            "Номер в поле item должен совпадать с id пункта в {plan_file}. {suggestion}",
            "The 'item' must be the id of an item in {plan_file}. {suggestion}",
        ),
        "R102": Message(
            "у записи нет названия мероприятия",
            "the entry has no title",
            "Добавьте title: название мероприятия. Его можно не писать, только если "
            "запись ссылается "
            "на пункт плана (plan: и item:).",
            "Add 'title:'. It may be left out only when the entry cites a plan item "
            "(plan: and item:).",
        ),
        "R103": Message(
            "опрос «{survey}»: сумма ответов {total} не равна числу опрошенных {respondents}",
            "survey '{survey}': the answers add up to {total}, "
            "not to the {respondents} respondents",
            "Проверьте числа count у ответов и поле respondents (расхождение: {diff}). "
            "Доли в процентах сайт считает сам.",
            "Check the answers' counts and 'respondents' (difference: {diff}). "
            "The site computes percentages.",
        ),
        "R104": Message(
            "пункт «{item}» уже есть в отчете (строка {first})",
            "item '{item}' is already in the report (line {first})",
            "Объедините записи об одном пункте плана в одну.",
            "Merge the entries about one plan item into one.",
        ),
        "R105": Message(
            "указан статус «{label}», но текст записи пуст: "
            "она опубликована как «информация не представлена»",
            "status '{label}' is given but the entry has no text: "
            "it is published as 'no information provided'",
            "Опишите в поле text, что сделано, или укажите status: no_data.",
            "Describe in 'text' what was done, or set 'status: no_data'.",
        ),
        "R106": Message(
            "начало отчетного периода {start} позже его конца {end}",
            "the reporting period starts ({start}) after it ends ({end})",
            "Проверьте поля period.start и period.end.",
            "Check period.start and period.end.",
        ),
        "R107": Message(
            "в отчете нет ни текста, ни записей, ни опросов",
            "the report has no body, entries or surveys",
            "Добавьте текст отчета (body), записи о мероприятиях (entries) "
            "или результаты опросов (surveys).",
            "Add the report's text (body), entries or surveys.",
        ),
    }
    starter = """\
title: {title}
# plan: slug-plana   # если отчет о плане: имя файла плана из content/plans/ без .yaml
period:
  start: {today}
  end: {today}
  label: отчетный период    # как в отчете: «I полугодие 2024 года»
published: {today}
body: |
  Вводный текст отчета (можно не писать, если есть записи о мероприятиях).
entries:
  - title: Мероприятие       # с планом вместо title пишется item: "1" — номер пункта плана
    responsible: Ответственный отдел
    status: in_progress      # done | in_progress | not_done | not_started | no_data
    text: |
      Что сделано за отчетный период.
"""

    # -- phase 1 ----------------------------------------------------------------------------
    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        data: ReportFields = item.data
        if data.body:
            yield MarkdownField("body", data.body, item.text_line("body"))
        for index, entry in enumerate(data.entries):
            if entry.text.strip():
                yield MarkdownField(
                    f"entries.{index}.text", entry.text, item.text_line("entries", index, "text")
                )

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
        data: ReportFields = item.data
        if not (data.body and data.body.strip()) and not data.entries and not data.surveys:
            diag.error("R107", item.rel, item.line("title"))
        if data.period and data.period.start > data.period.end:
            diag.error(
                "R106",
                item.rel,
                item.line("period", "end"),
                start=data.period.start,
                end=data.period.end,
            )
        plan = self._plan(item, site, diag)
        self._check_entries(item, plan, site, diag)
        self._check_surveys(item, diag)

    def _plan(self, item: Item, site: Site, diag: Diagnostics) -> Item | None:
        slug = item.data.plan
        if not slug:
            return None
        plan = site.get("plan", slug)
        if plan is None and not (site.site_dir / "content" / "plans" / f"{slug}.yaml").is_file():
            # A plan file that exists but failed its own checks is reported there, not here.
            known = [i.slug for i in site.of_kind("plan")]
            diag.error(
                "R100",
                item.rel,
                item.line("plan"),
                plan=slug,
                suggestion=_suggest(slug, known, site.language),
            )
        return plan

    def _check_entries(self, item: Item, plan: Item | None, site: Site, diag: Diagnostics) -> None:
        known = plan_items(plan.data) if plan is not None else {}
        first_line: dict[str, int | None] = {}
        for index, entry in enumerate(item.data.entries):
            line = item.line("entries", index, "item")
            if plan is not None and entry.item is not None and entry.item not in known:
                diag.error(
                    "R101",
                    item.rel,
                    line,
                    item=entry.item,
                    plan=plan.slug,
                    plan_file=plan.rel,
                    suggestion=_suggest(entry.item, known, site.language),
                )
            if entry.item is not None and entry.item in first_line:
                diag.error("R104", item.rel, line, item=entry.item, first=first_line[entry.item])
            elif entry.item is not None:
                first_line[entry.item] = line
            # With a plan named, an entry's title comes from its item; a missing item or
            # plan is reported above, and a second error about the title would be noise.
            if not (entry.title and entry.title.strip()) and (
                entry.item is None or not item.data.plan
            ):
                diag.error("R102", item.rel, item.line("entries", index))
            if entry.status not in (None, Status.NO_DATA) and not entry.text.strip():
                diag.warning(
                    "R105",
                    item.rel,
                    item.line("entries", index, "status"),
                    label=status_label(entry.status, site.language),
                )

    def _check_surveys(self, item: Item, diag: Diagnostics) -> None:
        for index, survey in enumerate(item.data.surveys):
            total = sum(a.count for a in survey.answers)
            if total != survey.respondents:
                diag.error(
                    "R103",
                    item.rel,
                    item.line("surveys", index, "respondents"),
                    survey=survey.title,
                    total=total,
                    respondents=survey.respondents,
                    diff=f"{total - survey.respondents:+d}",
                )

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> ReportView:
        return report_view(item, site)

    def sort_key(self, item: Item) -> Any:
        """Newest first: by the end of the reporting period, then by date of posting."""
        end = item.data.period_end() or item.published
        return (-end.toordinal(), -item.published.toordinal(), item.slug)

    # -- phase 2 ----------------------------------------------------------------------------
    def computed(self, item: Item, site: Site) -> dict[str, Any]:
        return view_of(item).model_dump(mode="json")

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return {"report": view_of(item)}

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:
        from glasnost.feeds import default_entry

        label = view_of(item).period_label
        entry = default_entry(item, site)
        yield dataclasses.replace(entry, summary=label or entry.title)

    def home_block(self, site: Site) -> HomeBlock | None:
        reports = site.collection(self.name)[:5]
        if not reports:
            return None
        return HomeBlock(30, "home/report.html", {"reports": [(r, view_of(r)) for r in reports]})
