"""JSON Schemas of the source files, for her editor: hints and red underlines as she types.

They are derived from the same pydantic models that validate the files in the build
(the published /schema/*.json describe the JSON copy instead: an envelope around the
fields). VS Code's YAML extension finds them through `.vscode/settings.json`; other
editors with yaml-language-server through the `# yaml-language-server: $schema=` line
at the top of each YAML file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from glasnost.config import CONFIG_FILE, SiteConfig
from glasnost.load import CONTENT_DIR
from glasnost.types.base import ContentType

SCHEMA_DIR = ".glasnost/schemas"
SETTINGS_FILE = ".vscode/settings.json"
CONFIG_SCHEMA = "site_config"
MODELINE = "# yaml-language-server: $schema="

# What the build accepts for a date-time: 2026-05-20T18:00 (in the site's time zone),
# seconds and an offset optional. JSON Schema's "date-time" format demands both, and
# editors that check formats would underline every meeting's start.
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"


def editor_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    _for_editors(schema)
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema, "title": title}


# Keywords whose value maps names (of fields, of definitions) to schemas: there a key
# such as "title" is a field's name, not the keyword.
NAMED_SCHEMAS = ("properties", "$defs", "definitions")


def _for_editors(schema: Any) -> None:
    """Shape pydantic's schema for hover hints: drop its English titles ("Date",
    "ApprovingAct"), which editors show above the Russian description, and accept
    date-times as she writes them."""
    if isinstance(schema, list):
        for value in schema:
            _for_editors(value)
        return
    if not isinstance(schema, dict):
        return
    schema.pop("title", None)
    if schema.get("format") == "date-time":
        del schema["format"]
        schema["pattern"] = DATETIME_PATTERN
    for key, value in schema.items():
        if key in NAMED_SCHEMAS and isinstance(value, dict):
            for named in value.values():
                _for_editors(named)
        else:
            _for_editors(value)


def editor_schemas(kinds: list[ContentType]) -> dict[str, dict[str, Any]]:
    """Schema name -> schema: one per type, and one for site_config.yaml."""
    schemas = {kind.name: editor_schema(kind.model, kind.title_one("ru")) for kind in kinds}
    schemas[CONFIG_SCHEMA] = editor_schema(SiteConfig, "Настройки сайта (site_config.yaml)")
    return schemas


def schema_path(site_dir: Path, name: str) -> Path:
    return site_dir / SCHEMA_DIR / f"{name}.json"


def write_schemas(site_dir: Path, kinds: list[ContentType]) -> list[Path]:
    written = []
    for name, schema in sorted(editor_schemas(kinds).items()):
        path = schema_path(site_dir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def is_yaml_type(kind: ContentType) -> bool:
    return kind.pattern.endswith(".yaml")


def source_glob(kind: ContentType) -> str:
    return f"{CONTENT_DIR}/{kind.folder}/{kind.pattern}"


def yaml_schemas_setting(kinds: list[ContentType]) -> dict[str, list[str]]:
    """VS Code's `yaml.schemas`: schema file -> the files it describes.

    Only YAML files: the YAML extension does not look into Markdown front matter, so the
    page, news and meeting schemas serve other tools (and the tests) instead.
    """
    mapping = {f"./{SCHEMA_DIR}/{CONFIG_SCHEMA}.json": [CONFIG_FILE]}
    for kind in kinds:
        if is_yaml_type(kind):
            mapping[f"./{SCHEMA_DIR}/{kind.name}.json"] = [source_glob(kind)]
    return mapping


def write_vscode_settings(site_dir: Path, kinds: list[ContentType]) -> Path | None:
    """Create or update .vscode/settings.json; None when hers cannot be read as JSON.

    Only `yaml.schemas` is replaced: any other setting she has made stays.
    """
    path = site_dir / SETTINGS_FILE
    settings: dict[str, Any] = {}
    if path.is_file():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            return None  # VS Code allows comments there; never overwrite hers
        if not isinstance(loaded, dict):
            return None
        settings = loaded
    settings["yaml.schemas"] = yaml_schemas_setting(kinds)
    settings.setdefault("files.encoding", "utf8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def modeline(site_dir: Path, kind: ContentType, file: Path) -> str | None:
    """The `# yaml-language-server: $schema=...` line for a new YAML file of `kind`.

    None for Markdown files and for sites without editor schemas (made before `init`
    wrote them): a line pointing at a missing file would only confuse the editor.
    """
    schema = schema_path(site_dir, kind.name)
    if not is_yaml_type(kind) or not schema.is_file():
        return None
    return MODELINE + Path(os.path.relpath(schema, file.parent)).as_posix()
