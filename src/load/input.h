/*
 * Input checks done before libyaml sees a byte: UTF-8 validity and the
 * characters YAML forbids, with exact line:column, and the size limit. Fed
 * chunk by chunk, so a file can be parsed without holding it in memory.
 */
#ifndef WP_LOAD_INPUT_H
#define WP_LOAD_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "workplan/diag.h"

enum input_problem { INPUT_OK, INPUT_BAD_UTF8, INPUT_UTF16, INPUT_CONTROL, INPUT_TOO_BIG };

struct input_scan {
    unsigned line, col; /* of the next byte */
    bool after_cr;
    size_t total; /* bytes accepted so far */
    enum input_problem problem;
    struct wp_pos problem_pos;
    uint32_t problem_value; /* the bad byte, or the control character */
};

void wp_input_scan_init(struct input_scan *s);

/*
 * Checks data[0..len). Returns how many bytes are complete and valid; at
 * the end of the input (at_eof) an incomplete sequence is an error,
 * otherwise it is left for the next call (return < len, problem INPUT_OK).
 * On a problem, s->problem says what and where.
 */
/* A character YAML allows in a file (tab, newlines and the printable ones). */
bool wp_input_printable(uint32_t c);

size_t wp_input_scan_feed(struct input_scan *s, const char *data, size_t len, bool at_eof);

#endif
