#!/usr/bin/env bash
# Gets the public KCNA archive that 'peninsula detect' is measured on into bench/detect/archive/
# (not committed: the stories are KCNA's text). The archive is the scrape kept by Matt Stiles in
# https://github.com/stiles/north-korea-news (the scraper's repository is CC0; the stories are
# North Korean state media, read here and never redistributed). The file is pinned to the commit
# that wrote it and checked against its SHA-256, so that the figures in bench/results/detect.md
# can be reproduced.
#
#   bash bench/detect/fetch.sh                  downloads it from raw.githubusercontent.com
#   bash bench/detect/fetch.sh MIRROR.git       copies it from a local clone or mirror of the
#                                               repository (a git directory or a work tree), where
#                                               raw.githubusercontent.com cannot be reached
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
commit=d9208a58cdee64d20f2dc137bd8c0ebf262e5bd5
file=headlines_2024-11-11.json
sha256=0153140a39714f62507b148d9f28a9cce99833789e098e7dd74e0ab052d8bb86
mkdir -p "$here/archive"
target="$here/archive/kcna-$file"
if [[ -f "$target" ]] && echo "$sha256  $target" | sha256sum --check --status; then
    echo "Already there: $target"
    exit 0
fi
source "$here/pinned.sh"
fetch_pinned stiles/north-korea-news "$commit" "data/archive/$file" "$sha256" "$target.part" "${1:-}"
mv "$target.part" "$target"
echo "Wrote $target ($(wc -c <"$target") bytes). Now: dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect"
