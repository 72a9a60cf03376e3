# tumac check, codes (issue 19): the inline codes of the source are in the
# target once each and well nested, in every target locale: a missing, an
# extra, a duplicated and a misnested code (spanning codes with
# canOverlap="no" crossed) are errors, a spanning code's end
# before its start too, and a code that may not be reordered moved; codes
# reordered (allowed by default), spanning codes that may overlap crossed,
# and a copy made with copyOf are not.
. tests/cli/lib.sh
x="python3 tests/cli/check_xlf.py"
tab=$'\t'
declare -A word=([bs]="izvještaj" [hr]="izvješće" [sr-Latn]="izveštaj" [sr-Cyrl]="извештај")
for loc in bs hr sr-Latn sr-Cyrl; do
    w=${word[$loc]}
    cat <<EOT | $x "$loc" "$WORK/$loc.xlf"
ok1${tab}Read the <pc id="1">report</pc> and <pc id="2">notes</pc>.${tab}<pc id="2">Bilješke</pc> i <pc id="1">$w</pc>.
ok2${tab}Read<ph id="1"/> the <sc id="2"/>report<ec startRef="2"/>.${tab}<ph id="1"/><sc id="2"/>$w<ec startRef="2"/>.
ok3${tab}See <ph id="1"/> here.${tab}<ph id="1"/> <ph id="c1" copyOf="1"/> $w.
bad1${tab}Read the <pc id="1">report</pc>.${tab}$w.
bad2${tab}Read the report.${tab}<pc id="9">$w</pc>.
bad3${tab}Read <ph id="1"/> the report.${tab}<ph id="1"/> $w <ph id="1"/>.
bad4${tab}Read <sc id="1" canOverlap="no"/>the <sc id="2" canOverlap="no"/>report<ec startRef="2"/><ec startRef="1"/>.${tab}<sc id="1" canOverlap="no"/>$w <sc id="2" canOverlap="no"/>$w<ec startRef="1"/><ec startRef="2"/>.
ok4${tab}Read <sc id="1"/>the <sc id="2"/>report<ec startRef="2"/><ec startRef="1"/>.${tab}<sc id="1"/>$w <sc id="2"/>$w<ec startRef="1"/><ec startRef="2"/>.
bad5${tab}A <sc id="1"/>report<ec startRef="1"/>.${tab}<ec startRef="1"/>$w<sc id="1"/>.
EOT
    check_exit "$loc: code errors exit 1" 1 "$TUMAC" check "$WORK/$loc.xlf"
    out=$(grep ': codes: ' "$WORK/.out")
    check_eq "$loc: no codes finding on codes reordered, copied or moved as allowed" \
        "$(grep -c ':ok[0-9]:' <<<"$out")" "0"
    check_grep "$loc: missing code" "bad1:s1: error: codes: code <pc id=\"1\"> of the source missing in the target" <(echo "$out")
    check_grep "$loc: extra code" "bad2:s1: error: codes: code <pc id=\"9\"> in the target is not in the source" <(echo "$out")
    check_grep "$loc: duplicated code" "bad3:s1: error: codes: code <ph id=\"1\"> appears 2 times in the target, 1 in the source" <(echo "$out")
    check_grep "$loc: misnested code" "bad4:s1: error: codes: code <sc id=\"[12]\"> is misnested in the target" <(echo "$out")
    check_grep "$loc: end before start" "bad5:s1: error: codes: code <ec id=\"1\"> comes before its start in the target" <(echo "$out")
done
