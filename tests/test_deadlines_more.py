"""More real deadline wordings (issue 12, part 4), in the style of tests/test_deadlines.py:
each expected value worked out by hand. Each wording is either read into its structured
form or kept as text with a reason the warning can name; none is silently wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from glasnost.deadlines import (
    Deadline,
    DeadlineKind,
    Unread,
    describe,
    in_year,
    parse_deadline,
    plan_year,
    why_unread,
)
from tests.conftest import BuildRun

K = DeadlineKind


def d(text: str, kind: DeadlineKind, **fields: Any) -> Deadline:
    return Deadline(text=text, kind=kind, **fields)


AFTER_QUARTER = "месяца, следующего за кварталом"

READ = [
    d("ежемесячно, до 5 числа", K.MONTHLY, day=5),
    d("Ежемесячно до 5-го числа", K.MONTHLY, day=5),
    d("до 10 числа каждого месяца", K.MONTHLY, day=10),
    d("ежемесячно, не позднее 5 числа месяца, следующего за отчетным", K.MONTHLY, day=5,
      note="следующего месяца"),
    d("не позднее 15 числа месяца, следующего за отчётным кварталом", K.QUARTERLY, day=15,
      note=AFTER_QUARTER),
    d("Ежеквартально, до 20 числа месяца, следующего за отчетным", K.QUARTERLY, day=20,
      note=AFTER_QUARTER),
    d("ежеквартально до 10 числа", K.QUARTERLY, day=10),
    d("ежемесячно, до 31 числа", K.MONTHLY, day=31),  # the boundary of a month
]
LABELS = [
    ("ежемесячно, до 5 числа", "ежемесячно до 5 числа", "monthly by day 5"),
    (
        "не позднее 15 числа месяца, следующего за отчётным кварталом",
        "ежеквартально до 15 числа месяца, следующего за кварталом",
        "quarterly by day 15 of the month after the quarter",
    ),
]
UNREAD = [
    ("до 5 числа", None),  # which month? not a recurrence without "ежемесячно"
    ("ежемесячно, до 32 числа", None),  # no month has it
    ("до 5 числа месяца, следующего за отчетным", None),  # the period is not named
    ("до 01.03.2027, до 01.09.2027", Unread.SEVERAL_DATES),
    ("01.03.2027; 01.09.2027", Unread.SEVERAL_DATES),
    ("до 1 марта и до 1 сентября", Unread.SEVERAL_DATES),
    ("20.01, 20.04, 20.07, 20.10", Unread.SEVERAL_DATES),
    ("не позднее чем за 5 дней до проведения публичных слушаний", Unread.RELATIVE),
    ("в течение 10 рабочих дней со дня поступления обращения", Unread.RELATIVE),
    ("в течение 30 дней", Unread.RELATIVE),
    ("октябрь–ноябрь", Unread.RANGE_WITHOUT_YEAR),
    ("с октября по ноябрь", Unread.RANGE_WITHOUT_YEAR),
    ("По графику", None),
]


@pytest.mark.parametrize("expected", READ, ids=lambda e: repr(e.text))
def test_read(expected: Deadline) -> None:
    assert parse_deadline(expected.text) == expected


@pytest.mark.parametrize(("text", "ru", "en"), LABELS)
def test_labels(text: str, ru: str, en: str) -> None:
    deadline = parse_deadline(text)
    assert (describe(deadline), describe(deadline, "en")) == (ru, en)


@pytest.mark.parametrize(("text", "reason"), UNREAD, ids=[t for t, _ in UNREAD])
def test_kept_as_text_with_its_reason(text: str, reason: Unread | None) -> None:
    deadline = parse_deadline(text)
    assert deadline == Deadline(text=text, kind=K.TEXT)
    assert why_unread(deadline) is reason


def test_a_read_wording_has_no_reason() -> None:
    assert why_unread(parse_deadline("До 01.11.2018 года")) is None


# --- the plan's year --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("План мероприятий на 2027 год", 2027),
        ("ПЛАН основных мероприятий на 2027 г.", 2027),
        ("План на 2027 год и на 2028 год", None),  # two years: none is the plan's
        ("План на 2021–2024 годы", None),
        ("План мероприятий до 2024 года", None),  # a deadline, not the plan's year
        ("План мероприятий", None),
    ],
)
def test_plan_year_from_the_title(title: str, year: int | None) -> None:
    assert plan_year(title) == year


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("IV квартал", date(2027, 10, 1), date(2027, 12, 31)),
        ("до конца года", date(2027, 1, 1), date(2027, 12, 31)),
        ("в течение года", date(2027, 1, 1), date(2027, 12, 31)),
        ("Декабрь", date(2027, 12, 1), date(2027, 12, 31)),
        ("II полугодие", date(2027, 7, 1), date(2027, 12, 31)),
        ("до 1 марта", None, date(2027, 3, 1)),
        ("октябрь–ноябрь", date(2027, 10, 1), date(2027, 11, 30)),
        ("ноябрь-февраль", date(2026, 11, 1), date(2027, 2, 28)),  # the range ends in 2027
    ],
)
def test_in_the_plans_year(text: str, start: date | None, due: date) -> None:
    placed = in_year(parse_deadline(text), 2027)
    assert (placed.start, placed.due) == (start, due)
    assert placed.text == text


@pytest.mark.parametrize("text", ["До 01.11.2018 года", "4 квартал 2018 года", "Постоянно"])
def test_a_wording_with_its_own_year_or_none_needed_is_unchanged(text: str) -> None:
    assert in_year(parse_deadline(text), 2027) == parse_deadline(text)


def test_29_february_in_a_year_without_it_stays_without_a_date() -> None:
    deadline = parse_deadline("до 29 февраля")
    assert in_year(deadline, 2027).due is None and in_year(deadline, 2028).due == date(2028, 2, 29)


# --- what the press secretary sees --------------------------------------------------------


def test_plan_warnings_name_what_kind_of_wording_was_not_read(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    items = "".join(
        f'      - id: "{n}"\n        title: Мера {n}\n        deadline: "{text}"\n'
        for n, text in enumerate(
            [
                "ежемесячно, до 5 числа",
                "до 01.03.2027, до 01.09.2027",
                "не позднее чем за 5 дней до проведения слушаний",
                "октябрь–ноябрь",
            ],
            1,
        )
    )
    plan = "title: План\npublished: 2026-01-01\nsections:\n  - title: Раздел\n    items:\n" + items
    run = run_build(make_site({"content/plans/p.yaml": plan}))
    assert run.code == 0, run.stderr
    err = run.stderr
    assert "p.yaml:8:" not in err  # the monthly wording is read
    assert (
        "content/plans/p.yaml:11: предупреждение: срок «до 01.03.2027, до 01.09.2027»: "
        "в одной ячейке несколько дат" in err
    )
    assert "content/plans/p.yaml:14: предупреждение: срок «не позднее чем за 5 дней" in err
    assert "отсчитывается от события" in err
    assert "content/plans/p.yaml:17: предупреждение: срок «октябрь–ноябрь»: месяцы без года" in err
    assert err.count("[P108]") == 3
    items_json = run.json("plans/p/index.json")["computed"]["sections"][0]["items"]
    assert items_json[0]["deadline_label"] == "ежемесячно до 5 числа"
    assert [i["due"] for i in items_json] == [None, None, None, None]  # nothing invented
