# A PostgreSQL TM that cannot be used says why in one line naming the TM,
# with a non-zero exit: no server at the address, a bad URI, a missing
# database, a database that is not a TM (read-only commands), a TM of
# another schema version.
. tests/cli/lib.sh
. tests/cli/pg-lib.sh
pg_start
check_exit "no server there" 1 "$TUMAC" tm lookup --tm "postgresql:///tm?host=$WORK/nowhere" -s en -t bs x
check_grep "says it cannot reach the server" "^tumac tm: postgresql:///tm\?host=$WORK/nowhere: cannot reach the TM server: .*" "$WORK/.err"
check_eq "in one line" "$(grep -c . "$WORK/.err")" 1
check_exit "a bad URI" 1 "$TUMAC" tm stats --tm "postgresql://[::1"
check_grep "names the URI" '^tumac tm: postgresql://\[::1: cannot reach the TM server: .*' "$WORK/.err"
check_eq "in one line" "$(grep -c . "$WORK/.err")" 1
check_exit "a missing database" 1 "$TUMAC" tm stats --tm "$(pg_uri nosuchdb)"
check_grep "the server says which" 'cannot reach the TM server: .*"nosuchdb" does not exist' "$WORK/.err"
check_eq "in one line" "$(grep -c . "$WORK/.err")" 1
check_exit "a password in the URI is not shown" 1 "$TUMAC" tm stats --tm "postgresql://tumac:secret@localhost:1/tm"
check_grep "the TM is named without it" '^tumac tm: postgresql://\.\.\.: cannot reach' "$WORK/.err"
check_exit "the secret stays out" 1 grep -q secret "$WORK/.err"
pg_newdb empty
check_exit "a lookup in a database that is not a TM" 1 "$TUMAC" tm lookup --tm "$(pg_uri empty)" -s en -t bs x
check_grep "says so" 'not a tumac translation memory' "$WORK/.err"
check_eq "and made nothing there" "$(pg_sql empty "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0
check_ok "an import makes the TM" "$TUMAC" tm import --tm "$(pg_uri empty)" tm/samples.tmx
pg_sql empty "UPDATE meta SET value = '7' WHERE key = 'schema'"
check_exit "a TM of another schema version" 1 "$TUMAC" tm export --tm "$(pg_uri empty)" -o "$WORK/x.tmx"
check_grep "says which" 'TM schema version 7 is not the one this tumac knows \(8\)$' "$WORK/.err"
check_eq "in one line" "$(grep -c . "$WORK/.err")" 1
check_no_file "no output" "$WORK/x.tmx"
