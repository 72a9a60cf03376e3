# The XLIFF DOCTYPE ban was a byte scan: a UTF-16 file's DOCTYPE passed it
# and was called valid, and above 9 MB XML_PARSE_HUGE turned libxml2's
# amplification guard off (a UTF-16 billion-laughs <note>: over 3 GB at
# depth 9, then "valid"). Now the parser refuses the DOCTYPE after decoding,
# before its internal subset is read, whatever the size.
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:2.0
lol() { # lol PADDING_BYTES: a billion laughs <note>, padded after the root
    printf '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
    local p=a i
    for i in 1 2 3 4 5 6 7 8 9; do printf '<!ENTITY a%d "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' $i $p $p $p $p $p $p $p $p $p $p; p=a$i; done
    printf ']>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><notes><note>&a9;</note></notes><unit id="u"><segment><source>x</source></segment></unit></file></xliff>\n' $NS
    [ "$1" -gt 0 ] && awk -v n="$1" 'BEGIN { s = sprintf("%1000s", ""); for (i = 0; i < n / 1000; i++) print "<!--" s "-->" }'
}
lol 0 | iconv -f UTF-8 -t UTF-16 > "$WORK/u16.xlf"
check_exit "UTF-16 DOCTYPE refused within 20 s and 512 MB" 1 bounded 20 512 "$TUMAC" validate "$WORK/u16.xlf"
check_grep "located DOCTYPE refusal" 'u16\.xlf:2:1: (error: )?DOCTYPE is not allowed in XLIFF files' "$WORK/.err"
check_exit "convert refuses it too" 1 bounded 20 512 "$TUMAC" xliff convert --to 2.1 -o "$WORK/o16.xlf" "$WORK/u16.xlf"
check_no_file "convert: no output" "$WORK/o16.xlf"

lol 6000000 | iconv -f UTF-8 -t UTF-16 > "$WORK/big16.xlf"  # 12 MB in UTF-16
check_exit "above 10 MB the same refusal, within 20 s and 512 MB" 1 bounded 20 512 "$TUMAC" validate "$WORK/big16.xlf"
check_grep "big: located DOCTYPE refusal" 'big16\.xlf:2:1: (error: )?DOCTYPE is not allowed' "$WORK/.err"
rm -f "$WORK/big16.xlf"

# a DOCTYPE that only names a DTD is refused as well (XLIFF never has one)
printf '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "http://example.com/x.dtd">\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><unit id="u"><segment><source>x</source></segment></unit></file></xliff>\n' $NS > "$WORK/ext.xlf"
check_exit "external DTD refused" 1 "$TUMAC" validate "$WORK/ext.xlf"
check_grep "external DTD: located refusal" 'ext\.xlf:2:1: (error: )?DOCTYPE is not allowed' "$WORK/.err"
