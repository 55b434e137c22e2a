"""The model's quoted evidence decides (issue 21), measured end to end: the labelled development
corpus (Tests/Fixtures/evidence/hard-corpus.json, 60 hard texts in English, Thai and Russian, some
with voice memos) is published by a real `property-inbox scan` against the fake OpenAI-compatible
server, whose oracle answers every extraction from the labels — truthfully with the gold quotes,
or lying (every value changed) with the true quote or with an invented one.

Done when: a truthful model gets at least 99 % of the gold fields published; each lying mode gets
at most 1 % of its lies published. Benchmarks/evidence/measure.py prints the same table for any
corpus (docs/BENCHMARKS.md has the numbers for the blind batches too).
"""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "Tests" / "Fixtures" / "evidence" / "hard-corpus.json"


def measure(cli, tmp_path, modes):
    out = tmp_path / "summary.json"
    proc = subprocess.run([sys.executable, str(REPO / "Benchmarks" / "evidence" / "measure.py"), "--binary", str(cli),
                           "--corpus", str(CORPUS), "--modes", ",".join(modes), "--json", str(out), "--misses"],
                          capture_output=True, text=True, timeout=1500)
    print(proc.stdout[-4000:])
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {s["mode"]: s for s in json.loads(out.read_text())}


def test_a_truthful_model_publishes_its_facts_and_lies_are_not_published(cli, tmp_path):
    summary = measure(cli, tmp_path, ["truthful", "lie_true_quote", "lie_invented_quote"])
    truthful = summary["truthful"]
    assert truthful["fields"] >= 600, truthful["fields"]
    assert truthful["share_right"] >= 0.99, truthful["misses"]
    for mode in ("lie_true_quote", "lie_invented_quote"):
        lying = summary[mode]
        assert lying["lies_told"] >= 500, lying["lies_told"]
        assert lying["share_lies_published"] <= 0.01, [m for m in lying["misses"] if "LIE" in m]
