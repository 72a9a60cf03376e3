# A throwaway PostgreSQL server for the shared-TM tests (54x): initdb and
# pg_ctl in a temporary folder, listening only on a unix socket there, as an
# unprivileged user (nobody when the tests run as root: the server refuses
# root). pg_start fails the test, loudly, when no server can be started.
# After it: PG_HOST (the socket folder), pg_uri DB, pg_sql DB SQL, pg_newdb DB.

pg_bin() {
    local d
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
        return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
    done
    return 1
}

# as_pg CMD...: the command as the server's user
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local bin
    if ! bin=$(pg_bin); then
        echo "FAIL PostgreSQL: no initdb/pg_ctl (make test-deps installs postgresql)"
        exit 1
    fi
    PG_HOST=$(mktemp -d "${TMPDIR:-/tmp}/tumac-pg.XXXXXX")
    chmod 755 "$PG_HOST"
    [ "$(id -u)" = 0 ] && chown nobody "$PG_HOST"
    trap pg_stop EXIT
    if ! as_pg "$bin/initdb" -D "$PG_HOST/data" -U tumac --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$PG_HOST/initdb.log" 2>&1 ||
       ! as_pg "$bin/pg_ctl" -D "$PG_HOST/data" -l "$PG_HOST/server.log" -w -t 60 \
            -o "-k $PG_HOST -c listen_addresses= -c max_connections=60 -c fsync=off" \
            start >/dev/null 2>&1; then
        echo "FAIL PostgreSQL could not be started:"
        tail -5 "$PG_HOST/initdb.log" "$PG_HOST/server.log" 2>/dev/null
        exit 1
    fi
    PG_CTL="$bin/pg_ctl"
}

pg_stop() {
    if [ -n "${PG_CTL:-}" ]; then
        as_pg "$PG_CTL" -D "$PG_HOST/data" -m immediate stop >/dev/null 2>&1
    fi
    rm -rf "$PG_HOST"
}

pg_uri() { echo "postgresql:///$1?host=$PG_HOST&user=tumac"; }
pg_sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$(pg_uri "$1")" -c "$2"; }
pg_newdb() { pg_sql postgres "CREATE DATABASE $1" >/dev/null; }
