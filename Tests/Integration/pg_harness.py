"""A PostgreSQL server of its own for a test module or a benchmark (issue #25): Debian's `postgresql`,
initdb + pg_ctl in a temporary directory, on 127.0.0.1, as an unprivileged user (initdb refuses
root), with a role and a password as docs/SCALE-OUT.md sets one up. Needs root (the user).
"""
from __future__ import annotations

import glob
import shutil
import subprocess
import tempfile
from pathlib import Path

import pi_harness as h

PG_USER = "pi-it-postgres"  # the OS account the server runs as (created if missing)
ROLE, PASSWORD = "property_inbox", "queue-pw-1"


class Postgres:
    """One server for the module: start, stop (for the outage test), SQL as the superuser."""

    def __init__(self, bindir: Path, root: Path):
        self.bindir, self.root = bindir, root
        self.data, self.socket = root / "data", root / "socket"
        self.port = h.free_port()
        self.log = root / "server.log"

    def as_user(self, *argv, **kwargs):
        return subprocess.run(["runuser", "-u", PG_USER, "--", *map(str, argv)], capture_output=True, text=True,
                              timeout=120, **kwargs)

    def init(self):
        self.socket.mkdir()
        shutil.chown(self.root, PG_USER, PG_USER)
        shutil.chown(self.socket, PG_USER, PG_USER)
        # Passwords over TCP (as in production); the superuser over the socket only.
        proc = self.as_user(self.bindir / "initdb", "-D", self.data, "-U", "postgres", "--auth-local=trust",
                            "--auth-host=scram-sha-256")
        assert proc.returncode == 0, proc.stderr
        self.start()
        self.sql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'")

    def start(self):
        proc = self.as_user(self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start", "-o",
                            f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c fsync=off")
        assert proc.returncode == 0, proc.stderr + self.log.read_text(errors="replace")[-2000:]

    def stop(self):
        proc = self.as_user(self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        assert proc.returncode == 0, proc.stderr

    def sql(self, statement: str, database: str = "postgres") -> list[list[str]]:
        proc = self.as_user(self.bindir / "psql", "-h", self.socket, "-p", self.port, "-U", "postgres", "-d", database,
                            "-v", "ON_ERROR_STOP=1", "-AtF", "\t", "-c", statement)
        assert proc.returncode == 0, proc.stderr
        return [line.split("\t") for line in proc.stdout.splitlines() if line]

    def new_database(self, name: str) -> str:
        self.sql(f"CREATE DATABASE {name} OWNER {ROLE}")
        return f"postgres://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{name}?sslmode=disable"

    def remove(self):
        self.as_user(self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> Postgres:
    """A new server, initialised and started; `remove()` stops it and deletes its files."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: `make integration-deps` installs Debian's postgresql")
    h.ensure_group(PG_USER)
    h.ensure_user(PG_USER, PG_USER, system=True)
    server = Postgres(Path(found[-1]).parent, Path(tempfile.mkdtemp(prefix="pi-it-pg-")))
    server.init()
    return server
