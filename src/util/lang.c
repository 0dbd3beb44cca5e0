/* Language codes are compared ignoring ASCII case: pt-BR and pt-br are one language. */
#include "util/util.h"

bool wp_lang_key(const char *code, char out[WP_LANG_KEY_MAX])
{
    size_t i = 0;
    for (; code[i]; i++) {
        if (i + 1 >= WP_LANG_KEY_MAX)
            return false;
        char ch = code[i];
        out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    out[i] = '\0';
    return true;
}

bool wp_lang_equal(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}
