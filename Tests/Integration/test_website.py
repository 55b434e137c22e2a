"""The example Hugo site built from processed listings, with the real CLI, sync script and Hugo.

- Listings published one after another appear newest first (front matter `date`), each page
  rendered by layouts/listings/single.html, every link and og:image resolving (check_site.py).
- An edit that changes nothing on the page keeps `lastmod`; the list order stays by first publish.
- A folder marked SOLD becomes a draft and leaves the site at the next sync; none of the inputs
  (descriptions, context, original photos, a voice memo, result.json) is ever in public/.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import pi_harness as h

SITE = h.REPO / "examples" / "site"
BASE_URL = "https://homes.example/"


def front_matter(folder: Path) -> dict:
    return yaml.safe_load((folder / "listing.md").read_text(encoding="utf-8").split("---\n")[1])


def process(cli: Path, folder: Path, state: Path):
    subprocess.run([str(cli), "process", str(folder), "--state-dir", str(state), "--offline",
                    "--config", str(SITE / "property-inbox.toml")], check=True, capture_output=True, timeout=300)


def build_site(inbox: Path, site: Path) -> Path:
    subprocess.run([str(SITE / "sync-listings.sh"), str(inbox), str(site / "content" / "listings")], check=True, timeout=120)
    public = site / "public"
    subprocess.run(["hugo", "--source", str(site), "--destination", str(public), "--quiet", "--cleanDestinationDir"],
                   check=True, timeout=300)
    return public


def check_site(public: Path, inbox: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SITE / "check_site.py"), str(public), BASE_URL, str(inbox)],
                          capture_output=True, text=True, timeout=120)


def listed_ids(public: Path) -> list[str]:
    import re
    html = (public / "listings" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<li class="listing-card" data-listing="([^"]+)"', html)


def test_example_site_orders_by_first_publish_hides_drafts_and_publishes_no_input(cli, tmp_path):
    if shutil.which("hugo") is None:
        pytest.fail("hugo is not installed (make deps installs Debian's hugo)")
    inbox, state, site = tmp_path / "inbox", tmp_path / "state", tmp_path / "site"
    shutil.copytree(h.EXAMPLES, inbox)
    shutil.copytree(SITE, site)
    (inbox / "villa-rawai-12" / "memo.m4a").write_bytes(b"\x00\x00\x00\x18ftypM4A not really audio")

    # One at a time, a second apart: the dates differ and the order is known.
    order = ["land-chiangmai-hangdong", "villa-rawai-12", "condo-sukhumvit-24", "dom-pattaya-jomtien"]
    for name in order:
        process(cli, inbox / name, state)
        time.sleep(1.1)
    public = build_site(inbox, site)
    checked = check_site(public, inbox)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert listed_ids(public) == list(reversed(order))

    # A context.txt edit re-publishes the villa but changes nothing on its page: date and lastmod stay.
    villa = inbox / "villa-rawai-12"
    before = front_matter(villa)
    (villa / "context.txt").write_text((villa / "context.txt").read_text() + "\nKeys at the office.\n")
    process(cli, villa, state)
    after = front_matter(villa)
    assert (after["date"], after["lastmod"]) == (before["date"], before["lastmod"])

    # The condo is sold: a draft, gone from the site after the next sync and build.
    (inbox / "condo-sukhumvit-24" / "SOLD").touch()
    process(cli, inbox / "condo-sukhumvit-24", state)
    assert front_matter(inbox / "condo-sukhumvit-24")["draft"] is True
    public = build_site(inbox, site)
    checked = check_site(public, inbox)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert listed_ids(public) == ["dom-pattaya-jomtien", "villa-rawai-12", "land-chiangmai-hangdong"]
    assert not (public / "listings" / "condo-sukhumvit-24").exists()
    assert not (site / "content" / "listings" / "condo-sukhumvit-24").exists()

    published = {p.name for p in public.rglob("*") if p.is_file()}
    assert not published & {"description.txt", "context.txt", "memo.m4a", "result.json", "_STATUS.txt", "IMG_0001.JPG"}
