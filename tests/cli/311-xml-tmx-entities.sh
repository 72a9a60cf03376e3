# TMX and entities: a billion laughs in a <prop> once took 97 s and 2.9 GB
# and imported (the DOCTYPE was accepted and XML_PARSE_HUGE turned the
# amplification guard off); an entity reference in a <seg> was stored
# verbatim and every later export was not well-formed. Now an internal
# subset is refused where the parser meets it (after decoding, UTF-16 too),
# any entity reference is refused with its place, the TM keeps nothing.
. tests/cli/lib.sh
H='<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
TU='<tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="hr"><seg>Bok</seg></tuv>'
units() { "$TUMAC" tm stats --tm "$1" | sed -n 's/^units: //p'; }

{ printf '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
  p=a; for i in 1 2 3 4 5 6 7 8 9; do printf '<!ENTITY a%d "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' $i $p $p $p $p $p $p $p $p $p $p; p=a$i; done
  printf ']>\n<tmx version="1.4">%s<body><tu><prop type="x-note">&a9;</prop>%s</tu></body></tmx>\n' "$H" "$TU"; } > "$WORK/lol.tmx"
check_exit "billion laughs in a <prop>: refused within 20 s and 512 MB" 1 \
    bounded 20 512 "$TUMAC" tm import --tm "$WORK/lol.db" "$WORK/lol.tmx"
check_grep "located DOCTYPE refusal" 'lol\.tmx:2:1: DOCTYPE is not allowed in TMX files' "$WORK/.err"
check_eq "the TM keeps no unit" "$(units "$WORK/lol.db")" 0

# the same in UTF-16: the parser sees it after decoding
iconv -f UTF-8 -t UTF-16 "$WORK/lol.tmx" > "$WORK/lol16.tmx"
check_exit "UTF-16 billion laughs refused" 1 bounded 20 512 "$TUMAC" tm import --tm "$WORK/lol16.db" "$WORK/lol16.tmx"
check_grep "UTF-16: located DOCTYPE refusal" 'lol16\.tmx:2:1: DOCTYPE is not allowed in TMX files' "$WORK/.err"
check_eq "UTF-16: the TM keeps no unit" "$(units "$WORK/lol16.db")" 0

# TMX 1.4b files name their DTD: that DOCTYPE is accepted (never loaded), an
# entity it might declare is not
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">%s<body>\n<tu><tuv xml:lang="en"><seg>Hello &amp; good &foo; day</seg></tuv><tuv xml:lang="hr"><seg>Bok</seg></tuv></tu>\n</body></tmx>\n' "$H" > "$WORK/ent.tmx"
check_exit "an entity reference in a <seg> is refused" 1 bounded 20 512 "$TUMAC" tm import --tm "$WORK/ent.db" "$WORK/ent.tmx"
check_grep "located entity refusal" 'ent\.tmx:4:[0-9]+: entity reference &foo; is not allowed in TMX files' "$WORK/.err"
check_eq "entity: the TM keeps no unit" "$(units "$WORK/ent.db")" 0

sed 's/ &foo;//' "$WORK/ent.tmx" > "$WORK/ok.tmx"
check_ok "a TMX naming tmx14.dtd imports" "$TUMAC" tm import --tm "$WORK/ok.db" "$WORK/ok.tmx"
check_ok "and exports" "$TUMAC" tm export --tm "$WORK/ok.db" -o "$WORK/ok.out.tmx"
check_ok "well-formed" xmllint --nonet --noout "$WORK/ok.out.tmx"
check_grep "with the predefined entity escaped" '<seg>Hello &amp; good day</seg>' "$WORK/ok.out.tmx"
