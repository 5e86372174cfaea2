"""The report file: period, entries on plan items (or free ones), surveys, body."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_serializer, field_validator

from glasnost.config import Strict
from glasnost.types.base import ContentModel
from glasnost.types.plan.fields import one_or_many
from glasnost.types.status import Status, parse_status
from glasnost.types.surveys import Survey
from glasnost.validate import IdText

if TYPE_CHECKING:
    from glasnost.i18n import Translator


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
    item: IdText | None = Field(None, description="Номер пункта плана (id), о котором запись")
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
    plan: IdText | None = Field(None, description="Адрес (slug) плана, о выполнении которого отчет")
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
