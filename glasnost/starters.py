"""Starter text left unfilled: the sample phrases `build.py new` writes into a new file.

A press secretary who publishes «Текст новости.» has not noticed the starter was never
filled in; the build says so (a warning, since the rest of the item may be right).
The phrases are each type's own starter's (tests/test_silent_facts.py checks that every
phrase here is still in its starter), chosen so that real content never says them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from glasnost.diagnostics import Diagnostics
from glasnost.types.base import Item

STARTER_PHRASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "page": ("Кратко о странице.", "Текст страницы."),
        "news": ("Анонс в одно предложение.", "Текст новости."),
        "plan": (
            "Кратко о плане и о том, во исполнение чего он принят.",
            "Первый раздел плана",
            "Первое мероприятие",
            "Второе мероприятие",
            "Первый ответственный",
            "Второй ответственный",
        ),
        "report": (
            "Вводный текст отчета (можно не писать, если есть записи о мероприятиях).",
            "Что сделано за отчетный период.",
        ),
        "meeting": ("первый вопрос;",),
        "dataset": (
            "Что содержит набор, за какой период и откуда взяты данные.",
            "ключевое слово",
            "ещё одно",
            "Фамилия И.О.",
        ),
    }
)


# `init` writes one item of each type as a sample of her new site. Its placeholders are
# replaced by sample text a new site may well publish as it is, so that the new site
# builds clean; `new` keeps the placeholders, which warn until she fills them in.
SAMPLES: Mapping[str, str] = MappingProxyType(
    {
        "Кратко о странице.": "Сведения об органе местного самоуправления.",
        "Текст страницы.": "Полномочия, структура и руководство органа местного самоуправления.",
        "Анонс в одно предложение.": "Начал работу официальный сайт.",
        "Текст новости.": "На официальном сайте публикуются планы мероприятий, отчеты об их "
        "выполнении, объявления о встречах с жителями и открытые данные.",
        "Кратко о плане и о том, во исполнение чего он принят.": "План мероприятий по "
        "обеспечению открытости органа местного самоуправления.",
        "Первый раздел плана": "Информирование жителей",
        "Первое мероприятие": "Размещение на официальном сайте плана мероприятий и отчетов о его "
        "выполнении",
        "Второе мероприятие": "Проведение встреч главы с жителями",
        "Первый ответственный": "Глава",
        "Второй ответственный": "Администрация",
        "Вводный текст отчета (можно не писать, если есть записи о мероприятиях).": "Отчет о ходе "
        "выполнения плана мероприятий.",
        "Что сделано за отчетный период.": "План мероприятий размещен на официальном сайте.",
        "первый вопрос;": "отчет главы о работе за год;",
        "Что содержит набор, за какой период и откуда взяты данные.": "Перечень муниципальных "
        "учреждений: наименования и число учреждений.",
        "ключевое слово": "учреждения",
        "ещё одно": "перечень",
        "Фамилия И.О.": "Специалист администрации",
    }
)


def fill_samples(path: Path) -> None:
    """Replace the starter's placeholders in a file `init` wrote by sample text."""
    text = path.read_text(encoding="utf-8")
    for phrase, sample in SAMPLES.items():
        text = text.replace(phrase, sample)
    path.write_text(text, encoding="utf-8")


def warn_starter_text(item: Item, diag: Diagnostics) -> None:
    """A warning at each line that still holds a phrase of the type's starter."""
    if getattr(item.data, "draft", False):  # a draft is allowed to be unfinished
        return
    phrases = set(STARTER_PHRASES.get(item.kind.name, ()))
    if not phrases:
        return
    for loc, value in _strings(item.source.data, ()):
        for number, line in enumerate(value.splitlines()):
            if _bare(line) in phrases:
                start = item.text_line(*loc) or 1
                diag.warning("G223", item.rel, start + number, text=_bare(line))
    for number, line in enumerate(item.source.body.splitlines()):
        if _bare(line) in phrases:
            diag.warning("G223", item.rel, item.source.body_line + number, text=_bare(line))


def _bare(line: str) -> str:
    """A line without its list marker: «- первый вопрос;» is the phrase «первый вопрос;»."""
    return line.strip().removeprefix("- ").removeprefix("* ").strip()


def _strings(data: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))
