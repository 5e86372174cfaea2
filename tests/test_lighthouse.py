"""Lighthouse (mobile, its default) scores a few demo pages 100 in all four categories.

Performance, accessibility, best practices and SEO are what a citizen on an old phone
and a search engine see; issue 12 found SEO at 92 for want of meta descriptions.
Lighthouse 12.2.3 (npm, pinned in package.json: 13 needs Node 22) runs Debian's
chromium headless; `make test` installs it with the other npm tools.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from tests.support.sites import BuiltSite, demo_site  # noqa: F401  (pytest fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def chromium() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        pytest.fail("chromium is missing: run `make test` (or `make dev-env browser`)")
    return found


def lighthouse(url: str, report: Path) -> dict[str, object]:
    if not LIGHTHOUSE.is_file():
        pytest.fail("npm package lighthouse is missing: run `make test` (or `make dev-env`)")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium()}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result


def shortfalls(result: dict[str, object]) -> list[str]:
    """Each category under 100, with the audits that cost it points."""
    categories = result["categories"]
    audits = result["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    problems = []
    for name in CATEGORIES:
        score = categories[name]["score"]
        if score != 1:
            lost = [
                f"{ref['id']} ({audits[ref['id']].get('displayValue', '')})"
                for ref in categories[name]["auditRefs"]
                if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
            ]
            problems.append(f"{name}: {score}; {', '.join(lost)}")
    return problems


# Performance is measured on this machine, shared with other work: Lighthouse's own
# advice on variability is to run it more than once. A performance score under 100 is
# measured again (up to RUNS times); the other three categories do not depend on timing,
# and one shortfall there fails at once.
RUNS = 3


@pytest.mark.parametrize("kind", ["home", "news", "plan", "meeting"])
def test_demo_pages_score_100_in_lighthouse(
    demo_site: BuiltSite, tmp_path: Path, kind: str  # noqa: F811
) -> None:
    path = demo_site.samples[kind]
    runs: list[list[str]] = []
    for attempt in range(RUNS):
        problems = shortfalls(lighthouse(demo_site.url(path), tmp_path / f"report-{attempt}.json"))
        runs.append(problems)
        if not problems or any(not p.startswith("performance") for p in problems):
            break
    assert runs[-1] == [], f"{path}: {runs}"
