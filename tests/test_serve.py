"""`build.py serve`: the live preview rebuilds on every change and survives broken content."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixtures.spine.checks import BASIC, FIXED_EPOCH, REPO

NEWS = "content/news/plan-utverzhden.md"
TITLE = "Утверждён план мероприятий по взаимодействию с гражданами"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    """(status, body); (0, reason) when nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
        return 0, str(err)


def wait_for(
    url: str, ok: Callable[[int, str], bool], log: Path, seconds: float = 15
) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = get(url)
    while not ok(status, body):
        if time.monotonic() > deadline:
            pytest.fail(
                f"{url} gave {status} after {seconds} s:\n{body[:500]}\n"
                f"server log:\n{log.read_text(encoding='utf-8')}"
            )
        time.sleep(0.2)
        status, body = get(url)
    return status, body


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, Path, subprocess.Popen[bytes]]]:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--port",
                str(port),
                "--site",
                str(site),
            ],
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH},
        )
    try:
        yield f"http://127.0.0.1:{port}", site, log, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_serve_rebuilds_on_change_and_shows_errors_until_fixed(
    preview: tuple[str, Path, Path, subprocess.Popen[bytes]],
) -> None:
    base, site, log, proc = preview
    news = site / NEWS
    original = news.read_text(encoding="utf-8")

    status, home = wait_for(base + "/", lambda s, b: s == 200, log)
    assert "Администрация тестового муниципального округа" in home
    assert TITLE in home

    news.write_text(
        original.replace(TITLE, "План мероприятий утверждён и опубликован"), encoding="utf-8"
    )
    wait_for(
        base + "/", lambda s, b: s == 200 and "План мероприятий утверждён и опубликован" in b, log
    )

    news.write_text(
        original.replace("date: 2020-08-20", "date: 2020-08-20\nsumary: опечатка"), encoding="utf-8"
    )
    status, page = wait_for(base + "/", lambda s, b: NEWS in b, log)
    assert status == 500
    assert "неизвестное поле «sumary»" in page
    assert proc.poll() is None  # the server is still running

    news.write_text(original, encoding="utf-8")
    status, home = wait_for(base + "/", lambda s, b: s == 200 and TITLE in b, log)
    assert NEWS not in home

    # The reload script exists only in what the preview serves, never in the files.
    assert "__glasnost" in home
    assert "__glasnost" not in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert proc.poll() is None


def test_serve_reports_a_busy_port_plainly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--port",
                str(port),
                "--site",
                str(site),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert result.returncode == 1
    assert f"Не удалось открыть 127.0.0.1:{port}" in result.stderr
    assert "--port 8001" in result.stderr
    assert "Traceback" not in result.stderr
