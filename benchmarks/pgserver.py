"""A throwaway PostgreSQL server for figure 10, sized for a fleet of desks.

The machine's own server allows 100 connections (3 of them for superusers), fewer
than 100 desks each with its own connection need. Rather than change that shared
server's configuration, figure 10 starts its own: ``initdb`` into a temporary folder
(as the ``postgres`` user when run as root, since PostgreSQL refuses root), the same
binaries and defaults as the machine's server except ``max_connections``, durable
commits as always (fsync and synchronous_commit stay on), on 127.0.0.1 and a free port,
with a password made for the run (so no other local user may connect as its superuser
meanwhile); stopped and deleted afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def private_server(max_connections: int) -> Iterator[str | None]:
    """The admin URL of a fresh server (database ``postgres``), or None when the
    PostgreSQL binaries (or the ``postgres`` user, as root) are not available."""
    bindir = _bindir()
    if bindir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="leeway-bench-pg-"))
    data = root / "data"
    user = "postgres" if os.geteuid() == 0 else None
    if user:
        shutil.chown(root, user)
    port = _free_port()
    log = root / "server.log"
    password = secrets.token_urlsafe(18)
    pwfile = root / "pw"
    pwfile.write_text(password, encoding="ascii")
    if user:
        shutil.chown(pwfile, user)
    started = ready = False
    try:
        subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-A",
                                     "scram-sha-256", f"--pwfile={pwfile}", "-U", "postgres",
                                     "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        pwfile.unlink()
        options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {root}"
                   f" -c max_connections={max_connections}")
        started = True  # from here on, stop it whatever happens (a slow start included)
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log),
                                     "-o", options, "-w", "start"]),
                       check=True, capture_output=True, timeout=120)
        ready = True
        yield f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"
    except (OSError, subprocess.SubprocessError):
        if not ready:
            yield None
        else:
            raise
    finally:
        if started:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m",
                                             "fast", "-w", "stop"]),
                               check=False, capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
