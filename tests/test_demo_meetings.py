"""The demo (Левокумский округ) at a fixed "now": upcoming and past meetings apart."""

from __future__ import annotations

from tests.support.sites import SiteBuilds, site_builds  # noqa: F401 - pytest fixture
from tests.test_meetings import main_text


def test_demo_lists_the_december_reception_as_upcoming_and_2022_meetings_as_past(
    site_builds: SiteBuilds,
) -> None:
    run = site_builds("demo")
    text = main_text(run.read("meetings/index.html"))
    upcoming, past = text.split("Прошедшие", 1)
    assert "15 декабря 2026" in upcoming
    assert "2022" not in upcoming
    # Latest first among the past: the June «прямая линия» before the March one.
    assert past.index("16 июня 2022") < past.index("17 марта 2022")
    home = main_text(run.read("index.html"))
    assert home.index("Предстоящие встречи") < home.index("15 декабря 2026")
    calendar = run.read("meetings/calendar.ics")
    assert calendar.count("BEGIN:VEVENT") == 6
