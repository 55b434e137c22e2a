"""Outputs checked against what was published (issue 24), with the real daemon.

- One derived photo deleted by hand while the daemon runs: written back within the settle window
  + 2 s, the same bytes, no stage run again (the run says `restore`), `lastmod` and the publish
  count unchanged.
- `_listing/` removed while the daemon is stopped: the start-up reconciliation finds it against
  the manifest of the last publish and writes it back, the same way.
- `listing.md` appended to while the daemon is stopped: its size no longer matches the manifest,
  so it is written back at start.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import time
from pathlib import Path

import pi_harness as h

PHOTOS = [h.EXAMPLES / "villa-rawai-12" / name for name in ("IMG_0001.JPG", "IMG_0002.JPG")]
SETTLE = 1.0


def make_folder(inbox: Path, name: str) -> Path:
    folder = h.make_text_folder(inbox, name, ready=False)
    for index, photo in enumerate(PHOTOS):
        shutil.copy(photo, folder / f"IMG_{index}.jpg")
    (folder / "READY").touch()
    return folder


def digests(directory: Path) -> dict[str, str]:
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def lastmod(folder: Path) -> str:
    return re.search(r"^lastmod: *(.+)$", (folder / "listing.md").read_text(), re.M).group(1)


def published(state: Path, folder: Path) -> dict:
    return h.folder_rows(state).get(folder.name, {})


def stages_after(state: Path, folder: Path, runs_before: int) -> list[str]:
    return [run["stages_run"] for run in h.run_rows(state, folder)[runs_before:]]


def start(watch_cli, inbox: Path, state: Path, log: Path, daemons) -> h.Daemon:
    daemon = h.Daemon.watch(watch_cli, inbox, state, log, settle=SETTLE)
    daemons.append(daemon)
    return daemon.start()


def publish_once(daemon: h.Daemon, state: Path, folder: Path) -> dict[str, str]:
    daemon.wait_for(lambda: published(state, folder).get("state") in h.DONE_STATES, 120, "the folder to be published")
    return digests(folder / "_listing")


def test_a_derived_photo_deleted_by_hand_is_written_back_without_running_a_stage(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    folder = make_folder(inbox, "villa-photo-gone")
    before = publish_once(daemon, state, folder)
    date = lastmod(folder)
    runs = len(h.run_rows(state, folder))
    victim = folder / "_listing" / "photos" / sorted(p for p in before if p.startswith("photos/"))[0].split("/")[1]
    victim.unlink()
    deleted = time.monotonic()
    daemon.wait_for(victim.exists, SETTLE + 2, "the derived photo to be written back within the settle window + 2 s")
    print(f"written back after {time.monotonic() - deleted:.2f} s")
    daemon.wait_for(lambda: len(h.run_rows(state, folder)) > runs and h.run_rows(state, folder)[-1]["finished_at"], 10,
                    "the run to be recorded")
    assert digests(folder / "_listing") == before
    # The write-back, and no stage: under load the write-back's own events can be followed by one
    # more run that finds everything in place and runs nothing ("").
    after = stages_after(state, folder, runs)
    assert after[0] == "restore" and all(stages in ("restore", "") for stages in after), after
    assert lastmod(folder) == date
    assert published(state, folder)["publish_count"] == 1


def test_listing_folder_removed_while_stopped_is_restored_at_start(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    folder = make_folder(inbox, "villa-listing-gone")
    before = publish_once(daemon, state, folder)
    date = lastmod(folder)
    daemon.stop()
    runs = len(h.run_rows(state, folder))
    shutil.rmtree(folder / "_listing")
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    daemon.wait_for(lambda: (folder / "_listing").exists() and digests(folder / "_listing") == before, 30,
                    "_listing/ to be written back at start")
    daemon.wait_for(lambda: len(h.run_rows(state, folder)) > runs and h.run_rows(state, folder)[-1]["finished_at"], 10,
                    "the run to be recorded")
    assert stages_after(state, folder, runs) == ["restore"]
    assert lastmod(folder) == date
    assert published(state, folder)["publish_count"] == 1


def test_a_page_edited_while_stopped_is_written_back_at_start_when_its_size_changed(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    folder = make_folder(inbox, "villa-page-edited")
    publish_once(daemon, state, folder)
    page = (folder / "listing.md").read_text()
    daemon.stop()
    with open(folder / "listing.md", "a") as listing:
        listing.write("\nAn agent's note added by hand.\n")
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    daemon.wait_for(lambda: (folder / "listing.md").read_text() == page, 30, "listing.md to be written back at start")
    assert published(state, folder)["publish_count"] == 1
