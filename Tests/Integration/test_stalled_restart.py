"""A restart in the middle of a stalled upload, as the shipped unit runs the daemon (issue 24):
the service user, which cannot see the agent's processes in /proc (as with ProtectProc=invisible),
so after the restart nothing says the half-written photo is still open. The photo decodes as cut
short and was written a moment ago: the folder waits, and is published once, from the complete
photo, after the upload closes.
"""
from __future__ import annotations

import os
import time

import pi_harness as h

SETTLE = 1.0
SOURCE = h.EXAMPLES / "condo-sukhumvit-24"


def no_publish_during(daemon: h.Daemon, state, folder, seconds: float):
    """For `seconds`, checking all along: nothing was published."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        daemon.assert_alive()
        assert h.folder_rows(state).get(folder.name, {}).get("publish_count", 0) == 0, h.run_rows(state, folder)
        assert not (folder / "result.json").exists()
        time.sleep(0.1)


def test_restart_mid_stall_as_the_service_user_publishes_once_from_the_complete_photo(watch_cli, deployment, daemons):
    def start() -> h.Daemon:
        daemon = deployment.service_daemon(watch_cli, settle=SETTLE)
        daemons.append(daemon)
        daemon.start()
        daemon.wait_for(lambda: "watching" in daemon.log().rsplit("=== start", 1)[-1], 30, "the daemon to start watching")
        return daemon

    daemon = start()
    folder = deployment.inbox / "condo-stalled"
    folder.mkdir()
    h.chown(folder, h.AGENT_USER, h.AGENTS_GROUP, 0o2775)
    (folder / "description.txt").write_bytes((SOURCE / "description.txt").read_bytes())
    data = (SOURCE / "bedroom.jpeg").read_bytes()
    with open(folder / "bedroom.jpeg", "wb") as photo:
        photo.write(data[: len(data) // 2])
        photo.flush()
        daemon.wait_for(lambda: h.folder_rows(deployment.state).get(folder.name, {}).get("state") == "waiting", 30,
                        "the upload to be noticed")
        no_publish_during(daemon, deployment.state, folder, SETTLE)
        daemon.stop()
        # Down until the half photo's last write is older than the settle window: by its time it looks finished.
        h.wait_until(lambda: time.time() - os.stat(folder / "bedroom.jpeg").st_mtime > SETTLE + 0.5, 10,
                     "the photo to look settled")
        daemon = start()
        log = lambda: daemon.log().rsplit("=== start", 1)[-1]  # noqa: E731
        daemon.wait_for(lambda: "waiting for its upload to finish" in log() or (folder / "result.json").exists(), 30,
                        "the restarted daemon to find the photo cut short and still being uploaded")
        assert "cannot see which files other users' processes hold open" in log(), "/proc showed the writer: the test proved nothing"
        no_publish_during(daemon, deployment.state, folder, SETTLE * 2)
        photo.write(data[len(data) // 2:])
    daemon.wait_for(lambda: h.all_published(deployment.state, [folder.name]), 60, "the folder to be published")
    no_publish_during_after = time.monotonic() + SETTLE * 2
    while time.monotonic() < no_publish_during_after:
        assert h.folder_rows(deployment.state)[folder.name]["publish_count"] == 1
        time.sleep(0.1)
    result = h.parse_result(folder)
    inputs = {i["path"]: i for i in result["inputs"]}
    assert inputs["bedroom.jpeg"]["bytes"] == len(data), inputs
    assert [p["quality"] for p in result["photos"]] == ["ok"], result["photos"]
    code, _ = daemon.stop()
    assert code == 0
