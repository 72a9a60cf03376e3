# Concurrent writers wait for each other (issue 22, finding 8): 14 % of the
# `tm update`s racing an import failed within 20 ms with "database is
# locked" (the switch to WAL at open upgrades a read lock, for which SQLite
# does not call the busy handler). Now every writer waits up to 5 s, and a
# time-out says who holds the TM.
. tests/cli/lib.sh

python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
with open(w + "/big.tsv", "w") as f:
    for i in range(40000):
        s = "Import sentence number %d about the budget of the canton." % i
        f.write(s + "\t" + "Uvezena rečenica broj %d o budžetu kantona." % i + "\n")
PY
printf 'One sentence here. Two here.\n' > "$WORK/d.txt"
"$TUMAC" extract -s en -t bs -o "$WORK/d.xlf" "$WORK/d.txt"
"$TUMAC" pseudo -o "$WORK/dp.xlf" "$WORK/d.xlf" 2>/dev/null
check_ok "a TM to race on" "$TUMAC" tm update --tm "$WORK/tm.db" "$WORK/dp.xlf"

# updates while an import writes (through a rollback journal): all succeed
"$TUMAC" tm import --tm "$WORK/tm.db" -s en -t bs "$WORK/big.tsv" >/dev/null 2>"$WORK/imp.err" &
imp=$!
sleep 0.2
raced=0 failed=0
for i in $(seq 10); do
    kill -0 $imp 2>/dev/null && raced=$((raced + 1))
    timeout 30 "$TUMAC" tm update --tm "$WORK/tm.db" "$WORK/dp.xlf" >/dev/null 2>>"$WORK/upd.err" || failed=$((failed + 1))
done
wait $imp
check_eq "the import succeeded" "$?" 0
check_ok "some updates ran while the import wrote" test "$raced" -gt 0
check_eq "no update gave up" "$failed" 0
check_eq "no 'database is locked'" "$(grep -c 'locked' "$WORK/upd.err")" 0
check_eq "every imported unit is there" \
  "$(sqlite3 "$WORK/tm.db" "SELECT count(*) FROM tu")" 40002

# hold SECONDS MODE READY: a writer holding the TM's write lock, then rolling back
hold() {
    python3 - "$WORK/tm.db" "$1" "$2" "$3" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=" + sys.argv[3])
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE meta SET value = value WHERE key = 'schema'")
open(sys.argv[4], "w").write("1")
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
PY
    holder=$!
    for _ in $(seq 100); do [ -s "$3" ] && break; sleep 0.05; done
}

# a writer that lets go after 1.5 s: the update waits for it
hold 1.5 WAL "$WORK/r1"
check_ok "an update waits for a short writer" timeout 30 "$TUMAC" tm update --tm "$WORK/tm.db" "$WORK/dp.xlf"
wait $holder

# one that holds it 8 s: the update waits 5 s, then says who holds the TM
hold 8 WAL "$WORK/r2"
start=$(date +%s%N)
check_exit "an update gives up after the busy timeout" 1 timeout 30 "$TUMAC" tm update --tm "$WORK/tm.db" "$WORK/dp.xlf"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_grep "the time-out names the holder" "tm.db: the TM is busy: another process is writing it \(waited 5 s\); try again when it has finished" "$WORK/.err"
check_ok "it waited (${ms} ms) before giving up" test "$ms" -ge 4500
wait $holder
check_ok "the TM is fine afterwards" "$TUMAC" tm stats --tm "$WORK/tm.db"
