#!/usr/bin/env python3
"""Orchestration benchmark (issue 6): one folder with text + 10 photos (2 duplicates) + a voice
memo, processed by the release `property-inbox` against the fake provider with a fixed latency
per call. Prints the wall time against the critical path, and the seed's design computed for
the same latency (batches of 5 photos with 1 s sleeps between, voice sequential).

Usage: Benchmarks/pipeline/bench_orchestration.py [--latency 1.0] [--runs 3]
Needs a release build: swift build -c release --product property-inbox
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
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "release", "property-inbox")
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


def make_folder(path):
    os.makedirs(path)
    with open(os.path.join(path, "description.txt"), "w") as handle:
        handle.write(DESCRIPTION)
    for index in range(1, 9):
        with open(os.path.join(path, "IMG_%02d.png" % index), "wb") as handle:
            handle.write(png(1600, 1200, index))
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


def timed_process(folder, state, env):
    started = time.monotonic()
    result = subprocess.run([BINARY, "process", folder, "--state-dir", state], env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit("process failed: %s %s" % (result.stdout, result.stderr))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(BINARY):
        sys.exit("build first: swift build -c release --product property-inbox")
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
            make_folder(offline_folder)
            locals_.append(timed_process(offline_folder, os.path.join(workdir, "state-offline-%d" % run), offline_env))
            folder = os.path.join(workdir, "inbox-%d" % run, "villa")
            make_folder(folder)
            walls.append(timed_process(folder, os.path.join(workdir, "state-%d" % run), env))
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
        print("latency per call: %.2f s; runs: %d" % (latency, args.runs))
        print("local work (offline run, best): %.2f s" % local)
        print("critical path (3 calls in sequence + local work): %.2f s" % critical)
        print("PropertyInbox wall time (best of %d): %.2f s = %.2fx the critical path, %.2fx the bare 3 round trips "
              "(all: %s)" % (args.runs, wall, wall / critical, wall / (3 * latency), ", ".join("%.2f" % w for w in walls)))
        print("seed design, computed (10 image calls in batches of 5 with 1 s sleeps, voice sequential, "
              "+ description): %.2f s" % seed)
        print("target: <= 1.2x the critical path -> %s" % ("met" if wall <= 1.2 * critical else "NOT met"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
