"""Adding a content type touches its module, its templates and one registry line.

The type here, procurement notices, is defined only inside the test suite
(tests/fixtures/procurement/notice.py) with its template in the fixture site's own
templates/ folder; nothing in glasnost/ or templates/ knows it. Registered in one line,
it gets what every type gets: pages, list, JSON with its view, schema, feeds, menu,
diagnostics with file:line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from glasnost.clock import build_time
from glasnost.pipeline import BuildOptions, BuildResult, build
from glasnost.types import registry
from tests.conftest import FIXED_EPOCH
from tests.fixtures.procurement.notice import NoticeType

SITE = Path(__file__).resolve().parent / "fixtures" / "procurement" / "site"
REGISTRY = registry(NoticeType)  # the one line


def build_with_notices(site: Path, out: Path) -> BuildResult:
    now = build_time({"SOURCE_DATE_EPOCH": FIXED_EPOCH})  # 2026-11-18
    options = BuildOptions(site, out, now=now, search=False, cache=False, types=REGISTRY)
    return build(options)


def messages(result: BuildResult) -> list[str]:
    diag = result.diagnostics
    return [diag.format(d, "ru") for d in diag.sorted()]


def test_a_type_from_outside_the_engine_gets_pages_json_schema_feeds_and_menu(
    copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build_with_notices(copy_site(SITE), out)
    assert result.ok, messages(result)
    page = (out / "notices" / "remont-dorogi" / "index.html").read_text(encoding="utf-8")
    assert "Номер извещения: 0123300000126000045" in page
    assert "Заявки принимаются до 30 ноября 2026" in page  # the view, read by the template
    closed = (out / "notices" / "zakupka-bumagi" / "index.html").read_text(encoding="utf-8")
    assert "Прием заявок завершен 1 ноября 2026" in closed
    doc = json.loads((out / "notices" / "remont-dorogi" / "index.json").read_text("utf-8"))
    assert doc["computed"] == {"accepting": True, "days_left": 12}  # the view's dump
    assert doc["fields"]["number"] == "0123300000126000045"
    schema = json.loads((out / "schema" / "notice.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["computed"]["properties"]) == {"accepting", "days_left"}
    listing = (out / "notices" / "index.html").read_text(encoding="utf-8")
    assert listing.index("Поставка бумаги") < listing.index("Ремонт дороги")  # its sort_key
    assert '<a href="/notices/"' in (out / "index.html").read_text(encoding="utf-8")  # menu
    assert "Ремонт дороги" in (out / "notices" / "feed.xml").read_text(encoding="utf-8")


def test_its_rules_report_with_file_and_line_and_publish_nothing(
    copy_site: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = copy_site(SITE)
    notice = site / "content" / "notices" / "remont-dorogi.md"
    notice.write_text(
        notice.read_text(encoding="utf-8").replace("deadline: 2026-11-30", "deadline: 2026-11-01"),
        encoding="utf-8",
    )
    result = build_with_notices(site, tmp_path / "out")
    assert not result.ok
    assert messages(result) == [
        "content/notices/remont-dorogi.md:4: ошибка: последний день подачи заявок 2026-11-01 "
        "раньше даты публикации 2026-11-10 [N100]\n    Проверьте поле deadline."
    ]
    assert not (tmp_path / "out").exists()


def test_the_engines_own_registry_does_not_know_the_type(tmp_path: Path) -> None:
    # Without the registry line the files are not content at all: nothing under /notices/.
    now = build_time({"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    result = build(BuildOptions(SITE, tmp_path / "out", now=now, search=False, cache=False))
    assert result.ok, messages(result)
    assert not (tmp_path / "out" / "notices").exists()
