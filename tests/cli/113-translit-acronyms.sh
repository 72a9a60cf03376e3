# Issue 20, acronyms: --acronyms auto (default) converts domestic ones and
# keeps the listed foreign ones Latin; convert and keep do all; the office's
# --keep and --terms lists win over the built-in lists.
. tests/cli/lib.sh

l2c() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Cyrl "${@:2}"; }
line='OEBS, EU, UN, BiH, CIK, SAD, KM, NATO i UNDP; CNN, BBC, FBI, DARPA, NSF, ITV i STEM'
check_eq "auto: domestic converted, foreign kept" "$(l2c "$line")" \
    "ОЕБС, ЕУ, УН, БиХ, ЦИК, САД, КМ, НАТО и УНДП; CNN, BBC, FBI, DARPA, NSF, ITV и STEM"
check_eq "auto is the default" "$(l2c "$line" --acronyms auto)" "$(l2c "$line")"
check_eq "an unknown acronym is converted" "$(l2c 'Direktor JKP Vodovod')" "Директор ЈКП Водовод"
check_eq "declined domestic acronym" "$(l2c 'NATO-a i OEBS-u')" "НАТО-а и ОЕБС-у"
check_eq "convert: all" "$(l2c 'CNN i BBC u BiH' --acronyms convert)" "ЦНН и ББЦ у БиХ"
check_eq "keep: all" "$(l2c 'CNN i OEBS u BiH' --acronyms keep)" "CNN и OEBS у БиХ"
printf 'UNDP\n' > "$WORK/keep.txt"
check_eq "--keep wins over the domestic list" "$(l2c 'UNDP i NATO' --keep "$WORK/keep.txt")" "UNDP и НАТО"
printf 'CNN\tСи-Ен-Ен\n' > "$WORK/terms.txt"
check_eq "--terms wins over the foreign list" "$(l2c 'CNN i BBC' --terms "$WORK/terms.txt")" \
    "Си-Ен-Ен и BBC"
check_exit "a bad mode is a usage error" 2 "$TUMAC" translit --to sr-Cyrl --acronyms maybe
check_grep "it names the modes" "auto, convert or keep" "$WORK/.err"
