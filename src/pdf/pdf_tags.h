/*
 * Tagged PDF (PDF/UA-1): the structure tree and marked content.
 *
 * Two sides. The prepare pass (the sections, pdf_sec_*.c, as they add
 * items through the flow, pdf_flow.c) says what the content IS, at the level of the booklet: it
 * opens and closes structure elements around the items it adds (wp_pdf_tag, wp_pdf_tag_end); these
 * become events recorded against the item count. The drawing pass replays them as it reaches each
 * item, so the tree is built in the booklet's logical order, and every piece it paints goes either
 * into marked content of the current element (wp_pdf_mc) or into an artifact (wp_pdf_artifact).
 * Painting outside both is an error the writer reports: untagged content cannot slip in unnoticed.
 *
 * Elements are written as they close, as objects the backend adds after
 * libharu's when the booklet is saved (pdf_backend.h): the tree of a
 * 20,000-activity booklet never sits in memory.
 */
#ifndef WP_PDF_TAGS_H
#define WP_PDF_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

struct pdf_ctx;

enum pdf_stype {
    PDF_S_AUTO, /* in text options: a paragraph (P) */
    PDF_S_DOCUMENT,
    PDF_S_SECT,
    PDF_S_H1,
    PDF_S_H2,
    PDF_S_H3,
    PDF_S_H4,
    PDF_S_H5,
    PDF_S_H6,
    PDF_S_P,
    PDF_S_L,
    PDF_S_LI,
    PDF_S_LBL,
    PDF_S_LBODY,
    PDF_S_TABLE,
    PDF_S_TR,
    PDF_S_TH,
    PDF_S_TD,
    PDF_S_TOC,
    PDF_S_TOCI,
    PDF_S_LINK,
    PDF_S_FIGURE,
    PDF_S_SPAN,
    PDF_S_NONE /* in text options: the caller has tagged the text already */
};

/* Attributes of an element (bits). */
enum {
    PDF_A_SCOPE_ROW = 1u << 0,  /* a TH for its row */
    PDF_A_SCOPE_COL = 1u << 1,  /* a TH for its column */
    PDF_A_COLSPAN2 = 1u << 2,   /* a cell over both columns */
    PDF_A_LABEL = 1u << 3,      /* receives the label text of field items */
    PDF_A_SIBLING = 1u << 4,    /* a child of the current element's parent */
    PDF_A_AUTO_TABLE = 1u << 5, /* opened by a field; closed by the next non-row */
};

/* ---- prepare pass ---------------------------------------------------------------- */

/* Opens an element before the next item; lang, when not NULL, is the
 * language of its text where it differs from the booklet's. */
void wp_pdf_tag(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *lang);
void wp_pdf_tag_end(struct pdf_ctx *ctx);
/* The type of the innermost element open in the prepare pass (PDF_S_DOCUMENT at the root). */
enum pdf_stype wp_pdf_tag_current(const struct pdf_ctx *ctx);
/* A table row of a field block: TR, TH (label) and TD; an enclosing Table when none is open. */
void wp_pdf_tag_field_begin(struct pdf_ctx *ctx);
void wp_pdf_tag_field_end(struct pdf_ctx *ctx);
/* Closes everything the prepare pass left open. */
void wp_pdf_tags_prepared(struct pdf_ctx *ctx);
/* The events replayed before item i (n_items: after the last), as text for tests and
 * debugging: "+Table +TR +TH -" (an element opened by name, "-" one closed). How many. */
size_t wp_pdf_tags_events(const struct pdf_ctx *ctx, size_t i, struct wp_buf *out);

/* ---- drawing pass ---------------------------------------------------------------- */

enum pdf_artifact { PDF_ART_LAYOUT, PDF_ART_PAGINATION, PDF_ART_BACKGROUND };

/* Starts the tree and the catalog entries; false when libharu fails. */
bool wp_pdf_tags_begin(struct pdf_ctx *ctx);
void wp_pdf_tags_page_begin(struct pdf_ctx *ctx, uint32_t pageno);
void wp_pdf_tags_page_end(struct pdf_ctx *ctx);
/* Replays the prepare pass's events up to item i. */
void wp_pdf_tags_item(struct pdf_ctx *ctx, size_t i);
/* Marked content for the current element (label: the open TH of a field). */
void wp_pdf_mc(struct pdf_ctx *ctx, bool label);
void wp_pdf_artifact(struct pdf_ctx *ctx, enum pdf_artifact kind);
void wp_pdf_mc_end(struct pdf_ctx *ctx);
/* Opens an element while drawing (under the label TH when label); alt for a Figure. */
void wp_pdf_elem(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *alt,
                 bool label);
void wp_pdf_elem_end(struct pdf_ctx *ctx);
/* The full text of the current element, whose drawn text was shortened (kept until it closes). */
void wp_pdf_elem_actual(struct pdf_ctx *ctx, const char *text);
/* The language of the current element's text, when not the booklet's (NULL: nothing). */
void wp_pdf_elem_lang(struct pdf_ctx *ctx, const char *lang);
/* The current element (a Link) owns link annotation annot_id (pdf_backend.c): returns
 * the annotation's /StructParent. */
uint32_t wp_pdf_tag_link(struct pdf_ctx *ctx, uint32_t annot_id);
/* True inside BDC ... EMC: the drawing primitives check it. */
bool wp_pdf_in_mc(const struct pdf_ctx *ctx);
/* Called by a drawing primitive outside marked content. */
void wp_pdf_untagged(struct pdf_ctx *ctx);
/* Closes every element and writes the parent tree: before saving. */
void wp_pdf_tags_close_all(struct pdf_ctx *ctx);
void wp_pdf_tags_release(struct pdf_ctx *ctx);

#endif
