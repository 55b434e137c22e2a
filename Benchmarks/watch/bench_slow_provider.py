#!/usr/bin/env python3
"""Does a slow provider delay the watcher? (issue 5: "a slow provider does not delay the watcher's
detection latency"). Runs the release `property-inbox watch` against
Tests/Support/fake_openai_server.py (OPENROUTER_*/OPENAI_* pointing at it, no --offline), twice:

  fast — the provider answers at once, nothing else in flight;
  slow — every provider call takes --latency seconds (5 s), and --busy folders (6) are put in AI
         processing first, so their calls are in flight for the whole measurement.

In each run, --probes new folders (20) arrive one at a time: description.txt and READY are written
in a staging directory on the same filesystem and renamed into the inbox in one step, t0 taken just
before the rename. For each probe it measures

  detection — t0 → the daemon's first `_STATUS.txt` in the folder (written when the daemon notices
              the folder: "waiting", or "processing" if the queue took it first), seen by polling
              every 0.5 ms; the file's own mtime gives a second, tick-granular reading;
  start     — t0 → the `run` row's `started_at` (the processor starting on the folder; the daemon
              logs `processing started` at the same moment).

The daemon processes at most `max_concurrent_folders` folders at once (default 2): with the slots
full, a new folder waits its turn however fast the watcher is, which measures the queue, not the
watcher. So the config sets max_concurrent_folders = busy + probes + 2: a slot is always free and
"start" measures watcher + queue + dispatch while the other folders' calls block their curl threads.
The settle window is an hour, so only READY makes a folder due. Also printed: how many provider
calls were in flight (requests the fake server received in the last --latency seconds) at each
probe, in the slow run.

  python3 Benchmarks/watch/bench_slow_provider.py [--latency 5] [--busy 6] [--probes 20] [--update-doc]

--smoke (part of `make test`): debug build, 1 s calls, 1 busy folder, 3 probes, a temporary work
directory; it checks that the runner works, not the numbers. The binary is $PROPERTY_INBOX_BIN,
else built first by Benchmarks/build.sh (release in .build-bench, debug for --smoke).

--update-doc writes the "### Detection while the provider is slow" subsection of the
"## Watch daemon" section of docs/BENCHMARKS.md (replacing an earlier one). bench_watch.py
--update-doc rewrites that whole section: run this one after it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Integration"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_build  # noqa: E402
import pi_harness as h  # noqa: E402

DOC = h.REPO / "docs" / "BENCHMARKS.md"
SECTION = "## Watch daemon"
SUBSECTION = "### Detection while the provider is slow"

def new_folder(staging: Path, name: str) -> Path:
    folder = h.make_text_folder(staging, name, ready=True)
    return folder


def run(cli: Path, work: Path, label: str, latency: float, busy: int, probes: int) -> dict:
    root = work / label
    shutil.rmtree(root, ignore_errors=True)
    inbox, state, staging = root / "inbox", root / "state", root / "staging"
    for d in (inbox, staging):
        d.mkdir(parents=True)
    config = root / "config.toml"
    # The gateway's rate limiter (60 calls/min by default) would hold calls back after ~12 folders:
    # raised, so the provider's latency is the only thing slowing calls down.
    config.write_text("[provider]\nrequests_per_minute = 100000\nrequests_per_hour = 1000000\n\n"
                      "[watch]\nsettle_seconds = 3600\nmax_concurrent_folders = %d\n" % (busy + probes + 2))
    provider = h.FakeProvider(latency, root / "fake-script.json")
    env = {"OPENROUTER_API_KEY": "sk-bench-not-secret", "OPENROUTER_BASE_URL": provider.base,
           "OPENAI_API_KEY": "sk-bench-not-secret", "OPENAI_BASE_URL": provider.base}
    argv = [str(cli), "watch", str(inbox), "--state-dir", str(state), "--config", str(config),
            "--settle", "3600", "--verbose"]
    daemon = h.Daemon(argv, root / "daemon.log", env=env).start()
    try:
        daemon.wait_for(lambda: " watching" in daemon.log(), 60, "the daemon's `watching` line", interval=0.01)
        # Busy folders: in AI processing, their calls in flight, before any probe arrives.
        for i in range(busy):
            folder = new_folder(staging, f"busy-{i:02d}")
            os.rename(folder, inbox / folder.name)
        if busy:
            daemon.wait_for(lambda: provider.in_flight() >= busy, 30, f"{busy} provider calls in flight", interval=0.05)
        detection, detection_mtime, start, in_flight = [], [], [], []
        for i in range(probes):
            name = f"probe-{i:02d}"
            folder = new_folder(staging, name)
            status = inbox / name / "_STATUS.txt"
            if busy:
                in_flight.append(provider.in_flight())
            t0 = time.time()
            os.rename(folder, inbox / name)
            while not status.exists():
                if time.time() - t0 > 30:
                    daemon.assert_alive()
                    raise AssertionError(f"{name}: no _STATUS.txt after 30 s; log tail:\n{daemon.log()[-3000:]}")
                time.sleep(0.0005)
            seen = time.time()
            try:
                mtime = status.stat().st_mtime
            except FileNotFoundError:  # replaced atomically between exists() and stat()
                mtime = status.stat().st_mtime
            detection.append((seen - t0) * 1000)
            detection_mtime.append((mtime - t0) * 1000)
            rows = daemon.wait_for(lambda: h.run_rows(state, inbox / name), 30, f"{name} to start processing", interval=0.002)
            start.append((h.parse_timestamp(rows[0]["started_at"]) - t0) * 1000)
            time.sleep(0.3)
        calls = len(provider.requests())
        daemon.assert_alive()
        try:  # a graceful stop waits for calls in flight; not what is measured here
            daemon.stop(timeout=60)
        except AssertionError:
            print(f"{label}: the daemon did not stop within 60 s; killed", flush=True)
    finally:
        daemon.cleanup()
        provider.stop()
    pct = lambda xs, p: h.percentile(xs, p)
    return {"label": label, "latency": latency, "busy": busy, "probes": probes, "calls": calls,
            "detection": (pct(detection, 50), pct(detection, 99), max(detection)),
            "detection_mtime": (pct(detection_mtime, 50), pct(detection_mtime, 99)),
            "start": (pct(start, 50), pct(start, 99), max(start)),
            "in_flight": (min(in_flight), sorted(in_flight)[len(in_flight) // 2], max(in_flight)) if in_flight else None}


def report(args, results: list[dict]) -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    lines = [SUBSECTION, "",
             f"`{args.command}` at commit {bench_build.commit()} — "
             f"{'debug build (smoke run)' if args.smoke else 'release build'}, {os.cpu_count()} cores ({cpu}, shared with other work), "
             f"{time.strftime('%Y-%m-%d')}. The daemon talks to `Tests/Support/fake_openai_server.py` "
             "(`OPENROUTER_BASE_URL`/`OPENAI_BASE_URL`, no `--offline`). In the slow run every provider call takes "
             f"{args.latency:g} s and {args.busy} folders are put in AI processing first, so their calls block curl "
             f"threads for the whole run. Then {args.probes} new folders arrive one at a time (description and `READY` "
             "renamed into the inbox in one step). *Detection*: from just before the rename to the daemon's first "
             "`_STATUS.txt` in the folder (polled every 0.5 ms; the first status the agent can see). *Start*: to the `run` "
             "row's `started_at` (the `processing started` log line). Start can come before detection: when the queue "
             "takes the folder before the \"waiting\" write, the first `_STATUS.txt` is the processor's. The daemon runs at most `max_concurrent_folders` folders at once (default 2); "
             "with the slots full a new folder waits for one however fast the watcher is, so the config sets it above "
             "busy + probes and *start* measures watcher, queue and dispatch, not slot waiting; the gateway's rate "
             "limit is raised too (about 5 calls per folder would reach the default 60/min).", "",
             "| provider | calls in flight at each probe (min / median / max) | detection p50 / p99 / max | "
             "start p50 / p99 / max | provider calls |",
             "|---|---|---|---|---|"]
    for r in results:
        provider = "answers at once, idle" if r["busy"] == 0 else f"{r['latency']:g} s per call, {r['busy']} folders busy"
        flight = "0" if r["in_flight"] is None else " / ".join(str(x) for x in r["in_flight"])
        d, s = r["detection"], r["start"]
        lines.append(f"| {provider} | {flight} | {d[0]:.1f} / {d[1]:.1f} / {d[2]:.1f} ms | "
                     f"{s[0]:.1f} / {s[1]:.1f} / {s[2]:.1f} ms | {r['calls']} |")
    fast, slow = results[0], results[-1]
    lines += ["", f"From `_STATUS.txt`'s own mtime (tick-granular): detection p50 {fast['detection_mtime'][0]:.1f} ms "
              f"fast, {slow['detection_mtime'][0]:.1f} ms slow. The watcher, the queue and the status writes run on "
              "Swift's cooperative pool; each provider call blocks one thread of the gateway's own curl pool, so calls "
              "in flight add no detection or start latency beyond noise. 16 calls in flight is the curl pool's size "
              "(`CurlTransport`'s default): beyond it calls wait for a curl thread, still off the cooperative pool.", ""]
    return "\n".join(lines)


def update_doc(subsection: str) -> Path:
    text = DOC.read_text()
    start = text.find(SECTION + "\n")
    assert start >= 0, f"no {SECTION!r} in {DOC}"
    end = text.find("\n## ", start + len(SECTION))
    end = len(text) if end < 0 else end + 1
    body = text[start:end]
    old = body.find(SUBSECTION + "\n")
    if old >= 0:
        old_end = body.find("\n### ", old + len(SUBSECTION))
        body = body[:old] + (body[old_end + 1:] if old_end >= 0 else "")
    body = body.rstrip("\n") + "\n\n" + subsection.rstrip("\n") + "\n" + ("\n" if end < len(text) else "")
    DOC.write_text(text[:start] + body + text[end:])
    return DOC


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=5.0, help="seconds per provider call in the slow run")
    parser.add_argument("--busy", type=int, default=6, help="folders kept in AI processing in the slow run")
    parser.add_argument("--probes", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("BENCH_WATCH_DIR", "/var/tmp/property-inbox-bench")) / "slow-provider")
    parser.add_argument("--update-doc", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="debug build, 1 s calls, 1 busy folder, 3 probes (make test)")
    args = parser.parse_args()
    args.command = "python3 Benchmarks/watch/bench_slow_provider.py " + " ".join(sys.argv[1:])
    args.command = args.command.replace(" --update-doc", "").rstrip()
    if args.smoke:
        if args.update_doc:
            parser.error("--smoke measures nothing worth keeping: no --update-doc")
        args.latency, args.busy, args.probes = 1.0, 1, 3
        args.workdir = Path(tempfile.mkdtemp(prefix="bench-slow-provider-smoke-"))
    cli = bench_build.binary(args.smoke)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(bench_build.provenance(args.command, args.smoke), flush=True)
    print(f"binary {cli}, work dir {args.workdir}", flush=True)
    try:
        measure(args, cli)
    finally:
        if args.smoke:
            shutil.rmtree(args.workdir, ignore_errors=True)


def measure(args, cli: Path):
    results = []
    for label, latency, busy in (("fast", 0.0, 0), ("slow", args.latency, args.busy)):
        r = run(cli, args.workdir, label, latency, busy, args.probes)
        results.append(r)
        print(f"{label}: detection p50 {r['detection'][0]:.1f} ms p99 {r['detection'][1]:.1f} ms max {r['detection'][2]:.1f} ms; "
              f"start p50 {r['start'][0]:.1f} ms p99 {r['start'][1]:.1f} ms max {r['start'][2]:.1f} ms; "
              f"in flight {r['in_flight']}; provider calls {r['calls']}", flush=True)
    subsection = report(args, results)
    print("\n" + subsection)
    if args.update_doc:
        print(f"updated {update_doc(subsection)}")


if __name__ == "__main__":
    main()
