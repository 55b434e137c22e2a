"""Real clients (issue 3): an agent uploads a property folder with `sftp` (through the chrooted,
SFTP-only sshd of etc/sshd/) and with `smbclient` (through the share of etc/samba/), one photo
arriving slowly over more than the settle window, while the daemon runs exactly as the systemd
unit of etc/systemd/ starts it. The folder must be processed exactly once, after its last byte,
with every photo counted.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pi_harness as h

SETTLE = 3.0
SOURCE = h.EXAMPLES / "villa-rawai-12"
SLOW_PHOTO = "IMG_0002.JPG"
PHOTOS = ["IMG_0001.JPG", SLOW_PHOTO, "photos/pool.jpg"]


def payload(base: Path) -> Path:
    """The example villa without READY (readiness must come from the settle window)."""
    local = base / "upload" / "villa-rawai-12"
    shutil.copytree(SOURCE, local, ignore=shutil.ignore_patterns("READY"))
    return local


def start_service_daemon(deployment, cli, daemons) -> h.Daemon:
    daemon = deployment.service_daemon(cli, settle=SETTLE)
    daemons.append(daemon)
    daemon.start()
    time.sleep(1.0)
    daemon.assert_alive()
    return daemon


def assert_processed_once_after_last_byte(deployment, daemon: h.Daemon, name: str, local: Path):
    folder = deployment.inbox / name
    daemon.wait_for(lambda: h.all_published(deployment.state, [name]), 90, f"{name} to be processed by the daemon")
    # Let a few settle windows pass: nothing (our own writes included) may trigger a second publish.
    time.sleep(SETTLE * 2 + 1)
    daemon.assert_alive()
    row = h.folder_rows(deployment.state)[name]
    runs = h.run_rows(deployment.state, folder)
    publishing = [r for r in runs if "publish" in r["stages_run"].split(",")]
    assert row["publish_count"] == 1, f"published {row['publish_count']} times; runs: {runs}"
    assert len(publishing) == 1, f"runs that published: {publishing}"
    # After its last byte: the run started after the slow photo's last write.
    last_byte = os.stat(folder / SLOW_PHOTO).st_mtime
    started = h.parse_timestamp(publishing[0]["started_at"])
    assert started >= last_byte - 0.01, f"processing started {last_byte - started:.2f} s before the last byte"
    # Every photo counted, each with the bytes that were uploaded.
    result = h.parse_result(folder)
    sources = sorted(p["source"] for p in result["photos"])
    assert sources == sorted(PHOTOS), sources
    inputs = {i["path"]: i for i in result["inputs"]}
    for photo in PHOTOS:
        data = (local / photo).read_bytes()
        assert inputs[photo]["bytes"] == len(data), (photo, inputs[photo])
        assert inputs[photo]["sha256"] == hashlib.sha256(data).hexdigest(), photo
    assert all(p["photo"] and not p["issues"] for p in result["photos"]), result["photos"]
    for rel in ("listing.md", "_STATUS.txt"):
        assert (folder / rel).is_file(), rel
    assert (deployment.inbox / "_INBOX_STATUS.txt").is_file()
    assert len(list((folder / "_listing" / "photos").glob("*.jpg"))) == len(PHOTOS)
    return runs


def stop_cleanly(daemon: h.Daemon):
    code, seconds = daemon.stop()
    assert seconds <= 10, f"took {seconds:.1f} s to stop"
    assert code == 0, f"exit status {code} after SIGTERM; log:\n{daemon.log()[-3000:]}"


def test_sftp_upload_with_a_slow_photo_is_processed_once_after_its_last_byte(watch_cli, deployment, sshd, daemons):
    local = payload(deployment.base)
    daemon = start_service_daemon(deployment, watch_cli, daemons)

    # Everything but the slow photo, at full speed …
    sshd.sftp("mkdir villa-rawai-12\nmkdir villa-rawai-12/photos\n"
              "put description.txt villa-rawai-12/description.txt\nput context.txt villa-rawai-12/context.txt\n"
              "put IMG_0001.JPG villa-rawai-12/IMG_0001.JPG\nput photos/pool.jpg villa-rawai-12/photos/pool.jpg\n",
              cwd=local)
    # … then one photo throttled so it takes more than twice the settle window.
    size = (local / SLOW_PHOTO).stat().st_size
    seconds = SETTLE * 2.5
    limit = max(8, int(size * 8 / 1000 / seconds))
    started = time.monotonic()
    sshd.sftp(f"put {SLOW_PHOTO} villa-rawai-12/{SLOW_PHOTO}\n", limit_kbit=limit, cwd=local)
    took = time.monotonic() - started
    assert took > SETTLE * 1.5, f"the throttled upload took only {took:.1f} s (limit {limit} kbit/s)"

    assert_processed_once_after_last_byte(deployment, daemon, "villa-rawai-12", local)
    # The upload went through the chroot into inbox/ as the agent, group agents (setgid inbox).
    folder = deployment.inbox / "villa-rawai-12"
    assert folder.stat().st_gid == h.grp.getgrnam(h.AGENTS_GROUP).gr_gid
    assert (folder / "result.json").stat().st_uid == h.pwd.getpwnam(h.SERVICE_USER).pw_uid
    stop_cleanly(daemon)


def test_sftp_snippet_allows_sftp_only_inside_the_chroot(deployment, sshd):
    listing = sshd.sftp("pwd\nls -1 /\n").stdout
    assert "Remote working directory: /inbox" in listing, listing
    assert "etc" not in listing.split() and "inbox" in listing, listing
    shell = sshd.ssh("cat", "/etc/passwd")
    assert shell.returncode != 0 and "root:" not in shell.stdout, "a shell command ran for an agent"
    # stdio forwarding (-W) opens a direct-tcpip channel, exactly what AllowTcpForwarding governs.
    forward = subprocess.run(["ssh", "-p", str(sshd.port), *sshd.client_options(), "-W", f"127.0.0.1:{sshd.port}",
                              f"{sshd.user}@127.0.0.1"], capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
    assert forward.returncode != 0 and b"SSH-2.0" not in forward.stdout, "TCP forwarding was allowed for an agent"


def test_smbclient_throttled_upload_is_processed_once_after_its_last_byte(watch_cli, deployment, smbd, daemons):
    local = payload(deployment.base)
    daemon = start_service_daemon(deployment, watch_cli, daemons)

    smbd.smbclient('mkdir villa-rawai-12; cd villa-rawai-12; mkdir photos; put description.txt; put context.txt; '
                   'put IMG_0001.JPG; put photos/pool.jpg photos\\pool.jpg', cwd=local)
    # The slow photo goes through a throttled TCP proxy (a phone on a bad network): the upload
    # takes more than twice the settle window, its bytes reaching smbd as they trickle in.
    # (smbclient has no rate limit of its own, and its `reput` does not append: it rewrote the
    # file from offset 0 in Samba 4.17.)
    data = (local / SLOW_PHOTO).read_bytes()
    seconds = SETTLE * 2.5
    proxy = h.ThrottledProxy(smbd.port, bytes_per_second=int(len(data) / seconds))
    try:
        started = time.monotonic()
        smbd.smbclient(f"cd villa-rawai-12; put {SLOW_PHOTO}", cwd=local, port=proxy.port, timeout=120)
        took = time.monotonic() - started
    finally:
        proxy.close()
    assert took > SETTLE * 1.5, f"the throttled upload took only {took:.1f} s"
    assert (deployment.inbox / "villa-rawai-12" / SLOW_PHOTO).read_bytes() == data

    assert_processed_once_after_last_byte(deployment, daemon, "villa-rawai-12", local)
    # The share's masks and the unit's UMask let the agent delete the whole folder afterwards,
    # outputs and _listing/ included.
    smbd.smbclient("deltree villa-rawai-12")
    assert not (deployment.inbox / "villa-rawai-12").exists()
    stop_cleanly(daemon)


def test_smb_share_never_follows_a_symlink_out_of_the_inbox(deployment, smbd):
    (deployment.base / "secret.txt").write_text("not for agents\n")
    os.symlink(deployment.base / "secret.txt", deployment.inbox / "escape.txt")
    proc = smbd.smbclient("get escape.txt /dev/null", check=False)
    assert proc.returncode != 0 or "NT_STATUS_" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_systemd_unit_verifies(cli, deployment):
    if not shutil.which("systemd-analyze"):
        import pytest
        pytest.skip("systemd-analyze not installed")
    deployment.service_daemon(cli)  # renders the unit into deployment.etc
    proc = subprocess.run(["systemd-analyze", "verify", str(deployment.etc / "property-inbox.service")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr



def test_sftp_upload_through_a_filepart_name_waits_for_the_rename(watch_cli, deployment, sshd, daemons):
    """WinSCP/FileZilla style: the photo goes up as `IMG_0002.JPG.filepart` and is renamed when
    complete. A stalled transfer (longer than the settle window) must not be taken as finished."""
    local = payload(deployment.base)
    daemon = start_service_daemon(deployment, watch_cli, daemons)
    sshd.sftp("mkdir villa-rawai-12\nmkdir villa-rawai-12/photos\n"
              "put description.txt villa-rawai-12/description.txt\nput context.txt villa-rawai-12/context.txt\n"
              "put IMG_0001.JPG villa-rawai-12/IMG_0001.JPG\nput photos/pool.jpg villa-rawai-12/photos/pool.jpg\n"
              f"put {SLOW_PHOTO} villa-rawai-12/{SLOW_PHOTO}.filepart\n", cwd=local)
    time.sleep(SETTLE * 3)  # the connection stalls with the temp file in place
    daemon.assert_alive()
    assert h.folder_rows(deployment.state).get("villa-rawai-12", {}).get("publish_count", 0) == 0, \
        "processed while an upload temp file was still there"
    sshd.sftp(f"rename villa-rawai-12/{SLOW_PHOTO}.filepart villa-rawai-12/{SLOW_PHOTO}\n")
    assert_processed_once_after_last_byte(deployment, daemon, "villa-rawai-12", local)
    stop_cleanly(daemon)


def test_the_daemon_starts_after_root_ran_a_scan_on_its_inbox(deployment, watch_cli, daemons):
    """An operator's `scan` as root leaves the inbox lock owned by root (0664, not writable by the
    service user); the daemon, started as the unit starts it, must still take the lock and run."""
    scan = subprocess.run([str(watch_cli), "scan", str(deployment.inbox), "--state-dir", str(deployment.base / "root-state"),
                           "--offline"], capture_output=True, text=True, timeout=120)
    assert scan.returncode == 0, scan.stdout + scan.stderr
    lock = deployment.inbox / ".property-inbox.lock"
    assert lock.stat().st_uid == 0
    os.chmod(lock, 0o644)  # as an older release or a umask would leave it: no group write either
    daemon = deployment.service_daemon(watch_cli).start()
    daemons.append(daemon)
    daemon.wait_for(lambda: "watching" in daemon.log(), 60, "the daemon to start as the service user")
    # As an agent's upload leaves it: owned by the agent, group agents, group-writable.
    folder = h.make_text_folder(deployment.inbox, "condo-after-root-scan")
    h.chown(folder, h.AGENT_USER, h.AGENTS_GROUP, 0o2775)
    for path in folder.iterdir():
        h.chown(path, h.AGENT_USER, h.AGENTS_GROUP, 0o664)
    daemon.wait_for(lambda: (deployment.inbox / "condo-after-root-scan" / "result.json").exists(), 60,
                    "the folder to be published")
