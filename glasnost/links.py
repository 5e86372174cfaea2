"""Resolving and checking the links a press secretary writes in Markdown.

Relative links are read the way the files lie on disk: from the Markdown file's own
folder (`../news/x.md`, `../files/a.pdf`) or from the content folder (`files/a.pdf`,
`news/x.md`). Every internal link is rewritten to the page's absolute site path, so it
works from any page depth. Nothing may point outside the site folder.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit


@dataclass(frozen=True)
class Resolved:
    url: str | None  # the site path to link to, when the target exists
    escapes: bool = False
    unpublished: bool = False


def is_external(target: str) -> bool:
    """Not a link to check: another site, or this page itself ("#part", "?query")."""
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//") or not parts.path


def join_inside(base: str, relative: str) -> str | None:
    """base/relative normalised, or None when '..' climbs above the root."""
    stack = [p for p in base.split("/") if p]
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return None
            stack.pop()
        else:
            stack.append(part)
    return "/".join(stack)


class LinkResolver:
    def __init__(
        self,
        urls: set[str],
        unpublished_urls: set[str],
        content_items: dict[str, str],
        unpublished_sources: set[str],
        files: set[str],
    ) -> None:
        self.urls = urls
        self.unpublished_urls = unpublished_urls
        self.content_items = content_items  # "content/news/x.md" -> "/news/x/"
        self.unpublished_sources = unpublished_sources
        self.files = files

    def resolve(self, target: str, source_rel: str) -> Resolved:
        parts = urlsplit(target)
        path = unquote(parts.path)
        suffix = ("?" + parts.query if parts.query else "") + (
            "#" + parts.fragment if parts.fragment else ""
        )
        if path.startswith("/"):
            inside = join_inside("", path)
            if inside is None:
                return Resolved(None, escapes=True)
            return self._site_path(
                "/" + inside + ("/" if path.endswith("/") and inside else ""), suffix
            )
        from_file = join_inside(posixpath.dirname(source_rel), path)
        # "../" is read from the file's folder: climbing out of content/ (towards the site's
        # settings, or out of the site altogether) is never a link to something published.
        if from_file is None or (path.startswith("..") and not from_file.startswith("content/")):
            return Resolved(None, escapes=True)
        for candidate in (from_file, join_inside("content", path)):
            if candidate is None:
                continue
            if candidate in self.content_items:
                return Resolved(self.content_items[candidate] + suffix)
            if candidate in self.unpublished_sources:
                return Resolved(None, unpublished=True)
            url = "/" + candidate.removeprefix("content/")
            if candidate.startswith("content/files/") and url in self.files:
                return Resolved(quote(url) + suffix)
        if path.startswith(".."):
            return Resolved(None)  # a file-relative link to a file that is not there
        # A relative site path such as "news/x/" is read from the site root.
        inside = join_inside("", path)
        if inside is None:
            return Resolved(None, escapes=True)
        return self._site_path("/" + inside + ("/" if path.endswith("/") else ""), suffix)

    def _site_path(self, path: str, suffix: str) -> Resolved:
        for candidate in (path, path + "/", path.removesuffix("index.html")):
            if candidate in self.urls or candidate in self.files:
                # Percent-encoded: a file name with spaces must still make a valid address.
                return Resolved(quote(candidate) + suffix)
            if candidate in self.unpublished_urls:
                return Resolved(None, unpublished=True)
        return Resolved(None)


# A file on the author's own computer: `C:\\Users\\...\\foto.jpg`, `file:///C:/...`,
# `\\\\server\\share`. The sanitiser drops such an address, which would leave an empty
# link or a missing picture without a word; it is found in the Markdown source instead.
_LOCAL_FILE = re.compile(
    r"""(?ix)
    (?: \]\(\s*<? | (?:href|src)\s*=\s*["']? | ^\s*\[[^\]]+\]:\s*<? )  # link, image, HTML
    (?P<target>
        file:[^\s)>"']* | [a-z]:[\\/][^)>"'\n]* | \\\\[^\s)>"']+
    )
    """,
    re.MULTILINE,
)


def local_file_links(markdown: str) -> list[str]:
    """Link and image targets that name a file on a computer, not on the site."""
    if not _may_name_a_local_file(markdown):
        return []
    return [m.group("target").strip() for m in _LOCAL_FILE.finditer(markdown)]


_FILE = re.compile("(?i)file")  # as the pattern's IGNORECASE has it (a dotless ı too)


def _may_name_a_local_file(markdown: str) -> bool:
    """False only when no target of _LOCAL_FILE can be in the text: each holds `\\\\`,
    or a colon after `file` or before a slash or backslash. Most texts have none, and these
    few string searches cost a fraction of the full pattern, tried at every position."""
    if "\\\\" in markdown:
        return True
    at = markdown.find(":")
    while at != -1:
        before = markdown[max(at - 4, 0) : at]
        if markdown[at + 1 : at + 2] in ("\\", "/") or _FILE.fullmatch(before) is not None:
            return True
        at = markdown.find(":", at + 1)
    return False
