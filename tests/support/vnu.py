"""Nu Html Checker (vnu.jar from the npm package ``vnu-jar``), run once for many files.

Usage::

    errors = vnu_errors(sorted(Path("output").rglob("*.html")))
    assert not errors, "\\n".join(errors)

``make test`` installs the jar (``npm ci`` into node_modules/) and a Java runtime
(``make browser``). When either is missing :func:`vnu_errors` raises
:class:`VnuUnavailable` -- tests fail, they never skip silently.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from tests.support import NODE_MODULES

__all__ = ["VnuUnavailable", "vnu_available", "vnu_errors", "vnu_jar"]

VNU_PACKAGE: Path = NODE_MODULES / "vnu-jar"
# Keep each java command line well under ARG_MAX; a normal site fits in one run.
_MAX_ARGS_CHARS = 1_000_000
_TIMEOUT_S = 600
# A short-lived JVM: C1 only (-XX:TieredStopAtLevel=1) halves vnu's CPU time on a site,
# which then needs a bigger thread stack than the default 512k for its schema; one GC
# thread suits a small shared machine.
_JAVA_OPTIONS = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
# Set by tests/conftest.py around each test: True if it is marked `vnu`, None outside pytest.
MARKED_TEST: bool | None = None


class VnuUnavailable(RuntimeError):
    """vnu.jar or java is missing: run `make test` (or `make dev-env browser`)."""


def vnu_jar() -> Path:
    """Path of vnu.jar inside the installed npm package (node_modules/vnu-jar)."""
    manifest = VNU_PACKAGE / "package.json"
    if manifest.is_file():
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
        for entry in files:
            if isinstance(entry, str) and entry.endswith("vnu.jar"):
                return VNU_PACKAGE / entry
    return VNU_PACKAGE / "build" / "dist" / "vnu.jar"


def _java() -> str | None:
    return shutil.which("java")


def vnu_available() -> bool:
    """True when both java and vnu.jar are installed."""
    return _java() is not None and vnu_jar().is_file()


def _require() -> tuple[str, Path]:
    java, jar = _java(), vnu_jar()
    missing = []
    if java is None:
        missing.append("java (Debian package default-jre-headless)")
    if not jar.is_file():
        missing.append(f"{jar} (npm package vnu-jar)")
    if java is None or missing:
        raise VnuUnavailable(
            "Nu Html Checker unavailable, missing: "
            + "; ".join(missing)
            + ". Run `make test` (or `make dev-env browser`) to install it."
        )
    return java, jar


def _parse_report(text: str) -> list[dict[str, Any]] | None:
    """Find vnu's JSON report in ``text`` (it may follow JVM notices); None if absent."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            obj, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        if isinstance(obj, dict) and isinstance(obj.get("messages"), list):
            return [m for m in obj["messages"] if isinstance(m, dict)]
        start = text.find("{", start + 1)
    return None


def _chunks(paths: Sequence[Path]) -> list[list[Path]]:
    chunks: list[list[Path]] = [[]]
    size = 0
    for path in paths:
        n = len(str(path)) + 1
        if chunks[-1] and size + n > _MAX_ARGS_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += n
    return chunks


def _run(java: str, jar: Path, files: list[Path]) -> list[dict[str, Any]]:
    cmd = [java, *_JAVA_OPTIONS, "-jar", str(jar), "--errors-only", "--exit-zero-always"]
    cmd += ["--format", "json"]
    cmd += [str(f) for f in files]
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    for stream in (proc.stderr, proc.stdout):
        messages = _parse_report(stream)
        if messages is not None:
            return messages
    raise RuntimeError(
        f"vnu produced no JSON report (exit {proc.returncode}):\n"
        f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
    )


def vnu_errors(paths: Sequence[Path]) -> list[str]:
    """Validate HTML files with one vnu run; return ``"file:line: message"`` per error.

    Warnings are not reported (``--errors-only``). ``file`` is the path as passed in.
    """
    if MARKED_TEST is False:
        raise RuntimeError(
            "this test runs the Nu checker: mark it @pytest.mark.vnu (or its module "
            "`pytestmark = pytest.mark.vnu`), so `pytest -m 'not vnu'` leaves it out"
        )
    if not paths:
        return []
    java, jar = _require()
    by_resolved: dict[Path, Path] = {}
    for p in paths:
        p = Path(p)
        if not p.is_file():
            raise FileNotFoundError(f"vnu_errors: no such file {p}")
        by_resolved[p.resolve()] = p
    errors: list[str] = []
    for chunk in _chunks(list(by_resolved)):
        for msg in _run(java, jar, chunk):
            if msg.get("type") not in ("error", "non-document-error"):
                continue
            url = str(msg.get("url", "?"))
            parsed = urlparse(url)
            shown: object = url
            if parsed.scheme == "file":
                local = Path(unquote(parsed.path))
                shown = by_resolved.get(local.resolve(), local)
            line = msg.get("firstLine", msg.get("lastLine", 0))
            text = " ".join(str(msg.get("message", "")).split())
            errors.append(f"{shown}:{line}: {text}")
    return errors
