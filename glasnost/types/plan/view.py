"""What the plan page and its JSON show: the plan joined with its reports.

Each measure shows its status from the latest report that mentions it, each section and
the whole plan its progress, and measures whose due date passed without a `done` status
are listed as overdue. The reports are read through their fields (period, entries),
never through their views, so plans and reports may be prepared in any order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from glasnost.deadlines import Deadline, describe, in_year, parse_deadline, plan_year
from glasnost.types.approval import Approval, Signature, approval, signature
from glasnost.types.base import Item
from glasnost.types.plan.fields import (
    PlanFields,
    PlanItem,
    PlanSection,
    entry_anchor,
    item_anchor,
    located_items,
)
from glasnost.types.status import (
    Progress,
    Status,
    StatusCount,
    count_statuses,
    effective_status,
    progress_of,
    status_label,
)

if TYPE_CHECKING:
    from glasnost.site import Site


class ReportRef(BaseModel):
    id: str
    title: str
    path: str = Field(description="Адрес на сайте")
    url: str = Field(description="Полный адрес")
    period_label: str
    period_end: dt.date | None
    published: dt.date


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
    # The report's own fields (ReportFields) say what its period is: no import of the
    # report type, which imports the plan's fields.
    return ReportRef(
        id=report.id,
        title=report.title,
        path=report.url,
        url=site.config.absolute(report.url),
        period_label=report.data.period_label(site.t),
        period_end=report.data.period_end(),
        published=report.published,
    )


def reports_of(plan: Item, site: Site) -> list[Item]:
    """The plan's reports, oldest first: by period end, then by date of posting."""
    chosen = [r for r in site.collection("report") if r.data.plan == plan.slug]
    return sorted(chosen, key=lambda r: (r.data.period_end() or r.published, r.published, r.slug))


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
    year = data.year or plan_year(data.title)  # «IV квартал» is of the plan's year
    return {
        entry.item.id: in_year(parse_deadline(entry.item.deadline), year)
        for entry in located_items(data.sections)
        if entry.item.deadline and entry.item.deadline.strip()
    }
