"""What the Python benchmark runners share: the binary they measure and the line that says what
produced their table.

binary(smoke): $PROPERTY_INBOX_BIN when set, else `property-inbox` built now by Benchmarks/build.sh
(the debug build in .build for a smoke run, a release build in $BENCH_SCRATCH, .build-bench,
otherwise), so a table always measures the checkout it was printed from.
"""
from __future__ import annotations

import functools
import os
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def binary(smoke: bool, product: str = "property-inbox") -> Path:
    commit()  # the checkout being built is the one measured
    override = os.environ.get("PROPERTY_INBOX_BIN")
    if override and product == "property-inbox":
        return Path(override)
    out = subprocess.run([str(REPO / "Benchmarks" / "build.sh"), "smoke" if smoke else "full", product],
                         check=True, stdout=subprocess.PIPE, text=True, timeout=7200)
    return Path(out.stdout.strip().splitlines()[-1])


@functools.cache
def commit() -> str:
    """`git describe --always --dirty`: the commit the table measures (-dirty: with uncommitted changes),
    read once, when the runner starts: a commit made while it runs does not change what it measured."""
    try:
        return subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty", "--abbrev=10"],
                              check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def provenance(command: str, smoke: bool) -> str:
    """The line printed above a runner's table: what to write next to it in docs/BENCHMARKS.md."""
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (f"== {command} ({'smoke' if smoke else 'full'}): commit {commit()}, {time.strftime('%Y-%m-%d')}, "
            f"{os.cpu_count()} cores, load average {load}")
