"""The compliance report (`build.py check --opendata`): per set, which requirements of the
methodical recommendations on open data (version 3.0) it meets.

It is the annual "analysis of compliance with the technical requirements" in one
command. It runs only on a site that passed its checks, so what a build refuses (a data
file that does not match its structure, a missing file, a non-UTF-8 file) is met here by
construction and listed as met; what a build only warns about is where sets differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from glasnost.i18n import choose
from glasnost.types.base import Item
from glasnost.types.dataset.checks import code_of, missing_passport
from glasnost.types.dataset.fields import DatasetFields
from glasnost.types.dataset.layout import IDENT_RE, STANDARD_VERSION, Layout, structure_name
from glasnost.types.dataset.publish import frequency, layout_of

if TYPE_CHECKING:
    from glasnost.site import Site

_MARK = {True: "[+]", False: "[-]", None: "[?]"}
_ADVICE = "[!]"


@dataclass(frozen=True)
class Finding:
    ok: bool | None  # None: not checkable (an update frequency in free words)
    text: str
    advisory: bool = False  # shown, not counted: the recommendations set no hard rule

    @property
    def counted(self) -> bool:
        return self.ok is not None and not self.advisory

    @property
    def mark(self) -> str:
        return _ADVICE if self.advisory and self.ok is False else _MARK[self.ok]


class _Say:
    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, ru: str, en: str) -> str:
        return choose((ru, en), self.language)


def findings(item: Item, site: Site, language: str) -> list[Finding]:
    say = _Say(language)
    layout = layout_of(item)
    return [
        _prefix(layout, site, say),
        _code(item, layout, say),
        _passport(item, layout, say),
        _license(item, site, say),
        Finding(
            True,
            say(
                f"Паспорт опубликован: meta.csv и meta.json ({STANDARD_VERSION})",
                f"Passport published: meta.csv and meta.json ({STANDARD_VERSION})",
            ),
        ),
        Finding(
            True,
            say("Опубликован файл структуры: ", "Structure file published: ")
            + ", ".join(structure_name(d) for d in layout.structures),
        ),
        *_data(layout, say),
        _valid(item, site, say),
        _schedule(item, layout, site, say),
    ]


def _prefix(layout: Layout, site: Site, say: _Say) -> Finding:
    inn = site.config.inn or ""
    ok = bool(inn) and layout.identifier.startswith(inn + "-")
    return Finding(
        ok,
        say(
            f"Идентификатор начинается с ИНН организации: {layout.identifier}",
            f"The identifier starts with the organisation's INN: {layout.identifier}",
        ),
    )


def _code(item: Item, layout: Layout, say: _Say) -> Finding:
    ok = code_of(item) == layout.code and bool(IDENT_RE.match(layout.code))
    return Finding(
        ok,
        say(
            "Код набора — строчные латинские буквы, цифры и дефис",
            "The set's code uses lowercase Latin letters, digits and hyphens",
        ),
    )


def _passport(item: Item, layout: Layout, say: _Say) -> Finding:
    data: DatasetFields = item.data
    missing = missing_passport(data)
    latest = layout.latest
    if latest is None:
        missing += ["versions"]
    elif not latest.provenance:
        missing += ["provenance"]
    if not missing:
        return Finding(
            True,
            say("Паспорт заполнен полностью (18 полей)", "The passport is complete (18 fields)"),
        )
    return Finding(
        False,
        say("Паспорт заполнен не полностью, не хватает: ", "The passport is incomplete, missing: ")
        + ", ".join(missing),
    )


def _license(item: Item, site: Site, say: _Say) -> Finding:
    data: DatasetFields = item.data
    if data.license:
        return Finding(
            True,
            say(
                "Условия использования указаны в паспорте набора",
                "Terms of use are given in the set",
            ),
        )
    ok = bool(site.config.opendata.license)
    return Finding(
        ok,
        say(
            "Условия использования указаны (общие для сайта)", "Terms of use are given (site-wide)"
        ),
    )


def _data(layout: Layout, say: _Say) -> list[Finding]:
    latest = layout.latest
    if latest is None:
        return [
            Finding(
                False,
                say(
                    "Данные не опубликованы: нет ни одной версии",
                    "No data published: there is no version",
                ),
            )
        ]
    results = [v.result for v in layout.versions]
    rows = sum(v.rows for v in layout.versions)
    matches = all(r is not None and r.ok for r in results)
    rewritten = [
        v.file for v in layout.versions if v.result is not None and not v.result.copy_as_is
    ]
    encoding = say(
        "Кодировка UTF-8 без BOM, разделитель — запятая (RFC 4180)",
        "UTF-8 without BOM, comma-separated (RFC 4180)",
    )
    if rewritten:
        encoding += say(
            "; при публикации приведены к RFC 4180: ", "; made RFC 4180 when published: "
        )
        encoding += ", ".join(rewritten)
    count = len(layout.versions)
    return [
        Finding(
            True,
            say(
                f"Данные опубликованы: версий {count}, последняя от {latest.date.isoformat()}",
                f"Data published: {count} versions, the latest of {latest.date.isoformat()}",
            ),
        ),
        Finding(
            matches,
            say(
                f"Данные соответствуют структуре: столбцы, типы, обязательные значения "
                f"(строк во всех версиях: {rows})",
                f"Data matches the structure: columns, types, required values "
                f"(rows in all versions: {rows})",
            ),
        ),
        Finding(matches, encoding),
        Finding(
            True,
            say("Имена файлов по рекомендациям: ", "File names as recommended: ")
            + ", ".join(v.name for v in layout.versions),
        ),
    ]


def _valid(item: Item, site: Site, say: _Say) -> Finding:
    data: DatasetFields = item.data
    if data.valid is None:
        return Finding(False, say("Дата актуальности (valid) не указана", "No valid-until date"))
    when = data.valid.isoformat()
    if data.valid < site.today:
        return Finding(
            False,
            say(
                f"Дата актуальности {when} прошла: набор устарел",
                f"The valid-until date {when} has passed: the set is stale",
            ),
        )
    return Finding(
        True,
        say(f"Дата актуальности {when} не прошла", f"The valid-until date {when} has not passed"),
    )


def _schedule(item: Item, layout: Layout, site: Site, say: _Say) -> Finding:
    data: DatasetFields = item.data
    wording = data.update_frequency or ""
    period = frequency(wording)
    if period is None:
        return Finding(
            None,
            say(
                f"Периодичность обновления «{wording}» — соблюдение не проверяется",
                f"Update frequency '{wording}' — adherence is not checked",
            ),
        )
    due = layout.modified + timedelta(days=period[1])
    modified = layout.modified.isoformat()
    if due < site.today:
        text = say(
            f"Обновление «{wording}» просрочено: последнее {modified}, "
            f"следующее ожидалось до {due.isoformat()} (рекомендация)",
            f"Update '{wording}' is overdue: last {modified}, "
            f"the next was due by {due.isoformat()} (advice)",
        )
        return Finding(False, text, advisory=True)
    return Finding(
        True,
        say(
            f"Обновление «{wording}» в срок: последнее {modified}",
            f"Update '{wording}' on time: last {modified}",
        ),
    )


def report(site: Site, language: str) -> str:
    say = _Say(language)
    items = site.collection("dataset")
    head = [
        say(
            "Открытые данные: соответствие методическим рекомендациям (версия 3.0)",
            "Open data: compliance with the methodical recommendations (version 3.0)",
        ),
        say(
            f"Сайт: {site.config.base_url}; ИНН: {site.config.inn or '—'}; дата проверки: "
            f"{site.today.isoformat()}; наборов: {len(items)}",
            f"Site: {site.config.base_url}; INN: {site.config.inn or '—'}; checked on "
            f"{site.today.isoformat()}; sets: {len(items)}",
        ),
    ]
    if not items:
        return "\n".join(
            [*head, say("Наборов открытых данных на сайте нет.", "The site has no open data sets.")]
        )
    lines = head
    clean = failed = 0
    for item in items:
        found = findings(item, site, language)
        met = sum(1 for f in found if f.counted and f.ok)
        checked = sum(1 for f in found if f.counted)
        failed += checked - met
        clean += met == checked
        lines += ["", f"{layout_of(item).identifier} — {item.title}"]
        lines += [f"  {f.mark} {f.text}" for f in found]
        lines.append(
            say(
                f"  Выполнено требований: {met} из {checked}",
                f"  Requirements met: {met} of {checked}",
            )
        )
    lines += [
        "",
        say(
            f"Итого: наборов {len(items)}, без замечаний {clean}, "
            f"невыполненных требований {failed}.",
            f"Total: {len(items)} sets, {clean} without remarks, {failed} requirements not met.",
        ),
    ]
    return "\n".join(lines)
