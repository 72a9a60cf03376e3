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

# The dependency line of src/README.md holds: a module includes the public
# headers of its own module and of the modules left of it, never of a peer
# in the same {...} or of one to the right; public headers include each
# other the same way; no source reaches into another module's folder.
line=$(sed -n 's/^Dependencies point one way: \(.*\)\.$/\1/p' src/README.md)
check_ok "src/README.md states the dependency line" test -n "$line"
# header -> module (every public header belongs to one module)
declare -A home=([alloc]=base [buf]=base [error]=base [fileio]=base [escape]=base
    [version]=base [text]=text [locale]=text [segment]=text [numwords]=text [xliff]=xliff
    [filter]=filters [tm]=tm [leverage]=leverage [check]=check [batch]=batch [serve]=serve [tumac]=cli)
check_eq "every public header has its module here" \
    "$(for h in include/tumac/*.h; do b=$(basename "$h" .h); [ -n "${home[$b]:-}" ] || echo "$b"; done)" ""
declare -A level=()
n=0
IFS='<' read -ra steps <<<"${line//<-/<}"
for step in "${steps[@]}"; do
    for m in $(tr -d '{},' <<<"$step"); do level[$m]=$n; done
    n=$((n + 1))
done
check_eq "the line names every module folder" \
    "$(printf '%s\n' "${!level[@]}" | sort | tr '\n' ' ')" \
    "$(cd src && ls -d */ | tr -d / | sort | tr '\n' ' ')"
bad=""
allowed() { # FROM-MODULE TO-MODULE
    [ "$1" = "$2" ] || [ "${level[$2]:-99}" -lt "${level[$1]:-0}" ]
}
for f in src/*/*.[ch] include/tumac/*.h; do
    case $f in
    include/*) b=$(basename "$f" .h); from=${home[$b]:-?} ;;
    *) from=$(basename "$(dirname "$f")") ;;
    esac
    for h in $(sed -n 's/^#include [<"]\(tumac\/\)\{0,1\}\([a-z]*\)\.h[>"].*/\2/p' "$f"); do
        to=${home[$h]:-}
        [ -n "$to" ] || continue # a module-internal or system header
        case $f in include/*) ;; *) grep -q "#include <tumac/$h.h>" "$f" || continue ;; esac
        allowed "$from" "$to" || bad="$bad $f:$h.h($from->$to)"
    done
done
check_eq "no include goes against the dependency line" "$bad" ""
# The one exception: base/xmlparse-int.h, the XML parsing policy that every
# libxml2 reader shares (src/README.md says why it is not a public header).
check_eq "no source includes another module's files by path" \
    "$(grep -rn '#include "\.\./\|#include "[a-z]*/[a-z-]*\.h"' src \
        | grep -v '#include "base/xmlparse-int\.h"' | head -5)" ""
# Third-party libraries stay where src/README.md puts them.
check_eq "ICU only in text/" "$(grep -rl '#include <unicode/' src | grep -v '^src/text/')" ""
check_eq "SQLite only in tm/" "$(grep -rl '#include <sqlite3.h>' src | grep -v '^src/tm/')" ""
check_eq "libmicrohttpd and jansson only in serve/" "$(grep -rl '#include <microhttpd.h>\|#include <jansson.h>' src | grep -v '^src/serve/')" ""
check_eq "gumbo only in filters/" "$(grep -rl '#include <gumbo' src | grep -v '^src/filters/')" ""
check_eq "libxml2 only in base/xmlparse, xliff/, tm/tmx.c, text/srx.c, filters/xmlpart.c and check/tbx.c" \
    "$(grep -rl '#include <libxml/' src | grep -v '^src/base/xmlparse\|^src/xliff/\|^src/tm/tmx.c$\|^src/text/srx.c$\|^src/filters/xmlpart.c$\|^src/check/tbx.c$')" ""
# No function over 150 lines (issue 23): a function body runs from a "{" in
# column 0 to the next "}" in column 0, the style every source follows.
# The generated tables are data, not functions.
long=$(for f in src/*/*.c; do
    case $f in *-words.c|*-abbrev.c|*-entities.c|*-exceptions.c) continue ;; esac
    awk -v F="$f" '/^[A-Za-z].*\(/ { sig = $0 } /^\{/ { start = NR; name = sig }
        /^\}/ && start { if (NR - start > 150) print F ": " name " (" NR - start " lines)"; start = 0 }' "$f"
done)
check_eq "no function in src/ over 150 lines" "$long" ""
