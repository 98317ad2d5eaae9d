#!/usr/bin/env python3
"""Turns the `headlines` data frame of the R package xmarquez/KCNA (data/headlines.rda: KCNA's
headlines from kcna.co.jp, 1997-01-01 to 2014-09-25) into the JSON layout Peninsula's kcna
importer reads. Python's standard library only: a reader of R's XDR serialization (format 2)
for a data frame of strings, numbers and logicals.

    python3 rda_headlines.py headlines.rda kcna-headlines-1997-2014.json

Only headlines the package marks as English are kept. A headline is the whole story here, so it
is written as the story's text too (the importer requires text), and each is dated by the
index page it was listed on, a Korean date.
"""
import bz2
import datetime
import gzip
import json
import lzma
import struct
import sys


def unpack(raw):
    for decompress in (bz2.decompress, gzip.decompress, lzma.decompress):
        try:
            return decompress(raw)
        except (OSError, lzma.LZMAError, ValueError):
            continue
    return raw


class Reader:
    def __init__(self, data):
        if not data.startswith(b"RDX2\nX\n"):
            raise SystemExit("not an R data file in XDR format 2 (RDX2)")
        self.data, self.pos, self.refs = data, 7 + 12, []

    def int32(self):
        value = struct.unpack(">i", self.data[self.pos:self.pos + 4])[0]
        self.pos += 4
        return value

    def item(self):
        flags = self.int32()
        kind = flags & 0xFF
        has_attributes, has_tag = flags & (1 << 9), flags & (1 << 10)
        if kind in (241, 242, 250, 251, 252, 253, 254):  # environments, NULL, markers
            return None
        if kind == 255:  # a reference to a symbol read before
            index = flags >> 8 or self.int32()
            return self.refs[index - 1]
        if kind == 1:  # a symbol
            symbol = self.item()
            self.refs.append(symbol)
            return symbol
        if kind in (2, 6):  # a pair list
            if has_attributes:
                self.item()
            tag = self.item() if has_tag else None
            head, tail = self.item(), self.item()
            return [(tag, head)] + (tail if isinstance(tail, list) else [])
        if kind == 9:  # a string
            n = self.int32()
            if n == -1:
                return None
            text = self.data[self.pos:self.pos + n].decode("utf-8", "replace")
            self.pos += n
            return text
        n = self.int32()
        if kind in (10, 13):  # logical, integer
            values = list(struct.unpack(">%di" % n, self.data[self.pos:self.pos + 4 * n]))
            self.pos += 4 * n
        elif kind == 14:  # double
            values = list(struct.unpack(">%dd" % n, self.data[self.pos:self.pos + 8 * n]))
            self.pos += 8 * n
        elif kind in (16, 19):  # character vector, list
            values = [self.item() for _ in range(n)]
        else:
            raise SystemExit("an R value of type %d, which this reader does not know, at byte %d" % (kind, self.pos))
        attributes = dict(self.item()) if has_attributes else {}
        return {"values": values, "attributes": attributes}


def main(source, target):
    with open(source, "rb") as f:
        top = Reader(unpack(f.read())).item()
    frames = dict(top)
    if "headlines" not in frames:
        raise SystemExit("the file holds no data frame called 'headlines'")
    frame = frames["headlines"]
    names = frame["attributes"]["names"]["values"]
    columns = dict(zip(names, (c["values"] for c in frame["values"])))
    rows = []
    for i, days in enumerate(columns["date"]):
        if columns["english"][i] != 1 or not columns["title"][i]:
            continue
        day = datetime.date(1970, 1, 1) + datetime.timedelta(days=int(days))
        title = columns["title"][i].strip()
        rows.append({"topic": "headline", "headline": title, "link": columns["story.link"][i] or "",
                     "date": str(int(days) * 86_400_000), "date_str": day.isoformat(), "story_text": title})
    with open(target, "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False)
    print("Wrote %s: %d English headlines, %s to %s." % (target, len(rows), rows[0]["date_str"], rows[-1]["date_str"]))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: rda_headlines.py headlines.rda OUT.json")
    main(sys.argv[1], sys.argv[2])
