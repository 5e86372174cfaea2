"""site_config.yaml is checked like content: file:line: message, in the site's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BuildRun
from tests.fixtures.spine.checks import BASIC, diff_snapshots, snapshot

GOOD = "title: Тестовый сайт\nbase_url: https://test.example.ru/\nlanguage: {lang}\n"
PAGE = {"content/pages/about.md": "---\ntitle: О сайте\npublished: 2020-08-20\n---\nТекст.\n"}

# (case, config lines after title/base_url/language, "site_config.yaml:LINE:", Russian, English)
CASES = [
    (
        "unknown-key",
        "languag: ru\n",
        4,
        "неизвестное поле «languag» [G201]\n    Возможно, имелось в виду «language».",
        "unknown field 'languag' [G201]\n    Did you mean 'language'?",
    ),
    (
        "wrong-type",
        "feeds:\n  items: много\n",
        5,
        "поле «feeds.items»: ожидается целое число, а не «много»",
        "field 'feeds.items': expected a whole number, not 'много'",
    ),
    (
        "mapping-expected",
        "contacts: ул. Ленина, 1\n",
        4,
        "поле «contacts»: ожидается набор полей, а не «ул. Ленина, 1»",
        "field 'contacts': expected a mapping of fields, not 'ул. Ленина, 1'",
    ),
    (
        "too-small",
        "feeds: {items: 0}\n",
        4,
        "поле «feeds.items»: должно быть не меньше 1, а не 0",
        "field 'feeds.items': must be at least 1, not 0",
    ),
    (
        "not-a-time-zone",
        "timezone: Moscow\n",
        4,
        "поле «timezone»: неизвестный часовой пояс «Moscow»",
        "field 'timezone': unknown time zone 'Moscow'",
    ),
    (
        "not-an-inn",
        "inn: '12345'\n",
        4,
        "поле «inn»: «12345» — не ИНН",
        "field 'inn': '12345' is not an INN",
    ),
    (
        "nested-unknown-key",
        "timezone: Europe/Moscow\nnav:\n  - {title: Планы, url: /plans/, extra: 1}\n",
        6,
        "неизвестное поле «nav[1].extra»",
        "unknown field 'nav[1].extra'",
    ),
]


def config_text(lang: str, extra: str) -> str:
    return GOOD.format(lang=lang) + extra


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("case", "extra", "line", "ru", "en"), CASES, ids=[c[0] for c in CASES])
def test_config_mistake_is_reported_with_file_and_line(
    run_build: Callable[..., BuildRun],
    make_site: Callable[..., Path],
    lang: str,
    case: str,
    extra: str,
    line: int,
    ru: str,
    en: str,
) -> None:
    run = run_build(make_site(PAGE, config=config_text(lang, extra)))
    assert run.code == 1
    label = "ошибка" if lang == "ru" else "error"
    assert f"site_config.yaml:{line}: {label}: {ru if lang == 'ru' else en}" in run.stderr, (
        run.stderr
    )
    assert not run.out.exists()


@pytest.mark.parametrize(
    ("config", "where", "ru"),
    [
        ("title: Сайт\n", "site_config.yaml:1:", "нет обязательного поля «base_url»"),
        (
            "# настройки\nbase_url: https://test.example.ru/\n",
            "site_config.yaml:2:",
            "нет обязательного поля «title»",
        ),
        (
            "title: Сайт\nbase_url: test.example.ru\n",
            "site_config.yaml:2:",
            "«test.example.ru» — не полный адрес сайта",
        ),
        (
            "title: ''\nbase_url: https://test.example.ru/\n",
            "site_config.yaml:1:",
            "поле «title» не должно быть пустым",
        ),
        (
            "title: Сайт\nlanguage: fr\nbase_url: https://x.ru/\n",
            "site_config.yaml:2:",
            "Допустимые значения: 'ru', 'en'.",
        ),
        (
            "title: Сайт: главная\nbase_url: https://x.ru/\n",
            "site_config.yaml:1:",
            "ошибка синтаксиса YAML",
        ),
        ("", "site_config.yaml:1:", "нет обязательного поля «title»"),
    ],
)
def test_missing_or_invalid_required_settings(
    run_build: Callable[..., BuildRun],
    make_site: Callable[..., Path],
    config: str,
    where: str,
    ru: str,
) -> None:
    site = make_site(PAGE)
    (site / "site_config.yaml").write_text(config, encoding="utf-8")
    run = run_build(site)
    assert run.code == 1
    assert f"{where} ошибка: " in run.stderr, run.stderr
    assert ru in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_missing_config_file_is_named(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    site = make_site(PAGE)
    (site / "site_config.yaml").unlink()
    run = run_build(site)
    assert run.code == 1
    assert "site_config.yaml: ошибка: нет файла настроек сайта site_config.yaml" in run.stderr


def test_english_config_errors_say_nothing_in_russian(
    run_build: Callable[..., BuildRun], make_site: Callable[..., Path]
) -> None:
    config = (
        "language: en\ntitle: Test\nbase_url: ftp://x\ntimezone: Mars/Base\nfeeds: {items: lots}\n"
        "bogus: 1\n"
    )
    site = make_site(PAGE)
    (site / "site_config.yaml").write_text(config, encoding="utf-8")
    run = run_build(site)
    assert run.code == 1
    assert (
        "site_config.yaml:3: error: field 'base_url': 'ftp://x' is not a full site address"
        in run.stderr
    )
    assert (
        "site_config.yaml:4: error: field 'timezone': unknown time zone 'Mars/Base'" in run.stderr
    )
    assert (
        "site_config.yaml:5: error: field 'feeds.items': expected a whole number, not 'lots'"
        in run.stderr
    )
    assert "site_config.yaml:6: error: unknown field 'bogus'" in run.stderr
    assert "Build stopped: 4 errors" in run.stderr
    assert not any("а" <= ch.lower() <= "я" for ch in run.stderr), run.stderr


def test_broken_config_leaves_the_previous_output(
    run_build: Callable[..., BuildRun], copy_site: Callable[[Path], Path]
) -> None:
    site = copy_site(BASIC)
    good = run_build(site)
    assert good.code == 0, good.stderr
    before = snapshot(good.out)
    config = site / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("items: 20", "items: двадцать"), encoding="utf-8"
    )
    bad = run_build(site)
    assert bad.code == 1
    assert (
        "site_config.yaml:12: ошибка: поле «feeds.items»: ожидается целое число, а не «двадцать»"
        in bad.stderr
    )
    assert diff_snapshots(before, snapshot(bad.out)) == []
