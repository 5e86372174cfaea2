"""What every import shares: the run's context, opening Office files, writing all or nothing.

An import first reads and converts everything into bytes in memory (`Planned` files);
only when no error was found are they written, each into a temporary file beside its
target and then renamed over it, so that an error, a full disk or Ctrl+C never leaves
half a YAML file or half a data set behind.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glasnost.clock import site_today
from glasnost.diagnostics import Diagnostics
from glasnost.i18n import choose

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: old .doc/.xls or encrypted OOXML
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted .docx/.xlsx is a compound file holding these streams (MS-OFFCRYPTO);
# stream names are stored in UTF-16, so the bytes can be found without parsing the file.
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


class ImportFailed(Exception):
    """Raised after an error diagnostic was recorded: stop reading, write nothing."""


@dataclass
class Planned:
    """One file the import will write, with its full contents."""

    target: Path
    data: bytes
    update: bool = False  # the import's purpose is to change this file (dataset.yaml)


@dataclass
class Context:
    site_dir: Path
    source: Path
    diag: Diagnostics
    language: str = "ru"
    force: bool = False
    out: Path | None = None
    summary: list[str] = field(default_factory=list)

    @property
    def shown(self) -> str:
        """The source document as messages name it."""
        return self.source.name

    def say(self, ru: str, en: str) -> None:
        self.summary.append(choose((ru, en), self.language))

    def fail(self, code: str, **params: Any) -> ImportFailed:
        self.diag.error(code, self.shown, **params)
        return ImportFailed(code)

    def warn(self, code: str, **params: Any) -> None:
        self.diag.warning(code, self.shown, **params)

    def rel(self, path: Path) -> str:
        """A written file as the summary names it: relative to the site when inside it."""
        resolved = path.resolve()
        root = self.site_dir.resolve()
        return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)


def check_office_file(ctx: Context, expected: str) -> None:
    """Refuse what python-docx/openpyxl cannot open, with the reason a person can act on.

    `expected` is ".docx" or ".xlsx". A password-protected Office file is not a zip but
    an OLE compound file, as is the old binary format; both would otherwise surface as
    "File is not a zip file".
    """
    try:
        with ctx.source.open("rb") as handle:
            head = handle.read(8)
            rest = handle.read(4 * 1024 * 1024) if head == OLE_MAGIC else b""
    except OSError as exc:
        raise ctx.fail("I001", problem=exc.strerror or str(exc)) from exc
    if head == OLE_MAGIC:
        if any(name in rest for name in _ENCRYPTION_STREAMS):
            raise ctx.fail("I002", expected=expected)
        raise ctx.fail("I004", expected=expected)
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(ctx.source):
        raise ctx.fail("I003", expected=expected)


def target_path(ctx: Context, default: Path) -> Path:
    """Where the result goes: --out when given (relative to the current folder), else the
    content folder's usual place."""
    return ctx.out.resolve() if ctx.out is not None else ctx.site_dir / default


def commit(ctx: Context, files: list[Planned]) -> None:
    """Write every planned file, or none: refuse to replace without --force, rename at the end."""
    for planned in files:
        if planned.target.exists() and not planned.update and not ctx.force:
            ctx.diag.error("I005", ctx.shown, target=ctx.rel(planned.target))
    if ctx.diag.has_errors:
        raise ImportFailed("I005")
    temporary: list[tuple[Path, Path]] = []
    try:
        for planned in files:
            planned.target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                prefix=".import-", suffix=".tmp", dir=planned.target.parent
            )
            temporary.append((Path(name), planned.target))
            with os.fdopen(handle, "wb") as out:
                out.write(planned.data)
        for temp, target in temporary:
            os.replace(temp, target)
    except OSError as exc:
        _remove(temporary)
        shown = ctx.rel(Path(exc.filename)) if exc.filename else ""
        raise ctx.fail("I006", target=shown, problem=exc.strerror or str(exc)) from exc
    except BaseException:  # Ctrl+C mid-write: no stray temporary files either
        _remove(temporary)
        raise


def _remove(temporary: list[tuple[Path, Path]]) -> None:
    for temp, _ in temporary:
        temp.unlink(missing_ok=True)


class _Dumper(yaml.SafeDumper):
    """YAML as a person writes it: lists indented under their key, texts as blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same date twice must not become &id001/*id001: content forbids anchors


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def validate_as(type_name: str, data: dict[str, Any]) -> None:
    """Check what an import made against the type's own model before writing it.

    Failing here is a bug of the importer, not her mistake: it raises (a traceback with
    -v) rather than writing a file the build would refuse.
    """
    from glasnost.types import type_by_name

    kind = type_by_name(type_name)
    assert kind is not None, type_name
    kind.model.model_validate(data)


def today(site_dir: Path) -> dt.date:
    """The date an import stamps (news date, data version): the build's own «today»."""
    return site_today(site_dir)


def dump_yaml(data: dict[str, Any], comment: str) -> bytes:
    """The file an import writes: a comment saying where it came from, then the data."""
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, indent=2
    )
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    return (head + body).encode("utf-8")
