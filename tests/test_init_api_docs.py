"""docs/api.md tells developers of other systems the truth: its JSON excerpts are parts of
the demo's real output, and its curl and Python examples run against the built demo.

The demo is built with its base_url set to a local server's address, so that the
examples follow the absolute addresses in the JSON as they would on the real site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from glasnost.cli import main
from tests.conftest import FIXED_EPOCH, REPO

DOC = REPO / "docs" / "api.md"
DEMO_ADDRESS = "https://levokumka.example.ru"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base address, output folder) of the demo built for and served at 127.0.0.1."""
    root = tmp_path_factory.mktemp("api-docs")
    site, out = root / "site", root / "out"
    shutil.copytree(REPO / "content", site / "content")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = (REPO / "site_config.yaml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^base_url: .*$", f"base_url: {base}/", config)
    (site / "site_config.yaml").write_text(config, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        code = main(["build", "--site", str(site), "--out", str(out), "--no-search"])
    assert code == 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, out
    finally:
        server.shutdown()
        server.server_close()


def doc_blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def excerpts() -> list[tuple[str, str]]:
    """(address, JSON text) of every excerpt the page shows."""
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"<!-- excerpt: (\S+) -->\n```json\n(.*?)```", text, re.S)


def mismatches(shown: Any, real: Any, path: str = "") -> list[str]:
    """Where an excerpt is not part of the real document: every key it shows exists with
    the same value; a list shows the first elements of the real one; dates may differ
    (they come from the git history of the copy that was built)."""
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return [f"{path}: not an object"]
        found = []
        for key, value in shown.items():
            if key not in real:
                found.append(f"{path}.{key}: missing")
            else:
                found += mismatches(value, real[key], f"{path}.{key}")
        return found
    if isinstance(shown, list):
        if not isinstance(real, list) or len(real) < len(shown):
            return [f"{path}: not a list of at least {len(shown)}"]
        return [m for i, v in enumerate(shown) for m in mismatches(v, real[i], f"{path}[{i}]")]
    if isinstance(shown, str) and ISO_DATE.fullmatch(shown):
        return [] if isinstance(real, str) and ISO_DATE.fullmatch(real) else [f"{path}: date"]
    return [] if shown == real else [f"{path}: page shows {shown!r}, real {real!r}"]


def test_the_page_shows_excerpts_and_examples() -> None:
    assert len(excerpts()) >= 5
    assert len(doc_blocks("python")) == 1 and len(doc_blocks("sh")) == 1


@pytest.mark.parametrize(("address", "excerpt"), excerpts(), ids=lambda v: str(v)[:40])
def test_excerpt_is_part_of_the_real_output(
    demo: tuple[str, Path], address: str, excerpt: str
) -> None:
    base, out = demo
    shown = json.loads(excerpt.replace(DEMO_ADDRESS, base))
    real = json.loads((out / address.lstrip("/")).read_text(encoding="utf-8"))
    assert mismatches(shown, real) == []


def test_every_envelope_key_the_page_names_is_in_every_document(demo: tuple[str, Path]) -> None:
    _, out = demo
    documents = sorted(out.rglob("index.json"))
    assert len(documents) > 30
    for path in documents:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert {"$schema", "type", "id", "url", "updated"} <= doc.keys(), path
        if doc["type"] not in ("catalogue", "collection", "page_view"):
            assert {"fields", "computed", "html", "published", "source"} <= doc.keys(), path


def test_python_example_runs_against_the_site(demo: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = demo
    script = tmp_path / "example.py"
    script.write_text(doc_blocks("python")[0].replace(DEMO_ADDRESS, base), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(
        r"plan/levokumsky-open-government: 7 of 26, updated \d{4}-\d\d-\d\d", lines[0]
    )
    assert lines[1].split() == ["1", "done", "ежегодно,", "до", "01", "марта"]
    assert len(lines) == 1 + 26


@pytest.mark.skipif(
    shutil.which("curl") is None or shutil.which("jq") is None, reason="needs curl and jq"
)
def test_curl_examples_run_against_the_site(demo: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = demo
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", doc_blocks("sh")[0].replace(DEMO_ADDRESS, base)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"plan/levokumsky-open-government\t{base}/plans/levokumsky-open-government/index.json",
        "выполнено 7 из 26 (26.9 %)",
    ]
