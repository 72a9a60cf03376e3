# One encoding detector for every command (issue 22, finding 9): normalize
# refused a windows-1251 Serbian text starting with „ (0x84) that extract
# read right, and decoded a lone 0xE8 as ISO-8859-2 where extract refused
# it. Both now ask tu_text_detect: the same encoding, or the same error.
. tests/cli/lib.sh

python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
cases = {
    "cp1251-quote": "„Влада је усвојила буџет“, рекао је министар.\nНова зграда биће отворена.\n".encode("cp1251"),
    "cp1250": "„Vlada je usvojila budžet“, rekao je ministar.\nŠkola će biti otvorena.\n".encode("cp1250"),
    "iso8859-2": "Vlada je usvojila budžet. Škola će biti otvorena u ponedjeljak.\n".encode("iso8859-2"),
    "utf8": "Vlada je usvojila budžet.\n".encode("utf-8"),
    "utf16": "\ufeffVlada je usvojila budžet.\n".encode("utf-16-le"),
    "lone-e8": b"\xe8",
    "damaged-utf8": "Vlada je usvojila budžet i još".encode("utf-8") + b" \xe8 " + "više.\n".encode("utf-8"),
}
for name, data in cases.items():
    open(f"{w}/{name}.txt", "wb").write(data)
PY

verdict_of_extract() {  # the encoding in the skeleton header, or the error
    if "$TUMAC" extract -s bs -t en -o "$WORK/$1.xlf" "$WORK/$1.txt" 2>"$WORK/x.err"; then
        v=$(head -c 2000 "$WORK/$1.xlf" | grep -o 'tumac-skeleton 1 text[^<]*' | head -1)
        v=${v#tumac-skeleton 1 text}; echo "${v# }" | sed 's/^$/UTF-8/'
    else
        sed 's/^tumac extract: //' "$WORK/x.err"
    fi
}
verdict_of_normalize() {
    if "$TUMAC" normalize -v -o "$WORK/$1.norm" "$WORK/$1.txt" 2>"$WORK/n.err"; then
        sed -n 's/^tumac normalize: .*: //p' "$WORK/n.err" | tail -1
    else
        sed 's/^tumac normalize: //' "$WORK/n.err"
    fi
}

for c in cp1251-quote cp1250 iso8859-2 utf8 utf16 lone-e8 damaged-utf8; do
    check_eq "$c: normalize and extract agree" "$(verdict_of_normalize $c)" "$(verdict_of_extract $c)"
done
check_eq "windows-1251 with „ is read by normalize" "$(verdict_of_normalize cp1251-quote)" "windows-1251"
check_eq "the text is decoded right" "$(head -c 13 "$WORK/cp1251-quote.norm")" "„Влада"
check_exit "a lone 0xE8 is refused by normalize" 1 "$TUMAC" normalize -o "$WORK/e8.out" "$WORK/lone-e8.txt"
check_grep "located message" "lone-e8.txt:1:1: invalid UTF-8 byte 0xE8 at byte offset 0, and the file does not read as windows-1250, ISO-8859-2 or windows-1251" "$WORK/.err"
check_no_file "no output for it" "$WORK/e8.out"
check_exit "damaged UTF-8 is refused, not guessed" 1 "$TUMAC" normalize -o "$WORK/d.out" "$WORK/damaged-utf8.txt"
check_grep "damaged UTF-8 located" "damaged-utf8.txt:1:[0-9]+: invalid UTF-8" "$WORK/.err"
