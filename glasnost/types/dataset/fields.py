"""The file a press secretary writes: content/datasets/ID/dataset.yaml, as pydantic models.

Passport fields other than the title, `created` and the structure are optional here:
the build warns about each missing one and the compliance report lists it, so a set
can be started before every detail is known (the starter of `build.py new dataset`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from glasnost.types.base import ContentModel

ColumnType = Literal["string", "integer", "number", "date", "boolean"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Publisher(_Strict):
    name: str | None = Field(None, description="Ответственное лицо (ФИО)")
    phone: str | None = Field(None, description="Телефон ответственного лица")
    email: str | None = Field(None, description="Адрес электронной почты ответственного лица")


class Column(_Strict):
    name: str = Field(min_length=1, description="Имя столбца в CSV (латиница)")
    title: str = Field(min_length=1, description="Описание столбца по-русски")
    type: ColumnType = Field(description="Формат значений: string, integer, number, date, boolean")
    description_en: str | None = Field(
        None, description="Описание по-английски; по умолчанию — имя"
    )
    required: bool = Field(False, description="Значение обязательно в каждой строке")


class Version(_Strict):
    date: dt.date = Field(description="Дата версии данных")
    file: str = Field(min_length=1, description="Файл CSV рядом с dataset.yaml")
    provenance: str | None = Field(None, description="Содержание изменения")
    structure: dt.date | None = Field(
        None, description="Дата версии структуры; по умолчанию — дата создания набора (created)"
    )
    valid: dt.date | None = Field(
        None,
        description="Дата актуальности этой версии; по умолчанию у последней — valid набора, "
        "у прежних — дата следующей версии",
    )


class DatasetFields(ContentModel):
    description: str | None = Field(None, description="Описание набора (Markdown)")
    creator: str | None = Field(
        None, description="Владелец набора; по умолчанию — название организации из site_config.yaml"
    )
    subject: list[str] | str | None = Field(None, description="Ключевые слова")
    publisher: Publisher | None = Field(None, description="Ответственное лицо")
    created: dt.date = Field(description="Дата первой публикации набора")
    valid: dt.date | None = Field(None, description="Дата, до которой данные актуальны")
    update_frequency: str | None = Field(None, description="Периодичность обновления")
    license: str | None = Field(
        None,
        description="Условия использования; по умолчанию — opendata.license из site_config.yaml",
    )
    structure: list[Column] = Field(min_length=1, description="Столбцы CSV по порядку")
    versions: list[Version] = Field(
        default_factory=list, description="Версии данных, новая — последней"
    )

    def subjects(self) -> list[str]:
        """Keywords as a list: a comma-separated string is accepted as well as a list."""
        if self.subject is None:
            return []
        parts = self.subject.split(",") if isinstance(self.subject, str) else self.subject
        return [p.strip() for p in parts if p.strip()]
