"""Golden manifests: the SHA-256 of every file the demo and each example build to.

The engine's refactors must not change a byte of what a site publishes; the golden test
(tests/test_golden.py) rebuilds every site and compares with the manifests kept in
tests/golden/. After a deliberate change of the output, regenerate them:

    make golden          (or: .venv/bin/python tools/golden.py)

and commit the new manifests with the change that explains them.

Every build runs at a fixed SOURCE_DATE_EPOCH (the tests' "now", 2026-11-18) and without
the Pagefind index, whose bytes are Pagefind's, not ours.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
FIXED_EPOCH = "1795000000"  # the same "now" as tests/conftest.py


def sites() -> dict[str, Path]:
    """The demo (the repository's root) and every example, by manifest name."""
    examples = sorted(
        p for p in (REPO / "examples").iterdir() if (p / "site_config.yaml").is_file()
    )
    return {"demo": REPO, **{p.name: p for p in examples}}


def manifest_path(name: str) -> Path:
    return GOLDEN / f"{name}.sha256"


def build(site: Path, out: Path) -> tuple[int, str]:
    """`build.py build --no-search` in-process at the fixed clock: (exit code, messages)."""
    if str(REPO) not in sys.path:  # run as a script: the engine is beside tools/
        sys.path.insert(0, str(REPO))
    from glasnost.cli import main

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", "--site", str(site), "--out", str(out), "--no-search"])
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return code, err.getvalue()


def manifest(out: Path) -> str:
    """`sha256  path` of every file under out, sorted by path (the sha256sum format)."""
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}"
        for p in sorted(out.rglob("*"))
        if p.is_file()
    ]
    return "\n".join(sorted(lines, key=lambda line: line.split("  ", 1)[1])) + "\n"


def built_manifest(site: Path, scratch: Path) -> str:
    code, messages = build(site, scratch)
    if code != 0:
        raise RuntimeError(f"the build of {site} failed:\n{messages}")
    return manifest(scratch)


def differences(expected: str, actual: str) -> list[str]:
    """Paths that were added, removed or changed, one line each."""

    def parse(text: str) -> dict[str, str]:
        return dict(reversed(line.split("  ", 1)) for line in text.splitlines() if line)

    before, after = parse(expected), parse(actual)
    problems = [f"missing: {p}" for p in sorted(before.keys() - after.keys())]
    problems += [f"added: {p}" for p in sorted(after.keys() - before.keys())]
    problems += [
        f"changed: {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]
    ]
    return problems


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, site in sites().items():
        with tempfile.TemporaryDirectory() as scratch:
            text = built_manifest(site, Path(scratch) / "out")
        manifest_path(name).write_text(text, encoding="utf-8")
        print(f"{manifest_path(name).relative_to(REPO)}: {text.count(chr(10))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
