"""Building the site into memory: every output file by path, never written to disk.

The preview keeps the built site in memory: nothing is written into the site folder, so
nothing is left there when it is stopped (Ctrl+C, a kill, a closed terminal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from itertools import chain
from pathlib import Path

import jinja2
import jinja2.bccache

from glasnost.depends import PageMemo
from glasnost.diagnostics import Diagnostics
from glasnost.model import Site
from glasnost.outputgroups import MemoryGroups
from glasnost.pipeline import repeated, report_duplicates
from glasnost.render import (
    Renderer,
    TemplateProblem,
    list_page_count,
    list_page_url,
    report_template_problem,
    site_files,
    sitemap,
)
from glasnost.site import page_path
from glasnost.types.base import ContentType, Item, OutputFile

Content = bytes | Path  # rendered bytes, or a file copied as it is (static, attachments)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between the preview's builds, in memory.

    Jinja keys each by the template's name and a checksum of its source, so an edited
    template is compiled again; compiling all of them was most of a small site's rebuild.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Superseded(Exception):
    """Files changed again while the site was being rendered: start over with them."""


def render_in_memory(
    site: Site,
    diag: Diagnostics,
    compiled: CompiledTemplates | None = None,
    superseded: Callable[[], bool] = lambda: False,
    previous: dict[str, Content] | None = None,
    memo: PageMemo | None = None,
) -> dict[str, Content] | None:
    """Every output file of `build` (search index aside), by path; None on a template error.

    The same renderer calls as pipeline.build's, collected instead of written. Raises
    Superseded as soon as `superseded()` says a newer change is waiting: on a large site
    the full render takes seconds, and the next save should not wait for a stale one.
    A file whose bytes equal the `previous` build's is kept as that object, so that the
    old and the new site are not both held whole while the new one is rendered.

    With a `memo` (the preview's), item pages and list pages whose fingerprint
    (glasnost/depends.py) is the one they had in `previous` are not rendered: their
    previous bytes are kept. The memo's new fingerprints wait in `memo.pending` until
    the caller shows these files (`memo.commit`).
    """
    previous = previous or {}
    renderer = Renderer(site)
    renderer.env.bytecode_cache = compiled
    files: list[OutputFile] = []
    groups = MemoryGroups(renderer, previous, memo)
    try:
        for file in chain(
            groups.item_files(list(site.visible_items())),
            site_files(site, renderer, groups.list_files),
        ):
            before = previous.get(file.path)
            if isinstance(before, bytes) and before == file.content:
                file = OutputFile(file.path, before)
            files.append(file)
            if len(files) % CANCEL_EVERY == 0 and superseded():
                raise Superseded
    except TemplateProblem as exc:
        report_template_problem(exc, diag)
        return None
    paths = [f.path for f in files]
    files.append(sitemap(site, paths))
    paths.append("sitemap.xml")
    duplicates = repeated(paths)
    if duplicates:
        report_duplicates(duplicates, diag)
        return None
    if memo is not None:
        memo.pending = groups.fingerprints
        kept = set(groups.kept_paths)
        memo.pending_rendered = [p for p in paths if p not in kept]
    return {f.path: f.content for f in files}


CANCEL_EVERY = 64  # files rendered between looks at the watcher (a few milliseconds)


class EarlyPages:
    """Pages of a model that passed its checks, rendered one by one when asked for.

    The whole site takes seconds to render on a large site; the page a press secretary
    has open is most often an item's, the home page or a list, and each of those needs
    only the model. Until the full render is done, such a page is rendered on request
    from the new model (the same renderer calls, so the same bytes); everything else is
    served from the previous build meanwhile.
    """

    def __init__(self, site: Site, compiled: CompiledTemplates) -> None:
        self.site = site
        self.compiled = compiled
        self.renderer: Renderer | None = None
        # The list pages, found when first asked for; items are looked up by address
        # (Site.by_url): an index of every page was ~6 ms of each save on 10,000 items.
        self.lists: dict[str, ContentType] | None = None
        self.rendered: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            found, source = self._source(key)
            if not found:
                return None
            if key not in self.rendered:
                try:
                    self._render(key, source)
                except TemplateProblem:
                    return None  # the full render reports it
            return self.rendered.get(key)

    def warm(self, changed: Collection[Path]) -> None:
        """Render the pages of the items saved in these files now, before the rest of the
        site: the saved page's tab asks for it first, and should not wait for its
        rendering beside the full render (which holds the interpreter half the time)."""
        site_dir = self.site.site_dir
        # By the files' names as the model has them: hashing 10,000 Paths took ~7 ms.
        rels = {p.relative_to(site_dir).as_posix() for p in changed if p.is_relative_to(site_dir)}
        for item in self.site.items:
            if item.visible and item.source.rel in rels:
                self.get(item_pages(item)[0])

    def pages(self) -> list[str]:
        """Every path `get` renders, home first, then items' pages and lists' pages."""
        keys = ["index.html", "index.json"]
        for item in self.site.visible_items():
            keys.extend(item_pages(item))
        with self.lock:
            self._source("index.html")  # finds the lists
            assert self.lists is not None
            keys.extend(self.lists)
        return list(dict.fromkeys(keys))

    def _source(self, key: str) -> tuple[bool, Item | ContentType | None]:
        """What renders this page: an item, else a type's list, else the home page (None);
        (False, None) for a page rendered only by the full render.

        Items first: finding the lists' pages sorts every list (~10 ms on 10,000 items),
        and the page asked for after a save is most often the saved item's. No item of a
        site that passed its checks has a list page's address: a list's first page as an
        item's address is refused (G211), its later ones (`.../page/N/`) lie two folders
        below the list, where no slug reaches.
        """
        item = self._item(key)
        if item is not None:
            return True, item
        if self.lists is None:
            self.lists = {}
            for kind in self.site.kinds:
                if kind.has_list:
                    for page in list_page_paths(self.site, kind):
                        self.lists[page + "index.html"] = kind
                        self.lists[page + "index.json"] = kind
        if key in self.lists:
            return True, self.lists[key]
        return key in ("index.html", "index.json"), None

    def _item(self, key: str) -> Item | None:
        """The visible item whose page or JSON is `key`; of two, the later (as an index
        built in the items' order would have it)."""
        urls = ["/" + key]
        if key.endswith(("index.html", "index.json")):
            urls.append("/" + key[: -len("index.html")])
        found: list[Item] = []
        for url in urls:
            item = self.site.by_url(url)
            if item is not None and item.visible and key in item_pages(item):
                found.append(item)
        if len(found) > 1 and found[0] is not found[1]:
            return max(found, key=self.site.items.index)
        return found[0] if found else None

    def _render(self, key: str, source: Item | ContentType | None) -> None:
        if self.renderer is None:
            self.renderer = Renderer(self.site)
            self.renderer.env.bytecode_cache = self.compiled
        if isinstance(source, Item):
            files = self.renderer.item_page(source)
        elif source is None:
            files = self.renderer.home()
        else:
            files = self.renderer.list_pages(source)
        for file in files:  # a list's pages come in order: stop at the one asked for
            if isinstance(file.content, bytes):
                self.rendered[file.path] = file.content
            if key in self.rendered:
                break


def item_pages(item: Item) -> tuple[str, str]:
    """The paths of an item's page and its JSON copy, as Renderer.item_page writes them."""
    return page_path(item.url), item.url.lstrip("/") + "index.json"


def list_page_paths(site: Site, kind: ContentType) -> list[str]:
    """The folders of a type's list pages, as Renderer.list_pages numbers them."""
    pages = list_page_count(site, kind)
    return [list_page_url(kind, n).lstrip("/") for n in range(1, pages + 1)]
