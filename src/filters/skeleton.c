/*
 * The skeleton language (see filters-int.h): writing literals so that any
 * byte survives a trip through XML, and parsing a skeleton back into pieces
 * for merge. Parsing is strict: a skeleton damaged in transit is refused
 * with its position rather than merged into a damaged document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumac/alloc.h>
#include <tumac/fileio.h>

#include "filters-int.h"
#include "skeleton.h"

size_t fx_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t need;
    unsigned cp;

    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < need) {
        return 0;
    }
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return need;
}

size_t fx_put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Bytes at s that XML 1.0 cannot carry as character data (or that a parser
 * would change: CR, the BOM); returns how many, 0 if the character is fine. */
static size_t unsafe_len(const unsigned char *s, size_t n)
{
    size_t l = fx_utf8_len(s, n);

    if (l == 0) {
        return 1;
    }
    if (l == 1) {
        return (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n') || s[0] == 0x7F
                   ? 1
                   : 0;
    }
    if (l == 3 && s[0] == 0xEF &&
        ((s[1] == 0xBB && s[2] == 0xBF) ||
         (s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)))) {
        return 3; /* BOM, U+FFFE, U+FFFF */
    }
    return 0;
}

void skl_lit(struct tu_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;

    while (i < n) {
        size_t bad = u[i] == '\\' ? 1 : unsafe_len(u + i, n - i);
        if (bad == 0) {
            size_t l = fx_utf8_len(u + i, n - i);
            i += l;
            continue;
        }
        tu_buf_add(b, s + run, i - run);
        if (u[i] == '\\') {
            tu_buf_adds(b, "\\\\");
        } else {
            for (size_t k = 0; k < bad; k++) {
                tu_buf_printf(b, "\\x%02X", u[i + k]);
            }
        }
        i += bad;
        run = i;
    }
    tu_buf_add(b, s + run, n - run);
}

/* ---- parsing ---- */

struct sp {
    const char *s;
    size_t len, pos;
    struct skl *k;
    struct tu_error *err;
};

static enum tu_status sp_fail(struct sp *p, const char *what)
{
    unsigned long line, col;
    tu_text_position(p->s, p->len, p->pos, &line, &col);
    return tu_error_set(p->err, TU_EPARSE,
                        "damaged skeleton at line %lu, column %lu: %s", line,
                        col, what);
}

static enum tu_status pieces_add(struct skl_pieces *ps, enum skl_piece_kind k,
                                 size_t start, size_t len, char *unit, char q)
{
    struct skl_piece *v = tu_grow(ps->v, sizeof(*v), ps->count + 1, &ps->cap);
    if (v == NULL) {
        tu_free(unit);
        return TU_ENOMEM;
    }
    ps->v = v;
    v[ps->count].kind = k;
    v[ps->count].start = start;
    v[ps->count].len = len;
    v[ps->count].unit = unit;
    v[ps->count].q = q;
    ps->count++;
    return TU_OK;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

/* Directive header "\{name args}" at p->pos (after the "\{"); fills up to
 * 3 args (pointers into a small owned copy). */
struct dir {
    char buf[256];
    char *name, *arg[3];
    int nargs;
};

static enum tu_status read_dir(struct sp *p, struct dir *d)
{
    size_t start = p->pos, n;
    const char *end = memchr(p->s + start, '}', p->len - start);
    char *tok, *save = NULL;

    if (end == NULL || (n = (size_t)(end - (p->s + start))) >= sizeof(d->buf)) {
        return sp_fail(p, "unterminated directive");
    }
    memcpy(d->buf, p->s + start, n);
    d->buf[n] = '\0';
    p->pos = start + n + 1;
    d->nargs = 0;
    d->name = strtok_r(d->buf, " ", &save);
    if (d->name == NULL) {
        return sp_fail(p, "empty directive");
    }
    while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
        if (d->nargs == 3) {
            return sp_fail(p, "too many directive arguments");
        }
        d->arg[d->nargs++] = tok;
    }
    return TU_OK;
}

/*
 * Parse a sequence into `ps` until "\{|}", "\{/...}" or the end; *stop gets
 * the stopping directive's name ("" at the end of input).
 */
static enum tu_status parse_seq(struct sp *p, struct skl_pieces *ps,
                                char *stop, size_t stop_size, bool literal_only);

static enum tu_status add_lit(struct sp *p, struct skl_pieces *ps,
                              const char *s, size_t n)
{
    size_t start = p->k->lit.len;
    if (n == 0) {
        return TU_OK;
    }
    if (tu_buf_add(&p->k->lit, s, n) != TU_OK) {
        return TU_ENOMEM;
    }
    if (ps->count > 0 && ps->v[ps->count - 1].kind == SKL_LIT &&
        ps->v[ps->count - 1].start + ps->v[ps->count - 1].len == start) {
        ps->v[ps->count - 1].len += n;
        return TU_OK;
    }
    return pieces_add(ps, SKL_LIT, start, n, NULL, 0);
}

size_t skl_unit_index(const char *id)
{
    char *end;
    unsigned long n;

    if (id == NULL || id[0] != 'u' || id[1] < '1' || id[1] > '9') {
        return 0;
    }
    n = strtoul(id + 1, &end, 10);
    return *end == '\0' && n < ((size_t)1 << 24) ? (size_t)n : 0;
}

struct skl_unit *skl_unit_get(struct skl *k, const char *id, bool create)
{
    size_t n = skl_unit_index(id);
    struct skl_unit *v;

    if (n == 0) {
        return NULL;
    }
    if (n > k->unit_count) {
        if (!create) {
            return NULL;
        }
        v = tu_grow(k->units, sizeof(*v), n, &k->unit_cap);
        if (v == NULL) {
            return NULL;
        }
        memset(v + k->unit_count, 0, (n - k->unit_count) * sizeof(*v));
        k->units = v;
        k->unit_count = n;
    }
    return &k->units[n - 1];
}

static enum tu_status parse_code(struct sp *p, struct dir *d)
{
    struct skl_unit *u;
    struct skl_code *c;
    char stop[16];
    enum tu_status st;

    if (d->nargs != 2) {
        return sp_fail(p, "code directive needs a unit and an id");
    }
    u = skl_unit_get(p->k, d->arg[0], true);
    if (u == NULL) {
        return sp_fail(p, "bad unit id in a code directive");
    }
    c = tu_grow(u->codes, sizeof(*c), u->code_count + 1, &u->code_cap);
    if (c == NULL) {
        return TU_ENOMEM;
    }
    u->codes = c;
    c = &c[u->code_count++];
    memset(c, 0, sizeof(*c));
    c->id = tu_strdup(d->arg[1]);
    if (c->id == NULL) {
        return TU_ENOMEM;
    }
    if ((st = parse_seq(p, &c->start, stop, sizeof(stop), false)) != TU_OK) {
        return st;
    }
    if (strcmp(stop, "|") == 0) {
        c->paired = true;
        if ((st = parse_seq(p, &c->end, stop, sizeof(stop), false)) != TU_OK) {
            return st;
        }
    }
    if (strcmp(stop, "/c") != 0) {
        return sp_fail(p, "code template not closed by \\{/c}");
    }
    return TU_OK;
}

static enum tu_status parse_spelling(struct sp *p, struct dir *d)
{
    struct skl_unit *u;
    struct skl_spell *x;
    struct skl_pieces a = {0}, b = {0};
    char stop[16], *endp;
    enum tu_status st;
    unsigned long off, codes = 0;

    if (d->nargs != 2 && d->nargs != 3) {
        return sp_fail(p, "spelling directive needs a unit and an offset");
    }
    off = strtoul(d->arg[1], &endp, 10);
    if (*endp != '\0') {
        return sp_fail(p, "bad offset in a spelling directive");
    }
    if (d->nargs == 3 && ((codes = strtoul(d->arg[2], &endp, 10)), *endp != '\0')) {
        return sp_fail(p, "bad code count in a spelling directive");
    }
    st = parse_seq(p, &a, stop, sizeof(stop), true);
    if (st == TU_OK && strcmp(stop, "|") != 0) {
        st = sp_fail(p, "spelling without \\{|}");
    }
    if (st == TU_OK) {
        st = parse_seq(p, &b, stop, sizeof(stop), true);
    }
    if (st == TU_OK && strcmp(stop, "/x") != 0) {
        st = sp_fail(p, "spelling not closed by \\{/x}");
    }
    if (st == TU_OK && (u = skl_unit_get(p->k, d->arg[0], true)) == NULL) {
        st = sp_fail(p, "bad unit id in a spelling directive");
    }
    if (st == TU_OK) {
        x = tu_grow(u->spells, sizeof(*x), u->spell_count + 1, &u->spell_cap);
        if (x == NULL) {
            st = TU_ENOMEM;
        } else {
            u->spells = x;
            x = &x[u->spell_count++];
            x->off = off;
            x->dec_start = a.count ? a.v[0].start : 0;
            x->dec_len = a.count ? a.v[0].len : 0;
            x->sp_start = b.count ? b.v[0].start : 0;
            x->sp_len = b.count ? b.v[0].len : 0;
            x->at_code = d->nargs == 3;
            x->codes = codes;
            if (x->at_code && x->dec_len != 0) {
                st = sp_fail(p, "a spelling placed by codes must have no text");
            }
        }
    }
    tu_free(a.v);
    tu_free(b.v);
    return st;
}

/* \{t U [N]} or \{a U Q [N]}: a piece for the unit, and its record. */
static enum tu_status parse_unit_ref(struct sp *p, struct skl_pieces *ps,
                                     struct dir *d)
{
    bool attr = d->name[0] == 'a';
    int fixed = attr ? 2 : 1;
    char q = 0, *id, *endp;
    struct skl_unit *u;

    if (d->nargs != fixed && d->nargs != fixed + 1) {
        return sp_fail(p, "wrong number of unit reference arguments");
    }
    if (attr) {
        q = d->arg[1][0];
        if (strchr("dsn", q) == NULL || d->arg[1][1] != '\0') {
            return sp_fail(p, "bad attribute quoting");
        }
    }
    u = skl_unit_get(p->k, d->arg[0], true);
    if (u == NULL) {
        return sp_fail(p, "bad unit id in a unit reference");
    }
    if (d->nargs == fixed + 1) {
        unsigned long n = strtoul(d->arg[fixed], &endp, 10);
        if (*endp != '\0' || d->arg[fixed][0] < '0' || d->arg[fixed][0] > '9') {
            return sp_fail(p, "bad segment count in a unit reference");
        }
        u->segments = n;
        u->counted = true;
    }
    u->placed = true;
    id = tu_strdup(d->arg[0]);
    if (id == NULL ||
        pieces_add(ps, attr ? SKL_ATTR : SKL_UNIT, 0, 0, id, q) != TU_OK) {
        return TU_ENOMEM;
    }
    return TU_OK;
}

static enum tu_status parse_seq(struct sp *p, struct skl_pieces *ps,
                                char *stop, size_t stop_size, bool literal_only)
{
    enum tu_status st;

    stop[0] = '\0';
    while (p->pos < p->len) {
        const char *s = p->s + p->pos;
        const char *bs = memchr(s, '\\', p->len - p->pos);
        size_t run = bs ? (size_t)(bs - s) : p->len - p->pos;
        struct dir d;

        if ((st = add_lit(p, ps, s, run)) != TU_OK) {
            return st;
        }
        p->pos += run;
        if (bs == NULL) {
            break;
        }
        if (p->pos + 1 >= p->len) {
            return sp_fail(p, "lone backslash");
        }
        if (p->s[p->pos + 1] == '\\') {
            if ((st = add_lit(p, ps, "\\", 1)) != TU_OK) {
                return st;
            }
            p->pos += 2;
            continue;
        }
        if (p->s[p->pos + 1] == 'x') {
            int h, l;
            char c;
            if (p->pos + 3 >= p->len || (h = hexval(p->s[p->pos + 2])) < 0 ||
                (l = hexval(p->s[p->pos + 3])) < 0) {
                return sp_fail(p, "bad \\x escape");
            }
            c = (char)(h * 16 + l);
            if (c == '\0') {
                return sp_fail(p, "\\x00: a document cannot hold a NUL byte");
            }
            if ((st = add_lit(p, ps, &c, 1)) != TU_OK) {
                return st;
            }
            p->pos += 4;
            continue;
        }
        if (p->s[p->pos + 1] != '{') {
            return sp_fail(p, "unknown escape");
        }
        p->pos += 2;
        if ((st = read_dir(p, &d)) != TU_OK) {
            return st;
        }
        if (strcmp(d.name, "|") == 0 || d.name[0] == '/') {
            snprintf(stop, stop_size, "%s", d.name);
            return TU_OK;
        }
        if (literal_only) {
            return sp_fail(p, "directive inside a literal-only part");
        }
        if (strcmp(d.name, "t") == 0 || strcmp(d.name, "a") == 0) {
            if ((st = parse_unit_ref(p, ps, &d)) != TU_OK) {
                return st;
            }
        } else if (strcmp(d.name, "l") == 0) {
            struct skl_pieces lp = {0};
            char lstop[16], part = 0;
            if (d.nargs > 1 || (d.nargs == 1 && (strlen(d.arg[0]) != 1 ||
                                                 strchr("lrs", d.arg[0][0]) == NULL))) {
                return sp_fail(p, "bad lang directive argument");
            }
            part = d.nargs == 1 ? d.arg[0][0] : 0;
            st = parse_seq(p, &lp, lstop, sizeof(lstop), true);
            if (st == TU_OK && strcmp(lstop, "/l") != 0) {
                st = sp_fail(p, "lang not closed by \\{/l}");
            }
            if (st == TU_OK) {
                st = pieces_add(ps, SKL_LANG, lp.count ? lp.v[0].start : 0,
                                lp.count ? lp.v[0].len : 0, NULL, part);
            }
            tu_free(lp.v);
            if (st != TU_OK) {
                return st;
            }
        } else if (strcmp(d.name, "c") == 0) {
            if ((st = parse_code(p, &d)) != TU_OK) {
                return st;
            }
        } else if (strcmp(d.name, "x") == 0) {
            if ((st = parse_spelling(p, &d)) != TU_OK) {
                return st;
            }
        } else {
            return sp_fail(p, "unknown directive");
        }
    }
    return TU_OK;
}

enum tu_status skl_parse(const char *s, size_t len, struct skl *k,
                         struct tu_error *err)
{
    struct sp p = {s, len, 0, k, err};
    const char *nl;
    char stop[16];
    size_t mlen = strlen(SKL_MAGIC), nlen;
    enum tu_status st;

    memset(k, 0, sizeof(*k));
    tu_buf_init(&k->lit, TU_BUF_NO_LIMIT);
    nl = memchr(s, '\n', len);
    if (len < mlen || memcmp(s, SKL_MAGIC, mlen) != 0 || nl == NULL) {
        return tu_error_set(err, TU_EUNSUPPORTED,
                            "the skeleton was not written by tumac's filters");
    }
    nlen = (size_t)(nl - s) - mlen;
    if (nlen == 0 || nlen >= sizeof(k->filter)) {
        return tu_error_set(err, TU_EPARSE, "damaged skeleton header");
    }
    memcpy(k->filter, s + mlen, nlen);
    k->filter[nlen] = '\0';
    /* "html windows-1250": the input's encoding follows the filter name */
    snprintf(k->encoding, sizeof(k->encoding), "UTF-8");
    if (strchr(k->filter, ' ') != NULL) {
        char *sp = strchr(k->filter, ' ');
        if (strlen(sp + 1) == 0 || strlen(sp + 1) >= sizeof(k->encoding)) {
            return tu_error_set(err, TU_EPARSE, "damaged skeleton header");
        }
        snprintf(k->encoding, sizeof(k->encoding), "%s", sp + 1);
        *sp = '\0';
    }
    p.pos = (size_t)(nl - s) + 1;
    st = parse_seq(&p, &k->body, stop, sizeof(stop), false);
    if (st == TU_OK && stop[0] != '\0') {
        st = sp_fail(&p, "unexpected closing directive");
    }
    if (st == TU_ENOMEM) {
        tu_error_set(err, TU_ENOMEM, "out of memory");
    }
    return st;
}

static void pieces_release(struct skl_pieces *ps)
{
    for (size_t i = 0; i < ps->count; i++) {
        tu_free(ps->v[i].unit);
    }
    tu_free(ps->v);
}

void skl_release(struct skl *k)
{
    pieces_release(&k->body);
    for (size_t i = 0; i < k->unit_count; i++) {
        struct skl_unit *u = &k->units[i];
        for (size_t j = 0; j < u->code_count; j++) {
            tu_free(u->codes[j].id);
            pieces_release(&u->codes[j].start);
            pieces_release(&u->codes[j].end);
        }
        tu_free(u->codes);
        tu_free(u->spells);
    }
    tu_free(k->units);
    tu_buf_release(&k->lit);
    memset(k, 0, sizeof(*k));
}
