# Shared by fetch.sh and kcna-rda.sh (sourced, not run): gets one file of a public GitHub
# repository at a pinned commit, from raw.githubusercontent.com or from a local clone or mirror of
# the repository (a git directory or a work tree), and checks it against its SHA-256. On any failure
# it says why, removes what it wrote and exits.
#
#   fetch_pinned OWNER/REPO COMMIT PATH SHA256 OUTPUT MIRROR
#   MIRROR: a local clone or mirror of OWNER/REPO, or '' to download
fetch_pinned() {
    local repo=$1 commit=$2 path=$3 sha256=$4 output=$5 mirror=$6
    if [[ -n "$mirror" ]]; then
        [[ -d "$mirror" ]] || { echo "There is no folder '$mirror'; give a clone or mirror of $repo." >&2; exit 1; }
        git --git-dir="$(git -C "$mirror" rev-parse --absolute-git-dir 2>/dev/null || echo "$mirror")" show "$commit:$path" >"$output" 2>/dev/null \
            || { echo "'$mirror' does not hold commit $commit with $path; nothing kept." >&2; rm -f "$output"; exit 1; }
    else
        curl --fail --location --silent --show-error --output "$output" "https://raw.githubusercontent.com/$repo/$commit/$path" \
            || { echo "$path could not be downloaded from $repo; nothing kept." >&2; rm -f "$output"; exit 1; }
    fi
    echo "$sha256  $output" | sha256sum --check --status || { echo "$path does not match its SHA-256; nothing kept." >&2; rm -f "$output"; exit 1; }
}
