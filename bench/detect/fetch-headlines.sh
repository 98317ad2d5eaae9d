#!/usr/bin/env bash
# Gets KCNA's English headlines of 1997-01-01 to 2014-09-25 into bench/detect/archive/ (not
# committed: the headlines are KCNA's text). They are the `headlines` data set of Xavier Marquez's
# R package https://github.com/xmarquez/KCNA (GPL-3), scraped from kcna.co.jp; kcna-rda.sh pins
# the file to the commit that wrote it, checks its SHA-256 and turns it into the kcna importer's JSON.
#
#   bash bench/detect/fetch-headlines.sh                download from raw.githubusercontent.com
#   bash bench/detect/fetch-headlines.sh MIRROR.git     copy from a local clone or mirror of xmarquez/KCNA
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/kcna-rda.sh"
fetch_kcna_rda "$here/archive/kcna-headlines-1997-2014.json" "${1:-}" \
    data/headlines.rda cf24000446365db6fd1af6cce77426dca206ede74f6e7e1fc4f604f57957d7f2
