"""Output groups: the outputs kept whole from the previous build when their fingerprint
(glasnost/depends.py) is unchanged, else rendered.

A group is an item's page with its JSON copy (`item:<type>/<slug>`), or one page of a
type's list with its JSON copy (`list:<type>:<number>`). The live preview keeps a group's
previous bytes in memory (MemoryGroups, glasnost/serve/memory.py); `build` hard-links its
previous files from the published output into staging (LinkedGroups, used by render.py,
recorded in the manifest between runs, glasnost/manifest.py). Either way a group is kept
only whole: when any of its previous files is gone, it is rendered again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING

from glasnost.depends import Fingerprint, Fingerprints, GroupRecord, PageMemo
from glasnost.types.base import ContentType, Item, OutputFile

if TYPE_CHECKING:  # render.py builds LinkedGroups: only the type is needed here
    from glasnost.render import Renderer
    from glasnost.write import OutputWriter


def item_key(item: Item) -> str:
    return "item:" + item.id


def list_key(kind: ContentType, number: int) -> str:
    return f"list:{kind.name}:{number}"


class OutputGroups:
    """Item pages and list pages, each group rendered or kept by its fingerprint.

    `before` holds each group's fingerprint and paths as the previous output has them;
    `fingerprints` collects this build's, for the next one. Without `prints` nothing is
    fingerprinted, so every group is rendered.
    """

    def __init__(
        self,
        renderer: Renderer,
        prints: Fingerprints | None,
        before: Mapping[str, GroupRecord],
    ) -> None:
        self.renderer = renderer
        self.prints = prints
        self.before = before
        self.fingerprints: dict[str, GroupRecord] = {}
        self.kept_paths: list[str] = []

    def reuse(self, paths: tuple[str, ...]) -> list[OutputFile] | None:
        """The previous files of an unchanged group as this build's, or None when they
        cannot all be had (the group is then rendered)."""
        raise NotImplementedError

    def item_files(self, items: list[Item]) -> Iterator[OutputFile]:
        for item in items:
            made = self.prints.item(item) if self.prints is not None else None
            yield from self.group(item_key(item), made, partial(self.renderer.item_page, item))

    def list_files(self, kind: ContentType) -> Iterator[OutputFile]:
        renderer = self.renderer
        pages = renderer.list_page_count(kind)
        everything = renderer.site.collection(kind.name)
        for number in range(1, pages + 1):
            chunk = renderer.list_chunk(kind, number)
            made = (
                self.prints.list_page(kind, number, pages, chunk, everything)
                if self.prints is not None
                else None
            )
            render = partial(renderer.list_page, kind, number)
            yield from self.group(list_key(kind, number), made, render)

    def group(
        self, key: str, fingerprint: Fingerprint | None, render: Callable[[], Iterator[OutputFile]]
    ) -> Iterator[OutputFile]:
        kept = self.keep(key, fingerprint)
        if kept is not None:
            yield from kept
            return
        made = list(render())
        self.made(key, fingerprint, tuple(f.path for f in made))
        yield from made

    def keep(self, key: str, fingerprint: Fingerprint | None) -> list[OutputFile] | None:
        """The group's previous files when its fingerprint is unchanged and they can be
        had; None: render it."""
        if fingerprint is None:
            return None
        old = self.before.get(key)
        if old is None or old[0] != fingerprint:
            return None
        files = self.reuse(old[1])
        if files is not None:
            self.fingerprints[key] = old
            self.kept_paths.extend(old[1])
        return files

    def made(self, key: str, fingerprint: Fingerprint | None, paths: tuple[str, ...]) -> None:
        """A group rendered by this build: the next one may keep it."""
        if fingerprint is not None:
            self.fingerprints[key] = (fingerprint, paths)


class MemoryGroups(OutputGroups):
    """The live preview's: an unchanged group keeps the bytes it has in memory."""

    def __init__(
        self, renderer: Renderer, previous: Mapping[str, object], memo: PageMemo | None
    ) -> None:
        prints = (
            Fingerprints(renderer.site, renderer.env, memo.templates, memo.facts)
            if memo is not None
            else None
        )
        super().__init__(renderer, prints, memo.outputs if memo is not None else {})
        self.previous = previous

    def reuse(self, paths: tuple[str, ...]) -> list[OutputFile] | None:
        bodies = [self.previous.get(path) for path in paths]
        files: list[OutputFile] = []
        for path, body in zip(paths, bodies, strict=True):
            if not isinstance(body, bytes):  # gone, or a file copied as it is
                return None
            files.append(OutputFile(path, body))
        return files


class LinkedGroups(OutputGroups):
    """`build`'s: an unchanged group's previous files, still exactly as the manifest
    recorded them, are hard-linked into staging (write.OutputWriter.keep). They are in
    place already, so there is nothing left for the writer: no files are returned."""

    def __init__(
        self,
        renderer: Renderer,
        prints: Fingerprints | None,
        before: Mapping[str, GroupRecord],
        writer: OutputWriter,
    ) -> None:
        super().__init__(renderer, prints, before)
        self.writer = writer

    def reuse(self, paths: tuple[str, ...]) -> list[OutputFile] | None:
        return [] if self.writer.keep(paths) else None

    def changed_items(self, items: list[Item]) -> list[Item]:
        """The items whose pages must be rendered; the others' are linked into staging."""
        changed: list[Item] = []
        for item in items:
            made = self.prints.item(item) if self.prints is not None else None
            if self.keep(item_key(item), made) is None:
                changed.append(item)
        return changed

    def rendered_items(self, items: list[Item], paths: list[tuple[str, ...]]) -> None:
        for item, written in zip(items, paths, strict=True):
            made = self.prints.item(item) if self.prints is not None else None
            self.made(item_key(item), made, written)
