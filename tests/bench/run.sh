#!/usr/bin/env bash
# make bench: runs every tests/bench/bench-*.sh with the build folder given.
# Benchmarks print figures and ratios against a peer measured in the same run.
set -euo pipefail
build=$(realpath "${1:-build}")
cd "$(dirname "$0")/../.."
shopt -s nullglob
for b in tests/bench/bench-*.sh; do
    echo "== $(basename "$b" .sh)"
    BUILD="$build" TUMAC="$build/tumac" SHARED="$(pwd)/../shared" bash "$b"
done
