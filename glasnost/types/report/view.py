"""What the report page and its JSON show: entries joined with the plan's items."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from glasnost.types.approval import Signature, signature
from glasnost.types.base import Item
from glasnost.types.plan.fields import PlanItem, entry_anchor, item_anchor, plan_items
from glasnost.types.report.fields import Entry, Figure, ReportFields
from glasnost.types.status import Progress, Status, effective_status, progress_of, status_label
from glasnost.types.surveys import SurveyResult, survey_result

if TYPE_CHECKING:
    from glasnost.site import Site


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
