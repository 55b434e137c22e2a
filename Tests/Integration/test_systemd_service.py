"""The shipped unit driven with systemctl by a real systemd 252 (systemd_sandbox.py, one boot for
the module, its /etc, /usr, /var and /srv overlaid so nothing here reaches the host): start,
a folder published by the service user under the unit's whole sandbox (User=, ProtectSystem=,
PrivateTmp=, the filter, ReadWritePaths=), `systemctl reload` (still active, same pid, the new
config in force), `kill -9` (restarted by Restart=), a stalled event loop (restarted by the
watchdog), and `systemctl stop` within TimeoutStopSec=.

The binary is this checkout's debug build, installed where the unit's ExecStart= looks
(/usr/local/bin) inside the sandbox's own root; the unit, config and inbox are the shipped ones.
"""
from __future__ import annotations

import shutil
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import pi_harness as h
import systemd_sandbox

UNIT = "property-inbox.service"
INBOX = "/srv/property-inbox/inbox"  # the shipped config's [watch] inbox
CONFIG = "/etc/property-inbox/property-inbox.toml"


SAMPLE_HOOK = ('# command = "property-inbox-site-sync /srv/property-inbox/inbox /srv/site/content/listings'
               ' && hugo --source /srv/site --cleanDestinationDir --quiet"')


def config_text(metrics_port: int | None = None, hook: bool = False) -> str:
    """The shipped config, with a short settle window for the test (a metrics endpoint, the
    sample rebuild hook uncommented)."""
    text = (h.ETC / "property-inbox.toml").read_text().replace("settle_seconds = 15", "settle_seconds = 2", 1)
    if hook:
        assert SAMPLE_HOOK in text
        text = text.replace(SAMPLE_HOOK, SAMPLE_HOOK[2:]).replace("debounce_seconds = 5", "debounce_seconds = 1")
    if metrics_port:
        old = '# listen = "127.0.0.1:9464"'
        assert old in text
        text = text.replace(old, f'listen = "127.0.0.1:{metrics_port}"')
    return text


@pytest.fixture(scope="module")
def box(as_root, accounts, cli):
    if not systemd_sandbox.available():
        pytest.skip("systemd, unshare and nsenter are needed")
    sandbox = systemd_sandbox.Sandbox(overlay=True).start()
    try:
        # The debug binary and its resource bundles where the unit's ExecStart= looks.
        sandbox.run("install", "-m", "0755", str(cli), "/usr/local/bin/property-inbox")
        sandbox.run("install", "-m", "0755", str(h.REPO / "examples" / "site" / "sync-listings.sh"),
                    "/usr/local/bin/property-inbox-site-sync")  # as the package installs it
        for bundle in cli.parent.glob("*.resources"):
            sandbox.run("cp", "-r", str(bundle), "/usr/local/bin/")
        sandbox.run("chmod", "-R", "a+rX", "/usr/local/bin")
        sandbox.run("mkdir", "-p", "/etc/property-inbox", "/srv/property-inbox")
        sandbox.write(CONFIG, config_text())
        sandbox.run("install", "-d", "-m", "2775", "-o", h.SERVICE_USER, "-g", h.AGENTS_GROUP, INBOX)
        sandbox.install_unit(h.ETC / "systemd" / UNIT)
        for unit in ("property-inbox-backup.service", "property-inbox-backup.timer"):
            sandbox.install_unit(h.ETC / "systemd" / unit)
        yield sandbox
    finally:
        sandbox.run("systemctl", "stop", UNIT, check=False)
        sandbox.stop()


def restarts(box) -> int:
    return int(box.run("systemctl", "show", "-p", "NRestarts", "--value", UNIT).stdout.strip())


def status(box) -> str:
    return box.run("systemctl", "status", "--no-pager", "-n", "30", UNIT, check=False).stdout


def publish_example(box, name: str, staging: Path, ready: bool = True) -> str:
    """An example folder uploaded as an agent would (group agents, setgid), with READY."""
    source = staging / name
    shutil.copytree(h.EXAMPLES / "villa-rawai-12", source)
    if ready:
        (source / "READY").touch()
    folder = f"{INBOX}/{name}"
    box.run("cp", "-r", str(source), folder)
    box.run("chown", "-R", f"{h.SERVICE_USER}:{h.AGENTS_GROUP}", folder)
    box.run("chmod", "-R", "u+rwX,g+rwX", folder)
    return folder


@pytest.fixture
def staging():
    path = Path(tempfile.mkdtemp(prefix="pi-systemd-service-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_start_publish_reload_kill_and_stop(box, staging):
    start = box.run("systemctl", "start", UNIT, check=False, timeout=90)
    assert start.returncode == 0, start.stderr + status(box)
    # Type=notify: `start` returned after READY=1.
    assert box.state(UNIT) == "active/running", status(box)
    pid = box.main_pid(UNIT)
    assert pid > 0

    # A folder published under the unit's whole sandbox, by its user.
    folder = publish_example(box, f"villa-unit-{int(time.time())}", staging)
    box.wait_for(lambda: box.exists(f"{folder}/result.json"), 90, f"{folder}/result.json\n{status(box)}")
    owner = box.run("stat", "-c", "%U:%G", f"{folder}/result.json").stdout.strip()
    assert owner == f"{h.SERVICE_USER}:{h.AGENTS_GROUP}", owner
    assert box.exists(f"{folder}/listing.md") and box.exists(f"{folder}/_STATUS.txt")
    # The journal's priorities are the log's levels: `journalctl -p err` shows errors only.
    errors = box.journal("-u", UNIT, "-p", "err")
    assert not any("published" in line or "watching" in line for line in errors), errors
    assert any("published" in line for line in box.journal("-u", UNIT, "-p", "info")), status(box)

    # Reload: the new config (a metrics endpoint) in force, same pid, never deactivating.
    port = h.free_port()
    box.write(CONFIG, config_text(metrics_port=port))
    reload = box.run("systemctl", "reload", UNIT, check=False, timeout=90)
    assert reload.returncode == 0, reload.stderr + status(box)
    # RELOADING=1 holds the unit in reloading until the new run's READY=1; it never deactivates.
    seen = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not seen or seen[-1] != "active/running" or len(seen) < 10):
        seen.append(box.state(UNIT))
        assert seen[-1] in ("reloading/reload", "active/running"), f"{seen}\n{status(box)}"
        time.sleep(0.3)
    assert seen[-1] == "active/running", f"{seen}\n{status(box)}"
    assert box.main_pid(UNIT) == pid, status(box)

    def metrics():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
                return response.read().decode()
        except OSError:
            return None
    assert "property_inbox" in box.wait_for(metrics, 30, f"/metrics on port {port} after the reload\n"
                                            + "\n".join(box.journal("-u", UNIT)[-20:]))
    journal = "\n".join(box.journal("-u", UNIT))
    assert "Stopping" not in journal.split("Reloading")[-1], journal[-3000:]

    # kill -9: Restart=on-failure starts it again (RestartSec=5).
    box.run("kill", "-9", str(pid))
    restarted = box.wait_for(lambda: box.main_pid(UNIT) not in (0, pid) and box.state(UNIT) == "active/running"
                             and box.main_pid(UNIT), 60, "a restart after kill -9\n" + status(box))
    assert restarted != pid

    # stop: SIGTERM, a clean exit well within TimeoutStopSec=15.
    began = time.monotonic()
    stop = box.run("systemctl", "stop", UNIT, check=False, timeout=60)
    took = time.monotonic() - began
    assert stop.returncode == 0 and took < 15, f"{took:.1f} s\n{status(box)}"
    assert box.state(UNIT) == "inactive/dead", status(box)


def test_a_stalled_event_loop_is_restarted_by_the_watchdog(box):
    """SIGSTOP stands for a stuck loop: no WATCHDOG=1 pings. WatchdogSec= is shortened in a drop-in."""
    box.run("mkdir", "-p", f"/run/systemd/system/{UNIT}.d")
    box.write(f"/run/systemd/system/{UNIT}.d/watchdog.conf", "[Service]\nWatchdogSec=3\nTimeoutAbortSec=3\n")
    box.run("systemctl", "daemon-reload")
    try:
        start = box.run("systemctl", "start", UNIT, check=False, timeout=90)
        assert start.returncode == 0, start.stderr + status(box)
        pid = box.main_pid(UNIT)
        before = restarts(box)
        box.run("kill", "-STOP", str(pid))
        box.wait_for(lambda: box.main_pid(UNIT) not in (0, pid) and box.state(UNIT) == "active/running",
                     60, "a restart by the watchdog\n" + status(box))
        # A stopped process cannot exit by itself: only the watchdog's abort and kill restart it.
        assert restarts(box) == before + 1, status(box)
    finally:
        box.run("systemctl", "stop", UNIT, check=False, timeout=60)
        box.run("rm", "-f", f"/run/systemd/system/{UNIT}.d/watchdog.conf")
        box.run("systemctl", "daemon-reload")


def test_the_sample_hook_syncs_and_builds_the_site_under_the_unit(box, staging):
    """The shipped config's sample hook, run by the daemon under the unit: each published listing
    gets its page; a folder marked SOLD loses it (sync --delete, hugo --cleanDestinationDir)."""
    if shutil.which("hugo") is None:
        pytest.skip("hugo is not installed (make deps installs it)")
    box.run("cp", "-r", str(h.REPO / "examples" / "site"), "/srv/site")
    box.run("chown", "-R", f"{h.SERVICE_USER}:{h.SERVICE_USER}", "/srv/site")
    box.run("mkdir", "-p", f"/run/systemd/system/{UNIT}.d")
    box.write(f"/run/systemd/system/{UNIT}.d/site.conf", "[Service]\nReadWritePaths=/srv/site\n")
    box.write(CONFIG, config_text(hook=True))
    box.run("systemctl", "daemon-reload")
    try:
        start = box.run("systemctl", "start", UNIT, check=False, timeout=90)
        assert start.returncode == 0, start.stderr + status(box)
        kept = publish_example(box, "villa-kept", staging)
        sold = publish_example(box, "villa-sold", staging)

        def page(folder):
            return f"/srv/site/public/listings/{folder.rsplit('/', 1)[1]}/index.html"
        box.wait_for(lambda: box.exists(page(kept)) and box.exists(page(sold)), 120,
                     "both pages built by the hook\n" + "\n".join(box.journal("-u", UNIT)[-20:]))
        box.run("install", "-o", h.SERVICE_USER, "-g", h.AGENTS_GROUP, "-m", "0664", "/dev/null", f"{sold}/SOLD")
        box.wait_for(lambda: not box.exists(page(sold)), 120,
                     "the SOLD listing's page gone\n" + "\n".join(box.journal("-u", UNIT)[-20:]))
        assert box.exists(page(kept))
        assert not box.exists("/srv/site/content/listings/villa-sold")
        warnings = [line for line in box.journal("-u", UNIT) if "hook" in line and ("fail" in line or "exit" in line)]
        assert warnings == [], warnings
    finally:
        box.run("systemctl", "stop", UNIT, check=False, timeout=60)
        box.run("rm", "-f", f"/run/systemd/system/{UNIT}.d/site.conf")
        box.write(CONFIG, config_text())
        box.run("systemctl", "daemon-reload")


def test_the_inbox_disk_can_be_unmounted_and_mounted_again_under_the_unit(box, staging):
    """An operator replacing the inbox's disk while the service runs in a mount namespace of its
    own (ProtectSystem=strict with the inbox in ReadWritePaths=): `umount` succeeds, the old file
    system is no longer mounted in the service's namespace either (nothing keeps the disk in use),
    the daemon says it was unmounted, and a folder on the disk mounted next is published."""
    def mount_disk():
        box.run("mount", "-t", "tmpfs", "-o", "size=16m,mode=2775", "tmpfs", INBOX)
        box.run("chown", f"{h.SERVICE_USER}:{h.AGENTS_GROUP}", INBOX)

    def inbox_mounts(pid: int) -> list[str]:
        return [line for line in box.read(f"/proc/{pid}/mountinfo").splitlines()
                if line.split()[4] == INBOX and line.split(" - ")[1].startswith("tmpfs")]

    # As on a real host, where systemd makes every mount shared at boot: the service's namespace
    # then receives the operator's mounts and unmounts (this sandbox's mounts start private).
    box.run("mount", "--make-shared", "/srv")
    mount_disk()
    try:
        start = box.run("systemctl", "start", UNIT, check=False, timeout=90)
        assert start.returncode == 0, start.stderr + status(box)
        pid = box.main_pid(UNIT)
        first = publish_example(box, "villa-first-disk", staging)
        box.wait_for(lambda: box.exists(f"{first}/result.json"), 90, f"{first}/result.json\n{status(box)}")
        assert inbox_mounts(pid), "the disk is mounted in the service's namespace"
        # Tried for 3 s: a status write may be under way at that moment; a file held open fails every time.
        deadline = time.monotonic() + 3
        while (umount := box.run("umount", INBOX, check=False)).returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert umount.returncode == 0, f"umount beside the service: {umount.stderr.strip()}"
        box.wait_for(lambda: not inbox_mounts(pid), 10, "the disk to be gone from the service's namespace too\n"
                     + box.read(f"/proc/{pid}/mountinfo"))
        box.wait_for(lambda: any("was unmounted" in line for line in box.journal("-u", UNIT)), 10,
                     "the daemon to say the inbox was unmounted\n" + "\n".join(box.journal("-u", UNIT)[-20:]))
        mount_disk()
        second = publish_example(box, "villa-second-disk", staging)
        box.wait_for(lambda: box.exists(f"{second}/result.json"), 90,
                     f"{second}/result.json on the new disk\n" + "\n".join(box.journal("-u", UNIT)[-20:]))
        assert box.main_pid(UNIT) == pid, status(box)
    finally:
        box.run("systemctl", "stop", UNIT, check=False, timeout=60)
        box.run("umount", "-l", INBOX, check=False)


def test_the_backup_unit_copies_the_database_and_drops_old_copies(box):
    """property-inbox-backup.service as its timer runs it: VACUUM INTO under the unit's sandbox."""
    box.run("install", "-d", "-m", "0750", "-o", h.SERVICE_USER, "-g", h.SERVICE_USER, "/var/backups/property-inbox")
    old = "/var/backups/property-inbox/state-20200101T000000Z.sqlite"
    box.run("install", "-m", "0640", "-o", h.SERVICE_USER, "-g", h.SERVICE_USER, "/dev/null", old)
    if not box.exists("/var/lib/property-inbox/state.sqlite"):  # the state the daemon made
        box.run("systemctl", "start", UNIT, timeout=90)
        box.run("systemctl", "stop", UNIT, timeout=60)
    run = box.run("systemctl", "start", "property-inbox-backup.service", check=False, timeout=120)
    assert run.returncode == 0, run.stderr + box.run("journalctl", "--no-pager", "-u", "property-inbox-backup", check=False).stdout
    copies = box.sh("ls /var/backups/property-inbox").stdout.split()
    assert len(copies) == 1 and copies[0].startswith("state-2") and copies[0] != old.rsplit("/", 1)[1], copies
    check = box.run("python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                    " print(c.execute('pragma integrity_check').fetchone()[0], c.execute('select count(*) from folder').fetchone()[0])",
                    f"/var/backups/property-inbox/{copies[0]}")
    assert check.stdout.split()[0] == "ok", check.stdout
    timer = box.run("systemctl", "show", "-p", "Persistent", "-p", "TimersCalendar", "property-inbox-backup.timer").stdout
    assert "Persistent=yes" in timer and "daily" in timer.lower() or "OnCalendar=" in timer, timer
