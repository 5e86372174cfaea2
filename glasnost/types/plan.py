"""Plans of measures (road maps): content/plans/SLUG.yaml, published at /plans/SLUG/.

A plan is a table of measures grouped in sections, as the approving act has it: one
level of nesting at most (form of interaction → direction, seed 000). Each measure has
an id unique in the plan, which reports cite; its deadline wording is kept verbatim and
parsed (glasnost/deadlines.py) so that the site can tell which measures are overdue.

The plan page also joins the plan with its reports (content/reports/*.yaml whose `plan`
is this plan's slug): each measure shows its status from the latest report, each section
and the whole plan its progress, and measures whose due date passed without a `done`
status are listed as overdue. Statuses are defined here, because both pages show them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, Field, field_validator

from glasnost.config import Strict
from glasnost.deadlines import Deadline, DeadlineKind, describe, parse_deadline
from glasnost.diagnostics import Message
from glasnost.types.base import ContentModel, ContentType, HomeBlock, Item, MarkdownField

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.model import Site


# --- statuses ------------------------------------------------------------------------------


class Status(StrEnum):
    """How far a measure has got, as a report states it."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"
    NOT_STARTED = "not_started"
    NO_DATA = "no_data"


STATUS_LABELS: Mapping[Status, tuple[str, str]] = MappingProxyType(
    {
        Status.DONE: ("выполнено", "done"),
        Status.IN_PROGRESS: ("выполняется", "in progress"),
        Status.NOT_DONE: ("не выполнено", "not done"),
        Status.NOT_STARTED: ("не начато", "not started"),
        Status.NO_DATA: ("информация не представлена", "no information provided"),
    }
)
# A measure no report mentions yet: not the same as a report saying "no information".
UNREPORTED_LABEL = ("нет в отчетах", "not in any report")


def status_label(status: Status | None, language: str) -> str:
    ru, en = STATUS_LABELS[status] if status is not None else UNREPORTED_LABEL
    return en if language == "en" else ru


def effective_status(given: Status | None, text: str) -> Status:
    """The status a report entry is published with.

    An entry with no text gives no information whatever its status says; otherwise an
    entry without a status is taken as work in progress, which is what a report that
    describes work without judging it means.
    """
    if not text.strip():
        return Status.NO_DATA
    return given if given is not None else Status.IN_PROGRESS


def parse_status(value: Any) -> Any:
    """Accept the Russian labels too ("выполнено"): that is what the paper says."""
    if isinstance(value, str):
        wanted = value.strip().lower()
        for status, (ru, en) in STATUS_LABELS.items():
            if wanted in (ru, en):
                return status.value
    return value


# --- the file ------------------------------------------------------------------------------


def one_or_many(value: Any) -> Any:
    """`responsible` may be one name or a list of them; it is always published as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str | int | float) else value


class ApprovingAct(Strict):
    kind: str = Field(min_length=1, description="Вид акта: распоряжение, постановление, решение…")
    number: str = Field(min_length=1, description="Номер акта, как в документе: 803, 165-р")
    date: dt.date = Field(description="Дата акта")
    issuer: str | None = Field(None, description="Кто издал акт: Администрация … района")


class PlanItem(Strict):
    id: str = Field(
        min_length=1, description="Номер пункта, уникальный в плане; на него ссылаются отчеты"
    )
    title: str = Field(min_length=1, description="Мероприятие")
    deadline: str | None = Field(None, description="Срок исполнения дословно, как в документе")
    due: dt.date | None = Field(
        None, description="Крайний срок датой, если формулировка его не дает"
    )
    responsible: list[str] = Field(
        default_factory=list, description="Ответственные (одна строка или список)"
    )
    expected_result: str | None = Field(None, description="Ожидаемый результат")

    @field_validator("responsible", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)


class PlanSection(Strict):
    title: str = Field(min_length=1, description="Название раздела")
    sections: list[PlanSection] = Field(
        default_factory=list, description="Подразделы (только один уровень вложенности)"
    )
    items: list[PlanItem] = Field(default_factory=list, description="Мероприятия раздела")


class PlanFields(ContentModel):
    approved_by: ApprovingAct | None = Field(None, description="Акт, которым утвержден план")
    signed_by: str | None = Field(None, description="Кто подписал: должность и фамилия")
    summary: str | None = Field(None, description="Кратко о плане (Markdown)")
    sections: list[PlanSection] = Field(min_length=1, description="Разделы плана")


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """A plan item with its place in the file (for lines) and in the sections."""

    loc: Loc
    item: PlanItem
    depth: int  # 0: in a top-level section; 1: in a subsection


def located_items(
    sections: list[PlanSection], loc: Loc = ("sections",), depth: int = 0
) -> Iterator[Located]:
    """Every item of the plan in document order, however deep (deep levels are errors)."""
    for index, section in enumerate(sections):
        here = (*loc, index)
        for number, plan_item in enumerate(section.items):
            yield Located((*here, "items", number), plan_item, depth)
        yield from located_items(section.sections, (*here, "sections"), depth + 1)


def plan_items(data: PlanFields) -> dict[str, PlanItem]:
    """Items by id (the first one where an id is repeated: that is an error anyway)."""
    found: dict[str, PlanItem] = {}
    for entry in located_items(data.sections):
        found.setdefault(entry.item.id, entry.item)
    return found


def item_anchor(item_id: str) -> str:
    return f"item-{item_id}"


def entry_anchor(item_id: str) -> str:
    return f"entry-{item_id}"


# --- the approving act and the signature, as on paper ----------------------------------------

_INSTRUMENTAL = MappingProxyType(
    {
        "распоряжение": "распоряжением",
        "постановление": "постановлением",
        "решение": "решением",
        "приказ": "приказом",
        "указ": "указом",
        "протокол": "протоколом",
    }
)
_GENITIVE = MappingProxyType(
    {
        "администрация": "администрации",
        "глава": "главы",
        "совет": "совета",
        "дума": "думы",
        "собрание": "собрания",
        "комитет": "комитета",
        "управление": "управления",
        "правительство": "правительства",
        "губернатор": "губернатора",
        "министерство": "министерства",
        "департамент": "департамента",
        "руководитель": "руководителя",
        "аппарат": "аппарата",
    }
)
_NAME_AT_END = re.compile(
    r"^(?P<position>.+?)\s+(?P<name>(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s(?:[А-ЯЁ]\.\s?){1,2})$"
)


def _inflect_first_word(text: str, table: Mapping[str, str]) -> str | None:
    first, _, rest = text.partition(" ")
    form = table.get(first.lower())
    if form is None:
        return None
    if first[:1].isupper():
        form = form[:1].upper() + form[1:]
    return f"{form} {rest}".strip()


class Approval(BaseModel):
    """The approval note («гриф утверждения») split into the lines it takes on paper."""

    word: str = Field(description="УТВЕРЖДЕН")
    act: str = Field(description="распоряжением администрации … района")
    date: dt.date
    number: str
    text: str = Field(description="Одной строкой: «Утвержден распоряжением … от 20.08.2020 № 803»")


def approval(act: ApprovingAct, language: str) -> Approval:
    when = act.date.strftime("%d.%m.%Y")
    if language == "en":
        by = f"{act.kind}" + (f" of {act.issuer}" if act.issuer else "")
        return Approval(
            word="Approved",
            act=by,
            date=act.date,
            number=act.number,
            text=f"Approved by {by} No. {act.number} of {when}",
        )
    kind = _inflect_first_word(act.kind, _INSTRUMENTAL)
    issuer = _inflect_first_word(act.issuer, _GENITIVE) if act.issuer else ""
    if kind is None or issuer is None:
        # A kind or issuer we cannot inflect is shown as written rather than misspelt.
        by = act.kind + (f" ({act.issuer})" if act.issuer else "")
        return Approval(
            word="Утвержден",
            act=by,
            date=act.date,
            number=act.number,
            text=f"Утвержден: {by} от {when} № {act.number}",
        )
    by = f"{kind} {issuer}".strip()
    return Approval(
        word="Утвержден",
        act=by,
        date=act.date,
        number=act.number,
        text=f"Утвержден {by} от {when} № {act.number}",
    )


class Signature(BaseModel):
    position: str = Field(description="Должность (может быть пустой)")
    name: str = Field(description="Фамилия и инициалы, или вся подпись, если их не выделить")


def signature(text: str) -> Signature:
    """Position on the left, name on the right, as a signature block is laid out."""
    flat = " ".join(text.split())
    match = _NAME_AT_END.match(flat)
    if match is None:
        return Signature(position="", name=flat)
    return Signature(position=match["position"], name=match["name"])


# --- what the plan page and its JSON show ------------------------------------------------------


class ReportRef(BaseModel):
    id: str
    title: str
    path: str = Field(description="Адрес на сайте")
    url: str = Field(description="Полный адрес")
    period_label: str
    period_end: dt.date | None
    published: dt.date


class StatusCount(BaseModel):
    status: Status | None = Field(description="null: пункты, которых нет ни в одном отчете")
    label: str
    count: int


class Progress(BaseModel):
    done: int
    total: int
    percent: float = Field(description="Доля выполненных, %")
    counts: list[StatusCount]


class ItemView(BaseModel):
    id: str
    anchor: str
    path: str
    title: str
    deadline: Deadline | None = Field(description="Разобранный срок; kind=text — не распознан")
    deadline_label: str | None
    due: dt.date | None = Field(description="Крайний срок: поле due или срок из формулировки")
    responsible: list[str]
    expected_result: str | None
    status: Status | None = Field(description="Статус по последнему отчету; null — нет в отчетах")
    status_label: str
    report: ReportRef | None
    entry_path: str | None = Field(description="Запись об этом пункте в последнем отчете")
    overdue: bool


class SectionView(BaseModel):
    title: str
    anchor: str
    level: int
    items: list[ItemView]
    sections: list[SectionView]
    progress: Progress


class OverdueItem(BaseModel):
    id: str
    title: str
    path: str
    due: dt.date
    status: Status | None
    status_label: str


class TimelineEntry(BaseModel):
    report: ReportRef
    counts: list[StatusCount]
    entries: int


class PlanView(BaseModel):
    as_of: dt.date = Field(description="Дата сборки, на которую определены просроченные пункты")
    approval: Approval | None
    signature: Signature | None
    progress: Progress
    sections: list[SectionView]
    overdue: list[OverdueItem]
    reports: list[TimelineEntry]


@dataclass(frozen=True)
class Reported:
    """An item's status in one report."""

    status: Status
    report: ReportRef


@dataclass
class JoinContext:
    plan: Item
    language: str
    today: dt.date
    latest: dict[str, Reported]
    deadlines: dict[str, Deadline]


def report_ref(report: Item, site: Site) -> ReportRef:
    # Imported here: glasnost.types.report imports this module (statuses, plan items).
    from glasnost.types.report import period_end, period_label

    return ReportRef(
        id=report.id,
        title=report.title,
        path=report.url,
        url=site.config.absolute(report.url),
        period_label=period_label(report.data, site.t),
        period_end=period_end(report.data),
        published=report.published,
    )


def reports_of(plan: Item, site: Site) -> list[Item]:
    """The plan's reports, oldest first: by period end, then by date of posting."""
    from glasnost.types.report import period_end

    chosen = [r for r in site.collection("report") if r.data.plan == plan.slug]
    return sorted(chosen, key=lambda r: (period_end(r.data) or r.published, r.published, r.slug))


def count_statuses(statuses: list[Status | None], language: str) -> list[StatusCount]:
    order: list[Status | None] = [*Status, None]
    return [
        StatusCount(status=s, label=status_label(s, language), count=statuses.count(s))
        for s in order
        if statuses.count(s)
    ]


def progress_of(statuses: list[Status | None], language: str) -> Progress:
    done = statuses.count(Status.DONE)
    total = len(statuses)
    percent = round(100 * done / total, 1) if total else 0.0
    return Progress(
        done=done, total=total, percent=percent, counts=count_statuses(statuses, language)
    )


def item_view(plan_item: PlanItem, ctx: JoinContext) -> ItemView:
    deadline = ctx.deadlines.get(plan_item.id)
    due = plan_item.due or (deadline.due if deadline is not None else None)
    reported = ctx.latest.get(plan_item.id)
    status = reported.status if reported else None
    return ItemView(
        id=plan_item.id,
        anchor=item_anchor(plan_item.id),
        path=f"{ctx.plan.url}#{item_anchor(plan_item.id)}",
        title=plan_item.title,
        deadline=deadline,
        deadline_label=describe(deadline, ctx.language) if deadline is not None else None,
        due=due,
        responsible=plan_item.responsible,
        expected_result=plan_item.expected_result,
        status=status,
        status_label=status_label(status, ctx.language),
        report=reported.report if reported else None,
        entry_path=f"{reported.report.path}#{entry_anchor(plan_item.id)}" if reported else None,
        overdue=due is not None and due < ctx.today and status is not Status.DONE,
    )


def section_view(section: PlanSection, anchor: str, level: int, ctx: JoinContext) -> SectionView:
    items = [item_view(i, ctx) for i in section.items]
    subsections = [
        section_view(sub, f"{anchor}-{n}", level + 1, ctx)
        for n, sub in enumerate(section.sections, 1)
    ]
    statuses = [i.status for i in all_item_views(items, subsections)]
    return SectionView(
        title=section.title,
        anchor=anchor,
        level=level,
        items=items,
        sections=subsections,
        progress=progress_of(statuses, ctx.language),
    )


def all_item_views(items: list[ItemView], sections: list[SectionView]) -> Iterator[ItemView]:
    yield from items
    for section in sections:
        yield from all_item_views(section.items, section.sections)


def latest_statuses(reports: list[Item], site: Site) -> dict[str, Reported]:
    """Each item's status from the latest report that mentions it (reports oldest first)."""
    latest: dict[str, Reported] = {}
    for report in reports:
        ref = report_ref(report, site)
        for entry in report.data.entries:
            if entry.item is not None:
                latest[entry.item] = Reported(effective_status(entry.status, entry.text), ref)
    return latest


def timeline_entry(report: Item, plan_ids: set[str], site: Site) -> TimelineEntry:
    entries = [e for e in report.data.entries if e.item in plan_ids]
    statuses: list[Status | None] = [effective_status(e.status, e.text) for e in entries]
    return TimelineEntry(
        report=report_ref(report, site),
        counts=count_statuses(statuses, site.language),
        entries=len(entries),
    )


def plan_view(plan: Item, site: Site) -> PlanView:
    data: PlanFields = plan.data
    reports = reports_of(plan, site)
    ctx = JoinContext(
        plan=plan,
        language=site.language,
        today=site.today,
        latest=latest_statuses(reports, site),
        deadlines=parsed_deadlines(data),
    )
    sections = [section_view(s, f"section-{n}", 1, ctx) for n, s in enumerate(data.sections, 1)]
    views = list(all_item_views([], sections))
    overdue = sorted((v for v in views if v.overdue), key=lambda v: v.due or dt.date.max)
    return PlanView(
        as_of=site.today,
        approval=approval(data.approved_by, site.language) if data.approved_by else None,
        signature=signature(data.signed_by) if data.signed_by else None,
        progress=progress_of([v.status for v in views], site.language),
        sections=sections,
        overdue=[
            OverdueItem(
                id=v.id,
                title=v.title,
                path=v.path,
                due=v.due,
                status=v.status,
                status_label=v.status_label,
            )
            for v in overdue
            if v.due is not None
        ],
        reports=[timeline_entry(r, {v.id for v in views}, site) for r in reports],
    )


def view_of(plan: Item) -> PlanView:
    """The plan's view, as PlanType.prepare made it."""
    view = plan.view
    if not isinstance(view, PlanView):  # pragma: no cover - prepare runs for every plan
        raise TypeError(f"{plan.rel}: the plan has no view")
    return view


def parsed_deadlines(data: PlanFields) -> dict[str, Deadline]:
    return {
        entry.item.id: parse_deadline(entry.item.deadline)
        for entry in located_items(data.sections)
        if entry.item.deadline and entry.item.deadline.strip()
    }


# --- the type ------------------------------------------------------------------------------

_BAD_ID = re.compile(r"[\s#]")


def _raw(data: Any, loc: Loc) -> Any:
    """The value as YAML gave it, before validation coerced it."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


class PlanType(ContentType):
    name = "plan"
    folder = "plans"
    pattern = "*.yaml"
    model = PlanFields
    computed_model = PlanView
    url_prefix = "/plans/"
    nav_order = 20
    template = "plan.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("План мероприятий", "Планы мероприятий"),
        "en": ("Plan of measures", "Plans of measures"),
    }
    ui: ClassVar[dict[str, tuple[str, str]]] = {
        "plan_progress": ("Ход выполнения", "Progress"),
        "plan_done_of": ("выполнено {done} из {total}", "{done} of {total} done"),
        "plan_by_status": ("По статусам", "By status"),
        "plan_no_reports": (
            "Отчетов о выполнении этого плана пока нет: "
            "статусы мероприятий появятся с первым отчетом.",
            "No reports on this plan yet: the measures' statuses appear with the first report.",
        ),
        "plan_as_of": (
            "Статус каждого мероприятия — по последнему отчету о нем; сведения на {date}",
            "Each measure's status is from its latest report; as of {date}",
        ),
        "plan_overdue": ("Просроченные мероприятия", "Overdue measures"),
        "plan_overdue_note": (
            "Срок исполнения прошел, а в отчетах нет отметки о выполнении (на {date}).",
            "The deadline has passed and no report marks the measure done (as of {date}).",
        ),
        "plan_no_overdue": ("Просроченных мероприятий нет.", "No overdue measures."),
        "plan_reports": ("Отчеты о выполнении плана", "Reports on the plan"),
        "plan_report_counts": ("пунктов в отчете: {n}", "entries: {n}"),
        "plan_contents": ("Разделы плана", "Sections of the plan"),
        "plan_measure": ("Мероприятие", "Measure"),
        "plan_deadline": ("Срок", "Deadline"),
        "plan_due": ("крайний срок", "due"),
        "plan_responsible": ("Ответственные", "Responsible"),
        "plan_status": ("Статус", "Status"),
        "plan_expected": ("Ожидаемый результат", "Expected result"),
        "plan_from_report": ("по отчету", "according to"),
        "plan_overdue_badge": ("срок прошел", "overdue"),
        "plan_signed": ("Подпись", "Signed"),
        "plan_items_n": ("мероприятий: {n}", "measures: {n}"),
        "plan_all": ("Все планы", "All plans"),
        "plan_print": (
            "Версия для печати: используйте печать браузера (Ctrl+P).",
            "To print, use the browser's print (Ctrl+P).",
        ),
    }
    messages: ClassVar[dict[str, Message]] = {
        "P100": Message(
            "пункт «{id}» уже есть в плане (строка {first})",
            "item '{id}' is already in the plan (line {first})",
            "Номер пункта должен быть уникальным в плане: по нему отчеты ссылаются "
            "на мероприятие. Исправьте один из номеров.",
            "An item's id must be unique in the plan: reports cite measures by it. "
            "Change one of the ids.",
        ),
        "P101": Message(
            "раздел вложен глубже одного уровня",
            "a section is nested more than one level deep",
            "Разделы плана вкладываются только на один уровень "
            "(например, форма взаимодействия → направление). "
            "Перенесите эти пункты в подраздел уровнем выше.",
            "Sections nest one level deep only (e.g. form of interaction → direction). "
            "Move these items into the subsection above.",
        ),
        "P102": Message(
            "срок «{text}» не распознан: он будет опубликован как есть, без даты",
            "deadline '{text}' was not recognised: it is published as written, without a date",
            "Это не ошибка. Если у мероприятия есть крайний срок, добавьте поле due: ГГГГ-ММ-ДД. "
            "Распознаются, например: «Постоянно», «Ежеквартально», «До 01.11.2018 года», "
            "«4 квартал 2018 года».",
            "This is not an error. If the measure has a due date, add 'due: YYYY-MM-DD'. "
            "Recognised wordings include «Постоянно», «Ежеквартально», «До 01.11.2018 года».",
        ),
        "P103": Message(
            "в разделе «{title}» нет ни мероприятий, ни подразделов",
            "section '{title}' has neither items nor subsections",
            "Добавьте в раздел items или удалите его.",
            "Add items to the section or remove it.",
        ),
        "P104": Message(
            "номер пункта {id} записан числом",
            "item id {id} is written as a number",
            'YAML читает 1.10 как число 1.1. Пишите номер в кавычках: id: "{id}".',
            'YAML reads 1.10 as the number 1.1. Quote the id: id: "{id}".',
        ),
        "P105": Message(
            "номер пункта «{id}» содержит пробел или знак #",
            "item id '{id}' contains a space or a '#'",
            "Номер пункта служит адресом ссылки на него (#item-1.1): пишите его без пробелов, "
            "например 1.1 или 2а.",
            "The id is part of the item's link (#item-1.1): write it without spaces, "
            "e.g. 1.1 or 2a.",
        ),
        "P106": Message(
            "в плане нет ни одного мероприятия",
            "the plan has no items",
            "Добавьте мероприятия в разделы плана (поле items).",
            "Add items to the plan's sections (the 'items' field).",
        ),
    }
    starter = """\
title: {title}
approved_by:
  kind: распоряжение
  number: "1"
  date: {today}
  issuer: Администрация муниципального образования
published: {today}
summary: Кратко о плане и о том, во исполнение чего он принят.
sections:
  - title: Первый раздел плана
    items:
      - id: "1"
        title: Первое мероприятие
        deadline: Постоянно
        responsible: Ответственный отдел
        expected_result: Ожидаемый результат
      - id: "2"
        title: Второе мероприятие
        deadline: До 31.12.2030
        responsible: [Первый ответственный, Второй ответственный]
"""

    # -- phase 1 ----------------------------------------------------------------------------
    def markdown_fields(self, item: Item) -> Iterator[MarkdownField]:
        if item.data.summary:
            yield MarkdownField("summary", item.data.summary, item.text_line("summary"))

    def check(self, item: Item, site: Site, diag: Diagnostics) -> None:
        data: PlanFields = item.data
        entries = list(located_items(data.sections))
        if not entries:
            diag.error("P106", item.rel, item.line("sections"))
        self._check_ids(item, entries, diag)
        self._check_sections(item, data.sections, ("sections",), 0, diag)
        self._check_deadlines(item, entries, diag)

    def _check_ids(self, item: Item, entries: list[Located], diag: Diagnostics) -> None:
        first_line: dict[str, int | None] = {}
        for entry in entries:
            line = item.line(*entry.loc, "id")
            if isinstance(_raw(item.source.data, (*entry.loc, "id")), float):
                diag.warning("P104", item.rel, line, id=entry.item.id)
            if _BAD_ID.search(entry.item.id):
                diag.error("P105", item.rel, line, id=entry.item.id)
            if entry.item.id in first_line:
                diag.error(
                    "P100", item.rel, line, id=entry.item.id, first=first_line[entry.item.id]
                )
            else:
                first_line[entry.item.id] = line

    def _check_sections(
        self, item: Item, sections: list[PlanSection], loc: Loc, depth: int, diag: Diagnostics
    ) -> None:
        for index, section in enumerate(sections):
            here = (*loc, index)
            if not section.items and not section.sections:
                diag.warning("P103", item.rel, item.line(*here, "title"), title=section.title)
            if section.sections and depth >= 1:
                diag.error("P101", item.rel, item.line(*here, "sections"))
            self._check_sections(item, section.sections, (*here, "sections"), depth + 1, diag)

    def _check_deadlines(self, item: Item, entries: list[Located], diag: Diagnostics) -> None:
        # The view's items are the file's, in the same order: parsed once, in prepare.
        views = all_item_views([], view_of(item).sections)
        for entry, view in zip(entries, views, strict=True):
            deadline = view.deadline
            if deadline is not None and deadline.kind is DeadlineKind.TEXT:
                line = item.line(*entry.loc, "deadline")
                diag.warning("P102", item.rel, line, text=deadline.text.strip())

    def prepare(self, item: Item, site: Site, diag: Diagnostics) -> PlanView:
        return plan_view(item, site)

    # -- phase 2 ----------------------------------------------------------------------------
    def computed(self, item: Item, site: Site) -> dict[str, Any]:
        return view_of(item).model_dump(mode="json")

    def page_context(self, item: Item, site: Site) -> dict[str, Any]:
        return {"plan": view_of(item)}

    def report(self, site: Site, language: str) -> str | None:
        """`build.py check`: each plan's progress and overdue measures, in plain text."""
        lines = []
        for plan in site.collection(self.name):
            view = view_of(plan)
            done = site.t("plan_done_of", done=view.progress.done, total=view.progress.total)
            lines.append(f"{plan.rel}: {plan.title}: {done}")
            lines.extend(
                f"    {site.t('plan_overdue_badge')}: {o.id} {o.title} ({o.due.isoformat()})"
                for o in view.overdue
            )
        return "\n".join(lines) or None

    def home_block(self, site: Site) -> HomeBlock | None:
        plans = site.collection(self.name)[:3]
        if not plans:
            return None
        return HomeBlock(40, "home/plan.html", {"plans": [(p, view_of(p)) for p in plans]})
