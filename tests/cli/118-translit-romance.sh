# Issue 20: French, Italian and German outside quotes are judged as spans
# (a strong mark or a French/Italian/German function word makes the run read
# so, its weak words ou ai eu count then); the same weak letters in Serbian
# words (po-učiti, za-ista, nivou) stay Serbian. Names in an enumeration,
# Dr. before a foreign name, and an acronym in parentheses that does not
# spell the Serbian name before it.
. tests/cli/lib.sh

l2c() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Cyrl "${@:2}"; }
check_eq "French sentence outside quotes" "$(l2c 'Rekao je Il faut bien le faire i otišao.')" \
    "Рекао је Il faut bien le faire и отишао."
check_eq "elision and article" "$(l2c "Rekla je c'est la vie i nastavila.")" \
    "Рекла је c'est la vie и наставила."
check_eq "accents, each word alone" "$(l2c 'Moto je Liberté, égalité, fraternité.')" \
    "Мото је Liberté, égalité, fraternité."
check_eq "a sentence-initial Serbian capital is not part of the span" \
    "$(l2c "Roman l'homme qui rit čitali su svi.")" "Роман l'homme qui rit читали су сви."
check_eq "Italian title with its article" "$(l2c 'a la Gazzetta dello Sport je ćutala')" \
    "а la Gazzetta dello Sport је ћутала"
check_eq "German names" "$(l2c 'Frankfurter Allgemeine Zeitung i Süddeutsche Zeitung')" \
    "Frankfurter Allgemeine Zeitung и Süddeutsche Zeitung"
check_eq "weak marks in Serbian words stay Serbian" \
    "$(l2c 'Zaista, na tom nivou, poučiti neutralan proizvod, farmaceutski lanac. To je zaista tako.')" \
    "Заиста, на том нивоу, поучити неутралан производ, фармацеутски ланац. То је заиста тако."
check_eq "Serbian je and weak words do not join an English run" \
    "$(l2c 'BBC je zaista objavio. Zaista BBC. Pas je lajao, ne znam.')" \
    "BBC је заиста објавио. Заиста BBC. Пас је лајао, не знам."
check_eq "-es is English only after s x z ch sh o" "$(l2c 'Narcis Termes, električar')" \
    "Нарцис Термес, електричар"
check_eq "an English plural of a shared word in a quoted title" \
    "$(l2c 'zvezda serijala „Dragons Den“ i dragon')" "звезда серијала „Dragons Den“ и драгон"
check_eq "a name among kept items of an enumeration; Dr. before a foreign name only" \
    "$(l2c 'Brendovi Revlon, Essie, Tweezerman i Dr. PawPaw, a Dr. Petrović i dr Jovanović ne.')" \
    "Брендови Revlon, Essie, Tweezerman и Dr. PawPaw, а Др. Петровић и др Јовановић не."
check_eq "a name alone is converted" "$(l2c 'Kozmetika Revlon je skupa.')" "Козметика Ревлон је скупа."
printf 'Škotski savet nezavisnih škola (SCIS) i Narodna banka Srbije (NBS).\nČlanice SCIS-a i NBS.\n' \
    > "$WORK/acr.txt"
check_eq "an acronym that does not spell the Serbian name before it is the original's" \
    "$("$TUMAC" translit --to sr-Cyrl "$WORK/acr.txt")" \
    "$(printf 'Шкотски савет независних школа (SCIS) и Народна банка Србије (НБС).\nЧланице SCIS-а и НБС.')"
check_eq "final hn is not Serbian" "$(l2c 'u ulici John, a ne Džon')" "у улици John, а не Џон"
check_eq "a word Serbian has as written is no English inflection" \
    "$(l2c 'Peking i Vašington, novootvorene objekte, samoosiguravanje, Facebook')" \
    "Пекинг и Вашингтон, новоотворене објекте, самоосигуравање, Facebook"
check_eq "an acronym that begins and ends as the Serbian name is Serbian" \
    "$(l2c 'demilitarizovanu zonu (DMZ) i Narodna banka (NB)')" "демилитаризовану зону (ДМЗ) и Народна банка (НБ)"
check_eq "plus, para (Serbian words too) mark no French span" \
    "$(l2c 'Kanal plus je zaista dobar, para je pouzdana.')" "Канал плус је заиста добар, пара је поуздана."
