# Hostile XLIFF input: refused with a clear located message, no crash.
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:2.0

printf '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><unit id="u"><segment><source>&x;</source></segment></unit></file></xliff>\n' $NS > "$WORK/xxe.xlf"
check_exit "external entity refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/o1.xlf" "$WORK/xxe.xlf"
check_grep "xxe: DOCTYPE named with location" 'xxe.xlf:2:1: DOCTYPE' "$WORK/.err"
check_no_file "xxe: no output" "$WORK/o1.xlf"

{ printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
  p=lol; for i in 1 2 3 4 5 6 7 8 9; do printf '<!ENTITY lol%d "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' $i $p $p $p $p $p $p $p $p $p $p; p=lol$i; done
  printf ']>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><unit id="u"><segment><source>&lol9;</source></segment></unit></file></xliff>\n' $NS; } > "$WORK/lol.xlf"
check_exit "billion laughs refused" 1 "$TUMAC" validate "$WORK/lol.xlf"
check_grep "billion laughs: clear message" 'DOCTYPE' "$WORK/.err"

{ printf '<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><unit id="u"><segment><source>' $NS
  for i in $(seq 5000); do printf '<pc id="p%d">' $i; done; printf x
  for i in $(seq 5000); do printf '</pc>'; done; printf '</source></segment></unit></file></xliff>\n'; } > "$WORK/deep.xlf"
check_exit "deep nesting refused" 1 "$TUMAC" validate "$WORK/deep.xlf"
check_grep "deep nesting: clear message" 'nest|depth' "$WORK/.err"

head -c 300 "$WORK/deep.xlf" > "$WORK/trunc.xlf"
check_exit "truncated file refused" 1 "$TUMAC" xliff convert --to 1.2 -o "$WORK/o2.xlf" "$WORK/trunc.xlf"
check_grep "truncated: located message" 'trunc.xlf:[0-9]+:[0-9]+: not well-formed' "$WORK/.err"
check_no_file "truncated: no output" "$WORK/o2.xlf"

printf '<xliff xmlns="urn:example:not-xliff" version="2.1" srcLang="en"/>\n' > "$WORK/ns.xlf"
check_exit "wrong namespace refused" 1 "$TUMAC" validate "$WORK/ns.xlf"
check_grep "wrong namespace named" "unknown XLIFF namespace 'urn:example:not-xliff'" "$WORK/.err"

# a 100 MB document: read within the limits, no crash, bounded time
# (20 MB under the sanitizers, which multiply memory and time)
n=50000; case $TUMAC in *san*) n=10000;; esac
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">' $NS
  awk -v n=$n 'BEGIN { s = sprintf("%2000s", ""); gsub(/ /, "a", s);
       for (i = 1; i <= n; i++) printf "<unit id=\"u%d\"><segment><source>%s</source></segment></unit>", i, s }'
  printf '</file></xliff>\n'; } > "$WORK/big.xlf"
check_ok "$((n * 2 / 1000)) MB file read and validated" "$TUMAC" validate "$WORK/big.xlf"
rm -f "$WORK/big.xlf"
