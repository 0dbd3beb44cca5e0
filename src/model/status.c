#include <string.h>

#include "workplan/model.h"

static const char *const words[WP_STATUS_COUNT] = {
    "planned", "ongoing", "completed", "delayed", "cancelled",
};

const char *wp_status_word(enum wp_status s)
{
    return (unsigned)s < WP_STATUS_COUNT ? words[s] : "";
}

int wp_status_from_word(const char *word)
{
    for (int s = 0; word && s < WP_STATUS_COUNT; s++)
        if (strcmp(word, words[s]) == 0)
            return s;
    return -1;
}
