"""/metrics and /healthz as an operator's monitoring sees them: a real daemon with `[metrics]
listen` set and a provider, scraped after it processed a folder; /healthz turns 503 when the
state database's file system goes read-only and 200 again when it comes back; a refused key
shows as a paused provider (metrics, log and systemd STATUS=), and a fixed key resumes the queue without a restart.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest

import pi_harness as h
from test_systemd_notify import NotifySocket


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def series(text: str, name: str, **labels) -> float | None:
    """The value of the sample `name{labels…}` (label order ignored), or None."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        match = re.match(r"([a-z_]+)(\{(.*)\})? ([0-9.e+-]+)$", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(3) or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(match.group(4))
    return None


def start(cli, tmp_path, provider, port: int, extra_config: str = "", extra_env: dict | None = None) -> tuple[h.Daemon, object]:
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    inbox.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(f'[metrics]\nlisten = "127.0.0.1:{port}"\n' + extra_config)
    env = {"OPENROUTER_API_KEY": "sk-metrics-test", "OPENROUTER_BASE_URL": provider.base,
           "OPENAI_API_KEY": "sk-metrics-test", "OPENAI_BASE_URL": provider.base, **(extra_env or {})}
    daemon = h.Daemon([str(cli), "watch", str(inbox), "--state-dir", str(state), "--settle", "1", "--config", str(config)],
                      tmp_path / "daemon.log", env=env).start()
    daemon.wait_for(lambda: "serving /metrics" in daemon.log(), 60, "the daemon to serve /metrics")
    return daemon, inbox


def test_metrics_after_a_folder_and_health_with_a_read_only_database(cli, as_root, tmp_path):
    provider = h.FakeProvider(latency=0.0, script_path=tmp_path / "script.json")
    port = h.free_port()
    daemon, inbox = start(cli, tmp_path, provider, port)
    base = f"http://127.0.0.1:{port}"
    mounted = False
    try:
        # Series with fixed labels are there, at zero, from the first scrape.
        first = get(base + "/metrics")[1]
        assert series(first, "property_inbox_inotify_overflows_total") == 0, first
        assert series(first, "property_inbox_photos_rendered_total", result="failed") == 0, first
        assert series(first, "property_inbox_provider_paused", reason="budget_exceeded") == 0, first
        assert series(first, "property_inbox_folders_paused", reason="cannot_open") == 0, first
        assert series(first, "property_inbox_folder_runs_total", outcome="error") == 0, first
        # The start-up reconciliation ran before the endpoint listened, and is recorded all the same.
        assert series(first, "property_inbox_reconcile_seconds_count", reason="start-up") == 1, first
        folder = h.make_text_folder(inbox, "condo-metrics")
        daemon.wait_for(lambda: (folder / "result.json").exists(), 120, "the folder to be published")
        def published(text):  # done, published with things to check, or published while AI is pending
            return sum(series(text, "property_inbox_folders", state=s) or 0 for s in ("done", "needs_attention", "paused"))
        daemon.wait_for(lambda: published(get(base + "/metrics")[1]) == 1, 30, "the folders gauge to show the published folder")
        status, text = get(base + "/metrics")
        assert status == 200
        # Every metric has its # HELP, and Prometheus' own linter accepts the scrape.
        types = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")}
        helps = {line.split()[2] for line in text.splitlines() if line.startswith("# HELP ")}
        assert types and types <= helps, types - helps
        if shutil.which("promtool"):
            check = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr
        runs = sum(series(text, "property_inbox_folder_runs_total", outcome=o) or 0 for o in ("done", "needs_attention", "paused"))
        assert runs >= 1, text
        assert series(text, "property_inbox_stage_seconds_count", stage="extract") >= 1, text
        calls = series(text, "property_inbox_provider_calls_total", stage="extract")
        assert calls and calls >= 1, text
        assert series(text, "property_inbox_provider_tokens_total", stage="extract", direction="in") > 0, text
        assert series(text, "property_inbox_provider_paused", reason="invalid_key") == 0, text
        assert series(text, "property_inbox_budget_remaining_usd", period="day") > 0, text

        assert get(base + "/healthz") == (200, "ok\n")
        # The state directory's file system goes read-only under the running daemon.
        state = tmp_path / "state"
        subprocess.run(["mount", "--bind", str(state), str(state)], check=True)
        mounted = True
        subprocess.run(["mount", "-o", "remount,ro,bind", str(state)], check=True)
        status, body = get(base + "/healthz")
        assert status == 503 and "cannot be written" in body, (status, body)
        subprocess.run(["mount", "-o", "remount,rw,bind", str(state)], check=True)
        assert get(base + "/healthz") == (200, "ok\n")
    finally:
        if mounted:
            subprocess.run(["umount", str(tmp_path / "state")])
        daemon.cleanup()
        provider.stop()


def test_a_refused_key_pauses_the_provider_and_a_fixed_one_resumes_without_a_restart(cli, tmp_path):
    provider = h.FakeProvider(latency=0.0, script_path=tmp_path / "script.json")

    def script(steps):
        urllib.request.urlopen(urllib.request.Request(provider.base + "/_script", data=json.dumps({"steps": steps, "default_content": h.VALID_DETAILS}).encode(),
                                                      method="POST"), timeout=10).read()

    script([{"status": 401, "repeat": True, "error": {"code": 401, "message": "User not found."}}])
    port = h.free_port()
    notify = NotifySocket(tmp_path / "notify.sock")  # as systemd listens: `systemctl status` shows STATUS=
    daemon, inbox = start(cli, tmp_path, provider, port, extra_config="[provider]\nkey_recheck_seconds = 1\n",
                          extra_env={"NOTIFY_SOCKET": notify.path})
    metrics = f"http://127.0.0.1:{port}/metrics"
    try:
        folder = h.make_text_folder(inbox, "condo-refused")
        daemon.wait_for(lambda: (folder / "result.json").exists(), 120, "the folder to be published offline")
        assert json.loads((folder / "result.json").read_text())["model_info"]["text"] == "offline-rules"
        daemon.wait_for(lambda: series(get(metrics)[1], "property_inbox_provider_paused", reason="invalid_key") == 1, 30,
                        "the paused gauge")
        assert "provider calls paused" in daemon.log() and "The API key was refused" in daemon.log()
        deadline = time.monotonic() + 30
        while not any("AI paused: The API key was refused" in m.get("STATUS", "") for m in notify.messages):
            assert time.monotonic() < deadline, f"no STATUS line says the AI is paused: {notify.messages}"
            notify.drain()
            time.sleep(0.2)

        script([])  # the operator fixed the key: GET /key and the calls answer again
        daemon.wait_for(lambda: "provider calls resumed" in daemon.log(), 30, "the daemon to notice the key works")
        daemon.wait_for(lambda: json.loads((folder / "result.json").read_text())["model_info"]["text"] != "offline-rules", 120,
                        "the folder published offline to be re-run with the provider")
        daemon.wait_for(lambda: series(get(metrics)[1], "property_inbox_provider_paused", reason="invalid_key") == 0, 30,
                        "the paused gauge to clear")
        assert daemon.alive()
    finally:
        daemon.cleanup()
        provider.stop()


def test_a_failing_rebuild_hook_shows_in_metrics_status_and_healthz(cli, tmp_path):
    """The hook fails every time: its failures and backlog are metrics, systemd's STATUS= says
    so, and past five failures in a row /healthz reports the daemon degraded."""
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    inbox.mkdir()
    port = h.free_port()
    config = tmp_path / "config.toml"
    config.write_text(f'[metrics]\nlisten = "127.0.0.1:{port}"\n[hook]\ncommand = "exit 3"\n'
                      'debounce_seconds = 0\nmax_wait_seconds = 1\nmax_retry_seconds = 1\n')
    notify = NotifySocket(tmp_path / "notify.sock")
    daemon = h.Daemon([str(cli), "watch", str(inbox), "--state-dir", str(state), "--settle", "1", "--config", str(config),
                       "--offline"], tmp_path / "daemon.log", env={"NOTIFY_SOCKET": notify.path}).start()
    base = f"http://127.0.0.1:{port}"
    try:
        daemon.wait_for(lambda: "serving /metrics" in daemon.log(), 60, "the daemon to serve /metrics")
        first = get(base + "/metrics")[1]
        assert series(first, "property_inbox_hook_deliveries_total", target="command", result="failed") == 0, first
        assert series(first, "property_inbox_hook_pending", target="command") == 0, first
        h.make_text_folder(inbox, "condo-hook-fails")
        daemon.wait_for(lambda: (get(base + "/healthz")[0] == 503), 90,
                        "/healthz to report the failing hook\n" + daemon.log()[-2000:])
        status, body = get(base + "/healthz")
        assert "degraded" in body and "rebuild hook" in body, body
        text = get(base + "/metrics")[1]
        assert series(text, "property_inbox_hook_deliveries_total", target="command", result="failed") >= 5, text
        assert series(text, "property_inbox_hook_pending", target="command") == 1, text
        notify.wait_for("STATUS", None, 5)
        statuses = [m["STATUS"] for m in notify.messages if "STATUS" in m]
        assert any("rebuild hook failing (1 listing change owed)" in s for s in statuses), statuses
        report = json.loads(subprocess.run([str(cli), "status", "--json", "--state-dir", str(state), "--config", str(config)],
                                           capture_output=True, text=True, check=True, timeout=60).stdout)
        assert report["hook"]["owed"] == 1 and report["hook"]["failing"] == 1, report["hook"]
        assert "exit" in (report["hook"]["last_error"] or ""), report["hook"]
        assert report["paused_folders"] == 0
    finally:
        daemon.cleanup()
