"""The wording of approving acts and signatures, as documents have them on paper.

A plan is approved by an act («утвержден распоряжением администрации … от … № …») and
signed by an official; both are written in the file as plain fields and shown in the
form readers know, the act's kind and issuer inflected where the words are known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

from pydantic import BaseModel, Field

from glasnost.config import Strict
from glasnost.i18n import choose
from glasnost.validate import IdText


class ApprovingAct(Strict):
    kind: str = Field(min_length=1, description="Вид акта: распоряжение, постановление, решение…")
    number: IdText = Field(min_length=1, description="Номер акта, как в документе: 803, 165-р")
    date: dt.date = Field(description="Дата акта")
    issuer: str | None = Field(None, description="Кто издал акт: Администрация … района")


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
    # Two grammars, not two translations of one sentence: Russian inflects the act's
    # kind and issuer («распоряжением администрации»), English does not.
    return choose((_approval_ru, _approval_en), language)(act)


def _approval_en(act: ApprovingAct) -> Approval:
    when = act.date.strftime("%d.%m.%Y")
    by = f"{act.kind}" + (f" of {act.issuer}" if act.issuer else "")
    return Approval(
        word="Approved",
        act=by,
        date=act.date,
        number=act.number,
        text=f"Approved by {by} No. {act.number} of {when}",
    )


def _approval_ru(act: ApprovingAct) -> Approval:
    when = act.date.strftime("%d.%m.%Y")
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
