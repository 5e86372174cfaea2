"""Item numbers, sections and approving acts as Russian plans write them.

Shared by the plan and the report import: «1.», «2.3», «12.1» in a column of their own
or at the start of the title («1. Разработка …»), section headings «1. Развитие …»,
«Раздел II. …», and the approval stamp «УТВЕРЖДЕН распоряжением администрации …
от 07.03.2018 № 118» or «Распоряжение … от «20» августа 2020 г. № 803».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from glasnost.importers.tables import clean

_NUMBER_CELL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
# «1. Текст», «1) Текст», «2.3 Текст», «2.3. Текст»: a lone number needs its dot or
# bracket, so that «5 публикаций» is not read as item 5.
_TITLE_NUMBER = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})[.)])\s+(\S.*)$", re.S)
_ROMAN = re.compile(r"^(?:раздел\s+)?([IVXL]+)[.)]\s+(\S.*)$", re.I | re.S)
_SECTION_WORD = re.compile(r"^раздел\s+(\d{1,3})\.?\s+(\S.*)$", re.I | re.S)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def number_cell(text: str) -> str | None:
    """«1.» → «1», «2.3» → «2.3»; None for anything that is not a number."""
    found = _NUMBER_CELL.match(clean(text))
    return found.group(1) if found else None


def split_number(text: str) -> tuple[str | None, str]:
    """A title's leading number and the rest: «1. Разработка …» → («1», «Разработка …»)."""
    found = _TITLE_NUMBER.match(text)
    if not found:
        return None, text
    return found.group(1) or found.group(2), found.group(3)


def split_section_number(text: str) -> tuple[str | None, str]:
    """Like split_number, also for «Раздел 2. …» and Roman numbers («II. …»)."""
    for pattern in (_SECTION_WORD,):
        found = pattern.match(text)
        if found:
            return found.group(1), found.group(2)
    roman = _ROMAN.match(text)
    if roman:
        return str(_roman_value(roman.group(1).upper())), roman.group(2)
    return split_number(text)


def _roman_value(letters: str) -> int:
    total = 0
    for index, letter in enumerate(letters):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[letters[index + 1]] if index + 1 < len(letters) else 0
        total += -value if value < following else value
    return total


# --- the approving act ----------------------------------------------------------------------

_MONTHS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр",
)  # fmt: skip
_ACT = re.compile(
    r"(распоряжени|постановлени|решени|приказ)\w*\s+(.{0,200}?)\s*от\s+"
    r"(\d{1,2}\.\d{1,2}\.\d{4}|«?\d{1,2}»?\s+[а-я]+\s+\d{4})\s*(?:г\.|года|г)?\s*"
    r"№\s*([0-9A-Za-zА-Яа-я/\-]+)",
    re.I,
)
_KINDS = {
    "распоряжени": "распоряжение",
    "постановлени": "постановление",
    "решени": "решение",
    "приказ": "приказ",
}
# The issuer is named in the genitive («администрации … района»); the plan file names it.
_ISSUERS = {
    "администрации": "Администрация",
    "главы": "Глава",
    "думы": "Дума",
    "совета": "Совет",
    "собрания": "Собрание",
    "правительства": "Правительство",
    "губернатора": "Губернатор",
}


@dataclass(frozen=True)
class Act:
    kind: str
    number: str
    date: dt.date
    issuer: str | None


def find_act(paragraphs: list[str]) -> Act | None:
    """The act that approved the document, from the text above its table."""
    found = _ACT.search(" ".join(paragraphs))
    if not found:
        return None
    day = _act_date(found.group(3))
    if day is None:
        return None
    return Act(
        kind=_KINDS[found.group(1).lower()],
        number=found.group(4).rstrip(".-"),
        date=day,
        issuer=_issuer(found.group(2)),
    )


def _act_date(text: str) -> dt.date | None:
    numeric = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if numeric:
            return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        words = re.fullmatch(r"«?(\d{1,2})»?\s+([а-я]+)\s+(\d{4})", text.lower())
        if words:
            month = next(
                (n for n, stem in enumerate(_MONTHS, 1) if words.group(2).startswith(stem)), None
            )
            if month is not None:
                return dt.date(int(words.group(3)), month, int(words.group(1)))
    except ValueError:  # 31.02.2020: no such day, no act date
        return None
    return None


def _issuer(text: str) -> str | None:
    words = clean(text).split(" ")
    if not words or not words[0]:
        return None
    first = _ISSUERS.get(words[0].lower(), words[0][:1].upper() + words[0][1:])
    return " ".join([first, *words[1:]])
