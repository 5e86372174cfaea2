"""`glasnost import KIND FILE`: Word and Excel documents → ordinary content files.

One module per kind (plan, report, news, data) reads the document and returns the files
to write; this module runs it, writes them all or none (common.commit) and prints what
was made and what could not be read. Nothing here runs during a build.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glasnost.config import CONFIG_FILE
from glasnost.diagnostics import Diagnostics
from glasnost.i18n import choose
from glasnost.importers.common import Context, ImportFailed, Planned, commit
from glasnost.importers.messages import IMPORT_MESSAGES
from glasnost.messages import CORE_MESSAGES

KINDS = ("plan", "report", "news", "data")


@dataclass(frozen=True)
class ImportRequest:
    kind: str
    source: Path
    site_dir: Path
    out: Path | None = None
    force: bool = False
    plan: str | None = None
    dataset: str | None = None
    language: str = "ru"


def new_diagnostics() -> Diagnostics:
    return Diagnostics({**CORE_MESSAGES, **IMPORT_MESSAGES})


def run_import(request: ImportRequest, diag: Diagnostics) -> list[str] | None:
    """Import one document; the summary lines, or None when an error was recorded."""
    ctx = Context(
        site_dir=request.site_dir,
        source=request.source,
        diag=diag,
        language=request.language,
        force=request.force,
        out=request.out,
    )
    try:
        if not request.source.is_file():
            raise ctx.fail("I001", problem=_missing(request.language))
        if request.out is None and not (request.site_dir / CONFIG_FILE).is_file():
            # content/ would otherwise appear in whatever folder she happened to be in
            raise ctx.fail("I008", folder=str(request.site_dir))
        commit(ctx, _reader(request)(ctx))
    except ImportFailed:
        return None
    return ctx.summary


def _reader(request: ImportRequest) -> Callable[[Context], list[Planned]]:
    if request.kind == "plan":
        from glasnost.importers.plan import import_plan

        return import_plan
    if request.kind == "report":
        from glasnost.importers.report import import_report

        plan = request.plan or ""
        return lambda ctx: import_report(ctx, plan)
    if request.kind == "news":
        from glasnost.importers.news import import_news

        return import_news
    from glasnost.importers.data import import_data

    dataset = request.dataset or ""
    return lambda ctx: import_data(ctx, dataset)


def _missing(language: str) -> str:
    return choose(("такого файла нет", "no such file"), language)


def main(request: ImportRequest) -> int:
    """Run and report: exit code 0 when the files were written, 1 when nothing was."""
    diag = new_diagnostics()
    summary = run_import(request, diag)
    for diagnostic in diag:
        print(diag.format(diagnostic, request.language), file=sys.stderr)
    if summary is None:
        print(
            choose(
                ("Импорт остановлен: ничего не записано.", "Nothing was written."), request.language
            ),
            file=sys.stderr,
        )
        return 1
    for line in summary:
        print(line)
    return 0
