"""Whatever a press secretary commits, the build answers with diagnostics, never a crash.

A sweep of mechanical mistakes (a line cut short, a character replaced, a line
dropped or doubled) over the demo's real files of every type: each build must end with
exit 0 or 1 and messages, never the "internal error" path (exit 2) or a traceback.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, BuildRun

FILES = [
    "site_config.yaml",
    "content/news/itogi-oprosov-2021.md",
    "content/plans/levokumsky-open-government.yaml",
    "content/reports/levokumsky-2022-h1.yaml",
    "content/meetings/priem-glavy-2026-12-15.md",
    "content/datasets/survey-results/dataset.yaml",
    "content/datasets/survey-results/data-20220715.csv",
]
CHARACTERS = [":", "-", " ", "\t", "'", '"', "[", "{", "#", "&", "*", "|", ">", "\x00", "я", "\n"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:  # a line cut short
        lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
    elif choice == 1:  # a character replaced
        line = lines[at]
        if line:
            spot = rng.randrange(len(line))
            lines[at] = line[:spot] + rng.choice(CHARACTERS) + line[spot + 1 :]
    elif choice == 2:  # a line dropped
        del lines[at]
    else:  # a line doubled
        lines.insert(at, lines[at])
    return "".join(lines)


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("mistakes") / "site"
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "site_config.yaml", target / "site_config.yaml")
    return target


def test_an_impossible_date_is_an_error_with_its_line(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    site = make_site({"content/news/a.md": "---\ntitle: Новость\ndate: 2024-13-01\n---\nТекст.\n"})
    run = run_build(site)
    assert run.code == 1
    assert "content/news/a.md:3:" in run.stderr and "2024-13-01" in run.stderr
    assert not (site / "output").exists()


@pytest.mark.parametrize("seed", range(21))
def test_mechanical_mistakes_never_crash_the_build(
    demo_copy: Path, run_build: Callable[..., BuildRun], seed: int
) -> None:
    rng = random.Random(seed)
    rel = FILES[seed % len(FILES)]
    path = demo_copy / rel
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(mutate(original, rng), encoding="utf-8")
        run = run_build(demo_copy, "check")
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.code in (0, 1), run.stderr
    assert "Traceback" not in run.stderr and "Внутренняя ошибка" not in run.stderr


def test_a_broken_link_inside_a_block_of_text_is_reported_at_its_own_line(
    make_site: Callable[..., Path], run_build: Callable[..., BuildRun]
) -> None:
    """`key: |` texts start on the next line; the line of a problem counts from there."""
    meeting = (
        "---\n"
        "title: Встреча\n"
        "kind: residents_meeting\n"
        "start: 2024-05-20T18:00\n"
        "location: {name: Дом культуры}\n"
        "announced: 2024-05-10\n"
        "outcome:\n"
        "  answers:\n"
        "    - question: Когда отремонтируют дорогу?\n"
        "      answer: |\n"
        "        Ремонт включён в план.\n"
        "        Подробнее [в плане](/nowhere/).\n"
        "---\n"
        "Повестка.\n"
    )
    news = (
        "---\ntitle: Новость\ndate: 2024-05-01\nsummary: >\n  Кратко: [ссылка](/missing/).\n---\n"
    )

    site = make_site({"content/meetings/m.md": meeting, "content/news/n.md": news})
    run = run_build(site)
    assert run.code == 1
    assert "content/meetings/m.md:12: ошибка: ссылка на несуществующую страницу" in run.stderr
    assert "content/news/n.md:5: ошибка: ссылка на несуществующую страницу" in run.stderr
