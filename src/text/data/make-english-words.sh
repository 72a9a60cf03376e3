#!/bin/sh
# Rebuilds src/text/data/english-words.txt from the Debian dictionaries
# (hunspell-en-us, hunspell-sr): every en_US.dic entry of 3+ ASCII letters
# that the Serbian Latin dictionary (sr_Latn_RS) does not accept. The list is
# then the project's own: `make gen` turns it into text/english-words.c, and
# the product never loads a dictionary (a one-line call costs milliseconds;
# loading sr_Latn_RS took 0.40 s per process). Run by hand after a dictionary
# update, check the diff, commit. Usage: sh src/text/data/make-english-words.sh
# Also writes english-shared.txt: the en_US entries Serbian does accept (pod,
# the, more, love): foreign only inside a foreign span.
set -eu
dir=/usr/share/hunspell
out=$(dirname "$0")/english-words.txt
shared=$(dirname "$0")/english-shared.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/f.c" <<'C'
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <string.h>
/* stdin: words; stdout: those the dictionary AFF DIC does not know. */
int main(int argc, char **argv)
{
    char line[256];
    Hunhandle *h;
    if (argc != 3) {
        return 2;
    }
    h = Hunspell_create(argv[1], argv[2]);
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] != '\0' && !Hunspell_spell(h, line)) {
            puts(line);
        }
    }
    Hunspell_destroy(h);
    return 0;
}
C
cc -O2 -o "$tmp/f" "$tmp/f.c" -lhunspell-1.7
sed -n '2,$p' "$dir/en_US.dic" | sed 's,/.*,,' | grep -E '^[A-Za-z]{2,}$' |
    LC_ALL=C sort -u > "$tmp/all"
"$tmp/f" "$dir/sr_Latn_RS.aff" "$dir/sr_Latn_RS.dic" < "$tmp/all" > "$tmp/lower-unknown"
# A lower-case entry whose capitalised form Serbian knows (tramp: Tramp, the
# Serbian spelling of Trump) is shared too.
sed 's/^./\u&/' "$tmp/lower-unknown" | paste -d' ' - "$tmp/lower-unknown" > "$tmp/pairs"
cut -d' ' -f1 "$tmp/pairs" | "$tmp/f" "$dir/sr_Latn_RS.aff" "$dir/sr_Latn_RS.dic" |
    LC_ALL=C sort -u > "$tmp/title-unknown"
LC_ALL=C sort -k1,1 "$tmp/pairs" | LC_ALL=C join - "$tmp/title-unknown" | cut -d' ' -f2 |
    LC_ALL=C sort -u > "$tmp/en-only"
{
    echo "# English words (en_US.dic entries, 3+ ASCII letters) that Serbian (sr_Latn_RS)"
    echo "# does not accept; made by make-english-words.sh, one a line, sorted (C locale)."
    grep -E '^.{3,}$' "$tmp/en-only"
} > "$out.tmp"
{
    echo "# English words (en_US.dic entries, 2+ ASCII letters) that Serbian (sr_Latn_RS)"
    echo "# accepts too; made by make-english-words.sh, one a line, sorted (C locale)."
    LC_ALL=C comm -23 "$tmp/all" "$tmp/en-only"
} > "$shared.tmp"
mv "$out.tmp" "$out"
mv "$shared.tmp" "$shared"
