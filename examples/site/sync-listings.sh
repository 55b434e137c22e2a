#!/bin/bash
# Copies what the website may show from a PropertyInbox inbox into a Hugo content section:
#   <inbox>/<id>/listing.md          → <dest>/<id>/index.md       (a page bundle; listing.th.md → index.th.md)
#   <inbox>/<id>/_listing/photos/*   → <dest>/<id>/_listing/photos/
#   <inbox>/<id>/_listing/thumbs/*   → <dest>/<id>/_listing/thumbs/
# and nothing else: description.txt, context.txt, the original photos, voice memos, transcripts,
# result.json and _STATUS.txt stay in the inbox. Listings whose folder is gone (or has no
# listing.md yet) are removed from <dest>. Safe to run while the daemon works: it only reads.
# Drafts (`draft: true`: the agent marked the folder sold/withdrawn, or the draft policy held it
# back) are left out too, for generators without a draft flag of their own (Jekyll, Eleventy);
# INCLUDE_DRAFTS=1 keeps them (`hugo -D` previews).
#
# Usage: sync-listings.sh INBOX DEST        e.g. sync-listings.sh /srv/inbox /srv/site/content/listings
# Packaged as /usr/bin/property-inbox-site-sync (man property-inbox-site-sync).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 INBOX DEST" >&2; exit 2; }
inbox=${1%/}
dest=${2%/}
mkdir -p "$dest"

# A folder whose listing the site may show: published, and not a draft (unless asked for).
publishable() {
  [ -f "$1/listing.md" ] || return 1
  [ "${INCLUDE_DRAFTS:-0}" = 1 ] && return 0
  # The front matter is the block between the first two `---` lines.
  ! awk 'NR == 1 && $0 != "---" { exit 1 } NR > 1 && $0 == "---" { exit 1 } $0 == "draft: true" { found = 1; exit 0 } END { exit !found }' "$1/listing.md"
}

for folder in "$inbox"/*/; do
  folder=${folder%/}
  id=${folder##*/}
  publishable "$folder" || continue
  mkdir -p "$dest/$id"
  # The include list: photos and thumbnails only. `P index*.md` keeps --delete off the pages
  # written below. -rlt, not -a: neither owner, group nor mode bits are copied (the site's files
  # belong to whoever runs this, with its umask). As the service's rebuild hook, the unit refuses
  # chown/chgrp (its system-call filter) and a setgid bit (RestrictSUIDSGID=, and inbox folders
  # are setgid), which -a would try: rsync exit 23.
  rsync -rlt --delete --prune-empty-dirs \
    --filter='P /index*.md' \
    --include='/_listing/' --include='/_listing/photos/***' --include='/_listing/thumbs/***' \
    --exclude='*' \
    "$folder/" "$dest/$id/"
  # listing.md → index.md (and each language's listing.<lang>.md → index.<lang>.md): Hugo
  # treats a folder with index.md as a leaf bundle, so the photos become its resources.
  for page in "$folder"/listing.md "$folder"/listing.*.md; do
    [ -f "$page" ] || continue
    name=${page##*/}
    target="$dest/$id/index${name#listing}"
    cmp -s "$page" "$target" 2>/dev/null || cp "$page" "$target"
  done
  # A language page the inbox no longer has.
  for page in "$dest/$id"/index*.md; do
    [ -f "$page" ] || continue
    name=${page##*/}
    [ -f "$folder/listing${name#index}" ] || rm -f "$page"
  done
done

# Listings no longer in the inbox (or not yet published there).
for bundle in "$dest"/*/; do
  bundle=${bundle%/}
  [ -d "$bundle" ] || continue
  id=${bundle##*/}
  publishable "$inbox/$id" || rm -rf "$bundle"
done
