/*
 * The backend: the one seam onto libharu (docs/architecture.md).
 *
 * Everything libharu 2.3.0 does not do through its public API lives behind
 * these functions, in the files pdf_backend*.c and pdf_xref.c, which alone
 * include pdf_backend_private.h (libharu's internal headers, the version
 * fence and the list of internals touched): the page objects and link
 * annotations written by hooks, the page streams deflated as drawn and
 * spooled, the catalog entries of an accessible document, the ToUnicode
 * maps of the fonts libharu loads, the fonts embedded by us (keyed by glyph
 * id), the objects written after libharu's (the structure tree), the
 * cross-reference stream, the trailer and /ID. `make lint` fails when
 * another file reaches into libharu.
 *
 * The other stages use libharu's public API for what it does well (the
 * document information, outline, destinations, page labels) through
 * wp_pdf_be_doc, and hold pages as HPDF_Page handles.
 *
 * Order of use: wp_pdf_be_open; fonts and catalog; wp_pdf_be_deferred_begin
 * (tagged documents); wp_pdf_be_pages_new; per page, draw its operators into
 * a buffer and hand them over with wp_pdf_be_page_done between
 * wp_pdf_be_stream_begin and wp_pdf_be_stream_end; the structure root; then
 * wp_pdf_be_save once; wp_pdf_be_close in every case.
 */
#ifndef WP_PDF_BACKEND_H
#define WP_PDF_BACKEND_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

struct pdf_backend;

struct pdf_be_options {
    float page_w, page_h;    /* every page's /MediaBox */
    int zlevel;              /* zlib level of the page streams */
    const char *scratch_dir; /* the spool and side files go here (the output's folder); kept */
};

/* ---- PDF syntax, for every stage --------------------------------------------------- */

/* v with at most `places` (2 or 3) decimals and no trailing zeros. */
void wp_pdf_op_num(struct wp_buf *b, double v, int places);
/* Decimal digits of v (the tree has a million numbers at 20,000 activities, printf is slow). */
void wp_pdf_add_uint(struct wp_buf *b, uint64_t v);
/* UTF-16BE hex digits of cp (a surrogate pair beyond the BMP), and of UTF-8 s. */
void wp_pdf_add_utf16_cp(struct wp_buf *b, uint32_t cp);
void wp_pdf_add_utf16(struct wp_buf *b, const char *s);
/* s (UTF-8) as a PDF text string: UTF-16BE in hex, "<FEFF...>". */
void wp_pdf_add_text_string(struct wp_buf *b, const char *s);

/* ---- the document ------------------------------------------------------------------ */

/* A new document (compressed, UTF-8 encoder); NULL when libharu cannot make one. */
struct pdf_backend *wp_pdf_be_open(const struct pdf_be_options *o);
/* Frees everything (also after a failure); be may be NULL. */
void wp_pdf_be_close(struct pdf_backend *be);
/* libharu's document, for its public API only (info, outline, destinations, labels).
 * NULL once saved. */
HPDF_Doc wp_pdf_be_doc(struct pdf_backend *be);
/* True once libharu reported an error, or the backend failed; code and detail for messages. */
bool wp_pdf_be_failed(const struct pdf_backend *be);
void wp_pdf_be_error(const struct pdf_backend *be, unsigned *code, unsigned *detail);
/* Marks the document failed (an allocation the caller saw fail). */
void wp_pdf_be_fail(struct pdf_backend *be);
/* errno of a scratch file beside the output that could not be written, or 0. */
int wp_pdf_be_scratch_err(const struct pdf_backend *be);

/* Catalog entries of an accessible document: PDF 1.7, XMP metadata (uncompressed),
 * /MarkInfo, /ViewerPreferences /DisplayDocTitle, /Lang. */
bool wp_pdf_be_catalog(struct pdf_backend *be, const char *lang, const char *xmp, size_t xmp_len);

/* ---- pages and links --------------------------------------------------------------- */

/* The shared /Resources, then n pages. False when libharu fails. */
bool wp_pdf_be_pages_new(struct pdf_backend *be, uint32_t n);
HPDF_Page wp_pdf_be_page(const struct pdf_backend *be, uint32_t pageno);
/* A page's object number (for /Pg in the structure tree). */
uint32_t wp_pdf_be_page_obj(const struct pdf_backend *be, uint32_t pageno);
/* A link annotation over r to uri (printable ASCII, copied) or to dest; its
 * object number in *annot_id. NULL when dest and uri are both NULL or on failure. */
struct pdf_be_link *wp_pdf_be_link(struct pdf_backend *be, HPDF_Page page, HPDF_Rect r,
                                   const char *uri, HPDF_Destination dest, uint32_t *annot_id);
/* A tagged link: its /StructParent key and /Contents (kept, not copied, until the save). */
void wp_pdf_be_link_tag(struct pdf_be_link *l, uint32_t key, const char *contents);

/* ---- page streams ------------------------------------------------------------------ */

/* Begin before the first page is drawn; end after the last (also on errors). */
void wp_pdf_be_stream_begin(struct pdf_backend *be);
/* The page's operators: ops is taken (left empty); deflated on a second thread and
 * spooled beside the output until the save. */
void wp_pdf_be_page_done(struct pdf_backend *be, HPDF_Page page, struct wp_buf *ops);
void wp_pdf_be_stream_end(struct pdf_backend *be);

/* ---- objects after libharu's (pdf_xref.c) ------------------------------------------ */

/*
 * Objects the backend writes after libharu's, in compressed object streams:
 * each is given a local number (wp_pdf_be_obj_new, from 0) and its bytes are
 * appended with wp_pdf_be_obj_write, opened by the marker "\2N\3" and
 * referring to other such objects by "\1N\3" (wp_pdf_be_ref writes both
 * forms); every other byte is copied as it is. Held in a side file, not in
 * memory. deferred_begin makes the document tagged (/StructParents, /Tabs).
 */
bool wp_pdf_be_deferred_begin(struct pdf_backend *be);
uint32_t wp_pdf_be_obj_new(struct pdf_backend *be);
void wp_pdf_be_obj_write(struct pdf_backend *be, const void *data, size_t len);
/* "\1N\3" (a reference to local object n) or, start true, "\2N\3" (its beginning). */
void wp_pdf_be_ref(struct wp_buf *b, uint32_t n, bool start);
/* The StructTreeRoot in the catalog; its object number. 0 on failure. */
uint32_t wp_pdf_be_struct_root(struct pdf_backend *be);
/* Its /K (local kid), /ParentTree (local) and /ParentTreeNextKey. */
void wp_pdf_be_struct_root_done(struct pdf_backend *be, uint32_t kid, uint32_t parent_tree,
                                uint32_t next_key);

/* ---- glyph-keyed fonts (pdf_backend_fonts.c) ---------------------------------------- */

/*
 * A font drawn by glyph id: a Type0 font, encoding Identity-H, whose 2-byte
 * codes ARE the glyph ids of the embedded program (CID = GID). What the text
 * engine hands over once the document's glyphs are known.
 */
struct pdf_glyph_font {
    const char *ps_name;          /* PostScript name; a 6-letter subset tag derived from the glyph
                                     set is prefixed */
    const unsigned char *program; /* subset font file (sfnt), glyph ids kept (hb-subset
                                     RETAIN_GIDS) */
    size_t program_len;
    bool cff; /* CFF outlines: CIDFontType0 + FontFile3 /Subtype /OpenType; else
                 CIDFontType2 + FontFile2 + /CIDToGIDMap /Identity */
    unsigned units_per_em;
    int ascent, descent, cap_height, bbox[4]; /* font units */
    bool bold;
    size_t n_glyphs;
    const uint32_t *gids;       /* ascending */
    const uint32_t *advances;   /* font units -> /W in 1/1000 em */
    const char *const *unicode; /* UTF-8 text each glyph stands for (ToUnicode; for a
                                   ligature the whole string), or NULL */
};

/*
 * A new glyph font, in the shared /Resources of every page: its resource
 * name ("G1", "G2"...; owned by the backend, valid until wp_pdf_be_close) in
 * *resource_name, for "/G1 size Tf" while pages are drawn. Call after
 * wp_pdf_be_pages_new. Returns a handle >= 0, or -1 on failure.
 */
int wp_pdf_glyph_font_new(struct pdf_backend *be, const char **resource_name);
/*
 * Its glyphs, program and metrics: once per handle, any time before
 * wp_pdf_be_save (after the last page is drawn is the usual time). Copies
 * what it needs: f and what it points to may go when it returns. A handle
 * never set is written as a font with no glyphs. False on failure (the
 * document is then failed too).
 */
bool wp_pdf_glyph_font_set(struct pdf_backend *be, int handle, const struct pdf_glyph_font *f);
/* The ToUnicode CMap of f: CID (= gid) to UTF-16BE, bfchar blocks of at most 100. */
void wp_pdf_glyph_tounicode(const struct pdf_glyph_font *f, struct wp_buf *out);

/* ---- the save ------------------------------------------------------------------------ */

/*
 * Writes the document through `at` (not committed): libharu's objects, the
 * deferred objects, the cross-reference stream whose /ID is the MD5 of every
 * byte before it. libharu's document is freed on the way. 0, an errno (the
 * output could not be written), or -1 (libharu or the file's shape failed).
 */
int wp_pdf_be_save(struct pdf_backend *be, struct wp_atomic *at);

#endif
