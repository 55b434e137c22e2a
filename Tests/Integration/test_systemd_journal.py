"""The shipped unit under a real systemd 252 (booted in a private namespace, systemd_sandbox.py,
its /etc, /usr, /var and /srv overlaid): the unit's journal holds the daemon's own lines only,
not the Swift runtime's.

Before: an idle daemon wrote "Failed to set thread priority for worker thread: pqc=… errno=13"
about every five seconds (some 17,000 lines a day): GRDB ran its database queues at
`.userInitiated`, libdispatch gives such threads a lower nice value, and a service without
CAP_SYS_NICE may not set it. The state database now runs at the default QoS. Then one such line
remained at each start, and one per photo worker process: libdispatch's event-manager thread
(timers, epoll) runs on the user-interactive root queue and asks for nice -4 whatever our queues
do. The executable now answers that refused raise itself (Sources/CThreadPriority), so the test
allows no line that is not the daemon's own, from the daemon or its photo workers.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest

import pi_harness as h
import systemd_sandbox

UNIT = "property-inbox.service"
EXAMPLE = h.REPO / "examples" / "inbox" / "villa-rawai-12"
INBOX = "/srv/property-inbox/inbox"  # the shipped config's [watch] inbox, inside the sandbox
CONFIG = "/etc/property-inbox/property-inbox.toml"


@pytest.fixture(scope="module")
def sandbox(as_root, accounts, cli):
    if not systemd_sandbox.available():
        pytest.skip("systemd, unshare and nsenter are needed")
    box = systemd_sandbox.Sandbox(overlay=True).start()
    try:
        box.run("install", "-m", "0755", str(cli), "/usr/local/bin/property-inbox")
        for bundle in cli.parent.glob("*.resources"):
            box.run("cp", "-r", str(bundle), "/usr/local/bin/")
        box.run("chmod", "-R", "a+rX", "/usr/local/bin")
        box.run("mkdir", "-p", "/etc/property-inbox", "/srv/property-inbox")
        box.write(CONFIG, (h.ETC / "property-inbox.toml").read_text().replace("settle_seconds = 15", "settle_seconds = 2"))
        box.run("install", "-d", "-m", "2775", "-o", h.SERVICE_USER, "-g", h.AGENTS_GROUP, INBOX)
        box.install_unit(h.ETC / "systemd" / UNIT)  # the shipped unit as it is
        yield box
    finally:
        box.stop()


def test_the_journal_holds_only_the_daemons_own_lines(sandbox):
    staging = Path(tempfile.mkdtemp(prefix="pi-journal-"))
    try:
        start = sandbox.run("systemctl", "start", UNIT, check=False, timeout=90)
        assert start.returncode == 0, start.stderr
        pid = sandbox.main_pid(UNIT)
        assert pid > 0, sandbox.run("systemctl", "status", UNIT, check=False).stdout
        name = f"villa-journal-{int(time.time())}"
        shutil.copytree(EXAMPLE, staging / name)
        (staging / name / "READY").touch()
        sandbox.run("cp", "-r", str(staging / name), f"{INBOX}/{name}")
        sandbox.run("chown", "-R", f"{h.SERVICE_USER}:{h.AGENTS_GROUP}", f"{INBOX}/{name}")
        # A minute idle and one folder processed (photo workers started), as the issue asks.
        time.sleep(60)
        lines = sandbox.journal("-u", UNIT, "_UID=" + sandbox.run("id", "-u", h.SERVICE_USER).stdout.strip())
        own = [line for line in lines if line.startswith("property-inbox: ")]
        others = [line for line in lines if not line.startswith("property-inbox: ")]
        assert any("published" in line for line in own), lines[-20:]
        assert sandbox.exists(f"{INBOX}/{name}/result.json")
        assert others == [], others
    finally:
        sandbox.run("systemctl", "stop", UNIT, check=False)
        shutil.rmtree(staging, ignore_errors=True)
