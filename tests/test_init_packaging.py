"""The engine as a package: `pip install .` gives a `glasnost` command that makes, builds,
checks and previews a site in a folder of its own, with the templates from the wheel.

The installation is real: a throwaway virtual environment, the wheel built from this
repository by its own build backend and installed by pip. Only the dependencies are
borrowed (a .pth file pointing at the running environment's packages), so the test
needs no network and installs nothing into the shared environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import glasnost
from glasnost.init.engine import spec_from_direct_url
from tests.conftest import REPO
from tests.support.server import free_port


def pyproject() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_package_dependencies_are_the_pinned_requirements() -> None:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    project = pyproject()["project"]
    assert isinstance(project, dict)
    assert project["dependencies"] == pins
    assert all(re.fullmatch(r"[\w.\[\]-]+==[\w.]+", pin) for pin in pins), pins
    assert project["scripts"] == {"glasnost": "glasnost.cli:main"}


@pytest.mark.parametrize(
    ("direct_url", "spec"),
    [
        (  # pip install "glasnost @ git+https://...": the same commit in her CI
            '{"url": "https://github.com/org/glasnost.git", "vcs_info": '
            '{"vcs": "git", "commit_id": "0123abc", "requested_revision": "v0.1.0"}}',
            "glasnost @ git+https://github.com/org/glasnost.git@0123abc",
        ),
        (
            '{"url": "https://example.org/glasnost-0.1.0-py3-none-any.whl", "archive_info": {}}',
            "glasnost @ https://example.org/glasnost-0.1.0-py3-none-any.whl",
        ),
        ('{"url": "file:///home/she/glasnost", "dir_info": {}}', None),  # only on this computer
        ("not json", None),
    ],
)
def test_the_new_sites_ci_installs_glasnost_from_where_it_came(
    direct_url: str, spec: str | None
) -> None:
    assert spec_from_direct_url(direct_url) == spec


# -- the real installation ----------------------------------------------------------------


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{argv}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with glasnost installed from this repository; (its bin/, environment)."""
    root = tmp_path_factory.mktemp("packaging")
    venv = root / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    # Neither the repository nor the test's settings may leak into the installed command.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH", "VIRTUAL_ENV")
    }
    run([base, "-m", "venv", str(venv)], root, env)
    python = venv / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        root,
        env,
    ).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "borrowed-dependencies.pth").write_text(borrowed + "\n", encoding="utf-8")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    run([*pip, "--no-build-isolation", str(REPO)], root, env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return venv / "bin", env


@pytest.mark.slow
def test_installed_command_makes_a_site_that_builds_and_checks_clean(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    command = str(bin_dir / "glasnost")
    made = run([command, "init", "site"], tmp_path, env)
    assert "cd site\n  glasnost serve" in made.stdout
    site = tmp_path / "site"
    # Installed from a folder on this computer: CI cannot use that, and the file says so.
    requirements = (site / "requirements.txt").read_text(encoding="utf-8")
    assert "# ЗАМЕНИТЕ" in requirements
    assert f"\nglasnost=={glasnost.__version__}\n" in requirements
    built = run([command, "build"], site, env)
    assert "предупреждений: 0" in built.stderr, built.stderr
    assert (site / "output" / "pagefind").is_dir()  # search works from the installed package
    checked = run([command, "check"], site, env)
    assert "Проверка пройдена; предупреждений: 0" in checked.stderr
    created = run([command, "new", "news", "Субботник"], site, env)
    assert created.stdout.strip().endswith("выполните glasnost build.")
    helped = run([command, "--help"], site, env)
    assert "Запуск: glasnost" in helped.stdout
    as_module = run([str(bin_dir / "python"), "-m", "glasnost", "--help"], site, env)
    assert "Запуск: glasnost" in as_module.stdout


@pytest.mark.slow
def test_installed_engine_uses_its_own_templates(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    code = "import glasnost.cli, glasnost.render as r; print(glasnost.__file__, r.ENGINE_TEMPLATES)"
    where = run([str(bin_dir / "python"), "-c", code], tmp_path, env).stdout.split()
    package, templates = Path(where[0]).parent, Path(where[1])
    assert not package.is_relative_to(REPO), "the repository's copy was imported"
    assert templates == package / "templates"
    assert (templates / "base.html").read_bytes() == (REPO / "templates/base.html").read_bytes()
    assert (templates / "static" / "style.css").is_file()


@pytest.mark.slow
def test_installed_preview_serves_the_site(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    run([str(bin_dir / "glasnost"), "init", "site"], tmp_path, env)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [str(bin_dir / "glasnost"), "serve", "--port", str(port)],
            cwd=tmp_path / "site",
            env=env,
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
        )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Образцовое" not in body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    body = page.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        assert "Образцовое" in body, log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
