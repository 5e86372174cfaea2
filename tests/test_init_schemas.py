"""The editor's schemas (.glasnost/schemas/*.json) agree with the build: they accept every
file of the demo and the examples, and reject what the build rejects.

Files are read as an editor's YAML 1.2 reader sees them: dates are text there, so the
dates PyYAML makes are turned back into their ISO text before the check.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from glasnost.cli import main
from glasnost.editor import editor_schemas
from glasnost.load import discover
from glasnost.pipeline import new_diagnostics
from glasnost.sourcefile import load_source
from glasnost.types import all_types
from tests.conftest import REPO

SITES = [
    REPO,
    *sorted(p for p in (REPO / "examples").iterdir() if (p / "site_config.yaml").is_file()),
]
SCHEMAS = editor_schemas(all_types())


def as_editor_sees(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def read(path: Path) -> dict[str, Any]:
    diag = new_diagnostics()
    source = load_source(path, path.name, diag)
    assert source is not None, list(diag)
    data: dict[str, Any] = as_editor_sees(source.data)
    return data


def content_files() -> list[tuple[str, Path]]:
    found = []
    for site in SITES:
        found.append(("site_config", site / "site_config.yaml"))
        for kind in all_types():
            found += [(kind.name, p) for p in discover(site, kind, new_diagnostics())]
    return found


FILES = content_files()


def problems(schema_name: str, data: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(SCHEMAS[schema_name])
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def test_every_type_and_every_site_is_covered() -> None:
    assert {name for name, _ in FILES} == set(SCHEMAS)
    assert len(FILES) > 40


@pytest.mark.parametrize(
    ("schema_name", "path"), FILES, ids=[p.relative_to(REPO).as_posix() for _, p in FILES]
)
def test_schema_accepts_real_files(schema_name: str, path: Path) -> None:
    assert problems(schema_name, read(path)) == []


def test_schemas_carry_the_russian_descriptions() -> None:
    plan = SCHEMAS["plan"]
    assert plan["title"] == "План мероприятий"
    assert plan["properties"]["title"]["description"] == "Заголовок"
    assert SCHEMAS["page"]["properties"]["menu"]["description"] == (
        "Показать страницу в главном меню"
    )
    # pydantic's English titles ("Published", "ApprovingAct") would show above the
    # Russian description in the editor's hint.
    assert "title" not in plan["properties"]["published"]
    assert all("title" not in definition for definition in plan["$defs"].values())
    config = SCHEMAS["site_config"]
    assert config["properties"]["inn"]["description"].startswith("ИНН органа")


@pytest.mark.parametrize(
    ("schema_name", "data", "expected"),
    [
        ("page", {"title": "О нас", "menu_ordr": 5}, "Additional properties are not allowed"),
        ("page", {"title": "О нас", "menu": "да"}, "is not of type 'boolean'"),
        ("news", {"title": "Новость"}, "'date' is a required property"),
        ("meeting", {"title": "Встреча", "kind": "party"}, "'party' is not one of"),
        (
            "site_config",
            {"title": "Сайт", "base_url": "https://a.ru/", "feeds": {"items": "20"}},
            "is not of type 'integer'",
        ),
    ],
)
def test_schema_rejects_what_the_build_rejects(
    schema_name: str, data: dict[str, Any], expected: str
) -> None:
    found = problems(schema_name, data)
    assert any(expected in problem for problem in found), found


def test_a_wrong_plan_item_is_found_where_it_is() -> None:
    plan = read(
        REPO
        / "content"
        / "plans"
        / next(p.name for p in sorted((REPO / "content" / "plans").glob("*.yaml")))
    )
    plan["sections"][0]["items"] = [{"id": "1", "title": "Мероприятие", "deadlin": "Постоянно"}]
    found = problems("plan", plan)
    assert any(p.startswith("sections.0.items.0") and "deadlin" in p for p in found), found


def test_meeting_start_in_the_sites_own_form_is_accepted() -> None:
    data = {
        "title": "Встреча",
        "kind": "residents_meeting",
        "start": "2026-05-20T18:00",
        "location": {"name": "Дом культуры"},
        "host": "Глава",
        "announced": "2026-05-10",
    }
    assert problems("meeting", data) == []
    assert problems("meeting", {**data, "start": "20 мая в 18:00"}) != []


def test_written_schemas_are_the_ones_checked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for name, schema in SCHEMAS.items():
        written = json.loads((site / ".glasnost" / "schemas" / f"{name}.json").read_text("utf-8"))
        assert written == schema
