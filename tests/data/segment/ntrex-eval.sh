#!/usr/bin/env bash
# NTREX regression for the segmenter: join the lines of each document of
# ../shared/data/parallel/ntrex-128, segment the document, compare with the
# lines. usage: ntrex-eval.sh TUMAC SHARED LANG FILE-SUFFIX [SRX]
# Prints: lines, lines given back exactly, line boundaries after a sentence
# stop, how many of those got a break, breaks inside lines.
set -eu
tumac=$1 shared=$2 lang=$3 suffix=$4 srx=${5:-}
dir=$shared/data/parallel/ntrex-128
work=$(mktemp -d "${TMPDIR:-/tmp}/ntrex.XXXXXX")
trap 'rm -rf "$work"' EXIT
paste -d '\t' "$dir/DOCUMENT_IDS.tsv" "$dir/newstest2019.$suffix.txt" | tr -d '\r' | sed 's/[[:space:]]*$//; s/\t[[:space:]]*/\t/' >"$work/tab"
# One document a paragraph, an empty line between documents.
LC_ALL=C awk -F '\t' '{ if (NR > 1 && $1 != prev) printf "\n\n"; else if (NR > 1) printf " ";
  printf "%s", $2; prev = $1 } END { printf "\n" }' "$work/tab" >"$work/in"
if [ -n "$srx" ]; then
    "$tumac" segment --lang "$lang" --srx "$srx" "$work/in" >"$work/out"
else
    "$tumac" segment --lang "$lang" "$work/in" >"$work/out"
fi
LC_ALL=C awk -v verbose="${VERBOSE:-}" -F '\t' 'BEGIN { d = 0; e = 0 }
  FNR == 1 { file++ }
  file == 1 { if (NR > 1 && $1 != prev) d++; prev = $1; nl[d]++; line[d, nl[d]] = $2; next }
  file == 2 { if ($0 == "") { if (!blank) e++; blank = 1; next } blank = 0; ns[e]++; seg[e, ns[e]] = $0 }
  END {
    for (k = 0; k <= d; k++) {
      pos = 0; delete lb; delete sb
      for (i = 1; i < nl[k]; i++) { pos += length(line[k, i]) + 1; lb[pos] = line[k, i] }
      pos = 0
      for (i = 1; i < ns[k]; i++) { pos += length(seg[k, i]) + 1; sb[pos] = 1 }
      for (i = 1; i <= ns[k]; i++) have[k, seg[k, i]]++
      for (i = 1; i <= nl[k]; i++) { lines++; if (have[k, line[k, i]]-- > 0) exact++ }
      for (p in lb) { if (lb[p] ~ /[.!?…"”»)]$/) { stops++; if (p in sb) hit++; else if (verbose) print "MISS " lb[p] } else if (p in sb) hit_other++ }
      for (p in sb) if (!(p in lb)) { inside++; if (verbose) print "IN   " k ": " substr(seg[k, 1], 1, 0) p }
    }
    printf "%d lines, %d exact (%.1f%%), %d stop boundaries, %d broken (%.1f%%), %d breaks inside lines\n",
      lines, exact, 100 * exact / lines, stops, hit, 100 * hit / stops, inside
  }' "$work/tab" "$work/out"
