#!/usr/bin/env python3
"""Orchestration benchmark (issue 6): one folder with text + 10 photos (2 duplicates) + a voice
memo, processed by the release `property-inbox` against the fake provider with a fixed latency
per call. Prints the wall time against the critical path, and the seed's design computed for
the same latency (batches of 5 photos with 1 s sleeps between, voice sequential).

Usage: Benchmarks/pipeline/bench_orchestration.py [--latency 1.0] [--runs 3]
       Benchmarks/pipeline/bench_orchestration.py --smoke   (debug build, 50 ms calls, small photos,
                                                             one run: `make test`)
The binary is $PROPERTY_INBOX_BIN, else built first by Benchmarks/build.sh (release in .build-bench,
debug for --smoke): see Benchmarks/bench_build.py.
"""
import argparse
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import bench_build  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVER = os.path.join(ROOT, "Tests", "Support", "fake_openai_server.py")

DESCRIPTION = """Pool villa for rent in Rawai, Phuket. ให้เช่าวิลล่า ราไวย์ ภูเก็ต
3 bedrooms, 3 bathrooms, 250 sqm. Private pool, sea view, fully furnished.
Rent 85,000 THB/month. ค่าเช่า 85,000 บาท/เดือน"""


def png(width, height, seed):
    """A photo-like PNG: 4x4 blocks of random brightness plus grain (distinct per seed)."""
    rng = random.Random(seed)
    blocks = [rng.randrange(40, 216) for _ in range(16)]
    grain = random.Random(seed * 7919)
    rows = []
    for y in range(height):
        row = bytearray([0])
        by = y * 4 // height
        for x in range(width):
            level = blocks[by * 4 + x * 4 // width] + grain.randrange(-12, 12)
            level = max(0, min(255, level))
            row += bytes((level, level, level))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 6)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def make_folder(path, width, height):
    os.makedirs(path)
    with open(os.path.join(path, "description.txt"), "w") as handle:
        handle.write(DESCRIPTION)
    for index in range(1, 9):
        with open(os.path.join(path, "IMG_%02d.png" % index), "wb") as handle:
            handle.write(png(width, height, index))
    # Two duplicates: the same pictures as IMG_02 and IMG_05 under other names.
    shutil.copy(os.path.join(path, "IMG_02.png"), os.path.join(path, "IMG_09.png"))
    shutil.copy(os.path.join(path, "IMG_05.png"), os.path.join(path, "IMG_10.png"))
    with open(os.path.join(path, "memo.m4a"), "wb") as handle:
        handle.write(os.urandom(64 * 1024))


def extraction(bedrooms):
    return json.dumps({
        "property_type": "villa", "bedrooms": bedrooms, "bathrooms": 3, "square_meters": 250.0,
        "price_per_month": 85000.0, "location": "Rawai, Phuket", "amenities": ["private_pool", "sea_view"],
        "condition": "good", "description_summary": "A pool villa in Rawai.", "languages_detected": ["en", "th"],
        "confidence_score": 0.9, "listing_type": "rent", "price": 85000.0, "price_currency": "THB",
        "price_period": "month", "land_square_meters": None, "evidence": []})


def start_server(latency, workdir):
    script = {
        "latency": latency, "vision_auto": True, "usage_mode": "estimate",
        "steps": [
            {"match_system": "property analysis expert", "match_user": "Source: voice message", "repeat": True,
             "content": extraction(2)},
            {"match_system": "property analysis expert", "repeat": True, "content": extraction(3)},
            {"match_system": "You write property listings", "repeat": True,
             "content": json.dumps({"description": "A bright pool villa in Rawai. " * 20})},
            {"model": "whisper-1", "repeat": True, "language": "english", "duration": 30,
             "content": "Rawai villa, two bedrooms, eighty-five thousand baht a month."},
        ],
    }
    path = os.path.join(workdir, "script.json")
    with open(path, "w") as handle:
        json.dump(script, handle)
    server = subprocess.Popen([sys.executable, SERVER, "--script", path], stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                              text=True)
    line = server.stdout.readline().strip()
    assert line.startswith("PORT "), line
    return server, int(line.split()[1])


def timed_process(binary, folder, state, env):
    started = time.monotonic()
    result = subprocess.run([str(binary), "process", folder, "--state-dir", state], env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit("process failed: %s %s" % (result.stdout, result.stderr))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--photo-size", default="1600x1200", help="WIDTHxHEIGHT of the generated PNGs")
    parser.add_argument("--smoke", action="store_true", help="debug build, 50 ms calls, 400x300 photos, one run")
    args = parser.parse_args()
    command = "Benchmarks/pipeline/bench_orchestration.py " + " ".join(sys.argv[1:])
    if args.smoke:
        args.latency, args.runs, args.photo_size = 0.05, 1, "400x300"
    width, height = (int(v) for v in args.photo_size.split("x"))
    binary = bench_build.binary(args.smoke)
    latency = args.latency
    workdir = tempfile.mkdtemp(prefix="bench-orch-")
    try:
        server, port = start_server(latency, workdir)
        base = "http://127.0.0.1:%d/v1" % port
        env = dict(os.environ, OPENROUTER_API_KEY="sk-bench", OPENROUTER_BASE_URL=base,
                   OPENAI_API_KEY="sk-bench", OPENAI_BASE_URL=base)
        env.pop("PROPERTY_INBOX_OFFLINE", None)
        offline_env = {k: v for k, v in env.items() if "API_KEY" not in k}

        walls, locals_ = [], []
        for run in range(args.runs):
            # Local work alone (inventory, photo rendering, publishing) from an offline run.
            offline_folder = os.path.join(workdir, "offline-%d" % run, "villa")
            make_folder(offline_folder, width, height)
            locals_.append(timed_process(binary, offline_folder, os.path.join(workdir, "state-offline-%d" % run), offline_env))
            folder = os.path.join(workdir, "inbox-%d" % run, "villa")
            make_folder(folder, width, height)
            walls.append(timed_process(binary, folder, os.path.join(workdir, "state-%d" % run), env))
        # A run that never reached the provider measured the offline path: no table to keep.
        with urllib.request.urlopen("http://127.0.0.1:%d/_requests" % port, timeout=10) as response:
            paths = [r["path"] for r in json.load(response)]
        chats = sum(p.endswith("/chat/completions") for p in paths)
        transcriptions = sum(p.endswith("/audio/transcriptions") for p in paths)
        if chats < args.runs or transcriptions < args.runs:
            sys.exit("the provider got %d chat and %d transcription calls for %d run(s)" % (chats, transcriptions, args.runs))
        server.terminate()

        wall = min(walls)
        local = min(locals_)
        # Critical path with one provider round trip = `latency`: transcribe → extract the memo
        # (2 calls) in parallel with render → one vision call and with the text extract; then the
        # description. Local work (rendering, hashing, publishing) is added as measured offline.
        critical = 3 * latency + local
        seed_images = math.ceil(10 / 5) * latency + (math.ceil(10 / 5) - 1) * 1.0   # batches of 5, 1 s sleeps
        seed_voice = 2 * latency                                                     # transcribe, then extract
        seed = max(latency, seed_images, seed_voice) + latency + local               # + the description
        verdict = "met" if wall <= 1.2 * critical else "NOT met"
        print(bench_build.provenance(command.strip(), args.smoke))
        print("latency per call %.2f s, %d run(s), photos %s, provider calls: %d chat, %d transcription, binary %s"
              % (latency, args.runs, args.photo_size, chats, transcriptions, binary))
        print("| measure | seconds |")
        print("|---|---|")
        print("| local work alone (same folder offline: inventory, 10 photos rendered, publish), best | %.2f |" % local)
        print("| bare provider chain: transcribe → memo extract, then describe = 3 round trips | %.2f |" % (3 * latency))
        print("| critical path (3 round trips + all local work) | %.2f |" % critical)
        print("| **PropertyInbox wall time, best of %d** (all: %s) | **%.2f** = %.2f× the critical path, %.2f× the bare "
              "3 round trips |" % (args.runs, ", ".join("%.2f" % w for w in walls), wall, wall / critical, wall / (3 * latency)))
        print("| the seed's design, computed: 10 image calls in batches of 5 with a 1 s sleep between ‖ voice sequential "
              "‖ text, then the description + local work | %.2f |" % seed)
        print("target: <= 1.2x the critical path -> %s" % verdict)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
