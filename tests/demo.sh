#!/usr/bin/env bash
# make demo: the main job on the bundled samples. Grows as features land.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
echo "tumac $("$build/tumac" --version | cut -d' ' -f2): commands available"
"$build/tumac" help
