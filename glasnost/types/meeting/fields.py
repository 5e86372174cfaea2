"""The meeting file: the announcement in the front matter, the outcome added later."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from glasnost.types.base import ContentModel
from glasnost.types.status import STATUS_LABELS, parse_status
from glasnost.validate import Choices

MeetingKind = Literal[
    "residents_meeting",
    "reception",
    "public_hearing",
    "public_discussion",
    "council_session",
    "other",
]
DecisionStatus = Literal["done", "in_progress", "not_done", "not_started"]
CommentsState = Literal["not_started", "open", "closed", "cancelled"]

# The Russian words a decision's status may be written in, as on a report's entries: the
# hint for a wrong status lists them.
DECISION_WORDS = {
    str(code): ru for code, (ru, _) in STATUS_LABELS.items() if code in get_args(DecisionStatus)
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Location(_Strict):
    name: str = Field(min_length=1, description="Место: название (учреждение, помещение)")
    address: str | None = Field(None, description="Адрес (или адрес сайта, если обсуждение в сети)")


class Decision(_Strict):
    text: str = Field(min_length=1, description="Решение или поручение (Markdown)")
    responsible: str | list[str] = Field(description="Ответственный исполнитель (один или список)")
    due: date | None = Field(None, description="Срок исполнения")
    status: Annotated[DecisionStatus, Choices(DECISION_WORDS)] = Field(
        description="Ход исполнения: done | in_progress | not_done | not_started"
    )

    @field_validator("status", mode="before")
    @classmethod
    def _russian_status(cls, value: object) -> object:
        # The words a report takes («выполнено», «не начато») are taken here too.
        return parse_status(value)


class Answer(_Strict):
    question: str = Field(min_length=1, description="Общественно значимый вопрос")
    answer: str = Field(min_length=1, description="Ответ (Markdown)")


class Outcome(_Strict):
    attendance: int | None = Field(None, ge=0, description="Число участников")
    protocol: str | None = Field(
        None, description="Протокол: файл в content/files/, например files/protocol.pdf"
    )
    decisions: list[Decision] = Field(default_factory=list, description="Решения и поручения")
    answers: list[Answer] = Field(
        default_factory=list, description="Ответы на общественно значимые вопросы"
    )


class MeetingFields(ContentModel):
    kind: MeetingKind = Field(description="Вид мероприятия")
    start: datetime = Field(
        description="Начало: 2024-05-20T18:00 (время сайта) или с поясом, 2024-05-20T18:00+05:00"
    )
    end: datetime | None = Field(None, description="Окончание")
    location: Location = Field(description="Место проведения")
    host: str | None = Field(None, description="Кто проводит")
    announced: date = Field(description="Дата первой публикации объявления")
    announced_source: str | None = Field(
        None,
        description="Где объявление вышло впервые, если не на этом сайте (газета, прежний сайт)",
    )
    invited: list[str] = Field(default_factory=list, description="Приглашённые")
    comments_until: date | None = Field(
        None, description="Общественное обсуждение: последний день приёма замечаний и предложений"
    )
    cancelled: bool = Field(False, description="Отменено: остаётся на сайте с пометкой")
    draft: bool = Field(False, description="Черновик: не публикуется")
    outcome: Outcome | None = Field(None, description="Итоги, добавляются после мероприятия")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _time_required(cls, value: object) -> object:
        # A bare date would silently become midnight: a meeting needs its hour.
        bare = isinstance(value, date) and not isinstance(value, datetime)
        if bare or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())):
            day = str(value).strip()
            raise ValueError(f"нужны дата и время, например {day}T18:00 (время сайта)")
        return value
