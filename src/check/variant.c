/*
 * The variant check: words of another standard in the target. Croatian,
 * Bosnian and Serbian share most words; where they differ the office's
 * readers notice at once ("tjedan" in a Bosnian release, "nedelja" in a
 * Croatian one). The list below is the project's: each form, the
 * standards it does not belong to, and the word those use. Serbian is
 * ekavian here (the office's Serbian releases are), Bosnian and Croatian
 * ijekavian. A form ending in '*' is a stem: it matches a word that
 * starts with it and has at most five more bytes (the case endings:
 * "tjedn*" -> tjedna, tjednu, tjednima). Words are compared by their TM
 * matching key, so Cyrillic targets match the Latin forms ("вријеме").
 * README "variant" documents the list.
 */
#include <string.h>

#include "check-int.h"

enum { HR = 1, BS = 2, SR = 4 };

struct variant {
    const char *form;
    unsigned wrong_in;
    const char *use; /* the other standards' word */
};

static const struct variant variants[] = {
    /* Croatian words */
    {"tjedan", BS | SR, "sedmica"},         {"tjedn*", BS | SR, "sedmica"},
    {"tisuć*", BS | SR, "hiljada"},         {"kazališt*", BS | SR, "pozorište"},
    {"siječanj", BS | SR, "januar"},        {"siječnj*", BS | SR, "januar"},
    {"veljač*", BS | SR, "februar"},        {"ožujak", BS | SR, "mart"},
    {"ožujk*", BS | SR, "mart"},            {"travanj", BS | SR, "april"},
    {"travnj*", BS | SR, "april"},          {"svibanj", BS | SR, "maj"},
    {"svibnj*", BS | SR, "maj"},            {"lipanj", BS | SR, "juni"},
    {"lipnj*", BS | SR, "juni"},            {"srpanj", BS | SR, "juli"},
    {"srpnj*", BS | SR, "juli"},            {"kolovoz*", BS | SR, "august"},
    {"rujan", BS | SR, "septembar"},        {"rujn*", BS | SR, "septembar"},
    {"listopad*", BS | SR, "oktobar"},      {"studenog*", BS | SR, "novembar"},
    {"prosinac", BS | SR, "decembar"},      {"prosinc*", BS | SR, "decembar"},
    {"zrakoplov*", BS | SR, "avion"},       {"sveučilišt*", BS | SR, "univerzitet"},
    {"tvrtk*", BS | SR, "firma"},           {"glazb*", BS | SR, "muzika"},
    {"kruh*", BS | SR, "hljeb"},            {"vlak", BS | SR, "voz"},
    {"vlaka", BS | SR, "voz"},              {"vlakom", BS | SR, "voz"},
    {"vlakovi", BS | SR, "voz"},            {"tko", BS | SR, "ko"},
    {"točk*", BS | SR, "tačka"},            {"znanost*", BS | SR, "nauka"},
    {"izvješć*", BS | SR, "izvještaj"},     {"otok*", BS | SR, "ostrvo"},
    {"mirovin*", BS | SR, "penzija"},       {"ravnatelj*", BS | SR, "direktor"},
    {"uvjet*", BS | SR, "uslov"},           {"vjerojatn*", BS | SR, "vjerovatno"},
    {"nogomet*", SR, "fudbal"},
    /* Bosnian and Serbian words */
    {"sedmic*", HR, "tjedan"},              {"hiljad*", HR, "tisuća"},
    {"pozorišt*", HR, "kazalište"},         {"januar*", HR, "siječanj"},
    {"februar*", HR, "veljača"},            {"mart", HR, "ožujak"},
    {"marta", HR, "ožujak"},                {"martu", HR, "ožujak"},
    {"aprila", HR, "travanj"},              {"juna", HR, "lipanj"},
    {"jula", HR, "srpanj"},                 {"avgust*", HR, "kolovoz"},
    {"septemb*", HR, "rujan"},              {"oktob*", HR, "listopad"},
    {"novemb*", HR, "studeni"},             {"decemb*", HR, "prosinac"},
    {"voz", HR, "vlak"},                    {"voza", HR, "vlak"},
    {"vozom", HR, "vlak"},                  {"vozovi", HR, "vlak"},
    {"hljeb*", HR | SR, "kruh"},            {"univerzitet*", HR, "sveučilište"},
    {"fudbal*", HR, "nogomet"},             {"tačk*", HR, "točka"},
    {"porodic*", HR, "obitelj"},            {"ostrv*", HR, "otok"},
    {"penzij*", HR, "mirovina"},            {"historij*", HR | SR, "povijest/istorija"},
    {"istorij*", HR | BS, "povijest/historija"}, {"opštin*", HR | BS, "općina"},
    {"uopšte", HR, "uopće"},
    /* ekavian forms (Serbian) */
    {"nedelj*", HR | BS, "nedjelja/sedmica"}, {"vreme", HR | BS, "vrijeme"},
    {"mleko", HR | BS, "mlijeko"},          {"mleka", HR | BS, "mlijeko"},
    {"reka", HR | BS, "rijeka"},            {"reke", HR | BS, "rijeka"},
    {"lepo", HR | BS, "lijepo"},            {"lepa", HR | BS, "lijepa"},
    {"lepe", HR | BS, "lijepe"},            {"lepi", HR | BS, "lijepi"},
    {"dete", HR | BS, "dijete"},            {"deteta", HR | BS, "djeteta"},
    {"deca", HR | BS, "djeca"},             {"dece", HR | BS, "djece"},
    {"deci", HR | BS, "djeci"},             {"decom", HR | BS, "djecom"},
    {"mesto", HR | BS, "mjesto"},           {"mestu", HR | BS, "mjestu"},
    {"mesec*", HR | BS, "mjesec"},          {"gde", HR | BS, "gdje"},
    {"sever*", HR | BS, "sjever"},          {"uvek", HR | BS, "uvijek"},
    {"cena", HR | BS, "cijena"},            {"cene", HR | BS, "cijene"},
    {"pesm*", HR | BS, "pjesma"},           {"reč", HR | BS, "riječ"},
    {"reči", HR | BS, "riječi"},            {"posle", HR | BS, "poslije"},
    {"pre", HR | BS, "prije"},              {"deo", HR | BS, "dio"},
    {"hteo", HR | BS, "htio"},              {"bezbednost*", HR | BS, "sigurnost/bezbjednost"},
    {"sledeć*", HR | BS, "sljedeći"},       {"primer*", HR | BS, "primjer"},
    {"promen*", HR | BS, "promjena"},       {"vredn*", HR | BS, "vrijedan"},
    /* ijekavian forms (Bosnian, Croatian) */
    {"nedjelj*", SR, "nedelja"},            {"vrijeme", SR, "vreme"},
    {"mlijek*", SR, "mleko"},               {"lijep*", SR, "lep"},
    {"dijete", SR, "dete"},                 {"djec*", SR, "deca"},
    {"mjest*", SR, "mesto"},                {"mjesec*", SR, "mesec"},
    {"gdje", SR, "gde"},                    {"sjever*", SR, "sever"},
    {"uvijek", SR, "uvek"},                 {"cijen*", SR, "cena"},
    {"pjesm*", SR, "pesma"},                {"riječ*", SR, "reč"},
    {"poslije", SR, "posle"},               {"prije", SR, "pre"},
    {"dio", SR, "deo"},                     {"htio", SR, "hteo"},
    {"bezbjednost*", HR | SR, "sigurnost/bezbednost"}, {"sljedeć*", SR, "sledeći"},
    {"primjer*", SR, "primer"},             {"promjen*", SR, "promena"},
    {"vrijedn*", SR, "vredan"},             {"svijet*", SR, "svet"},
};

static unsigned standard_of(const char *tag)
{
    return check_lang_is(tag, "hr") ? HR : check_lang_is(tag, "bs") ? BS
           : check_lang_is(tag, "sr") ? SR : 0;
}

/* The word w[0, n) is `form` or, for a stem, starts with it. */
static bool matches(const char *form, const char *w, size_t n)
{
    size_t f = strlen(form);
    if (form[f - 1] == '*') {
        return n >= f - 1 && n <= f - 1 + 5 && memcmp(w, form, f - 1) == 0;
    }
    return n == f && memcmp(w, form, f) == 0;
}

void check_variant(struct run *r)
{
    unsigned std = standard_of(r->trg_lang);
    struct tu_buf key, found;
    size_t count = 0;

    if (std == 0) {
        return;
    }
    tu_buf_init(&key, TU_BUF_NO_LIMIT);
    tu_buf_init(&found, TU_BUF_NO_LIMIT);
    if (check_words_key(r->trg_prot.data, r->trg_prot.len, &key, r->err) != TU_OK) {
        r->st = r->err->code;
        goto out;
    }
    for (size_t i = 1; i < key.len;) {
        size_t e = i;
        while (e < key.len && key.data[e] != ' ') {
            e++;
        }
        for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
            if ((variants[v].wrong_in & std) && matches(variants[v].form, key.data + i, e - i)) {
                tu_buf_printf(&found, "%s'%.*s' (%s)", count ? ", " : "", (int)(e - i),
                              key.data + i, variants[v].use);
                count++;
                break;
            }
        }
        i = e + 1;
    }
    if (count) {
        check_report(r, TU_CHECK_VARIANT, "word%s of another standard in a %s target: %s",
                     count > 1 ? "s" : "", r->trg_lang, found.data);
    }
out:
    tu_buf_release(&key);
    tu_buf_release(&found);
}
