"""Reading built pages in tests: parse, find by a small CSS subset, flatten text."""

from __future__ import annotations

import textwrap
from typing import Any, Protocol

import lxml.html  # type: ignore[import-untyped]


class ReadsOutput(Protocol):
    def read(self, rel: str) -> str: ...


def site_text(text: str) -> str:
    """A fixture file's text as it is written to disk (dedented, no leading newline)."""
    return textwrap.dedent(text).lstrip("\n")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle, as the file will hold it."""
    found = [n for n, line in enumerate(site_text(text).splitlines(), 1) if needle in line]
    return found[nth - 1]


def html_doc(run: ReadsOutput, url: str) -> Any:
    return lxml.html.fromstring(run.read(url.lstrip("/") + "index.html"))


def text_of(node: Any) -> str:
    return " ".join(node.text_content().split())


def css(node: Any, selector: str) -> list[Any]:
    """The few CSS selectors these tests need (tag.class, descendant, >), as XPath."""
    path, axis = ".", "//"
    for token in selector.split():
        if token == ">":
            axis = "/"
            continue
        tag, *classes = token.split(".")
        tests = "".join(
            f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in classes
        )
        path, axis = f"{path}{axis}{tag or '*'}{tests}", "//"
    return list(node.xpath(path))
