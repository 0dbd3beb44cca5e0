#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* the billion-laughs limits are declared only for builds with DTD support, as Debian's is */
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>
#include <unzip.h>

#include "import/xlsx_read.h"

#define MAX_SHEETS 1000
#define MAX_ROW 1048576u
#define MAX_COL 16384u
#define MAX_STRINGS 2000000u
#define MAX_XFS 65536u
#define MAX_NUMFMTS 4096u
#define MAX_DEPTH 256

static const char ct_main[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
static const char ct_template[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";

void wp_xlsxr_limits_default(struct wp_xlsxr_limits *lim)
{
    lim->max_total = (size_t)64 << 20;
    lim->max_part = (size_t)32 << 20;
    lim->max_cells = 1000000;
    lim->max_entries = 10000;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
fail(struct wp_xlsxr *x, enum wp_diag_code code, const char *fmt, ...);

static void fail(struct wp_xlsxr *x, enum wp_diag_code code, const char *fmt, ...)
{
    char msg[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wp_diags_add(x->diags, WP_SEV_ERROR, code, x->path, (struct wp_pos){0, 0}, "%s", msg);
}

/* ---- pure helpers -------------------------------------------------------- */

int wp_xlsxr_ref_parse(const char *ref, unsigned *row, unsigned *col)
{
    const char *p = ref;
    unsigned c = 0, r = 0;
    size_t letters = 0, digits = 0;
    if (*p == '$')
        p++;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        if (++letters > 3)
            return -1;
        c = c * 26 + (unsigned)((*p | 0x20) - 'a' + 1);
        p++;
    }
    if (*p == '$')
        p++;
    while (*p >= '0' && *p <= '9') {
        if (++digits > 7)
            return -1;
        r = r * 10 + (unsigned)(*p - '0');
        p++;
    }
    if (*p || letters == 0 || digits == 0 || r == 0 || r > MAX_ROW || c > MAX_COL)
        return -1;
    *row = r;
    *col = c;
    return 0;
}

void wp_xlsxr_ref_format(unsigned row, unsigned col, char buf[static 16])
{
    char tmp[4];
    size_t n = 0;
    while (col > 0 && n < 3) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    size_t i = 0;
    while (n > 0)
        buf[i++] = tmp[--n];
    snprintf(buf + i, 16 - i, "%u", row);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * The UTF-16 code unit of an _xHHHH_ escape at s, or -1. ECMA-376
 * (ST_Xstring) spells it with a lower-case x and four hex digits of
 * either case, as Excel and libxlsxwriter (_x%04X_) write it; "_X0041_"
 * is no escape, and writers keep it literal.
 */
static long escape_at(const char *s, size_t left)
{
    if (left < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return -1;
    long v = 0;
    for (int i = 2; i < 6; i++) {
        int h = hexval(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * The code point an escape at s stands for, with *used set to the bytes it
 * takes (7, or 14 for a surrogate pair); -1 when it is no character. U+0000
 * cannot be in a cell (nor in XML, nor in libxlsxwriter's C strings) and a
 * lone surrogate is not text: both are kept as written, so nothing is cut
 * or replaced.
 */
static long escaped_char(const char *s, size_t left, size_t *used)
{
    long u = escape_at(s, left);
    *used = 7;
    if (u <= 0 || (u >= 0xDC00 && u <= 0xDFFF))
        return -1;
    if (u < 0xD800 || u > 0xDBFF)
        return u;
    long lo = escape_at(s + 7, left - 7);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return -1;
    *used = 14;
    return 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
}

size_t wp_xlsxr_unescape(char *s, size_t len)
{
    size_t in = 0, out = 0;
    while (in < len) {
        size_t used;
        long cp = escaped_char(s + in, len - in, &used);
        if (cp < 0) {
            s[out++] = s[in++];
            continue;
        }
        in += used;
        /* every encoding is shorter than the 7 (or 14) bytes it replaces */
        out += put_utf8(s + out, (unsigned long)cp);
    }
    s[out] = '\0';
    return out;
}

/* The format code with quoted text, escaped characters and [..] sections removed. */
static void format_bare(const char *code, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = code; *p && n + 1 < size; p++) {
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                p++;
            if (!*p)
                break;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1])
                break;
            p++;
        } else if (*p == '[') {
            while (*p && *p != ']')
                p++;
            if (!*p)
                break;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* A custom format's first section (positive numbers, which is what a cell shows), bare. */
static void first_section(const char *code, char *bare, size_t size)
{
    format_bare(code, bare, size);
    char *semi = strchr(bare, ';');
    if (semi)
        *semi = '\0';
}

bool wp_xlsxr_format_is_date(unsigned id, const char *code)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return true;
    if (!code || id < 164)
        return false;
    char bare[256];
    first_section(code, bare, sizeof bare);
    bool d = false, y = false, m = false, hs = false;
    for (const char *p = bare; *p; p++) {
        char c = (char)(*p | 0x20);
        if (strncasecmp(p, "general", 7) == 0) { /* LibreOffice writes General as a code */
            p += 6;
            continue;
        }
        d |= c == 'd';
        /* 'e' is the era year, but E+ and E- are a scientific number's exponent */
        y |= c == 'y' || (c == 'e' && p[1] != '+' && p[1] != '-');
        m |= c == 'm';
        hs |= c == 'h' || c == 's';
    }
    return d || y || (m && !hs);
}

bool wp_xlsxr_format_is_percent(unsigned id, const char *code)
{
    if (id == 9 || id == 10)
        return true;
    if (!code || id < 164)
        return false;
    char bare[256];
    first_section(code, bare, sizeof bare);
    return strchr(bare, '%') != NULL;
}

int wp_xlsxr_serial_to_date(double serial, bool date1904, struct wp_date *out)
{
    if (!isfinite(serial) || serial < 0 || serial > 2958465.0)
        return -1;
    int64_t days = (int64_t)floor(serial);
    /* days since 1970-01-01 */
    int64_t unix_days;
    if (date1904) {
        unix_days = days - 24107; /* 1904-01-01 is serial 0 */
    } else {
        if (days < 1)
            return -1;
        if (days == 60)
            return -1; /* 1900-02-29, which never was */
        unix_days = days < 60 ? days - 25568 : days - 25569;
    }
    *out = wp_date_from_serial(unix_days);
    return out->year >= 1900 && out->year <= 9999 ? 0 : -1;
}

/* ---- the XML driver ----------------------------------------------------- */

struct xml_run {
    struct wp_xlsxr *x;
    XML_Parser parser;
    const char *part;
    bool stop; /* a handler refused something and said why */
    struct wp_buf text;
    bool collect; /* inside an element whose text is wanted */
    void *state;
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    unsigned depth;
};

static const char *local_name(const char *name)
{
    const char *p = strrchr(name, '|');
    return p ? p + 1 : name;
}

/*
 * The attribute whose local name is `name`, without a namespace, or (ns
 * true) in a relationships namespace: transitional and strict OOXML differ.
 */
static const char *attr(const XML_Char **atts, const char *name, bool ns)
{
    for (size_t i = 0; atts[i]; i += 2) {
        const char *bar = strrchr(atts[i], '|');
        if (ns) {
            if (bar && strcmp(bar + 1, name) == 0 && bar - atts[i] >= 14 &&
                strncmp(bar - 14, "/relationships", 14) == 0)
                return atts[i + 1];
        } else if (!bar && strcmp(atts[i], name) == 0) {
            return atts[i + 1];
        }
    }
    return NULL;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
run_stop(struct xml_run *r, enum wp_diag_code code, const char *fmt, ...);

static void run_stop(struct xml_run *r, enum wp_diag_code code, const char *fmt, ...)
{
    if (r->stop)
        return;
    r->stop = true;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail(r->x, code, "%s in part '%s'", msg, r->part);
    XML_StopParser(r->parser, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    /* no part of a workbook has a DTD; refusing it rules out entity expansion */
    run_stop(ud, WP_DIAG_WORKBOOK, "refused a DOCTYPE declaration");
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *sysid, const XML_Char *pubid,
                                   const XML_Char *notation)
{
    (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid, (void)pubid,
        (void)notation;
    run_stop(ud, WP_DIAG_WORKBOOK, "refused entity declaration '%s'", name);
}

static int XMLCALL on_external_entity(XML_Parser p, const XML_Char *context, const XML_Char *base,
                                      const XML_Char *sysid, const XML_Char *pubid)
{
    (void)p, (void)context, (void)base, (void)sysid, (void)pubid;
    return XML_STATUS_ERROR;
}

/* Expat keeps every open element: a deep enough nest would eat memory. */
static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    if (r->stop)
        return;
    if (++r->depth > MAX_DEPTH) {
        run_stop(r, WP_DIAG_LIMIT, "elements nested deeper than %d", MAX_DEPTH);
        return;
    }
    r->start(ud, name, atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct xml_run *r = ud;
    if (r->stop)
        return;
    r->depth--;
    r->end(ud, name);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct xml_run *r = ud;
    if (r->collect && !r->stop)
        wp_buf_add(&r->text, s, (size_t)len);
}

static enum wp_error xml_parse(struct wp_xlsxr *x, const char *part, const char *xml, size_t len,
                               XML_StartElementHandler start, XML_EndElementHandler end,
                               void *state)
{
    if (len > (size_t)0x7FFFFFFF) {
        fail(x, WP_DIAG_LIMIT, "part '%s' is too large", part);
        return WP_ERR_LIMIT;
    }
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (!p)
        return WP_ERR_NOMEM;
    struct xml_run r = {.x = x,
                        .parser = p,
                        .part = part,
                        .text = WP_BUF_INIT,
                        .state = state,
                        .start = start,
                        .end = end};
    XML_SetUserData(p, &r);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetExternalEntityRefHandler(p, on_external_entity);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 10.0f);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1u << 20);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    enum XML_Status st = XML_Parse(p, xml, (int)len, XML_TRUE);
    enum wp_error err = WP_OK;
    if (r.stop) {
        err = WP_ERR_INVALID;
    } else if (st != XML_STATUS_OK) {
        fail(x, WP_DIAG_WORKBOOK, "malformed XML in part '%s' at line %lu: %s", part,
             (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
        err = WP_ERR_INVALID;
    }
    wp_buf_release(&r.text);
    XML_ParserFree(p);
    return err;
}

/* Takes the collected text (escapes decoded) into the arena and clears it. */
static const char *take_text(struct xml_run *r)
{
    size_t n = r->text.len;
    char *s = wp_arena_strndup(&r->x->arena, r->text.data, n);
    wp_xlsxr_unescape(s, n);
    wp_buf_reset(&r->text);
    return s;
}

/* ---- [Content_Types].xml -------------------------------------------------- */

struct ct_state {
    char *main_part;  /* arena */
    bool main_macros; /* the main part is declared macro-enabled */
    char *vba_part;   /* arena: a part declared to hold a VBA project, when named */
};

/*
 * Only an Override names a part. A Default declares a content type for an
 * extension whether or not such a part exists (SheetJS always declares
 * "bin" as a VBA project), so it proves nothing about macros.
 */
static void XMLCALL ct_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    struct ct_state *st = r->state;
    const char *type = attr(atts, "ContentType", false);
    const char *pn = attr(atts, "PartName", false);
    if (!type || !pn || strcmp(local_name(name), "Override") != 0)
        return;
    if (pn[0] == '/')
        pn++;
    bool is_main = strcmp(type, ct_main) == 0 || strcmp(type, ct_template) == 0;
    bool is_macro_main = strstr(type, "macroEnabled.main+xml") != NULL;
    if ((is_main || is_macro_main) && !st->main_part) {
        st->main_part = wp_arena_strdup(&r->x->arena, pn);
        st->main_macros = is_macro_main;
    }
    if (strstr(type, "vbaProject") && !st->vba_part)
        st->vba_part = wp_arena_strdup(&r->x->arena, pn);
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

/* ---- workbook.xml ----------------------------------------------------------- */

struct wb_state {
    const char **rids; /* parallel to x->sheets */
    size_t cap, cap_sheets;
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    struct wb_state *st = r->state;
    struct wp_xlsxr *x = r->x;
    const char *ln = local_name(name);
    if (strcmp(ln, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904", false);
        x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheet") == 0) {
        if (x->n_sheets >= MAX_SHEETS) {
            run_stop(r, WP_DIAG_LIMIT, "more than %s sheets", "1000");
            return;
        }
        const char *nm = attr(atts, "name", false);
        const char *state = attr(atts, "state", false);
        const char *rid = attr(atts, "id", true);
        WP_GROW(x->sheets, st->cap_sheets, x->n_sheets + 1);
        WP_GROW(st->rids, st->cap, x->n_sheets + 1);
        struct wp_xlsxr_sheet *s = &x->sheets[x->n_sheets];
        memset(s, 0, sizeof *s);
        s->name = wp_arena_strdup(&x->arena, nm ? nm : "");
        s->hidden = state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
        st->rids[x->n_sheets] = rid ? wp_arena_strdup(&x->arena, rid) : NULL;
        x->n_sheets++;
    }
}

enum wp_error wp_xlsxr_parse_workbook(struct wp_xlsxr *x, const char *part, const char *xml,
                                      size_t len)
{
    struct wb_state st = {0};
    enum wp_error err = xml_parse(x, part, xml, len, wb_start, no_end, &st);
    /* stash the r:ids in the part field until the relations resolve them */
    for (size_t i = 0; i < x->n_sheets; i++)
        x->sheets[i].part = st.rids ? st.rids[i] : NULL;
    free(st.rids);
    return err;
}

/* ---- workbook.xml.rels -------------------------------------------------------- */

struct rel {
    const char *id, *type, *target;
};

struct rels_state {
    struct rel *items;
    size_t n, cap;
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    struct rels_state *st = r->state;
    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id", false), *type = attr(atts, "Type", false),
               *target = attr(atts, "Target", false);
    const char *mode = attr(atts, "TargetMode", false);
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    if (st->n >= 100000) {
        run_stop(r, WP_DIAG_LIMIT, "too many relationships");
        return;
    }
    WP_GROW(st->items, st->cap, st->n + 1);
    st->items[st->n++] =
        (struct rel){wp_arena_strdup(&r->x->arena, id), wp_arena_strdup(&r->x->arena, type),
                     wp_arena_strdup(&r->x->arena, target)};
}

/* Joins a relationship target to the folder of the source part, resolving ./ and ../. */
static const char *resolve_target(struct wp_xlsxr *x, const char *src_part, const char *target)
{
    struct wp_buf b = WP_BUF_INIT;
    if (target[0] == '/') {
        wp_buf_adds(&b, target + 1);
    } else {
        const char *slash = strrchr(src_part, '/');
        if (slash)
            wp_buf_add(&b, src_part, (size_t)(slash - src_part) + 1);
        wp_buf_adds(&b, target);
    }
    /* normalise segment by segment */
    char *path = b.data;
    struct wp_buf out = WP_BUF_INIT;
    char *save = NULL;
    for (char *seg = strtok_r(path, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            char *last = strrchr(out.data, '/');
            out.len = last ? (size_t)(last - out.data) : 0;
            if (out.data)
                out.data[out.len] = '\0';
            continue;
        }
        if (out.len)
            wp_buf_addc(&out, '/');
        wp_buf_adds(&out, seg);
    }
    const char *res = wp_arena_strndup(&x->arena, out.data, out.len);
    wp_buf_release(&b);
    wp_buf_release(&out);
    return res;
}

static bool type_is(const char *type, const char *suffix)
{
    size_t n = strlen(type), m = strlen(suffix);
    return n >= m && strcmp(type + n - m, suffix) == 0;
}

/* ---- sharedStrings.xml -------------------------------------------------------- */

struct sst_state {
    int depth_si;  /* inside <si> */
    int depth_rph; /* inside phonetic runs, whose text is not the cell's */
    size_t cap;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct xml_run *r = ud;
    struct sst_state *st = r->state;
    const char *ln = local_name(name);
    if (strcmp(ln, "si") == 0) {
        st->depth_si++;
        wp_buf_reset(&r->text);
    } else if (strcmp(ln, "rPh") == 0) {
        st->depth_rph++;
    } else if (strcmp(ln, "t") == 0 && st->depth_si && !st->depth_rph) {
        r->collect = true;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct xml_run *r = ud;
    struct sst_state *st = r->state;
    struct wp_xlsxr *x = r->x;
    const char *ln = local_name(name);
    if (strcmp(ln, "t") == 0) {
        r->collect = false;
    } else if (strcmp(ln, "rPh") == 0) {
        st->depth_rph--;
    } else if (strcmp(ln, "si") == 0 && st->depth_si) {
        st->depth_si--;
        if (x->n_sst >= MAX_STRINGS) {
            run_stop(r, WP_DIAG_LIMIT, "more than %s shared strings", "2,000,000");
            return;
        }
        WP_GROW(x->sst, st->cap, x->n_sst + 1);
        x->sst[x->n_sst++] = take_text(r);
    }
}

enum wp_error wp_xlsxr_parse_sst(struct wp_xlsxr *x, const char *part, const char *xml, size_t len)
{
    struct sst_state st = {0};
    return xml_parse(x, part, xml, len, sst_start, sst_end, &st);
}

/* ---- styles.xml ----------------------------------------------------------------- */

struct numfmt {
    unsigned id;
    const char *code;
};

struct styles_state {
    bool in_cellxfs;
    struct numfmt *fmts;
    size_t n_fmts, cap_fmts;
    unsigned *xf_fmt;
    size_t n_xf, cap_xf;
};

static unsigned parse_uint(const char *s, unsigned dflt)
{
    if (!s || !*s)
        return dflt;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno || v > 0xFFFFFFu)
        return dflt;
    return (unsigned)v;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    struct styles_state *st = r->state;
    const char *ln = local_name(name);
    if (strcmp(ln, "numFmt") == 0) {
        if (st->n_fmts >= MAX_NUMFMTS) {
            run_stop(r, WP_DIAG_LIMIT, "more than %s number formats", "4096");
            return;
        }
        const char *code = attr(atts, "formatCode", false);
        WP_GROW(st->fmts, st->cap_fmts, st->n_fmts + 1);
        st->fmts[st->n_fmts++] = (struct numfmt){parse_uint(attr(atts, "numFmtId", false), 0),
                                                 wp_arena_strdup(&r->x->arena, code ? code : "")};
    } else if (strcmp(ln, "cellXfs") == 0) {
        st->in_cellxfs = true;
    } else if (strcmp(ln, "xf") == 0 && st->in_cellxfs) {
        if (st->n_xf >= MAX_XFS) {
            run_stop(r, WP_DIAG_LIMIT, "more than %s cell formats", "65536");
            return;
        }
        WP_GROW(st->xf_fmt, st->cap_xf, st->n_xf + 1);
        st->xf_fmt[st->n_xf++] = parse_uint(attr(atts, "numFmtId", false), 0);
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct xml_run *r = ud;
    struct styles_state *st = r->state;
    if (strcmp(local_name(name), "cellXfs") == 0)
        st->in_cellxfs = false;
}

enum wp_error wp_xlsxr_parse_styles(struct wp_xlsxr *x, const char *part, const char *xml,
                                    size_t len)
{
    struct styles_state st = {0};
    enum wp_error err = xml_parse(x, part, xml, len, styles_start, styles_end, &st);
    if (!err && st.n_xf) {
        x->xfs = WP_ARENA_NEW(&x->arena, struct wp_xlsxr_xf, st.n_xf);
        x->n_xfs = st.n_xf;
        for (size_t i = 0; i < st.n_xf; i++) {
            const char *code = NULL;
            for (size_t j = 0; j < st.n_fmts; j++)
                if (st.fmts[j].id == st.xf_fmt[i])
                    code = st.fmts[j].code;
            x->xfs[i].is_date = wp_xlsxr_format_is_date(st.xf_fmt[i], code);
            x->xfs[i].is_percent = wp_xlsxr_format_is_percent(st.xf_fmt[i], code);
        }
    }
    free(st.fmts);
    free(st.xf_fmt);
    return err;
}

/* ---- worksheets ----------------------------------------------------------------- */

enum cell_t { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE };

struct sheet_state {
    struct wp_xlsxr_sheet *sheet;
    bool in_data;
    unsigned row; /* current row */
    unsigned col; /* last cell's column in the row */
    bool in_cell;
    unsigned c_row, c_col;
    enum cell_t c_type;
    unsigned c_style;
    bool has_v;        /* a <v> or inline text was seen */
    bool has_f;        /* a formula was seen */
    const char *value; /* arena */
    int in_is;         /* inside <is> */
    int in_rph;
    bool sorted; /* cells arrived in order so far */
};

static enum cell_t cell_type(const char *t)
{
    static const struct {
        const char *name;
        enum cell_t type;
    } types[] = {{"n", CT_NUMBER}, {"s", CT_SHARED}, {"inlineStr", CT_INLINE},
                 {"str", CT_STR},  {"b", CT_BOOL},   {"e", CT_ERROR},
                 {"d", CT_DATE}};
    if (!t)
        return CT_NUMBER;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t, types[i].name) == 0)
            return types[i].type;
    return CT_STR;
}

static void row_start(struct xml_run *r, struct sheet_state *st, const XML_Char **atts)
{
    const char *rv = attr(atts, "r", false);
    unsigned n = rv ? parse_uint(rv, 0) : st->row + 1;
    if (n == 0 || n > MAX_ROW) {
        run_stop(r, WP_DIAG_WORKBOOK, "bad row number '%s'", rv ? rv : "");
        return;
    }
    st->row = n;
    st->col = 0;
}

static void cell_start(struct xml_run *r, struct sheet_state *st, const XML_Char **atts)
{
    const char *ref = attr(atts, "r", false);
    unsigned row = st->row ? st->row : 1, col = st->col + 1;
    if (ref && wp_xlsxr_ref_parse(ref, &row, &col) != 0) {
        run_stop(r, WP_DIAG_WORKBOOK, "bad cell reference '%s'", ref);
        return;
    }
    if (col > MAX_COL) {
        run_stop(r, WP_DIAG_WORKBOOK, "too many columns");
        return;
    }
    st->col = col;
    st->in_cell = true;
    st->c_row = row;
    st->c_col = col;
    st->c_style = parse_uint(attr(atts, "s", false), 0);
    st->has_v = false;
    st->has_f = false;
    st->value = NULL;
    st->c_type = cell_type(attr(atts, "t", false));
}

/* An element inside <c>: the value, inline text, a formula, phonetic runs. */
static void cell_child_start(struct xml_run *r, struct sheet_state *st, const char *ln)
{
    if (strcmp(ln, "v") == 0 && !st->in_is) {
        r->collect = true;
        wp_buf_reset(&r->text);
    } else if (strcmp(ln, "is") == 0) {
        st->in_is++;
        wp_buf_reset(&r->text);
    } else if (strcmp(ln, "f") == 0) {
        st->has_f = true;
    } else if (strcmp(ln, "rPh") == 0) {
        st->in_rph++;
    } else if (strcmp(ln, "t") == 0 && st->in_is && !st->in_rph) {
        r->collect = true;
    }
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_run *r = ud;
    struct sheet_state *st = r->state;
    const char *ln = local_name(name);
    if (strcmp(ln, "sheetData") == 0)
        st->in_data = true;
    else if (!st->in_data)
        return;
    else if (strcmp(ln, "row") == 0)
        row_start(r, st, atts);
    else if (strcmp(ln, "c") == 0)
        cell_start(r, st, atts);
    else if (st->in_cell)
        cell_child_start(r, st, ln);
}

static int cell_cmp(const void *a, const void *b)
{
    const struct wp_xlsxr_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

static bool parse_number(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* "2024-05-01" or "2024-05-01T10:00:00" (t="d" cells) as a 1900 serial. */
static bool iso_to_serial(const char *s, double *out)
{
    char day[11];
    if (strlen(s) < 10)
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    struct wp_date d;
    if (wp_date_parse(day, &d) != 0)
        return false;
    *out = (double)(wp_date_serial(d) + 25569);
    return true;
}

static void add_cell(struct xml_run *r, struct sheet_state *st, const struct wp_xlsxr_cell *c)
{
    struct wp_xlsxr_sheet *sh = st->sheet;
    if (sh->n_cells >= r->x->lim.max_cells) {
        run_stop(r, WP_DIAG_LIMIT, "more than %zu cells in one sheet", r->x->lim.max_cells);
        return;
    }
    WP_GROW(sh->cells, sh->cap_cells, sh->n_cells + 1);
    if (sh->n_cells && cell_cmp(&sh->cells[sh->n_cells - 1], c) >= 0)
        st->sorted = false;
    sh->cells[sh->n_cells++] = *c;
}

/* The cell's value from its type and its text v; false (and a diagnostic) when unreadable. */
static bool cell_value(struct xml_run *r, const struct sheet_state *st, const char *v,
                       struct wp_xlsxr_cell *c)
{
    struct wp_xlsxr *x = r->x;
    const struct wp_xlsxr_xf *xf = st->c_style < x->n_xfs ? &x->xfs[st->c_style] : NULL;
    double idx;
    switch (st->c_type) {
    case CT_NUMBER:
        if (!parse_number(v, &c->num)) {
            run_stop(r, WP_DIAG_WORKBOOK, "bad number '%s'", v);
            return false;
        }
        c->type = WP_XCELL_NUMBER;
        c->is_date = xf && xf->is_date;
        c->is_percent = xf && xf->is_percent;
        return true;
    case CT_SHARED:
        if (!parse_number(v, &idx) || idx < 0 || idx >= (double)x->n_sst || idx != floor(idx)) {
            run_stop(r, WP_DIAG_WORKBOOK, "shared string index '%s' out of range", v);
            return false;
        }
        c->type = WP_XCELL_TEXT;
        c->text = x->sst[(size_t)idx];
        return true;
    case CT_BOOL:
        c->type = WP_XCELL_BOOL;
        c->num = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
        return true;
    case CT_ERROR:
        c->type = WP_XCELL_ERROR;
        c->text = v;
        return true;
    case CT_DATE:
        c->is_date = iso_to_serial(v, &c->num);
        c->type = c->is_date ? WP_XCELL_NUMBER : WP_XCELL_TEXT;
        c->text = c->is_date ? NULL : v;
        return true;
    case CT_INLINE:
    case CT_STR:
        break;
    }
    c->type = WP_XCELL_TEXT;
    c->text = v;
    return true;
}

static void finish_cell(struct xml_run *r, struct sheet_state *st)
{
    struct wp_xlsxr_cell c = {.row = st->c_row, .col = st->c_col, .has_formula = st->has_f};
    const char *v = st->value ? st->value : "";
    if (!st->has_v || (st->c_type == CT_NUMBER && !*v)) {
        if (!st->has_f)
            return; /* styled but empty */
        /* a formula whose result was never saved: say so rather than read it as empty */
        c.type = WP_XCELL_FORMULA;
        add_cell(r, st, &c);
        return;
    }
    if (!cell_value(r, st, v, &c))
        return;
    if (c.type == WP_XCELL_TEXT && !*c.text)
        return; /* an empty string is an empty cell */
    add_cell(r, st, &c);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct xml_run *r = ud;
    struct sheet_state *st = r->state;
    const char *ln = local_name(name);
    if (strcmp(ln, "sheetData") == 0) {
        st->in_data = false;
    } else if (!st->in_cell) {
        return;
    } else if (strcmp(ln, "c") == 0) {
        st->in_cell = false;
        r->collect = false;
        finish_cell(r, st);
    } else if (strcmp(ln, "v") == 0 && !st->in_is) {
        r->collect = false;
        st->has_v = true;
        st->value = take_text(r);
    } else if (strcmp(ln, "t") == 0 && st->in_is) {
        r->collect = false;
    } else if (strcmp(ln, "rPh") == 0) {
        st->in_rph--;
    } else if (strcmp(ln, "is") == 0) {
        st->in_is--;
        if (st->c_type == CT_INLINE) {
            st->has_v = true;
            st->value = take_text(r);
        }
    }
}

enum wp_error wp_xlsxr_parse_sheet(struct wp_xlsxr *x, struct wp_xlsxr_sheet *sheet,
                                   const char *xml, size_t len)
{
    struct sheet_state st = {.sheet = sheet, .sorted = true};
    enum wp_error err = xml_parse(x, sheet->part ? sheet->part : sheet->name, xml, len, sheet_start,
                                  sheet_end, &st);
    if (err)
        return err;
    if (!st.sorted && sheet->n_cells > 1)
        qsort(sheet->cells, sheet->n_cells, sizeof *sheet->cells, cell_cmp);
    /* a cell given twice: the later one wins, as in a spreadsheet program */
    size_t w = 0;
    for (size_t i = 0; i < sheet->n_cells; i++) {
        if (w && cell_cmp(&sheet->cells[w - 1], &sheet->cells[i]) == 0)
            w--;
        sheet->cells[w++] = sheet->cells[i];
    }
    sheet->n_cells = w;
    sheet->loaded = true;
    return WP_OK;
}

const struct wp_xlsxr_cell *wp_xlsxr_cell_at(const struct wp_xlsxr_sheet *sheet, unsigned row,
                                             unsigned col)
{
    size_t lo = 0, hi = sheet->n_cells;
    struct wp_xlsxr_cell key = {.row = row, .col = col};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cell_cmp(&sheet->cells[mid], &key);
        if (c == 0)
            return &sheet->cells[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- the zip ---------------------------------------------------------------------- */

struct wp_xlsxr *wp_xlsxr_new(const char *path, const struct wp_xlsxr_limits *lim,
                              struct wp_diags *diags)
{
    struct wp_xlsxr *x = wp_xcalloc(1, sizeof *x);
    wp_arena_init(&x->arena);
    x->path = path;
    x->diags = diags;
    if (lim)
        x->lim = *lim;
    else
        wp_xlsxr_limits_default(&x->lim);
    return x;
}

void wp_xlsxr_close(struct wp_xlsxr *x)
{
    if (!x)
        return;
    if (x->zip)
        unzClose(x->zip);
    for (size_t i = 0; i < x->n_sheets; i++)
        free(x->sheets[i].cells);
    free(x->sheets);
    free(x->sst);
    wp_arena_release(&x->arena);
    free(x);
}

struct wp_xlsxr_sheet *wp_xlsxr_sheet_find(struct wp_xlsxr *x, const char *name)
{
    for (size_t i = 0; i < x->n_sheets; i++)
        if (strcmp(x->sheets[i].name, name) == 0)
            return &x->sheets[i];
    return NULL;
}

/* A size as people read it: "4.0 GiB", "64 MiB", "512 bytes" (IEC units, as the docs use). */
static void human_size(unsigned long long n, char buf[static 32])
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (n < 1024) {
        snprintf(buf, 32, "%llu byte%s", n, n == 1 ? "" : "s");
        return;
    }
    double v = (double)n / 1024;
    size_t u = 0;
    while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1024;
        u++;
    }
    if (v == floor(v))
        snprintf(buf, 32, "%.0f %s", v, units[u]);
    else
        snprintf(buf, 32, "%.1f %s", v, units[u]);
}

/*
 * Reads one entry whole, never past its declared size nor the limits: a
 * zip bomb's entry is refused before it is inflated, and one that lies
 * about its size is caught at the first byte too many.
 * *data is malloc'ed (NUL-terminated). WP_OK with *data NULL when absent.
 */
/* The current entry's declared size, refused when over a limit or encrypted. */
static enum wp_error declared_size(struct wp_xlsxr *x, const char *name, size_t *declared)
{
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
        fail(x, WP_DIAG_WORKBOOK, "cannot read zip entry '%s'", name);
        return WP_ERR_INVALID;
    }
    if (info.flag & 1) {
        fail(x, WP_DIAG_WORKBOOK, "refused encrypted workbook");
        return WP_ERR_INVALID;
    }
    *declared = (size_t)info.uncompressed_size;
    if (info.uncompressed_size > x->lim.max_part || *declared > x->lim.max_total - x->total) {
        char got[32], lim[32];
        human_size(info.uncompressed_size, got);
        human_size(info.uncompressed_size > x->lim.max_part ? x->lim.max_part : x->lim.max_total,
                   lim);
        fail(x, WP_DIAG_LIMIT, "refused part '%s': it unpacks to %s, over the limit of %s", name,
             got, lim);
        return WP_ERR_LIMIT;
    }
    return WP_OK;
}

/* Inflates the open entry into buf (declared bytes), never a byte past the declared size. */
static enum wp_error inflate_entry(struct wp_xlsxr *x, const char *name, char *buf, size_t declared,
                                   size_t *got)
{
    *got = 0;
    for (;;) {
        char extra[1];
        /* room left, or one byte to detect an entry longer than declared */
        char *dst = *got < declared ? buf + *got : extra;
        size_t left = declared - (*got < declared ? *got : declared);
        unsigned want = left ? (unsigned)(left > (1u << 20) ? (1u << 20) : left) : 1u;
        int n = unzReadCurrentFile(x->zip, dst, want);
        if (n < 0) {
            fail(x, WP_DIAG_WORKBOOK, "corrupt zip entry '%s'", name);
            return WP_ERR_INVALID;
        }
        if (n == 0)
            return WP_OK;
        if (dst == extra) {
            char dec[32];
            human_size(declared, dec);
            fail(x, WP_DIAG_LIMIT, "refused part '%s': it unpacks to more than its declared %s",
                 name, dec);
            return WP_ERR_LIMIT;
        }
        *got += (size_t)n;
    }
}

static enum wp_error read_part(struct wp_xlsxr *x, const char *name, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (unzLocateFile(x->zip, name, 2) != UNZ_OK)
        return WP_OK;
    size_t declared;
    enum wp_error err = declared_size(x, name, &declared);
    if (err)
        return err;
    if (unzOpenCurrentFile(x->zip) != UNZ_OK) {
        fail(x, WP_DIAG_WORKBOOK, "cannot open zip entry '%s'", name);
        return WP_ERR_INVALID;
    }
    char *buf = wp_xmalloc(declared + 1);
    size_t got = 0;
    err = inflate_entry(x, name, buf, declared, &got);
    int close = unzCloseCurrentFile(x->zip);
    if (!err && close == UNZ_CRCERROR) {
        fail(x, WP_DIAG_WORKBOOK, "corrupt zip entry '%s' (bad checksum)", name);
        err = WP_ERR_INVALID;
    }
    if (err) {
        free(buf);
        return err;
    }
    buf[got] = '\0';
    x->total += got;
    *data = buf;
    *len = got;
    return WP_OK;
}

/* Reads a part and hands it to its parser; a missing part is not an error here. */
static enum wp_error read_and_parse(struct wp_xlsxr *x, const char *part,
                                    enum wp_error (*parse)(struct wp_xlsxr *, const char *,
                                                           const char *, size_t))
{
    char *xml;
    size_t len;
    enum wp_error err = read_part(x, part, &xml, &len);
    if (err)
        return err;
    if (xml)
        err = parse(x, part, xml, len);
    free(xml);
    return err;
}

/*
 * Part names are compared without regard to ASCII case (OPC), as the
 * reader looks them up: two entries of one name would let this reader and
 * a spreadsheet program see different parts, so such a zip is refused.
 */
static bool seen_before(struct wp_xlsxr *x, struct wp_strmap *seen, const char *name)
{
    /* "/xl/a.xml" and "xl\\a.xml" name xl/a.xml for some readers: one name too */
    while (*name == '/' || *name == '\\')
        name++;
    char *key = wp_arena_strdup(&x->arena, name);
    for (char *p = key; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
        else if (*p == '\\')
            *p = '/';
    return wp_strmap_put(seen, key, key) != NULL;
}

static enum wp_error check_entry(struct wp_xlsxr *x, struct wp_strmap *seen, const char *name,
                                 const unz_file_info64 *info)
{
    if (info->flag & 1) {
        fail(x, WP_DIAG_WORKBOOK, "refused encrypted workbook");
        return WP_ERR_INVALID;
    }
    if (seen_before(x, seen, name)) {
        fail(x, WP_DIAG_WORKBOOK, "refused workbook: zip entry '%s' is given twice", name);
        return WP_ERR_INVALID;
    }
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (strcasecmp(base, "vbaProject.bin") == 0) {
        fail(x, WP_DIAG_WORKBOOK, "refused workbook with macros (it has '%s'); save it as .xlsx",
             name);
        return WP_ERR_INVALID;
    }
    return WP_OK;
}

/* Walks the directory: encrypted and duplicate entries, macros, counts and declared sizes. */
static enum wp_error scan_entries(struct wp_xlsxr *x)
{
    size_t n = 0;
    unsigned long long total = 0;
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    enum wp_error err = WP_OK;
    for (int rc = unzGoToFirstFile(x->zip); rc == UNZ_OK && !err; rc = unzGoToNextFile(x->zip)) {
        char name[1024];
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(x->zip, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) {
            fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (corrupt zip directory)");
            err = WP_ERR_INVALID;
        } else if (++n > x->lim.max_entries) {
            fail(x, WP_DIAG_LIMIT, "refused workbook: more than %zu zip entries",
                 x->lim.max_entries);
            err = WP_ERR_LIMIT;
        } else {
            err = check_entry(x, &seen, name, &info);
            total += info.uncompressed_size;
        }
    }
    wp_strmap_release(&seen);
    if (err)
        return err;
    if (n == 0) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (empty zip)");
        return WP_ERR_INVALID;
    }
    if (total > x->lim.max_total) {
        char got[32], lim[32];
        human_size(total, got);
        human_size(x->lim.max_total, lim);
        fail(x, WP_DIAG_LIMIT, "refused workbook: it unpacks to %s, over the limit of %s", got,
             lim);
        return WP_ERR_LIMIT;
    }
    return WP_OK;
}

static enum wp_error check_magic(struct wp_xlsxr *x)
{
    struct stat st;
    if (stat(x->path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fail(x, WP_DIAG_IO, "cannot read file: %s", strerror(EISDIR));
        return WP_ERR_IO;
    }
    FILE *f = fopen(x->path, "rb");
    if (!f) {
        fail(x, WP_DIAG_IO, "cannot open file: %s", strerror(errno));
        return WP_ERR_IO;
    }
    unsigned char m[8] = {0};
    size_t n = fread(m, 1, sizeof m, f);
    int read_error = ferror(f) ? errno : 0;
    fclose(f);
    if (read_error) {
        fail(x, WP_DIAG_IO, "cannot read file: %s", strerror(read_error));
        return WP_ERR_IO;
    }
    static const unsigned char cfb[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (n == 8 && memcmp(m, cfb, 8) == 0) {
        /* Office wraps password-protected xlsx in an OLE container, like old .xls */
        fail(x, WP_DIAG_WORKBOOK,
             "refused encrypted or legacy (.xls) workbook; remove the password and save it as "
             ".xlsx");
        return WP_ERR_INVALID;
    }
    if (n < 4 || m[0] != 'P' || m[1] != 'K' || (m[2] != 3 && m[2] != 5) ||
        (m[3] != 4 && m[3] != 6)) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (not a zip file)");
        return WP_ERR_INVALID;
    }
    return WP_OK;
}

static enum wp_error open_zip(struct wp_xlsxr *x)
{
    enum wp_error err = check_magic(x);
    if (err)
        return err;
    x->zip = unzOpen64(x->path);
    if (!x->zip) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (unreadable zip)");
        return WP_ERR_INVALID;
    }
    return scan_entries(x);
}

static bool has_entry(struct wp_xlsxr *x, const char *name)
{
    return unzLocateFile(x->zip, name, 2) == UNZ_OK;
}

/*
 * The main part's name from [Content_Types].xml. Macro-enabled means what
 * Excel means: a macro-enabled main part, or a VBA project part that is
 * really there.
 */
static enum wp_error read_content_types(struct wp_xlsxr *x, const char **main_part)
{
    char *xml;
    size_t len;
    enum wp_error err = read_part(x, "[Content_Types].xml", &xml, &len);
    if (err)
        return err;
    if (!xml) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (no '[Content_Types].xml')");
        return WP_ERR_INVALID;
    }
    struct ct_state ct = {0};
    err = xml_parse(x, "[Content_Types].xml", xml, len, ct_start, no_end, &ct);
    free(xml);
    if (err)
        return err;
    if (ct.main_macros || (ct.vba_part && has_entry(x, ct.vba_part))) {
        fail(x, WP_DIAG_WORKBOOK, "refused macro-enabled workbook (.xlsm); save it as .xlsx");
        return WP_ERR_INVALID;
    }
    if (!ct.main_part) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (no workbook part)");
        return WP_ERR_INVALID;
    }
    *main_part = ct.main_part;
    return WP_OK;
}

static enum wp_error read_workbook_part(struct wp_xlsxr *x, const char *wb)
{
    char *xml;
    size_t len;
    enum wp_error err = read_part(x, wb, &xml, &len);
    if (err)
        return err;
    if (!xml) {
        fail(x, WP_DIAG_WORKBOOK, "not an xlsx workbook (no '%s')", wb);
        return WP_ERR_INVALID;
    }
    err = wp_xlsxr_parse_workbook(x, wb, xml, len);
    free(xml);
    return err;
}

/* The workbook's relationships, from <folder>/_rels/<name>.rels (none when absent). */
static enum wp_error read_relations(struct wp_xlsxr *x, const char *wb, struct rels_state *rels)
{
    struct wp_buf rp = WP_BUF_INIT;
    const char *slash = strrchr(wb, '/');
    if (slash)
        wp_buf_add(&rp, wb, (size_t)(slash - wb) + 1);
    wp_buf_addf(&rp, "_rels/%s.rels", slash ? slash + 1 : wb);
    char *xml;
    size_t len;
    enum wp_error err = read_part(x, rp.data, &xml, &len);
    if (!err && xml)
        err = xml_parse(x, rp.data, xml, len, rels_start, no_end, rels);
    free(xml);
    wp_buf_release(&rp);
    return err;
}

/* Sheets get their parts (their r:id until now); the shared strings and styles are read. */
static enum wp_error resolve_parts(struct wp_xlsxr *x, const char *wb,
                                   const struct rels_state *rels)
{
    const char *sst_part = NULL, *styles_part = NULL;
    for (size_t i = 0; i < rels->n; i++) {
        if (type_is(rels->items[i].type, "/sharedStrings"))
            sst_part = resolve_target(x, wb, rels->items[i].target);
        else if (type_is(rels->items[i].type, "/styles"))
            styles_part = resolve_target(x, wb, rels->items[i].target);
    }
    for (size_t s = 0; s < x->n_sheets; s++) {
        const char *rid = x->sheets[s].part;
        x->sheets[s].part = NULL;
        for (size_t i = 0; rid && i < rels->n; i++)
            if (strcmp(rels->items[i].id, rid) == 0 && type_is(rels->items[i].type, "/worksheet"))
                x->sheets[s].part = resolve_target(x, wb, rels->items[i].target);
    }
    enum wp_error err = WP_OK;
    if (styles_part)
        err = read_and_parse(x, styles_part, wp_xlsxr_parse_styles);
    if (!err && sst_part)
        err = read_and_parse(x, sst_part, wp_xlsxr_parse_sst);
    return err;
}

static enum wp_error open_structure(struct wp_xlsxr *x)
{
    const char *wb = NULL;
    enum wp_error err = open_zip(x);
    if (!err)
        err = read_content_types(x, &wb);
    if (!err)
        err = read_workbook_part(x, wb);
    if (err)
        return err;
    struct rels_state rels = {0};
    err = read_relations(x, wb, &rels);
    if (!err)
        err = resolve_parts(x, wb, &rels);
    free(rels.items);
    return err;
}

enum wp_error wp_xlsxr_open(const char *path, const struct wp_xlsxr_limits *lim,
                            struct wp_diags *diags, struct wp_xlsxr **out)
{
    struct wp_xlsxr *x = wp_xlsxr_new(path, lim, diags);
    enum wp_error err = open_structure(x);
    if (err) {
        wp_xlsxr_close(x);
        *out = NULL;
        return err;
    }
    *out = x;
    return WP_OK;
}

enum wp_error wp_xlsxr_sheet_load(struct wp_xlsxr *x, struct wp_xlsxr_sheet *sheet)
{
    if (sheet->loaded)
        return WP_OK;
    if (!sheet->part || !x->zip) {
        fail(x, WP_DIAG_WORKBOOK, "sheet '%s' has no worksheet part", sheet->name);
        return WP_ERR_INVALID;
    }
    char *xml;
    size_t len;
    enum wp_error err = read_part(x, sheet->part, &xml, &len);
    if (err)
        return err;
    if (!xml) {
        fail(x, WP_DIAG_WORKBOOK, "sheet '%s' is missing its part '%s'", sheet->name, sheet->part);
        return WP_ERR_INVALID;
    }
    err = wp_xlsxr_parse_sheet(x, sheet, xml, len);
    free(xml);
    return err;
}
