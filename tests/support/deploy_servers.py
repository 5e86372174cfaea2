"""Real servers for the deploy tests, started on 127.0.0.1 free ports.

* ``s3_server(root)``   -- ``rclone serve s3`` over a folder, with an access key pair:
  an S3-compatible endpoint that keeps each object's Content-Type and Cache-Control.
* ``sftp_server(root)`` -- Debian's OpenSSH sshd with its own config, a temporary host key
  and a temporary user key (installed by ``make test`` / .ci/run: openssh-server).

Each yields what a site's ``deploy:`` entry and the environment need, and the folder on
this machine where the files land, so a test can see exactly what arrived.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glasnost.deploy.rclone import rclone_binary

SSHD = Path("/usr/sbin/sshd")


@dataclass(frozen=True)
class Server:
    entry: dict[str, str]  # the deploy: entry for site_config.yaml
    env: dict[str, str]  # credentials, as CI would set them
    folder: Path  # where the deployed files land on this machine
    extra: dict[str, str] = field(default_factory=dict)

    def put(self, relative: str, text: str) -> None:
        """A file put on the target by somebody else, the way they would: through S3's API
        on S3 (the server would not see a file slipped into its folder), else directly."""
        if "endpoint" not in self.extra:
            path = self.folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        subprocess.run(
            [str(rclone_binary()), "rcat", f"check:{S3_BUCKET}/www/{relative}"],
            input=text.encode("utf-8"),
            env=_s3_env(self),
            check=True,
            capture_output=True,
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')}")


@contextmanager
def running(args: list[str], port: int, log: Path) -> Iterator[None]:
    with log.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


S3_KEY_ID = "GLASNOSTTESTKEY"
S3_SECRET = "glasnost-test-secret-key-1234567890"
S3_BUCKET = "municipal-site"


@contextmanager
def s3_server(root: Path) -> Iterator[Server]:
    port = free_port()
    data = root / "s3"
    (data / S3_BUCKET).mkdir(parents=True)
    args = [
        str(rclone_binary()),
        "serve",
        "s3",
        str(data),
        "--addr",
        f"127.0.0.1:{port}",
        "--auth-key",
        f"{S3_KEY_ID},{S3_SECRET}",
        "--config",
        os.devnull,
    ]
    with running(args, port, root / "s3.log"):
        yield Server(
            entry={
                "url": f"s3://{S3_BUCKET}/www",
                "endpoint": f"http://127.0.0.1:{port}",
                "region": "ru-central1",
            },
            env={"AWS_ACCESS_KEY_ID": S3_KEY_ID, "AWS_SECRET_ACCESS_KEY": S3_SECRET},
            folder=data / S3_BUCKET / "www",
            extra={"endpoint": f"http://127.0.0.1:{port}"},
        )


def keygen(path: Path) -> str:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return path.with_suffix(".pub").read_text(encoding="utf-8").strip()


@contextmanager
def sftp_server(root: Path) -> Iterator[Server]:
    if not SSHD.is_file():
        raise RuntimeError("sshd is missing: run `make test` (it installs openssh-server)")
    keys = root / "keys"
    keys.mkdir()
    host_public = keygen(keys / "host")
    user_public = keygen(keys / "user")
    (keys / "authorized_keys").write_text(user_public + "\n", encoding="utf-8")
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {keys / 'host'}",
                f"PidFile {keys / 'sshd.pid'}",
                f"AuthorizedKeysFile {keys / 'authorized_keys'}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "Subsystem sftp internal-sftp",
                "",
            ]
        ),
        encoding="utf-8",
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation dir
    folder = root / "sftp" / "www"
    folder.parent.mkdir()
    with running([str(SSHD), "-D", "-e", "-f", str(config)], port, root / "sshd.log"):
        yield Server(
            entry={
                "url": f"sftp://{getpass.getuser()}@127.0.0.1:{port}{folder}",
                "host_key": host_public,
            },
            env={"GLASNOST_SFTP_KEY_FILE": str(keys / "user")},
            folder=folder,
        )


FTP_USER = "web"
FTP_PASSWORD = "ftp pass: with spaces & symbols"


@contextmanager
def ftp_server(root: Path) -> Iterator[Server]:
    """`rclone serve ftp`: a plain FTP account with a password, as cheap hostings offer."""
    port = free_port()
    data = root / "ftp"
    data.mkdir()
    args = [
        str(rclone_binary()),
        "serve",
        "ftp",
        str(data),
        "--addr",
        f"127.0.0.1:{port}",
        "--user",
        FTP_USER,
        "--pass",
        FTP_PASSWORD,
        "--config",
        os.devnull,
    ]
    with running(args, port, root / "ftp.log"):
        yield Server(
            entry={"url": f"ftp://{FTP_USER}@127.0.0.1:{port}/www"},
            env={"GLASNOST_FTP_PASSWORD": FTP_PASSWORD},
            folder=data / "www",
        )


@contextmanager
def local_folder(root: Path) -> Iterator[Server]:
    folder = root / "public_html"
    yield Server(entry={"url": str(folder)}, env={}, folder=folder)


SERVERS = {"local": local_folder, "s3": s3_server, "sftp": sftp_server}
OTHER_SERVERS = {"ftp": ftp_server}  # run by the tests that name them


def s3_metadata(server: Server, path: str) -> dict[str, str]:
    """An object's metadata as the S3 endpoint returns it (Content-Type, Cache-Control...)."""

    env = _s3_env(server)
    done = subprocess.run(
        [str(rclone_binary()), "lsjson", "-M", f"check:{S3_BUCKET}/www/{path}"],
        capture_output=True,
        env=env,
        check=True,
    )
    entries = json.loads(done.stdout)
    assert len(entries) == 1, (path, entries)
    return {str(k): str(v) for k, v in entries[0].get("Metadata", {}).items()}


def _s3_env(server: Server) -> dict[str, str]:
    """rclone configured as a separate client ("check:") of the test's S3 endpoint."""
    return {
        **os.environ,
        "RCLONE_CONFIG": os.devnull,
        "RCLONE_CONFIG_CHECK_TYPE": "s3",
        "RCLONE_CONFIG_CHECK_PROVIDER": "Other",
        "RCLONE_CONFIG_CHECK_ENDPOINT": server.extra["endpoint"],
        "RCLONE_CONFIG_CHECK_ACCESS_KEY_ID": S3_KEY_ID,
        "RCLONE_CONFIG_CHECK_SECRET_ACCESS_KEY": S3_SECRET,
    }
