#!/usr/bin/env bash
# Gets KCNA's English stories of 2011 and of 2012-01-01 to 2012-11-30 into bench/detect/archive/
# (not committed: the stories are KCNA's text). They are the `KCNA_2011` and `KCNA_2012` data sets
# of Xavier Marquez's R package https://github.com/xmarquez/KCNA (GPL-3), scraped from
# kcna.co.jp; kcna-rda.sh pins the files to the commit that wrote them, checks their SHA-256
# and turns them into the kcna importer's JSON.
#
#   bash bench/detect/fetch-stories.sh                download from raw.githubusercontent.com
#   bash bench/detect/fetch-stories.sh MIRROR.git     copy from a local clone or mirror of xmarquez/KCNA
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/kcna-rda.sh"
fetch_kcna_rda "$here/archive/kcna-stories-2011-2012.json" "${1:-}" \
    data/KCNA_2011.rda c7629f5eab9acff3027d993ff412c4095a2a62a05f6b0ccab9ecc427b2c7d86a \
    data/KCNA_2012.rda d80403e4ff49de49b6f977cda03387fa70d5c6262bdf996448dcf565e91dd691
