# Encodings: extract detects UTF-16 (BOM), UTF-8 and the legacy pages of our
# languages (windows-1250, ISO-8859-2, windows-1251) by the letters that
# differ; merge writes UTF-8 by default and the original encoding with
# --encoding original, byte for byte when nothing was translated.
. tests/cli/lib.sh

enc_of() { grep -o 'tumac-skeleton 1 [a-z]*[^\\<]*' "$1" | head -1; }

# UTF-8 sources made here; the legacy files come from them through iconv
printf 'Šef škole u Žepču\n\nRekao je: „Čačak je daleko, a đaci žele ići.“ Ž.\n' > "$WORK/lat.txt"
printf 'Народна скупштина Републике Српске\n\nЂаци из Љубије и Њемачке су дошли у Бањалуку. ЏЕП и ПОЉЕ.\n' > "$WORK/cyr.txt"
printf 'Šuma i žena su ovdje.\n\nČačak, Đakovo, Ćuprija.\n' > "$WORK/lat2.txt"
iconv -f UTF-8 -t CP1250 "$WORK/lat.txt" > "$WORK/w1250.txt"
iconv -f UTF-8 -t ISO-8859-2 "$WORK/lat2.txt" > "$WORK/l2.txt"
iconv -f UTF-8 -t CP1251 "$WORK/cyr.txt" > "$WORK/w1251.txt"
iconv -f UTF-8 -t UTF-16LE "$WORK/lat.txt" | { printf '\xff\xfe'; cat; } > "$WORK/u16le.txt"
iconv -f UTF-8 -t UTF-16BE "$WORK/cyr.txt" | { printf '\xfe\xff'; cat; } > "$WORK/u16be.txt"
# the real release, in windows-1250 (its characters all exist there)
if iconv -f UTF-8 -t CP1250 "$SHARED/seeds/osce-bih-press-release.txt" > "$WORK/seed1250.txt" 2>/dev/null; then
    seed=yes
else
    seed=no
fi

check() { # NAME ENCODING UTF8-TWIN
    local n=$1 want=$2 twin=$3
    check_ok "extract $n" "$TUMAC" extract -s bs -t en -o "$WORK/$n.xlf" "$WORK/$n.txt"
    check_eq "$n detected as $want" "$(enc_of "$WORK/$n.xlf")" "tumac-skeleton 1 text $want"
    check_ok "merge $n (UTF-8)" "$TUMAC" merge -o "$WORK/$n.utf8" "$WORK/$n.xlf"
    check_files_same "$n merged to UTF-8 is the UTF-8 text" "$twin" "$WORK/$n.utf8"
    check_ok "merge $n --encoding original" "$TUMAC" merge --encoding original -o "$WORK/$n.orig" "$WORK/$n.xlf"
    check_files_same "$n kept in $want is byte-identical" "$WORK/$n.txt" "$WORK/$n.orig"
}
check w1250 windows-1250 "$WORK/lat.txt"
check l2 ISO-8859-2 "$WORK/lat2.txt"
check w1251 windows-1251 "$WORK/cyr.txt"
check u16le UTF-16LE "$WORK/lat.txt"
check u16be UTF-16BE "$WORK/cyr.txt"
if [ "$seed" = yes ]; then
    check seed1250 windows-1250 "$SHARED/seeds/osce-bih-press-release.txt"
fi
check_eq "UTF-8 input records no encoding" \
    "$("$TUMAC" extract -s bs -t en -o - "$WORK/lat.txt" | enc_of /dev/stdin)" "tumac-skeleton 1 text"

# short texts: the letters that differ decide between 1250 and 8859-2
for w in Šuma žena Žepče škola; do
    printf '%s\n' "$w" | iconv -f UTF-8 -t CP1250 > "$WORK/s.txt"
    "$TUMAC" extract -s hr -t en -o "$WORK/s.xlf" "$WORK/s.txt"
    check_eq "'$w' in cp1250" "$(enc_of "$WORK/s.xlf")" "tumac-skeleton 1 text windows-1250"
    printf '%s\n' "$w" | iconv -f UTF-8 -t ISO-8859-2 > "$WORK/s.txt"
    "$TUMAC" extract -s hr -t en -o "$WORK/s.xlf" "$WORK/s.txt"
    check_eq "'$w' in ISO-8859-2" "$(enc_of "$WORK/s.xlf")" "tumac-skeleton 1 text ISO-8859-2"
done
for w in Мост Ђак ПОЉЕ 'Љубав и мир'; do
    printf '%s\n' "$w" | iconv -f UTF-8 -t CP1251 > "$WORK/s.txt"
    "$TUMAC" extract -s sr-Cyrl -t en -o "$WORK/s.xlf" "$WORK/s.txt"
    check_eq "'$w' in cp1251" "$(enc_of "$WORK/s.xlf")" "tumac-skeleton 1 text windows-1251"
done

# --encoding forces a reading (here a wrong one: it still round-trips)
check_ok "forced --encoding cp1251" "$TUMAC" extract -s hr -t en --encoding cp1251 -o "$WORK/f.xlf" "$WORK/w1250.txt"
check_eq "forced encoding recorded" "$(enc_of "$WORK/f.xlf")" "tumac-skeleton 1 text windows-1251"
check_grep "forced cp1251 reads Cyrillic" "Љef" "$WORK/f.xlf"
check_ok "forced UTF-16" "$TUMAC" extract -s hr -t en --encoding UTF-16 -o "$WORK/f16.xlf" "$WORK/u16le.txt"
check_exit "UTF-16 forced without a BOM" 1 "$TUMAC" extract -s hr -t en --encoding UTF-16 -o "$WORK/x.xlf" "$WORK/lat.txt"
check_exit "unknown --encoding is a usage error" 2 "$TUMAC" extract -s hr -t en --encoding bogus "$WORK/lat.txt"
check_exit "UTF-8 forced on a cp1250 file" 1 "$TUMAC" extract -s hr -t en --encoding UTF-8 -o "$WORK/x.xlf" "$WORK/w1250.txt"
check_grep "names file, line and byte" "w1250.txt:1:1: invalid UTF-8 byte 0x8A" "$WORK/.err"

# not text: a NUL byte; bytes that are neither UTF-8 nor plausible legacy text
printf 'Prvi red\nDrugi\x00 red\n' > "$WORK/nul.txt"
check_exit "a NUL byte is refused" 1 "$TUMAC" extract -s hr -t en -o "$WORK/nul.xlf" "$WORK/nul.txt"
check_grep "not a text file, with its place" "nul.txt:2:6: not a text file" "$WORK/.err"
check_no_file "no XLIFF for a binary file" "$WORK/nul.xlf"
printf 'Dobar dan.\n\nOvo je \x81\x83 smeće \xc3( ovdje.\n' > "$WORK/junk.txt"
check_exit "undecodable bytes are refused" 1 "$TUMAC" extract -s hr -t en -o "$WORK/junk.xlf" "$WORK/junk.txt"
check_grep "the error names file and line" "junk.txt:3:[0-9]+: invalid UTF-8 byte" "$WORK/.err"
check_no_file "no XLIFF for undecodable bytes" "$WORK/junk.xlf"

# a translated character the original encoding lacks: located error, no output
"$TUMAC" pseudo -o "$WORK/p.xlf" "$WORK/w1250.xlf"
check_exit "unrepresentable target refused" 1 "$TUMAC" merge --encoding original -o "$WORK/p.out" "$WORK/p.xlf"
check_grep "error names unit, character and line" \
    "p.xlf: unit 'u[0-9]+': '.+' \(U\+[0-9A-F]{4}\) cannot be written in windows-1250 \(line [0-9]+, column [0-9]+" "$WORK/.err"
check_no_file "nothing written for it" "$WORK/p.out"
check_ok "the same merges to UTF-8" "$TUMAC" merge -o "$WORK/p.utf8" "$WORK/p.xlf"
# a Latin translation of the Cyrillic file cannot go back to windows-1251
python3 - "$WORK/w1251.xlf" "$WORK/t.xlf" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(<segment[^>]*>\s*<source>)(.*?)(</source>)", lambda m: m.group(1) + m.group(2) + m.group(3) + "<target>Đaci iz Ljubije</target>", s, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
check_exit "Latin target into windows-1251 refused" 1 "$TUMAC" merge --encoding original -o "$WORK/t.out" "$WORK/t.xlf"
check_grep "names the character" "'Đ' \(U\+0110\) cannot be written in windows-1251" "$WORK/.err"
check_ok "translated Cyrillic file merges to UTF-8" "$TUMAC" merge -o "$WORK/t.utf8" "$WORK/t.xlf"
check_grep "the translation is there" "Đaci iz Ljubije" "$WORK/t.utf8"
check_ok "another encoding by name" "$TUMAC" merge --encoding windows-1250 -o "$WORK/t.1250" "$WORK/t.xlf"
check_eq "written in windows-1250" "$(iconv -f CP1250 -t UTF-8 "$WORK/t.1250" | head -1)" "Đaci iz Ljubije"
check_exit "unknown merge --encoding" 2 "$TUMAC" merge --encoding bogus "$WORK/t.xlf"

# HTML in a legacy encoding: detected the same way, kept with --encoding original
printf '<!DOCTYPE html>\n<html lang="hr"><head><meta charset="windows-1250"><title>Šuma</title></head>\n<body><p>Žena i <b>škola</b> u Čačku.</p></body></html>\n' \
    | iconv -f UTF-8 -t CP1250 > "$WORK/w.html"
check_ok "extract windows-1250 HTML" "$TUMAC" extract -s hr -t en -o "$WORK/w.html.xlf" "$WORK/w.html"
check_eq "HTML detected" "$(enc_of "$WORK/w.html.xlf")" "tumac-skeleton 1 html windows-1250"
check_ok "merge HTML --encoding original" "$TUMAC" merge --encoding original -o "$WORK/w.out.html" "$WORK/w.html.xlf"
check_files_same "legacy HTML byte-identical" "$WORK/w.html" "$WORK/w.out.html"
check_ok "merge legacy HTML to UTF-8" "$TUMAC" merge -o "$WORK/w.utf8.html" "$WORK/w.html.xlf"
check_grep "warns that the meta charset is not rewritten" "written in UTF-8; a <meta charset>" "$WORK/.err"
check_grep "the UTF-8 output holds the text" "Žena i <b>škola</b> u Čačku" "$WORK/w.utf8.html"
