#!/usr/bin/env python3
"""Screenshots for a person to look at: `make screenshots`.

Builds the demo site (or --site DIR) with its search index, serves it on 127.0.0.1 and
takes full-page PNGs of the home page and one page of each type (each type's list and
first item, the search page with a query, the 404 page) at 375 px and 1280 px wide, in
the normal version and in the visually-impaired mode, into output-screenshots/ with an
index.html to browse them. Uses Debian's chromium (tests/support/browser.py); nothing
is requested from any other host.

    python tools/screenshots.py [--site DIR] [--out DIR] [--built DIR] [--query WORD]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import Page, Route, sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.server import serve_directory  # noqa: E402
from tests.support.sites import sample_pages  # noqa: E402

WIDTHS = {375: 812, 1280: 900}
# The visually-impaired mode at its strongest: largest font, white on black, wide
# letter spacing, images off (what a11y.js stores in localStorage).
MODES: dict[str, dict[str, str] | None] = {
    "normal": None,
    "a11y": {"font": "3", "scheme": "wb", "spacing": "wide", "images": "off"},
}
SCHEMES = {"bw": "bw", "blue": "blue"}  # extra: the other two schemes on the home page
STORE = "glasnost-a11y"
SEARCH_DONE = """() => {
  const status = document.getElementById('search-status');
  const text = status ? status.textContent : '';
  return document.querySelector('#search-results li') !== null
    || (text && (text === status.dataset.none || text === status.dataset.fail));
}"""


def build(site: Path, out: Path) -> None:
    cmd = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr + proc.stdout)
        raise SystemExit(f"screenshots: the build of {site} failed")


def pick_query(out: Path, language: str) -> str:
    """A word form that differs from the indexed one, so the shot shows stemming."""
    if language == "ru" and "опрос" in _all_text(out):
        return "опросов"
    words = re.findall(r"[^\W\d_]{7,}", _all_text(out))
    return words[0].lower() if words else "сайт"


def _all_text(out: Path) -> str:
    catalogue = json.loads((out / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    titles = [
        str(i.get("title", ""))
        for c in catalogue.get("collections", [])
        for i in c.get("items", [])
    ]
    return " ".join(titles)


def block_outside(page: Page, host: str) -> None:
    def route(route: Route) -> None:
        if route.request.url.split("/")[2:3] == [host] or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    page.route("**/*", route)


def shoot(out: Path, target: Path, query: str | None) -> list[tuple[str, str, int, str]]:
    pages = sample_pages(out)
    language = json.loads((out / "api" / "v1" / "index.json").read_text(encoding="utf-8")).get(
        "language", "ru"
    )
    word = query or pick_query(out, language)
    shots: list[tuple[str, str, int, str]] = []
    with serve_directory(out) as base, sync_playwright() as pw:
        host = base.split("/")[2]
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            for mode, settings in {
                **MODES,
                **{k: {"scheme": v} for k, v in SCHEMES.items()},
            }.items():
                for width, height in WIDTHS.items():
                    if mode in SCHEMES and width != 1280:
                        continue
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        locale="ru-RU",
                        timezone_id="Europe/Moscow",
                        service_workers="block",
                    )
                    if settings:
                        context.add_init_script(
                            f"localStorage.setItem({json.dumps(STORE)}, "
                            f"{json.dumps(json.dumps(settings))});"
                        )
                    page = context.new_page()
                    block_outside(page, host)
                    items = [*pages.items(), ("a11y-panel", "/")]
                    if mode in SCHEMES:
                        items = [("home", "/"), ("a11y-panel", "/")]
                    for number, (name, path) in enumerate(items, start=1):
                        url = base + path + (f"?q={word}" if name == "search" else "")
                        page.goto(url, wait_until="load")
                        if name == "search":
                            page.wait_for_function(SEARCH_DONE, timeout=15_000)
                        if name == "a11y-panel":
                            page.click(".a11y-panel summary")
                        file = f"{number:02d}-{name}-{width}-{mode}.png"
                        page.screenshot(path=str(target / file), full_page=True)
                        shots.append((name, mode, width, file))
                    context.close()
        finally:
            browser.close()
    return shots


def gallery(target: Path, shots: list[tuple[str, str, int, str]], site: str) -> None:
    rows = []
    for name, mode, width, file in shots:
        label = html.escape(f"{name} · {mode} · {width} px")
        rows.append(
            f'<figure><a href="{file}"><img src="{file}" alt="{label}" loading="lazy" '
            f'width="{min(width, 420)}"></a><figcaption>{label}</figcaption></figure>'
        )
    page = (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        "<title>Glasnost: screenshots</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1rem}main{display:flex;flex-wrap:wrap;"
        "gap:1rem;align-items:flex-start}figure{margin:0;max-width:420px}img{max-width:100%;height:auto;"
        "border:1px solid #888}</style></head><body><h1>Screenshots: "
        + html.escape(site)
        + "</h1><main>"
        + "".join(rows)
        + "</main></body></html>"
    )
    (target / "index.html").write_text(page, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=REPO, help="site folder (default: the demo)")
    parser.add_argument(
        "--out", type=Path, default=REPO / "output-screenshots", help="where PNGs go"
    )
    parser.add_argument(
        "--built", type=Path, default=None, help="use this built site, do not build"
    )
    parser.add_argument("--query", default=None, help="word for the search page shot")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"screenshots: {CHROMIUM} not found: run `make browser`", file=sys.stderr)
        return 1
    started = time.monotonic()
    target = args.out.resolve()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="glasnost-shots-") as tmp:
        out = args.built.resolve() if args.built else Path(tmp) / "site"
        if not args.built:
            build(args.site.resolve(), out)
        shots = shoot(out, target, args.query)
    gallery(target, shots, str(args.site))
    print(
        f"screenshots: {len(shots)} PNGs in {os.path.relpath(target)} "
        f"({time.monotonic() - started:.0f} s); open {os.path.relpath(target / 'index.html')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
