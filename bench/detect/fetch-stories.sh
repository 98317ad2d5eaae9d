#!/usr/bin/env bash
# Gets KCNA's English stories of 2011 and of 2012-01-01 to 2012-11-30 into bench/detect/archive/
# (not committed: the stories are KCNA's text). They are the `KCNA_2011` and `KCNA_2012` data sets
# of Xavier Marquez's R package https://github.com/xmarquez/KCNA (GPL-3), scraped from
# kcna.co.jp; the files are pinned to the commit that wrote them and checked against their
# SHA-256, then turned into the kcna importer's JSON by rda_headlines.py (Python's standard
# library only).
#
#   bash bench/detect/fetch-stories.sh                download from raw.githubusercontent.com
#   bash bench/detect/fetch-stories.sh MIRROR.git     copy from a local clone or mirror of xmarquez/KCNA
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
commit=7d141600ae568506c97bb9c344a3ab7b44a2cad6
files=(data/KCNA_2011.rda data/KCNA_2012.rda)
sha256s=(c7629f5eab9acff3027d993ff412c4095a2a62a05f6b0ccab9ecc427b2c7d86a d80403e4ff49de49b6f977cda03387fa70d5c6262bdf996448dcf565e91dd691)
mkdir -p "$here/archive"
target="$here/archive/kcna-stories-2011-2012.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
raws=()
for i in "${!files[@]}"; do
    file=${files[$i]}
    raw="$work/$(basename "$file")"
    if [[ $# -ge 1 ]]; then
        mirror=$1
        [[ -d "$mirror" ]] || { echo "There is no folder '$mirror'; give a clone or mirror of xmarquez/KCNA." >&2; exit 1; }
        git --git-dir="$(git -C "$mirror" rev-parse --absolute-git-dir 2>/dev/null || echo "$mirror")" show "$commit:$file" >"$raw" 2>/dev/null \
            || { echo "'$mirror' does not hold commit $commit with $file; nothing written." >&2; exit 1; }
    else
        curl --fail --location --silent --show-error --output "$raw" "https://raw.githubusercontent.com/xmarquez/KCNA/$commit/$file"
    fi
    echo "${sha256s[$i]}  $raw" | sha256sum --check --status || { echo "$file does not match its SHA-256; nothing written." >&2; exit 1; }
    raws+=("$raw")
done
python3 "$here/rda_headlines.py" "${raws[@]}" "$target.part"
mv "$target.part" "$target"
echo "Now: dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect"
