"""Outputs checked against what was published (issue 24), with the real daemon.

- One derived photo deleted by hand while the daemon runs: written back within the settle window
  + 2 s, the same bytes, no stage run again (the run says `restore`), `lastmod` and the publish
  count unchanged.
- `_listing/` removed while the daemon is stopped: the start-up reconciliation finds it against
  the manifest of the last publish and writes it back, the same way.
- `listing.md` appended to while the daemon is stopped: its size no longer matches the manifest,
  so it is written back at start.
- `listing.md`, `result.json` and a derived photo edited by hand to the same size, while the daemon
  runs and while it is stopped: written back with the published bytes (the manifest's mtime moved,
  its hash differs), only `restore` runs, `lastmod` and the publish count unchanged.
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


def wait_for_the_run(daemon: h.Daemon, state: Path, folder: Path, runs_before: int) -> None:
    daemon.wait_for(lambda: len(h.run_rows(state, folder)) > runs_before and h.run_rows(state, folder)[-1]["finished_at"], 10,
                    "the run to be recorded")


def assert_not_published_again(state: Path, folder: Path, date: str) -> None:
    assert lastmod(folder) == date
    assert published(state, folder)["publish_count"] == 1


def publish_once(daemon: h.Daemon, state: Path, folder: Path) -> dict[str, str]:
    daemon.wait_for(lambda: published(state, folder).get("state") in h.DONE_STATES, 120, "the folder to be published")
    return digests(folder / "_listing")


def restart_after(change, daemon: h.Daemon, watch_cli, base: Path, daemons) -> h.Daemon:
    """Stops the daemon, makes `change` while none runs, and starts a new one on the same inbox and state."""
    daemon.stop()
    change()
    return start(watch_cli, base / "inbox", base / "state", base / "daemon.log", daemons)


def published_folder(watch_cli, base: Path, daemons, name: str) -> tuple[h.Daemon, Path, Path, dict[str, str]]:
    """A daemon on a new inbox, and a folder it published: the daemon, state, folder and `_listing/`'s digests."""
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    daemon = start(watch_cli, inbox, state, base / "daemon.log", daemons)
    folder = make_folder(inbox, name)
    return daemon, state, folder, publish_once(daemon, state, folder)


def test_a_derived_photo_deleted_by_hand_is_written_back_without_running_a_stage(watch_cli, base, daemons):
    daemon, state, folder, before = published_folder(watch_cli, base, daemons, "villa-photo-gone")
    date = lastmod(folder)
    runs = len(h.run_rows(state, folder))
    victim = folder / "_listing" / "photos" / sorted(p for p in before if p.startswith("photos/"))[0].split("/")[1]
    victim.unlink()
    deleted = time.monotonic()
    daemon.wait_for(victim.exists, SETTLE + 2, "the derived photo to be written back within the settle window + 2 s")
    print(f"written back after {time.monotonic() - deleted:.2f} s")
    wait_for_the_run(daemon, state, folder, runs)
    assert digests(folder / "_listing") == before
    # The write-back, and no stage: under load the write-back's own events can be followed by one
    # more run that finds everything in place and runs nothing ("").
    after = stages_after(state, folder, runs)
    assert after[0] == "restore" and all(stages in ("restore", "") for stages in after), after
    assert_not_published_again(state, folder, date)


def test_listing_folder_removed_while_stopped_is_restored_at_start(watch_cli, base, daemons):
    daemon, state, folder, before = published_folder(watch_cli, base, daemons, "villa-listing-gone")
    date, runs = lastmod(folder), len(h.run_rows(state, folder))
    daemon = restart_after(lambda: shutil.rmtree(folder / "_listing"), daemon, watch_cli, base, daemons)
    daemon.wait_for(lambda: (folder / "_listing").exists() and digests(folder / "_listing") == before, 30,
                    "_listing/ to be written back at start")
    wait_for_the_run(daemon, state, folder, runs)
    assert stages_after(state, folder, runs) == ["restore"]
    assert_not_published_again(state, folder, date)


def test_a_page_edited_while_stopped_is_written_back_at_start_when_its_size_changed(watch_cli, base, daemons):
    daemon, state, folder, _ = published_folder(watch_cli, base, daemons, "villa-page-edited")
    page = (folder / "listing.md").read_text()
    daemon.stop()
    with open(folder / "listing.md", "a") as listing:
        listing.write("\nAn agent's note added by hand.\n")
    daemon = start(watch_cli, folder.parent, state, base / "daemon.log", daemons)
    daemon.wait_for(lambda: (folder / "listing.md").read_text() == page, 30, "listing.md to be written back at start")
    assert published(state, folder)["publish_count"] == 1


def edit_keeping_size(path: Path) -> None:
    """Changes a few bytes in the middle of the file in place, as an editor saving over it would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for index in range(middle, min(len(data), middle + 8)):
        # Text stays text: a letter becomes the next one; anything else is inverted.
        data[index] = data[index] + 1 if 0x61 <= data[index] < 0x7A else data[index] ^ 0xFF
    with open(path, "r+b") as file:
        file.write(data)
    assert path.stat().st_size == len(data)


def edit_outputs_keeping_their_size(folder: Path, listing: dict[str, str]) -> dict[str, bytes]:
    """Edits listing.md, result.json and the first derived photo; returns what was published."""
    photo = folder / "_listing" / sorted(p for p in listing if p.startswith("photos/"))[0]
    victims = [folder / "listing.md", folder / "result.json", photo]
    originals = {str(path): path.read_bytes() for path in victims}
    for path in victims:
        edit_keeping_size(path)
        assert path.read_bytes() != originals[str(path)]
    return originals


def written_back(originals: dict[str, bytes]) -> bool:
    return all(Path(path).read_bytes() == data for path, data in originals.items())


def test_outputs_edited_to_the_same_size_while_running_are_written_back(watch_cli, base, daemons):
    daemon, state, folder, before = published_folder(watch_cli, base, daemons, "villa-same-size-live")
    date = lastmod(folder)
    runs = len(h.run_rows(state, folder))
    originals = edit_outputs_keeping_their_size(folder, before)
    daemon.wait_for(lambda: written_back(originals), SETTLE + 5, "the edited outputs to be written back")
    wait_for_the_run(daemon, state, folder, runs)
    assert digests(folder / "_listing") == before
    after = stages_after(state, folder, runs)
    assert "restore" in after and all(stages in ("restore", "") for stages in after), after
    assert_not_published_again(state, folder, date)


def test_outputs_edited_to_the_same_size_while_stopped_are_written_back_at_start(watch_cli, base, daemons):
    daemon, state, folder, before = published_folder(watch_cli, base, daemons, "villa-same-size-stopped")
    date, runs = lastmod(folder), len(h.run_rows(state, folder))
    originals: dict[str, bytes] = {}
    daemon = restart_after(lambda: originals.update(edit_outputs_keeping_their_size(folder, before)), daemon, watch_cli, base, daemons)
    daemon.wait_for(lambda: written_back(originals), 30, "the edited outputs to be written back at start")
    wait_for_the_run(daemon, state, folder, runs)
    assert digests(folder / "_listing") == before
    assert stages_after(state, folder, runs) == ["restore"]
    assert_not_published_again(state, folder, date)
