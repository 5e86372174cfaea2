"""What the commands print: diagnostics, in colour in a terminal, and the closing line.

Shared by the command line and the live preview (which prints after every rebuild), so
that neither imports the other.
"""

from __future__ import annotations

import sys
from typing import TextIO

from glasnost.diagnostics import Diagnostics, Severity
from glasnost.i18n import choose
from glasnost.pipeline import BuildResult


def print_diagnostics(diag: Diagnostics, language: str, stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    if out.isatty():
        print_in_colour(diag, language, out)
        return
    for diagnostic in diag:
        print(diag.format(diagnostic, language), file=out)


def print_in_colour(diag: Diagnostics, language: str, out: TextIO) -> None:
    """In a terminal, errors in red and warnings in yellow: easier to scan a long list."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True)
    for diagnostic in diag:
        style = "bold red" if diagnostic.severity is Severity.ERROR else "yellow"
        first, _, rest = diag.format(diagnostic, language).partition("\n")
        console.print(Text(first, style=style))
        if rest:
            console.print(Text(rest))


def say(language: str, ru: str, en: str) -> str:
    return choose((ru, en), language)


def summary_line(result: BuildResult, action: str) -> str:
    errors, warnings = len(result.diagnostics.errors), len(result.diagnostics.warnings)
    lang = result.language
    if not result.ok:
        return say(
            lang,
            f"Сборка остановлена: ошибок: {errors}, предупреждений: {warnings}. "
            "Прежняя версия сайта не изменена.",
            f"Build stopped: {errors} errors, {warnings} warnings. The previous site is unchanged.",
        )
    if action == "build":
        return say(
            lang,
            f"Готово: записано файлов: {result.written}; предупреждений: {warnings}.",
            f"Done: {result.written} files written; {warnings} warnings.",
        )
    return say(
        lang,
        f"Проверка пройдена; предупреждений: {warnings}.",
        f"Check passed; {warnings} warnings.",
    )
