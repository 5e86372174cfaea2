"""An output folder as the tests compare it: every file's bytes, inode and mtime.

Bytes say a build after changes equals a clean one; inode and modification time say a
file was kept from the previous output (hard-linked) rather than written again.
"""

from __future__ import annotations

from pathlib import Path

FileState = tuple[bytes, int, int]  # bytes, inode, mtime_ns


def tree(out: Path) -> dict[str, FileState]:
    files: dict[str, FileState] = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            st = path.stat()
            files[path.relative_to(out).as_posix()] = (path.read_bytes(), st.st_ino, st.st_mtime_ns)
    return files


def contents(state: dict[str, FileState]) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in state.items()}
