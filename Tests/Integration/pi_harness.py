"""Shared harness for the integration tests and the watch benchmarks.

Everything here drives real processes (the built `property-inbox`, sshd, smbd, sftp, smbclient)
and every wait is bounded: `wait_until` raises with a message saying what never happened.
"""
from __future__ import annotations

import datetime as dt
import grp
import json
import os
import pwd
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "inbox"
ETC = REPO / "etc"
FAKE_PROVIDER = REPO / "Tests" / "Support" / "fake_openai_server.py"

# Where test trees live: sshd's ChrootDirectory needs every path component root-owned and not
# writable by group/others, so /tmp (1777) cannot hold it.
TEST_BASE = Path(os.environ.get("PROPERTY_INBOX_IT_BASE", "/srv/property-inbox-it"))

AGENTS_GROUP = "agents"
SERVICE_USER = "property-inbox"
AGENT_USER = "pi-it-agent"
AGENT_SMB_PASSWORD = "agent-pw-1"


# ---------------------------------------------------------------------------------------------
# Building and finding the CLI


def binary(configuration: str = "debug") -> Path:
    """The CLI to test: $PROPERTY_INBOX_BIN, else .build/<configuration>/property-inbox (built if missing)."""
    override = os.environ.get("PROPERTY_INBOX_BIN")
    if override:
        return Path(override)
    path = REPO / ".build" / configuration / "property-inbox"
    if not path.exists():
        args = ["swift", "build", "--product", "property-inbox"]
        if configuration == "release":
            args += ["-c", "release"]
        subprocess.run(args, cwd=REPO, check=True, timeout=3600)
    return path


def import_paramiko():
    """Debian's python3-paramiko (make integration-deps), also when pytest runs under another
    Python 3 of the same minor version (pyenv), which does not search Debian's dist-packages."""
    import sys
    import warnings
    try:
        import paramiko
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # paramiko 2.12 on a newer cryptography warns about TripleDES
            import paramiko
    return paramiko


def has_watch(cli: Path) -> bool:
    proc = subprocess.run([str(cli), "watch", "--help"], capture_output=True, text=True, timeout=60)
    return proc.returncode == 0


# ---------------------------------------------------------------------------------------------
# Waiting, time, ports


def wait_until(predicate, timeout: float, what: str, interval: float = 0.05):
    """Polls `predicate` until it returns something truthy; raises TimeoutError naming `what`."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # a file half-there, a database being created …
            last_error = error
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float, what: str):
    def connectable():
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex(("127.0.0.1", port)) == 0
    wait_until(connectable, timeout, what, interval=0.1)


def shutdown_sockets(*sockets: socket.socket):
    """Ends both directions of a proxied connection, whichever side went first."""
    for s in sockets:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class ThrottledProxy:
    """A TCP proxy on 127.0.0.1 that forwards to `target_port`, client→server limited to
    `bytes_per_second` (a phone on a bad network); server→client unlimited."""

    def __init__(self, target_port: int, bytes_per_second: int):
        import threading
        self.target_port = target_port
        self.rate = bytes_per_second
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        import threading
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
            threading.Thread(target=self._pump, args=(client, upstream, self.rate), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, None), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, rate: int | None):
        chunk = 4096 if rate else 65536
        try:
            while True:
                data = source.recv(chunk)
                if not data:
                    break
                sink.sendall(data)
                if rate:
                    time.sleep(len(data) / rate)
        except OSError:
            pass
        finally:
            shutdown_sockets(source, sink)

    def close(self):
        self.closed = True
        self.listener.close()


def parse_timestamp(text: str) -> float:
    """`2026-11-26T15:08:15.120Z` (the database's format) → seconds since the epoch."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


# ---------------------------------------------------------------------------------------------
# Users, groups, directories (the tests run as root, here and in CI)


def is_root() -> bool:
    return os.geteuid() == 0


def ensure_group(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        subprocess.run(["groupadd", "--system", name], check=True, timeout=30)
        return grp.getgrnam(name).gr_gid


def ensure_user(name: str, primary_group: str, supplementary: list[str] = (), system: bool = False) -> int:
    """Creates a no-login account (password field `*`: not locked for key auth, no password)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        args = ["useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                "--gid", primary_group, "--password", "*"]
        if system:
            args.append("--system")
        if supplementary:
            args += ["--groups", ",".join(supplementary)]
        subprocess.run(args + [name], check=True, timeout=30)
    for group in supplementary:
        if name not in grp.getgrnam(group).gr_mem:
            subprocess.run(["usermod", "-aG", group, name], check=True, timeout=30)
    return pwd.getpwnam(name).pw_uid


def ensure_accounts():
    """The deployment's accounts: group agents, the service user (a member of agents), one agent."""
    ensure_group(AGENTS_GROUP)
    ensure_group(SERVICE_USER)
    ensure_user(SERVICE_USER, SERVICE_USER, [AGENTS_GROUP], system=True)
    ensure_user(AGENT_USER, AGENTS_GROUP)


def make_base(prefix: str) -> Path:
    """A fresh root-owned 0755 directory under TEST_BASE (itself root-owned 0755)."""
    TEST_BASE.mkdir(mode=0o755, parents=True, exist_ok=True)
    os.chmod(TEST_BASE, 0o755)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=TEST_BASE))
    os.chmod(path, 0o755)
    return path


def chown(path: Path, user: str, group: str, mode: int):
    os.chown(path, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)
    os.chmod(path, mode)


def render(template: Path, destination: Path, replacements: dict[str, str], insert_after: dict[str, str] = None) -> str:
    """Copies a shipped config file with deployment paths/ports replaced (test-time templating)."""
    text = template.read_text()
    for old, new in replacements.items():
        assert old in text, f"{template} no longer contains {old!r}; update the test's templating"
        text = text.replace(old, new)
    for anchor, extra in (insert_after or {}).items():
        assert anchor in text, f"{template} no longer contains {anchor!r}"
        text = text.replace(anchor, anchor + extra, 1)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(text)
    return text


# ---------------------------------------------------------------------------------------------
# Folders and the state database


def make_text_folder(inbox: Path, name: str, description: str | None = None, ready: bool = True,
                     photo: Path | None = None) -> Path:
    folder = inbox / name
    folder.mkdir()
    text = description or (f"Condo for rent, {name}: 2 bedrooms, 1 bathroom, 65 sqm, "
                           f"pool and gym, Sukhumvit, Bangkok. 25,000 THB/month.\n")
    (folder / "description.txt").write_text(text)
    if photo is not None:
        shutil.copyfile(photo, folder / photo.name)
    if ready:
        (folder / "READY").touch()
    return folder


def db_query(state_dir: Path, sql: str, args=()) -> list[tuple]:
    path = Path(state_dir) / "state.sqlite"
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):  # the daemon is still creating the database
                return []
            raise


def folder_rows(state_dir: Path) -> dict[str, dict]:
    rows = db_query(state_dir, "SELECT path, state, publish_count, published_fingerprint FROM folder")
    return {Path(p).name: {"state": s, "publish_count": c, "fingerprint": f} for p, s, c, f in rows}


def run_rows(state_dir: Path, folder: Path | None = None) -> list[dict]:
    sql = "SELECT folder_path, started_at, finished_at, outcome, stages_run FROM run"
    args = ()
    if folder is not None:
        sql += " WHERE folder_path = ?"
        args = (str(folder),)
    rows = db_query(state_dir, sql + " ORDER BY id", args)
    return [{"folder": Path(p).name, "started_at": s, "finished_at": f, "outcome": o, "stages_run": r or ""}
            for p, s, f, o, r in rows]


DONE_STATES = {"done", "needs_attention"}


def all_published(state_dir: Path, names) -> bool:
    rows = folder_rows(state_dir)
    return all(rows.get(n, {}).get("state") in DONE_STATES and rows[n]["publish_count"] >= 1 for n in names)


# ---------------------------------------------------------------------------------------------
# The daemon


class Daemon:
    """`property-inbox watch` as a child process, its stderr in a log file."""

    def __init__(self, argv: list[str], log_path: Path, env: dict | None = None, preexec=None):
        self.argv = argv
        self.log_path = log_path
        self.env = env
        self.preexec = preexec
        self.proc: subprocess.Popen | None = None
        self.started_at = None

    @classmethod
    def watch(cls, cli: Path, inbox: Path, state_dir: Path, log_path: Path, settle: float | None = 3,
              poll: bool = False, extra: list[str] = (), env: dict | None = None):
        argv = [str(cli), "watch", str(inbox), "--state-dir", str(state_dir), "--offline", "--verbose"]
        if settle is not None:
            argv += ["--settle", str(settle)]
        if poll:
            argv.append("--poll")
        return cls(argv + list(extra), log_path, env=env)

    def start(self) -> "Daemon":
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        log.write(f"\n=== start {time.strftime('%H:%M:%S')}: {' '.join(self.argv)}\n".encode())
        log.flush()
        env = dict(os.environ, **(self.env or {}))
        self.started_at = time.time()
        self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=env, preexec_fn=self.preexec, start_new_session=True)
        log.close()
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def assert_alive(self):
        if not self.alive():
            raise AssertionError(f"the daemon exited with {self.proc.returncode}; log:\n{self.log()[-4000:]}")

    def wait_for(self, predicate, timeout: float, what: str, interval: float = 0.05):
        """wait_until, failing early if the daemon dies, with the daemon's log tail on failure."""
        def check():
            self.assert_alive()
            return predicate()
        try:
            return wait_until(check, timeout, what, interval)
        except TimeoutError as error:
            raise AssertionError(f"{error}; daemon log tail:\n{self.log()[-4000:]}") from None

    def kill9(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self, sig=signal.SIGTERM, timeout: float = 10) -> tuple[int, float]:
        """Sends `sig`; returns (exit status, seconds to exit). Kills and raises after `timeout`."""
        if not self.alive():
            return self.proc.returncode, 0.0
        started = time.monotonic()
        os.kill(self.proc.pid, sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill9()
            raise AssertionError(f"the daemon did not stop within {timeout} s of {sig!r}; log:\n{self.log()[-4000:]}")
        return code, time.monotonic() - started

    def cleanup(self):
        if self.alive():
            self.kill9()


def cpu_ticks(pid: int) -> int:
    """utime + stime of a process, in clock ticks (from /proc/<pid>/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def parse_result(folder: Path) -> dict:
    return json.loads((folder / "result.json").read_text())


def rng(seed_env: str = "PROPERTY_INBOX_IT_SEED") -> random.Random:
    seed = int(os.environ.get(seed_env, str(int(time.time()))))
    print(f"random seed {seed} (set {seed_env}={seed} to repeat)")
    return random.Random(seed)


# ---------------------------------------------------------------------------------------------
# A scriptable OpenAI-compatible provider

VALID_DETAILS = json.dumps({
    "property_type": "condo", "bedrooms": 2, "bathrooms": 1, "square_meters": 65, "price_per_month": 25000,
    "location": "Sukhumvit, Bangkok", "amenities": ["pool", "gym"], "condition": "good",
    "description_summary": "A condo.", "languages_detected": ["en"], "confidence_score": 0.85,
    "listing_type": "rent", "price": 25000, "price_currency": "THB", "price_period": "month",
    "land_square_meters": None, "evidence": []})


class FakeProvider:
    """Tests/Support/fake_openai_server.py on a random loopback port; every call answers VALID_DETAILS."""

    def __init__(self, latency: float, script_path: Path):
        script_path.write_text(json.dumps({"steps": [], "default_content": VALID_DETAILS, "latency": latency}))
        self.latency = latency
        self.proc = subprocess.Popen([sys.executable, str(FAKE_PROVIDER), "--script", str(script_path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("PORT "), f"fake server did not start: {line!r}"
        self.port = int(line.split()[1])
        self.base = f"http://127.0.0.1:{self.port}"

    def requests(self) -> list[dict]:
        with urllib.request.urlopen(self.base + "/_requests", timeout=10) as response:
            return [r for r in json.load(response) if r["path"].endswith("/chat/completions")]

    def in_flight(self) -> int:
        """Calls received less than `latency` seconds ago: still waiting for their answer."""
        now = time.monotonic()  # CLOCK_MONOTONIC, the same clock as the server's time.monotonic()
        return sum(1 for r in self.requests() if now - r["time"] < self.latency)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.terminate()
            self.proc.wait(timeout=10)
