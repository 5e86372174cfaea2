"""Tests of glasnost.deadlines: every «срок» wording of the seed plans, and more.

Each expected value was worked out by hand from the wording (calendar arithmetic
included: February 2019 has 28 days, February 2020 has 29), not copied from output.
Seeds: 000 = /work/shared/seeds/000_0917c0fb8b3572aa.txt (Сосновский район),
003 = 003_72ce74084549e37e.txt (Верхняя Пышма), 004 = 004_b8900fdaddcf4a8f.txt
(Левокумский округ; the срок is in parentheses after the responsible persons).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from glasnost.deadlines import Deadline, DeadlineKind, describe, parse_deadline

K = DeadlineKind


def d(text: str, kind: DeadlineKind, **fields: Any) -> Deadline:
    return Deadline(text=text, kind=kind, **fields)


# --- seed phrases -------------------------------------------------------------------

SEED_000 = [
    d("Постоянно", K.CONTINUOUS),
    d("Постоянно ", K.CONTINUOUS),  # trailing space as in the seed
    d("постоянно", K.CONTINUOUS),
    d("По мере необходимости", K.AS_NEEDED),
    d("1 раз в месяц по графику", K.MONTHLY, note="по графику"),
    d("Декабрь ", K.MONTH, month=12),  # no year: no start/due
    d("По результатам мониторинга", K.AS_NEEDED, note="по результатам мониторинга"),
    d("Ноябрь ", K.MONTH, month=11),
    d("1 раз в квартал", K.QUARTERLY),
    d("Март", K.MONTH, month=3),
    d("1 раз в год", K.YEARLY),
    d("При составлении планов работы", K.AS_NEEDED, note="при составлении планов работы"),
]
# 000 also has "По графику" / "По графику " (no period named): see UNPARSEABLE.

SEED_003 = [
    d("До 01.11.2018 года", K.DATE, due=date(2018, 11, 1), year=2018, month=11, day=1),
    d("В течение 2018 года", K.YEAR, year=2018,
      start=date(2018, 1, 1), due=date(2018, 12, 31)),
    d("Постоянно", K.CONTINUOUS),
    d("Июль 2018 года", K.MONTH, year=2018, month=7,
      start=date(2018, 7, 1), due=date(2018, 7, 31)),
    d("4 квартал 2018 года", K.QUARTER, year=2018, quarter=4,
      start=date(2018, 10, 1), due=date(2018, 12, 31)),
    d("1 квартал 2019 года", K.QUARTER, year=2019, quarter=1,
      start=date(2019, 1, 1), due=date(2019, 3, 31)),
    # Quarters 2 and 3: April 1 to September 30.
    d("2-3 квартал 2019 года", K.RANGE, year=2019,
      start=date(2019, 4, 1), due=date(2019, 9, 30)),
    d("4 квартал 2019 года", K.QUARTER, year=2019, quarter=4,
      start=date(2019, 10, 1), due=date(2019, 12, 31)),
    d("2 квартал 2018 года", K.QUARTER, year=2018, quarter=2,
      start=date(2018, 4, 1), due=date(2018, 6, 30)),
    d("До 1 декабря 2018 года", K.DATE, due=date(2018, 12, 1), year=2018, month=12, day=1),
    d("Декабрь 2018 года", K.MONTH, year=2018, month=12,
      start=date(2018, 12, 1), due=date(2018, 12, 31)),
    # Two years named: no single year.
    d("Декабрь 2018-январь 2019 годов", K.RANGE,
      start=date(2018, 12, 1), due=date(2019, 1, 31)),
    d("Февраль 2019 года", K.MONTH, year=2019, month=2,
      start=date(2019, 2, 1), due=date(2019, 2, 28)),
    d("Март 2019 года", K.MONTH, year=2019, month=3,
      start=date(2019, 3, 1), due=date(2019, 3, 31)),
    d("2019 год", K.YEAR, year=2019, start=date(2019, 1, 1), due=date(2019, 12, 31)),
    d("Ежеквартально", K.QUARTERLY),
    d("Ежегодно", K.YEARLY),
    d("Еженедельно", K.WEEKLY),
    d("По мере поступления", K.AS_NEEDED, note="по мере поступления"),
]

SEED_004 = [
    d("(ежегодно, до 01 марта)", K.YEARLY, month=3, day=1),
    d("(ежегодно,\nдо 01 мая)", K.YEARLY, month=5, day=1),  # line break inside, as in the seed
    d("(ежегодно)", K.YEARLY),
    d("(ежегодно) ", K.YEARLY),
    d("(постоянно)", K.CONTINUOUS),
    d("(по мере необходимости)", K.AS_NEEDED),
    # From the report's title "за I полугодие 2022 года" (a period, not a срок).
    d("I полугодие 2022 года", K.HALF_YEAR, year=2022, half=1,
      start=date(2022, 1, 1), due=date(2022, 6, 30)),
]

# --- phrases expected in other plans --------------------------------------------------

EXTRA = [
    d("ежемесячно", K.MONTHLY),
    d("ЕЖЕДНЕВНО.", K.DAILY),
    d("на постоянной основе", K.CONTINUOUS),
    d("при необходимости", K.AS_NEEDED),
    d("II полугодие 2019 г.", K.HALF_YEAR, year=2019, half=2,
      start=date(2019, 7, 1), due=date(2019, 12, 31)),
    d("первое полугодие 2020 года", K.HALF_YEAR, year=2020, half=1,
      start=date(2020, 1, 1), due=date(2020, 6, 30)),
    d("в 1-ом полугодии 2022 года", K.HALF_YEAR, year=2022, half=1,
      start=date(2022, 1, 1), due=date(2022, 6, 30)),
    d("2 полугодие", K.HALF_YEAR, half=2),
    d("III квартал 2021", K.QUARTER, year=2021, quarter=3,
      start=date(2021, 7, 1), due=date(2021, 9, 30)),
    d("IV кв. 2018 г.", K.QUARTER, year=2018, quarter=4,
      start=date(2018, 10, 1), due=date(2018, 12, 31)),
    d("во II квартале 2019 г.", K.QUARTER, year=2019, quarter=2,
      start=date(2019, 4, 1), due=date(2019, 6, 30)),
    d("1-й квартал 2020 г.", K.QUARTER, year=2020, quarter=1,
      start=date(2020, 1, 1), due=date(2020, 3, 31)),
    d("Четвертый квартал 2020 года", K.QUARTER, year=2020, quarter=4,
      start=date(2020, 10, 1), due=date(2020, 12, 31)),
    d("Четвёртый  квартал  2020  года.", K.QUARTER, year=2020, quarter=4,
      start=date(2020, 10, 1), due=date(2020, 12, 31)),  # ё and doubled spaces
    d("1 квартал", K.QUARTER, quarter=1),
    d("в течение года", K.YEAR),  # the plan's year, unnamed: a period, not YEARLY
    d("в декабре 2020 года", K.MONTH, year=2020, month=12,
      start=date(2020, 12, 1), due=date(2020, 12, 31)),
    d("до конца 2020 года", K.YEAR, year=2020, start=date(2020, 1, 1), due=date(2020, 12, 31)),
    d("до 31 декабря 2021 г.", K.DATE, due=date(2021, 12, 31), year=2021, month=12, day=31),
    d("до 15.03.2022", K.DATE, due=date(2022, 3, 15), year=2022, month=3, day=15),
    d("не позднее 1 марта 2020 г.", K.DATE, due=date(2020, 3, 1), year=2020, month=3, day=1),
    d("01.11.18", K.DATE, due=date(2018, 11, 1), year=2018, month=11, day=1),
    d("до 01.11.2018 г. включительно", K.DATE, due=date(2018, 11, 1),
      year=2018, month=11, day=1),
    d("до 1 сентября", K.DATE, month=9, day=1),  # no year: no due
    d("2019-2020 годы", K.RANGE, start=date(2019, 1, 1), due=date(2020, 12, 31)),
    d("в течение 2019 – 2020 гг.", K.RANGE, start=date(2019, 1, 1), due=date(2020, 12, 31)),
    d("январь-март 2020 г.", K.RANGE, year=2020,
      start=date(2020, 1, 1), due=date(2020, 3, 31)),
    d("с января по март 2020 г.", K.RANGE, year=2020,
      start=date(2020, 1, 1), due=date(2020, 3, 31)),
    # The year is written once: November is of the year before (2020 is a leap year).
    d("ноябрь-февраль 2020", K.RANGE, start=date(2019, 11, 1), due=date(2020, 2, 29)),
    d("II–III кв. 2019 г.", K.RANGE, year=2019,
      start=date(2019, 4, 1), due=date(2019, 9, 30)),
    d("4 квартал 2018 - 1 квартал 2019", K.RANGE,
      start=date(2018, 10, 1), due=date(2019, 3, 31)),
    d("ежегодно до 1 апреля", K.YEARLY, month=4, day=1),
    d("ежегодно в декабре", K.YEARLY, month=12),
    d("по итогам года", K.YEARLY, note="по итогам года"),
    d("Ежегодно, по итогам года", K.YEARLY, note="по итогам года"),
    d("ежеквартально по итогам квартала", K.QUARTERLY, note="по итогам квартала"),
    d("2 раза в год", K.HALF_YEARLY),
    d("дважды в год", K.HALF_YEARLY),
    d("1 раз в полугодие", K.HALF_YEARLY),
    d("4 раза в год", K.QUARTERLY),
    d("раз в неделю", K.WEEKLY),
    d("не реже 1 раза в квартал", K.QUARTERLY),
    d("не реже одного раза в квартал", K.QUARTERLY),
    d("Ежемесячно, согласно графику", K.MONTHLY, note="согласно графику"),
    d("по мере поступления обращений", K.AS_NEEDED, note="по мере поступления обращений"),
]

UNPARSEABLE = [
    "По графику",  # seed 000: no period named
    "По графику ",  # seed 000
    "в течение 30 дней",  # counted from an event the wording does not name
    "до 2024 года",  # by the start or the end of 2024?
    "январь-март",  # a range without a year has no fields to hold both months
    "2-3 квартал",
    "3 раза в год",  # no kind for three times a year
    "2 раза в месяц",
    "ежемесячно, до 5 числа месяца и ежеквартально",  # two recurrences in one wording
    "по мере необходимости, но не реже 1 раза в год",
    "5 квартал 2019",
    "III полугодие 2019",
    "31.02.2020",  # no such day
    "29.02.2019",  # not a leap year
    "01.13.2020",
    "01.01.0000",
    "декабрь 2018-январь",  # the end has no year to give the start
    "март-январь 2020 2021",
    "",
    "   ",
    "-",
    "до",
    "ежегодно до",
    "В соответствии с планом работы на 2021 год",
]


@pytest.mark.parametrize("expected", SEED_000 + SEED_003 + SEED_004 + EXTRA,
                         ids=lambda e: repr(e.text))
def test_parse(expected: Deadline) -> None:
    result = parse_deadline(expected.text)
    assert result == expected
    assert result.parsed


@pytest.mark.parametrize("text", UNPARSEABLE, ids=repr)
def test_unparseable_is_text_kept_verbatim(text: str) -> None:
    result = parse_deadline(text)
    assert result == Deadline(text=text, kind=K.TEXT)
    assert not result.parsed


# --- labels ---------------------------------------------------------------------------

DESCRIBED = [
    ("До 01.11.2018 года", "до 1 ноября 2018 г.", "by 1 November 2018"),
    ("до 1 сентября", "до 1 сентября", "by 1 September"),
    ("Постоянно", "постоянно", "ongoing"),
    ("По мере необходимости", "по мере необходимости", "as needed"),
    ("По мере поступления", "по мере поступления", "as received"),
    ("по мере поступления обращений", "по мере поступления обращений",
     "по мере поступления обращений"),  # no translation known: the trigger as written
    ("1 раз в месяц по графику", "ежемесячно (по графику)", "monthly (as scheduled)"),
    ("Ежеквартально", "ежеквартально", "quarterly"),
    ("Еженедельно", "еженедельно", "weekly"),
    ("2 раза в год", "раз в полгода", "every six months"),
    ("(ежегодно)", "ежегодно", "annually"),
    ("(ежегодно, до 01 марта)", "ежегодно до 1 марта", "annually by 1 March"),
    ("ежегодно в декабре", "ежегодно в декабре", "annually in December"),
    ("по итогам года", "ежегодно (по итогам года)", "annually (after the year's results)"),
    ("4 квартал 2018 года", "IV квартал 2018 г.", "Q4 2018"),
    ("1 квартал", "I квартал", "Q1"),
    ("II полугодие 2019 г.", "II полугодие 2019 г.", "H2 2019"),
    ("В течение 2018 года", "в течение 2018 г.", "during 2018"),
    ("в течение года", "в течение года", "during the year"),
    ("Декабрь ", "декабрь", "December"),
    ("Июль 2018 года", "июль 2018 г.", "July 2018"),
    ("Декабрь 2018-январь 2019 годов", "декабрь 2018 г. – январь 2019 г.",
     "December 2018 – January 2019"),
    ("январь-март 2020 г.", "январь – март 2020 г.", "January – March 2020"),
    ("2-3 квартал 2019 года", "апрель – сентябрь 2019 г.", "April – September 2019"),
    ("2019-2020 годы", "2019–2020 гг.", "2019–2020"),
    ("в  течение 30 дней ", "в течение 30 дней", "в течение 30 дней"),
]


@pytest.mark.parametrize(("text", "russian", "english"), DESCRIBED, ids=repr)
def test_describe(text: str, russian: str, english: str) -> None:
    deadline = parse_deadline(text)
    assert describe(deadline) == russian
    assert describe(deadline, "ru") == russian
    assert describe(deadline, language="en") == english


def test_describe_range_of_days() -> None:
    # No wording parses to such a range, but a Deadline built by hand may hold one.
    deadline = d("x", K.RANGE, start=date(2020, 1, 15), due=date(2020, 2, 10))
    assert describe(deadline) == "15 января 2020 г. – 10 февраля 2020 г."
    assert describe(deadline, "en") == "15 January 2020 – 10 February 2020"


def test_describe_falls_back_to_wording_when_numbers_missing() -> None:
    assert describe(d(" Ноябрь  ", K.MONTH)) == "Ноябрь"
    assert describe(d("до конца", K.DATE), "en") == "до конца"


def test_describe_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="'de'"):
        describe(parse_deadline("Постоянно"), "de")


# --- the model ------------------------------------------------------------------------


def test_deadline_is_frozen() -> None:
    deadline = parse_deadline("Постоянно")
    with pytest.raises(ValidationError):
        deadline.kind = K.TEXT  # type: ignore[misc]


@pytest.mark.parametrize("fields", [{"month": 13}, {"day": 0}, {"quarter": 5}, {"half": 3}])
def test_deadline_rejects_impossible_numbers(fields: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        Deadline.model_validate({"text": "x", "kind": "text", **fields})


def test_kinds_serialize_as_strings() -> None:
    dumped = parse_deadline("4 квартал 2018 года").model_dump(mode="json")
    assert dumped["kind"] == "quarter"
    assert dumped["due"] == "2018-12-31"
