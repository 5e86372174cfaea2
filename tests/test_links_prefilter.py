"""The quick look for local-file links (glasnost/links.py) never misses one the full
pattern finds: on texts built from the pieces such links are made of."""

from __future__ import annotations

import random

from glasnost.links import _LOCAL_FILE, _may_name_a_local_file, local_file_links

PIECES = [
    "[a](",
    "![b](",
    '<img src="',
    "href='",
    "\n[r]: <",
    "\n  [x]: ",
    ")",
    ">",
    " ",
    "\n",
    "file:",
    "FILE:",
    "fıle:",
    "FİLE:",
    "ﬁle:",
    "C:",
    "d:",
    "K:",
    "ſ:",
    "\\",
    "\\\\",
    "/",
    "//srv",
    "http://x.ru/",
    "текст: ",
    "a:b",
    "Users",
    "foto.jpg",
    '"',
    "'",
]


def full(text: str) -> list[str]:
    return [m.group("target").strip() for m in _LOCAL_FILE.finditer(text)]


def test_the_quick_look_agrees_with_the_full_pattern() -> None:
    rng = random.Random(5)
    found = skipped = 0
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        assert local_file_links(text) == full(text), repr(text)
        found += bool(full(text))
        skipped += not _may_name_a_local_file(text)
    assert found > 1000  # the texts do hold such links, often
    assert skipped > 1000  # and the quick look does rule many out: it is worth having


def test_a_plain_text_is_ruled_out_by_the_quick_look() -> None:
    text = "Заседание: итоги года, см. /files/a.pdf и [отчёт](/reports/2025/)"
    assert not _may_name_a_local_file(text)
    assert local_file_links(text) == []


def test_a_windows_path_is_found() -> None:
    assert local_file_links("[фото](C:\\Users\\me\\foto.jpg)") == ["C:\\Users\\me\\foto.jpg"]
