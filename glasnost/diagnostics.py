"""Problems found during a build, collected as values and reported all at once.

A diagnostic stores its code and parameters, not a formatted string: the site's
language is known only after the config is read, and the same diagnostic is shown in
the terminal, in the browser during `serve`, and in tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from glasnost.i18n import choose


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    """One entry of the message catalogue: text and hint in each UI language."""

    ru: str
    en: str
    hint_ru: str = ""
    hint_en: str = ""

    def text(self, language: str) -> str:
        return choose((self.ru, self.en), language)

    def hint(self, language: str) -> str:
        return choose((self.hint_ru, self.hint_en), language)


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    path: str
    line: int | None
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


# Control characters (an escape sequence can rewrite the terminal: clear it, retitle it,
# fake a line) and direction overrides, which content can carry into a message: shown as
# \x1b or \u202e, never sent raw. Line breaks and tabs are left as they are.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def printable_params(diagnostic: Diagnostic) -> dict[str, Any]:
    return {k: printable(v) if isinstance(v, str) else v for k, v in diagnostic.params}


_SEVERITY_LABEL = {
    ("ru", Severity.ERROR): "ошибка",
    ("ru", Severity.WARNING): "предупреждение",
    ("en", Severity.ERROR): "error",
    ("en", Severity.WARNING): "warning",
}


@dataclass
class Diagnostics:
    """The collector passed through every stage of a build."""

    catalog: Mapping[str, Message]
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, path: str, line: int | None = None, **params: Any) -> None:
        self._add(Severity.ERROR, code, path, line, params)

    def warning(self, code: str, path: str, line: int | None = None, **params: Any) -> None:
        self._add(Severity.WARNING, code, path, line, params)

    def _add(
        self, severity: Severity, code: str, path: str, line: int | None, params: dict[str, Any]
    ) -> None:
        if code not in self.catalog:
            raise KeyError(f"diagnostic code {code} is not in the message catalogue")
        self.items.append(Diagnostic(severity, code, path, line, tuple(sorted(params.items()))))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def sorted(self) -> list[Diagnostic]:
        # Errors first, then by file and line, so a long list reads top-down per file.
        return sorted(
            self.items,
            key=lambda d: (d.severity is not Severity.ERROR, d.path, d.line or 0, d.code),
        )

    def message(self, diagnostic: Diagnostic, language: str) -> str:
        entry = self.catalog[diagnostic.code]
        return entry.text(language).format(**printable_params(diagnostic))

    def hint(self, diagnostic: Diagnostic, language: str) -> str:
        entry = self.catalog[diagnostic.code]
        return entry.hint(language).format(**printable_params(diagnostic))

    def format(self, diagnostic: Diagnostic, language: str) -> str:
        label = _SEVERITY_LABEL[(choose(("ru", "en"), language), diagnostic.severity)]
        message = self.message(diagnostic, language)
        location = printable(diagnostic.location)
        text = f"{location}: {label}: {message} [{diagnostic.code}]"
        hint = self.hint(diagnostic, language)
        return f"{text}\n    {hint}" if hint else text

    def as_dicts(self, language: str) -> list[dict[str, Any]]:
        return [
            {
                "severity": str(d.severity),
                "code": d.code,
                "path": printable(d.path),
                "line": d.line,
                "message": self.message(d, language),
                "hint": self.hint(d, language),
            }
            for d in self.sorted()
        ]
