"""An extraction model that knows the answers: the labelled corpus's gold values and quotes.

fake_openai_server.py answers extraction requests with it when its script sets
"oracle": {"corpus": "<path to a labelled corpus JSON>", "mode": MODE}. MODE:
  truthful            every labelled field with its gold value and its gold quote;
  lie_true_quote      every value changed (a bedroom more, twice the price, another type …),
                      each with the true quote of the real value;
  lie_invented_quote  the same lies, each with a quote invented to say the lie ("4 bedrooms").
A voice-memo transcription of a file named memo-<id>.<ext> answers the entry's memo.
`lies(entry)` says which value was told for each field, so a scorer can count lies published.
"""
import json
import re

FIELDS = {  # corpus label → the extraction schema's field
    "property_type": "property_type", "listing_type": "listing_type", "bedrooms": "bedrooms",
    "bathrooms": "bathrooms", "area_m2": "square_meters", "land_m2": "land_square_meters", "price": "price",
    "currency": "price_currency", "price_period": "price_period", "location": "location",
}
OTHER_TYPE = {"villa": "condo", "condo": "villa", "apartment": "house", "house": "condo", "townhouse": "villa",
              "land": "house", "commercial": "condo", "penthouse": "villa", "studio": "house", "duplex": "land",
              "shophouse": "villa", "bungalow": "condo", "office": "house", "warehouse": "condo"}
LIE_AMENITIES = ["sea_view", "private_pool", "gym", "sauna", "fully_furnished", "jacuzzi", "elevator"]


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def quote_source(entry, label, amenity=None):
    """"text" or "memo"; the corpus may name a source per amenity ({"amenities": {"sea_view": "memo"}})."""
    source = (entry.get("quote_source") or {}).get(label, "text")
    if isinstance(source, dict):
        return source.get(amenity, "text")
    return source


def lie_value(label, value):
    if label in ("bedrooms", "bathrooms"):
        return value + 1
    if label in ("area_m2", "land_m2"):
        return round(value * 1.5 + 7)
    if label == "price":
        return value * 2 + 1000
    if label == "currency":
        return "USD" if value == "THB" else "THB"
    if label == "price_period":
        return "year" if value == "month" else "month"
    if label == "listing_type":
        return "rent" if value == "sale" else "sale"
    if label == "property_type":
        return OTHER_TYPE.get(value, "villa")
    if label == "location":
        # A place no corpus entry is in, in any script.
        return "Mae Hong Son"
    return value


def number_text(value):
    return str(int(value)) if float(value) == int(value) else str(value)


def invented_quote(label, lie):
    """A quote made up to say the lie, as a lying model would write it."""
    if label in ("bedrooms", "bathrooms"):
        return "%s %s" % (lie, label)
    if label == "area_m2":
        return "%s sqm" % number_text(lie)
    if label == "land_m2":
        return "land %s sqm" % number_text(lie)
    if label == "price":
        return "price %s" % format(int(lie), ",")
    if label == "price_period":
        return "per %s" % lie
    if label == "listing_type":
        return "for %s" % lie
    return str(lie)


def lies(entry):
    """{schema field: lie} for every labelled field, and the amenities told."""
    told = {}
    for label, field in FIELDS.items():
        value = entry["expected"].get(label)
        if value is not None and value != "unknown":
            told[field] = lie_value(label, value)
    gold = entry["expected"].get("amenities") or []
    told["amenities"] = [a for a in LIE_AMENITIES if a not in gold][:2]
    return told


def answer(entry, mode, spoken):
    """The extraction answer for the entry's text (spoken=False) or its memo (spoken=True)."""
    expected, quotes = entry["expected"], entry.get("quotes") or {}
    source = entry.get("memo", "") if spoken else entry["text"]
    details = {"property_type": "unknown", "bedrooms": None, "bathrooms": None, "square_meters": None,
               "price_per_month": None, "location": None, "amenities": [], "condition": "unknown",
               "description_summary": source.split("\n")[0][:200], "languages_detected": [entry.get("language", "en")],
               "confidence_score": 0.9, "listing_type": None, "price": None, "price_currency": None,
               "price_period": None, "land_square_meters": None, "evidence": []}
    told = lies(entry)
    for label, field in FIELDS.items():
        value, quote = expected.get(label), quotes.get(label)
        if value is None or value == "unknown" or not isinstance(quote, str):
            continue
        if (quote_source(entry, label) == "memo") != spoken or quote not in source:
            continue
        if mode == "truthful":
            details[field] = value
            details["evidence"].append({"field": field, "quote": quote, "value": None})
        else:
            lie = told[field]
            details[field] = lie
            said = quote if mode == "lie_true_quote" else invented_quote(label, lie)
            details["evidence"].append({"field": field, "quote": said, "value": None})
    amenity_quotes = quotes.get("amenities") or {}
    if mode == "truthful":
        for amenity in expected.get("amenities") or []:
            quote = amenity_quotes.get(amenity)
            if isinstance(quote, str) and quote in source and (quote_source(entry, "amenities", amenity) == "memo") == spoken:
                details["amenities"].append(amenity)
                details["evidence"].append({"field": "amenities", "quote": quote, "value": amenity})
    elif not spoken:
        first = next((q for q in amenity_quotes.values() if isinstance(q, str) and q in source), source.split("\n")[0])
        for amenity in told["amenities"]:
            details["amenities"].append(amenity)
            said = first if mode == "lie_true_quote" else amenity.replace("_", " ")
            details["evidence"].append({"field": "amenities", "quote": said, "value": amenity})
    if details["price"] is not None and details["price_period"] == "month":
        details["price_per_month"] = details["price"]
    return details


def find(corpus, user_text):
    """The entry whose text or memo is in the request; (entry, spoken) or (None, False)."""
    for entry in corpus:
        if entry["text"].strip() and entry["text"].strip()[:80] in user_text:
            return entry, False
    for entry in corpus:
        memo = (entry.get("memo") or "").strip()
        if memo and memo[:80] in user_text:
            return entry, True
    return None, False


def memo_for(corpus, filename):
    match = re.match(r"memo-(.+)\.[a-z0-9]+$", filename or "")
    if not match:
        return None
    return next((e.get("memo") for e in corpus if e["id"] == match.group(1)), None)
