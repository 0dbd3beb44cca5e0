/* Display width in columns, as a terminal or a spreadsheet cell counts it. */
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text/text.h"

static size_t columns(UChar32 cp)
{
    int8_t gc = u_charType(cp);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR ||
        gc == U_CONTROL_CHAR || u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return 0;
    /* Hangul medial vowels and final consonants join the syllable before them. */
    if (cp >= 0x1160 && cp <= 0x11FF)
        return 0;
    int eaw = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

size_t wp_text_display_width(const char *utf8, size_t len)
{
    const uint8_t *s = (const uint8_t *)utf8;
    int32_t i = 0, n = (int32_t)len;
    size_t w = 0;
    while (i < n) {
        UChar32 cp;
        U8_NEXT(s, i, n, cp);
        w += cp < 0 ? 1 : columns(cp);
    }
    return w;
}
