#!/usr/bin/env python3
"""Checks a built example site (public/): every page and image link resolves to a file, every
listing page was rendered by layouts/listings/single.html, the listings page lists them newest
first, each listing's Open Graph image is a file that exists, and none of the agent's inputs
(description.txt, context.txt, original photos, voice memos, result.json, _STATUS.txt) was
published.

Usage: check_site.py PUBLIC_DIR BASE_URL INBOX
Exit status 0 when all holds; otherwise each problem is printed and the status is 1.
"""
import hashlib
import html.parser
import json
import os
import sys
import urllib.parse

PRIVATE_NAMES = {"description.txt", "context.txt", "context.md", "result.json", "_STATUS.txt", "_INBOX_STATUS.txt", "READY"}
AUDIO = {".m4a", ".mp3", ".mp4", ".mpeg", ".mpga", ".wav", ".webm", ".ogg"}


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []        # (attribute, url)
        self.og_images = []
        self.body_layout = None
        self.cards = []        # (listing id, date) on a list page, in order
        self.hreflangs = set()  # languages this page links to as translations

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append((f"{tag}@{name}", attrs[name]))
        if attrs.get("srcset"):
            for part in attrs["srcset"].split(","):
                self.links.append((f"{tag}@srcset", part.strip().split(" ")[0]))
        if tag == "meta" and attrs.get("property") == "og:image":
            self.og_images.append(attrs.get("content", ""))
        if tag == "body":
            self.body_layout = attrs.get("data-layout")
        if tag == "a" and attrs.get("hreflang"):
            self.hreflangs.add(attrs["hreflang"])
        if tag == "li" and "listing-card" in (attrs.get("class") or ""):
            self.cards.append((attrs.get("data-listing"), attrs.get("data-date")))


def target_file(public, page_path, url, base_url):
    """The file a link points to inside public/, or None for links to elsewhere."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    path = urllib.parse.unquote(parsed.path)
    if not path:
        return None
    if path.startswith("/"):
        resolved = os.path.join(public, path.lstrip("/"))
    else:
        resolved = os.path.join(os.path.dirname(page_path), path)
    resolved = os.path.normpath(resolved)
    if path.endswith("/") or os.path.isdir(resolved):
        resolved = os.path.join(resolved, "index.html")
    return resolved


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    public, base_url, inbox = sys.argv[1], sys.argv[2], sys.argv[3]
    if not base_url.endswith("/"):
        base_url += "/"
    problems = []
    pages = checked = 0
    parsed_pages = {}
    # Every input the agent uploaded, by content: none may be published, whatever its name.
    inputs = {}
    for entry in sorted(os.listdir(inbox)):
        result_path = os.path.join(inbox, entry, "result.json")
        if os.path.isfile(result_path):
            with open(result_path, encoding="utf-8") as handle:
                for item in json.load(handle).get("inputs", []):
                    inputs[item["sha256"]] = f"{entry}/{item['path']}"
    for root, _, files in os.walk(public):
        for name in files:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, public)
            if name in PRIVATE_NAMES or os.path.splitext(name)[1].lower() in AUDIO:
                problems.append(f"private file published: {relative}")
            with open(path, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
            if digest in inputs:
                problems.append(f"input {inputs[digest]} published as {relative}")
            if not name.endswith(".html"):
                continue
            pages += 1
            parser = Links()
            with open(path, encoding="utf-8") as handle:
                parser.feed(handle.read())
            parsed_pages[relative] = parser
            for what, url in parser.links + [("og:image", u) for u in parser.og_images]:
                target = target_file(public, path, url, base_url)
                if target is None:
                    if what == "og:image":
                        problems.append(f"{relative}: Open Graph image {url!r} is not on this site")
                    continue
                checked += 1
                if not os.path.isfile(target):
                    problems.append(f"{relative}: {what} {url!r} → {os.path.relpath(target, public)} does not exist")

    # Every published listing (listing.md, not a draft) has a page made by listings/single.html,
    # with an Open Graph image.
    expected = []
    for entry in sorted(os.listdir(inbox)):
        listing = os.path.join(inbox, entry, "listing.md")
        if not os.path.isfile(listing):
            continue
        with open(listing, encoding="utf-8") as handle:
            front = handle.read().split("---", 2)[1]
        if "\ndraft: true" in front:
            continue
        expected.append(entry)
        # The page itself and its layout are checked with the translations below.
        page = parsed_pages.get(os.path.join("listings", entry.lower(), "index.html"))
        if page is None:
            continue
        with open(os.path.join(inbox, entry, "result.json"), encoding="utf-8") as handle:
            has_photos = any(p.get("photo") and p.get("quality") != "unusable" and not p.get("duplicate_of")
                             for p in json.load(handle).get("photos", []))
        if has_photos and not page.og_images:
            problems.append(f"listing {entry}: no og:image although it has photos")

    # Every translation (listing.th.md, listing.ru.md) has its page under /<lang>/, made by the
    # same layout, and the pages of one listing link to one another (hreflang).
    for entry in expected:
        languages = sorted(name.split(".")[1] for name in os.listdir(os.path.join(inbox, entry))
                           if name.startswith("listing.") and name.endswith(".md") and name.count(".") == 2)
        pages_of_listing = {"en": os.path.join("listings", entry.lower(), "index.html")}
        for language in languages:
            pages_of_listing[language] = os.path.join(language, "listings", entry.lower(), "index.html")
        for language, relative in pages_of_listing.items():
            page = parsed_pages.get(relative)
            if page is None:
                problems.append(f"listing {entry}: no {language} page at {relative}")
                continue
            if page.body_layout != "listings-single":
                problems.append(f"listing {entry} ({language}): rendered by layout {page.body_layout!r}, not listings/single.html")
            others = {lang for lang in pages_of_listing if lang != language}
            if not others.issubset(page.hreflangs):
                problems.append(f"listing {entry} ({language}): links to translations {sorted(page.hreflangs)}, expected {sorted(others)}")

    # The listings page: every listing, newest first by `date`.
    index = parsed_pages.get(os.path.join("listings", "index.html"))
    if index is None:
        problems.append("no listings page at listings/index.html")
    else:
        listed = [card[0] for card in index.cards]
        if sorted(listed) != sorted(expected):
            problems.append(f"listings page shows {listed}, expected {expected}")
        dates = [card[1] for card in index.cards]
        if dates != sorted(dates, reverse=True):
            problems.append(f"listings page is not newest first: {dates}")

    for problem in problems:
        print(problem)
    print(f"check_site: {pages} pages, {checked} links checked, {len(expected)} listings, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
