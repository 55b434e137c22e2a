#!/usr/bin/env python3
"""Adds rotation (irot) and mirror (imir) properties to the primary image of a HEIF file, as a
phone does when a photo is turned or flipped after it was taken. heif-enc cannot write them.

Usage: heif_transform.py in.heic out.heic OP...   where OP is rot90, rot180, rot270 (anticlockwise,
as irot counts) or mirror-v (about the vertical axis: left-right) / mirror-h (top-bottom).
Transforms apply in the order given. Box sizes and item offsets (iloc) are fixed up.
"""
import struct
import sys


def boxes(data, start, end):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        yield kind.decode("latin-1"), pos, header, size
        pos += size


def find(data, start, end, kind):
    for k, pos, header, size in boxes(data, start, end):
        if k == kind:
            return pos, header, size
    raise SystemExit(f"no {kind} box")


def read_uint(data, pos, size):
    return int.from_bytes(data[pos:pos + size], "big") if size else 0


def shift_iloc(data, pos, header, delta):
    """Adds `delta` to every file-offset item location (construction method 0)."""
    p = pos + header
    version = data[p]
    p += 4
    offset_size, length_size = data[p] >> 4, data[p] & 15
    base_size, index_size = data[p + 1] >> 4, (data[p + 1] & 15 if version in (1, 2) else 0)
    p += 2
    count = read_uint(data, p, 4 if version == 2 else 2)
    p += 4 if version == 2 else 2
    for _ in range(count):
        p += 4 if version == 2 else 2
        method = 0
        if version in (1, 2):
            method = read_uint(data, p, 2) & 15
            p += 2
        p += 2  # data_reference_index
        base = read_uint(data, p, base_size)
        if method == 0 and base_size:
            data[p:p + base_size] = (base + delta).to_bytes(base_size, "big")
        p += base_size
        extents = read_uint(data, p, 2)
        p += 2
        for _ in range(extents):
            p += index_size
            if method == 0 and not base_size and offset_size:
                value = read_uint(data, p, offset_size)
                data[p:p + offset_size] = (value + delta).to_bytes(offset_size, "big")
            p += offset_size + length_size


def main():
    source, target, ops = sys.argv[1], sys.argv[2], sys.argv[3:]
    data = bytearray(open(source, "rb").read())
    meta_pos, meta_header, meta_size = find(data, 0, len(data), "meta")
    children = meta_pos + meta_header + 4  # full box
    pitm_pos, pitm_header, _ = find(data, children, meta_pos + meta_size, "pitm")
    pitm_version = data[pitm_pos + pitm_header]
    primary = read_uint(data, pitm_pos + pitm_header + 4, 4 if pitm_version else 2)
    iprp_pos, iprp_header, iprp_size = find(data, children, meta_pos + meta_size, "iprp")
    ipco_pos, ipco_header, ipco_size = find(data, iprp_pos + iprp_header, iprp_pos + iprp_size, "ipco")
    ipma_pos, ipma_header, ipma_size = find(data, iprp_pos + iprp_header, iprp_pos + iprp_size, "ipma")
    existing = sum(1 for _ in boxes(data, ipco_pos + ipco_header, ipco_pos + ipco_size))

    new_props = b""
    for op in ops:
        if op.startswith("rot"):
            payload = bytes([int(op[3:]) // 90])
            new_props += struct.pack(">I4s", 8 + len(payload), b"irot") + payload
        else:
            payload = bytes([0 if op == "mirror-v" else 1])
            new_props += struct.pack(">I4s", 8 + len(payload), b"imir") + payload

    # Rebuild ipma with the new property indexes added to the primary item's associations.
    p = ipma_pos + ipma_header
    version, flags = data[p], read_uint(data, p + 1, 3)
    wide_index = flags & 1
    p += 4
    entries = read_uint(data, p, 4)
    p += 4
    out = bytearray(data[ipma_pos + ipma_header:ipma_pos + ipma_header + 8])
    for _ in range(entries):
        id_size = 4 if version >= 1 else 2
        item = read_uint(data, p, id_size)
        count = data[p + id_size]
        assoc_size = 2 if wide_index else 1
        assoc = bytes(data[p + id_size + 1:p + id_size + 1 + count * assoc_size])
        p += id_size + 1 + count * assoc_size
        if item == primary:
            for index in range(existing + 1, existing + 1 + len(ops)):
                value = 0x8000 | index if wide_index else 0x80 | index  # essential
                assoc += value.to_bytes(assoc_size, "big")
            count += len(ops)
        out += item.to_bytes(id_size, "big") + bytes([count]) + assoc
    new_ipma = struct.pack(">I4s", 8 + len(out), b"ipma") + out
    new_ipco = struct.pack(">I4s", ipco_size + len(new_props), b"ipco") + \
        data[ipco_pos + 8:ipco_pos + ipco_size] + new_props
    assert ipco_header == 8 and ipma_header == 8 and iprp_header == 8 and meta_header == 8

    # iprp holds ipco and ipma (in any order); rebuild it from its children.
    body = b""
    for kind, pos, header, size in boxes(data, iprp_pos + iprp_header, iprp_pos + iprp_size):
        body += new_ipco if kind == "ipco" else new_ipma if kind == "ipma" else bytes(data[pos:pos + size])
    new_iprp = struct.pack(">I4s", 8 + len(body), b"iprp") + body
    delta = len(new_iprp) - iprp_size
    if delta:
        iloc_pos, iloc_header, _ = find(data, children, meta_pos + meta_size, "iloc")
        mdat_after_meta = any(k == "mdat" and pos > meta_pos for k, pos, _, _ in boxes(data, 0, len(data)))
        if mdat_after_meta:
            shift_iloc(data, iloc_pos, iloc_header, delta)
    data[iprp_pos:iprp_pos + iprp_size] = new_iprp
    data[meta_pos:meta_pos + 4] = struct.pack(">I", meta_size + delta)
    open(target, "wb").write(data)


main()
