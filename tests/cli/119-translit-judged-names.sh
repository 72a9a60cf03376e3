# Issue 20, names judged with the rest of the text: a name Serbian declines
# somewhere in the text is Serbian everywhere, a given name with a final vowel
# pair before a Serbian-spelled surname is Serbian, a name beside capitalised
# words Serbian has as written is a transcription; capitals joined by '&' are
# a foreign name; letters quoted in one sentence share an alphabet; a short
# capital first in its sentence does not start a foreign run.
. tests/cli/lib.sh

l2c() { printf '%s\n' "$1" | "$TUMAC" translit --to sr-Cyrl "${@:2}"; }
check_eq "declined elsewhere: Serbian (Voters, Votersove)" \
    "$(l2c 'Rekla je Voters u izjavi. Pozivi za smenu Votersove su stigli.')" \
    "Рекла је Вотерс у изјави. Позиви за смену Вотерсове су стигли."
check_eq "the same word with no declined form stays foreign" \
    "$(l2c 'Rekla je Voters u izjavi.')" "Рекла је Voters у изјави."
check_eq "declined: a stem shared through two endings (Kavanoom, Kavanoa)" \
    "$(l2c 'Debakl sa sudijom Kavanoom. Istraga protiv Kavanoa.')" \
    "Дебакл са судијом Каваноом. Истрага против Каваноа."
check_eq "a declined form with foreign letters proves nothing (Twitter, Twitteru)" \
    "$(l2c 'Objavio je na mreži Twitter. Pisao je o Twitteru.')" \
    "Објавио је на мрежи Twitter. Писао је о Twitteru."
check_eq "a foreign name in a run is not reclassified by a declined form" \
    "$(l2c 'Piše list Sunday Times. Urednik Timesa kaže.')" \
    "Пише лист Sunday Times. Уредник Тимеса каже."
check_eq "a final vowel pair before a Serbian surname (Ovie Ejaria)" \
    "$(l2c 'udarac koji je uputio Ovie Ejaria.')" "ударац који је упутио Овие Ејариа."
check_eq "... not before a foreign surname (Bernie Sanders)" \
    "$(l2c 'Rekao je Bernie Sanders.')" "Рекао је Bernie Sanders."
check_eq "... not a medial pair (Boots Srbija)" \
    "$(l2c 'Kupila je u Boots Srbija.')" "Купила је у Boots Србија."
check_eq "a name with a capitalised word Serbian has (Robin Kristi)" \
    "$(l2c 'Robin Kristi iz ekipe Melrouz je izjavio')" "Робин Кристи из екипе Мелроуз је изјавио"
check_eq "two names stay a foreign run (Robin Hood Foundation)" \
    "$(l2c 'Fondacija Robin Hood Foundation daje')" "Фондација Robin Hood Foundation даје"
check_eq "capitals joined by & stay Latin; --acronyms convert converts them" \
    "$(l2c 'Brendovi M&S, H&M i AT&T-a' ; l2c 'Brend M&S' --acronyms convert)" \
    "$(printf '%s\n' 'Брендови M&S, H&M и AT&T-а' 'Бренд М&С')"
check_eq "a spaced & between Serbian capitals is no name" \
    "$(l2c 'Petrović & Marković')" "Петровић & Марковић"
check_eq "letters quoted with a foreign one stay Latin, in that sentence only" \
    "$(l2c 'Izgovor slova „w“ sličan je izgovoru slova „u“. Slovo „u“ je samoglasnik.')" \
    "Изговор слова „w“ сличан је изговору слова „u“. Слово „у“ је самогласник."
check_eq "a short capital first in its sentence does not start a run" \
    "$(l2c 'Na Twitteru je pisalo. Za Facebook ne.')" "На Twitteru је писало. За Facebook не."
check_eq "a longer one does (Frankfurter Allgemeine Zeitung)" \
    "$(l2c 'Frankfurter Allgemeine Zeitung piše')" "Frankfurter Allgemeine Zeitung пише"
check_eq "and a function word there may start a title (The Guardian)" \
    "$(l2c 'The Guardian piše')" "The Guardian пише"
