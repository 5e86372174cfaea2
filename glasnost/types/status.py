"""The status vocabulary shared by plans, reports and meeting decisions.

How far a measure (or a decision) has got, its labels in both languages, the Russian
words accepted in place of the codes (what the paper says: «выполнено»), the status an
entry is published with, and progress counts. One vocabulary, so that a word accepted in
a report is accepted in a meeting's decisions too.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, Field

from glasnost.i18n import choose


class Status(StrEnum):
    """How far a measure has got, as a report states it."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"
    NOT_STARTED = "not_started"
    NO_DATA = "no_data"

    def label(self, language: str) -> str:  # read by validation: the hint lists the words
        return status_label(self, language)


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
    return choose(STATUS_LABELS[status] if status is not None else UNREPORTED_LABEL, language)


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


# --- progress ----------------------------------------------------------------------------


class StatusCount(BaseModel):
    status: Status | None = Field(description="null: пункты, которых нет ни в одном отчете")
    label: str
    count: int


class Progress(BaseModel):
    done: int
    total: int
    percent: float = Field(description="Доля выполненных, %")
    counts: list[StatusCount]


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
