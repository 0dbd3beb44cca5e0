/*
 * The backend's document (pdf_backend.h): libharu's document and errors,
 * the catalog entries of an accessible document, the ToUnicode maps of the
 * fonts libharu loads, the page and link-annotation objects, and the save.
 *
 * libharu 2.3.0 holds every object until it saves, and its objects are
 * heavy: a dictionary entry carries a 128-byte key, a name 128 bytes more.
 * Each page came with its own /Resources (a /ProcSet of five names and a
 * /Font dictionary), /MediaBox and /Type, some 2.5 KB, and each link
 * annotation with its /Rect, names and /A action some 2.5 KB: at 5,000
 * activities with measured indicators, 18 MB of the booklet's peak
 * (docs/performance.md). Here a page keeps only its /Annots as a libharu
 * entry; its hook (HPDF_Dict_Rec's write_fn) writes /Type, /Parent,
 * /Contents, /MediaBox, a reference to the one /Resources dictionary all
 * pages share, /StructParents and /Tabs. A link is an empty dictionary
 * whose hook writes all of it from a struct pdf_be_link in the arena.
 */
#include <errno.h>
#include <hpdf_gstate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_backend_private.h"

uint32_t wp_pdf_be_obj_id(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

void wp_pdf_be_set_failed(struct pdf_backend *be)
{
    if (!be->error)
        be->error = HPDF_FAILD_TO_ALLOC_MEM;
}

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    struct pdf_backend *be = user_data;
    /* the first error is the cause; later ones follow from it */
    if (!be->error) {
        be->error = error_no;
        be->detail = detail_no;
    }
}

struct pdf_backend *wp_pdf_be_open(const struct pdf_be_options *o)
{
    struct pdf_backend *be = wp_xcalloc(1, sizeof(*be));
    be->opt = *o;
    wp_arena_init(&be->arena);
    be->pdf = HPDF_New(on_hpdf_error, be);
    if (!be->pdf) {
        wp_pdf_be_close(be);
        return NULL;
    }
    HPDF_SetCompressionMode(be->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(be->pdf);
    HPDF_SetCurrentEncoder(be->pdf, "UTF-8");
    return be;
}

void wp_pdf_be_close(struct pdf_backend *be)
{
    if (!be)
        return;
    if (be->pdf)
        HPDF_Free(be->pdf);
    wp_pdf_be_spool_release(be);
    wp_pdf_be_xref_release(be);
    wp_pdf_be_gfonts_release(be);
    free(be->pages);
    wp_arena_release(&be->arena);
    free(be);
}

HPDF_Doc wp_pdf_be_doc(struct pdf_backend *be)
{
    return be->pdf;
}

bool wp_pdf_be_failed(const struct pdf_backend *be)
{
    return be->error != 0;
}

void wp_pdf_be_error(const struct pdf_backend *be, unsigned *code, unsigned *detail)
{
    *code = (unsigned)be->error;
    *detail = (unsigned)be->detail;
}

void wp_pdf_be_fail(struct pdf_backend *be)
{
    wp_pdf_be_set_failed(be);
}

int wp_pdf_be_scratch_err(const struct pdf_backend *be)
{
    return be->scratch_err;
}

bool wp_pdf_be_catalog(struct pdf_backend *be, const char *lang, const char *xmp, size_t xmp_len)
{
    HPDF_Doc pdf = be->pdf;
    pdf->pdf_version = HPDF_VER_17;
    HPDF_Dict cat = pdf->catalog;
    HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    bool ok = meta != NULL;
    if (ok) {
        /* uncompressed, so that any tool finds the packet */
        meta->filter = HPDF_STREAM_FILTER_NONE;
        HPDF_Dict_AddName(meta, "Type", "Metadata");
        HPDF_Dict_AddName(meta, "Subtype", "XML");
        ok = HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)xmp_len) ==
                 HPDF_OK &&
             HPDF_Dict_Add(cat, "Metadata", meta) == HPDF_OK;
    }
    HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
    if (!ok || !mark || !prefs)
        return false;
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(cat, "MarkInfo", mark);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    HPDF_Dict_Add(cat, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL));
    return !be->error;
}

/* ---- PDF syntax ---------------------------------------------------------------------- */

void wp_pdf_op_num(struct wp_buf *b, double v, int places)
{
    long scale = places == 3 ? 1000 : 100;
    long c = (long)(v * (double)scale + (v < 0 ? -0.5 : 0.5));
    char tmp[32];
    size_t n = 0;
    bool neg = c < 0;
    if (neg)
        c = -c;
    long ip = c / scale, fp = c % scale;
    if (fp) {
        /* the fraction without trailing zeros */
        int digits = places;
        while (fp % 10 == 0)
            fp /= 10, digits--;
        for (int k = 0; k < digits; k++, fp /= 10)
            tmp[n++] = (char)('0' + fp % 10);
        tmp[n++] = '.';
    }
    do
        tmp[n++] = (char)('0' + ip % 10);
    while ((ip /= 10) > 0);
    if (neg)
        tmp[n++] = '-';
    wp_buf_grow(b, n);
    while (n > 0)
        b->data[b->len++] = tmp[--n];
    b->data[b->len] = 0;
}

void wp_pdf_add_uint(struct wp_buf *b, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    wp_buf_grow(b, n);
    while (n > 0)
        b->data[b->len++] = tmp[--n];
    b->data[b->len] = 0;
}

static void add_hex4(struct wp_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char h[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    wp_buf_add(b, h, 4);
}

void wp_pdf_add_utf16_cp(struct wp_buf *b, uint32_t cp)
{
    if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000;
        add_hex4(b, 0xD800 + (v >> 10));
        add_hex4(b, 0xDC00 + (v & 0x3FF));
    } else {
        add_hex4(b, cp);
    }
}

void wp_pdf_add_utf16(struct wp_buf *b, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        wp_pdf_add_utf16_cp(b, cp);
    }
}

/* UTF-16BE hex: no byte of it can be taken for a marker of the deferred objects. */
void wp_pdf_add_text_string(struct wp_buf *b, const char *s)
{
    wp_buf_adds(b, "<FEFF");
    wp_pdf_add_utf16(b, s);
    wp_buf_addc(b, '>');
}

/* ---- pages ------------------------------------------------------------------------ */

/* The hook of every page: the keys it no longer holds as libharu objects. */
static HPDF_STATUS write_page(HPDF_Dict page, HPDF_Stream stream)
{
    const struct pdf_backend *be = page->error ? page->error->user_data : NULL;
    if (!be || !be->resources)
        return HPDF_INVALID_OBJECT;
    HPDF_Dict contents = ((HPDF_PageAttr)page->attr)->contents;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_addf(&b, "/Type /Page\012/Parent %u 0 R\012/Contents %u 0 R\012/MediaBox [0 0 ",
                (unsigned)be->pages_id, (unsigned)wp_pdf_be_obj_id(contents));
    wp_pdf_op_num(&b, be->opt.page_w, 3);
    wp_buf_addc(&b, ' ');
    wp_pdf_op_num(&b, be->opt.page_h, 3);
    wp_buf_addf(&b, "]\012/Resources %u 0 R\012", (unsigned)wp_pdf_be_obj_id(be->resources));
    if (be->tagged)
        wp_buf_addf(&b, "/StructParents %u\012", (unsigned)wp_pdf_be_page_index(be, page));
    /* tagged links are visited in structure order (PDF/UA-1 7.18.3) */
    if (be->tagged && HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY))
        wp_buf_adds(&b, "/Tabs /S\012");
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    wp_buf_release(&b);
    return st;
}

uint32_t wp_pdf_be_page_index(const struct pdf_backend *be, HPDF_Page page)
{
    /* pages are made in order, so their object numbers rise with their index */
    uint32_t id = wp_pdf_be_obj_id(page), lo = 0, hi = be->n_pages;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (wp_pdf_be_obj_id(be->pages[mid]) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool resources_new(struct pdf_backend *be)
{
    HPDF_Doc pdf = be->pdf;
    HPDF_Dict res = HPDF_Dict_New(pdf->mmgr);
    if (!res || HPDF_Xref_Add(pdf->xref, res) != HPDF_OK)
        return false;
    HPDF_Array procset = HPDF_Array_New(pdf->mmgr);
    HPDF_Dict fonts = HPDF_Dict_New(pdf->mmgr);
    if (!procset || HPDF_Dict_Add(res, "ProcSet", procset) != HPDF_OK || !fonts ||
        HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
        return false;
    /* obsolete since PDF 1.4, kept as libharu wrote it for older readers; no images here */
    if (HPDF_Array_AddName(procset, "PDF") != HPDF_OK ||
        HPDF_Array_AddName(procset, "Text") != HPDF_OK)
        return false;
    be->resources = res;
    be->font_res = fonts;
    return true;
}

static HPDF_Page page_new(struct pdf_backend *be)
{
    HPDF_Page page = HPDF_AddPage(be->pdf);
    if (!page || page->write_fn) {
        wp_pdf_be_set_failed(be);
        return page;
    }
    /* libharu's own drawing state is never used: operators are ours */
    HPDF_PageAttr attr = page->attr;
    HPDF_GState_Free(page->mmgr, attr->gstate);
    attr->gstate = NULL;
    /* every page is a kid of the one page tree node (no HPDF_SetPagesConfiguration) */
    HPDF_Dict parent = HPDF_Dict_GetItem(page, "Parent", HPDF_OCLASS_DICT);
    if (!parent || !attr->contents || (be->pages_id && wp_pdf_be_obj_id(parent) != be->pages_id)) {
        wp_pdf_be_set_failed(be);
        return page;
    }
    be->pages_id = wp_pdf_be_obj_id(parent);
    static const char *const keys[] = {"Type", "Parent", "Contents", "MediaBox", "Resources"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        HPDF_Dict_RemoveElement(page, keys[k]);
    page->write_fn = write_page;
    return page;
}

bool wp_pdf_be_pages_new(struct pdf_backend *be, uint32_t n)
{
    be->pages = wp_xcalloc(n ? n : 1, sizeof(*be->pages));
    be->n_pages = n;
    if (!resources_new(be))
        wp_pdf_be_set_failed(be);
    for (uint32_t p = 0; p < n && !be->error; p++)
        be->pages[p] = page_new(be);
    return !be->error;
}

HPDF_Page wp_pdf_be_page(const struct pdf_backend *be, uint32_t pageno)
{
    return pageno < be->n_pages ? be->pages[pageno] : NULL;
}

uint32_t wp_pdf_be_page_obj(const struct pdf_backend *be, uint32_t pageno)
{
    return pageno < be->n_pages && be->pages[pageno] ? wp_pdf_be_obj_id(be->pages[pageno]) : 0;
}

/* ---- link annotations ------------------------------------------------------------- */

struct pdf_be_link {
    float rect[4];        /* left bottom right top */
    uint32_t page_id;     /* its page's object number, for /P */
    uint32_t dest_id;     /* an internal link's destination object; 0 for a URI */
    uint32_t key;         /* its /StructParent; UINT32_MAX: untagged (an artifact) */
    const char *uri;      /* ASCII, in the arena */
    const char *contents; /* its description: the caller's, outlives the save */
};

/* s as a PDF literal string: the URI is printable ASCII. */
static void add_literal(struct wp_buf *b, const char *s)
{
    wp_buf_addc(b, '(');
    for (; *s; s++) {
        if (*s == '(' || *s == ')' || *s == '\\')
            wp_buf_addc(b, '\\');
        wp_buf_addc(b, *s);
    }
    wp_buf_addc(b, ')');
}

static HPDF_STATUS write_link(HPDF_Dict dict, HPDF_Stream stream)
{
    const struct pdf_be_link *l = dict->attr;
    struct wp_buf b = WP_BUF_INIT;
    wp_buf_adds(&b, "/Type /Annot\012/Subtype /Link\012/Rect [");
    for (int k = 0; k < 4; k++) {
        wp_pdf_op_num(&b, l->rect[k], 2);
        wp_buf_addc(&b, k < 3 ? ' ' : ']');
    }
    if (l->uri) {
        wp_buf_adds(&b, "\012/A <</Type /Action /S /URI /URI ");
        add_literal(&b, l->uri);
        wp_buf_adds(&b, ">>");
    } else {
        wp_buf_addf(&b, "\012/Dest %u 0 R", (unsigned)l->dest_id);
    }
    wp_buf_addf(&b, "\012/P %u 0 R\012/Border [0 0 0]\012", (unsigned)l->page_id);
    if (l->key != UINT32_MAX) {
        wp_buf_addf(&b, "/StructParent %u\012/Contents ", (unsigned)l->key);
        wp_pdf_add_text_string(&b, l->contents ? l->contents : "");
        wp_buf_addc(&b, '\012');
    }
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    wp_buf_release(&b);
    return st;
}

/* Adds annot to the page's /Annots, made on its first link. */
static bool add_to_page(HPDF_Page page, HPDF_Dict annot)
{
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(page->mmgr);
        if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
            return false;
    }
    return HPDF_Array_Add(annots, annot) == HPDF_OK;
}

struct pdf_be_link *wp_pdf_be_link(struct pdf_backend *be, HPDF_Page page, HPDF_Rect r,
                                   const char *uri, HPDF_Destination dest, uint32_t *annot_id)
{
    HPDF_Doc pdf = be->pdf;
    if (!uri && !dest)
        return NULL; /* its destination could not be made: libharu said so */
    HPDF_Dict annot = HPDF_Dict_New(pdf->mmgr);
    if (!annot || HPDF_Xref_Add(pdf->xref, annot) != HPDF_OK || !add_to_page(page, annot)) {
        wp_pdf_be_set_failed(be);
        return NULL;
    }
    annot->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
    struct pdf_be_link *l = wp_arena_alloc(&be->arena, sizeof(*l));
    float bottom = r.bottom < r.top ? r.bottom : r.top, top = r.bottom < r.top ? r.top : r.bottom;
    *l = (struct pdf_be_link){.rect = {r.left, bottom, r.right, top},
                              .page_id = wp_pdf_be_obj_id(page),
                              .dest_id = dest ? wp_pdf_be_obj_id(dest) : 0,
                              .key = UINT32_MAX,
                              .uri = uri ? wp_arena_strdup(&be->arena, uri) : NULL};
    annot->attr = l;
    annot->write_fn = write_link;
    *annot_id = wp_pdf_be_obj_id(annot);
    return l;
}

void wp_pdf_be_link_tag(struct pdf_be_link *l, uint32_t key, const char *contents)
{
    l->key = key;
    l->contents = contents;
}

/* ---- the save --------------------------------------------------------------------- */

/*
 * libharu's file writer does not report the error of its last flush (a full
 * disk committed a truncated booklet). HPDF_SaveToStream saves into the
 * document's `stream` when one is set (hpdf_doc.h; libharu makes a memory
 * stream only when none is): a callback writer there hands every byte to
 * this sink as it is made, so the booklet is never held in memory whole
 * (that cost 6 MiB more at 5,000 activities) and every write is checked.
 * libharu writes many small pieces: they are gathered into blocks of
 * SINK_BLOCK bytes.
 */
#define SINK_BLOCK (1 << 16)

struct save_sink {
    struct pdf_out out; /* what the splice writes through (pdf_xref.c) */
    struct wp_atomic *at;
    unsigned char *block;
    size_t len;
    int err; /* errno of the first failed write; libharu may not pass it on */
};

static int sink_flush(struct save_sink *s)
{
    if (!s->err && s->len && wp_atomic_write(s->at, s->block, s->len) != 0)
        s->err = errno ? errno : EIO;
    s->len = 0;
    return s->err;
}

static int sink_put(struct save_sink *s, const HPDF_BYTE *ptr, size_t size)
{
    if (s->len + size > SINK_BLOCK && sink_flush(s))
        return HPDF_FILE_IO_ERROR;
    if (size >= SINK_BLOCK) {
        if (wp_atomic_write(s->at, ptr, size) != 0)
            s->err = errno ? errno : EIO;
        return s->err;
    }
    memcpy(s->block + s->len, ptr, size);
    s->len += size;
    return 0;
}

/* Every byte of the booklet goes through here: counted and hashed for its /ID. */
static int out_write(struct pdf_out *o, const void *data, size_t len)
{
    struct save_sink *s = (struct save_sink *)o;
    if (o->hold) {
        /* libharu's end, its cross-reference table among it: cut by pdf_xref.c */
        wp_buf_add(&o->held, data, len);
        return 0;
    }
    o->pos += len;
    HPDF_MD5Update(&o->md5, data, (HPDF_UINT32)len);
    return sink_put(s, data, len);
}

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    struct save_sink *s = stream->attr;
    return out_write(&s->out, ptr, size) ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

int wp_pdf_be_save(struct pdf_backend *be, struct wp_atomic *at)
{
    struct save_sink sink = {.out = {.write = out_write, .held = WP_BUF_INIT},
                             .at = at,
                             .block = wp_xmalloc(SINK_BLOCK)};
    HPDF_MD5Init(&sink.out.md5);
    be->pdf->stream = HPDF_CallbackWriter_New(be->pdf->mmgr, sink_write, &sink);
    if (!be->pdf->stream) {
        free(sink.block);
        return -1;
    }
    wp_pdf_be_xref_output(be, &sink.out);
    HPDF_STATUS st = HPDF_SaveToStream(be->pdf);
    /* HPDF_Free frees the stream; it must not outlive the sink it points at */
    HPDF_Stream_Free(be->pdf->stream);
    be->pdf->stream = NULL;
    bool saved = st == HPDF_OK && !be->error && !sink.err && wp_pdf_be_xref_saved(be);
    if (saved) {
        /* libharu's memory goes before the structure objects are packed and written */
        HPDF_Free(be->pdf);
        be->pdf = NULL;
        int e = wp_pdf_be_xref_finish(be);
        if (e && !sink.err)
            sink.err = e; /* the side file in TMPDIR, when not the output */
    }
    sink_flush(&sink);
    free(sink.block);
    wp_buf_release(&sink.out.held);
    be->out = NULL;
    if (sink.err)
        return sink.err;
    return saved ? 0 : -1;
}
