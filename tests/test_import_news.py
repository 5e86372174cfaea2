"""`build.py import news FILE.docx`: a Word news draft → content/news/SLUG.md with its photos."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from tests.conftest import FIXED_EPOCH, BuildRun
from tests.support.office import run_import, snapshot

TITLE = "Глава округа\u00a0проведет «прямую линию»"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


def png() -> bytes:
    """A 1×1 PNG, enough for Word to embed and for a browser to show."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def add_link(paragraph: Paragraph, url: str, text: str) -> None:
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def news_docx(path: Path) -> Path:
    doc = docx.Document()
    doc.add_heading(TITLE, level=1)
    lead = doc.add_paragraph("20 декабря в 15:00 состоится “прямая линия” ")
    lead.add_run("с главой округа").bold = True
    lead.add_run(". Вопросы принимаются по телефону 8\u00a0(86543)\u00a03-15-87.")
    doc.add_heading("Как задать вопрос", level=2)
    doc.add_paragraph("по телефону", style="List Bullet")
    doc.add_paragraph("на сайте", style="List Bullet")
    more = doc.add_paragraph("Подробнее на ")
    add_link(more, "https://stavregion.ru/", "портале края")
    doc.add_picture(io.BytesIO(png()), width=Inches(1))
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["Месяц", "Вопросов", "Ноябрь", "42"], strict=True):
        cell.text = text
    doc.save(str(path))
    return path


def test_news_keeps_structure_typography_and_photo_and_builds(
    make_site: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    run_build: Callable[..., BuildRun],
) -> None:
    site = make_site({"content/pages/about.md": "---\ntitle: О нас\n---\nТекст.\n"})
    document = news_docx(tmp_path / "Документ1.docx")

    ran = run_import(capsys, "news", str(document), "--site", str(site))

    assert ran.code == 0, ran.err
    news = site / "content/news/glava-okruga-provedet-priamuiu-liniiu.md"
    text = news.read_text(encoding="utf-8")
    assert text.startswith(f"---\ntitle: {TITLE}\ndate: 2026-11-18\n---\n\n")
    assert "“прямая линия” **с главой округа**" in text  # smart quotes as typed
    assert "8\u00a0(86543)\u00a03-15-87" in text  # non-breaking spaces kept
    assert "## Как задать вопрос" in text
    assert "- по телефону\n- на сайте" in text
    assert "[портале края](https://stavregion.ru/)" in text
    assert "| Месяц | Вопросов |\n| --- | --- |\n| Ноябрь | 42 |" in text
    photo = site / "content/files/glava-okruga-provedet-priamuiu-liniiu-1.png"
    assert photo.read_bytes() == png()
    assert "](../files/glava-okruga-provedet-priamuiu-liniiu-1.png)" in text
    assert "картинок 1" in ran.out

    built = run_build(site, "build")
    assert built.code == 0, built.stderr
    page = built.read("news/glava-okruga-provedet-priamuiu-liniiu/index.html")
    assert 'src="/files/glava-okruga-provedet-priamuiu-liniiu-1.png"' in page
    assert "<table>" in page and "<strong>с главой округа</strong>" in page


def test_news_is_never_written_over_without_force(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"content/news/glava-okruga-provedet-priamuiu-liniiu.md": "её текст\n"})
    document = news_docx(tmp_path / "n.docx")
    before = snapshot(site)

    ran = run_import(capsys, "news", str(document), "--site", str(site))

    assert ran.code == 1 and "[I005]" in ran.err
    assert snapshot(site) == before  # not even the photo was written


def test_a_document_without_text_is_refused(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({})
    docx.Document().save(str(tmp_path / "empty.docx"))

    ran = run_import(capsys, "news", str(tmp_path / "empty.docx"), "--site", str(site))

    assert ran.code == 1 and "в документе нет текста" in ran.err and "[I301]" in ran.err
    assert not (site / "content/news").exists()


def test_the_title_style_is_the_headline_without_warnings(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({})
    doc = docx.Document()
    doc.add_heading("Итоги года", level=0)  # Word's «Название» (Title) style
    doc.add_paragraph("Текст новости.")
    doc.save(str(tmp_path / "n.docx"))

    ran = run_import(capsys, "news", str(tmp_path / "n.docx"), "--site", str(site))

    assert ran.code == 0, ran.err
    assert ran.err == ""
    text = (site / "content/news/itogi-goda.md").read_text(encoding="utf-8")
    assert text.endswith("---\ntitle: Итоги года\ndate: 2026-11-18\n---\n\nТекст новости.\n")
