#include <string.h>

#include "xlsx/xlsx_text.h"

const char *wp_xlsx_safe_text(const char *s, size_t max_units, struct wp_buf *scratch, bool *cut)
{
    if (cut)
        *cut = false;
    if (!s)
        return "";
    size_t len = strlen(s);
    size_t keep = wp_utf8_valid_prefix(s, len);
    /* Excel counts UTF-16 units: a 4-byte character (beyond U+FFFF) is a surrogate pair, two
     * units, and a cut goes before a character, never inside it */
    size_t units = 0;
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t n = c >= 0xF0 ? 2 : 1;
        if (units + n > max_units) {
            keep = i;
            break;
        }
        units += n;
    }
    if (keep == len)
        return s;
    if (cut)
        *cut = true;
    wp_buf_reset(scratch);
    wp_buf_add(scratch, s, keep);
    wp_buf_addc(scratch, '\0');
    return scratch->data;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "_xHHHH_", or "_XHHHH_", which ECMA-376 leaves literal but SheetJS decodes as well */
static bool at_escape(const char *p)
{
    return p[0] == '_' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2]) && is_hex(p[3]) &&
           is_hex(p[4]) && is_hex(p[5]) && p[6] == '_';
}

const char *wp_xlsx_escape_ooxml(const char *s, struct wp_buf *out)
{
    const char *p = strchr(s, '_');
    while (p && !at_escape(p))
        p = strchr(p + 1, '_');
    if (!p)
        return s;
    wp_buf_reset(out);
    for (p = s; *p; p++) {
        if (at_escape(p))
            wp_buf_adds(out, "_x005F");
        wp_buf_addc(out, *p);
    }
    wp_buf_addc(out, '\0');
    return out->data;
}

/* s between quotes, a quote inside doubled: Excel's one rule for quoted sheet names and strings. */
static void add_quoted(struct wp_buf *b, const char *s, char quote)
{
    wp_buf_addc(b, quote);
    for (const char *p = s; *p; p++) {
        if (*p == quote)
            wp_buf_addc(b, quote);
        wp_buf_addc(b, *p);
    }
    wp_buf_addc(b, quote);
}

void wp_xlsx_add_sheet_ref(struct wp_buf *b, const char *sheet)
{
    add_quoted(b, sheet, '\'');
}

void wp_xlsx_add_formula_string(struct wp_buf *b, const char *s)
{
    add_quoted(b, s, '"');
}

void wp_xlsx_add_criteria_literal(struct wp_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '~' || *p == '*' || *p == '?')
            wp_buf_addc(b, '~');
        wp_buf_addc(b, *p);
    }
}

bool wp_xlsx_sheet_name_ok(const char *name)
{
    if (!name || !*name)
        return false;
    size_t len = strlen(name);
    if (wp_utf8_valid_prefix(name, len) != len)
        return false;
    if (wp_utf8_length(name, len) > WP_XLSX_MAX_SHEET_NAME)
        return false;
    if (strpbrk(name, "[]:*?/\\"))
        return false;
    if (name[0] == '\'' || name[len - 1] == '\'')
        return false;
    static const char reserved[] = "history";
    if (len == sizeof reserved - 1) {
        size_t i = 0;
        while (i < len && (name[i] | 0x20) == reserved[i])
            i++;
        if (i == len)
            return false;
    }
    return true;
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "A1"-like (letters then digits) or "R1C1"-like names would be read as references. */
static bool looks_like_reference(const char *name)
{
    const char *p = name;
    size_t letters = 0;
    while (is_alpha(*p))
        p++, letters++;
    if (letters >= 1 && letters <= 3 && is_digit(*p)) {
        while (is_digit(*p))
            p++;
        if (!*p)
            return true;
    }
    p = name;
    if (*p == 'R' || *p == 'r') {
        p++;
        while (is_digit(*p))
            p++;
        if (!*p)
            return true;
        if (*p == 'C' || *p == 'c') {
            p++;
            while (is_digit(*p))
                p++;
            return !*p;
        }
    }
    if ((name[0] == 'C' || name[0] == 'c')) {
        p = name + 1;
        while (is_digit(*p))
            p++;
        return !*p;
    }
    return false;
}

bool wp_xlsx_defined_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 255)
        return false;
    if (!is_alpha(name[0]) && name[0] != '_')
        return false;
    for (const char *p = name + 1; *p; p++)
        if (!is_alpha(*p) && !is_digit(*p) && *p != '_' && *p != '.')
            return false;
    return !looks_like_reference(name);
}

void wp_xlsx_col_name(unsigned col, char buf[4])
{
    char tmp[4];
    size_t n = 0;
    unsigned c = col + 1;
    while (c > 0 && n < 3) {
        unsigned r = (c - 1) % 26;
        tmp[n++] = (char)('A' + r);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

double wp_xlsx_date_serial(struct wp_date d)
{
    /* 1970-01-01 is serial 25569 in the 1900 system (which counts 1900-02-29) */
    return (double)(wp_date_serial(d) + 25569);
}
