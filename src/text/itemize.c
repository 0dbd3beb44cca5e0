/* Itemize: code points -> runs of one script class, one bidi level, one font. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "text/text_internal.h"

void wp_text_cps_init(struct wp_text_cps *c, const char *utf8, size_t len)
{
    memset(c, 0, sizeof(*c));
    c->cp = wp_xmalloc((len + 1) * sizeof(*c->cp));
    c->byte = wp_xmalloc((len + 1) * sizeof(*c->byte));
    c->u16 = wp_xmalloc((len + 1) * sizeof(*c->u16));
    c->utf16 = wp_xmalloc((2 * len + 1) * sizeof(*c->utf16));
    const uint8_t *s = (const uint8_t *)utf8;
    int32_t i = 0, n = (int32_t)len;
    while (i < n) {
        int32_t at = i;
        UChar32 cp;
        U8_NEXT(s, i, n, cp);
        if (cp < 0)
            cp = 0xFFFD; /* the loader rejects invalid UTF-8; this keeps offsets sane anyway */
        c->cp[c->n] = (uint32_t)cp;
        c->byte[c->n] = (size_t)at;
        c->u16[c->n] = c->n16;
        c->n++;
        UBool err = false;
        U16_APPEND(c->utf16, c->n16, (int32_t)(2 * len + 1), cp, err);
        (void)err;
    }
    c->byte[c->n] = len;
    c->u16[c->n] = c->n16;
}

void wp_text_cps_release(struct wp_text_cps *c)
{
    free(c->cp);
    free(c->byte);
    free(c->u16);
    free(c->utf16);
    memset(c, 0, sizeof(*c));
}

size_t wp_text_cps_at(const struct wp_text_cps *c, size_t byte)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->byte[mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Han, kana, Hangul and Bopomofo share one face (Noto Sans CJK): one run for all. */
static UScriptCode script_class(UScriptCode s)
{
    switch (s) {
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_HAN:
        return USCRIPT_HAN;
    case USCRIPT_UNKNOWN:
        return USCRIPT_COMMON;
    default:
        return s;
    }
}

static void backfill(UScriptCode *sc, size_t upto, UScriptCode s)
{
    for (size_t j = 0; j < upto; j++)
        if (sc[j] == USCRIPT_INVALID_CODE)
            sc[j] = s;
}

/* Bracket pairs: an opener's index on a stack; its closer takes its script. */
static UScriptCode bracket_script(const struct wp_text_cps *c, const UScriptCode *sc, size_t i,
                                  size_t *stack, size_t *depth, UScriptCode cur)
{
    int type = u_getIntPropertyValue((UChar32)c->cp[i], UCHAR_BIDI_PAIRED_BRACKET_TYPE);
    if (type == U_BPT_OPEN && *depth < 64) {
        stack[(*depth)++] = i;
    } else if (type == U_BPT_CLOSE) {
        UChar32 open = u_getBidiPairedBracket((UChar32)c->cp[i]);
        for (size_t d = *depth; d-- > 0;) {
            if ((UChar32)c->cp[stack[d]] == open) {
                *depth = d;
                return sc[stack[d]] == USCRIPT_INVALID_CODE ? cur : sc[stack[d]];
            }
        }
    }
    return cur;
}

/* Script class per code point; Common and Inherited join their neighbours. */
static UScriptCode *resolve_scripts(const struct wp_text_cps *c)
{
    UScriptCode *sc = wp_xmalloc((c->n + 1) * sizeof(*sc));
    UScriptCode cur = USCRIPT_INVALID_CODE;
    size_t stack[64], depth = 0;
    for (size_t i = 0; i < c->n; i++) {
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode s = script_class(uscript_getScript((UChar32)c->cp[i], &err));
        if (s == USCRIPT_INHERITED) {
            s = i > 0 ? sc[i - 1] : USCRIPT_INVALID_CODE;
        } else if (s == USCRIPT_COMMON) {
            s = bracket_script(c, sc, i, stack, &depth, cur);
        } else {
            if (cur == USCRIPT_INVALID_CODE)
                backfill(sc, i, s);
            cur = s;
        }
        sc[i] = s;
    }
    backfill(sc, c->n, USCRIPT_LATIN); /* no script at all (digits, spaces): Latin's face */
    return sc;
}

static bool ignorable(uint32_t cp)
{
    if (cp > 0x20 && cp < 0x7F)
        return false; /* printable ASCII, the most of any text: no property lookups */
    return u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
           u_charType((UChar32)cp) == U_CONTROL_CHAR || u_isUWhiteSpace((UChar32)cp);
}

static bool primary_is(const char *key, const char *lang)
{
    size_t n = strlen(lang);
    return strncmp(key, lang, n) == 0 && (key[n] == '\0' || key[n] == '-');
}

static const char *cjk_family(const char *lang, const struct wp_text_cps *c, size_t a, size_t b)
{
    char key[WP_LANG_KEY_MAX];
    if (lang && wp_lang_key(lang, key)) {
        if (primary_is(key, "ja"))
            return "Noto Sans CJK JP";
        if (primary_is(key, "ko"))
            return "Noto Sans CJK KR";
        bool hant =
            strstr(key, "-hant") || strstr(key, "-tw") || strstr(key, "-hk") || strstr(key, "-mo");
        if (primary_is(key, "zh"))
            return hant ? "Noto Sans CJK TC" : "Noto Sans CJK SC";
    }
    /* No usable tag: kana says Japanese, Hangul Korean; else Simplified Chinese. */
    for (size_t i = a; i < b; i++) {
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript((UChar32)c->cp[i], &err);
        if (s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA)
            return "Noto Sans CJK JP";
        if (s == USCRIPT_HANGUL)
            return "Noto Sans CJK KR";
    }
    return "Noto Sans CJK SC";
}

/* The face a run of script s is set in: "Noto Sans <Script>" unless Latin-like or CJK. */
static struct wp_text_font *primary_font(struct wp_text_fonts *fonts, UScriptCode s,
                                         const char *lang, const struct wp_text_cps *c, size_t a,
                                         size_t b, bool bold)
{
    if (s == USCRIPT_LATIN || s == USCRIPT_GREEK || s == USCRIPT_CYRILLIC || s == USCRIPT_COMMON)
        return wp_text_fonts_family(fonts, "Noto Sans", bold);
    if (s == USCRIPT_HAN)
        return wp_text_fonts_family(fonts, cjk_family(lang, c, a, b), bold);
    char family[96] = "Noto Sans ";
    const char *name = uscript_getName(s);
    size_t at = strlen(family);
    for (size_t i = 0; name && name[i] && at + 1 < sizeof(family); i++)
        family[at++] = name[i] == '_' ? ' ' : name[i];
    family[at] = '\0';
    return wp_text_fonts_family(fonts, family, bold);
}

/* Debian packages that carry a face for each script (Debian 12). */
static const char *package_for(uint32_t cp)
{
    static const UScriptCode core[] = {
        USCRIPT_LATIN,     USCRIPT_GREEK,     USCRIPT_CYRILLIC,   USCRIPT_THAI,
        USCRIPT_LAO,       USCRIPT_KHMER,     USCRIPT_MYANMAR,    USCRIPT_ARABIC,
        USCRIPT_TAMIL,     USCRIPT_HEBREW,    USCRIPT_DEVANAGARI, USCRIPT_BENGALI,
        USCRIPT_GUJARATI,  USCRIPT_GURMUKHI,  USCRIPT_KANNADA,    USCRIPT_MALAYALAM,
        USCRIPT_TELUGU,    USCRIPT_SINHALA,   USCRIPT_ORIYA,      USCRIPT_ETHIOPIC,
        USCRIPT_GEORGIAN,  USCRIPT_ARMENIAN,  USCRIPT_JAVANESE,   USCRIPT_BALINESE,
        USCRIPT_SUNDANESE, USCRIPT_BUGINESE,  USCRIPT_TAI_VIET,   USCRIPT_CHAM,
        USCRIPT_TAGALOG,   USCRIPT_ADLAM,     USCRIPT_CHEROKEE,   USCRIPT_SYRIAC,
        USCRIPT_THAANA,    USCRIPT_MONGOLIAN, USCRIPT_YI,         USCRIPT_TIFINAGH};
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)cp, &err);
    if (script_class(s) == USCRIPT_HAN)
        return "fonts-noto-cjk";
    for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
        if (core[i] == s)
            return "fonts-noto-core";
    return NULL;
}

static bool covers(const struct wp_text_font *f, const struct wp_text_cps *c, size_t a, size_t b)
{
    if (!f)
        return false;
    for (size_t i = a; i < b; i++)
        if (!ignorable(c->cp[i]) && !wp_text_font_has(f, c->cp[i]))
            return false;
    return true;
}

static void note_missing(struct wp_text_segments *it, const struct wp_text_cps *c, size_t a,
                         size_t b, const struct wp_text_font *f)
{
    for (size_t i = a; i < b; i++) {
        if (ignorable(c->cp[i]) || (f && wp_text_font_has(f, c->cp[i])))
            continue;
        WP_GROW(it->missing, it->cap_missing, it->n_missing + 1);
        it->missing[it->n_missing++] =
            (struct wp_text_missing){c->cp[i], c->byte[i], package_for(c->cp[i])};
    }
}

struct item_ctx {
    struct wp_text_fonts *fonts;
    const struct wp_text_cps *c;
    struct wp_text_segments *it;
    bool bold;
};

/* Punctuation, digits and symbols of no script, none of them invisible. */
static bool only_common(const struct wp_text_cps *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript((UChar32)c->cp[i], &err);
        if (ignorable(c->cp[i]) || (s != USCRIPT_COMMON && s != USCRIPT_INHERITED))
            return false;
    }
    return true;
}

/*
 * The font of one grapheme [a, b): the run's face, Noto Sans, any face with its
 * base. Punctuation and digits that Noto Sans has are drawn in it whatever the
 * run, as a browser draws them from the first font of its list that has them
 * (a CJK face would draw "·" or quotes full width beside Latin text); what only a
 * script's face has ("，", "。", "ー") stays in that face.
 */
static struct wp_text_font *grapheme_font(const struct item_ctx *x, struct wp_text_font *primary,
                                          size_t a, size_t b)
{
    struct wp_text_font *latin = wp_text_fonts_family(x->fonts, "Noto Sans", x->bold);
    if (latin != primary && only_common(x->c, a, b) && covers(latin, x->c, a, b))
        return latin;
    if (covers(primary, x->c, a, b))
        return primary;
    if (covers(latin, x->c, a, b))
        return latin;
    size_t base = a;
    while (base + 1 < b && ignorable(x->c->cp[base]))
        base++;
    struct wp_text_font *any = ignorable(x->c->cp[base])
                                   ? NULL
                                   : wp_text_fonts_covering(x->fonts, x->c->cp[base], x->bold);
    if (any) {
        note_missing(x->it, x->c, a, b, any); /* a mark its base's face lacks */
        return any;
    }
    /* Nobody has it: Noto Sans's .notdef, a visible box, stands in for it. */
    note_missing(x->it, x->c, a, b, NULL);
    return latin ? latin : primary;
}

static void push_item(struct wp_text_segments *it, size_t a, size_t b, hb_script_t hs,
                      uint8_t level, struct wp_text_font *f)
{
    if (it->n > 0) {
        struct wp_text_segment *last = &it->items[it->n - 1];
        if (last->last == a && last->font == f && last->level == level && last->script == hs) {
            last->last = b;
            return;
        }
    }
    WP_GROW(it->items, it->cap, it->n + 1);
    it->items[it->n++] = (struct wp_text_segment){a, b, hs, level, f};
}

/* Splits [a, b) (one script, one level) by grapheme where the font changes. */
static int split_by_font(const struct item_ctx *x, UBreakIterator *chars, UScriptCode s,
                         const char *lang, size_t a, size_t b)
{
    struct wp_text_font *primary = primary_font(x->fonts, s, lang, x->c, a, b, x->bold);
    hb_script_t hs = hb_script_from_string(uscript_getShortName(s), -1);
    /* Set in Noto Sans, which has every character: each grapheme would get Noto Sans
     * (grapheme_font), so the run is one item without walking its graphemes. */
    if (primary && primary == wp_text_fonts_family(x->fonts, "Noto Sans", x->bold) &&
        covers(primary, x->c, a, b)) {
        push_item(x->it, a, b, hs, x->it->levels[a], primary);
        return 0;
    }
    size_t g = a;
    while (g < b) {
        int32_t next16 = ubrk_following(chars, x->c->u16[g]);
        size_t h = g + 1;
        while (h < b && (next16 == UBRK_DONE || x->c->u16[h] < next16))
            h++;
        struct wp_text_font *f = grapheme_font(x, primary, g, h);
        if (!f)
            return -1;
        push_item(x->it, g, h, hs, x->it->levels[g], f);
        g = h;
    }
    return 0;
}

/* No character that makes anything right to left or embeds: with the paragraph left to
 * right (UBIDI_DEFAULT_LTR finds no strong R or AL), the UBA gives every character level 0
 * (W7 makes European numbers L; neutrals between L and sos/eos resolve to L). */
static bool all_ltr(const struct wp_text_cps *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->cp[i] < 0x80)
            continue; /* ASCII: L, EN, ES, ET, CS, WS, S, ON, BN and B only */
        switch (u_charDirection((UChar32)c->cp[i])) {
        case U_LEFT_TO_RIGHT:
        case U_EUROPEAN_NUMBER:
        case U_EUROPEAN_NUMBER_SEPARATOR:
        case U_EUROPEAN_NUMBER_TERMINATOR:
        case U_COMMON_NUMBER_SEPARATOR:
        case U_WHITE_SPACE_NEUTRAL:
        case U_OTHER_NEUTRAL:
        case U_DIR_NON_SPACING_MARK:
        case U_BOUNDARY_NEUTRAL:
        case U_SEGMENT_SEPARATOR:
        case U_BLOCK_SEPARATOR:
            break;
        default:
            return false;
        }
    }
    return true;
}

/* Bidi levels per code point (UBA, paragraph direction from the first strong character). */
static int bidi_levels(const struct wp_text_cps *c, struct wp_text_segments *it)
{
    it->levels = wp_xcalloc(c->n + 1, 1);
    it->para = wp_xcalloc(c->n + 1, 1);
    if (c->n16 == 0 || all_ltr(c))
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UBiDi *bidi = ubidi_openSized(c->n16, 0, &err);
    ubidi_setPara(bidi, c->utf16, c->n16, UBIDI_DEFAULT_LTR, NULL, &err);
    const UBiDiLevel *lv = U_SUCCESS(err) ? ubidi_getLevels(bidi, &err) : NULL;
    if (!lv || U_FAILURE(err)) {
        ubidi_close(bidi);
        return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        UBiDiLevel para = 0;
        it->levels[i] = lv[c->u16[i]];
        ubidi_getParagraph(bidi, c->u16[i], NULL, NULL, &para, &err);
        it->para[i] = para & 1;
    }
    ubidi_close(bidi);
    return U_SUCCESS(err) ? 0 : -1;
}

int wp_text_itemize(struct wp_text_fonts *fonts, const struct wp_text_cps *c, const char *lang,
                    bool bold, struct wp_text_segments *out)
{
    memset(out, 0, sizeof(*out));
    if (bidi_levels(c, out) != 0)
        return -1;
    UScriptCode *sc = resolve_scripts(c);
    UBreakIterator *chars = wp_text_chars(fonts, c->utf16, c->n16);
    int rc = chars ? 0 : -1;
    struct item_ctx x = {fonts, c, out, bold};
    for (size_t a = 0; rc == 0 && a < c->n;) {
        size_t b = a + 1;
        while (b < c->n && sc[b] == sc[a] && out->levels[b] == out->levels[a])
            b++;
        rc = split_by_font(&x, chars, sc[a], lang, a, b);
        a = b;
    }
    free(sc);
    return rc;
}

void wp_text_segments_release(struct wp_text_segments *it)
{
    free(it->items);
    free(it->levels);
    free(it->para);
    free(it->missing);
    memset(it, 0, sizeof(*it));
}

size_t wp_text_cps_at16(const struct wp_text_cps *c, int32_t u16)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->u16[mid] < u16)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

UBreakIterator *wp_text_chars(struct wp_text_fonts *fonts, const uint16_t *text, int32_t n16)
{
    UErrorCode err = U_ZERO_ERROR;
    if (!fonts->chars)
        fonts->chars = ubrk_open(UBRK_CHARACTER, "", text, n16, &err);
    else
        ubrk_setText(fonts->chars, text, n16, &err);
    return U_SUCCESS(err) ? fonts->chars : NULL;
}

UBreakIterator *wp_text_lines(struct wp_text_fonts *fonts, const char *locale, const uint16_t *text,
                              int32_t n16)
{
    UErrorCode err = U_ZERO_ERROR;
    size_t i = 0;
    while (i < fonts->n_lines && strcmp(fonts->lines[i].locale, locale) != 0)
        i++;
    if (i == fonts->n_lines) {
        /* Few locales in one document; past 8, the last slot is reused. */
        if (i == sizeof(fonts->lines) / sizeof(fonts->lines[0])) {
            ubrk_close(fonts->lines[--i].bi);
            fonts->n_lines--;
        }
        UBreakIterator *bi = ubrk_open(UBRK_LINE, locale, text, n16, &err);
        if (U_FAILURE(err)) {
            err = U_ZERO_ERROR;
            bi = ubrk_open(UBRK_LINE, "", text, n16, &err);
        }
        if (U_FAILURE(err))
            return NULL;
        snprintf(fonts->lines[i].locale, sizeof(fonts->lines[i].locale), "%s", locale);
        fonts->lines[i].bi = bi;
        fonts->n_lines++;
        return bi;
    }
    ubrk_setText(fonts->lines[i].bi, text, n16, &err);
    return U_SUCCESS(err) ? fonts->lines[i].bi : NULL;
}

void wp_text_breakers_release(struct wp_text_fonts *fonts)
{
    if (fonts->chars)
        ubrk_close(fonts->chars);
    for (size_t i = 0; i < fonts->n_lines; i++)
        ubrk_close(fonts->lines[i].bi);
    fonts->chars = NULL;
    fonts->n_lines = 0;
}
