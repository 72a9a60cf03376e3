# Helpers for the tumac serve tests (530-539): source after lib.sh.
# serve_start ARGS...: starts `tumac serve --listen 127.0.0.1:0 ARGS` in the
# background, waits for its "listening on" line and sets SERVE_PID, PORT and
# BASE; a trap stops it when the script ends, whatever happens.
serve_start() {
    "$TUMAC" serve --listen 127.0.0.1:0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    trap 'serve_stop' EXIT
    wait_until 1000 has_lines 1 '^listening on ' "$WORK/serve.out" || {
        echo "FAIL tumac serve starts"; cat "$WORK/serve.err"; return 1
    }
    PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
    BASE=http://127.0.0.1:$PORT
}

# serve_stop: SIGTERM, then wait for a clean exit (a kill -9 after 10 s).
serve_stop() {
    [ -n "${SERVE_PID:-}" ] || return 0
    kill -TERM "$SERVE_PID" 2>/dev/null
    local n=1000
    while kill -0 "$SERVE_PID" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.01; n=$((n - 1)); done
    kill -0 "$SERVE_PID" 2>/dev/null && kill -KILL "$SERVE_PID"
    wait "$SERVE_PID" 2>/dev/null
    SERVE_RC=$?
    SERVE_PID=
}

# serve_tm: the sample TM (tm/samples.tmx, en -> bs/hr/sr-Latn/sr-Cyrl) in $WORK/tm.db
serve_tm() {
    "$TUMAC" tm import --tm "$WORK/tm.db" tm/samples.tmx >/dev/null 2>&1
}
