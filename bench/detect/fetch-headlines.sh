#!/usr/bin/env bash
# Gets KCNA's English headlines of 1997-01-01 to 2014-09-25 into bench/detect/archive/ (not
# committed: the headlines are KCNA's text). They are the `headlines` data set of Xavier Marquez's
# R package https://github.com/xmarquez/KCNA (GPL-3), scraped from kcna.co.jp; the file is pinned
# to the commit that wrote it and checked against its SHA-256, then turned into the kcna
# importer's JSON by rda_headlines.py (Python's standard library only).
#
#   bash bench/detect/fetch-headlines.sh                download from raw.githubusercontent.com
#   bash bench/detect/fetch-headlines.sh MIRROR.git     copy from a local clone or mirror of xmarquez/KCNA
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
commit=7d141600ae568506c97bb9c344a3ab7b44a2cad6
file=data/headlines.rda
sha256=cf24000446365db6fd1af6cce77426dca206ede74f6e7e1fc4f604f57957d7f2
mkdir -p "$here/archive"
target="$here/archive/kcna-headlines-1997-2014.json"
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
if [[ $# -ge 1 ]]; then
    mirror=$1
    [[ -d "$mirror" ]] || { echo "There is no folder '$mirror'; give a clone or mirror of xmarquez/KCNA." >&2; exit 1; }
    git --git-dir="$(git -C "$mirror" rev-parse --absolute-git-dir 2>/dev/null || echo "$mirror")" show "$commit:$file" >"$raw" 2>/dev/null \
        || { echo "'$mirror' does not hold commit $commit with $file; nothing written." >&2; exit 1; }
else
    curl --fail --location --silent --show-error --output "$raw" "https://raw.githubusercontent.com/xmarquez/KCNA/$commit/$file"
fi
echo "$sha256  $raw" | sha256sum --check --status || { echo "The file does not match its SHA-256; nothing written." >&2; exit 1; }
python3 "$here/rda_headlines.py" "$raw" "$target.part"
mv "$target.part" "$target"
echo "Now: dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect"
