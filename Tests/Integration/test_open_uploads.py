"""A file still open for writing is an upload in progress (issue 16): real clients stall mid-file
for 4× the settle window, then finish. The folder must be processed exactly once, after the close,
with every photo complete — never from half a photo during the stall.

- SFTP with paramiko (one descriptor open from SSH_FXP_OPEN to SSH_FXP_CLOSE) and SMB with
  smbclient through a proxy that holds the transfer mid-file, both against the daemon exactly as
  the systemd unit runs it (the service user, which cannot see the agent's processes in /proc:
  only inotify's open/close counting holds the folder).
- A local writer that stalls mid-file; the stall is reported in _STATUS.txt meanwhile.
- A daemon restart during a stalled SFTP upload: the restarted daemon never saw the open, the
  last write is older than the settle window, and only /proc (it runs as root here) knows.
"""
from __future__ import annotations

import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

import pi_harness as h
from test_deployment import PHOTOS, SETTLE, SLOW_PHOTO, assert_processed_once_after_last_byte, payload, \
    start_service_daemon, stop_cleanly

STALL = SETTLE * 4
NAME = "villa-rawai-12"


def no_run_yet(state: Path, folder: Path, what: str):
    runs = h.run_rows(state, folder)
    rows = h.folder_rows(state)
    assert not runs, f"processed {what}: {runs}"
    assert rows.get(folder.name, {}).get("publish_count", 0) == 0, rows


def stall_and_check(daemon: h.Daemon, state: Path, folder: Path, seconds: float = STALL):
    """Waits out the stall, checking all along that nothing ran."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        daemon.assert_alive()
        no_run_yet(state, folder, "while a photo was still open for writing")
        time.sleep(0.25)


# ---------------------------------------------------------------------------------------------
# SFTP with paramiko


def sftp_session(sshd):
    try:
        paramiko = h.import_paramiko()
    except ImportError:
        pytest.skip("python3-paramiko not installed (make integration-deps installs it)")
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=sshd.port, username=sshd.user, key_filename=str(sshd.key),
                   look_for_keys=False, allow_agent=False, timeout=20)
    return client, client.open_sftp()


def sftp_upload_rest(sftp, local: Path):
    sftp.mkdir(NAME)
    sftp.mkdir(f"{NAME}/photos")
    for rel in ("description.txt", "context.txt", "IMG_0001.JPG", "photos/pool.jpg"):
        sftp.put(str(local / rel), f"{NAME}/{rel}")


def test_sftp_upload_stalled_mid_photo_is_processed_once_after_the_close(watch_cli, deployment, sshd, daemons):
    local = payload(deployment.base)
    daemon = start_service_daemon(deployment, watch_cli, daemons)
    folder = deployment.inbox / NAME
    client, sftp = sftp_session(sshd)
    try:
        sftp_upload_rest(sftp, local)
        data = (local / SLOW_PHOTO).read_bytes()
        with sftp.open(f"{NAME}/{SLOW_PHOTO}", "wb") as remote:
            remote.write(data[: len(data) // 2])  # acknowledged: on disk now
            assert (folder / SLOW_PHOTO).stat().st_size == len(data) // 2
            stall_and_check(daemon, deployment.state, folder)
            remote.write(data[len(data) // 2:])
            last_write = time.time()
        # SSH_FXP_CLOSE has been answered: the descriptor is closed.
        assert time.time() - last_write < SETTLE, "the close took longer than the settle window"
    finally:
        client.close()
    assert_processed_once_after_last_byte(deployment, daemon, NAME, local)
    assert "without progress" not in daemon.log()
    stop_cleanly(daemon)


# ---------------------------------------------------------------------------------------------
# SMB with smbclient, held mid-file by a proxy


class PausingProxy:
    """A TCP proxy to `target_port` that stops forwarding client→server bytes once `pause_after`
    of them have passed, until `resume()`: a phone whose link stalls in the middle of a photo."""

    def __init__(self, target_port: int, pause_after: int):
        self.target_port = target_port
        self.pause_after = pause_after
        self.forwarded = 0
        self.resumed = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        try:
            client, _ = self.listener.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=60)
        threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, upload: bool):
        try:
            while True:
                data = source.recv(4096)
                if not data:
                    break
                if upload and self.forwarded >= self.pause_after:
                    self.resumed.wait(timeout=120)
                sink.sendall(data)
                if upload:
                    self.forwarded += len(data)
        except OSError:
            pass
        finally:
            h.shutdown_sockets(source, sink)

    def resume(self):
        self.resumed.set()

    def close(self):
        self.resumed.set()
        self.listener.close()


def test_smb_upload_stalled_mid_photo_is_processed_once_after_the_close(watch_cli, deployment, smbd, daemons):
    local = payload(deployment.base)
    daemon = start_service_daemon(deployment, watch_cli, daemons)
    folder = deployment.inbox / NAME
    smbd.smbclient(f"mkdir {NAME}; cd {NAME}; mkdir photos; put description.txt; put context.txt; "
                   "put IMG_0001.JPG; put photos/pool.jpg photos\\pool.jpg", cwd=local)
    data = (local / SLOW_PHOTO).read_bytes()
    proxy = PausingProxy(smbd.port, pause_after=len(data) // 2)
    upload = subprocess.Popen(["smbclient", "//127.0.0.1/inbox", "-p", str(proxy.port), "-t", "120",
                               "-U", f"{h.AGENT_USER}%{h.AGENT_SMB_PASSWORD}", "-m", "SMB3",
                               "-c", f"cd {NAME}; put {SLOW_PHOTO}"],
                              cwd=local, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        # Part of the photo reaches the disk, then the link stalls with the file open.
        h.wait_until(lambda: (folder / SLOW_PHOTO).exists() and (folder / SLOW_PHOTO).stat().st_size > 0
                     and proxy.forwarded >= proxy.pause_after, 30, "half the photo to reach smbd")
        partial = (folder / SLOW_PHOTO).stat().st_size
        assert partial < len(data), "the whole photo arrived before the stall"
        stall_and_check(daemon, deployment.state, folder)
        proxy.resume()
        output, _ = upload.communicate(timeout=60)
    finally:
        proxy.close()
        if upload.poll() is None:
            upload.kill()
            upload.wait(timeout=10)
    assert upload.returncode == 0 and b"NT_STATUS_" not in output, output.decode(errors="replace")
    assert (folder / SLOW_PHOTO).read_bytes() == data
    assert_processed_once_after_last_byte(deployment, daemon, NAME, local)
    stop_cleanly(daemon)


# ---------------------------------------------------------------------------------------------
# A local writer


def test_local_writer_stalled_mid_photo_is_processed_once_and_the_stall_is_reported(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    # A stall timeout shorter than the stall (0.1 min = 6 s), to see it reported.
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=SETTLE,
                            env={"PROPERTY_INBOX_STALLED_UPLOAD_MINUTES": "0.1"})
    daemons.append(daemon)
    daemon.start()
    daemon.wait_for(lambda: "watching" in daemon.log(), 30, "the daemon to start watching")
    source = h.EXAMPLES / "condo-sukhumvit-24"
    folder = inbox / "condo-sukhumvit-24"
    folder.mkdir()
    (folder / "description.txt").write_bytes((source / "description.txt").read_bytes())
    data = (source / "bedroom.jpeg").read_bytes()
    with open(folder / "bedroom.jpeg", "wb") as photo:
        photo.write(data[: len(data) // 2])
        photo.flush()
        stall_and_check(daemon, state, folder)
        status = (folder / "_STATUS.txt").read_text()
        assert "bedroom.jpeg has been uploading since" in status and "without progress" in status, status
        assert "upload stalled" in daemon.log()
        photo.write(data[len(data) // 2:])
    last_byte = (folder / "bedroom.jpeg").stat().st_mtime
    daemon.wait_for(lambda: h.all_published(state, [folder.name]), 90, "the folder to be processed")
    time.sleep(SETTLE * 2)
    runs = h.run_rows(state, folder)
    assert len(runs) == 1, runs
    assert h.folder_rows(state)[folder.name]["publish_count"] == 1, runs
    assert h.parse_timestamp(runs[0]["started_at"]) >= last_byte - 0.01, (runs, last_byte)
    inputs = {i["path"]: i for i in h.parse_result(folder)["inputs"]}
    assert inputs["bedroom.jpeg"]["bytes"] == len(data), inputs
    assert "without progress" not in (folder / "_STATUS.txt").read_text()
    code, seconds = daemon.stop()
    assert code == 0 and seconds <= 10, (code, seconds)


# ---------------------------------------------------------------------------------------------
# A restart during a stalled upload


def test_restart_during_a_stalled_sftp_upload_does_not_process_early(watch_cli, deployment, sshd, daemons):
    local = payload(deployment.base)
    folder = deployment.inbox / NAME

    def start():
        # As root: /proc shows the agent's sftp session and which file it holds open for writing.
        daemon = h.Daemon.watch(watch_cli, deployment.inbox, deployment.state, deployment.logs / "daemon.log",
                                settle=SETTLE)
        daemons.append(daemon)
        daemon.start()
        daemon.wait_for(lambda: "watching" in daemon.log().rsplit("=== start", 1)[-1], 30, "the daemon to start watching")
        return daemon

    daemon = start()
    client, sftp = sftp_session(sshd)
    try:
        sftp_upload_rest(sftp, local)
        data = (local / SLOW_PHOTO).read_bytes()
        with sftp.open(f"{NAME}/{SLOW_PHOTO}", "wb") as remote:
            remote.write(data[: len(data) // 2])
            stall_and_check(daemon, deployment.state, folder, SETTLE)
            daemon.kill9()
            # Down for longer than the settle window: every file now looks finished by its mtime.
            time.sleep(SETTLE + 1)
            daemon = start()
            stall_and_check(daemon, deployment.state, folder)
            remote.write(data[len(data) // 2:])
    finally:
        client.close()
    daemon.wait_for(lambda: h.all_published(deployment.state, [NAME]), 90, f"{NAME} to be processed")
    time.sleep(SETTLE * 2)
    runs = h.run_rows(deployment.state, folder)
    assert len(runs) == 1, runs
    assert h.folder_rows(deployment.state)[NAME]["publish_count"] == 1, runs
    result = h.parse_result(folder)
    assert sorted(p["source"] for p in result["photos"]) == sorted(PHOTOS)
    inputs = {i["path"]: i for i in result["inputs"]}
    assert inputs[SLOW_PHOTO]["bytes"] == len(data), inputs[SLOW_PHOTO]
    stop_cleanly(daemon)
