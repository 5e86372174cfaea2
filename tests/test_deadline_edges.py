"""Edges of the «срок» reader that `make mutation` found untested (glasnost/deadlines.py).

Expected values worked out by hand from the wording, as in tests/test_deadlines.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


# Words and signs of real «срок» wordings, put together at random: whatever a plan says,
# the reader answers (a deadline, or the text kept as written), never a crash, and what it
# does read holds together.
WORDS = [
    "год", "года", "2020", "2021", "18", "-", " - ", "с", "по", "до", "в течение",
    "декабрь", "января", "март", "II", "2", "3", "квартал", "полугодие", "кв",
    "ежегодно,", "ежеквартально", "раз в", "месяц", "неделю", "29", "февраля", "01.03",
    "29.02", "по графику", "по мере необходимости", "постоянно",
]  # fmt: skip


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
@example(["год", "-", "2020"])  # a range from a year without its number
@example(["с", "года", "по", "2020"])
@example(["2", "-", "3", "квартал", "2020"])
def test_any_wording_is_read_or_kept_never_a_crash(words: list[str]) -> None:
    text = " ".join(words).replace(" - ", "-")
    parsed = parse_deadline(text)
    assert parsed.text == text
    if parsed.start is not None and parsed.due is not None:
        assert parsed.start <= parsed.due, text
    if parsed.kind is K.TEXT:
        assert parsed == Deadline(text=text, kind=K.TEXT)
    assert describe(parsed, "ru") and describe(parsed, "en")
