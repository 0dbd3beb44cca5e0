/*
 * The backend's own state: included by pdf_backend*.c and pdf_xref.c only
 * (`make lint` checks), since it brings libharu's internal headers.
 */
#ifndef WP_PDF_BACKEND_PRIVATE_H
#define WP_PDF_BACKEND_PRIVATE_H

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>

#include "pdf/pdf_backend.h"

/*
 * libharu 2.3.0 has no API for tagged PDF, ToUnicode maps, page streams of
 * our own or a checked output; the backend reaches into its installed
 * headers for them. Any other version may lay these out differently, so it
 * does not build.
 *
 * Internals touched (all from libharu 2.3.0's installed headers), the one list:
 * - HPDF_Doc_Rec: catalog, info, xref, mmgr, pdf_version (pdf_backend.c);
 *   stream (pdf_backend.c: the save writes into a callback writer set there,
 *   made by HPDF_CallbackWriter_New, so the booklet is never held whole);
 * - HPDF_Xref_Rec: entries, start_offset, prev, addr, and each
 *   HPDF_XrefEntry_Rec's entry_typ, byte_offset, gen_no (pdf_xref.c: after
 *   the save, libharu's table is replaced by a cross-reference stream);
 * - HPDF_Dict_Rec: header.obj_id (object numbers) of pages, annotations, the
 *   catalog, the info dictionary and page destinations, header.obj_class of
 *   link annotations; mmgr; error (and HPDF_Error_Rec's user_data, the
 *   backend, set by HPDF_New); attr and write_fn of link annotations, pages,
 *   glyph fonts and the StructTreeRoot: keys written by hooks; stream,
 *   filter, write_fn of page contents (pdf_backend_spool.c), of the
 *   metadata stream and of glyph fonts' streams (pdf_backend_fonts.c);
 * - HPDF_PageAttr_Rec: contents, stream (pdf_backend_spool.c), gstate (freed:
 *   libharu's drawing state is never used);
 * - HPDF_Stream_Rec: every field, for the streams that read a page's
 *   compressed bytes back from the spool (pdf_backend_spool.c), and attr of
 *   the callback writer;
 * - functions of the object layer: HPDF_Dict_New/Add/AddName/AddNumber/
 *   AddBoolean/GetItem/RemoveElement, HPDF_Array_New/Add/AddName,
 *   HPDF_DictStream_New, HPDF_String_New, HPDF_Xref_Add, HPDF_List_ItemAt,
 *   HPDF_MemStream_*, HPDF_Stream_*, HPDF_CallbackWriter_New,
 *   HPDF_GState_Free, HPDF_GetMem, HPDF_SetError, HPDF_MD5Init/Update/Final.
 */
#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error                                                                                             \
    "workplan reaches into libharu 2.3's internals (src/pdf/pdf_backend_private.h): only 2.3.x builds"
#endif

/*
 * Where the booklet's bytes go (the save's sink): every byte written is
 * counted and hashed. While `hold` is set, bytes are kept in `held` instead:
 * libharu's last objects, then its own cross-reference table and trailer,
 * which the splice cuts off (pdf_xref.c).
 */
struct pdf_out {
    int (*write)(struct pdf_out *o, const void *data, size_t len); /* 0 or an errno */
    uint64_t pos;                                                  /* bytes written */
    HPDF_MD5_CTX md5;                                              /* of the bytes written */
    bool hold;
    struct wp_buf held;
};

/* The compressed page streams, waiting in a scratch file for the save. */
struct pdf_spool {
    int fd;
    uint64_t size;
};

struct pdf_gfont; /* pdf_backend_fonts.c */

struct pdf_backend {
    HPDF_Doc pdf;
    HPDF_STATUS error, detail; /* the first error libharu reported */
    int scratch_err;           /* errno of a failed scratch file (spool, side file) */
    struct pdf_be_options opt;
    struct wp_arena arena; /* links */

    /* pages (pdf_backend.c) */
    HPDF_Page *pages;
    uint32_t n_pages;
    HPDF_Dict resources, font_res; /* the one /Resources of every page */
    uint32_t pages_id;             /* the object number of the page tree's node */
    bool tagged;

    /* page streams (pdf_backend_spool.c) */
    struct pdf_zpipe *zpipe;
    struct pdf_spool *spool;

    /* objects after libharu's (pdf_xref.c) */
    FILE *side;
    uint32_t n_local;
    HPDF_Dict struct_root;
    uint32_t root_kid, root_tree;
    struct pdf_out *out;
    uint64_t hold_at; /* where our StructTreeRoot's keys ended */
    /* libharu's saved objects, kept once its document is freed */
    uint32_t *lib_off; /* type << 30 | offset; entry 0 is the free head */
    uint16_t *lib_gen;
    uint32_t n_lib, root_id, info_id;

    /* glyph fonts (pdf_backend_fonts.c) */
    struct pdf_gfont **gfonts; /* in the arena: the hooks hold them */
    size_t n_gfonts, cap_gfonts;
};

/* An object's number. */
uint32_t wp_pdf_be_obj_id(const void *obj);
/* Records a failure (an allocation libharu did not report itself). */
void wp_pdf_be_set_failed(struct pdf_backend *be);

/* pdf_xref.c: after HPDF_SaveToStream into out, keeps what the splice needs of
 * libharu's objects (false when the file has another shape); then, libharu's
 * document freed, writes the deferred objects and the cross-reference stream. */
void wp_pdf_be_xref_output(struct pdf_backend *be, struct pdf_out *out);
bool wp_pdf_be_xref_saved(struct pdf_backend *be);
int wp_pdf_be_xref_finish(struct pdf_backend *be);
void wp_pdf_be_xref_release(struct pdf_backend *be);
/* The StructTreeRoot's hook: starts holding libharu's last bytes (pdf_xref.c). */
HPDF_STATUS wp_pdf_be_write_root(HPDF_Dict dict, HPDF_Stream stream);

/* pdf_backend_spool.c */
void wp_pdf_be_spool_release(struct pdf_backend *be);
/* pdf_backend_fonts.c */
void wp_pdf_be_gfonts_release(struct pdf_backend *be);
/* pdf_backend_spool.c's page hook needs this */
uint32_t wp_pdf_be_page_index(const struct pdf_backend *be, HPDF_Page page);

#endif
