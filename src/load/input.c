#include "load/input.h"

void wp_input_scan_init(struct input_scan *s)
{
    *s = (struct input_scan){.line = 1, .col = 1};
}

/* YAML 1.1 §5.1, as libyaml's reader enforces it. */
bool wp_input_printable(uint32_t c)
{
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
           (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

static void set_problem(struct input_scan *s, enum input_problem p, uint32_t value)
{
    s->problem = p;
    s->problem_pos = (struct wp_pos){s->line, s->col};
    s->problem_value = value;
}

size_t wp_input_scan_feed(struct input_scan *s, const char *data, size_t len, bool at_eof)
{
    const unsigned char *d = (const unsigned char *)data;
    size_t i = 0;
    /* a UTF-16 byte-order mark: say so rather than "invalid UTF-8" */
    if (s->total == 0 && len >= 2 &&
        ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        set_problem(s, INPUT_UTF16, d[0]);
        return 0;
    }
    while (i < len) {
        unsigned c = d[i];
        if (c >= 0x20 && c < 0x7F) { /* printable ASCII, nearly every byte: the fast path */
            s->col++;
            s->after_cr = false;
            i++;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if (c < 0x80)
            n = 1, cp = c, min = 0;
        else if ((c & 0xE0) == 0xC0)
            n = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            n = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            n = 4, cp = c & 0x07, min = 0x10000;
        else {
            set_problem(s, INPUT_BAD_UTF8, c);
            return i;
        }
        for (size_t k = 1; k < n; k++) {
            if (i + k >= len) {
                if (at_eof)
                    set_problem(s, INPUT_BAD_UTF8, c);
                return i; /* wait for the rest of the sequence */
            }
            if ((d[i + k] & 0xC0) != 0x80) {
                set_problem(s, INPUT_BAD_UTF8, c);
                return i;
            }
            cp = (cp << 6) | (d[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            set_problem(s, INPUT_BAD_UTF8, c);
            return i;
        }
        if (!wp_input_printable(cp)) {
            set_problem(s, INPUT_CONTROL, cp);
            return i;
        }
        if (cp == '\n') {
            if (!s->after_cr)
                s->line++;
            s->col = 1;
        } else if (cp == '\r') {
            s->line++;
            s->col = 1;
        } else {
            s->col++;
        }
        s->after_cr = cp == '\r';
        i += n;
    }
    return i;
}
