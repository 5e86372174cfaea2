"""Static assets published under names that carry their content's hash.

static/style.css is published as static/style.1a2b3c4d.css and templates link it with
`{{ asset("style.css") }}`: a changed file gets a new address, so a CDN and browsers may
keep every asset for a year (see glasnost/deploy/headers.py) and never show a stale one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glasnost.types.base import OutputFile

HASH_LENGTH = 8


def hashed_name(relative: str, content: bytes) -> str:
    """sub/style.css → sub/style.1a2b3c4d.css (the first 8 hex digits of its SHA-256)."""
    pure = PurePosixPath(relative)
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


@dataclass(frozen=True)
class StaticAssets:
    root: Path
    names: dict[str, str]  # name in templates/static → published name

    @classmethod
    def scan(cls, root: Path) -> StaticAssets:
        names = {}
        for path in sorted(root.rglob("*")):
            if path.is_file():
                relative = path.relative_to(root).as_posix()
                names[relative] = hashed_name(relative, path.read_bytes())
        return cls(root, names)

    def url(self, name: str) -> str:
        if name not in self.names:
            raise LookupError(f"asset(): no file {name!r} in templates/static")
        return "/static/" + self.names[name]

    def files(self) -> Iterator[OutputFile]:
        for name, published in self.names.items():
            yield OutputFile("static/" + published, self.root / name)
