"""Deadlines of plan measures: the free wording of «Срок исполнения» as a structured value.

Plans of measures give each measure its deadline in plain Russian: "Постоянно",
"До 01.11.2018 года", "4 квартал 2018 года", "(ежегодно, до 01 марта)".
``parse_deadline`` turns such a wording into a ``Deadline``; ``describe`` gives a short
Russian or English label for it.

Decisions worth knowing (tests/test_deadlines.py pins each of them):

* Parsing never raises. Wording outside the grammar, or naming an impossible date
  ("31.02.2020"), gives kind TEXT with the wording kept verbatim in ``text``.
* A period without a year ("Декабрь", "1 квартал", "в течение года") keeps its kind and
  numbers but gets no ``start``/``due``: the year is the plan's own, which the wording
  does not name, and guessing it would invent a deadline. "в течение года" is
  therefore YEAR with year None, not YEARLY: plans write "ежегодно" for every year.
* Event-triggered wordings ("по мере поступления", "по результатам мониторинга",
  "при составлении планов работы") are AS_NEEDED, the trigger kept in ``note``.
  A fixed wording followed by more ("по мере необходимости, но не реже 1 раза в год")
  is TEXT rather than half-read.
* A monthly or quarterly recurrence may name its day: "ежемесячно, до 5 числа" is
  MONTHLY with day 5; "не позднее 15 числа месяца, следующего за отчетным кварталом" is
  QUARTERLY with day 15 and that note. "до 5 числа" alone names no month: TEXT.
* Wordings kept as TEXT that are of a known kind (several dates in one cell, a deadline
  counted from an event, months without a year) are told apart by ``why_unread``, so the
  warning can say what to do.
* A plan's year (``plan_year``: «… на 2027 год», or its `year` field) places yearless
  periods and dates, and yearless month ranges, in that year (``in_year``).
* The qualifiers "по графику" and "по итогам года/полугодия/квартала/месяца" are kept in
  ``note``; "по итогам года" alone implies YEARLY. "По графику" alone names no period,
  so it is TEXT.
* Counted recurrences map by occurrences a year: "2 раза в год" is HALF_YEARLY,
  "4 раза в год" QUARTERLY; a count no kind fits ("3 раза в год") is TEXT.
  "не реже" is dropped: a recurrence states the minimum cadence anyway.
* A range needs a year: "январь-март 2020" is RANGE, "январь-март" is TEXT, since the
  model has no place for a pair of months. ``year`` is set when both ends share it.
  With the year written once, an end-month before the start-month means the start is in
  the year before ("ноябрь-февраль 2020" starts in November 2019).
* "до 2024 года" (by the start or the end of 2024?) and durations counted from an
  unnamed event ("в течение 30 дней") are TEXT.
* "до конца 2020 года" is read as the period itself (YEAR 2020): it has the same due day.
* Two-digit years in numeric dates ("01.11.18") are 20xx.
* ``year``/``month``/``day``/``quarter``/``half`` are the numbers the wording names:
  DATE sets year (if written), month and day; a yearly recurrence may set month and day.
* DAILY and WEEKLY extend the kinds first specified: the seeds contain "Еженедельно".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from pydantic import BaseModel, Field


class DeadlineKind(StrEnum):
    DATE = "date"
    CONTINUOUS = "continuous"
    AS_NEEDED = "as_needed"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    RANGE = "range"
    TEXT = "text"  # the wording could not be parsed


class Deadline(BaseModel, frozen=True):
    """A parsed «срок»; ``text`` always keeps the wording verbatim."""

    text: str
    kind: DeadlineKind
    due: date | None = None  # last day by which it must be done, when the wording fixes one
    start: date | None = None  # first day of a MONTH/QUARTER/HALF_YEAR/YEAR/RANGE period
    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    quarter: int | None = Field(default=None, ge=1, le=4)
    half: int | None = Field(default=None, ge=1, le=2)
    note: str | None = None  # qualifier kept from the wording, e.g. "по графику"

    @property
    def parsed(self) -> bool:
        return self.kind is not DeadlineKind.TEXT


# --- vocabulary -----------------------------------------------------------------------

_K = DeadlineKind

# Nominative, genitive ("до 1 марта") and prepositional ("в марте") forms.
_MONTH_FORMS: tuple[tuple[str, str, str], ...] = (
    ("январь", "января", "январе"),
    ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"),
    ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"),
    ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"),
    ("декабрь", "декабря", "декабре"),
)
_MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {form: number for number, forms in enumerate(_MONTH_FORMS, 1) for form in forms}
)
# Longest first, so that an alternation never stops at "март" inside "марта".
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"  # a four-digit number outside these centuries is no plan year
_ORDINAL = r"[1-4]|iv|i{1,3}|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*"
_ROMAN: Mapping[str, int] = MappingProxyType({"i": 1, "ii": 2, "iii": 3, "iv": 4})
_ORDINAL_STEMS: tuple[tuple[str, int], ...] = (
    ("перв", 1),
    ("втор", 2),
    ("трет", 3),
    ("четверт", 4),
)
_UNIT_KINDS: Mapping[str, DeadlineKind] = MappingProxyType(
    {
        "квартал": _K.QUARTER,
        "квартала": _K.QUARTER,
        "квартале": _K.QUARTER,
        "кварталы": _K.QUARTER,
        "кв": _K.QUARTER,
        "полугодие": _K.HALF_YEAR,
        "полугодия": _K.HALF_YEAR,
        "полугодии": _K.HALF_YEAR,
    }
)
_UNIT = "|".join(sorted(_UNIT_KINDS, key=len, reverse=True))
_MONTHS_IN_UNIT: Mapping[DeadlineKind, int] = MappingProxyType(
    {_K.MONTH: 1, _K.QUARTER: 3, _K.HALF_YEAR: 6, _K.YEAR: 12}
)

_FIXED_WORDINGS: Mapping[str, DeadlineKind] = MappingProxyType(
    {
        "постоянно": _K.CONTINUOUS,
        "на постоянной основе": _K.CONTINUOUS,
        "в постоянном режиме": _K.CONTINUOUS,
        "по мере необходимости": _K.AS_NEEDED,
        "по необходимости": _K.AS_NEEDED,
        "при необходимости": _K.AS_NEEDED,
        "в случае необходимости": _K.AS_NEEDED,
        "ежедневно": _K.DAILY,
        "еженедельно": _K.WEEKLY,
        "ежемесячно": _K.MONTHLY,
        "ежеквартально": _K.QUARTERLY,
        "ежеполугодно": _K.HALF_YEARLY,
        "ежегодно": _K.YEARLY,
    }
)
_COUNT_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "один": 1,
        "одного": 1,
        "два": 2,
        "двух": 2,
        "три": 3,
        "трех": 3,
        "четыре": 4,
        "четырех": 4,
        "шесть": 6,
        "шести": 6,
        "двенадцать": 12,
        "двенадцати": 12,
    }
)
_PERIODS_A_YEAR: Mapping[str, int] = MappingProxyType(
    {"месяц": 12, "квартал": 4, "полугодие": 2, "полгода": 2, "год": 1}
)
_KIND_BY_TIMES_A_YEAR: Mapping[int, DeadlineKind] = MappingProxyType(
    {1: _K.YEARLY, 2: _K.HALF_YEARLY, 4: _K.QUARTERLY, 12: _K.MONTHLY}
)
_ONCE_A_KIND: Mapping[str, DeadlineKind] = MappingProxyType({"день": _K.DAILY, "неделю": _K.WEEKLY})
# Qualifiers kept as the note; "по итогам <period>" also says how often.
_NOTE_KINDS: Mapping[str, DeadlineKind] = MappingProxyType(
    {
        "по итогам года": _K.YEARLY,
        "по итогам полугодия": _K.HALF_YEARLY,
        "по итогам квартала": _K.QUARTERLY,
        "по итогам месяца": _K.MONTHLY,
    }
)

# --- patterns over the normalized wording -----------------------------------------------

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_PUNCTUATION = re.compile(r"[()\[\]«»\"“”„',;:!?]")
_STRAY_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")  # every dot but those inside 01.11.2018
_SPACED_DASH = re.compile(r" ?- ?")
_ORDINAL_SUFFIX = re.compile(r"(\d)-(?:ый|ой|ий|й|ом|ем|м|е|го|ого)(?![а-я])")
_YEAR_WORD = re.compile(r"(\d{4}) ?(?:гг|г|годы|годов|года|году|год)(?![а-я])")
_TWICE = re.compile(r"(?<![а-я])дважды(?![а-я])")
_INCLUSIVE = re.compile(r"(?<![а-я])включительно(?![а-я])")

_NOTE = re.compile(
    r"(?:^| )(по (?:утвержденному )?графику|согласно графику"
    r"|по итогам (?:года|полугодия|квартала|месяца))$"
)
_FREQUENCY = (
    r"(?:не (?:реже|менее) )?(?:(?P<count>\d+|[а-я]+) )?раза? в "
    r"(?P<per>день|неделю|месяц|квартал|полугодие|полгода|год)"
)
_FIXED = "|".join(re.escape(w) for w in sorted(_FIXED_WORDINGS, key=len, reverse=True))
_RECURRENCE = re.compile(rf"(?:(?P<fixed>{_FIXED})|{_FREQUENCY})(?: (?P<tail>.+))?")
# "по мере необходимости, но ..." is a fixed wording with an unparsed rest, not an event.
_EVENT = re.compile(r"(?:по мере|по результатам|при) (?!необходимост).+")
_DATE_PREFIX = re.compile(r"(?:в срок (?:до|не позднее)|срок до|до|не позднее|к|по) ")
_PERIOD_PREFIX = re.compile(r"(?:в течение|на протяжении|до конца|в|во) ")
_BY_DAY = re.compile(r"(?:до|не позднее|к) (?P<day>.+)")
_IN_MONTH = re.compile(rf"во? (?P<month>{_MONTH})")
_NUMERIC_DATE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}|\d{2}))?")
_WORDED_DATE = re.compile(rf"(?P<day>\d{{1,2}}) (?P<month>{_MONTH})(?: (?P<year>{_YEAR}))?")
_YEAR_ONLY = re.compile(_YEAR)
_YEARLESS_YEAR = re.compile(r"год|года|году")
_MONTH_PERIOD = re.compile(rf"(?P<month>{_MONTH})(?: (?P<year>{_YEAR}))?")
_UNIT_PERIOD = re.compile(rf"(?P<ordinal>{_ORDINAL}) (?P<unit>{_UNIT})(?: (?P<year>{_YEAR}))?")
_ORDINAL_ONLY = re.compile(_ORDINAL)
_DASH_RANGE = re.compile(r"(?P<left>[^-]+)-(?P<right>[^-]+)")
_FROM_TO_RANGE = re.compile(r"с (?P<left>.+) по (?P<right>.+)")


# --- parsing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fields:
    """A parse result before the verbatim text is attached."""

    kind: DeadlineKind
    due: date | None = None
    start: date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class _Period:
    kind: DeadlineKind  # MONTH, QUARTER, HALF_YEAR or YEAR
    index: int  # month, quarter or half number; 1 for a year
    year: int | None

    def bounds(self) -> tuple[date, date] | None:
        return None if self.year is None else self.span(self.year)

    def span(self, year: int) -> tuple[date, date]:
        """First and last day of the period in ``year``, whatever year it names itself."""
        size = _MONTHS_IN_UNIT[self.kind]
        first = (self.index - 1) * size + 1
        last = first + size - 1
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def parse_deadline(text: str) -> Deadline:
    """Parse a «срок» wording; unparseable wording gives kind TEXT, never an exception."""
    fields = _parse_normalized(_normalize(text))
    if fields is None:
        return Deadline(text=text, kind=DeadlineKind.TEXT)
    return Deadline(
        text=text,
        kind=fields.kind,
        due=fields.due,
        start=fields.start,
        year=fields.year,
        month=fields.month,
        day=fields.day,
        quarter=fields.quarter,
        half=fields.half,
        note=fields.note,
    )


# "План мероприятий на 2027 год": one year, after "на" or "в". "на 2021–2024 годы" names
# no single year, and "до 2024 года" is a deadline, not the plan's year.
_PLAN_YEAR = re.compile(rf"(?<![\w-])(?:на|в) (?P<year>{_YEAR}) ?(?:год|году|г)(?![\w-])")


def plan_year(title: str) -> int | None:
    """The year a plan's title names («… на 2027 год»), when it names exactly one."""
    found = {int(m["year"]) for m in _PLAN_YEAR.finditer(" ".join(title.lower().split()))}
    return found.pop() if len(found) == 1 else None


def needs_year(deadline: Deadline) -> bool:
    """A period or date the wording leaves without its year («IV квартал», «до 1 марта»)."""
    if deadline.kind is _K.DATE:
        return deadline.due is None
    return deadline.kind in _MONTHS_IN_UNIT and deadline.year is None


def in_year(deadline: Deadline, year: int | None) -> Deadline:
    """The deadline placed in the plan's year, when its wording names none.

    A range without a year ("октябрь–ноябрь") is read again with the year added; any
    other wording is returned as it is.
    """
    if year is None:
        return deadline
    if deadline.kind is _K.TEXT:
        fields = _parse_normalized(f"{_normalize(deadline.text)} {year}")
        if fields is None or fields.kind is not _K.RANGE:
            return deadline
        return deadline.model_copy(
            update={"kind": _K.RANGE, "start": fields.start, "due": fields.due, "year": year}
        )
    if not needs_year(deadline):
        return deadline
    if deadline.kind is _K.DATE and deadline.month and deadline.day:
        try:
            due = date(year, deadline.month, deadline.day)
        except ValueError:  # 29.02 in a year without it
            return deadline
        return deadline.model_copy(update={"due": due, "year": year})
    kind = deadline.kind
    index = {_K.MONTH: deadline.month, _K.QUARTER: deadline.quarter, _K.HALF_YEAR: deadline.half}
    period = _Period(kind, index.get(kind) or 1, year)
    start, due = period.span(year)
    return deadline.model_copy(update={"start": start, "due": due, "year": year})


def _normalize(text: str) -> str:
    """Lower-case the wording and drop what varies between documents but means nothing."""
    s = text.lower().replace("ё", "е").replace("і", "i")  # і: Cyrillic look-alike of Roman I
    s = _DASHES.sub("-", s)
    s = _PUNCTUATION.sub(" ", s)
    s = _STRAY_DOT.sub(" ", s)
    s = _SPACED_DASH.sub("-", " ".join(s.split()))
    # "1-й квартал" must not read as a range of "1" to "й квартал".
    s = _ORDINAL_SUFFIX.sub(r"\1", s)
    s = _YEAR_WORD.sub(r"\1", s)
    s = _TWICE.sub("2 раза", s)
    s = _INCLUSIVE.sub(" ", s)  # "до ... включительно" is what "до" means here anyway
    return " ".join(s.split())


def _parse_normalized(s: str) -> _Fields | None:
    core, note = _split_note(s)
    if not core:
        implied = _NOTE_KINDS.get(note or "")
        return None if implied is None else _Fields(kind=implied, note=note)
    for parser in _PARSERS:
        fields = parser(core)
        if fields is not None:
            return _with_note(fields, note)
    return None


def _split_note(s: str) -> tuple[str, str | None]:
    match = _NOTE.search(s)
    if match is None:
        return s, None
    return s[: match.start()].strip(), match.group(1)


def _with_note(fields: _Fields, note: str | None) -> _Fields:
    notes = [n for n in (fields.note, note) if n]
    return replace(fields, note=", ".join(notes) or None)


def _parse_recurrence(s: str) -> _Fields | None:
    match = _RECURRENCE.fullmatch(s)
    if match is None:
        return None
    fixed = match.group("fixed")
    kind = _FIXED_WORDINGS[fixed] if fixed else _frequency_kind(match["count"], match["per"])
    tail = match.group("tail")
    if kind is None:
        return None
    if tail is None:
        return _Fields(kind=kind)
    # Only a yearly recurrence has a fixed day in the year ("ежегодно, до 01 марта").
    return _yearly_day(tail) if kind is _K.YEARLY else None


def _frequency_kind(count: str | None, per: str) -> DeadlineKind | None:
    times = _count_value(count)
    if times is None:
        return None
    if per in _ONCE_A_KIND:
        return _ONCE_A_KIND[per] if times == 1 else None
    return _KIND_BY_TIMES_A_YEAR.get(times * _PERIODS_A_YEAR[per])


def _count_value(count: str | None) -> int | None:
    if count is None:  # "раз в год"
        return 1
    return int(count) if count.isdigit() else _COUNT_WORDS.get(count)


def _yearly_day(tail: str) -> _Fields | None:
    by_day = _BY_DAY.fullmatch(tail)
    if by_day is not None:
        day = _day_of_year(by_day["day"])
        if day is None or day.year is not None:
            return None
        return _Fields(kind=_K.YEARLY, month=day.month, day=day.day)
    in_month = _IN_MONTH.fullmatch(tail)
    if in_month is not None:
        return _Fields(kind=_K.YEARLY, month=_MONTH_NUMBERS[in_month["month"]])
    return None


# "ежемесячно, до 5 числа", "до 10 числа месяца, следующего за отчетным кварталом":
# a recurrence with the day of the month it is due by. Recurrences have no due date of
# their own, so the day is kept for the label, never used to call anything overdue.
_DAY_OF_MONTH = r"(?:в срок )?(?:до|не позднее) (?P<day>\d{1,2}) числа"
_AFTER_MONTH = r" каждого месяца| месяца следующего за отчетным месяцем"
_AFTER_QUARTER = r" (?:первого )?месяца следующего за (?:отчетным )?(?:кварталом|квартала)"
# "…следующего за отчетным" names no period: only "ежемесячно"/"ежеквартально" says which.
_AFTER_REPORTING = r" месяца следующего за отчетным(?: периодом)?| следующего месяца"
_MONTHLY_DAY = re.compile(
    rf"(?P<every>ежемесячно )?{_DAY_OF_MONTH}"
    rf"(?:(?P<after>{_AFTER_MONTH})|(?P<reporting>{_AFTER_REPORTING}))?"
)
_QUARTERLY_DAY = re.compile(
    rf"(?P<every>ежеквартально )?{_DAY_OF_MONTH}"
    rf"(?:(?P<after>{_AFTER_QUARTER})|(?P<reporting>{_AFTER_REPORTING}))?"
)
AFTER_QUARTER_NOTE = "месяца, следующего за кварталом"
AFTER_MONTH_NOTE = "следующего месяца"


def _parse_day_of_period(s: str) -> _Fields | None:
    quarterly = _QUARTERLY_DAY.fullmatch(s)
    if quarterly is not None and (quarterly["after"] or quarterly["every"]):
        after = quarterly["after"] or quarterly["reporting"]
        note = AFTER_QUARTER_NOTE if after else None
        return _day_fields(_K.QUARTERLY, int(quarterly["day"]), note)
    monthly = _MONTHLY_DAY.fullmatch(s)
    # "до 5 числа" alone does not say which month: only a recurrence is read.
    if monthly is not None and (monthly["after"] or monthly["every"]):
        after = monthly["reporting"] or (monthly["after"] or "").replace(" каждого месяца", "")
        note = AFTER_MONTH_NOTE if after else None
        return _day_fields(_K.MONTHLY, int(monthly["day"]), note)
    return None


def _day_fields(kind: DeadlineKind, day: int, note: str | None) -> _Fields | None:
    return _Fields(kind=kind, day=day, note=note) if 1 <= day <= 31 else None


def _parse_event(s: str) -> _Fields | None:
    return _Fields(kind=_K.AS_NEEDED, note=s) if _EVENT.fullmatch(s) else None


def _parse_date(s: str) -> _Fields | None:
    day = _day_of_year(_strip_prefix(_DATE_PREFIX, s))
    if day is None:
        return None
    due = None if day.year is None else date(day.year, day.month, day.day)
    return _Fields(kind=_K.DATE, due=due, year=day.year, month=day.month, day=day.day)


@dataclass(frozen=True)
class _Day:
    day: int
    month: int
    year: int | None


def _day_of_year(s: str) -> _Day | None:
    """A calendar day written "01.11.2018", "01.03" or "1 декабря 2018"; None if impossible."""
    numeric = _NUMERIC_DATE.fullmatch(s)
    if numeric is not None:
        month = int(numeric["month"])
        return _real_day(int(numeric["day"]), month, _full_year(numeric["year"]))
    worded = _WORDED_DATE.fullmatch(s)
    if worded is not None:
        month = _MONTH_NUMBERS[worded["month"]]
        return _real_day(int(worded["day"]), month, _optional_int(worded["year"]))
    return None


def _full_year(digits: str | None) -> int | None:
    if digits is None:
        return None
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _real_day(day: int, month: int, year: int | None) -> _Day | None:
    # A leap year stands in for a missing one, so "29.02" alone is accepted.
    try:
        date(2000 if year is None else year, month, day)
    except ValueError:
        return None
    return _Day(day, month, year)


def _parse_calendar(s: str) -> _Fields | None:
    body = _strip_prefix(_PERIOD_PREFIX, s)
    ranged = _range_fields(body)
    if ranged is not None:
        return ranged
    period = _period(body)
    return None if period is None else _period_fields(period)


def _strip_prefix(prefix: re.Pattern[str], s: str) -> str:
    match = prefix.match(s)
    return s if match is None else s[match.end() :]


def _period(s: str) -> _Period | None:
    if _YEAR_ONLY.fullmatch(s):
        return _Period(_K.YEAR, 1, int(s))
    if _YEARLESS_YEAR.fullmatch(s):
        return _Period(_K.YEAR, 1, None)
    month = _MONTH_PERIOD.fullmatch(s)
    if month is not None:
        return _Period(_K.MONTH, _MONTH_NUMBERS[month["month"]], _optional_int(month["year"]))
    unit = _UNIT_PERIOD.fullmatch(s)
    if unit is not None:
        kind = _UNIT_KINDS[unit["unit"]]
        return _make_period(kind, _ordinal_value(unit["ordinal"]), _optional_int(unit["year"]))
    return None


def _optional_int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _ordinal_value(word: str) -> int:
    # Only called on words that matched _ORDINAL, so one of the branches applies.
    if word.isdigit():
        return int(word)
    if word in _ROMAN:
        return _ROMAN[word]
    return next(n for stem, n in _ORDINAL_STEMS if word.startswith(stem))


def _make_period(kind: DeadlineKind, index: int, year: int | None) -> _Period | None:
    # "III полугодие" passes the ordinal pattern but names no half-year.
    fits = 1 <= index <= 12 // _MONTHS_IN_UNIT[kind]
    return _Period(kind, index, year) if fits else None


def _period_fields(period: _Period) -> _Fields:
    bounds = period.bounds()
    start, due = (None, None) if bounds is None else bounds
    kind = period.kind
    return _Fields(
        kind=kind,
        start=start,
        due=due,
        year=period.year,
        month=period.index if kind is _K.MONTH else None,
        quarter=period.index if kind is _K.QUARTER else None,
        half=period.index if kind is _K.HALF_YEAR else None,
    )


def _range_fields(s: str) -> _Fields | None:
    match = _DASH_RANGE.fullmatch(s) or _FROM_TO_RANGE.fullmatch(s)
    if match is None:
        return None
    bounds = _range_bounds(match["left"], match["right"])
    if bounds is None:
        return None
    start, due = bounds
    year = start.year if start.year == due.year else None
    return _Fields(kind=_K.RANGE, start=start, due=due, year=year)


def _range_bounds(left: str, right: str) -> tuple[date, date] | None:
    last = _period(right)
    first = _range_start(left, last)
    if first is None or last is None or last.year is None:
        return None  # a range without a year has no fields to hold its two ends
    due = last.span(last.year)[1]
    if first.year is not None:
        start = first.span(first.year)[0]
    else:
        start = first.span(last.year)[0]
        if start > due:
            # "ноябрь-февраль 2020": the year is written once, at the end of the range.
            start = first.span(last.year - 1)[0]
    return (start, due) if start <= due else None


def _range_start(left: str, last: _Period | None) -> _Period | None:
    first = _period(left)
    if first is not None or last is None or not _ORDINAL_ONLY.fullmatch(left):
        return first
    # "2-3 квартал": the unit is written once, after the last number.
    if last.kind in (_K.QUARTER, _K.HALF_YEAR):
        return _make_period(last.kind, _ordinal_value(left), None)
    return None


_PARSERS: tuple[Callable[[str], _Fields | None], ...] = (
    _parse_day_of_period,
    _parse_recurrence,
    _parse_event,
    _parse_date,
    _parse_calendar,
)


# --- why a wording stays text ----------------------------------------------------------------

# What an unread wording most likely is, so the warning can say what to do about it.
_ANY_DATE = re.compile(
    rf"(?<![\d.])\d{{1,2}}\.\d{{1,2}}(?:\.(?:\d{{4}}|\d{{2}}))?(?![\d.])"
    rf"|(?<!\d)\d{{1,2}} (?:{_MONTH})(?![а-я])"
)
_RELATIVE = re.compile(
    r"(?:за|через|в течение|не позднее чем за|не позднее|не ранее чем за) \d+ "
    r"(?:календарных |рабочих )?(?:дн|дней|дня|день|недел[а-я]*|месяц[а-я]*)"
    r"(?: |$)(?:до|после|со дня|с момента|с даты|с)?"
)
_MONTH_RANGE = re.compile(rf"(?:с |в )?(?:{_MONTH})(?:-| по )(?:{_MONTH})")


class Unread(StrEnum):
    """Why a wording was kept as text: each has its own advice."""

    SEVERAL_DATES = "several_dates"
    RELATIVE = "relative"
    RANGE_WITHOUT_YEAR = "range_without_year"


# (problem, advice) in Russian and English, for the plan's warning about the wording.
UNREAD_ADVICE: Mapping[Unread, Mapping[str, str]] = MappingProxyType(
    {
        Unread.SEVERAL_DATES: MappingProxyType(
            {
                "problem_ru": "в одной ячейке несколько дат",
                "problem_en": "one cell holds several dates",
                "hint_ru": "Разделите мероприятие на пункты по одной дате или укажите в due "
                "ближайший крайний срок (ГГГГ-ММ-ДД).",
                "hint_en": "Split the measure into items with one date each, or give the nearest "
                "due date in 'due' (YYYY-MM-DD).",
            }
        ),
        Unread.RELATIVE: MappingProxyType(
            {
                "problem_ru": "срок отсчитывается от события, даты которого в плане нет",
                "problem_en": "the deadline counts from an event whose date the plan does not give",
                "hint_ru": "Когда дата события станет известна, добавьте пункту due: ГГГГ-ММ-ДД.",
                "hint_en": "Once the event's date is known, give the item 'due: YYYY-MM-DD'.",
            }
        ),
        Unread.RANGE_WITHOUT_YEAR: MappingProxyType(
            {
                "problem_ru": "месяцы без года, а год плана не указан",
                "problem_en": "months without a year, and the plan names no year",
                "hint_ru": "Добавьте в план поле year: ГГГГ (или год в заголовке: «… на 2027 год») "
                "либо напишите год в сроке: «октябрь–ноябрь 2027 года».",
                "hint_en": "Add 'year: YYYY' to the plan (or the year to its title), or write the "
                "year in the deadline.",
            }
        ),
    }
)


def why_unread(deadline: Deadline) -> Unread | None:
    """The kind of wording a TEXT deadline is, when it is a known kind; else None."""
    if deadline.kind is not _K.TEXT:
        return None
    s = _normalize(deadline.text)
    if len(_ANY_DATE.findall(s)) >= 2:
        return Unread.SEVERAL_DATES
    if _RELATIVE.search(s):
        return Unread.RELATIVE
    if _MONTH_RANGE.fullmatch(s):
        return Unread.RANGE_WITHOUT_YEAR
    return None


# --- labels -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    fixed: Mapping[DeadlineKind, str]
    months: tuple[str, ...]  # a month on its own: "декабрь 2018 г."
    months_of_day: tuple[str, ...]  # a month in a date: "1 ноября"
    months_in: tuple[str, ...]  # "ежегодно в декабре"
    year_suffix: str
    years_suffix: str
    by: str
    quarter: str  # formatted with roman= and number=
    half: str
    during: str
    during_the_year: str
    yearly_by: str
    yearly_in: str
    by_day: str  # "ежемесячно до 5 числа"
    notes: Mapping[str, str]  # translations of notes; a note not listed is shown as is


_RECURRENCE_RU: Mapping[DeadlineKind, str] = MappingProxyType(
    {
        _K.CONTINUOUS: "постоянно",
        _K.AS_NEEDED: "по мере необходимости",
        _K.DAILY: "ежедневно",
        _K.WEEKLY: "еженедельно",
        _K.MONTHLY: "ежемесячно",
        _K.QUARTERLY: "ежеквартально",
        _K.HALF_YEARLY: "раз в полгода",
        _K.YEARLY: "ежегодно",
    }
)
_RECURRENCE_EN: Mapping[DeadlineKind, str] = MappingProxyType(
    {
        _K.CONTINUOUS: "ongoing",
        _K.AS_NEEDED: "as needed",
        _K.DAILY: "daily",
        _K.WEEKLY: "weekly",
        _K.MONTHLY: "monthly",
        _K.QUARTERLY: "quarterly",
        _K.HALF_YEARLY: "every six months",
        _K.YEARLY: "annually",
    }
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NOTES_EN: Mapping[str, str] = MappingProxyType(
    {
        "по графику": "as scheduled",
        "согласно графику": "as scheduled",
        "по утвержденному графику": "as scheduled",
        "по итогам года": "after the year's results",
        "по итогам полугодия": "after the half-year's results",
        "по итогам квартала": "after the quarter's results",
        "по итогам месяца": "after the month's results",
        AFTER_QUARTER_NOTE: "of the month after the quarter",
        AFTER_MONTH_NOTE: "of the next month",
        "по мере поступления": "as received",
        "по результатам мониторинга": "based on monitoring results",
        "при составлении планов работы": "when work plans are drawn up",
    }
)
_ROMAN_NUMERALS = ("I", "II", "III", "IV")

_VOCABULARIES: Mapping[str, _Vocabulary] = MappingProxyType(
    {
        "ru": _Vocabulary(
            fixed=_RECURRENCE_RU,
            months=tuple(forms[0] for forms in _MONTH_FORMS),
            months_of_day=tuple(forms[1] for forms in _MONTH_FORMS),
            months_in=tuple(forms[2] for forms in _MONTH_FORMS),
            year_suffix=" г.",
            years_suffix=" гг.",
            by="до {}",
            quarter="{roman} квартал",
            half="{roman} полугодие",
            during="в течение {}",
            during_the_year="в течение года",
            yearly_by="ежегодно до {}",
            yearly_in="ежегодно в {}",
            by_day="{every} до {day} числа",
            notes=MappingProxyType({}),
        ),
        "en": _Vocabulary(
            fixed=_RECURRENCE_EN,
            months=_MONTHS_EN,
            months_of_day=_MONTHS_EN,
            months_in=_MONTHS_EN,
            year_suffix="",
            years_suffix="",
            by="by {}",
            quarter="Q{number}",
            half="H{number}",
            during="during {}",
            during_the_year="during the year",
            yearly_by="annually by {}",
            yearly_in="annually in {}",
            by_day="{every} by day {day}",
            notes=_NOTES_EN,
        ),
    }
)


def describe(deadline: Deadline, language: str = "ru") -> str:
    """A short label: "до 1 ноября 2018 г.", "IV квартал 2018 г."; "en" gives English.

    TEXT, and any deadline lacking the numbers its kind needs, is shown as its wording.
    """
    vocabulary = _VOCABULARIES.get(language)
    if vocabulary is None:
        raise ValueError(f"unsupported language {language!r}; expected 'ru' or 'en'")
    label = _base_label(deadline, vocabulary)
    if label is None:
        return " ".join(deadline.text.split())
    return _label_with_note(label, deadline, vocabulary)


def _base_label(d: Deadline, v: _Vocabulary) -> str | None:
    if d.kind is _K.TEXT:
        return None
    if d.kind is _K.DATE:
        return _date_label(d, v)
    if d.kind is _K.YEARLY:
        return _yearly_label(d, v)
    if d.kind is _K.RANGE:
        return _range_label(d, v)
    if d.kind in (_K.MONTHLY, _K.QUARTERLY) and d.day is not None:
        return v.by_day.format(every=v.fixed[d.kind], day=d.day)
    if d.kind in _MONTHS_IN_UNIT:
        return _period_label(d, v)
    return v.fixed[d.kind]


def _label_with_note(label: str, d: Deadline, v: _Vocabulary) -> str:
    if d.note is None:
        return label
    note = v.notes.get(d.note, d.note)
    if d.note in (AFTER_QUARTER_NOTE, AFTER_MONTH_NOTE):  # part of the phrase: "до 15 числа …"
        return f"{label} {note}"
    # The trigger of an as-needed measure says more than "as needed" does.
    return note if d.kind is _K.AS_NEEDED else f"{label} ({note})"


def _day_label(day: int, month: int, year: int | None, v: _Vocabulary) -> str:
    label = f"{day} {v.months_of_day[month - 1]}"
    return label if year is None else f"{label} {year}{v.year_suffix}"


def _date_label(d: Deadline, v: _Vocabulary) -> str | None:
    if d.due is not None:
        return v.by.format(_day_label(d.due.day, d.due.month, d.due.year, v))
    if d.month is None or d.day is None:
        return None
    return v.by.format(_day_label(d.day, d.month, None, v))


def _yearly_label(d: Deadline, v: _Vocabulary) -> str:
    if d.month is not None and d.day is not None:
        return v.yearly_by.format(_day_label(d.day, d.month, None, v))
    if d.month is not None:
        return v.yearly_in.format(v.months_in[d.month - 1])
    return v.fixed[_K.YEARLY]


def _period_label(d: Deadline, v: _Vocabulary) -> str | None:
    if d.kind is _K.YEAR:
        year = None if d.year is None else f"{d.year}{v.year_suffix}"
        return v.during_the_year if year is None else v.during.format(year)
    label = _period_name(d, v)
    if label is None or d.year is None:
        return label
    return f"{label} {d.year}{v.year_suffix}"


def _period_name(d: Deadline, v: _Vocabulary) -> str | None:
    if d.kind is _K.MONTH and d.month is not None:
        return v.months[d.month - 1]
    number = d.quarter if d.kind is _K.QUARTER else d.half
    if number is None:
        return None
    template = v.quarter if d.kind is _K.QUARTER else v.half
    return template.format(roman=_ROMAN_NUMERALS[number - 1], number=number)


def _range_label(d: Deadline, v: _Vocabulary) -> str | None:
    if d.start is None or d.due is None:
        return None
    start, due = d.start, d.due
    if not _is_whole_months(start, due):
        first = _day_label(start.day, start.month, start.year, v)
        return f"{first} – {_day_label(due.day, due.month, due.year, v)}"
    if (start.month, due.month) == (1, 12) and start.year != due.year:
        return f"{start.year}–{due.year}{v.years_suffix}"
    first, last = v.months[start.month - 1], v.months[due.month - 1]
    if start.year == due.year:
        return f"{first} – {last} {due.year}{v.year_suffix}"
    return f"{first} {start.year}{v.year_suffix} – {last} {due.year}{v.year_suffix}"


def _is_whole_months(start: date, due: date) -> bool:
    return start.day == 1 and due.day == calendar.monthrange(due.year, due.month)[1]
