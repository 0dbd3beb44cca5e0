/* Type and syntax checks shared by the plan and progress walkers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"

#define err(c, code, pos, ...)                                                                     \
    wp_diags_add((c)->diags, WP_SEV_ERROR, (code), (c)->file, (pos), __VA_ARGS__)

static struct wp_pos pos_of(const struct ynode *n)
{
    struct wp_pos none = {0, 0};
    return n ? n->pos : none;
}

bool wp_schema_is_null(const struct ynode *n)
{
    if (!n)
        return true;
    if (n->kind != Y_SCALAR || !n->plain)
        return false;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

bool wp_schema_wrong_format(struct schema_ctx *c, const struct ynode *root, const char *expected,
                            const char *expected_what, const char *other, const char *other_what)
{
    if (!root || root->kind != Y_MAP)
        return false;
    for (size_t i = 0; i < root->n; i++) {
        const struct ynode *key = root->items[2 * i], *value = root->items[2 * i + 1];
        if (key->kind != Y_SCALAR || strcmp(key->str, "format") != 0)
            continue;
        if (value->kind != Y_SCALAR || wp_schema_is_null(value) ||
            strcmp(value->str, expected) == 0)
            return false;
        if (strcmp(value->str, other) == 0)
            err(c, WP_DIAG_FORMAT, value->pos, "this is %s ('%s'), not %s ('%s')", other_what,
                other, expected_what, expected);
        else
            err(c, WP_DIAG_FORMAT, value->pos, "unsupported format '%s' (expected '%s')",
                value->str, expected);
        return true;
    }
    return false;
}

const char *wp_schema_kind_name(const struct ynode *n)
{
    if (wp_schema_is_null(n))
        return "nothing";
    switch (n->kind) {
    case Y_MAP:
        return "a mapping";
    case Y_SEQ:
        return "a list";
    case Y_SCALAR:
        break;
    }
    return n->plain ? "a value" : "a string";
}

static bool is_merge_key(const struct ynode *key)
{
    return key->kind == Y_SCALAR && key->plain && strcmp(key->str, "<<") == 0;
}

/*
 * Fills values[] from one mapping's entries, leaving values already set (a
 * mapping's own keys override what it merges, earlier merges override later
 * ones). YAML merge keys (`<<: *defaults`, or a list of such) are followed
 * after the mapping's own keys; aliases are already bounded, depth is too.
 */
static void take_entries(struct schema_ctx *c, const struct ynode *map, const char *what,
                         const char *const *keys, size_t n, const struct ynode **values, int depth)
{
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *key = map->items[2 * i];
        const struct ynode *value = map->items[2 * i + 1];
        if (is_merge_key(key))
            continue;
        if (key->kind != Y_SCALAR) {
            wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_TYPE, c->file, key->pos,
                         "keys in %s must be plain words, not %s", what, wp_schema_kind_name(key));
            continue;
        }
        size_t k = 0;
        while (k < n && strcmp(keys[k], key->str) != 0)
            k++;
        if (k == n) {
            const char *hint = wp_suggest(key->str, keys, n);
            if (hint)
                wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_UNKNOWN_KEY, c->file, key->pos,
                             "unknown key '%s' in %s (did you mean '%s'?)", key->str, what, hint);
            else
                wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_UNKNOWN_KEY, c->file, key->pos,
                             "unknown key '%s' in %s", key->str, what);
            continue;
        }
        if (!values[k]) /* a duplicate was reported by the tree builder; keep the first */
            values[k] = value;
    }
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *key = map->items[2 * i];
        const struct ynode *value = map->items[2 * i + 1];
        if (!is_merge_key(key))
            continue;
        size_t count = value->kind == Y_SEQ ? value->n : 1;
        for (size_t j = 0; j < count; j++) {
            const struct ynode *src = value->kind == Y_SEQ ? value->items[j] : value;
            if (src->kind != Y_MAP)
                wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_TYPE, c->file, src->pos,
                             "a merge key '<<' takes a mapping or a list of mappings, not %s",
                             wp_schema_kind_name(src));
            else if (depth < 16)
                take_entries(c, src, what, keys, n, values, depth + 1);
        }
    }
}

bool wp_schema_map(struct schema_ctx *c, const struct ynode *map, const char *what,
                   const char *const *keys, size_t n, unsigned required,
                   const struct ynode **values)
{
    for (size_t i = 0; i < n; i++)
        values[i] = NULL;
    if (!map || map->kind != Y_MAP) {
        wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_TYPE, c->file,
                     map ? map->pos : (struct wp_pos){1, 1}, "%s must be a mapping, not %s", what,
                     wp_schema_kind_name(map));
        return false;
    }
    take_entries(c, map, what, keys, n, values, 0);
    for (size_t k = 0; k < n; k++) {
        if ((required & (1u << k)) && !values[k])
            wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_MISSING_KEY, c->file, map->pos,
                         "missing key '%s' in %s", keys[k], what);
    }
    return true;
}

bool wp_schema_string(struct schema_ctx *c, const struct ynode *n, const char *key,
                      const char **out)
{
    if (!n || n->kind != Y_SCALAR || wp_schema_is_null(n)) {
        err(c, WP_DIAG_TYPE, pos_of(n), "'%s' must be a string, not %s", key,
            wp_schema_kind_name(n));
        return false;
    }
    if (strlen(n->str) != n->len) {
        err(c, WP_DIAG_BINARY, n->pos, "'%s' holds a NUL character", key);
        return false;
    }
    *out = n->str; /* already in the model's arena */
    return true;
}

/* A plain YAML integer: optional sign, decimal digits. */
static bool parse_int(const char *s, long long *v)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p || strlen(p) > 15)
        return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    long long x = 0;
    for (; *p; p++)
        x = x * 10 + (*p - '0');
    *v = s[0] == '-' ? -x : x;
    return true;
}

bool wp_schema_int(struct schema_ctx *c, const struct ynode *n, const char *key, int min, int max,
                   int *out)
{
    long long v;
    if (!n || n->kind != Y_SCALAR || !n->plain || wp_schema_is_null(n) || !parse_int(n->str, &v)) {
        const char *found = n && n->kind == Y_SCALAR && !wp_schema_is_null(n) ? n->str : NULL;
        if (found && n->plain)
            err(c, WP_DIAG_TYPE, n->pos, "'%s' must be a whole number, not '%s'", key, found);
        else if (found)
            err(c, WP_DIAG_TYPE, n->pos, "'%s' must be a plain integer, not the string '%s'", key,
                found);
        else
            err(c, WP_DIAG_TYPE, pos_of(n), "'%s' must be an integer, not %s", key,
                wp_schema_kind_name(n));
        return false;
    }
    if (v < min || v > max) {
        wp_diags_add(c->diags, WP_SEV_ERROR, WP_DIAG_VALUE, c->file, n->pos,
                     "'%s' must be between %d and %d, not %lld", key, min, max, v);
        return false;
    }
    *out = (int)v;
    return true;
}

/*
 * A plain YAML integer or decimal: [+-]digits[.digits][e[+-]digits] (also
 * ".5" and "5."). Read by hand, not strtod, so that the locale never
 * matters; mantissas of up to 15 digits are exact, and one division or
 * multiplication by an exact power of ten rounds correctly. Significant
 * digits run from the first non-zero digit to the last one: trailing zeros
 * only scale (1000000000000000 is 1e15, one digit).
 */
/* What the digits of a number say, before the exponent. */
struct number_digits {
    long long mant;
    int sig, frac, any, zeros_int;
};

/* Reads [digits][.digits] from *pp; false when a 16th significant digit comes. */
static bool scan_digits(const char **pp, struct number_digits *d, int *digits)
{
    const char *p = *pp;
    int zeros_frac = 0;
    bool dot = false;
    for (;; p++) {
        if (*p == '.' && !dot) {
            dot = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        d->any++;
        if (*p == '0') {
            if (d->sig && dot) /* perhaps a trailing zero: counted once a digit follows */
                zeros_frac++;
            else if (d->sig)
                d->zeros_int++;
            else
                d->frac += dot; /* a leading zero after the point: 0.05 */
            continue;
        }
        *digits = d->sig + d->zeros_int + zeros_frac + 1;
        if (*digits > 15)
            return false;
        for (; d->zeros_int; d->zeros_int--, d->sig++)
            d->mant *= 10;
        for (; zeros_frac; zeros_frac--, d->sig++, d->frac++)
            d->mant *= 10;
        d->mant = d->mant * 10 + (*p - '0');
        d->sig++;
        d->frac += dot;
    }
    *pp = p;
    return true;
}

/* mant * 10^exp, rounded once when both are exact; past a double's range, inf or 0. */
static double scale(long long mant, int exp)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v = (double)mant;
    for (; exp > 22 && v != 0 && v < 1e300; exp -= 22)
        v *= 1e22;
    for (; exp < -22 && v != 0 && v > 1e-300; exp += 22)
        v /= 1e22;
    if (exp > 22 || exp < -22)
        return v == 0 ? 0 : exp > 0 ? HUGE_VAL : 0; /* out of range: inf is refused later */
    return exp >= 0 ? v * pow10[exp] : v / pow10[-exp];
}

/*
 * A plain YAML integer or decimal: [+-]digits[.digits][e[+-]digits] (also
 * ".5" and "5."). Read by hand, not strtod, so that the locale never
 * matters; mantissas of up to 15 digits are exact, and one division or
 * multiplication by an exact power of ten rounds correctly. Significant
 * digits run from the first non-zero digit to the last one: trailing zeros
 * only scale (1000000000000000 is 1e15, one digit).
 */
static bool parse_number(const char *s, double *out, int *digits)
{
    const char *p = s;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    struct number_digits d = {0};
    *digits = 0;
    if (!scan_digits(&p, &d, digits))
        return false;
    int exp = d.zeros_int; /* zeros after the point's last digit change nothing */
    if (d.any && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = *p == '-';
        if (*p == '-' || *p == '+')
            p++;
        if (*p < '0' || *p > '9')
            return false;
        int e = 0;
        for (; *p >= '0' && *p <= '9'; p++)
            if (e < 100000)
                e = e * 10 + (*p - '0');
        exp += eneg ? -e : e;
    }
    *digits = d.sig;
    if (!d.any || *p)
        return false;
    double v = scale(d.mant, exp - d.frac);
    *out = neg ? -v : v;
    return true;
}

bool wp_schema_number(struct schema_ctx *c, const struct ynode *n, const char *key, double *out)
{
    if (!n || n->kind != Y_SCALAR || wp_schema_is_null(n)) {
        err(c, WP_DIAG_TYPE, pos_of(n), "'%s' must be a number, not %s", key,
            wp_schema_kind_name(n));
        return false;
    }
    if (!n->plain) {
        err(c, WP_DIAG_TYPE, n->pos, "'%s' must be a plain number, not the string '%.60s'", key,
            n->str);
        return false;
    }
    double v = 0;
    int digits = 0;
    if (!parse_number(n->str, &v, &digits)) {
        if (digits > 15)
            err(c, WP_DIAG_VALUE, n->pos, "'%s' has more than 15 significant digits ('%.60s')", key,
                n->str);
        else
            err(c, WP_DIAG_TYPE, n->pos,
                "'%s' must be a finite number (an integer or a decimal), not '%.60s'", key, n->str);
        return false;
    }
    if (!isfinite(v)) {
        err(c, WP_DIAG_VALUE, n->pos, "'%s' is too large to be a finite number ('%.60s')", key,
            n->str);
        return false;
    }
    *out = v;
    return true;
}

bool wp_schema_url(struct schema_ctx *c, const struct ynode *n, const char *s)
{
    size_t skip = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
    bool ok = skip && s[skip] && s[skip] != '/';
    for (const char *p = s; ok && *p; p++)
        ok = (unsigned char)*p > ' ' && *p != 0x7f;
    if (!ok)
        err(c, WP_DIAG_MALFORMED, n->pos,
            "malformed link '%.200s' (expected an http:// or https:// URL without spaces)", s);
    return ok;
}

static bool text_value(struct schema_ctx *c, const struct ynode *n, const char *key,
                       const char **out)
{
    if (!n || n->kind != Y_SCALAR || wp_schema_is_null(n)) {
        err(c, WP_DIAG_TYPE, pos_of(n),
            "'%s' must be text (a string or a mapping of languages to strings), not %s", key,
            wp_schema_kind_name(n));
        return false;
    }
    return wp_schema_string(c, n, key, out);
}

/*
 * The language of a text key as the plan declares it (pt-br -> pt-BR when
 * plan.languages says pt-BR); NULL when undeclared or not a code. Without the plan's
 * languages (progress files), the key itself when it is a language code.
 */
static const char *declared_lang(struct schema_ctx *c, const char *code)
{
    if (!wp_is_lang_code(code))
        return NULL;
    if (!c->languages)
        return code;
    char folded[WP_LANG_KEY_MAX];
    return wp_lang_key(code, folded) ? wp_strmap_get(&c->language_set, folded) : NULL;
}

/* Index of the first key before i of the same language as key i (ignoring case), or i. */
static uint32_t first_key_linear(const struct ynode *n, uint32_t i)
{
    for (uint32_t j = 0; j < i; j++)
        if (n->items[2 * j]->kind == Y_SCALAR &&
            wp_lang_equal(n->items[2 * j]->str, n->items[2 * i]->str))
            return j;
    return i;
}

/*
 * Keys of text mapping n that differ only in case name one language (pt-BR,
 * pt-br): first[i] gets the index of the first key of key i's language, and a
 * case-only repeat is reported (one written alike was reported by the tree
 * builder). A few keys are compared pairwise; a text in thousands of
 * languages goes through a map, so that it stays linear.
 */
static void first_keys(struct schema_ctx *c, const struct ynode *n, const char *key,
                       uint32_t *first)
{
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    struct wp_arena folded;
    wp_arena_init(&folded);
    char k[WP_LANG_KEY_MAX];
    for (uint32_t i = 0; i < n->n; i++) {
        const struct ynode *lang = n->items[2 * i];
        first[i] = i;
        if (lang->kind != Y_SCALAR)
            continue;
        if (n->n <= 8) {
            first[i] = first_key_linear(n, i);
        } else if (wp_lang_key(lang->str, k)) {
            uintptr_t seen_at = (uintptr_t)wp_strmap_get(&seen, k); /* 1 + index, 0 = new */
            if (seen_at)
                first[i] = (uint32_t)(seen_at - 1);
            else
                wp_strmap_put(&seen, wp_arena_strdup(&folded, k), (void *)(uintptr_t)(i + 1));
        }
        const struct ynode *prev = n->items[2 * first[i]];
        if (first[i] != i && strcmp(prev->str, lang->str) != 0)
            err(c, WP_DIAG_DUPLICATE_KEY, lang->pos,
                "language '%s' given twice in '%s' (first at %u:%u as '%s': codes ignore case)",
                lang->str, key, prev->pos.line, prev->pos.col, prev->str);
    }
    wp_strmap_release(&seen);
    wp_arena_release(&folded);
}

bool wp_schema_text(struct schema_ctx *c, const struct ynode *n, const char *key,
                    struct wp_text *out)
{
    memset(out, 0, sizeof(*out));
    if (!n)
        return false;
    out->pos = n->pos;
    if (n->kind != Y_MAP)
        return text_value(c, n, key, &out->plain);
    if (n->n == 0) {
        err(c, WP_DIAG_TYPE, n->pos, "'%s' must have at least one language", key);
        return false;
    }
    struct wp_text_item *items = WP_ARENA_NEW(c->arena, struct wp_text_item, n->n);
    uint32_t small[8];
    uint32_t *first = n->n <= 8 ? small : wp_xmalloc(n->n * sizeof(*first));
    first_keys(c, n, key, first);
    size_t count = 0;
    bool ok = true;
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *lang = n->items[2 * i], *value = n->items[2 * i + 1];
        if (lang->kind != Y_SCALAR) {
            err(c, WP_DIAG_TYPE, lang->pos, "language keys of '%s' must be codes, not %s", key,
                wp_schema_kind_name(lang));
            ok = false;
            continue;
        }
        /* without the plan's languages (progress files) only the syntax is checked here */
        const char *code = declared_lang(c, lang->str);
        if (!code) {
            if (c->languages)
                err(c, WP_DIAG_UNDECLARED, lang->pos,
                    "language '%s' in '%s' is not declared in plan.languages", lang->str, key);
            else
                err(c, WP_DIAG_MALFORMED, lang->pos, "malformed language code '%s' in '%s'",
                    lang->str, key);
            ok = false;
            continue;
        }
        if (first[i] != i) { /* a language given twice: the first one is used */
            ok = false;
            continue;
        }
        const char *v;
        if (!text_value(c, value, key, &v)) {
            ok = false;
            continue;
        }
        items[count++] = (struct wp_text_item){code, v, value->pos, lang->pos};
    }
    if (first != small)
        free(first);
    out->items = items;
    out->n_items = count;
    return ok && count > 0;
}

/*
 * The start of reading an optional list: true when n is a list whose items
 * are to be read (*pos set to its position). Otherwise there is nothing to
 * read and *ok says whether that is fine (absent, null) or an error (not a
 * list, reported).
 */
static bool list_begin(struct schema_ctx *c, const struct ynode *n, const char *key,
                       struct wp_pos *pos, bool *ok)
{
    *ok = true;
    if (wp_schema_is_null(n))
        return false;
    *pos = n->pos;
    if (n->kind == Y_SEQ)
        return true;
    err(c, WP_DIAG_TYPE, n->pos, "'%s' must be a list, not %s", key, wp_schema_kind_name(n));
    *ok = false;
    return false;
}

bool wp_schema_text_list(struct schema_ctx *c, const struct ynode *n, const char *key,
                         struct wp_text_list *out)
{
    memset(out, 0, sizeof(*out));
    bool ok;
    if (!list_begin(c, n, key, &out->pos, &ok))
        return ok;
    out->items = WP_ARENA_NEW(c->arena, struct wp_text, n->n);
    for (size_t i = 0; i < n->n; i++)
        if (wp_schema_text(c, n->items[i], key, &out->items[out->n]))
            out->n++;
        else
            ok = false;
    return ok;
}

bool wp_schema_str_list(struct schema_ctx *c, const struct ynode *n, const char *key,
                        bool (*check)(struct schema_ctx *, const struct ynode *, const char *),
                        struct wp_str_list *out)
{
    memset(out, 0, sizeof(*out));
    bool ok;
    if (!list_begin(c, n, key, &out->pos, &ok))
        return ok;
    out->items = WP_ARENA_NEW(c->arena, struct wp_str, n->n);
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *item = n->items[i];
        const char *s;
        if (!wp_schema_string(c, item, key, &s) || (check && !check(c, item, s))) {
            ok = false;
            continue;
        }
        out->items[out->n++] = (struct wp_str){s, item->pos};
    }
    return ok;
}

bool wp_schema_date(struct schema_ctx *c, const struct ynode *n, const char *key,
                    struct wp_date *out)
{
    const char *s;
    if (!wp_schema_string(c, n, key, &s))
        return false;
    if (wp_date_parse(s, out)) {
        err(c, WP_DIAG_MALFORMED, n->pos,
            "malformed date '%s' in '%s' (expected a real calendar day as YYYY-MM-DD)", s, key);
        return false;
    }
    return true;
}

bool wp_schema_period(struct schema_ctx *c, const struct ynode *n, const char *key,
                      struct wp_period *out)
{
    const char *s;
    out->pos = pos_of(n);
    if (!wp_schema_string(c, n, key, &s))
        return false;
    if (wp_period_parse(s, out)) {
        err(c, WP_DIAG_MALFORMED, n->pos,
            "malformed period token '%s' in '%s' (expected YYYY, YYYY-H1, YYYY-Q1..Q4, "
            "YYYY-MM or YYYY-MM-DD)",
            s, key);
        return false;
    }
    return true;
}

static bool all_in(const char *s, const char *set, size_t min, size_t max)
{
    size_t len = strlen(s);
    if (len < min || len > max)
        return false;
    for (; *s; s++)
        if (!strchr(set, *s))
            return false;
    return true;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGIT "0123456789"

bool wp_is_plan_id(const char *s)
{
    return s[0] && strchr(LOWER DIGIT, s[0]) && all_in(s, LOWER DIGIT "-", 1, 100);
}

bool wp_is_area_id(const char *s)
{
    return s[0] && strchr(UPPER, s[0]) && all_in(s, UPPER DIGIT, 2, 10);
}

bool wp_is_party_id(const char *s)
{
    return s[0] && strchr(UPPER, s[0]) && all_in(s, UPPER DIGIT, 2, 12);
}

bool wp_is_country_code(const char *s)
{
    return all_in(s, UPPER, 2, 2);
}

bool wp_is_lang_code(const char *s)
{
    /* a BCP 47 primary subtag, optionally with a region or script: en, es, pt-BR, zh-Hant;
     * in any case, since codes compare ignoring it (EN is en) */
    size_t i = 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
        i++;
    if (i < 2 || i > 3)
        return false;
    if (!s[i])
        return true;
    if (s[i] != '-')
        return false;
    return all_in(s + i + 1, UPPER LOWER DIGIT, 2, 8);
}

bool wp_is_indicator_id(const char *s)
{
    return s[0] && strchr(UPPER, s[0]) && all_in(s, UPPER DIGIT "_", 1, 16);
}

bool wp_is_activity_id(const char *s, const char *area_id)
{
    size_t n = strlen(area_id);
    return strncmp(s, area_id, n) == 0 && s[n] == '-' && all_in(s + n + 1, UPPER DIGIT, 1, 20);
}
