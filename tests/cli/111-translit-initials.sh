# Issue 20, Cyrillic -> Latin: Љ Њ Џ as initials and in mixed case are
# title case (Lj. Popović, not LJ.), in capitals LJ NJ DŽ; Latin -> Cyrillic
# -> Latin gives names with initials back byte for byte.
. tests/cli/lib.sh

c2l() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Latn; }
check_eq "Љ. initial" "$(c2l 'Љ. Поповић')" "Lj. Popović"
check_eq "Њ. and Џ. initials" "$(c2l 'Њ. Њатић и Џ. Џонић')" "Nj. Njatić i Dž. Džonić"
check_eq "mixed case" "$(c2l 'Љубљана, Његош, Џеп')" "Ljubljana, Njegoš, Džep"
check_eq "capitals" "$(c2l 'ЉУБЉАНА, КРАЉ, ЊЕГОШ, ЏЕП')" "LJUBLJANA, KRALJ, NJEGOŠ, DŽEP"
check_eq "an initial before capitals" "$(c2l 'Љ. ПОПОВИЋ')" "LJ. POPOVIĆ"
check_eq "bs-Latn too" "$(printf 'Џ. Џеко\n' | "$TUMAC" translit --to bs-Latn)" "Dž. Džeko"
check_eq "decomposed input is NFC" "$(printf 'е\xcc\x81\n' | "$TUMAC" translit --to sr-Latn)" \
    "$(printf '\xc3\xa9')"
names='Lj. Popović, Nj. Njatić, Dž. Džonić, LJ. POPOVIĆ, Ljubica Lj. Ljubić, D. Džajić'
check_eq "Latin -> Cyrillic -> Latin, names with initials" \
    "$(printf '%s\n' "$names" | "$TUMAC" translit --to sr-Cyrl | "$TUMAC" translit --to sr-Latn)" \
    "$names"
# A Cyrillic letter Serbian lacks goes to ICU alone: the rest keeps the table.
check_eq "non-Serbian Cyrillic does not turn the line's initials to LJ." \
    "$(c2l 'Ѓорче и Љ. Поповић' | sed 's/^[^ ]* //')" "i Lj. Popović"
