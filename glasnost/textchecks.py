"""The model's per-text checks, remembered between the live preview's builds.

After one save, all texts but one are the same as in the build before, and so are the
findings of the checks the model runs over each of them: links to files on the author's
computer, markup the sanitiser drops, links to check and rewrite, phrases left from a
type's starter. `TextChecks` keeps each text's findings (its rewritten HTML and the
diagnostics, in the order they were made) with exactly what they were made from, and
replays them when all of that is unchanged: the same text and line, the same rendered
HTML, and every link in it resolving as it did (other items' addresses and the files
under content/files/ may have changed while the text did not). Anything else is checked
again, so a build with it reports exactly what a clean build reports.

A clean build gets a fresh, empty one: nothing here outlives the process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from glasnost.diagnostics import Diagnostic, Diagnostics
from glasnost.links import LinkResolver, Resolved
from glasnost.markup import Rendered
from glasnost.site import Item, MarkdownField

# How a link in a text resolved: (target as written, what it resolved to).
Resolutions = tuple[tuple[str, Resolved], ...]


@dataclass(frozen=True)
class FieldFindings:
    """One Markdown field's checks: what they read, and what they gave."""

    text: str
    line: int | None
    rendered: Rendered
    links: Resolutions
    html: str | None  # None: the text could not be rendered (reported)
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class StarterFindings:
    kind: str
    data: Any  # the parsed file (the same object while the file is unchanged)
    body: str
    body_line: int
    draft: bool
    problems: tuple[Diagnostic, ...]


# The check of one field, as model.py runs it: reports into the Diagnostics it is given
# and returns the HTML with its links rewritten (None when the text failed to render);
# each link it resolved is passed to the callback.
FieldCheck = Callable[
    [Item, MarkdownField, Rendered, LinkResolver, Diagnostics, Callable[[str, Resolved], None]],
    str | None,
]
StarterCheck = Callable[[Item, Diagnostics], None]


class TextChecks:
    """Findings by (source file, field), kept for the fields of the last build only."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str], FieldFindings] = {}
        self.starters: dict[str, StarterFindings] = {}
        self.replayed = 0  # fields whose findings were reused (tests read it)
        self._fields_now: dict[tuple[str, str], FieldFindings] = {}
        self._starters_now: dict[str, StarterFindings] = {}

    def begin(self) -> None:
        """A new build: findings not asked for again by its end are forgotten."""
        self._fields_now, self._starters_now = {}, {}
        self.replayed = 0

    def end(self) -> None:
        self.fields, self.starters = self._fields_now, self._starters_now

    def field(
        self,
        item: Item,
        md: MarkdownField,
        rendered: Rendered,
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
    ) -> str | None:
        key = (item.rel, md.key)
        known = self.fields.get(key)
        if known is not None and _same_field(known, md, rendered, resolver, item.rel):
            self.replayed += 1
        else:
            own = Diagnostics(diag.catalog)
            links: list[tuple[str, Resolved]] = []
            html = check(item, md, rendered, resolver, own, lambda t, r: links.append((t, r)))
            known = FieldFindings(md.text, md.line, rendered, tuple(links), html, tuple(own.items))
        self._fields_now[key] = known
        diag.items.extend(known.problems)
        return known.html

    def starter(self, item: Item, diag: Diagnostics, check: StarterCheck) -> None:
        source = item.source
        draft = bool(getattr(item.data, "draft", False))
        known = self.starters.get(item.rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is source.data  # kept alive by `known`: the id is not reused
            and known.body == source.body
            and known.body_line == source.body_line
            and known.draft == draft
        ):
            own = Diagnostics(diag.catalog)
            check(item, own)
            known = StarterFindings(
                item.kind.name, source.data, source.body, source.body_line, draft, tuple(own.items)
            )
        self._starters_now[item.rel] = known
        diag.items.extend(known.problems)


def _same_field(
    known: FieldFindings, md: MarkdownField, rendered: Rendered, resolver: LinkResolver, rel: str
) -> bool:
    return (
        known.text == md.text
        and known.line == md.line
        and known.rendered == rendered
        and all(resolver.resolve(target, rel) == was for target, was in known.links)
    )
