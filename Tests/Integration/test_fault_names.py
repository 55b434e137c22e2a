"""Names, identity and moves (issue 12), with the real daemon on real folders.

- `café` composed (NFC) and decomposed (NFD) are two folders: both published, each from its own text.
- A folder and a photo whose names are not UTF-8 are processed, shown as `caf\\xE9` in the statuses.
- A 250-byte photo name is published (derived names are shortened to fit NAME_MAX).
- A folder over the file cap keeps its description; its status names the photos left out.
- A folder renamed while its photos render: nothing is left or recreated at the old name, and the
  new name is published with every photo (none "unusable" because of the move).
- The same with a delete: nothing is recreated.

Paths are handled as bytes (os functions with bytes arguments), as the kernel sees them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest

import pi_harness as h

PHOTO = h.EXAMPLES / "condo-sukhumvit-24" / "bedroom.jpeg"
NFC = unicodedata.normalize("NFC", "café").encode()      # 63 61 66 c3 a9
NFD = unicodedata.normalize("NFD", "café").encode()      # 63 61 66 65 cc 81
LATIN1 = b"caf\xe9"                                        # not UTF-8


def description(bedrooms: int, price: int) -> bytes:
    return (f"Condo for rent: {bedrooms} bedrooms, 1 bathroom, 60 sqm, pool, Sukhumvit, Bangkok. "
            f"{price:,} THB/month.\n").encode()


def make_folder(inbox: Path, name: bytes, files: dict[bytes, bytes], ready: bool = True) -> bytes:
    folder = os.path.join(bytes(inbox), name)
    os.mkdir(folder)
    for file_name, content in files.items():
        with open(os.path.join(folder, file_name), "wb") as out:
            out.write(content)
    if ready:
        open(os.path.join(folder, b"READY"), "wb").close()
    return folder


def result_of(folder: bytes) -> dict | None:
    path = os.path.join(folder, b"result.json")
    if not os.path.exists(path):
        return None
    return json.loads(open(path, "rb").read())


def status_of(folder: bytes) -> str:
    return open(os.path.join(folder, b"_STATUS.txt"), "rb").read().decode()


def folder_states(state: Path) -> dict[bytes, str]:
    """Folder path (as the bytes on disk) → state. The database keeps escaped names as private-use
    characters U+F780+byte; turned back here so the test compares real bytes."""
    rows = h.db_query(state, "SELECT path, state FROM folder")
    return {system_bytes(path): state for path, state in rows}


def system_bytes(text: str) -> bytes:
    out = bytearray()
    for char in text:
        code = ord(char)
        out += bytes([code - 0xF780 + 0x80]) if 0xF780 <= code <= 0xF7FF else char.encode()
    return bytes(out)


def photo_bytes(variant: int, base: bytes) -> bytes:
    """The same picture with a different comment segment: a distinct file (and content hash)."""
    comment = f"photo {variant}".encode()
    return base[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + base[2:]


@pytest.fixture(scope="module")
def big_jpeg(tmp_path_factory) -> bytes:
    """A 2400×1800 noisy photo: slow enough to render that a folder of them takes a while."""
    path = tmp_path_factory.mktemp("photos") / "big.jpg"
    subprocess.run(["vips", "gaussnoise", f"{path}[Q=85]", "2400", "1800", "--mean", "128", "--sigma", "30"],
                   check=True, timeout=120)
    return path.read_bytes()


@pytest.fixture(scope="module")
def small_jpeg(tmp_path_factory) -> bytes:
    """A 180×120 photo: a thousand of them render quickly."""
    path = tmp_path_factory.mktemp("photos") / "small.jpg"
    subprocess.run(["vips", "resize", str(PHOTO), f"{path}[Q=70]", "0.1"], check=True, timeout=120)
    return path.read_bytes()


def test_composed_and_decomposed_twins_are_two_folders(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    photo = PHOTO.read_bytes()
    nfc = make_folder(inbox, NFC, {b"description.txt": description(2, 30_000), NFC + b".jpg": photo})
    # The decomposed twin also holds both spellings of a photo name: two photos, not one.
    nfd = make_folder(inbox, NFD, {b"description.txt": description(3, 45_000),
                                   NFC + b".jpg": photo, NFD + b".jpg": photo_bytes(1, photo)})
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    daemon.wait_for(lambda: result_of(nfc) and result_of(nfd), 120, "both café folders to be published")
    # result.json is written before the database records the publish: wait for the record.
    daemon.wait_for(lambda: all(folder_states(state).get(f) in h.DONE_STATES for f in (nfc, nfd)), 30,
                    "both café folders to be recorded as published")

    first, second = result_of(nfc), result_of(nfd)
    assert (first["bedrooms"], first["price"]) == (2, 30_000)
    assert (second["bedrooms"], second["price"]) == (3, 45_000)
    assert first["property_id"].encode() == NFC and second["property_id"].encode() == NFD
    assert sorted(p["source"].encode() for p in second["photos"]) == sorted([NFC + b".jpg", NFD + b".jpg"])
    assert all(p["quality"] != "unusable" for p in first["photos"] + second["photos"]), second["photos"]
    states = folder_states(state)
    assert states.get(nfc) in h.DONE_STATES and states.get(nfd) in h.DONE_STATES, states
    # Each has a status of its own, headed by its own spelling.
    assert open(os.path.join(nfc, b"_STATUS.txt"), "rb").read().startswith(NFC + b": ")
    assert open(os.path.join(nfd, b"_STATUS.txt"), "rb").read().startswith(NFD + b": ")
    daemon.stop()


def test_a_name_that_is_not_utf8_is_processed_and_shown_losslessly(watch_cli, base, daemons):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    photo = PHOTO.read_bytes()
    folder = make_folder(inbox, LATIN1, {b"description.txt": description(1, 18_000), b"ph\xf6to.jpg": photo,
                                         b"notes \xff.txt": "Close to BTS.\n".encode()})
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    daemon.wait_for(lambda: result_of(folder), 120, "the Latin-1 folder to be published")
    daemon.wait_for(lambda: "Done" in open(inbox / "_INBOX_STATUS.txt").read() if (inbox / "_INBOX_STATUS.txt").exists()
                    else False, 30, "_INBOX_STATUS.txt to show the folder")

    result = result_of(folder)
    assert result["property_id"] == "caf\\xE9"
    assert result["bedrooms"] == 1 and result["price"] == 18_000
    assert [(p["source"], p["quality"] != "unusable") for p in result["photos"]] == [("ph\\xF6to.jpg", True)]
    assert sorted(i["path"] for i in result["inputs"]) == ["description.txt", "notes \\xFF.txt", "ph\\xF6to.jpg"]
    # The derived photo exists on disk under the name result.json gives.
    assert os.path.exists(os.path.join(folder, result["photos"][0]["photo"].encode()))
    status = status_of(folder)
    assert status.startswith("caf\\xE9: "), status
    assert "ph\\xF6to.jpg" in status
    inbox_status = (inbox / "_INBOX_STATUS.txt").read_text()
    assert "caf\\xE9" in inbox_status, inbox_status
    assert "caf\\\\xE9" in daemon.log() or "caf\\xE9" in daemon.log()
    assert folder_states(state).get(folder) in h.DONE_STATES

    # One created while the daemon watches: seen through inotify, its watch added by its bytes.
    later = make_folder(inbox, b"ma\xefson", {b"description.txt": description(2, 26_000), b"\xe9t\xe9.jpg": photo})
    daemon.wait_for(lambda: result_of(later), 120, "the Latin-1 folder created while watching to be published")
    assert [p["source"] for p in result_of(later)["photos"]] == ["\\xE9t\\xE9.jpg"]
    daemon.stop()


def test_a_250_byte_photo_name_is_published(cli, base):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    photo = PHOTO.read_bytes()
    long_a = b"a" * 246 + b".jpg"                  # 250 bytes
    long_b = b"a" * 245 + b"b.jpg"                 # same start: must not collide
    thai = "บ้าน".encode() * 20 + b".jpg"          # 244 bytes of Thai
    folder = make_folder(inbox, b"long-names", {b"description.txt": description(2, 22_000), long_a: photo,
                                                 long_b: photo_bytes(2, photo), thai: photo_bytes(3, photo)})
    proc = subprocess.run([str(cli), "scan", str(inbox), "--state-dir", str(state), "--offline"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "too long" not in (proc.stdout + proc.stderr).lower()
    result = result_of(folder)
    assert result is not None, proc.stdout + proc.stderr
    photos = {p["source"].encode(): p for p in result["photos"]}
    assert set(photos) == {long_a, long_b, thai}
    derived = [p["photo"] for p in photos.values()]
    assert all(p and len(os.path.basename(p.encode())) <= 255 for p in derived), derived
    assert len(set(derived)) == 3
    for entry in photos.values():
        assert entry["quality"] != "unusable", entry
        assert os.path.exists(os.path.join(folder, entry["photo"].encode()))
        assert os.path.exists(os.path.join(folder, entry["thumb"].encode()))


def test_over_the_file_cap_the_description_stays_and_the_status_names_what_was_left_out(cli, base, small_jpeg):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    photo = small_jpeg
    files = {f"IMG_{i:04d}.jpg".encode(): photo_bytes(i, photo) for i in range(1, 1004)}
    # Named to sort after every photo: a cap by name alone would drop them.
    files[b"zz-description.txt"] = description(4, 90_000)
    files[b"context.txt"] = "Pets allowed.\n".encode()
    folder = make_folder(inbox, b"big-folder", files)
    proc = subprocess.run([str(cli), "scan", str(inbox), "--state-dir", str(state), "--offline"],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = result_of(folder)
    assert result["bedrooms"] == 4 and result["price"] == 90_000
    kinds = [i["kind"] for i in result["inputs"]]
    assert kinds.count("description") == 1 and kinds.count("context") == 1 and kinds.count("photo") == 998
    left_out = [f["path"] for f in result["ignored_files"]]
    assert left_out == [f"IMG_{i:04d}.jpg" for i in range(999, 1004)], left_out
    status = status_of(folder)
    assert "IMG_0999.jpg" in status and "IMG_1003.jpg" in status and "left out" in status


def start_slow_folder(inbox: Path, name: bytes, big_jpeg: bytes, count: int) -> bytes:
    files = {f"IMG_{i:03d}.jpg".encode(): photo_bytes(i, big_jpeg) for i in range(count)}
    files[b"description.txt"] = description(3, 55_000)
    return make_folder(inbox, name, files)


def derived_count(folder: bytes) -> int:
    try:
        return len([n for n in os.listdir(os.path.join(folder, b"_listing", b"photos")) if not n.startswith(b".")])
    except FileNotFoundError:
        return 0


def derived_files(folder: bytes, only: dict | None = None) -> dict[bytes, int]:
    """Derived photos (name → mtime in ns): a file rendered again has a new mtime."""
    directory = os.path.join(folder, b"_listing", b"photos")
    names = only or [n for n in os.listdir(directory) if not n.startswith(b".")]
    return {n: os.stat(os.path.join(directory, n)).st_mtime_ns for n in names}


def wait_mid_run(daemon: h.Daemon, folder: bytes, total: int):
    """Until some photos are rendered and most are not: the run is in the middle of its photos."""
    daemon.wait_for(lambda: derived_count(folder) >= 3, 180, "the first photos to be rendered")
    assert derived_count(folder) < total - 5, "the run finished before the move; use more photos"


def assert_nothing_at(path: bytes, daemon: h.Daemon, seconds: float = 4):
    """For a while after the run stopped: the old path stays absent (nothing recreated it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert not os.path.lexists(path), f"{path!r} was recreated:\n{os.listdir(path) if os.path.isdir(path) else ''}"
        time.sleep(0.05)
    daemon.assert_alive()


PHOTOS_IN_SLOW_FOLDER = 60


def test_a_folder_renamed_mid_run_is_published_under_its_new_name_with_every_photo(watch_cli, base, daemons, big_jpeg):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    old = start_slow_folder(inbox, b"villa", big_jpeg, PHOTOS_IN_SLOW_FOLDER)
    new = os.path.join(bytes(inbox), b"villa-renamed")
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    wait_mid_run(daemon, old, PHOTOS_IN_SLOW_FOLDER)
    os.rename(old, new)
    rendered_before_move = derived_files(new)

    daemon.wait_for(lambda: "renamed or deleted while it was processed" in daemon.log(), 120,
                    "the run on the old name to notice the move")
    assert_nothing_at(old, daemon)
    daemon.wait_for(lambda: result_of(new), 600, "the renamed folder to be published")
    daemon.wait_for(lambda: folder_states(state).get(new) in h.DONE_STATES, 30, "the publish to be recorded")
    result = result_of(new)
    assert result["property_id"] == "villa-renamed"
    assert len(result["photos"]) == PHOTOS_IN_SLOW_FOLDER
    unusable = [p for p in result["photos"] if p["quality"] == "unusable"]
    assert not unusable, unusable[:3]
    assert all(os.path.exists(os.path.join(new, p["photo"].encode())) for p in result["photos"])
    # A temp file the old run had open when the folder moved does not stay behind.
    leftovers = [n for sub in (b"photos", b"thumbs") for n in os.listdir(os.path.join(new, b"_listing", sub))
                 if n.startswith(b".pi-tmp-")]
    assert not leftovers, leftovers
    assert not os.path.lexists(old)
    states = folder_states(state)
    assert states.get(new) in h.DONE_STATES, states
    assert states.get(old) in (None, "removed"), states
    # The photos rendered under the old name were reused through the cache, not rendered again.
    assert rendered_before_move, "no photo was rendered before the rename"
    assert derived_files(new, only=rendered_before_move) == rendered_before_move
    print(f"{len(rendered_before_move)} photos rendered under the old name were reused")
    # A move is not an error: temp files that vanished with the old name are logged below `error`.
    errors = [line for line in daemon.log().splitlines() if re.search(r"Z (error|critical) ", line)]
    assert not errors, errors[:5]
    daemon.stop()


def test_a_folder_deleted_mid_run_is_not_recreated(watch_cli, base, daemons, big_jpeg):
    inbox, state = base / "inbox", base / "state"
    inbox.mkdir()
    old = start_slow_folder(inbox, b"house", big_jpeg, PHOTOS_IN_SLOW_FOLDER)
    daemon = h.Daemon.watch(watch_cli, inbox, state, base / "daemon.log", settle=1)
    daemons.append(daemon)
    daemon.start()
    wait_mid_run(daemon, old, PHOTOS_IN_SLOW_FOLDER)
    # As `rm -rf` does it, while the daemon may still be adding derived photos inside.
    while os.path.lexists(old):
        shutil.rmtree(old, ignore_errors=True)
    daemon.wait_for(lambda: "renamed or deleted while it was processed" in daemon.log()
                    or "entries were removed from the folder while it was processed" in daemon.log(), 120,
                    "the run to notice the delete")
    assert_nothing_at(old, daemon, seconds=5)
    assert folder_states(state).get(old) in (None, "removed")
    visible = [name for name in os.listdir(inbox) if not name.startswith(".")]
    assert visible in (["_INBOX_STATUS.txt"], []), visible
    daemon.stop()
