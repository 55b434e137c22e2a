#!/usr/bin/env python3
"""Folders per minute with 1, 2 and 3 workers sharing one inbox through PostgreSQL (issue #25), and
the same folders on SQLite alone, against Tests/Support/fake_openai_server.py answering every call
after --latency seconds (1 s: a realistic provider) with a provider rate limit of --rate calls a
minute, counted across the workers.

Each run gets a new inbox, new state directories and (PostgreSQL) a new database; every process
runs one folder at a time (`[watch] max_concurrent_folders = 1`), so a worker is one slot:

  postgres, N workers — `watch --database` (the watcher, also a worker) and N-1 `work` processes;
  sqlite, N slots     — `watch` alone with max_concurrent_folders = N (one host, no database).

Once every process is ready, --folders folders are renamed into the inbox in one go (description
and READY written in a staging directory first); the time is from just before the renames to the
last result.json ("after the first minute": the folders published after it, over the time after
it — the sliding window lets a whole minute's calls go at once at the start). With the rate limit
shared, throughput grows with the workers until the calls a minute reach --rate; past that more
workers only wait.

  python3 Benchmarks/scale-out/bench_scale_out.py [--folders 100] [--latency 1] [--rate 90]

--smoke (part of `make test`): debug build, 4 folders, 0.2 s calls; checks the runner, not the
numbers. Needs root (PostgreSQL runs as its own user, as in Tests/Integration/test_scale_out.py).
The binary is $PROPERTY_INBOX_BIN, else built by Benchmarks/build.sh.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Integration"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_build  # noqa: E402
import pg_harness as pg  # noqa: E402
import pi_harness as h  # noqa: E402


def run(cli: Path, work: Path, server: pg.Postgres | None, workers: int, args) -> dict:
    label = f"{'postgres' if server else 'sqlite'}-{workers}"
    root = work / label
    inbox, staging = root / "inbox", root / "staging"
    for d in (inbox, staging):
        d.mkdir(parents=True)
    slots = 1 if server else workers
    config = root / "config.toml"
    config.write_text(f"[provider]\nrequests_per_minute = {args.rate}\n\n[watch]\nmax_concurrent_folders = {slots}\n")
    provider = h.FakeProvider(args.latency, root / "fake-script.json")
    # Two calls a folder, both answered: the extraction (the default answer) and the description.
    script = {"steps": [{"match_system": "You write property listings", "repeat": True,
                         "content": json.dumps({"description": "A bright house with a garden in Rawai."})}],
              "default_content": h.VALID_DETAILS, "latency": args.latency}
    urllib.request.urlopen(urllib.request.Request(provider.base + "/_script", data=json.dumps(script).encode(),
                                                  method="POST"), timeout=10).read()
    env = {"OPENROUTER_API_KEY": "sk-bench-not-secret", "OPENROUTER_BASE_URL": provider.base}
    common = ["--config", str(config), "--verbose"]
    daemons = []
    try:
        database = []
        if server:
            name = "bench_" + label.replace("-", "_")
            database = ["--database", server.new_database(name), "--worker-name"]
        daemons.append(h.Daemon([str(cli), "watch", str(inbox), "--state-dir", str(root / "state-watch"), "--settle", "1"]
                                + common + (database + ["watch"] if server else []), root / "watch.log", env=env))
        for i in range(1, workers if server else 1):
            daemons.append(h.Daemon([str(cli), "work", "--inbox", str(inbox), "--state-dir", str(root / f"state-w{i}")]
                                    + common + database + [f"w{i}"], root / f"w{i}.log", env=env))
        for d in daemons:
            d.start()
        for d in daemons:
            ready = "working from the shared queue" if server else " watching"
            d.wait_for(lambda: ready in d.log(), 60, f"{d.log_path.name}: {ready!r}", interval=0.05)
        names = [f"prop-{i:04d}" for i in range(args.folders)]
        for i, n in enumerate(names):
            h.make_text_folder(staging, n, description=f"House for sale #{i}: {2 + i % 4} bedrooms, {120 + i} sqm, "
                                                       f"garden, Rawai, Phuket. Price {3 + i % 7},500,000 THB.\n")
        started, started_wall = time.monotonic(), time.time()
        for n in names:
            os.rename(staging / n, inbox / n)

        def done():
            for d in daemons:
                d.assert_alive()
            return all((inbox / n / "result.json").exists() for n in names)
        h.wait_until(done, 60 + args.folders * 30, f"{label}: every folder published", interval=0.1)
        took = time.monotonic() - started
        calls = len(provider.requests())
        # Publish times (result.json's mtime): the rate after the first minute, once the limit's
        # window has been filled once (the first minute may use a whole window's calls at once).
        ends = sorted((inbox / n / "result.json").stat().st_mtime - started_wall for n in names)
        later = [t for t in ends if t > 60]
        steady = len(later) / (ends[-1] - 60) * 60 if len(later) >= 5 and ends[-1] > 90 else None
        for d in daemons:
            d.stop(timeout=30)
    finally:
        for d in daemons:
            d.cleanup()
        provider.stop()
    return {"setup": "PostgreSQL" if server else "SQLite alone", "workers": workers, "seconds": took, "calls": calls,
            "per_minute": args.folders / took * 60, "calls_per_minute": calls / took * 60, "steady": steady}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folders", type=int, default=100)
    parser.add_argument("--latency", type=float, default=1.0, help="seconds per provider call")
    parser.add_argument("--rate", type=int, default=90, help="the provider's rate limit, calls a minute (all workers)")
    parser.add_argument("--smoke", action="store_true", help="debug build, 4 folders, 0.2 s calls (make test)")
    args = parser.parse_args()
    args.command = ("python3 Benchmarks/scale-out/bench_scale_out.py " + " ".join(sys.argv[1:])).rstrip()
    if args.smoke:
        args.folders, args.latency = 4, 0.2
    cli = bench_build.binary(args.smoke)
    print(bench_build.provenance(args.command, args.smoke), flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-out-"))
    server = pg.start_postgres()
    results = []
    try:
        for database, workers in [(server, 1), (server, 2), (server, 3), (None, 1), (None, 3)]:
            r = run(cli, work, database, workers, args)
            results.append(r)
            print(f"{r['setup']} {workers}: {r['seconds']:.1f} s, {r['per_minute']:.1f} folders/min, "
                  f"{r['calls']} calls ({r['calls_per_minute']:.0f}/min)", flush=True)
    finally:
        server.remove()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.folders} folders, provider {args.latency:g} s per call, rate limit {args.rate} calls/min "
          f"(shared across the workers), one folder at a time per worker or slot\n")
    print("| setup | workers (slots) | seconds | folders/min | after the first minute | provider calls | calls/min |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        steady = "—" if r["steady"] is None else f"{r['steady']:.1f}"
        print(f"| {r['setup']} | {r['workers']} | {r['seconds']:.1f} | {r['per_minute']:.1f} | {steady} | {r['calls']} | "
              f"{r['calls_per_minute']:.0f} |")


if __name__ == "__main__":
    main()
