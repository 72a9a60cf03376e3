# The command frame: help, --help on every command, usage errors, --version.
. tests/cli/lib.sh

check_ok "help lists commands" "$TUMAC" help
check_grep "help names extract" '^  extract ' "$WORK/.out"
check_grep "help names translit" '^  translit ' "$WORK/.out"
check_exit "no command is a usage error" 2 "$TUMAC"
check_exit "unknown command is a usage error" 2 "$TUMAC" frobnicate
check_grep "unknown command is named" "frobnicate" "$WORK/.err"
check_ok "--version" "$TUMAC" --version
check_grep "--version prints the version" '^tumac [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/.out"
for c in $("$TUMAC" help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    check_ok "$c --help" "$TUMAC" "$c" --help
    check_grep "$c --help shows usage" "^usage: tumac $c " "$WORK/.out"
    check_ok "help $c" "$TUMAC" help "$c"
done
check_exit "help of an unknown command" 2 "$TUMAC" help nothing
