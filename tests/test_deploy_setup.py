"""`deploy` refusing early, before anything is sent: which target, which credentials."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glasnost.cli import main
from glasnost.deploy.headers import headers_for
from tests.conftest import BuildRun

NEWS = {"content/news/first.md": "---\ntitle: Первая новость\ndate: 2026-11-01\n---\nТекст.\n"}
CONFIG = "title: Тестовый сайт\nbase_url: https://test.example.ru/\n"


def deploy(site: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["deploy", "--site", str(site), "--no-search", *args])
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "GLASNOST_SFTP_KEY",
        "GLASNOST_SFTP_KEY_FILE",
        "GLASNOST_SFTP_PASSWORD",
        "GLASNOST_FTP_PASSWORD",
        "RCLONE_SFTP_PASS",
        "RCLONE_FTP_PASS",
        "SSH_AUTH_SOCK",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")


def test_missing_s3_secret_is_named_and_nothing_is_sent(
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = make_site(
        NEWS,
        CONFIG + "deploy:\n  production:\n    url: s3://bucket/site\n"
        "    endpoint: https://storage.yandexcloud.net\n",
    )
    code, err = deploy(site, capsys)
    assert code == 1
    assert "не задана переменная окружения AWS_ACCESS_KEY_ID" in err
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "YCAJE-id")
    code, err = deploy(site, capsys)
    assert code == 1
    assert "не задана переменная окружения AWS_SECRET_ACCESS_KEY" in err
    assert "[G953]" in err and "Ничего не отправлено" in err


def test_missing_sftp_key_names_the_variables_that_would_do(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(NEWS, CONFIG + "deploy:\n  hosting:\n    url: sftp://web@host.example/www\n")
    code, err = deploy(site, capsys, "hosting")
    assert code == 1
    assert (
        "не задана переменная окружения GLASNOST_SFTP_KEY "
        "(или GLASNOST_SFTP_KEY_FILE, GLASNOST_SFTP_PASSWORD)" in err
    )


def test_unknown_or_unnamed_target_lists_the_described_ones(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site = make_site(
        NEWS,
        CONFIG + f"deploy:\n  test:\n    url: {tmp_path}/a\n  mirror:\n    url: {tmp_path}/b\n",
    )
    code, err = deploy(site, capsys, "prod")
    assert code == 1 and "цель выкладки «prod» не описана (описаны: test, mirror)" in err
    code, err = deploy(site, capsys)  # two targets, none called production
    assert code == 1 and "укажите, какую выложить" in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_site_without_deploy_section_says_how_to_add_one(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = deploy(make_site(NEWS), capsys)
    assert code == 1 and "нет раздела deploy:" in err and "url: s3://" in err


def test_password_in_the_address_is_a_config_error_with_its_line(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    site = make_site(
        NEWS, CONFIG + "deploy:\n  production:\n    url: ftp://web:secret@ftp.example.ru/www\n"
    )
    run = run_build(site)
    assert run.code == 1
    assert (
        "site_config.yaml:5: ошибка: поле «deploy.production.url»: в адресе выкладки" in run.stderr
    )


def test_local_target_may_not_be_the_build_folder_or_the_sources(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("output", "content/news", "."):
        site = make_site(NEWS, CONFIG + f"deploy:\n  production:\n    url: {folder}\n")
        code, err = deploy(site, capsys)
        assert code == 1 and "[G955]" in err, folder
    assert (site / "content/news/first.md").is_file()


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("opendata/x/data-20220715-structure-20210527.csv", "text/csv; charset=utf-8", 300),
        ("meetings/x.ics", "text/calendar; charset=utf-8", 300),
        ("static/style.1a2b3c4d.css", "text/css; charset=utf-8", 31536000),
        ("static/style.css", "text/css; charset=utf-8", 300),  # not hashed: may change
        ("files/report.20220715.pdf", "application/pdf", 300),  # an editor's name, not a hash
        ("pagefind/fragment/ru_65a3537.pf_fragment", "application/octet-stream", 31536000),
        ("pagefind/pagefind-entry.json", "application/json", 300),
        ("plans/feed.xml", "application/rss+xml; charset=utf-8", 300),
    ],
)
def test_headers_by_file(path: str, content_type: str, cache: int) -> None:
    headers = headers_for(path)
    assert headers.content_type == content_type
    assert f"max-age={cache}" in headers.cache_control
    assert ("immutable" in headers.cache_control) == (cache == 31536000)
