"""The import's messages (I-codes): declared once, each one used, none missing.

The same rule as for the build's catalogues: a code two catalogues declared would show
one of two texts, and a code used but not declared would crash instead of explaining.
"""

from __future__ import annotations

import re
import string
from collections import Counter

from glasnost.importers.messages import IMPORT_MESSAGES
from glasnost.messages import CORE_MESSAGES
from glasnost.types import TYPES
from tests.support import REPO_ROOT

SOURCES = sorted((REPO_ROOT / "glasnost/importers").glob("*.py"))


def used_codes() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        if path.name != "messages.py":
            found |= set(re.findall(r'"(I\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_import_codes_are_declared_once_among_all_catalogues() -> None:
    codes = list(CORE_MESSAGES) + [c for kind in TYPES for c in kind.messages]
    codes += list(IMPORT_MESSAGES)
    assert sorted(c for c, n in Counter(codes).items() if n > 1) == []
    assert all(re.fullmatch(r"I\d{3}", code) for code in IMPORT_MESSAGES)


def test_every_code_the_importers_use_is_declared_and_every_declared_one_used() -> None:
    assert used_codes() - set(IMPORT_MESSAGES) == set()
    assert set(IMPORT_MESSAGES) - used_codes() == set()


def test_russian_and_english_texts_take_the_same_parameters() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for code, message in IMPORT_MESSAGES.items():
        assert fields(message.ru) == fields(message.en), code
        assert fields(message.hint_ru) == fields(message.hint_en), code
        assert message.ru and message.hint_ru, code


def test_sources_stay_small() -> None:
    assert [p.name for p in SOURCES if len(p.read_text(encoding="utf-8").splitlines()) > 400] == []
