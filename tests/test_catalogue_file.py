"""/api/v1/index.json is encoded item by item (jsonapi.catalogue_file) to keep a large
site's build small: it must be byte for byte the whole document encoded at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from glasnost import jsonapi
from glasnost.pipeline import BuildOptions, check
from glasnost.site import Site

ROOT = Path(__file__).resolve().parent.parent
# Titles that look like the encoder's own escapes or markers, quotes, markup, astral
# characters: none may move a byte of the file.
TITLES = [
    'Кавычки "ёлочки" и \\u0000 с обратной чертой',
    "\\x00 0 \\x00: похоже на метку",
    "</script><script>alert(1)</script>",
    "Эмодзи 🌲 и ударение а́",
]


def checked(site_dir: Path) -> Site:
    result = check(BuildOptions(site_dir, site_dir / "output"))
    assert result.site is not None, result.diagnostics
    return result.site


def test_demo_catalogue_is_the_whole_document() -> None:
    site = checked(ROOT)
    assert jsonapi.catalogue_file(site) == jsonapi.dumps(jsonapi.catalogue(site))


@pytest.mark.parametrize("title", TITLES)
def test_titles_that_look_like_escapes_change_nothing(tmp_path: Path, title: str) -> None:
    (tmp_path / "site_config.yaml").write_text(
        "title: Тест\nbase_url: https://test.example.ru/\nlanguage: ru\n", encoding="utf-8"
    )
    news = tmp_path / "content" / "news"
    news.mkdir(parents=True)
    for n in range(3):
        quoted = title.replace("'", "''")
        (news / f"n{n}.md").write_text(
            f"---\ntitle: '{quoted} {n}'\ndate: 2026-0{n + 1}-01\n---\nТекст.\n",
            encoding="utf-8",
        )
    site = checked(tmp_path)
    whole = jsonapi.dumps(jsonapi.catalogue(site))
    assert jsonapi.catalogue_file(site) == whole
    assert whole.count(b'"type":"news","id":"news/n') == 3  # the items are in it
