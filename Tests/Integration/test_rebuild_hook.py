"""The rebuild hook with the real daemon: a command and a signed webhook after publishes settle.

- 20 folders dropped at once → the command runs at most twice and receives all 20 ids; the
  webhook receiver (a local HTTP server here) verifies the HMAC-SHA256 signature; removing a
  folder sends its id as removed.
- A receiver that fails is retried with backoff while the daemon keeps processing folders.
- `kill -9` after the publish and before the hook → after the restart the hook runs once.
- `scan` sends what it published before it exits, once; a failed delivery waits for the next scan.
"""
from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pi_harness as h

SECRET = "it-hook-secret-7f3a"
URL_TOKEN = "tok-5d1e0c9b"

RECORDER = """
import json, os, sys
ids = sys.stdin.read().split()
with open(sys.argv[1], "a") as out:
    out.write(json.dumps({
        "stdin": ids,
        "changed": os.environ.get("PROPERTY_INBOX_CHANGED_IDS", "").split(),
        "removed": os.environ.get("PROPERTY_INBOX_REMOVED_IDS", "").split(),
        "secret_in_env": "PROPERTY_INBOX_HOOK_SECRET" in os.environ,
    }) + "\\n")
"""


class Receiver:
    """A webhook receiver on 127.0.0.1: checks each POST's signature; answers 500 to the first
    `fail_first` requests."""

    def __init__(self, fail_first: int = 0):
        self.requests: list[dict] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                signature = self.headers.get("X-PropertyInbox-Signature", "")
                failing = len(receiver.requests) < receiver.fail_first
                receiver.requests.append({"at": time.time(), "body": json.loads(body),
                                          "signed": hmac.compare_digest(signature, expected), "answered": 500 if failing else 200})
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Deploy-hook URLs carry their own secret in the path (Netlify, Cloudflare Pages).
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook/{URL_TOKEN}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self) -> list[dict]:
        return [r for r in self.requests if r["answered"] == 200]

    def stop(self):
        self.server.shutdown()


def write_hook_config(base: Path, *, command: bool, url: str | None, debounce: float = 1) -> Path:
    (base / "inbox").mkdir(exist_ok=True)
    lines = ["[hook]", f"debounce_seconds = {debounce}", "max_wait_seconds = 60"]
    if command:
        (base / "record.py").write_text(RECORDER)
        lines.append(f'command = "python3 {base / "record.py"} {base / "runs.jsonl"}"')
    if url:
        lines.append(f'url = "{url}"')
    (base / "config.toml").write_text("\n".join(lines) + "\n")
    return base / "config.toml"


def hook_daemon(cli, base: Path, *, command: bool, url: str | None, debounce: float, env: dict | None = None) -> h.Daemon:
    config = write_hook_config(base, command=command, url=url, debounce=debounce)
    return h.Daemon.watch(cli, base / "inbox", base / "state", base / "daemon.log", settle=1, extra=["--config", str(config)],
                          env=dict({"PROPERTY_INBOX_HOOK_SECRET": SECRET}, **(env or {})))


def command_runs(base: Path) -> list[dict]:
    path = base / "runs.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def make_folders(inbox: Path, names: list[str]):
    # Written beside the inbox and moved in: the folders appear at once, complete.
    staging = inbox.parent / "staging"
    staging.mkdir(exist_ok=True)
    for name in names:
        h.make_text_folder(staging, name)
    for name in names:
        (staging / name).rename(inbox / name)


def test_twenty_folders_one_burst_command_and_signed_webhook(watch_cli, base, daemons):
    receiver = Receiver()
    try:
        daemon = hook_daemon(watch_cli, base, command=True, url=receiver.url, debounce=3)
        daemons.append(daemon)
        daemon.start()
        names = [f"burst-{i:02d}" for i in range(20)]
        make_folders(base / "inbox", names)
        daemon.wait_for(lambda: h.all_published(base / "state", names), 180, "all 20 folders to be published")
        daemon.wait_for(lambda: set(sum((r["stdin"] for r in command_runs(base)), [])) >= set(names), 60,
                        "the hook command to receive all 20 ids")
        daemon.wait_for(lambda: {c["id"] for r in receiver.delivered() for c in r["body"]["listings"]} >= set(names), 60,
                        "the webhook to receive all 20 ids")
        time.sleep(4)  # a second, late run would show up within one more debounce period

        runs = command_runs(base)
        print(f"one burst of 20: the command ran {len(runs)} time(s), the webhook got {len(receiver.requests)} request(s)")
        assert 1 <= len(runs) <= 2, f"the command ran {len(runs)} times for one burst: {runs}"
        assert all(r["stdin"] == r["changed"] for r in runs), runs
        assert not any(r["secret_in_env"] for r in runs), "the command must not see the webhook's signing key"
        assert len(receiver.requests) <= 2, receiver.requests
        assert all(r["signed"] for r in receiver.requests), "a webhook request had a wrong signature"
        assert all(c["event"] == "published" for r in receiver.requests for c in r["body"]["listings"])
        assert SECRET not in daemon.log(), "the signing key reached the log"
        assert URL_TOKEN not in daemon.log(), "the webhook URL (with its token) reached the log"

        # A folder removed from the inbox: the site hears of it once, as removed.
        shutil.rmtree(base / "inbox" / "burst-07")
        daemon.wait_for(lambda: any("burst-07" in r["removed"] for r in command_runs(base)), 60, "the removal to reach the command")
        daemon.wait_for(lambda: any(c == {"id": "burst-07", "event": "removed"} for r in receiver.delivered()
                                    for c in r["body"]["listings"]), 60, "the removal to reach the webhook")
        assert command_runs(base)[-1]["stdin"] == ["burst-07"]
    finally:
        receiver.stop()


def test_failing_receiver_is_retried_while_the_daemon_keeps_processing(watch_cli, base, daemons):
    receiver = Receiver(fail_first=3)  # retried after about 2, 4 and 8 s
    try:
        daemon = hook_daemon(watch_cli, base, command=False, url=receiver.url, debounce=1)
        daemons.append(daemon)
        daemon.start()
        make_folders(base / "inbox", ["first-a", "first-b"])
        daemon.wait_for(lambda: len(receiver.requests) >= 1, 90, "the first webhook attempt")
        assert receiver.requests[0]["answered"] == 500

        # While the receiver keeps failing, new folders are processed as usual.
        make_folders(base / "inbox", ["later-c"])
        daemon.wait_for(lambda: h.all_published(base / "state", ["later-c"]), 60, "a folder to be processed while the hook fails")
        assert not receiver.delivered(), "processing should not have waited for the webhook"

        daemon.wait_for(lambda: receiver.delivered(), 90, "the webhook to be retried until it succeeds")
        attempts = receiver.requests
        gaps = [round(b["at"] - a["at"], 1) for a, b in zip(attempts, attempts[1:])]
        assert len(attempts) >= 4 and all(gap >= 1.5 for gap in gaps[:3]), f"retries without backoff: {gaps}"
        assert gaps[1] > gaps[0], f"the retry delay should grow: {gaps}"
        delivered_ids = {c["id"] for r in receiver.delivered() for c in r["body"]["listings"]}
        daemon.wait_for(lambda: {c["id"] for r in receiver.delivered() for c in r["body"]["listings"]}
                        >= {"first-a", "first-b", "later-c"}, 60, "every listing to reach the receiver")
        assert all(r["signed"] for r in attempts)
        # The receiver sees the request before the daemon has its answer and records it: wait for that.
        def pending():
            return h.db_query(base / "state", "SELECT COUNT(*) FROM hook_delivery WHERE delivered_at IS NULL")[0][0]
        daemon.wait_for(lambda: pending() == 0, 15,
                        f"the delivered listings to be recorded as delivered (delivered {delivered_ids})")
    finally:
        receiver.stop()


def test_kill_9_between_publish_and_hook_runs_the_hook_once_after_restart(watch_cli, base, daemons):
    # A long quiet period: the publish is done and recorded, the hook not yet run.
    daemon = hook_daemon(watch_cli, base, command=True, url=None, debounce=30)
    daemons.append(daemon)
    daemon.start()
    names = ["crash-a", "crash-b", "crash-c"]
    make_folders(base / "inbox", names)
    daemon.wait_for(lambda: h.all_published(base / "state", names), 90, "the folders to be published")
    pending = h.db_query(base / "state", "SELECT listing_id FROM hook_delivery WHERE delivered_at IS NULL")
    assert sorted(p[0] for p in pending) == names
    daemon.kill9()
    assert command_runs(base) == [], "the hook ran before the kill"

    restarted = hook_daemon(watch_cli, base, command=True, url=None, debounce=1)
    daemons.append(restarted)
    restarted.start()
    restarted.wait_for(lambda: command_runs(base), 60, "the hook to run after the restart")
    time.sleep(4)
    runs = command_runs(base)
    assert len(runs) == 1 and sorted(runs[0]["stdin"]) == names, runs

    # And never again for the same publish, across another restart.
    restarted.stop()
    restarted.start()
    time.sleep(5)
    restarted.assert_alive()
    assert len(command_runs(base)) == 1, command_runs(base)


def test_scan_tells_the_site_once_and_keeps_a_failed_delivery_owed(cli, base):
    """`scan` from cron: what it published goes to the command and the webhook before it exits;
    an unchanged rescan sends nothing; a receiver that fails leaves the delivery for the next scan."""
    receiver = Receiver(fail_first=1)
    try:
        config = write_hook_config(base, command=True, url=receiver.url)
        make_folders(base / "inbox", ["scan-a", "scan-b"])

        def scan():
            return subprocess.run([str(cli), "scan", str(base / "inbox"), "--state-dir", str(base / "state"), "--offline",
                                   "--settle", "0", "--config", str(config)], capture_output=True, text=True, timeout=120,
                                  env=dict(os.environ, PROPERTY_INBOX_HOOK_SECRET=SECRET))

        first = scan()
        assert first.returncode == 0, first.stdout + first.stderr
        assert [sorted(r["stdin"]) for r in command_runs(base)] == [["scan-a", "scan-b"]]
        assert len(receiver.requests) == 1 and receiver.requests[0]["answered"] == 500
        assert "Warning: the rebuild hook failed (webhook)" in first.stderr, first.stderr
        assert SECRET not in first.stdout + first.stderr and URL_TOKEN not in first.stdout + first.stderr

        second = scan()  # nothing new published: only the webhook still owed goes out
        assert second.returncode == 0, second.stdout + second.stderr
        assert len(command_runs(base)) == 1, command_runs(base)
        assert len(receiver.requests) == 2 and receiver.requests[1]["signed"]
        assert sorted(c["id"] for c in receiver.requests[1]["body"]["listings"]) == ["scan-a", "scan-b"]
        assert "Rebuild hook: told the site about 2 listing(s)." in second.stdout, second.stdout

        third = scan()
        assert third.returncode == 0 and len(command_runs(base)) == 1 and len(receiver.requests) == 2
        pending = h.db_query(base / "state", "SELECT COUNT(*) FROM hook_delivery WHERE delivered_at IS NULL")[0][0]
        assert pending == 0
    finally:
        receiver.stop()
