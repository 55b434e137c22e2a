#!/usr/bin/env python3
"""Validate the hand-labelled evidence corpora (stdlib only).

Usage:  python3 check_corpus.py [FILE ...]
Without arguments it checks hard-corpus.json and hard-blind.json next to this
script (and hard-blind-2.json / hard-blind-3.json when present), plus the cross-file rules (unique
ids, no shared sentences).
Exit status 0 when everything passes, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILES = {"hard-corpus.json": "hard", "hard-blind.json": "blind"}
OPTIONAL_DEFAULT_FILES = {"hard-blind-2.json": "blind2", "hard-blind-3.json": "blind3", "hard-blind-4.json": "blind4", "hard-blind-5.json": "blind5", "hard-blind-6.json": "blind6", "hard-blind-7.json": "blind7", "hard-blind-8.json": "blind8", "hard-blind-9.json": "blind9", "hard-blind-10.json": "blind10"}  # checked when present
EXPECTED_PER_LANGUAGE = {"hard-corpus.json": 20, "hard-blind.json": 16, "hard-blind-2.json": 16, "hard-blind-3.json": 15, "hard-blind-4.json": 15, "hard-blind-5.json": 15, "hard-blind-6.json": 15, "hard-blind-7.json": 15, "hard-blind-8.json": 15, "hard-blind-9.json": 15, "hard-blind-10.json": 15}

LANGUAGES = {"en", "th", "ru"}
GROUP_OF = {
    "villa": "villa", "condo": "condo", "apartment": "apartment", "house": "house",
    "townhouse": "townhouse", "land": "land", "commercial": "commercial",
    "penthouse": "condo", "studio": "condo", "duplex": "condo",
    "shophouse": "commercial", "office": "commercial", "warehouse": "commercial",
    "bungalow": "house", "unknown": "unknown",
}
GROUPS = {"villa", "condo", "apartment", "house", "townhouse", "land", "commercial", "unknown"}
LISTING_TYPES = {"rent", "sale", None}
CURRENCIES = {"THB", "USD", "EUR", "CNY", "RUB"}
PERIODS = {"month", "year", "week", "day", "night"}
AMENITIES = {
    "air_conditioning", "balcony", "beachfront", "elevator", "fully_furnished", "furnished",
    "unfurnished", "garden", "gym", "jacuzzi", "kitchen", "mountain_view", "near_beach",
    "parking", "pet_friendly", "pool", "private_pool", "sauna", "sea_view", "security",
    "terrace", "washing_machine", "wifi",
}
HARD_CLASSES = {
    "number_before_rooms", "sale_with_fees", "rent_deposit", "amount_in_words",
    "foreign_currency", "specific_type", "area_units", "negation", "memo",
    "memo_pool_negated", "memo_type_conflict", "memo_adds", "memo_repeats",
    "memo_contradicts", "mixed_language", "distractor_numbers",
}
EXPECTED_FIELDS = [
    "property_type", "property_group", "listing_type", "bedrooms", "bathrooms", "area_m2",
    "land_m2", "price", "currency", "price_period", "location", "amenities",
]
QUOTED_FIELDS = [f for f in EXPECTED_FIELDS if f != "property_group"]
REQUIRED_KEYS = {"id", "language", "text", "expected", "quotes"}
OPTIONAL_KEYS = {"memo", "quote_source", "note", "hard_classes"}
SOURCES = {"text", "memo"}


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    # ------------------------------------------------------------------ entry
    def check_entry(self, e, fname, prefix):
        if not isinstance(e, dict):
            self.err(fname, f"entry is not an object: {e!r:.60}")
            return
        eid = e.get("id", "<no id>")
        where = f"{fname}:{eid}"
        keys = set(e)
        for k in REQUIRED_KEYS - keys:
            self.err(where, f"missing key '{k}'")
        for k in keys - REQUIRED_KEYS - OPTIONAL_KEYS:
            self.err(where, f"unknown key '{k}'")

        lang = e.get("language")
        if lang not in LANGUAGES:
            self.err(where, f"language {lang!r} not in {sorted(LANGUAGES)}")
        m = re.fullmatch(r"(hard|blind|blind2|blind3|blind4|blind5|blind6|blind7|blind8|blind9|blind10)-(en|th|ru)(\d{2})", str(eid))
        if not m:
            self.err(where, "id must look like hard-en01 / blind-ru12 / blind2-th05 / blind3-en07")
        else:
            if m.group(1) != prefix:
                self.err(where, f"id prefix must be '{prefix}-' in {fname}")
            if m.group(2) != lang:
                self.err(where, f"id language '{m.group(2)}' differs from language {lang!r}")

        text = e.get("text")
        if not isinstance(text, str) or not text.strip():
            self.err(where, "text must be a non-empty string")
            text = ""
        memo = e.get("memo")
        if "memo" in e and (not isinstance(memo, str) or not memo.strip()):
            self.err(where, "memo, when present, must be a non-empty string")
            memo = None
        if "note" in e and (not isinstance(e["note"], str) or not e["note"].strip()):
            self.err(where, "note, when present, must be a non-empty string")

        exp = e.get("expected")
        if not isinstance(exp, dict):
            self.err(where, "expected must be an object")
            return
        self.check_expected(exp, where)

        hc = e.get("hard_classes", [])
        if not isinstance(hc, list) or any(c not in HARD_CLASSES for c in hc):
            self.err(where, f"hard_classes must be a list drawn from {sorted(HARD_CLASSES)}")
        elif len(set(hc)) != len(hc):
            self.err(where, "hard_classes has duplicates")
        if isinstance(hc, list) and ("memo" in hc) != (memo is not None):
            self.err(where, "hard_classes contains 'memo' iff the entry has a memo")

        self.check_quotes(e, exp, text, memo, where)

    def check_expected(self, exp, where):
        for f in EXPECTED_FIELDS:
            if f not in exp:
                self.err(where, f"expected.{f} missing")
        for f in set(exp) - set(EXPECTED_FIELDS):
            self.err(where, f"expected has unknown field '{f}'")

        pt, pg = exp.get("property_type"), exp.get("property_group")
        if pt not in GROUP_OF:
            self.err(where, f"property_type {pt!r} not allowed")
        if pg not in GROUPS:
            self.err(where, f"property_group {pg!r} not allowed")
        elif pt in GROUP_OF and GROUP_OF[pt] != pg:
            self.err(where, f"property_group {pg!r} does not match property_type {pt!r} (want {GROUP_OF[pt]!r})")

        lt = exp.get("listing_type")
        if lt not in LISTING_TYPES:
            self.err(where, f"listing_type {lt!r} not allowed")

        for f in ("bedrooms", "bathrooms"):
            v = exp.get(f)
            if v is not None and (not is_int(v) or v < 0):
                self.err(where, f"{f} must be a non-negative integer or null")
        if pt == "studio" and exp.get("bedrooms") != 0:
            self.err(where, "a studio has bedrooms 0")

        for f in ("area_m2", "land_m2", "price"):
            v = exp.get(f)
            if v is not None and (not is_number(v) or v <= 0):
                self.err(where, f"{f} must be a positive number or null")
        for f in ("area_m2", "land_m2"):
            v = exp.get(f)
            if is_number(v) and round(v, 1) != v:
                self.err(where, f"{f} must be rounded to 1 decimal")

        price, cur, per = exp.get("price"), exp.get("currency"), exp.get("price_period")
        if cur is not None and cur not in CURRENCIES:
            self.err(where, f"currency {cur!r} not allowed")
        if (price is None) != (cur is None):
            self.err(where, "currency must be set exactly when price is set")
        if per is not None and per not in PERIODS:
            self.err(where, f"price_period {per!r} not allowed")
        if lt != "rent" and per is not None:
            self.err(where, "price_period must be null unless listing_type is rent")
        if lt == "rent" and price is not None and per is None:
            self.err(where, "a rent with a price needs a price_period (month when unwritten)")
        if price is None and per is not None:
            self.err(where, "price_period without a price")

        loc = exp.get("location")
        if loc is not None and (not isinstance(loc, str) or not loc.strip()):
            self.err(where, "location must be a non-empty string or null")

        am = exp.get("amenities")
        if not isinstance(am, list):
            self.err(where, "amenities must be a list")
        else:
            bad = [a for a in am if a not in AMENITIES]
            if bad:
                self.err(where, f"amenities not allowed: {bad}")
            if len(set(am)) != len(am):
                self.err(where, "amenities has duplicates")
            if "unfurnished" in am and ({"furnished", "fully_furnished"} & set(am)):
                self.err(where, "unfurnished together with furnished/fully_furnished")

    def check_quotes(self, e, exp, text, memo, where):
        quotes = e.get("quotes")
        if not isinstance(quotes, dict):
            self.err(where, "quotes must be an object")
            return
        qsrc = e.get("quote_source", {})
        if not isinstance(qsrc, dict):
            self.err(where, "quote_source must be an object")
            qsrc = {}
        for f in set(quotes) - set(QUOTED_FIELDS):
            self.err(where, f"quotes has unknown field '{f}'")
        for f in set(qsrc) - set(QUOTED_FIELDS):
            self.err(where, f"quote_source has unknown field '{f}'")

        def source_text(src, label):
            if src not in SOURCES:
                self.err(where, f"quote_source for {label} must be 'text' or 'memo', got {src!r}")
                return text
            if src == "memo":
                if memo is None:
                    self.err(where, f"quote_source for {label} is memo but the entry has no memo")
                    return ""
                return memo
            return text

        def check_span(q, src, label):
            if not isinstance(q, str) or not q.strip():
                self.err(where, f"quote for {label} must be a non-empty string")
                return
            hay = source_text(src, label)
            if q not in hay:
                self.err(where, f"quote for {label} {q!r} is not a substring of the {src}")

        for f in QUOTED_FIELDS:
            if f == "amenities":
                continue
            val = exp.get(f)
            needs = val is not None and not (f == "property_type" and val == "unknown")
            if needs and f not in quotes:
                self.err(where, f"quotes.{f} missing for non-null expected.{f}")
            if not needs and f in quotes:
                self.err(where, f"quotes.{f} given but expected.{f} is {val!r}")
            if f in quotes:
                src = qsrc.get(f, "text")
                if isinstance(src, dict):
                    self.err(where, f"quote_source.{f} must be a string")
                    src = "text"
                check_span(quotes[f], src, f)

        am = exp.get("amenities") if isinstance(exp.get("amenities"), list) else []
        aq = quotes.get("amenities", {})
        if not isinstance(aq, dict):
            self.err(where, "quotes.amenities must be an object")
            return
        if set(aq) != set(am):
            self.err(where, f"quotes.amenities keys {sorted(aq)} differ from expected.amenities {sorted(am)}")
        asrc = qsrc.get("amenities", {})
        if isinstance(asrc, str):
            asrc = {a: asrc for a in aq}
        if not isinstance(asrc, dict):
            self.err(where, "quote_source.amenities must be an object or a string")
            asrc = {}
        for a in set(asrc) - set(aq):
            self.err(where, f"quote_source.amenities names '{a}' which has no quote")
        for a, q in aq.items():
            check_span(q, asrc.get(a, "text"), f"amenities.{a}")


def sentences(text):
    parts = re.split(r"[\n.!?]+", text)
    return {re.sub(r"\s+", " ", p).strip().lower() for p in parts if len(p.strip()) >= 15}


def id_prefix(basename):
    if basename in DEFAULT_FILES:
        return DEFAULT_FILES[basename]
    if basename in OPTIONAL_DEFAULT_FILES:
        return OPTIONAL_DEFAULT_FILES[basename]
    # "hard-blind-7.json", "my-blind7.json" → "blind7": the batch's number, however it is written.
    numbered = re.search(r"blind-?(\d+)", basename)
    if numbered:
        return "blind" + numbered.group(1)
    return "blind" if "blind" in basename else "hard"


def main(argv):
    if argv:
        files = {os.path.basename(p): (p, id_prefix(os.path.basename(p))) for p in argv}
    else:
        files = {n: (os.path.join(HERE, n), pre) for n, pre in DEFAULT_FILES.items()}
        for n, pre in OPTIONAL_DEFAULT_FILES.items():
            if os.path.exists(os.path.join(HERE, n)):
                files[n] = (os.path.join(HERE, n), pre)

    c = Checker()
    loaded = {}
    for name, (path, prefix) in files.items():
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as ex:
            c.err(name, f"cannot load JSON: {ex}")
            continue
        if not isinstance(data, list):
            c.err(name, "top level must be a JSON array")
            continue
        loaded[name] = data
        for e in data:
            c.check_entry(e, name, prefix)
        langs = Counter(e.get("language") for e in data if isinstance(e, dict))
        want = EXPECTED_PER_LANGUAGE.get(name)
        if want is not None:
            for lang in sorted(LANGUAGES):
                if langs.get(lang, 0) != want:
                    c.err(name, f"{langs.get(lang, 0)} '{lang}' entries, expected {want}")

    # ids unique across all files
    ids = Counter(e.get("id") for d in loaded.values() for e in d if isinstance(e, dict))
    for i, n in ids.items():
        if n > 1:
            c.err("all", f"duplicate id {i!r} ({n}x)")

    # the blind batch must not reuse sentences of the development corpus
    names = list(loaded)
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a = set().union(*[sentences(e.get("text", "") + "\n" + e.get("memo", "")) for e in loaded[names[i]]] or [set()])
            for e in loaded[names[j]]:
                shared = a & sentences(e.get("text", "") + "\n" + e.get("memo", ""))
                for s in sorted(shared):
                    c.err(f"{names[j]}:{e.get('id')}", f"sentence also used in {names[i]}: {s!r}")

    # summary
    for name, data in loaded.items():
        langs = Counter(e.get("language") for e in data)
        memos = sum(1 for e in data if "memo" in e)
        print(f"{name}: {len(data)} entries ({', '.join(f'{k}={v}' for k, v in sorted(langs.items()))}), {memos} with memo")
        per_class = Counter()
        per_class_lang = Counter()
        for e in data:
            for h in e.get("hard_classes", []):
                per_class[h] += 1
                per_class_lang[(h, e.get("language"))] += 1
        for h in sorted(HARD_CLASSES):
            by = " ".join(f"{l}={per_class_lang[(h, l)]}" for l in ("en", "th", "ru"))
            print(f"    {h:22s} {per_class[h]:3d}   ({by})")
    if c.errors:
        print(f"\nFAILED: {len(c.errors)} problem(s)")
        for m in c.errors:
            print("  - " + m)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
