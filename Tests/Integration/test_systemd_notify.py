"""The daemon speaks systemd's notify protocol: a test listens on a NOTIFY_SOCKET the way systemd
does and sees READY=1 after start-up, STATUS= lines, WATCHDOG=1 pings at the interval
WATCHDOG_USEC asks for, RELOADING=1 (with MONOTONIC_USEC) then READY=1 again on SIGHUP and never
STOPPING=1 in between, and STOPPING=1 on SIGTERM.
"""
from __future__ import annotations

import signal
import socket
import time

import pi_harness as h


class NotifySocket:
    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages: list[dict[str, str]] = []

    def drain(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except (socket.timeout, BlockingIOError):
                return
            self.messages.append(dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line))

    def wait_for(self, key: str, value: str | None, timeout: float, after: int = 0) -> int:
        """Index of the first message from `after` on that has `key` (= `value`, if given)."""
        deadline = time.monotonic() + timeout
        while True:
            self.drain()
            for index, message in enumerate(self.messages[after:], start=after):
                if key in message and (value is None or message[key] == value):
                    return index
            if time.monotonic() > deadline:
                raise AssertionError(f"no {key}={value} in {self.messages}")


def test_ready_status_watchdog_reload_and_stopping(cli, tmp_path):
    notify = NotifySocket(tmp_path / "notify.sock")
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    inbox.mkdir()
    daemon = h.Daemon.watch(cli, inbox, state, tmp_path / "daemon.log", settle=1,
                            env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"})
    try:
        daemon.start()
        ready = notify.wait_for("READY", "1", 60)
        assert notify.messages[ready]["STATUS"].startswith("watching 0 folders"), notify.messages[ready]
        # Pings every half interval (0.5 s): several within three seconds.
        time.sleep(3)
        notify.drain()
        pings = sum(1 for m in notify.messages[ready:] if m.get("WATCHDOG") == "1")
        assert 3 <= pings <= 12, f"{pings} watchdog pings in 3 s"
        h.make_text_folder(inbox, "condo-notify")
        notify.wait_for("STATUS", "watching 1 folder, 0 processing", 30, after=ready)

        daemon.proc.send_signal(signal.SIGHUP)
        reloading = notify.wait_for("RELOADING", "1", 30, after=ready)
        assert int(notify.messages[reloading].get("MONOTONIC_USEC", "0")) > 0, notify.messages[reloading]
        reloaded = notify.wait_for("READY", "1", 60, after=reloading + 1)
        assert daemon.alive(), "the daemon exited on SIGHUP"
        # systemd 252 stops a Type=notify service that says STOPPING=1, reload or not.
        between = notify.messages[ready:reloaded + 1]
        assert not any(m.get("STOPPING") == "1" for m in between), between

        code, _ = daemon.stop(signal.SIGTERM, timeout=15)
        assert code == 0
        notify.wait_for("STOPPING", "1", 5, after=reloading)
    finally:
        daemon.cleanup()
