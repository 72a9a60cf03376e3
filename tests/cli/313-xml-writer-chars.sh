# tumac once wrote XLIFF it could not read back, exit 0: a C0 control in
# HTML markup went raw into <originalData>, so did <cp hex="0001"/> inside
# <data> through convert or pseudo, and U+FFFF in text or a target. The
# writer now never emits what XML 1.0 forbids: 2.x says it with <cp hex>
# (content and <data>), elsewhere the write is refused and nothing written.
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:2.0
printf '<html><body><p>Hello <b class="a\001b">world</b> and \357\277\277 here.</p></body></html>\n' > "$WORK/c0.html"
check_ok "HTML with a C0 control in markup and U+FFFF in text extracts" \
    "$TUMAC" extract -s en -t hr -o "$WORK/c0.xlf" "$WORK/c0.html"
check_ok "the XLIFF reads back" "$TUMAC" validate "$WORK/c0.xlf"
check_ok "well-formed for another parser too" xmllint --nonet --noout "$WORK/c0.xlf"
check_grep "the control is a <cp> inside <data>" '<data id="d[0-9]+">[^<]*<cp hex="0001"/>' "$WORK/c0.xlf"
check_grep "U+FFFF is a <cp> in the source" '<source>.*<cp hex="FFFF"/>' "$WORK/c0.xlf"
check_ok "merge gives the HTML back" "$TUMAC" merge -o "$WORK/c0.out.html" "$WORK/c0.xlf"
check_files_same "byte for byte" "$WORK/c0.html" "$WORK/c0.out.html"

printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en" trgLang="hr"><file id="f"><unit id="u1"><originalData><data id="d1">&lt;b x="<cp hex="0001"/>"&gt;</data></originalData><segment><source><ph id="1" dataRef="d1"/>x<cp hex="FFFF"/></source><target><ph id="1" dataRef="d1"/>y<cp hex="FFFF"/></target></segment></unit></file></xliff>\n' $NS > "$WORK/cp.xlf"
check_ok "<cp> in <data> and U+FFFF in a target convert" "$TUMAC" xliff convert --to 2.1 -o "$WORK/cp.21.xlf" "$WORK/cp.xlf"
check_ok "the conversion reads back" "$TUMAC" validate "$WORK/cp.21.xlf"
check_eq "every <cp> kept" "$(grep -o '<cp hex="[0-9A-F]*"/>' "$WORK/cp.21.xlf" | sort | uniq -c | tr -s ' ')" \
    "$(printf ' 1 <cp hex="0001"/>\n 2 <cp hex="FFFF"/>')"
check_ok "pseudo-translation of it" "$TUMAC" pseudo -o "$WORK/cp.ps.xlf" "$WORK/cp.xlf"
check_ok "reads back" "$TUMAC" validate "$WORK/cp.ps.xlf"

# XLIFF 1.2 has no escape: native code holding a control is refused, located
check_exit "1.2 output with a control in native code refused" 1 \
    "$TUMAC" extract -s en -t hr -x 1.2 -o "$WORK/c0.12.xlf" "$WORK/c0.html"
check_grep "the refusal names the file, the unit and the character" \
    'c0\.12\.xlf: not written: unit u1: the text of <bpt> holds the character U\+0001, which XML 1.0 does not allow' "$WORK/.err"
check_no_file "1.2: no output" "$WORK/c0.12.xlf"
check_exit "convert to 1.2 refuses it too" 1 "$TUMAC" xliff convert --to 1.2 -o "$WORK/cp.12.xlf" "$WORK/cp.xlf"
check_grep "convert: located refusal" 'cp\.12\.xlf: not written: unit u1: .* U\+0001' "$WORK/.err"
check_no_file "convert to 1.2: no output" "$WORK/cp.12.xlf"
