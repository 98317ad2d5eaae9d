# Shared by fetch-headlines.sh and fetch-stories.sh (sourced, not run): gets data sets of Xavier
# Marquez's R package https://github.com/xmarquez/KCNA (GPL-3) at the commit that wrote them,
# checks each against its SHA-256 and turns them into the kcna importer's JSON with
# rda_headlines.py (Python's standard library only). Nothing is written unless every file checks.
#
#   fetch_kcna_rda TARGET MIRROR FILE SHA256 [FILE SHA256 ...]
#   MIRROR: a local clone or mirror of xmarquez/KCNA, or '' to download from raw.githubusercontent.com
kcna_commit=7d141600ae568506c97bb9c344a3ab7b44a2cad6

fetch_kcna_rda() {
    local target=$1 mirror=$2 here
    shift 2
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    mkdir -p "$(dirname "$target")"
    kcna_work=$(mktemp -d)
    trap 'rm -rf "$kcna_work"' EXIT
    local raws=()
    while [[ $# -ge 2 ]]; do
        local file=$1 sha256=$2 raw
        shift 2
        raw="$kcna_work/$(basename "$file")"
        if [[ -n "$mirror" ]]; then
            [[ -d "$mirror" ]] || { echo "There is no folder '$mirror'; give a clone or mirror of xmarquez/KCNA." >&2; exit 1; }
            git --git-dir="$(git -C "$mirror" rev-parse --absolute-git-dir 2>/dev/null || echo "$mirror")" show "$kcna_commit:$file" >"$raw" 2>/dev/null \
                || { echo "'$mirror' does not hold commit $kcna_commit with $file; nothing written." >&2; exit 1; }
        else
            curl --fail --location --silent --show-error --output "$raw" "https://raw.githubusercontent.com/xmarquez/KCNA/$kcna_commit/$file"
        fi
        echo "$sha256  $raw" | sha256sum --check --status || { echo "$file does not match its SHA-256; nothing written." >&2; exit 1; }
        raws+=("$raw")
    done
    python3 "$here/rda_headlines.py" "${raws[@]}" "$target.part"
    mv "$target.part" "$target"
    echo "Now: dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect"
}
