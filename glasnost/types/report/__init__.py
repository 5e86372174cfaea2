"""Reports: content/reports/SLUG.yaml, published at /reports/SLUG/.

Two kinds of report come in practice, and both are first-class here: a tabular report
on a plan (seed 004: one entry per plan item, with a status and what was done) and a
narrative letter (seed 001: all body). A report may carry survey results (counts; the
site computes the shares) and figures an entry reports.

An entry cites its plan item by id; the item must exist in the plan the report names.
The plan page joins back (glasnost/types/plan/view.py): each item's status comes from its
latest report.

The package: `fields` (the file), `view` (the join with the plan), `messages` (R1xx
diagnostics and template strings); the type and its rules are here.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from glasnost.feeds import default_entry
from glasnost.i18n import choose
from glasnost.types.base import ContentType, FeedEntry, HomeBlock, Item, MarkdownField
from glasnost.types.plan.fields import plan_items
from glasnost.types.report.fields import Entry as Entry  # imported from here before the split
from glasnost.types.report.fields import ReportFields
from glasnost.types.report.messages import MESSAGES, SUGGESTIONS, UI
from glasnost.types.report.view import ReportView, report_view, view_of
from glasnost.types.status import Status, status_label

if TYPE_CHECKING:
    from glasnost.diagnostics import Diagnostics
    from glasnost.site import Site


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
    nav_order = 40
    template = "report.html"
    titles: ClassVar[dict[str, tuple[str, str]]] = {
        "ru": ("Отчет", "Отчеты"),
        "en": ("Report", "Reports"),
    }
    ui = UI
    messages = MESSAGES
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

    def feed_entries(self, item: Item, site: Site) -> Iterable[FeedEntry]:

        label = view_of(item).period_label
        entry = default_entry(item, site)
        yield dataclasses.replace(entry, summary=label or entry.title)

    def home_block(self, site: Site) -> HomeBlock | None:
        reports = site.collection(self.name)[:5]
        if not reports:
            return None
        return HomeBlock(30, "home/report.html", {"reports": reports})
