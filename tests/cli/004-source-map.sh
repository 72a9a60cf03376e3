# The source keeps the promises of src/README.md and include/tumac/: every
# tu_ name a public header mentions exists (a function the library exports,
# or a type, macro or member the headers declare), and sources include the
# public headers one way, <tumac/x.h>.
. tests/cli/lib.sh

lib="$(dirname "$TUMAC")/libtumac.a"
nm -g --defined-only "$lib" | awk 'NF == 3 {print $3}' | sort -u > "$WORK/exported"
# Names the headers declare: types, function-pointer types, macros, members.
cat include/tumac/*.h | sed 's|/\*.*\*/||; s|^ *\*.*||; s|^ */\*.*||' \
    | grep -o '\btu_[a-z0-9_]*' | sort -u > "$WORK/declared"
# Names header comments mention (comment lines and trailing comments).
grep -ho '/\*.*\|^ *\*.*' include/tumac/*.h | grep -o '\btu_[a-z0-9_]*' | sort -u > "$WORK/mentioned"
check_eq "header comments name only functions and types that exist" \
    "$(comm -23 "$WORK/mentioned" <(sort -u "$WORK/exported" "$WORK/declared") | tr '\n' ' ')" ""
check_eq "the library exports every function the headers declare" \
    "$(grep -ho '\btu_[a-z0-9_]*(' include/tumac/*.h | sed 's/($//' | sort -u \
        | comm -23 - <(sort -u "$WORK/exported" "$WORK/declared") | tr '\n' ' ')" ""
check_eq "sources include public headers as <tumac/x.h>" \
    "$(grep -rn '#include "tumac/' src tests/unit | head -5)" ""
