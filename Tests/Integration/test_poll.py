"""`watch --poll` (inboxes on network mounts, where inotify is silent) keeps the same readiness
rules: a photo written in pieces over more than the settle window is read once, after its last byte.
"""
from __future__ import annotations

import os
import time

import pi_harness as h

SETTLE = 3.0


def test_poll_mode_waits_for_a_file_written_in_pieces_and_processes_it_once(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=SETTLE, poll=True,
                            extra=["--poll-interval", "0.5"])
    daemons.append(daemon)
    daemon.start()
    source = h.EXAMPLES / "condo-sukhumvit-24"
    folder = inbox / "condo-sukhumvit-24"
    folder.mkdir()
    (folder / "description.txt").write_bytes((source / "description.txt").read_bytes())
    data = (source / "bedroom.jpeg").read_bytes()
    pieces = 8
    with open(folder / "bedroom.jpeg", "wb") as photo:
        # One piece a second: each gap shorter than the settle window, the whole more than twice it.
        for i in range(pieces):
            photo.write(data[len(data) * i // pieces: len(data) * (i + 1) // pieces])
            photo.flush()
            os.fsync(photo.fileno())
            if i < pieces - 1:
                time.sleep(1.0)
    last_byte = os.stat(folder / "bedroom.jpeg").st_mtime
    daemon.wait_for(lambda: h.all_published(state, [folder.name]), 90, "the folder to be processed in poll mode")
    time.sleep(SETTLE * 2)
    runs = h.run_rows(state, folder)
    assert h.folder_rows(state)[folder.name]["publish_count"] == 1, runs
    assert len(runs) == 1, runs
    assert h.parse_timestamp(runs[0]["started_at"]) >= last_byte, (runs, last_byte)
    result = h.parse_result(folder)
    assert [p["source"] for p in result["photos"]] == ["bedroom.jpeg"]
    assert next(i for i in result["inputs"] if i["path"] == "bedroom.jpeg")["bytes"] == len(data)
    code, seconds = daemon.stop()
    assert code == 0 and seconds <= 10, (code, seconds)
