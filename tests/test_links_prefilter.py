"""The quick look for local-file links (glasnost/links.py) never misses one the full
pattern finds: on texts built from the pieces such links are made of."""

from __future__ import annotations

import random

from glasnost.links import _LOCAL_FILE, local_file_links

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
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        assert local_file_links(text) == full(text), repr(text)
        found += bool(full(text))
    assert found > 1000  # the texts do hold such links, often


def test_a_plain_text_has_none() -> None:
    assert local_file_links("Заседание: итоги года, см. http://example.ru/ и /files/a.pdf") == []
    assert local_file_links("[фото](C:\\Users\\me\\foto.jpg)") == ["C:\\Users\\me\\foto.jpg"]
