"""From a `deploy:` entry of site_config.yaml to an rclone remote, secrets from the environment.

rclone is configured on the fly through RCLONE_CONFIG_<REMOTE>_<OPTION> variables of the
child process: a secret never appears on a command line (`ps` shows those to every user
of the machine) nor in a config file on disk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from glasnost.config import DeployTarget

REMOTE = "glasnost"
ENV_PREFIX = f"RCLONE_CONFIG_{REMOTE.upper()}_"

# The variables a user sets (in CI: secret variables). AWS_* are what every S3 tool reads.
S3_KEY_ID = "AWS_ACCESS_KEY_ID"
S3_SECRET = "AWS_SECRET_ACCESS_KEY"
S3_TOKEN = "AWS_SESSION_TOKEN"
SFTP_KEY = "GLASNOST_SFTP_KEY"  # the private key itself (PEM text), as CI secrets hold it
SFTP_KEY_FILE = "GLASNOST_SFTP_KEY_FILE"
SFTP_PASSWORD = "GLASNOST_SFTP_PASSWORD"
FTP_PASSWORD = "GLASNOST_FTP_PASSWORD"
# The names the CI files of `glasnost init` use. rclone itself would read these as
# *obscured* passwords; a press secretary stores the password itself, so Glasnost takes
# them as plain passwords and keeps them from rclone (see rclone.py).
PLAIN_RCLONE_PASSWORDS = {"sftp": "RCLONE_SFTP_PASS", "ftp": "RCLONE_FTP_PASS"}


def _password(environ: Mapping[str, str], kind: str, variable: str) -> str | None:
    return environ.get(variable) or environ.get(PLAIN_RCLONE_PASSWORDS[kind]) or None


class MissingVariable(Exception):
    def __init__(self, name: str, alternatives: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        self.name = name
        self.alternatives = alternatives


class UnsafeLocalTarget(Exception):
    """A local target that is the build folder or holds the site's sources."""


@dataclass(frozen=True)
class Remote:
    """Where rclone sends the files: `spec` is what rclone is given (remote:path or a folder)."""

    kind: str  # s3, sftp, ftp or local
    spec: str
    shown: str  # the address as the user wrote it, for messages (no secrets in it)
    options: dict[str, str] = field(default_factory=dict)  # rclone options, set via env
    secrets: dict[str, str] = field(default_factory=dict)  # options rclone wants obscured
    known_hosts: str | None = None  # text of a known_hosts file to write for this run

    @property
    def sends_headers(self) -> bool:
        """Only an object store keeps per-file headers; a web server on SFTP decides its own."""
        return self.kind == "s3"

    @property
    def has_folders(self) -> bool:
        return self.kind != "s3"

    def join(self, relative: str) -> str:
        if self.spec.endswith((":", "/")):
            return self.spec + relative
        return f"{self.spec}/{relative}"


def resolve(
    target: DeployTarget, site_dir: Path, out_dir: Path, environ: Mapping[str, str]
) -> Remote:
    """The remote for a target; MissingVariable names the first credential not set."""
    parts = urlsplit(target.url)
    if parts.scheme == "s3":
        return s3_remote(target, environ)
    if parts.scheme == "sftp":
        return sftp_remote(target, environ)
    if parts.scheme in ("ftp", "ftps"):
        return ftp_remote(target, environ)
    return local_remote(target, site_dir, out_dir)


def _own(environ: Mapping[str, str], option: str, variable: str) -> str | None:
    """A credential from the usual variable, or from rclone's own for our remote."""
    return environ.get(variable) or environ.get(ENV_PREFIX + option.upper()) or None


def s3_remote(target: DeployTarget, environ: Mapping[str, str]) -> Remote:
    parts = urlsplit(target.url)
    key_id = _own(environ, "access_key_id", S3_KEY_ID)
    if key_id is None:
        raise MissingVariable(S3_KEY_ID)
    secret = _own(environ, "secret_access_key", S3_SECRET)
    if secret is None:
        raise MissingVariable(S3_SECRET)
    options = {
        "type": "s3",
        "provider": target.provider,
        "access_key_id": key_id,
        "secret_access_key": secret,
    }
    if environ.get(S3_TOKEN):
        options["session_token"] = environ[S3_TOKEN]
    if target.endpoint:
        options["endpoint"] = target.endpoint
    if target.region:
        options["region"] = target.region
    if target.acl:
        options["acl"] = target.acl
    path = f"{parts.hostname}/{unquote(parts.path).strip('/')}".rstrip("/")
    return Remote("s3", f"{REMOTE}:{path}", target.url, options)


def _host_port(target: DeployTarget, default_port: int) -> tuple[str, int, str]:
    parts = urlsplit(target.url)
    return parts.hostname or "", parts.port or default_port, unquote(parts.username or "")


# Credentials rclone finds by itself: ssh-agent, or our remote's options set by hand.
RCLONE_OWN_SFTP = ("SSH_AUTH_SOCK", *(ENV_PREFIX + o for o in ("KEY_FILE", "KEY_PEM", "PASS")))


def sftp_remote(target: DeployTarget, environ: Mapping[str, str]) -> Remote:
    host, port, user = _host_port(target, 22)
    # As in ssh URLs, sftp://host/srv/www is absolute and sftp://host/~/www is in the home.
    path = unquote(urlsplit(target.url).path) or "/"
    if path == "/~" or path.startswith("/~/"):
        path = path[3:]
    options = {"type": "sftp", "host": host, "port": str(port), "shell_type": "none"}
    if user:
        options["user"] = user
    secrets: dict[str, str] = {}
    if environ.get(SFTP_KEY):
        options["key_pem"] = environ[SFTP_KEY]
    elif environ.get(SFTP_KEY_FILE):
        options["key_file"] = environ[SFTP_KEY_FILE]
    elif _password(environ, "sftp", SFTP_PASSWORD):
        secrets["pass"] = _password(environ, "sftp", SFTP_PASSWORD) or ""
    elif not any(environ.get(name) for name in RCLONE_OWN_SFTP):
        raise MissingVariable(SFTP_KEY, (SFTP_KEY_FILE, SFTP_PASSWORD))
    known_hosts = None
    if target.host_key:
        name = host if port == 22 else f"[{host}]:{port}"
        known_hosts = f"{name} {target.host_key.strip()}\n"
    return Remote("sftp", f"{REMOTE}:{path}", target.url, options, secrets, known_hosts)


def ftp_remote(target: DeployTarget, environ: Mapping[str, str]) -> Remote:
    parts = urlsplit(target.url)
    host, port, user = _host_port(target, 21)
    password = _password(environ, "ftp", FTP_PASSWORD)
    if password is None and not environ.get(ENV_PREFIX + "PASS"):  # rclone's own, obscured
        raise MissingVariable(FTP_PASSWORD)
    options = {"type": "ftp", "host": host, "port": str(port)}
    if user:
        options["user"] = user
    if parts.scheme == "ftps":
        options["explicit_tls"] = "true"
    # An ftp:// path is relative to the account's login folder (RFC 1738).
    path = unquote(parts.path).strip("/")
    secrets = {"pass": password} if password else {}
    return Remote("ftp", f"{REMOTE}:{path}", target.url, options, secrets)


def local_remote(target: DeployTarget, site_dir: Path, out_dir: Path) -> Remote:
    folder = Path(os.path.expanduser(target.url))
    folder = (folder if folder.is_absolute() else site_dir / folder).resolve()
    site, out = site_dir.resolve(), out_dir.resolve()
    if (
        folder == out
        or folder.is_relative_to(out)
        or site.is_relative_to(folder)
        or any(folder.is_relative_to(site / d) for d in ("content", "templates"))
    ):
        raise UnsafeLocalTarget(str(folder))
    return Remote("local", str(folder), target.url)
