# TM files in awkward places and TSV that is not UTF-8 text (issue 22,
# finding 10): a WAL TM in a read-only folder could not even be read; a
# UTF-16 TSV imported nothing and exited 0; a NUL in a TSV line passed for a
# column error; a new TM on a full disk left a 0-byte file.
. tests/cli/lib.sh

printf 'The bridge opens on Monday.\tMost se otvara u ponedjeljak.\n' > "$WORK/one.tsv"

# as_other CMD...: run CMD as a user who cannot write the folder (root
# ignores permissions, so root runs it as nobody)
as_other() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
    else
        "$@"
    fi
}

mkdir -p "$WORK/ro"
"$TUMAC" tm import --tm "$WORK/ro/tm.db" -s en -t bs "$WORK/one.tsv" 2>/dev/null
check_eq "the TM is in WAL mode" "$(sqlite3 "$WORK/ro/tm.db" 'PRAGMA journal_mode')" wal
chmod 755 "$WORK"
chmod 555 "$WORK/ro"
check_ok "stats of a WAL TM in a read-only folder" as_other "$TUMAC" tm stats --tm "$WORK/ro/tm.db"
check_grep "it reads the units" "^units: 1$" "$WORK/.out"
check_ok "lookup in it" as_other "$TUMAC" tm lookup --tm "$WORK/ro/tm.db" -s en -t bs "The bridge opens on Monday."
check_grep "the exact match" "^100	The bridge opens on Monday.	Most se otvara u ponedjeljak." "$WORK/.out"
check_eq "nothing was created in the folder" "$(ls -A "$WORK/ro")" "tm.db"
# changes still in a -wal file cannot be read without write access: said so
chmod 755 "$WORK/ro"
python3 - "$WORK/ro/tm.db" <<'PY'
import shutil, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_autocheckpoint=0")
db.execute("INSERT INTO meta VALUES ('test-pending', '1')")
db.commit()
shutil.copy(sys.argv[1] + "-wal", sys.argv[1] + "-wal.keep")
db.close()
shutil.move(sys.argv[1] + "-wal.keep", sys.argv[1] + "-wal")
PY
chmod 555 "$WORK/ro"
check_exit "a read-only folder with a pending -wal" 1 as_other "$TUMAC" tm stats --tm "$WORK/ro/tm.db"
check_grep "says why" "tm.db: the TM's folder is read-only and .*tm.db-wal holds changes not yet in the TM" "$WORK/.err"
chmod 755 "$WORK/ro"

# UTF-16 and NUL bytes in a TSV
python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
t = "The bridge opens on Monday.\tMost se otvara u ponedjeljak.\nThe road is closed.\tPut je zatvoren.\n"
open(w + "/bom16.tsv", "wb").write(t.encode("utf-16"))
open(w + "/le16.tsv", "wb").write(t.encode("utf-16-le"))
open(w + "/nul.tsv", "wb").write(t.encode() + b"A\x00b.\tC d.\n")
PY
for f in bom16 le16 nul; do
    check_exit "$f.tsv is refused" 1 "$TUMAC" tm import --tm "$WORK/t.db" -s en -t bs "$WORK/$f.tsv"
    cp "$WORK/.err" "$WORK/$f.err"
done
check_grep "UTF-16 with a BOM: said so" "bom16.tsv:1:1: the file is UTF-16 \(it starts with a byte order mark\); a TSV import reads UTF-8" "$WORK/bom16.err"
check_grep "UTF-16 without a BOM: a NUL, located" "le16.tsv:1:2: not a text file: NUL byte" "$WORK/le16.err"
check_grep "a NUL in line 3: located" "nul.tsv:3:2: not a text file: NUL byte" "$WORK/nul.err"
check_eq "nothing imported from them" "$(sqlite3 "$WORK/t.db" 'SELECT count(*) FROM tu')" 0

# a new TM on a full disk (a 2 KB file size limit): no file left behind
( trap '' XFSZ; ulimit -f 4; exec "$TUMAC" tm import --tm "$WORK/full.db" -s en -t bs "$WORK/one.tsv" ) \
    >"$WORK/.out" 2>"$WORK/.err"
check_eq "the import fails" "$?" 1
check_grep "it says the TM could not be made" "full.db: cannot create the TM \(nothing was left behind\)" "$WORK/.err"
check_eq "no TM file is left" "$(ls "$WORK" | grep -c '^full\.db')" 0
check_ok "with room, the same import works" "$TUMAC" tm import --tm "$WORK/full.db" -s en -t bs "$WORK/one.tsv"
