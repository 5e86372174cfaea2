"""The plan file: sections of measures, each measure with its id and deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import Field, field_validator

from glasnost.config import Strict
from glasnost.types.approval import ApprovingAct
from glasnost.types.base import ContentModel
from glasnost.validate import IdText


def one_or_many(value: Any) -> Any:
    """`responsible` may be one name or a list of them; it is always published as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str | int | float) else value


class PlanItem(Strict):
    id: IdText = Field(
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
    year: int | None = Field(
        None,
        ge=1900,
        le=2100,
        description="Год плана: для сроков без года («IV квартал»); по умолчанию из заголовка",
    )


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
