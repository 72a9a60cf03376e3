# Issue 20, foreign spans as wholes: a quoted title, a parenthesised
# original, a run of foreign words with its function words stay Latin; the
# Serbian around them is converted.
. tests/cli/lib.sh

l2c() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Cyrl "${@:2}"; }
check_eq "quoted title" "$(l2c 'List „The Sunday Telegraph“ piše')" "Лист „The Sunday Telegraph“ пише"
check_eq "hyphenated brand" "$(l2c 'Krema „Roche-Posay“ i La Roche-Posay')" \
    "Крема „Roche-Posay“ и La Roche-Posay"
check_eq "French quote kept whole" "$(l2c 'Rekao je: „Il faut bien le faire“.')" \
    "Рекао је: „Il faut bien le faire“."
check_eq "parenthesised original" "$(l2c 'Izvještaj (original: „State of the Union“) je objavljen')" \
    "Извјештај (original: „State of the Union“) је објављен"
check_eq "run with function words" "$(l2c 'Kampanja Save the Children u Mostaru')" \
    "Кампања Save the Children у Мостару"
check_eq "run: Your, for, in" "$(l2c 'Aplikacija Protect Your Home for Families in Need')" \
    "Апликација Protect Your Home for Families in Need"
check_eq "a Serbian quote is converted" "$(l2c 'Rekao je „Ovo je dobar dan“.')" \
    "Рекао је „Ово је добар дан“."
check_eq "Serbian words that are English too stay Serbian" "$(l2c 'On je pod mostom, to je sve.')" \
    "Он је под мостом, то је све."
check_eq "Serbian morpheme joints are not English letters" \
    "$(l2c 'prethodni ishod, okean, nivou, kocka, koordinacija')" \
    "претходни исход, океан, нивоу, коцка, координација"
check_eq "--no-foreign converts the span" "$(l2c 'List The Sunday Telegraph' --no-foreign)" \
    "Лист Тхе Sunday Телеграпх"
check_eq "a quote of joining words with a foreign function word" "$(l2c 'Pjesma „I Love it“ i „Ovo je to“')" \
    "Пјесма „I Love it“ и „Ово је то“"
check_eq "-tion names a foreign word" "$(l2c 'Investicioni fond Sinovation Ventures, stanica Mostar')" \
    "Инвестициони фонд Sinovation Ventures, станица Мостар"
check_eq "compound SI units stay, single ones and i/ili convert" \
    "$(l2c 'Brzina 120 km/h, 3 m/s, i/ili, 5 km')" "Брзина 120 km/h, 3 m/s, и/или, 5 км"
