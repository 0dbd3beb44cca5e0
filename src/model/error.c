#include "workplan/error.h"

static const char *const messages[] = {
    [WP_OK] = "no error",
    [WP_ERR_IO] = "input/output error",
    [WP_ERR_NOMEM] = "out of memory",
    [WP_ERR_LIMIT] = "input over a limit",
    [WP_ERR_INVALID] = "invalid input",
    [WP_ERR_FONT] = "font error",
    [WP_ERR_PDF] = "pdf writer error",
    [WP_ERR_XLSX] = "xlsx writer error",
    [WP_ERR_ARGUMENT] = "invalid argument",
};

_Static_assert(sizeof(messages) / sizeof(messages[0]) == WP_ERR_COUNT,
               "one message per enum wp_error");

const char *wp_strerror(enum wp_error err)
{
    if ((unsigned)err >= WP_ERR_COUNT)
        return "unknown error";
    return messages[err];
}
