"""`init`: a press secretary's own site in one command, clean from the first build.

A fresh folder, `init`, build, check, preview: every step as she would run it, with the
real engine and the real clock (the starters are dated today, as `init` dates them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from glasnost.cli import main
from glasnost.config import SiteConfig
from glasnost.init import STARTER_TIMEZONE
from tests.conftest import FIXED_EPOCH, REPO, BuildRun
from tests.support.html import css, html_doc, text_of
from tests.support.server import free_port
from tests.support.server import http_get as fetch

TITLE = "Администрация сельского поселения Образцовое"
STARTER_PAGES = [
    "/about/",
    "/contacts/",
    "/news/otkryt-sajt/",
    "/plans/plan/",
    "/reports/otchet/",
    "/meetings/vstrecha/",
    "/opendata/0000000000-uchrezhdeniya/",
]


@pytest.fixture(autouse=True)
def started_as_build_py(monkeypatch: pytest.MonkeyPatch) -> None:
    """As `python build.py ...` from the repository (the hints depend on how she started)."""
    monkeypatch.setattr(sys, "argv", [str(REPO / "build.py")])


@pytest.fixture
def real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """`init` dates its starters today: build with today's clock, as she would."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> BuildRun:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return BuildRun(code, captured.err, captured.out, Path())


@pytest.fixture
def new_site(tmp_path: Path, capsys: pytest.CaptureFixture[str], real_clock: None) -> Path:
    site = tmp_path / "moj-sajt"
    made = run(capsys, "init", str(site))
    assert made.code == 0, made.stderr
    assert "Создан сайт в папке" in made.stdout
    return site


def test_init_site_builds_and_checks_with_no_error_and_no_warning(
    new_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = new_site / "output"
    built = run(capsys, "build", "--site", str(new_site), "--no-search")
    assert built.code == 0, built.stderr
    assert "предупреждение" not in built.stderr and "ошибка" not in built.stderr, built.stderr
    assert "предупреждений: 0" in built.stderr
    checked = run(capsys, "check", "--site", str(new_site))
    assert checked.code == 0, checked.stderr
    assert "Проверка пройдена; предупреждений: 0" in checked.stderr
    assert "Выполнено требований: 12 из 12" in checked.stdout  # the sample data set

    result = BuildRun(0, "", "", out)
    for url in STARTER_PAGES:  # one published item of each type
        assert (out / url.strip("/") / "index.html").is_file(), url
    home = html_doc(result, "/")
    assert TITLE in text_of(home)
    menu = {text_of(a): a.get("href") for a in css(home, "nav.main-nav a")}
    # The sample page joined the menu from its own front matter (menu: true).
    assert menu["О поселении"] == "/about/"
    assert menu["Контакты"] == "/contacts/"


def test_init_writes_what_her_repository_needs(new_site: Path) -> None:
    for rel in [
        "site_config.yaml",
        "README.md",
        ".gitignore",
        "requirements.txt",
        ".gitlab-ci.yml",
        ".github/workflows/site.yml",
        ".vscode/settings.json",
        ".glasnost/schemas/plan.json",
    ]:
        assert (new_site / rel).is_file(), rel
    config = (new_site / "site_config.yaml").read_text(encoding="utf-8")
    # Every setting is explained in Russian, the optional ones shown commented out.
    for key in [
        "title:",
        "short_title:",
        "base_url:",
        "timezone:",
        "language:",
        "inn:",
        "contacts:",
        "announce_min_days:",
        "feeds:",
        "opendata:",
        "# menu:",
        "# deploy:",
        "# logo:",
    ]:
        at = config.index(key)
        comment_above = config[:at].rstrip().splitlines()[-1]
        assert comment_above.lstrip().startswith("#"), key
    # ... and so is every setting the engine knows, including ones added later.
    for name in SiteConfig.model_fields:
        assert re.search(rf"^(# )?{name}:", config, re.M), f"{name} is not in the new config"
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    for command in ["glasnost serve", "glasnost new", "glasnost check", "glasnost build"]:
        assert command in readme


def test_output_is_ignored_by_git(new_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "build", "--site", str(new_site), "--no-search").code == 0
    git = ["git", "-C", str(new_site)]
    subprocess.run([*git, "init", "-q"], check=True)
    status = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "content/plans/plan.yaml" in status
    assert ".glasnost/schemas/plan.json" in status  # her editor's hints travel with the site
    assert "output/" not in status
    assert ".glasnost-cache" not in status


def test_ci_files_check_build_and_publish(new_site: Path) -> None:
    gitlab = yaml.safe_load((new_site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == 0  # dates of posting come from git history
    assert "python -m pip install -r requirements.txt" in gitlab["before_script"]
    assert gitlab["check"]["script"] == ["glasnost check", "glasnost build"]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "glasnost build --out public" in gitlab["pages"]["script"][0]
    deploy_rule = gitlab["deploy"]["rules"][0]["if"]
    assert '$CI_COMMIT_BRANCH == "main"' in deploy_rule and "$DEPLOY_TARGET" in deploy_rule
    assert any("glasnost deploy" in line for line in gitlab["deploy"]["script"])

    github = yaml.safe_load((new_site / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in github["jobs"]["build"]["steps"]]
    assert steps.index("glasnost check") < steps.index("glasnost build")
    assert github["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert github["jobs"]["pages"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    deploy = github["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and "vars.DEPLOY_TARGET != ''" in deploy["if"]
    assert any("glasnost deploy" in step.get("run", "") for step in deploy["steps"])
    # Credentials come from the project's secrets, never from files in the repository.
    assert deploy["env"]["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.AWS_SECRET_ACCESS_KEY }}"


def check_ci_file(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("rel", "schema"),
    [
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
        (".github/workflows/site.yml", "vendor.github-workflows"),
    ],
)
def test_ci_files_follow_the_services_own_schemas(new_site: Path, rel: str, schema: str) -> None:
    path = new_site / rel
    checked = check_ci_file(path, schema)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The validator is not a formality: a misspelt key fails it.
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    runs-on:", "    run-on:").replace("  script:", "  scrip:"))
    assert check_ci_file(path, schema).returncode != 0


def test_requirements_name_the_engine(new_site: Path) -> None:
    lines = (new_site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    specs = [line for line in lines if line and not line.startswith("#")]
    assert len(specs) == 1 and specs[0].startswith("glasnost")


def test_init_refuses_a_folder_with_files_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "busy"
    site.mkdir()
    (site / "notes.txt").write_text("её файл", encoding="utf-8")
    refused = run(capsys, "init", str(site))
    assert refused.code == 1
    assert "не пуста" in refused.stderr
    assert [p.name for p in site.iterdir()] == ["notes.txt"]

    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    assert run(capsys, "init", str(a_file)).code == 1
    assert a_file.read_text(encoding="utf-8") == "x"
    under_a_file = run(capsys, "init", str(a_file / "site"))
    assert under_a_file.code == 1
    assert f"Не удалось создать сайт в папке {a_file / 'site'}" in under_a_file.stderr


def test_init_accepts_an_empty_folder_or_a_fresh_git_clone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "init", str(empty)).code == 0
    clone = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    assert run(capsys, "init", str(clone)).code == 0
    assert (clone / "site_config.yaml").is_file() and (clone / ".git").is_dir()


def test_new_site_points_to_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["new", "site"], ["new", "site", "Мой сайт"]):
        said = run(capsys, *argv, "--site", str(tmp_path))
        assert said.code == 2
        assert "Новый сайт создаёт команда init: python build.py init ПАПКА" in said.stderr
    no_title = run(capsys, "new", "news", "--site", str(tmp_path))
    assert no_title.code == 2
    assert 'Укажите заголовок в кавычках: python build.py new news "Заголовок"' in no_title.stderr


def test_missing_config_names_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failed = run(capsys, "build", "--site", str(tmp_path), "--out", str(tmp_path / "out"))
    assert failed.code == 1
    assert "site_config.yaml: ошибка: нет файла настроек сайта site_config.yaml [G100]" in (
        failed.stderr
    )
    assert "glasnost init ПАПКА" in failed.stderr
    assert "README" not in failed.stderr


def test_new_names_the_build_command_that_works_where_she_is(
    new_site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Installed (`glasnost`), in the site's folder: the plain command.
    monkeypatch.chdir(new_site)
    monkeypatch.setattr(sys, "argv", [str(Path("/usr/local/bin/glasnost"))])
    made = run(capsys, "new", "news", "Собрание")
    assert made.code == 0, made.stderr
    assert made.stdout.strip().endswith("выполните glasnost build.")
    # From the engine's repository with its build.py: make, with SITE=.
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(sys, "argv", [str(REPO / "build.py")])
    made = run(capsys, "new", "news", "Субботник", "--site", str(new_site))
    assert made.code == 0, made.stderr
    assert made.stdout.strip().endswith(f"выполните make build SITE={new_site}.")


def test_new_yaml_file_points_her_editor_at_its_schema(
    new_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "plan", "План на 2027 год", "--site", str(new_site)).code == 0
    first = (new_site / "content/plans/plan-na-2027-god.yaml").read_text(encoding="utf-8")
    modeline = "# yaml-language-server: $schema=../../.glasnost/schemas/plan.json"
    assert first.splitlines()[0] == modeline
    page = run(capsys, "new", "page", "Бюджет", "--site", str(new_site))
    assert page.code == 0
    assert "yaml-language-server" not in (new_site / "content/pages/biudzhet.md").read_text(
        encoding="utf-8"
    )


# -- the live preview answers ---------------------------------------------------------------


def wait_for_page(url: str, needle: str, log: Path, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and needle in body:
            return body
        time.sleep(0.3)
    pytest.fail(f"{url} did not show {needle!r}; server log:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture
def serving(new_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port, log = free_port(), tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)],
            cwd=new_site,
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serve_shows_the_new_site(serving: tuple[str, Path]) -> None:
    base, log = serving
    wait_for_page(base + "/", TITLE, log)
    wait_for_page(base + "/plans/plan/", "План мероприятий", log)
    assert "предупреждение" not in log.read_text(encoding="utf-8")


def test_schemas_command_refreshes_the_editor_files(
    new_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schemas = new_site / ".glasnost" / "schemas"
    shutil.rmtree(schemas)
    settings = new_site / ".vscode" / "settings.json"
    settings.write_text('{"editor.fontSize": 16}', encoding="utf-8")
    done = run(capsys, "schemas", "--site", str(new_site))
    assert done.code == 0, done.stderr
    assert sorted(p.name for p in schemas.iterdir()) == [
        "dataset.json",
        "meeting.json",
        "news.json",
        "page.json",
        "plan.json",
        "report.json",
        "site_config.json",
    ]
    text = settings.read_text(encoding="utf-8")
    assert '"editor.fontSize": 16' in text  # her own setting stays
    assert '"./.glasnost/schemas/plan.json": [\n      "content/plans/*.yaml"' in text
    elsewhere = run(capsys, "schemas", "--site", str(new_site / "content"))
    assert elsewhere.code == 1 and "это не папка сайта" in elsewhere.stderr


def test_starters_are_dated_by_the_build_clock_in_the_sites_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)  # 2026-11-18, 14:06 in Moscow
    site = tmp_path / "site"
    assert run(capsys, "init", str(site)).code == 0
    config = yaml.safe_load((site / "site_config.yaml").read_text(encoding="utf-8"))
    assert config["timezone"] == STARTER_TIMEZONE
    news = (site / "content/news/otkryt-sajt.md").read_text(encoding="utf-8")
    assert "\ndate: 2026-11-18\n" in news
    built = run(capsys, "build", "--site", str(site), "--no-search")
    assert built.code == 0 and "предупреждений: 0" in built.stderr, built.stderr


def test_make_builds_another_site_folder(new_site: Path) -> None:
    # -o: the shared environment counts as installed; make must not reinstall it here.
    done = subprocess.run(
        ["make", "-o", ".venv/.installed", "build", f"SITE={new_site}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "предупреждений: 0" in done.stderr
    assert (new_site / "output" / "about" / "index.html").is_file()
