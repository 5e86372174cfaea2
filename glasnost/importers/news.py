"""`import news FILE.docx`: a Word news draft → content/news/SLUG.md, photos → content/files/.

mammoth reads the Word document as clean HTML (headings, lists, tables, bold, links;
Word's look, fonts and colours dropped), markdownify writes that HTML as Markdown. The
first heading, or else the first paragraph, is the title. Typography is kept as typed:
«ёлочки», “smart quotes” and non-breaking spaces are text, not escapes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import mammoth
from bs4 import BeautifulSoup
from markdownify import markdownify

from glasnost.importers.common import (
    Context,
    Planned,
    check_office_file,
    dump_yaml,
    target_path,
    today,
)
from glasnost.importers.tables import clean
from glasnost.slugs import slug_from_filename

_IMAGE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/svg+xml": "svg",
}
_TITLE_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p"]
# Word's «Название»/Title style is the news headline; mammoth knows only «Heading N».
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Название'] => h1:fresh
p[style-name='Заголовок'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Подзаголовок'] => p:fresh
"""


def import_news(ctx: Context) -> list[Planned]:
    check_office_file(ctx, ".docx")
    images: list[tuple[str, bytes]] = []
    try:
        with ctx.source.open("rb") as handle:
            result = mammoth.convert_to_html(
                handle,
                convert_image=mammoth.images.img_element(_image_saver(images)),
                style_map=_STYLE_MAP,
            )
    except Exception as exc:  # mammoth raises zipfile, KeyError, XML errors on a broken file
        raise ctx.fail("I003", expected=".docx") from exc
    for message in result.messages:
        ctx.warn("I302", problem=str(message.message))
    soup = BeautifulSoup(result.value, "html.parser")
    title = _take_title(soup)
    if not title:
        raise ctx.fail("I301")
    # Named after the title, as `build.py new` names files: «Документ1.docx» says nothing.
    stem = slug_from_filename(title)[:60].strip("-") or "news"
    html = str(soup)
    files: list[Planned] = []
    for index, (extension, data) in enumerate(images, start=1):
        name = f"{stem}-{index}.{extension}"
        html = html.replace(f'src="{_placeholder(index)}"', f'src="../files/{name}"')
        files.append(Planned(ctx.site_dir / "content" / "files" / name, data))
    body = markdownify(
        html, heading_style="ATX", bullets="-", strong_em_symbol="*", table_infer_header=True
    ).strip()
    day = today(ctx.site_dir)
    target = target_path(ctx, Path("content/news") / f"{stem}.md")
    front: dict[str, Any] = {"title": title, "date": day}
    text = "---\n" + dump_yaml(front, "").decode("utf-8") + "---\n\n" + body + "\n"
    ctx.say(
        f"Создан файл {ctx.rel(target)}: «{title}», картинок {len(files)}. "
        "Проверьте текст и дату (date) перед публикацией.",
        f"Created {ctx.rel(target)}: '{title}', {len(files)} images. "
        "Check the text and the date before publishing.",
    )
    for image in files:
        ctx.say(f"  картинка: {ctx.rel(image.target)}", f"  image: {ctx.rel(image.target)}")
    return [*files, Planned(target, text.encode("utf-8"))]


def _placeholder(index: int) -> str:
    return f"glasnost-import-image-{index}"


def _image_saver(images: list[tuple[str, bytes]]) -> Any:
    """mammoth's image hook: keep the bytes; the link is set once the title names the files."""

    def save(image: Any) -> dict[str, str]:
        with image.open() as data:
            images.append((_IMAGE_TYPES.get(image.content_type, "bin"), data.read()))
        attributes = {"src": _placeholder(len(images))}
        if image.alt_text:
            attributes["alt"] = image.alt_text
        return attributes

    return save


def _take_title(soup: BeautifulSoup) -> str:
    """The first heading or paragraph with text, removed from the body. Non-breaking spaces
    stay: «№\u00a0165» must not break in the title either."""
    chosen = next((tag for tag in soup.find_all(_TITLE_TAGS) if clean(tag.get_text())), None)
    if chosen is None:
        return ""
    title = re.sub(r"[ \t\r\n]+", " ", chosen.get_text()).strip()
    chosen.decompose()
    return title
