# XLIFF 1.2 reader: a <g> whose children grow the content's item array (20
# <x/>) once made read_inline12 write through a freed pointer (ASan:
# heap-use-after-free); a <mrk mid> leaked its id. Valid files: they must
# read, keep the <g>'s equiv-text and convert.
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:1.2
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="1.2">\n<file original="a" source-language="en" datatype="plaintext"><body>\n' $NS
  printf '<trans-unit id="1"><source>A <g id="g1" equiv-text="bold">'
  for i in $(seq 20); do printf 'w%d<x id="x%d"/>' $i $i; done
  printf '</g> <mrk mtype="term" mid="m1">z</mrk>.</source></trans-unit>\n</body></file></xliff>\n'; } > "$WORK/g20.xlf"
check_ok "a <g> holding 20 <x/> is valid" bounded 20 1024 "$TUMAC" validate "$WORK/g20.xlf"
check_ok "and converts to 2.1" bounded 20 1024 "$TUMAC" xliff convert --to 2.1 -o "$WORK/g20.21.xlf" "$WORK/g20.xlf"
check_grep "the <g> keeps its equiv-text" '<pc id="g1"[^>]*equivStart="bold"' "$WORK/g20.21.xlf"
check_eq "all 20 <x/> arrive as <ph>" "$(grep -o '<ph id="x[0-9]*"' "$WORK/g20.21.xlf" | wc -l)" 20
check_grep "the <mrk mid> keeps its id" '<mrk id="m1"' "$WORK/g20.21.xlf"
check_ok "the 2.1 output is valid" "$TUMAC" validate "$WORK/g20.21.xlf"
# a <g> nested in a <g> nested ..., each growing the array
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="1.2">\n<file original="a" source-language="en" datatype="plaintext"><body>\n<trans-unit id="1"><source>' $NS
  for i in $(seq 30); do printf '<g id="g%d" equiv-text="e%d"><x id="x%d"/>' $i $i $i; done
  for i in $(seq 30); do printf '</g>'; done; printf '</source></trans-unit>\n</body></file></xliff>\n'; } > "$WORK/nested.xlf"
check_ok "30 nested <g> convert" bounded 20 1024 "$TUMAC" xliff convert --to 2.1 -o "$WORK/nested.21.xlf" "$WORK/nested.xlf"
check_eq "every <g> keeps its equiv-text" "$(grep -o 'equivStart="e[0-9]*"' "$WORK/nested.21.xlf" | wc -l)" 30
