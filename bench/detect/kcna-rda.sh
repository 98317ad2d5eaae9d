# Shared by fetch-headlines.sh and fetch-stories.sh (sourced, not run): gets data sets of Xavier
# Marquez's R package https://github.com/xmarquez/KCNA (GPL-3) at the commit that wrote them,
# checks each against its SHA-256 (fetch_pinned, in pinned.sh, as fetch.sh does) and turns them
# into the kcna importer's JSON with rda_headlines.py (Python's standard library only). Nothing is
# written unless every file checks.
#
#   fetch_kcna_rda TARGET MIRROR FILE SHA256 [FILE SHA256 ...]
#   MIRROR: a local clone or mirror of xmarquez/KCNA, or '' to download from raw.githubusercontent.com
kcna_commit=7d141600ae568506c97bb9c344a3ab7b44a2cad6
source "$(dirname "${BASH_SOURCE[0]}")/pinned.sh"

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
        fetch_pinned xmarquez/KCNA "$kcna_commit" "$file" "$sha256" "$raw" "$mirror"
        raws+=("$raw")
    done
    python3 "$here/rda_headlines.py" "${raws[@]}" "$target.part"
    mv "$target.part" "$target"
    echo "Now: dotnet run -c Release --project bench/Peninsula.Benchmarks -- detect"
}
