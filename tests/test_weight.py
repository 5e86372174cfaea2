"""Weight and privacy budgets of the built pages: a light home page, no web fonts, and
nothing loaded from another host (links in the text may point anywhere)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.sites import BuiltSite, built_site  # noqa: F401 - pytest fixture

HOME_BUDGET = 100 * 1024  # bytes of HTML + CSS + JS, uncompressed; search index excluded
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "poster", "data", "formaction", "background"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.I)
ABSOLUTE = re.compile(r"""https?://[^\s'"`)<>]+|['"`]//[^\s'"`]+""", re.I)


class Resources(HTMLParser):
    """Every URL a page makes the browser fetch (not <a> links, not canonical/alternate)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[tuple[str, str]] = []  # (tag, url)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        rel = set(values.get("rel", "").lower().split())
        if tag == "a" or (tag == "link" and rel & {"canonical", "alternate"}):
            return
        if tag == "link" and "stylesheet" in rel:
            self.styles.append(values.get("href", ""))
        if tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        if tag == "style":
            self._in_style = True
        for name, value in values.items():
            if name in URL_ATTRIBUTES and value:
                for part in value.split(",") if name == "srcset" else [value]:
                    self.fetched.append((tag, part.strip().split(" ")[0]))
            if name == "style":
                self.fetched += [(tag, u) for u in _css_urls(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.fetched += [("style", u) for u in _css_urls(data)]


def _css_urls(text: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(text)]


def _parse(path: Path) -> Resources:
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _local_file(out: Path, url: str) -> Path:
    return out / urlsplit(url).path.lstrip("/")


def _foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_home_page_under_100_kb(built_site: BuiltSite) -> None:
    out = built_site.out
    home = out / "index.html"
    page = _parse(home)
    files = [home] + [_local_file(out, u) for u in page.styles + page.scripts]
    for script in page.scripts:  # ES-module imports of our own scripts
        text = _local_file(out, script).read_text(encoding="utf-8")
        files += [
            _local_file(out, m)
            for m in re.findall(r"""import\s+[^'"]*['"](/static/[^'"]+)""", text)
        ]
    sizes = {f.relative_to(out).as_posix(): f.stat().st_size for f in files}
    total = sum(sizes.values())
    assert total < HOME_BUDGET, f"home page weighs {total} bytes: {sizes}"
    assert any(name.endswith(".css") for name in sizes)


def test_no_web_fonts(built_site: BuiltSite) -> None:
    out = built_site.out
    offenders = []
    for css in sorted(out.rglob("*.css")):
        if "pagefind" in css.relative_to(out).parts:
            continue  # Pagefind's own UI styles: never linked by our pages
        text = css.read_text(encoding="utf-8")
        if "@font-face" in text or re.search(r"\.(woff2?|ttf|otf|eot)\b", text):
            offenders.append(css.relative_to(out).as_posix())
    for path in sorted(out.rglob("*.html")):
        if "@font-face" in path.read_text(encoding="utf-8"):
            offenders.append(path.relative_to(out).as_posix())
    fonts = [
        p for p in out.rglob("*") if p.suffix.lower() in (".woff", ".woff2", ".ttf", ".otf", ".eot")
    ]
    assert not offenders and not fonts, (offenders, fonts)


def test_nothing_loaded_from_another_host(built_site: BuiltSite) -> None:
    out = built_site.out
    problems: list[str] = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out)
        if rel.parts[0] == "pagefind":
            continue
        for tag, url in _parse(path).fetched:
            if _foreign(url):
                problems.append(f"{rel}: <{tag}> {url}")
    for css in sorted(out.rglob("*.css")):
        rel = css.relative_to(out)
        if rel.parts[0] == "pagefind":
            continue
        problems += [
            f"{rel}: {u}" for u in _css_urls(css.read_text(encoding="utf-8")) if _foreign(u)
        ]
    for js in sorted((out / "static").rglob("*.js")):
        rel = js.relative_to(out)
        problems += [f"{rel}: {u}" for u in ABSOLUTE.findall(js.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)
