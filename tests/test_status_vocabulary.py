"""One status vocabulary: the Russian words a report takes are taken by a meeting's
decisions too, and both publish the same codes and labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import BuildRun

MEETING = """\
---
title: Встреча главы с жителями
kind: residents_meeting
start: 2026-11-01T18:00
location: {name: Дом культуры}
announced: 2026-10-20
outcome:
  decisions:
    - text: Отремонтировать крыльцо
      responsible: Отдел ЖКХ
      due: 2026-11-10
      status: выполнено
    - text: Установить скамейки
      responsible: Отдел ЖКХ
      due: 2026-11-10
      status: Не выполнено
    - text: Провести субботник
      responsible: Отдел ЖКХ
      status: выполняется
---
Повестка.
"""

REPORT = """\
title: Отчет за 2026 год
period: {start: 2026-01-01, end: 2026-06-30}
entries:
  - title: Ремонт крыльца
    status: выполнено
    text: Крыльцо отремонтировано.
"""


def test_meeting_decisions_take_the_russian_words_reports_take(
    make_site: Callable[[dict[str, str]], Path], run_build: Callable[..., BuildRun]
) -> None:
    site = make_site(
        {"content/meetings/vstrecha.md": MEETING, "content/reports/otchet-2026.yaml": REPORT}
    )
    run = run_build(site)
    assert run.code == 0, run.stderr
    decisions = run.json("meetings/vstrecha/index.json")["computed"]["decisions"]
    assert [(d["status"], d["status_label"], d["overdue"]) for d in decisions] == [
        ("done", "выполнено", False),
        ("not_done", "не выполнено", True),
        ("in_progress", "выполняется", False),
    ]
    entries = run.json("reports/otchet-2026/index.json")["computed"]["entries"]
    assert [(e["status"], e["status_label"]) for e in entries] == [("done", "выполнено")]


def test_a_word_outside_the_vocabulary_is_refused_in_a_decision(
    make_site: Callable[[dict[str, str]], Path], run_build: Callable[..., BuildRun]
) -> None:
    site = make_site(
        {"content/meetings/vstrecha.md": MEETING.replace("выполнено\n", "сделано\n", 1)}
    )
    run = run_build(site)
    assert run.code == 1
    assert "content/meetings/vstrecha.md:12:" in run.stderr, run.stderr
