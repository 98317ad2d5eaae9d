#!/usr/bin/env python3
"""Turns data frames of the R package xmarquez/KCNA into the JSON layout Peninsula's kcna importer
reads. Python's standard library only: a reader of R's XDR serialization (format 2) for a data
frame of strings, numbers and logicals.

    python3 rda_headlines.py headlines.rda kcna-headlines-1997-2014.json
    python3 rda_headlines.py KCNA_2011.rda KCNA_2012.rda kcna-stories-2011-2012.json

`headlines` (data/headlines.rda: KCNA's headlines from kcna.co.jp, 1997-01-01 to 2014-09-25): only
headlines the package marks as English are kept. A headline is the whole story here, so it is
written as the story's text too (the importer requires text), and each is dated by the index page
it was listed on, a Korean date.

`KCNA_2011` and `KCNA_2012` (data/KCNA_2011.rda, data/KCNA_2012.rda: KCNA's whole stories of 2011
and of 2012-01-01 to 2012-11-30 from kcna.co.jp): the stories the package marks as English
(`language` "en") that have text, each with its title, its own address and the date of the index
page that listed it (a Korean date), its paragraphs one per line. Several files are written as
one archive.
"""
import bz2
import datetime
import gzip
import json
import lzma
import re
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


def read_frame(source):
    with open(source, "rb") as f:
        top = Reader(unpack(f.read())).item()
    frames = dict(top)
    for name in ("headlines", "KCNA_2011", "KCNA_2012"):
        if name in frames:
            frame = frames[name]
            names = frame["attributes"]["names"]["values"]
            return name, dict(zip(names, (c["values"] for c in frame["values"])))
    raise SystemExit("%s holds no data frame called 'headlines', 'KCNA_2011' or 'KCNA_2012'" % source)


def headline_rows(columns):
    for i, days in enumerate(columns["date"]):
        if columns["english"][i] != 1 or not columns["title"][i]:
            continue
        day = datetime.date(1970, 1, 1) + datetime.timedelta(days=int(days))
        title = columns["title"][i].strip()
        yield {"topic": "headline", "headline": title, "link": columns["story.link"][i] or "",
               "date": str(int(days) * 86_400_000), "date_str": day.isoformat(), "story_text": title}


def story_rows(columns):
    for i, days in enumerate(columns["date"]):
        story, title = columns["story"][i], columns["title"][i]
        if columns["language"][i] != "en" or not story or not story.strip() or not title:
            continue
        day = datetime.date(1970, 1, 1) + datetime.timedelta(days=int(days))
        yield {"topic": "story", "headline": title.strip(), "link": columns["index.link"][i] or "",
               "date": str(int(days) * 86_400_000), "date_str": day.isoformat(), "story_text": paragraphs(story)}


def paragraphs(story):
    """The package keeps a story's paragraphs joined by ", ", each paragraph after the first starting
    with a space and empty ones left as bare commas ("... on Friday.,  The earth observation satellite
    failed ..., ,  Scientists ..."), some without the space ("... the following statement Friday:, The
    DPRK's ..."). A comma and a space followed by a space, a comma or the end is such a join, and so
    is a comma right after a colon, a quotation mark, a question or exclamation mark, or a full stop
    that ends a word in lower case or a number (not "U.S., Japan"); the paragraphs are written one per line, with a blank line between, as a reader of
    sentences expects."""
    parts = (p.strip(" ,\t\r\n") for p in re.split(r",\s(?=\s|,|$)|(?<=[:!?\"”])\s*,\s+|(?<=[a-z0-9)]\.)\s*,\s+(?=[A-Z\"])", story))
    return "\n\n".join(p for p in parts if p)


def main(sources, target):
    rows = []
    for source in sources:
        name, columns = read_frame(source)
        rows.extend(headline_rows(columns) if name == "headlines" else story_rows(columns))
    if not rows:
        raise SystemExit("no English rows with text in %s; nothing written" % ", ".join(sources))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False)
    kind = "headlines" if all(r["topic"] == "headline" for r in rows) else "stories"
    print("Wrote %s: %d English %s, %s to %s." % (target, len(rows), kind, min(r["date_str"] for r in rows), max(r["date_str"] for r in rows)))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit("usage: rda_headlines.py headlines.rda OUT.json, or rda_headlines.py KCNA_2011.rda KCNA_2012.rda OUT.json")
    main(sys.argv[1:-1], sys.argv[-1])
