/*
 * The section producers: one file per family (pdf_sec_*.c), each adding its
 * items through the flow (pdf_internal.h: wp_pdf_flow_*) in document order;
 * wp_pdf_prepare (pdf_sections.c) calls them in the booklet's order. A new
 * section is a function in its family's file, called from there.
 */
#ifndef WP_PDF_SECTIONS_H
#define WP_PDF_SECTIONS_H

#include "pdf/pdf_internal.h"

/* The anchors of the contents, declared first so that the contents can list them. */
struct toc_plan {
    int32_t contents, foreword, glance, glance_table, timeline, annexes, members, countries,
        glossary;
    int32_t area0;
    int32_t results, record; /* -1 without measured indicators, without events */
};

/* Helpers every family uses (pdf_sections.c; and wp_pdf_sec_text, wp_pdf_sec_label of
 * pdf_labels.c). */
/* A string made for the booklet, kept in the context's arena. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
const char *
wp_pdf_sec_printf(struct pdf_ctx *ctx, const char *fmt, ...);
/* The names of the parties or countries of a list, ", " between (arena). */
const char *wp_pdf_sec_join_refs(struct pdf_ctx *ctx, const struct wp_str_list *l);

/* The families, in the booklet's order. */
void wp_pdf_prepare_cover(struct pdf_ctx *ctx);                              /* pdf_sec_front.c */
void wp_pdf_prepare_contents(struct pdf_ctx *ctx, const struct toc_plan *t); /* pdf_sec_front.c */
void wp_pdf_prepare_foreword(struct pdf_ctx *ctx, const struct toc_plan *t); /* pdf_sec_front.c */
void wp_pdf_prepare_overview(struct pdf_ctx *ctx,
                             const struct toc_plan *t); /* pdf_sec_overview.c */
void wp_pdf_prepare_area(struct pdf_ctx *ctx, const struct wp_area *area,
                         int32_t anchor);                                   /* pdf_sec_areas.c */
void wp_pdf_prepare_annexes(struct pdf_ctx *ctx, const struct toc_plan *t); /* pdf_sec_annexes.c */

#endif
