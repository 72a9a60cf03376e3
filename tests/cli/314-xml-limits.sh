# The XML policy's limits and messages, the same for every reader: nesting
# deeper than 256 levels is "nested too deeply" with its place, a text over
# libxml2's 10 MB limit says so, the SRX DOCTYPE refusal has its line, and
# no message names a libxml2 option (it said "use XML_PARSE_HUGE option").
. tests/cli/lib.sh
NS=urn:oasis:names:tc:xliff:document:2.0
H='<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
no_option_names() { check_eq "$1: no libxml2 option named" "$(grep -c 'XML_PARSE' "$WORK/.err")" 0; }
nest() { local i; for i in $(seq "$2"); do printf '<%s>' "$1"; done; printf x; for i in $(seq "$2"); do printf '</%s>' "$1"; done; }

{ printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body>\n<tu><tuv xml:lang="en"><seg>' "$H"
  nest hi 300; printf '</seg></tuv><tuv xml:lang="hr"><seg>y</seg></tuv></tu></body></tmx>\n'; } > "$WORK/deep.tmx"
check_exit "TMX nested 300 deep refused" 1 bounded 20 512 "$TUMAC" tm import --tm "$WORK/d.db" "$WORK/deep.tmx"
check_grep "TMX: located 'nested too deeply'" 'deep\.tmx:3:[0-9]+: elements nested too deeply \(more than 256 levels\)' "$WORK/.err"
no_option_names "TMX depth"

printf 'Hello. World.\n' > "$WORK/en.txt"
{ printf '<?xml version="1.0"?>\n<srx version="2.0" xmlns="http://www.lisa.org/srx20"><header/><body><languagerules><languagerule languagerulename="x">'
  nest rule 300; printf '</languagerule></languagerules></body></srx>\n'; } > "$WORK/deep.srx"
check_exit "SRX nested 300 deep refused" 1 bounded 20 512 "$TUMAC" segment --lang en --srx "$WORK/deep.srx" "$WORK/en.txt"
check_grep "SRX: located 'nested too deeply'" 'deep\.srx:2:[0-9]+: elements nested too deeply' "$WORK/.err"
no_option_names "SRX depth"

printf '<?xml version="1.0"?>\n<!DOCTYPE srx [<!ENTITY x "y">]>\n<srx version="2.0"/>\n' > "$WORK/dtd.srx"
check_exit "SRX DOCTYPE refused" 1 "$TUMAC" segment --lang en --srx "$WORK/dtd.srx" "$WORK/en.txt"
check_grep "SRX DOCTYPE refusal has its line" 'dtd\.srx:2:1: DOCTYPE is not allowed in SRX files' "$WORK/.err"

# above 10 MB XLIFF parses with the big-text option, whose nesting limit is
# 2048: the policy's own walk still stops at 256, with the element's line
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f">\n' $NS
  printf '<unit id="deep"><segment><source>'
  for i in $(seq 300); do printf '<pc id="p%d">' $i; done; printf x
  for i in $(seq 300); do printf '</pc>'; done; printf '</source></segment></unit>\n'
  awk 'BEGIN { s = sprintf("%1000s", ""); gsub(/ /, "a", s);
       for (i = 1; i <= 11000; i++) printf "<unit id=\"u%d\"><segment><source>%s</source></segment></unit>", i, s }'
  printf '\n</file></xliff>\n'; } > "$WORK/deep11.xlf"
check_exit "11 MB XLIFF nested 300 deep refused" 1 bounded 60 1024 "$TUMAC" validate "$WORK/deep11.xlf"
check_grep "big XLIFF: located 'nested too deeply'" 'deep11\.xlf:3(:[0-9]+)?: (error: )?elements nested too deeply \(more than 256 levels\)' "$WORK/.err"
rm -f "$WORK/deep11.xlf"

# one text of 11 MB in a TMX (no big-text option there: no measured need)
{ printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body>\n<tu><tuv xml:lang="en"><seg>' "$H"
  awk 'BEGIN { s = sprintf("%1000s", ""); gsub(/ /, "a", s); for (i = 0; i < 11000; i++) printf "%s", s }'
  printf '</seg></tuv><tuv xml:lang="hr"><seg>y</seg></tuv></tu></body></tmx>\n'; } > "$WORK/huge.tmx"
check_exit "TMX text over 10 MB refused" 1 bounded 60 1024 "$TUMAC" tm import --tm "$WORK/h.db" "$WORK/huge.tmx"
check_grep "TMX: located 'longer than 10 MB'" 'huge\.tmx:3:[0-9]+: one text is longer than 10 MB, the limit for TMX files' "$WORK/.err"
no_option_names "TMX text size"
rm -f "$WORK/huge.tmx"

# the measured need for the big-text option in XLIFF: extracting a 12.8 MB
# HTML whose <script> is one block gives a <skeleton> of one 12.8 MB text,
# which a parser with libxml2's default limit refuses ("huge text node");
# such a file must read back (here a note of 11 MB stands for it)
{ printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en"><file id="f"><notes><note>' $NS
  awk 'BEGIN { s = sprintf("%1000s", ""); gsub(/ /, "a", s); for (i = 0; i < 11000; i++) printf "%s", s }'
  printf '</note></notes><unit id="u"><segment><source>x</source></segment></unit></file></xliff>\n'; } > "$WORK/bignote.xlf"
check_ok "an XLIFF with one 11 MB text reads" bounded 60 1024 "$TUMAC" validate "$WORK/bignote.xlf"
rm -f "$WORK/bignote.xlf"

# a character XML forbids is named as such, not with libxml2's function name
printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body><tu><tuv xml:lang="en"><seg>a &#1; b</seg></tuv></tu></body></tmx>\n' "$H" > "$WORK/c1.tmx"
check_exit "a character reference to U+0001 refused" 1 "$TUMAC" tm import --tm "$WORK/c1.db" "$WORK/c1.tmx"
check_grep "named as a character" 'c1\.tmx:2:[0-9]+: not well-formed XML: U\+0001 is a character XML 1\.0 does not allow' "$WORK/.err"
check_eq "no libxml2 function named" "$(grep -c 'xmlParse' "$WORK/.err")" 0

# bytes that are not UTF-8 in a document declaring no other encoding
printf '<?xml version="1.0"?>\n<xliff xmlns="%s" version="2.1" srcLang="en">caf\351</xliff>\n' $NS > "$WORK/l1.xlf"
check_exit "Latin-1 bytes in an XLIFF refused" 1 "$TUMAC" validate "$WORK/l1.xlf"
check_grep "named as invalid UTF-8, located" 'l1\.xlf:2:[0-9]+: (error: )?invalid UTF-8 \(the document declares no other encoding\)' "$WORK/.err"
