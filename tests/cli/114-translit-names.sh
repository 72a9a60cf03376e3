# Issue 20, names: brands and places in their original spelling stay Latin
# when the evidence says foreign; Serbian transcriptions are converted.
. tests/cli/lib.sh

l2c() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Cyrl "${@:2}"; }
check_eq "brands in original spelling" "$(l2c 'U prodavnicama Superdrug, Debenhams, Aldi i Lidl')" \
    "У продавницама Superdrug, Debenhams, Aldi и Lidl"
check_eq "L'Oreal" "$(l2c "Kompanija L'Oreal objavila je")" "Компанија L'Oreal објавила је"
check_eq "Serbian transcriptions converted" "$(l2c 'Brajan Ageler i Elenor Hejstings')" \
    "Брајан Агелер и Еленор Хејстингс"
check_eq "a transcribed name that is an English word" "$(l2c 'Donald Tramp i Robin')" \
    "Доналд Трамп и Робин"
check_eq "a place in its spelling" "$(l2c 'Vijesti iz Washingtona i Nottinghama')" \
    "Вијести из Washingtona и Nottinghama"
