# The XLIFF reader streams (issue 22): one unit in memory at a time, not a
# whole tree of the file. What a unit holds beyond the model (here a comment
# of 6 KB in each of 5,000 units: a 32 MB file whose model is a few MB) is
# freed as the reader moves on: the tree parse held the file and its tree
# (about 110 MB RSS), the stream about 17 MB. The errors are the tree
# parse's: a well-formedness error anywhere wins over a reader's error
# before it, each located at its element's line; a gzip file is not
# decompressed; stdin still reads.
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:2.0
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">\n' $NS
  awk 'BEGIN { c = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
       for (k = 0; k < 6; k++) c = c c;
       for (i = 1; i <= 5000; i++)
           printf "<unit id=\"u%d\"><!--%s--><segment><source>Sentence %d.</source></segment></unit>\n", i, c, i }'
  printf '</file></xliff>\n'; } > "$WORK/pad.xlf"
check_ok "a 32 MB XLIFF of small units converts within 100 MB of address space" \
    bounded 60 100 "$TUMAC" xliff convert --to 2.1 -o "$WORK/pad.21.xlf" "$WORK/pad.xlf"
check_eq "every unit arrives" "$(grep -o '<unit ' "$WORK/pad.21.xlf" | wc -l)" 5000
check_grep "the last unit keeps its text" '<unit id="u5000"><segment[^>]*><source>Sentence 5000\.</source>' "$WORK/pad.21.xlf"
rm -f "$WORK/pad.xlf" "$WORK/pad.21.xlf"

# a reader's error (a duplicate segment id, line 3) before a unit that does
# not close (line 5): the well-formedness error is the one reported
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">\n' $NS
  printf '<unit id="a"><segment id="s"><source>A</source></segment><segment id="s"><source>B</source></segment></unit>\n'
  printf '<unit id="b"><segment><source>C</source></segment></unit>\n'
  printf '<unit id="c"><segment><source>D</source></segment></file>\n</xliff>\n'; } > "$WORK/both.xlf"
check_exit "duplicate id and a broken tag: refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/both.out.xlf" "$WORK/both.xlf"
check_grep "the broken tag's line is reported" 'both\.xlf:5(:[0-9]+)?: (error: )?not well-formed XML' "$WORK/.err"
check_no_file "no output" "$WORK/both.out.xlf"
check_exit "validate: refused" 1 "$TUMAC" validate "$WORK/both.xlf"
check_grep "validate: the same line" 'both\.xlf:5(:[0-9]+)?: (error: )?not well-formed XML' "$WORK/.err"
# the same file well-formed: the duplicate id at its segment's line
sed -i 's#</segment></file>$#</segment></unit></file>#' "$WORK/both.xlf"
check_exit "the duplicate id alone: refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/both.out.xlf" "$WORK/both.xlf"
check_grep "at the unit's line" "both\.xlf:3(:[0-9]+)?: (error: )?duplicate id 's' in unit" "$WORK/.err"

# 1.2: a <trans-unit> over three lines without <source>: its own line
N12=urn:oasis:names:tc:xliff:document:1.2
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="1.2">\n<file original="a" source-language="en" datatype="plaintext"><body>\n' $N12
  printf '<trans-unit id="1"><source>A</source></trans-unit>\n'
  printf '<trans-unit id="2">\n<note>no source</note>\n</trans-unit>\n</body></file></xliff>\n'; } > "$WORK/nosrc.xlf"
check_exit "1.2 unit without source: refused" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/nosrc.out.xlf" "$WORK/nosrc.xlf"
check_grep "located at the unit's start tag" 'nosrc\.xlf:5(:[0-9]+)?: (error: )?<trans-unit> without <source>' "$WORK/.err"

# 300 nested groups: nesting refused with its line
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">\n' $NS
  for i in $(seq 300); do printf '<group id="g%d">' $i; done
  printf '<unit id="u"><segment><source>x</source></segment></unit>'
  for i in $(seq 300); do printf '</group>'; done; printf '\n</file></xliff>\n'; } > "$WORK/groups.xlf"
check_exit "300 nested groups refused" 1 bounded 20 1024 "$TUMAC" xliff convert --to 2.1 -o "$WORK/groups.out.xlf" "$WORK/groups.xlf"
check_grep "nesting located" 'groups\.xlf:3(:[0-9]+)?: (error: )?elements nested too deeply' "$WORK/.err"

# a gzip file is bytes, not XML (the tree parse never decompressed either)
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">\n' $NS
  printf '<unit id="u"><segment><source>Gzip.</source></segment></unit></file></xliff>\n'; } > "$WORK/ok.xlf"
gzip -c "$WORK/ok.xlf" > "$WORK/ok.xlf.gz"
check_exit "a gzip XLIFF is not read" 1 "$TUMAC" xliff convert --to 2.1 -o "$WORK/gz.out.xlf" "$WORK/ok.xlf.gz"
check_no_file "no output from gzip" "$WORK/gz.out.xlf"
check_ok "stdin reads" sh -c "'$TUMAC' validate - < '$WORK/ok.xlf'"
check_ok "stdin converts" sh -c "'$TUMAC' xliff convert --to 1.2 -o '$WORK/ok.12.xlf' - < '$WORK/ok.xlf'"
check_grep "stdin's text arrives" '<source>Gzip\.</source>' "$WORK/ok.12.xlf"
