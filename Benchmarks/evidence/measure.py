#!/usr/bin/env python3
"""How much of a labelled corpus the published result.json gets right, with no model (the offline
reader), with a model that answers every field right with its quote (truthful), and how many lies
get through from a model that lies with the true quote or with an invented one.

Each corpus entry becomes a folder (description.txt, and memo-<id>.m4a when it has a memo); one
`property-inbox scan` publishes them against Tests/Support/fake_openai_server.py, whose oracle
answers from the corpus (Tests/Support/extraction_oracle.py). Prints a table per mode and, with
--json, the numbers.

Usage: measure.py --corpus Tests/Fixtures/evidence/hard-corpus.json [--corpus …]
                  [--modes offline,truthful,lie_true_quote,lie_invented_quote] [--limit N] [--json OUT]
                  [--smoke] [--binary PATH] [--misses] [--keep DIR]
It measures correctness, not speed: the debug build (Benchmarks/bench_build.py) is used.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "Support"))
sys.path.insert(0, str(REPO / "Benchmarks"))
import bench_build  # noqa: E402
import extraction_oracle  # noqa: E402

SERVER = REPO / "Tests" / "Support" / "fake_openai_server.py"
SCORED = ["property_type", "listing_type", "bedrooms", "bathrooms", "area_m2", "land_m2", "price", "currency",
          "price_period", "location"]
RESULT_FIELD = dict(extraction_oracle.FIELDS)


PLACES = {}


def place(binary, name):
    """The reader's own name for a place ("Равай" → "Rawai, Phuket"), or the name as written."""
    if name not in PLACES:
        out = subprocess.run([str(binary), "extract-text", "--offline", "--state-dir", tempfile.gettempdir() + "/pi-measure-state", "-"],
                             input=str(name), capture_output=True, text=True).stdout
        try:
            PLACES[name] = json.loads(out).get("location") or name
        except ValueError:
            PLACES[name] = name
    return PLACES[name]


def same(label, gold, published, binary=None):
    if published is None:
        return False
    if label == "location":
        a, b = str(gold).lower(), str(published).lower()
        if a in b or b.split(",")[0].strip() in a:
            return True
        # The same place in another script or spelling: compare the reader's names for both.
        known = place(binary, gold).lower() if binary else a
        return known.split(",")[0].strip() == b.split(",")[0].strip()
    if isinstance(gold, (int, float)) and isinstance(published, (int, float)):
        return abs(gold - published) <= max(0.5, abs(gold) * 0.01)
    return str(gold).lower() == str(published).lower()


def published_value(result, label):
    if label == "price":
        return result.get("price")
    return result.get(RESULT_FIELD[label])


def start_server(script):
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    path.write_text(json.dumps(script))
    process = subprocess.Popen([sys.executable, str(SERVER), "--script", str(path)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    assert line.startswith("PORT "), line
    return process, int(line.split()[1])


def run_mode(binary, corpus_path, corpus, mode, work):
    inbox, state = work / mode / "inbox", work / mode / "state"
    inbox.mkdir(parents=True)
    for entry in corpus:
        folder = inbox / entry["id"]
        folder.mkdir()
        (folder / "description.txt").write_text(entry["text"], encoding="utf-8")
        if entry.get("memo"):
            # Bytes of its own per memo: the voice stage caches transcripts by the file's content.
            audio = b"\x00\x00\x00\x18ftypM4A fake audio for the oracle: " + entry["id"].encode()
            (folder / ("memo-%s.m4a" % entry["id"])).write_bytes(audio)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENROUTER_", "OPENAI_"))}
    server = None
    # The provider's default limit (60 requests a minute, for the real one) would make the local
    # oracle's run wait two minutes a mode: it answers as fast as it is asked.
    config = work / mode / "property-inbox.toml"
    config.write_text("[provider]\nrequests_per_minute = 100000\nrequests_per_hour = 1000000\n")
    args = [str(binary), "scan", str(inbox), "--state-dir", str(state), "--settle", "0", "--config", str(config)]
    if mode == "offline":
        args.append("--offline")
    else:
        server, port = start_server({"oracle": {"corpus": str(corpus_path), "mode": mode},
                                     "default_content": json.dumps({"description": "A property."}),
                                     "usage_mode": "estimate"})
        env.update({"OPENROUTER_API_KEY": "sk-or-oracle", "OPENROUTER_BASE_URL": "http://127.0.0.1:%d" % port,
                    "OPENAI_BASE_URL": "http://127.0.0.1:%d" % port})
    try:
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1800)
    finally:
        if server:
            server.stdin.close()
            server.wait(timeout=10)
    results = {}
    for entry in corpus:
        path = inbox / entry["id"] / "result.json"
        results[entry["id"]] = json.loads(path.read_text()) if path.exists() else {}
    return results


def score(corpus, results, mode, binary):
    right = total = lies_told = lies_published = 0
    misses = []
    cost = []
    for entry in corpus:
        result = results.get(entry["id"], {})
        if result.get("estimated_cost_usd") is not None:
            cost.append(result["estimated_cost_usd"])
        expected = entry["expected"]
        told = extraction_oracle.lies(entry) if mode.startswith("lie") else {}
        for label in SCORED:
            gold = expected.get(label)
            if gold is None or gold == "unknown":
                continue
            # The offline reader hears no memo: a fact only a memo states is not its to find.
            if mode == "offline" and extraction_oracle.quote_source(entry, label) == "memo":
                continue
            total += 1
            value = published_value(result, label)
            if same(label, gold, value, binary):
                right += 1
            else:
                misses.append("%s %s: gold %r, published %r" % (entry["id"], label, gold, value))
            field = RESULT_FIELD[label]
            if field in told:
                lies_told += 1
                if same(label, told[field], value) and not same(label, gold, value):
                    lies_published += 1
                    misses.append("%s %s: LIE %r published" % (entry["id"], label, value))
        published = result.get("amenities") or []
        for amenity in expected.get("amenities") or []:
            if mode == "offline" and extraction_oracle.quote_source(entry, "amenities", amenity) == "memo":
                continue
            total += 1
            if amenity in published:
                right += 1
            else:
                misses.append("%s amenity %s missing" % (entry["id"], amenity))
        for amenity in told.get("amenities", []):
            lies_told += 1
            if amenity in published:
                lies_published += 1
                misses.append("%s amenity: LIE %s published" % (entry["id"], amenity))
    return {"mode": mode, "fields": total, "right": right, "share_right": right / total if total else 0,
            "lies_told": lies_told, "lies_published": lies_published,
            "share_lies_published": lies_published / lies_told if lies_told else 0,
            "cost_per_listing_usd": sum(cost) / len(cost) if cost else 0.0, "misses": misses}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", help="the property-inbox to measure (default: built now, debug)")
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--smoke", action="store_true", help="three entries of the development corpus")
    parser.add_argument("--modes", default="offline,truthful,lie_true_quote,lie_invented_quote")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json")
    parser.add_argument("--misses", action="store_true", help="print every field not published right")
    parser.add_argument("--keep", help="work in this folder and keep it (inboxes, result.json files)")
    args = parser.parse_args()
    if args.smoke:
        args.corpus = args.corpus or [str(REPO / "Tests" / "Fixtures" / "evidence" / "hard-corpus.json")]
        args.limit = args.limit or 3
    if not args.corpus:
        parser.error("name at least one --corpus (or --smoke)")
    args.binary = args.binary or str(bench_build.binary(smoke=True))
    print(bench_build.provenance("python3 Benchmarks/evidence/measure.py " + " ".join(sys.argv[1:]), True))
    summaries = []
    with tempfile.TemporaryDirectory(prefix="pi-evidence-") as scratch:
        tmp = args.keep or scratch
        for corpus_path in args.corpus:
            corpus = extraction_oracle.load(corpus_path)[: args.limit]
            name = Path(corpus_path).name
            for mode in args.modes.split(","):
                results = run_mode(args.binary, Path(corpus_path).resolve(), corpus, mode, Path(tmp) / name)
                summary = score(corpus, results, mode, args.binary)
                summary["corpus"] = name
                summaries.append(summary)
    print("| corpus | mode | fields | published right | lies told | lies published | cost per listing |")
    print("|---|---|---|---|---|---|---|")
    for s in summaries:
        lies = "%d (%.1f %%)" % (s["lies_published"], 100 * s["share_lies_published"]) if s["lies_told"] else "—"
        print("| %s | %s | %d | %d (%.1f %%) | %s | %s | $%.5f |" % (
            s["corpus"], s["mode"], s["fields"], s["right"], 100 * s["share_right"], s["lies_told"] or "—", lies,
            s["cost_per_listing_usd"]))
    if args.misses:
        for s in summaries:
            for miss in s["misses"]:
                print("%s/%s: %s" % (s["corpus"], s["mode"], miss))
    if args.json:
        Path(args.json).write_text(json.dumps(summaries, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
