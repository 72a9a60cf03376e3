#!/usr/bin/env bash
# tumac check on real human translations (NTREX-128 en -> bs, hr, sr-Latn,
# sr-Cyrl): findings per 100 segments per check against Translate Toolkit's
# pofilter, and the share of injected errors found (check-eval.py says how).
# Env: TUMAC, SHARED; CHECK_EXAMPLES=N prints N findings of each hard check.
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v pofilter >/dev/null || { echo "pofilter (translate-toolkit) not installed"; exit 1; }
python3 "$(dirname "$0")/check-eval.py" "$TUMAC" "$SHARED/data/parallel/ntrex-128" "$work" \
    --examples "${CHECK_EXAMPLES:-0}"
