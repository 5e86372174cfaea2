"""Which files of content/ may be read and published: no link out, no disguised names.

Kept apart from the load stage (and free of its imports) because the content types check
their own files (a data set's CSV files) with the same rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from glasnost.diagnostics import Diagnostics

CONTENT_DIR = "content"


def inside_content(path: Path, site_dir: Path, diag: Diagnostics) -> bool:
    """False, with an error, for a path whose real location is outside content/.

    Git stores symbolic links as they are, so one committed link could otherwise publish
    any file of the build machine (/etc/passwd), or of the site folder that is not content
    (.env, .git/config), as an attachment, a data file or a text. Checked before the file
    is read; the message names the link, never what it points at.
    """
    root = site_dir.resolve() / CONTENT_DIR  # a content/ that is itself a link leads out too
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        target = None
    if target is not None and target.is_relative_to(root):
        return True
    diag.error("G013", _rel(path, site_dir))
    return False


def _rel(path: Path, site_dir: Path) -> str:
    try:
        return path.relative_to(site_dir).as_posix()
    except ValueError:
        return path.as_posix()


# Attachments a visitor downloads and opens with another program. Nothing a browser runs
# on the site's own origin: no HTML, SVG (it carries script), XML, JavaScript or programs.
ATTACHMENT_TYPES = frozenset(
    {"pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv"}
    | {"ppt", "pptx", "odp", "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff"}
    | {"zip", "7z", "rar", "mp3", "mp4", "webm", "sig"}
)

# Characters that reorder or hide what a name shows (U+202E makes "report\u202efdp.exe" read
# "reportexe.pdf"), and control characters: never in a file name.
UNSAFE_NAME_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
BIDI_CHARS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown_chars(text: str, pattern: re.Pattern[str]) -> str:
    """The offending characters of `text` as code points (U+202E), for a message."""
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in pattern.findall(text)))


def attachment_allowed(path: Path, site_dir: Path, diag: Diagnostics) -> bool:
    """True for a file of content/files/ that may be published; else False, with an error."""
    rel = _rel(path, site_dir)
    if UNSAFE_NAME_CHARS.search(rel):
        diag.error("G017", rel, chars=shown_chars(rel, UNSAFE_NAME_CHARS))
        return False
    if not inside_content(path, site_dir, diag):
        return False
    extension = path.suffix.lower().lstrip(".")
    if extension not in ATTACHMENT_TYPES:
        diag.error("G016", rel, file=path.name)
        return False
    return True
