/*
 * The progress file's YAML as the appender writes it: private to
 * src/progress/, so that one module writes progress files.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "progress/progress_yaml.h"
#include "util/util.h"

/*
 * A double-quoted YAML scalar: every character that could end or bend it
 * escaped. Control characters are dropped: the loader refuses them even as
 * escapes (plan-format.md, YAML details), and they carry nothing a reader sees.
 */
static void add_quoted(struct wp_buf *b, const char *s)
{
    wp_buf_addc(b, '"');
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            i++;
            switch (ch) {
            case '"':
                wp_buf_adds(b, "\\\"");
                break;
            case '\\':
                wp_buf_adds(b, "\\\\");
                break;
            case '\n':
                wp_buf_adds(b, "\\n");
                break;
            case '\t':
                wp_buf_adds(b, "\\t");
                break;
            case '\r':
                wp_buf_adds(b, "\\r");
                break;
            default:
                if (ch >= 0x20 && ch != 0x7F)
                    wp_buf_addc(b, (char)ch);
            }
            continue;
        }
        size_t valid = wp_utf8_valid_prefix(s + i, len - i);
        if (valid == 0) {
            wp_buf_adds(b, "\\uFFFD"); /* cannot happen after expat; never write bad UTF-8 */
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = wp_utf8_decode(s + i, len - i, &cp);
        /* C1 controls but NEL, and the non-characters, are dropped like C0 controls;
         * NEL, line/paragraph separators and the BOM are escaped to stay visible */
        if (((cp >= 0x80 && cp <= 0x9F) && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)
            ; /* dropped */
        else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            wp_buf_addf(b, "\\u%04" PRIX32, cp);
        else
            wp_buf_add(b, s + i, n);
        i += n;
    }
    wp_buf_addc(b, '"');
}

static bool is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* y, yes, on, true, null... in any case: words YAML 1.1 readers take as booleans or null. */
static bool is_yaml_word(const char *s)
{
    static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
                                        "off", "true", "false", "null"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t k = 0;
        while (words[i][k] && s[k] && (s[k] | 0x20) == words[i][k])
            k++;
        if (!words[i][k] && !s[k])
            return true;
    }
    return false;
}

/* Ids and codes are plain when they can only be read back as the same string. */
static void add_scalar(struct wp_buf *b, const char *s)
{
    bool plain = is_letter(*s);
    for (const char *p = s; plain && *p; p++)
        plain = is_letter(*p) || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
    if (plain && !is_yaml_word(s))
        wp_buf_adds(b, s);
    else
        add_quoted(b, s);
}

/* `indicators: {ID: number, ...}`, numbers as the loader reads them back exactly. */
static void add_indicators(struct wp_buf *b, const char *pad, const struct wp_update *u)
{
    if (!u->n_indicators)
        return;
    wp_buf_addf(b, "%s  indicators: {", pad);
    for (size_t k = 0; k < u->n_indicators; k++) {
        char num[32];
        wp_number_str(u->indicators[k].value, num);
        if (k)
            wp_buf_adds(b, ", ");
        add_scalar(b, u->indicators[k].id);
        wp_buf_addf(b, ": %s", num);
    }
    wp_buf_adds(b, "}\n");
}

char *wp_progress_yaml_items(const struct wp_update *updates, size_t n, unsigned indent,
                             size_t *len)
{
    struct wp_buf b = WP_BUF_INIT;
    if (indent > 8)
        indent = 8;
    char pad[10];
    memset(pad, ' ', indent);
    pad[indent] = '\0';
    wp_buf_adds(&b, "");
    for (size_t i = 0; i < n; i++) {
        const struct wp_update *u = &updates[i];
        char iso[11];
        wp_date_iso(u->date, iso);
        wp_buf_addf(&b, "%s- activity: ", pad);
        add_scalar(&b, u->activity);
        wp_buf_addf(&b, "\n%s  date: %s\n", pad, iso);
        if (u->has_status)
            wp_buf_addf(&b, "%s  status: %s\n", pad, wp_status_word(u->status));
        if (u->has_progress)
            wp_buf_addf(&b, "%s  progress: %d\n", pad, u->progress);
        if (u->reported_by) {
            wp_buf_addf(&b, "%s  reported_by: ", pad);
            add_scalar(&b, u->reported_by);
            wp_buf_addc(&b, '\n');
        }
        if (u->note.plain) {
            wp_buf_addf(&b, "%s  note: ", pad);
            add_quoted(&b, u->note.plain);
            wp_buf_addc(&b, '\n');
        }
        add_indicators(&b, pad, u);
    }
    return wp_buf_detach(&b, len);
}

char *wp_progress_yaml_header(const char *plan_id, size_t *len)
{
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_adds(&b, "format: workplan-progress/1\nplan: ");
    add_scalar(&b, plan_id);
    wp_buf_adds(&b, "\nupdates:\n");
    return wp_buf_detach(&b, len);
}

/* A line at column 0 that starts a key: not blank, not a comment, not a list item. */
static bool top_level_key(const char *p, const char *eol)
{
    return p < eol && !strchr(" \t#-\r\n", *p);
}

size_t wp_progress_yaml_updates_end(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    bool in_updates = false;
    size_t keep = len; /* the start of the blank and comment lines seen last */
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        eol = eol ? eol + 1 : end;
        bool quiet = *p == '\n' || *p == '\r' || *p == '#';
        if (!in_updates) {
            in_updates = strncmp(p, "updates:", 8) == 0;
        } else if (top_level_key(p, eol)) {
            return keep < len ? keep : (size_t)(p - text);
        }
        if (quiet && keep == len)
            keep = (size_t)(p - text);
        else if (!quiet)
            keep = len;
        p = eol;
    }
    return len;
}
