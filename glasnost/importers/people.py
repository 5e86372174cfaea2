"""Who is responsible, as a cell lists them: one per line, or «Бегишева Н.А., Сусоев Ф.В.»."""

from __future__ import annotations

import re

from glasnost.importers.tables import lines

# «Бегишева Н.А.», «Н.А. Бегишева», «Бегишева Н. А.»: a person, so commas between such
# names separate people; a comma inside an office's name («Управление образования,
# культуры и спорта») must not split it.
_PERSON = re.compile(
    r"^(?:[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s*[А-ЯЁ][а-яё-]+)$"
)


def people(text: str) -> list[str]:
    """The names in a «Ответственные» cell, in order, each once."""
    found: list[str] = []
    for line in lines(text):
        for part in re.split(r";\s*", line):
            for name in _commas(part.strip(" ,;")):
                if name and name not in found:
                    found.append(name)
    return found


def _commas(part: str) -> list[str]:
    pieces = [p.strip(" ,") for p in part.split(",")]
    if len(pieces) > 1 and all(_PERSON.match(p) for p in pieces if p):
        return pieces
    return [part]
