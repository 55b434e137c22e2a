"""Deletion is an outcome, not a fault (issue 24), with the real daemon on real folders.

- A folder deleted the way SFTP and Samba clients delete it (listed, then entry by entry,
  bottom-up, 20 ms apart, then `rmdir`), started at once (listed before the run wrote anything)
  and at random points of a run: the client's last `rmdir` succeeds every time (what the run
  created after the listing is taken back once it sees the removals) and the database says
  `removed`, with no run recorded as failed.
- `rm -rf` the moment `result.json` appears: gone every time, and nothing is recreated.

Each test runs 20 trials against one daemon (settle window 1 s). The seed is printed
(PROPERTY_INBOX_IT_SEED replays it).
"""
from __future__ import annotations

import errno
import os
import subprocess
import time
from pathlib import Path

import pytest

import pi_harness as h

PHOTO = h.EXAMPLES / "condo-sukhumvit-24" / "bedroom.jpeg"
TRIALS = 20
DESCRIPTION = b"Condo for rent: 2 bedrooms, 1 bathroom, 60 sqm, pool, Sukhumvit, Bangkok. 35,000 THB/month.\n"


@pytest.fixture(scope="module")
def jpeg(tmp_path_factory) -> bytes:
    """A 1200x900 noisy photo: a folder of eight takes a second or two to render."""
    path = tmp_path_factory.mktemp("photos") / "noise.jpg"
    subprocess.run(["vips", "gaussnoise", f"{path}[Q=85]", "1200", "900", "--mean", "128", "--sigma", "30"],
                   check=True, timeout=120)
    return path.read_bytes()


def photo_bytes(variant: int, base: bytes) -> bytes:
    """The same picture with its own comment segment: a distinct file, so nothing comes from the cache."""
    comment = f"trial photo {variant}".encode()
    return base[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + base[2:]


def make_folder(inbox: Path, name: str, jpeg: bytes, photos: int, variant: int) -> Path:
    folder = inbox / name
    folder.mkdir()
    (folder / "description.txt").write_bytes(DESCRIPTION)
    for index in range(photos):
        (folder / f"IMG_{index:02d}.jpg").write_bytes(photo_bytes(variant * 100 + index, jpeg))
    (folder / "READY").touch()
    return folder


def client_delete(path: str, gap: float = 0.02) -> str | None:
    """As an SFTP or Samba client deletes a folder: lists it once, deletes subfolders first (the same
    way), then each file, `gap` apart, then removes the folder. An entry gone meanwhile is fine;
    returns the error of a `rmdir` that failed (an entry was added after the listing)."""
    names = sorted(os.listdir(path), key=lambda name: not os.path.isdir(os.path.join(path, name)))
    for name in names:
        entry = os.path.join(path, name)
        if os.path.isdir(entry) and not os.path.islink(entry):
            failure = client_delete(entry, gap)
            if failure:
                return failure
            continue
        try:
            os.unlink(entry)
        except FileNotFoundError:
            pass
        time.sleep(gap)
    try:
        os.rmdir(path)
    except OSError as error:
        if error.errno == errno.ENOENT:
            return None
        left = os.listdir(path) if os.path.isdir(path) else []
        return f"rmdir({path}): {error.strerror}; left: {left}"
    return None


def state_of(state: Path, folder: Path) -> str | None:
    return h.folder_rows(state).get(folder.name, {}).get("state")


def assert_stays_gone(daemon: h.Daemon, folder: Path, seconds: float):
    """For a while after the deletion: nothing recreates the folder."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert not os.path.lexists(folder), f"{folder} was recreated: {os.listdir(folder) if folder.is_dir() else ''}"
        time.sleep(0.05)
    daemon.assert_alive()


def assert_removed_without_failing(daemon: h.Daemon, state: Path, folder: Path):
    daemon.wait_for(lambda: state_of(state, folder) in ("removed", None), 10, f"{folder.name} to be recorded removed")
    outcomes = [run["outcome"] for run in h.run_rows(state, folder)]
    assert "failed" not in outcomes, (folder.name, outcomes)
    lines = [line for line in daemon.log().splitlines() if folder.name in line and "processing failed" in line]
    assert not lines, lines


def test_a_folder_deleted_entry_by_entry_at_any_point_of_its_run_is_gone_and_removed(watch_cli, base, daemons, jpeg):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    random = h.rng()
    # How long one run takes here, to spread the deletions over it.
    reference = make_folder(inbox, "reference", jpeg, photos=8, variant=0)
    started = time.monotonic()
    daemon.wait_for(lambda: state_of(state, reference) in h.DONE_STATES, 120, "the reference folder to be published")
    run_seconds = time.monotonic() - started
    print(f"one run: {run_seconds:.2f} s")
    failures = []
    for trial in range(1, TRIALS + 1):
        folder = make_folder(inbox, f"trial-{trial:02d}", jpeg, photos=8, variant=trial)
        # The first trials start deleting at once: the client lists the folder before the run
        # has written anything, so all the run writes afterwards is new to the client.
        delay = 0.0 if trial <= 4 else random.uniform(0, run_seconds * 1.2)
        time.sleep(delay)  # a random point of the run (the folder starts at once: READY)
        failure = client_delete(str(folder))
        if failure:
            # What the daemon did with this folder, to see what it wrote after the client's listing.
            lines = [line for line in daemon.log().splitlines() if folder.name in line][:60]
            failures.append(f"trial {trial} (deleted {delay:.2f} s in): {failure}\n  " + "\n  ".join(lines))
            continue
        assert not os.path.lexists(folder)
        assert_removed_without_failing(daemon, state, folder)
    assert not failures, "\n".join(failures) + "\n" + daemon.log()[-3000:]
    # The last deletions are looked at again once quiet: still nothing recreated.
    assert_stays_gone(daemon, inbox / f"trial-{TRIALS:02d}", 1.5)
    assert sorted(p.name for p in inbox.iterdir() if not p.name.startswith((".", "_"))) == ["reference"]


def test_rm_rf_the_moment_result_json_appears_leaves_nothing(watch_cli, base, daemons, jpeg):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    failures = []
    for trial in range(1, TRIALS + 1):
        folder = make_folder(inbox, f"rmrf-{trial:02d}", jpeg, photos=2, variant=1000 + trial)
        result = folder / "result.json"
        deadline = time.monotonic() + 60
        while not result.exists():
            assert time.monotonic() < deadline, f"no result.json in {folder.name}:\n{daemon.log()[-3000:]}"
            time.sleep(0.001)
        removal = subprocess.run(["rm", "-rf", str(folder)], capture_output=True, text=True)
        if removal.returncode != 0 or os.path.lexists(folder):
            failures.append(f"trial {trial}: rm -rf: {removal.stderr.strip()}; left: "
                            f"{os.listdir(folder) if folder.is_dir() else None}")
            subprocess.run(["rm", "-rf", str(folder)])
            continue
        assert_removed_without_failing(daemon, state, folder)
    assert not failures, "\n".join(failures)
    # The settle window after the last deletion passes: nothing comes back.
    assert_stays_gone(daemon, inbox / f"rmrf-{TRIALS:02d}", 1.5)
    assert [p.name for p in inbox.iterdir() if not p.name.startswith((".", "_"))] == []
