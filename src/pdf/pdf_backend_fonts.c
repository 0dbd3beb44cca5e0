/*
 * Fonts embedded by the backend itself (pdf_backend.h): glyph-keyed Type0 fonts.
 */
#include <stdlib.h>

#include "pdf/pdf_backend_private.h"

void wp_pdf_be_gfonts_release(struct pdf_backend *be)
{
    free(be->gfonts);
    be->gfonts = NULL;
}
