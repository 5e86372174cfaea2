"""Edges of the «срок» reader that `make mutation` found untested (glasnost/deadlines.py).

Expected values worked out by hand from the wording, as in tests/test_deadlines.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from glasnost.deadlines import Deadline, DeadlineKind, describe, parse_deadline

K = DeadlineKind


@pytest.mark.parametrize(
    "text",
    [
        "\u0406\u0406 квартал 2019",  # Ukrainian/Belarusian capital І typed for a Roman I
        "\u0456\u0456 квартал 2019",  # ...and the small one
        "II квартал 2019",
    ],
)
def test_a_roman_numeral_typed_with_cyrillic_letters_is_read(text: str) -> None:
    parsed = parse_deadline(text)
    assert (parsed.kind, parsed.quarter, parsed.year) == (K.QUARTER, 2, 2019)
    assert (parsed.start, parsed.due) == (date(2019, 4, 1), date(2019, 6, 30))
    assert describe(parsed, "ru") == "II квартал 2019 г."


@pytest.mark.parametrize(
    "text",
    [
        "ежеквартально, до 01 марта",  # only a yearly recurrence has a day in the year
        "ежемесячно, до 1 марта",
        "ежегодно, до 01 марта 2020",  # a yearly day with a year is no yearly day
        "2 раза в неделю",  # no kind for twice a week
        "3 раза в неделю",
        "декабрь 2021 - январь 2020",  # ends before it starts
        "2-13 квартал 2019",  # no 13th quarter to end the range on
        "2-5 полугодие 2019",
    ],
)
def test_wordings_the_model_cannot_hold_stay_text(text: str) -> None:
    assert parse_deadline(text) == Deadline(text=text, kind=K.TEXT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 раз в неделю", {"kind": K.WEEKLY}),
        ("ежегодно, до 01 марта", {"kind": K.YEARLY, "month": 3, "day": 1}),
        ("2019-2020", {"kind": K.RANGE, "start": date(2019, 1, 1), "due": date(2020, 12, 31)}),
        (
            "по результатам мониторинга по графику",
            {"kind": K.AS_NEEDED, "note": "по результатам мониторинга, по графику"},
        ),
        ("по мере необходимости по графику", {"kind": K.AS_NEEDED, "note": "по графику"}),
    ],
)
def test_edge_wordings_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_deadline(text) == Deadline(text=text, **expected)


def test_two_notes_are_both_shown() -> None:
    parsed = parse_deadline("по результатам мониторинга по графику")
    assert describe(parsed, "ru") == "по результатам мониторинга, по графику"


@pytest.mark.parametrize(
    ("deadline", "russian"),
    [
        # Numbers missing for a label: the wording is shown as written.
        (Deadline(text="до марта", kind=K.DATE, month=3), "до марта"),
        (Deadline(text="до 5-го", kind=K.DATE, day=5), "до 5-го"),
        (Deadline(text="весна 2020", kind=K.RANGE, start=date(2020, 3, 1)), "весна 2020"),
        (Deadline(text="до лета", kind=K.RANGE, due=date(2020, 5, 31)), "до лета"),
        # Not whole months: the range is shown by its days.
        (
            Deadline(text="x", kind=K.RANGE, start=date(2020, 1, 1), due=date(2020, 3, 15)),
            "1 января 2020 г. – 15 марта 2020 г.",
        ),
        (
            Deadline(text="x", kind=K.RANGE, start=date(2020, 1, 2), due=date(2020, 3, 31)),
            "2 января 2020 г. – 31 марта 2020 г.",
        ),
        (
            Deadline(text="x", kind=K.RANGE, start=date(2020, 1, 1), due=date(2020, 3, 31)),
            "январь – март 2020 г.",
        ),
    ],
)
def test_describe_at_the_edges(deadline: Deadline, russian: str) -> None:
    assert describe(deadline, "ru") == russian
