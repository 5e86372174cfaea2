"""What a large site's build does to keep its memory down changes nothing a user sees.

A clean build renders Markdown a batch of items at a time (model.MARKDOWN_BATCH), drops
each batch's sources, keeps the HTML packed (site.PackedTexts) and hands the render
workers runs of neighbouring items (render.PAGES_PER_TASK). Here the batches, the worker
thresholds and the runs are made tiny, so a small site crosses every boundary: its pages,
JSON, messages and exit code must be those of the same build done in one go, and the
Markdown cache must hold every text it rendered, batch by batch.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from glasnost import markup, model, render
from glasnost.cache import site_cache_dir
from glasnost.site import PackedTexts
from tests.support.outputs import contents, tree
from tests.support.runs import BuildRun

MakeSite = Callable[..., Path]
RunBuild = Callable[..., BuildRun]

ABOUT = "---\ntitle: О нас\npublished: 2024-01-10\n---\nМы — [новости](../news/n7.md).\n"


def news(number: int, body: str) -> str:
    return f"---\ntitle: Новость {number}\ndate: 2024-01-0{number}\n---\n{body}\n"


def good_site() -> dict[str, str]:
    """Seven news items linking across batches, with markup the sanitiser drops (G303)."""
    files = {"content/pages/about.md": ABOUT}
    for n in range(1, 8):
        body = f"Текст **{n}**: см. [о нас](/about) и [соседа](n{8 - n}.md).\n\n## Раздел\n\nЁлка."
        if n in (2, 5):
            body += '\n\n<span onclick="x()">щёлк</span>'
        files[f"content/news/n{n}.md"] = news(n, body)
    return files


def broken_site() -> dict[str, str]:
    """Mistakes in the first, a middle and the last batch: links to nothing, a local file."""
    files = good_site()
    files["content/news/n1.md"] = news(1, "См. [нет такой](/netu/).")
    files["content/news/n4.md"] = news(4, "Скан: [файл](file:///C:/Документы/скан.pdf).")
    files["content/news/n7.md"] = news(7, "Ещё [нигде](nigde.md).\n\n<span onclick=1>x</span>")
    return files


def build(
    make_site: MakeSite,
    run_build: RunBuild,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    name: str,
    small: bool,
) -> BuildRun:
    site = make_site(files)
    monkeypatch.setenv("GLASNOST_CACHE_DIR", str(site.parent / f"cache-{name}"))
    if small:  # every boundary crossed: batches of 2 items, forked workers for each
        monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two workers on any runner
        monkeypatch.setattr(model, "MARKDOWN_BATCH", 2)
        monkeypatch.setattr(markup, "PARALLEL_THRESHOLD", 1)
        monkeypatch.setattr(render, "PARALLEL_PAGES", 1)
        monkeypatch.setattr(render, "PAGES_PER_TASK", 2)
    else:  # one batch, rendered in this process
        monkeypatch.setattr(model, "MARKDOWN_BATCH", 10_000)
        monkeypatch.setattr(markup, "PARALLEL_THRESHOLD", 10_000)
        monkeypatch.setattr(render, "PARALLEL_PAGES", 10_000)
    return run_build(site, out=site.parent / f"out-{name}")


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[None]:
    """A list that grows by one each time module.name is called (it still runs)."""
    calls: list[None] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_batches_and_workers_build_the_same_site_as_one_go(
    make_site: MakeSite, run_build: RunBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = build(make_site, run_build, monkeypatch, good_site(), "whole", small=False)
    markdown_pools = counted(monkeypatch, markup, "unpack_batch")
    page_pools = counted(monkeypatch, render, "_render_items_in_workers")
    batched = build(make_site, run_build, monkeypatch, good_site(), "batched", small=True)
    # Eight texts in batches of two, each sent to workers; one pool for the pages.
    assert len(markdown_pools) >= 4 and len(page_pools) == 1
    assert whole.code == batched.code == 0, batched.stderr
    assert contents(tree(batched.out)) == contents(tree(whole.out))
    assert batched.stderr == whole.stderr
    assert batched.stderr.count("[G303]") == 2  # the dropped onclick=, once per file
    # The links were rewritten in every batch, to items of other batches too.
    page = batched.read("news/n1/index.html")
    assert 'href="/about/"' in page and 'href="/news/n7/"' in page
    assert batched.json("news/n1/index.json")["html"]["body"].startswith("<p>Текст <strong>1")


def test_mistakes_in_several_batches_are_reported_as_in_one_go(
    make_site: MakeSite, run_build: RunBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = build(make_site, run_build, monkeypatch, broken_site(), "whole", small=False)
    batched = build(make_site, run_build, monkeypatch, broken_site(), "batched", small=True)
    assert whole.code == batched.code == 1
    assert batched.stderr == whole.stderr
    found = [
        (line.split(":")[0], line.rsplit("[", 1)[1].rstrip("]"))
        for line in batched.stderr.splitlines()
        if "[G30" in line
    ]
    assert found == [  # errors first, then warnings, each by file
        ("content/news/n1.md", "G300"),
        ("content/news/n4.md", "G305"),
        ("content/news/n7.md", "G300"),
        ("content/news/n2.md", "G303"),
        ("content/news/n4.md", "G303"),  # the file: link, dropped by the sanitiser
        ("content/news/n5.md", "G303"),
        ("content/news/n7.md", "G303"),
    ]
    assert "content/news/n1.md:5:" in batched.stderr
    assert not batched.out.exists()


def test_the_cache_holds_every_text_rendered_batch_by_batch(
    make_site: MakeSite, run_build: RunBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(make_site, run_build, monkeypatch, good_site(), "cache", small=True)
    assert first.code == 0, first.stderr
    db = site_cache_dir(first.out.parent / "site") / "markdown.sqlite3"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count(*), min(typeof(html)) FROM rendered").fetchone()
    assert rows == (8, "text")  # seven news bodies and the page's: one entry per text
    again = run_build(first.out.parent / "site", out=first.out.parent / "again")
    assert contents(tree(again.out)) == contents(tree(first.out))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM rendered").fetchone() == (8,)
    # A deleted text is forgotten by the next build that stores a new one (a build with
    # nothing new leaves the cache as it is), batches or not: n4 deleted, n3 edited.
    site = first.out.parent / "site"
    (site / "content" / "news" / "n4.md").unlink()  # links only to itself
    edited = site / "content" / "news" / "n3.md"
    edited.write_text(edited.read_text("utf-8") + "\nДописано.\n", encoding="utf-8")
    assert run_build(site, out=first.out.parent / "again").code == 0
    with sqlite3.connect(db) as conn:  # 8 - n4 - n3's old text + n3's new one
        assert conn.execute("SELECT count(*) FROM rendered").fetchone() == (7,)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<p>Привет, мир</p>",
        "<p>Длинный текст, который упакован.</p>\n" * 100,
        "ascii only" * 200,
        "эмодзи 😀 и \u00a0" * 100,
        "одинокий \ud800 суррогат" * 100,
    ],
    ids=["empty", "short", "long", "ascii", "emoji", "lone surrogate"],
)
def test_packed_texts_give_back_exactly_what_was_put_in(text: str) -> None:
    packed = PackedTexts({"body": text, "summary": "Кратко"})
    assert packed["body"] == text and packed.get("missing") is None
    assert dict(packed) == {"body": text, "summary": "Кратко"}
    assert sorted(packed) == ["body", "summary"] and len(packed) == 2
    # Equal to the same texts, packed or not; not to others.
    assert packed == PackedTexts({"summary": "Кратко", "body": text})
    assert packed == {"body": text, "summary": "Кратко"}
    assert packed != PackedTexts({"body": text + "!", "summary": "Кратко"})
    packed["body"] = "новый"
    del packed["summary"]
    assert dict(packed) == {"body": "новый"}
