"""Watching the site's sources: which file events mean "build again", and the builds."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from glasnost.config import CONFIG_FILE
from glasnost.console import say
from glasnost.serve.preview import Preview, report

# An editor's save is several events within a few milliseconds (write, rename over the
# file); the wait is part of every save's time to its page, so it is kept short.
QUIET_SECONDS = 0.025
# Once every file written in the burst has been closed, renamed into place or deleted,
# the save is complete: a shorter wait only lets the rest of a multi-file change join.
SETTLED_SECONDS = 0.005

# Files editors write beside the one being edited: vim's swap files and its 4913 probe,
# Emacs's backups and lock links, generic temporaries. Saving them is not a change.
TEMP_SUFFIXES = (".swp", ".swo", ".swx", ".swn", "~", ".tmp", ".temp", ".part", ".crdownload")
TEMP_NAMES = {"4913", ".DS_Store", "Thumbs.db"}
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", ".glasnost-cache", "node_modules"}
CHANGES = {"created", "modified", "deleted", "moved"}  # not opened, closed_no_write, attrib
WRITES = {"created", "modified"}  # the file may still be being written until it is closed


def is_editor_temp(name: str) -> bool:
    return (
        name in TEMP_NAMES
        or name.endswith(TEMP_SUFFIXES)
        or name.startswith((".#", "#", ".~lock."))
        or (name.startswith(".") and ".sw" in name)  # vim: .name.swp, .name.swpx ...
    )


class SiteWatcher(FileSystemEventHandler):
    """Turns file events into "build again": only real changes of the site's sources.

    Watched are content/ and templates/ (recursively) and the site folder itself without
    recursion, for site_config.yaml. Reads (opened, closed without writing) and access
    time or permission changes (attrib) are not changes: the build itself reads every
    file, and reacting to that was a rebuild loop.
    """

    def __init__(
        self, site_dir: Path, quiet: float = QUIET_SECONDS, settled: float = SETTLED_SECONDS
    ) -> None:
        self.site_dir = site_dir
        self.quiet, self.settled = quiet, settled
        self.roots = (site_dir / "content", site_dir / "templates")
        self.config = site_dir / CONFIG_FILE
        self.pending = threading.Event()
        self.last_change = 0.0
        self.changed: list[str] = []
        self.writing: set[str] = set()  # of `changed`, files not yet seen closed after writing
        self.lock = threading.Lock()
        self.settling = threading.Condition(self.lock)  # wakes next_burst when a file closes
        self.observer: Any = None

    def relevant(self, path: Path) -> bool:
        if path == self.config:
            return True
        root = next((r for r in self.roots if path == r or path.is_relative_to(r)), None)
        if root is None:
            return False
        inside = path.relative_to(root).parts
        if any(part in SKIPPED_FOLDERS for part in inside):
            return False
        return not (inside and is_editor_temp(inside[-1]))

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type == "closed" and not event.is_directory:
            self.closed(Path(os.fsdecode(event.src_path)))
            return
        if event.event_type not in CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's entries changed: the entries' own events follow
        paths = [Path(os.fsdecode(event.src_path))]
        if event.event_type == "moved":
            paths.append(Path(os.fsdecode(event.dest_path)))
        hits = [p for p in paths if self.relevant(p)]
        for path in hits:
            if path in self.roots and path.is_dir() and self.observer is not None:
                # content/ or templates/ made after the preview started: watch it too.
                self.observer.schedule(self, str(path), recursive=True)
        if hits:
            # A file created or modified may have more writes coming; one moved into
            # place or deleted is complete (the source of a move is gone).
            self.note(hits, event.event_type in WRITES and not event.is_directory)

    def note(self, paths: list[Path], writing: bool = False) -> None:
        with self.lock:
            self.last_change = time.monotonic()
            for path in paths:
                shown = path.relative_to(self.site_dir).as_posix()
                if shown not in self.changed:
                    self.changed.append(shown)
                if writing:
                    self.writing.add(shown)
                else:
                    self.writing.discard(shown)
        self.pending.set()

    def closed(self, path: Path) -> None:
        """A file closed after writing: if it changed in this burst, its save is done."""
        if not path.is_relative_to(self.site_dir):
            return
        shown = path.relative_to(self.site_dir).as_posix()
        with self.lock:
            if shown in self.writing:
                self.writing.discard(shown)
                self.last_change = time.monotonic()
                self.settling.notify_all()

    def next_burst(self) -> list[str]:
        """Block until something changed and then stayed quiet for a moment: one build.

        The moment is short once every file written is closed again (an editor's save
        is over), longer while one may still be written (or its close was not seen).
        """
        self.pending.wait()
        with self.lock:
            while True:
                quiet_for = time.monotonic() - self.last_change
                wait = self.quiet if self.writing else self.settled
                if quiet_for >= wait:
                    break
                self.settling.wait(wait - quiet_for)
            self.pending.clear()
            changed, self.changed = self.changed, []
            self.writing.clear()
        return changed

    def schedule(self, observer: Any) -> None:
        self.observer = observer
        for root in self.roots:
            if root.is_dir():
                observer.schedule(self, str(root), recursive=True)
        observer.schedule(self, str(self.site_dir), recursive=False)


def rebuild_forever(preview: Preview, watcher: SiteWatcher) -> None:
    site_dir = preview.options.site_dir
    while True:
        changed = watcher.next_burst()
        shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
        print(say(preview.language, f"Изменено: {shown}", f"Changed: {shown}"), file=sys.stderr)
        told = [site_dir / rel for rel in changed]
        result = preview.rebuild(watcher.pending.is_set, told)
        if result is not None:
            report(result)
        if not watcher.pending.is_set() and preview.missed_changes():
            # The watcher did not report everything (its queue overflowed, say): the
            # files as they are now, every one looked at.
            report(preview.rebuild(watcher.pending.is_set))
