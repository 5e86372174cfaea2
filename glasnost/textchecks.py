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
from glasnost.markup import MarkdownRenderer, Rendered
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


@dataclass(frozen=True)
class ItemTexts:
    """An item's Markdown fields (the non-empty ones), with what the type made them from."""

    kind: str
    data: Any  # the validated fields (the same object while the file is unchanged)
    lines: Any  # the file's line map
    body: str
    body_line: int
    fields: tuple[MarkdownField, ...]


class ItemFindings:
    """All Markdown fields of one item, checked: replayed together while nothing changed."""

    def __init__(self, texts: ItemTexts, fields: tuple[FieldFindings, ...]) -> None:
        self.texts = texts
        self.fields = fields
        self.by_key = {md.key: found for md, found in zip(texts.fields, fields, strict=True)}
        self.rendered = tuple(found.rendered for found in fields)
        self.links = tuple(link for found in fields for link in found.links)
        self.html = {k: found.html for k, found in self.by_key.items() if found.html is not None}
        self.problems = tuple(p for found in fields for p in found.problems)
        self.renderable = all(r.failure is None for r in self.rendered)


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
        self.starters: dict[str, StarterFindings] = {}
        self.texts: dict[str, ItemTexts] = {}
        self.items: dict[str, ItemFindings] = {}
        self._items_now: dict[str, ItemFindings] = {}
        self.replayed = 0  # fields whose findings were reused (tests read it)
        self._starters_now: dict[str, StarterFindings] = {}
        self._texts_now: dict[str, ItemTexts] = {}

    def begin(self) -> None:
        """A new build: findings not asked for again by its end are forgotten."""
        self._starters_now, self._texts_now = {}, {}
        self._items_now = {}
        self.replayed = 0

    def end(self) -> None:
        self.starters = self._starters_now
        self.texts, self.items = self._texts_now, self._items_now

    @property
    def fields(self) -> dict[tuple[str, str], FieldFindings]:
        """The last build's findings by (source file, field)."""
        return {
            (rel, key): found
            for rel, whole in self.items.items()
            for key, found in whole.by_key.items()
        }

    def markdown_fields(self, item: Item) -> ItemTexts:
        """The type's `markdown_fields` that have text; kept while the file is unchanged.

        The hook reads only the item's own file (its fields, body and line map); on a
        large site asking every type again, and stripping every body to see that it is
        not empty, took tens of milliseconds a save.
        """
        source = item.source
        known = self.texts.get(source.rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is item.data  # kept alive by `known`: the id is not reused
            and known.lines is source.lines
            and known.body is source.body
            and known.body_line == source.body_line
        ):
            fields = tuple(md for md in item.kind.markdown_fields(item) if md.text.strip())
            known = ItemTexts(
                item.kind.name, item.data, source.lines, source.body, source.body_line, fields
            )
        self._texts_now[source.rel] = known
        return known

    def render(
        self, texts: list[tuple[Item, ItemTexts]], renderer: MarkdownRenderer
    ) -> list[tuple[Rendered, ...]]:
        """Each item's fields' HTML: a text checked in the build before (the very same
        string) keeps what it was rendered to, the others go to the renderer together."""
        found: list[tuple[Rendered, ...] | list[Rendered | None]] = []
        asked: list[tuple[list[Rendered | None], int]] = []
        asked_texts: list[str] = []
        for item, mine in texts:
            whole = self.items.get(item.source.rel)
            if whole is not None and whole.texts is mine and whole.renderable:
                found.append(whole.rendered)  # the same tuple: `item` sees it unchanged
                continue
            own: list[Rendered | None] = []
            for md in mine.fields:
                known = whole.by_key.get(md.key) if whole is not None else None
                if known is not None and known.text is md.text and known.rendered.failure is None:
                    own.append(known.rendered)
                else:
                    asked.append((own, len(own)))
                    asked_texts.append(md.text)
                    own.append(None)
            found.append(own)
        results = renderer.render_all(asked_texts)
        for (own, index), result in zip(asked, results, strict=True):
            own[index] = result
        return [r if isinstance(r, tuple) else tuple(x for x in r if x is not None) for r in found]

    def item(
        self,
        item: Item,
        mine: ItemTexts,
        rendered: tuple[Rendered, ...],
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
    ) -> dict[str, str]:
        """The HTML of an item's fields, by key (links rewritten), with what checking
        them found; replayed whole while its texts, renderings and links are the same."""
        rel = item.source.rel
        whole = self.items.get(rel)
        if (
            whole is not None
            and whole.texts is mine
            and whole.rendered == rendered  # mostly the very same tuple
            and (not whole.links or all(resolver.resolve(t, rel) == r for t, r in whole.links))
        ):
            self.replayed += len(whole.fields)
        else:
            fields = tuple(
                self._field(item, md, result, resolver, diag, check, whole)
                for md, result in zip(mine.fields, rendered, strict=True)
            )
            whole = ItemFindings(mine, fields)
        self._items_now[rel] = whole
        if whole.problems:
            diag.items.extend(whole.problems)
        return whole.html

    def _field(
        self,
        item: Item,
        md: MarkdownField,
        rendered: Rendered,
        resolver: LinkResolver,
        diag: Diagnostics,
        check: FieldCheck,
        before: ItemFindings | None,
    ) -> FieldFindings:
        rel = item.source.rel
        known = before.by_key.get(md.key) if before is not None else None
        if known is not None and _same_field(known, md, rendered, resolver, rel):
            self.replayed += 1
            return known
        own = Diagnostics(diag.catalog)
        links: list[tuple[str, Resolved]] = []
        html = check(item, md, rendered, resolver, own, lambda t, r: links.append((t, r)))
        return FieldFindings(md.text, md.line, rendered, tuple(links), html, tuple(own.items))

    def starter(self, item: Item, diag: Diagnostics, check: StarterCheck) -> None:
        source = item.source
        draft = bool(getattr(item.data, "draft", False))
        rel = source.rel
        known = self.starters.get(rel)
        if not (
            known is not None
            and known.kind == item.kind.name
            and known.data is source.data  # kept alive by `known`: the id is not reused
            and (known.body is source.body or known.body == source.body)
            and known.body_line == source.body_line
            and known.draft == draft
        ):
            own = Diagnostics(diag.catalog)
            check(item, own)
            known = StarterFindings(
                item.kind.name, source.data, source.body, source.body_line, draft, tuple(own.items)
            )
        self._starters_now[rel] = known
        if known.problems:
            diag.items.extend(known.problems)


def _same_field(
    known: FieldFindings, md: MarkdownField, rendered: Rendered, resolver: LinkResolver, rel: str
) -> bool:
    # Mostly the very same objects as the build before: `is` spares comparing long texts.
    return (
        (known.text is md.text or known.text == md.text)
        and known.line == md.line
        and (known.rendered is rendered or known.rendered == rendered)
        and (not known.links or all(resolver.resolve(t, rel) == was for t, was in known.links))
    )
