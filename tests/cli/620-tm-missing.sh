# A typo must not make a new TM (issue 16, point 8): the commands that only
# read a TM refuse a path that does not exist, naming it, exit 1, and create
# no file and no folder; import, update and batch may create one and say so
# on stderr. --tm none still means no TM.
. tests/cli/lib.sh
seed=$SHARED/seeds/osce-bih-press-release.txt
cd "$WORK"
missing="nodir/memroy.db"
check_ok "an XLIFF file to leverage" "$TUMAC" extract -s en -t hr -o "$WORK/seed.xlf" "$seed"

refused() {
    local what=$1 name=$2; shift 2
    check_exit "$what refuses a missing TM" 1 "$@"
    check_grep "$what names it" "$name: no such TM" "$WORK/.err"
    check_no_file "$what made no TM" "$WORK/$missing"
    check_no_file "$what made no folder" "$WORK/nodir"
}
refused "analyze" "nodir/memroy\.db" "$TUMAC" analyze --tm "$missing" -t hr "$seed"
refused "leverage" "nodir/memroy\.db" "$TUMAC" leverage --tm "$missing" -o "$WORK/out.xlf" "$WORK/seed.xlf"
check_no_file "leverage wrote nothing" "$WORK/out.xlf"
refused "tm lookup" "nodir/memroy\.db" "$TUMAC" tm lookup --tm "$missing" -s en -t hr "Hello"
refused "tm concordance" "nodir/memroy\.db" "$TUMAC" tm concordance --tm "$missing" Hello
refused "tm stats" "nodir/memroy\.db" "$TUMAC" tm stats --tm "$missing"
refused "tm export" "nodir/memroy\.db" "$TUMAC" tm export --tm "$missing" -o "$WORK/x.tmx"
refused "tm delete" "nodir/memroy\.db" "$TUMAC" tm delete --tm "$missing" -t hr
refused "tm vacuum" "nodir/memroy\.db" "$TUMAC" tm vacuum --tm "$missing"
# The default path is a path like any other.
refused "analyze with the default TM" "nodir/tumac/memory\.db" env -u TUMAC_TM XDG_DATA_HOME="$WORK/nodir" \
    "$TUMAC" analyze -t hr "$seed"
check_ok "analyze --tm none needs no TM" "$TUMAC" analyze --tm none -t hr "$seed"

check_ok "tm import creates one" "$TUMAC" tm import --tm "$WORK/new/tm.db" "$OLDPWD/tm/samples.tmx"
check_grep "and says so" "new/tm\.db: no TM there yet: creating a new, empty one" "$WORK/.err"
check_ok "stats reads it then" "$TUMAC" tm stats --tm "$WORK/new/tm.db"
check_ok "import into it again says nothing about creating" "$TUMAC" tm import --tm "$WORK/new/tm.db" "$OLDPWD/tm/samples.tmx"
check_eq "no creation message for an existing TM" "$(grep -c 'creating' "$WORK/.err")" "0"
check_ok "batch creates one" "$TUMAC" batch --tm "$WORK/b/tm.db" -s en -t hr -q -o "$WORK/bo" "$seed"
check_grep "and says so" "b/tm\.db: there was no TM: made a new, empty one" "$WORK/.err"
check_grep "report.json too" '"tm_created": true' "$WORK/bo/report.json"
check_ok "tm update creates one" "$TUMAC" tm update --tm "$WORK/u/tm.db" "$WORK/seed.xlf"
check_grep "and says so" "u/tm\.db: no TM there yet" "$WORK/.err"
