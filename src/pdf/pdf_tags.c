/*
 * Tagged PDF: the structure tree, marked content and the file's last part
 * (pdf_tags.h says how the two passes share the work).
 *
 * Structure elements are numbered locally as they open (0 = Document) and
 * written, when they close, into a side file, with references to each
 * other as "\1N\3" and each object opened by "\2N\3". libharu saves
 * its objects (1..base-1) through the writer's sink; its own
 * cross-reference table and trailer are held back and cut off
 * (wp_pdf_tags_saved), and wp_pdf_tags_finish writes the side objects as
 * base+N in compressed object streams, then one cross-reference stream for
 * all whose /ID is the MD5 of everything before it, so the identifier
 * follows the content and the file stays reproducible. Memory: the open
 * elements, one page's MCIDs, and four bytes per object for its place.
 */
#include <errno.h>
#include <hpdf_encrypt.h>
#include <hpdf_list.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf/pdf_internal.h"

static const char *const type_names[] = {
    [PDF_S_AUTO] = "P",      [PDF_S_DOCUMENT] = "Document",
    [PDF_S_SECT] = "Sect",   [PDF_S_H1] = "H1",
    [PDF_S_H2] = "H2",       [PDF_S_H3] = "H3",
    [PDF_S_H4] = "H4",       [PDF_S_H5] = "H5",
    [PDF_S_H6] = "H6",       [PDF_S_P] = "P",
    [PDF_S_L] = "L",         [PDF_S_LI] = "LI",
    [PDF_S_LBL] = "Lbl",     [PDF_S_LBODY] = "LBody",
    [PDF_S_TABLE] = "Table", [PDF_S_TR] = "TR",
    [PDF_S_TH] = "TH",       [PDF_S_TD] = "TD",
    [PDF_S_TOC] = "TOC",     [PDF_S_TOCI] = "TOCI",
    [PDF_S_LINK] = "Link",   [PDF_S_FIGURE] = "Figure",
    [PDF_S_SPAN] = "Span",   [PDF_S_NONE] = "Span",
};

enum { EV_OPEN, EV_CLOSE };

/*
 * The prepare pass's events between two items form a sequence ("close P,
 * close TD, close TH, close TR, open TR, open TH..."); a booklet has a few
 * hundred distinct ones, so each is kept once and an item holds only the
 * number of the sequence replayed before it (in what was padding of its
 * struct pdf_draw), where the
 * events themselves took 45 bytes an item at 5,000 activities.
 * An event is 4 bytes, each one more than its value so no byte is NUL.
 */
#define EV_BYTES 4

struct open_el {
    uint32_t idx;
    size_t parent_pos; /* its parent's place on the stack; SIZE_MAX: the tree root */
    uint8_t type, attr, lang;
    int64_t page;      /* the page of its first marked content, -1 none yet */
    struct wp_buf alt; /* its /Alt, hex-encoded: copied, as the caller's text may go */
    bool actual;       /* alt is the /ActualText of shortened text instead */
    struct wp_buf kids;
};

struct pdf_tags {
    /* prepare pass */
    struct wp_buf pend; /* the events before item pend_item, not yet interned */
    uint32_t pend_item;
    uint32_t tail_seq; /* 1 + the sequence after the last item (each item has its own) */
    const char **seqs;
    size_t n_seqs, cap_seqs;
    struct wp_strmap seqmap;
    struct {
        uint8_t type, attr;
    } * pst; /* the prepare pass's open elements */
    size_t pdepth, pcap;
    const char *langs[254];
    size_t n_langs;
    /* drawing pass */
    size_t next_item; /* the first item whose sequence is not replayed yet */
    struct open_el *st;
    size_t depth, cap_st;
    uint32_t n_local;
    FILE *side;
    HPDF_Dict root;
    HPDF_Xref xref;
    uint32_t tree_idx;
    /* the current page */
    uint32_t pageno, page_id;
    uint32_t *mcid_el;
    size_t n_mcid, cap_mcid;
    int mc_depth;
    uint32_t *page_arr; /* per page: its ParentTree array */
    uint32_t *annot_el;
    size_t n_annot, cap_annot;
    uint32_t untagged;
    struct wp_buf objbuf; /* an object on its way to the side file */
    struct pdf_out *out;
    uint64_t hold_at; /* where our StructTreeRoot's keys ended */
    /* libharu's saved objects, kept once its document is freed (wp_pdf_tags_saved) */
    uint32_t *lib_off; /* type << 30 | offset; entry 0 is the free head */
    uint16_t *lib_gen;
    uint32_t n_lib, root_id, info_id;
};

static struct pdf_tags *tags(struct pdf_ctx *ctx)
{
    if (!ctx->tags)
        ctx->tags = wp_xcalloc(1, sizeof(*ctx->tags));
    return ctx->tags;
}

static uint32_t obj_id(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

/* ---- prepare pass ---------------------------------------------------------------- */

/* The pending events become the sequence of their item. */
static void flush(struct pdf_ctx *ctx, struct pdf_tags *t)
{
    if (t->pend.len == 0)
        return;
    wp_buf_addc(&t->pend, 0);
    uintptr_t id = (uintptr_t)wp_strmap_get(&t->seqmap, t->pend.data);
    if (!id) {
        const char *seq = wp_arena_strdup(&ctx->arena, t->pend.data);
        WP_GROW(t->seqs, t->cap_seqs, t->n_seqs + 1);
        t->seqs[t->n_seqs++] = seq;
        id = t->n_seqs;
        wp_strmap_put(&t->seqmap, seq, (void *)id);
    }
    if (t->pend_item < ctx->n_items)
        ctx->draws[t->pend_item].tag_seq = (uint32_t)id;
    else
        t->tail_seq = (uint32_t)id;
    wp_buf_reset(&t->pend);
}

static void record(struct pdf_ctx *ctx, uint8_t op, enum pdf_stype type, unsigned attr,
                   uint8_t lang)
{
    struct pdf_tags *t = tags(ctx);
    if (t->pend.len && t->pend_item != ctx->n_items)
        flush(ctx, t);
    if (!t->seqmap.keys)
        wp_strmap_init(&t->seqmap);
    t->pend_item = (uint32_t)ctx->n_items;
    char ev[EV_BYTES] = {(char)(op + 1), (char)(type + 1), (char)(attr + 1), (char)(lang + 1)};
    wp_buf_add(&t->pend, ev, EV_BYTES);
}

static uint8_t lang_index(struct pdf_tags *t, const char *lang)
{
    if (!lang)
        return 0;
    for (size_t k = 0; k < t->n_langs; k++)
        if (strcmp(t->langs[k], lang) == 0)
            return (uint8_t)(k + 1);
    if (t->n_langs == sizeof(t->langs) / sizeof(t->langs[0]))
        return 0;
    t->langs[t->n_langs++] = lang;
    return (uint8_t)t->n_langs;
}

static void close_top(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = tags(ctx);
    if (t->pdepth == 0)
        return;
    t->pdepth--;
    record(ctx, EV_CLOSE, PDF_S_NONE, 0, 0);
}

void wp_pdf_tag(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *lang)
{
    struct pdf_tags *t = tags(ctx);
    if (type == PDF_S_AUTO)
        type = PDF_S_P;
    /* an automatic field table ends where something other than a row begins */
    if (type != PDF_S_TR && t->pdepth && (t->pst[t->pdepth - 1].attr & PDF_A_AUTO_TABLE))
        close_top(ctx);
    if (ctx->lang && lang && strcmp(lang, ctx->lang) == 0)
        lang = NULL;
    record(ctx, EV_OPEN, type, attr, lang_index(t, lang));
    WP_GROW(t->pst, t->pcap, t->pdepth + 1);
    t->pst[t->pdepth].type = (uint8_t)type;
    t->pst[t->pdepth++].attr = (uint8_t)attr;
}

void wp_pdf_tag_end(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = tags(ctx);
    if (t->pdepth && (t->pst[t->pdepth - 1].attr & PDF_A_AUTO_TABLE))
        close_top(ctx);
    close_top(ctx);
}

enum pdf_stype wp_pdf_tag_current(const struct pdf_ctx *ctx)
{
    const struct pdf_tags *t = ctx->tags;
    return t && t->pdepth ? (enum pdf_stype)t->pst[t->pdepth - 1].type : PDF_S_DOCUMENT;
}

void wp_pdf_tag_field_begin(struct pdf_ctx *ctx)
{
    if (wp_pdf_tag_current(ctx) != PDF_S_TABLE)
        wp_pdf_tag(ctx, PDF_S_TABLE, PDF_A_AUTO_TABLE, NULL);
    wp_pdf_tag(ctx, PDF_S_TR, 0, NULL);
    wp_pdf_tag(ctx, PDF_S_TH, PDF_A_LABEL | PDF_A_SCOPE_ROW, NULL);
    wp_pdf_tag(ctx, PDF_S_TD, PDF_A_SIBLING, NULL);
}

void wp_pdf_tag_field_end(struct pdf_ctx *ctx)
{
    for (int k = 0; k < 3; k++)
        close_top(ctx);
}

void wp_pdf_tags_prepared(struct pdf_ctx *ctx)
{
    while (tags(ctx)->pdepth)
        close_top(ctx);
    flush(ctx, ctx->tags);
}

/* ---- the side file ----------------------------------------------------------------- */

/* Decimal digits of v: the tree has a million numbers at 20,000 activities, printf is slow. */
static void add_uint(struct wp_buf *b, uint64_t v)
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

/* A reference to a local object: "\1N\3". */
static void add_ref(struct wp_buf *b, uint32_t idx)
{
    wp_buf_addc(b, '\001');
    add_uint(b, idx);
    wp_buf_addc(b, '\003');
}

static void add_hex4(struct wp_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char h[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    wp_buf_add(b, h, 4);
}

static void side_write(struct pdf_tags *t, const struct wp_buf *b)
{
    if (b->len)
        fwrite(b->data, 1, b->len, t->side);
}

static void side_ref(FILE *f, uint32_t idx)
{
    fprintf(f, "\001%u\003", (unsigned)idx);
}

/* A text string as UTF-16BE hex: no byte of it can be taken for a marker. */
void wp_pdf_add_text_string(struct wp_buf *b, const char *s)
{
    wp_buf_adds(b, "<FEFF");
    size_t len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000;
            add_hex4(b, 0xD800 + (v >> 10));
            add_hex4(b, 0xDC00 + (v & 0x3FF));
        } else {
            add_hex4(b, cp);
        }
    }
    wp_buf_addc(b, '>');
}

static void write_elem(struct pdf_ctx *ctx, struct open_el *e)
{
    struct pdf_tags *t = ctx->tags;
    struct wp_buf *b = &t->objbuf;
    wp_buf_reset(b);
    wp_buf_addc(b, '\002');
    add_uint(b, e->idx);
    wp_buf_adds(b, "\003<</S/");
    wp_buf_adds(b, type_names[e->type]);
    wp_buf_adds(b, "/P ");
    if (e->parent_pos == SIZE_MAX) {
        add_uint(b, obj_id(t->root));
        wp_buf_adds(b, " 0 R");
    } else {
        add_ref(b, t->st[e->parent_pos].idx);
    }
    if (e->page >= 0) {
        wp_buf_adds(b, "/Pg ");
        add_uint(b, (uint64_t)e->page);
        wp_buf_adds(b, " 0 R");
    }
    if (e->lang)
        wp_buf_addf(b, "/Lang (%s)", t->langs[e->lang - 1]);
    if (e->alt.len) {
        wp_buf_adds(b, e->actual ? "/ActualText " : "/Alt ");
        wp_buf_add(b, e->alt.data, e->alt.len);
    }
    if (e->attr & (PDF_A_SCOPE_ROW | PDF_A_SCOPE_COL)) {
        wp_buf_adds(b, (e->attr & PDF_A_SCOPE_ROW) ? "/A<</O/Table/Scope/Row"
                                                   : "/A<</O/Table/Scope/Column");
        wp_buf_adds(b, (e->attr & PDF_A_COLSPAN2) ? "/ColSpan 2>>" : ">>");
    }
    wp_buf_adds(b, "/K[");
    if (e->kids.len)
        wp_buf_add(b, e->kids.data, e->kids.len);
    wp_buf_adds(b, "]>>");
    side_write(t, b);
}

/* ---- drawing pass ------------------------------------------------------------------ */

static struct open_el *push(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, uint8_t lang,
                            size_t parent_pos)
{
    struct pdf_tags *t = ctx->tags;
    if (t->depth == t->cap_st) {
        size_t old = t->cap_st;
        WP_GROW(t->st, t->cap_st, t->depth + 1);
        memset(t->st + old, 0, (t->cap_st - old) * sizeof(*t->st));
    }
    struct open_el *e = &t->st[t->depth++];
    e->idx = t->n_local++;
    e->parent_pos = parent_pos;
    e->type = (uint8_t)type;
    e->attr = (uint8_t)attr;
    e->lang = lang;
    e->page = -1;
    wp_buf_reset(&e->alt);
    e->actual = false;
    wp_buf_reset(&e->kids);
    if (parent_pos != SIZE_MAX) {
        struct wp_buf *k = &t->st[parent_pos].kids;
        add_ref(k, e->idx);
        wp_buf_addc(k, ' ');
    }
    return e;
}

static void pop(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    if (t->depth == 0)
        return;
    write_elem(ctx, &t->st[t->depth - 1]);
    t->depth--;
}

/* The innermost open element that takes labels, else the current one. */
static size_t target(const struct pdf_tags *t, bool label)
{
    if (label)
        for (size_t k = t->depth; k-- > 0;)
            if (t->st[k].attr & PDF_A_LABEL)
                return k;
    return t->depth - 1;
}

static HPDF_STATUS write_root(HPDF_Dict dict, HPDF_Stream stream)
{
    struct pdf_tags *t = dict->attr;
    uint32_t base = t->xref->start_offset + t->xref->entries->count;
    char buf[96];
    snprintf(buf, sizeof(buf), "/K %u 0 R\012/ParentTree %u 0 R\012", (unsigned)base,
             (unsigned)(base + t->tree_idx));
    HPDF_STATUS st = HPDF_Stream_WriteStr(stream, buf);
    /*
     * Made last (wp_pdf_tags_close_all), so only the objects libharu makes
     * while saving (font descriptors and files) follow it, then its
     * cross-reference table, which the splice replaces: from here the bytes
     * are held, and wp_pdf_tags_saved writes them up to that table.
     */
    if (st == HPDF_OK && t->out) {
        t->out->hold = true;
        t->hold_at = t->out->pos;
    }
    return st;
}

bool wp_pdf_tags_begin(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = tags(ctx);
    HPDF_Doc pdf = ctx->pdf;
    int fd = wp_scratch_fd(ctx->scratch_dir, "tags");
    if (fd >= 0) {
        t->side = fdopen(fd, "w+b");
        if (!t->side)
            close(fd);
    }
    if (!t->side) {
        ctx->scratch_err = errno ? errno : EIO;
        return false;
    }
    t->xref = pdf->xref;
    t->page_arr = wp_xcalloc(ctx->pag.n_pages + 1, sizeof(*t->page_arr));
    push(ctx, PDF_S_DOCUMENT, 0, 0, SIZE_MAX);
    return true;
}

void wp_pdf_tags_page_begin(struct pdf_ctx *ctx, uint32_t pageno)
{
    struct pdf_tags *t = ctx->tags;
    t->pageno = pageno;
    t->page_id = obj_id(ctx->pages[pageno]);
    t->n_mcid = 0;
}

void wp_pdf_tags_page_end(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    uint32_t idx = t->n_local++;
    struct wp_buf *b = &t->objbuf;
    wp_buf_reset(b);
    wp_buf_addc(b, '\002');
    add_uint(b, idx);
    wp_buf_adds(b, "\003[");
    for (size_t k = 0; k < t->n_mcid; k++) {
        add_ref(b, t->mcid_el[k]);
        wp_buf_addc(b, ' ');
    }
    wp_buf_addc(b, ']');
    side_write(t, b);
    t->page_arr[t->pageno] = idx;
    if (t->untagged && !ctx->untagged_page)
        ctx->untagged_page = t->pageno + 1;
}

static void replay(struct pdf_ctx *ctx, const char *seq)
{
    struct pdf_tags *t = ctx->tags;
    for (const unsigned char *ev = (const unsigned char *)seq; *ev; ev += EV_BYTES) {
        unsigned op = ev[0] - 1u, type = ev[1] - 1u, attr = ev[2] - 1u, lang = ev[3] - 1u;
        if (op == EV_CLOSE) {
            if (t->depth > 1)
                pop(ctx);
            continue;
        }
        size_t parent = t->depth - 1;
        if ((attr & PDF_A_SIBLING) && parent > 0)
            parent = t->st[parent].parent_pos;
        push(ctx, (enum pdf_stype)type, attr & ~PDF_A_SIBLING, (uint8_t)lang, parent);
    }
}

void wp_pdf_tags_item(struct pdf_ctx *ctx, size_t i)
{
    struct pdf_tags *t = ctx->tags;
    for (; t->next_item <= i && t->next_item <= ctx->n_items; t->next_item++) {
        uint32_t id = t->next_item < ctx->n_items ? ctx->draws[t->next_item].tag_seq : t->tail_seq;
        if (id)
            replay(ctx, t->seqs[id - 1]);
    }
}

void wp_pdf_mc(struct pdf_ctx *ctx, bool label)
{
    struct pdf_tags *t = ctx->tags;
    struct open_el *e = &t->st[target(t, label)];
    uint32_t mcid = (uint32_t)t->n_mcid;
    WP_GROW(t->mcid_el, t->cap_mcid, t->n_mcid + 1);
    t->mcid_el[t->n_mcid++] = e->idx;
    if (e->page < 0)
        e->page = t->page_id;
    if (e->page == t->page_id) {
        add_uint(&e->kids, mcid);
        wp_buf_addc(&e->kids, ' ');
    } else
        wp_buf_addf(&e->kids, "<</Type/MCR/Pg %u 0 R/MCID %u>> ", (unsigned)t->page_id,
                    (unsigned)mcid);
    wp_buf_addc(&ctx->ops, '/');
    wp_buf_adds(&ctx->ops, type_names[e->type]);
    wp_buf_adds(&ctx->ops, " <</MCID ");
    add_uint(&ctx->ops, mcid);
    wp_buf_adds(&ctx->ops, ">> BDC\012");
    t->mc_depth++;
}

void wp_pdf_artifact(struct pdf_ctx *ctx, enum pdf_artifact kind)
{
    /* a layout artifact needs no properties: the shortest form, thousands a booklet */
    wp_buf_adds(&ctx->ops, kind == PDF_ART_PAGINATION ? "/Artifact <</Type /Pagination>> BDC\012"
                                                      : "/Artifact BMC\012");
    ctx->tags->mc_depth++;
}

void wp_pdf_mc_end(struct pdf_ctx *ctx)
{
    wp_buf_adds(&ctx->ops, "EMC\012");
    ctx->tags->mc_depth--;
}

bool wp_pdf_in_mc(const struct pdf_ctx *ctx)
{
    return ctx->tags && ctx->tags->mc_depth > 0;
}

void wp_pdf_untagged(struct pdf_ctx *ctx)
{
    if (ctx->tags)
        ctx->tags->untagged++;
}

void wp_pdf_elem(struct pdf_ctx *ctx, enum pdf_stype type, unsigned attr, const char *alt,
                 bool label)
{
    struct pdf_tags *t = ctx->tags;
    struct open_el *e = push(ctx, type, attr, 0, target(t, label));
    if (alt)
        wp_pdf_add_text_string(&e->alt, alt);
}

void wp_pdf_elem_actual(struct pdf_ctx *ctx, const char *text)
{
    struct pdf_tags *t = ctx->tags;
    if (t->depth <= 1)
        return;
    struct open_el *e = &t->st[t->depth - 1];
    wp_buf_reset(&e->alt);
    wp_pdf_add_text_string(&e->alt, text);
    e->actual = true;
}

void wp_pdf_elem_lang(struct pdf_ctx *ctx, const char *lang)
{
    struct pdf_tags *t = ctx->tags;
    if (t->depth > 1 && lang && !(ctx->lang && strcmp(lang, ctx->lang) == 0))
        t->st[t->depth - 1].lang = lang_index(t, lang);
}

void wp_pdf_elem_end(struct pdf_ctx *ctx)
{
    if (ctx->tags->depth > 1)
        pop(ctx);
}

/*
 * The current element (a Link) owns the link annotation annot_id: an OBJR
 * kid for the element, and a key of the parent tree for the annotation.
 */
uint32_t wp_pdf_tag_link(struct pdf_ctx *ctx, uint32_t annot_id)
{
    struct pdf_tags *t = ctx->tags;
    struct open_el *e = &t->st[t->depth - 1];
    uint32_t key = ctx->pag.n_pages + (uint32_t)t->n_annot;
    WP_GROW(t->annot_el, t->cap_annot, t->n_annot + 1);
    t->annot_el[t->n_annot++] = e->idx;
    if (e->page < 0)
        e->page = t->page_id;
    wp_buf_addf(&e->kids, "<</Type/OBJR/Obj %u 0 R/Pg %u 0 R>> ", (unsigned)annot_id,
                (unsigned)t->page_id);
    return key;
}

void wp_pdf_tags_close_all(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    /* the StructTreeRoot is libharu's last object: see write_root */
    HPDF_Doc pdf = ctx->pdf;
    t->root = HPDF_Dict_New(pdf->mmgr);
    if (!t->root || HPDF_Xref_Add(pdf->xref, t->root) != HPDF_OK) {
        if (!ctx->hpdf_error)
            ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
    HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
    t->root->attr = t;
    t->root->write_fn = write_root;
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root);
    wp_pdf_tags_item(ctx, SIZE_MAX);
    while (t->depth > 0)
        pop(ctx);
    /* the parent tree: one flat number tree, pages then link annotations */
    t->tree_idx = t->n_local++;
    fprintf(t->side, "\002%u\003<</Nums[", (unsigned)t->tree_idx);
    for (uint32_t p = 0; p < ctx->pag.n_pages; p++) {
        fprintf(t->side, "%u ", (unsigned)p);
        side_ref(t->side, t->page_arr[p]);
        fputc(' ', t->side);
    }
    for (size_t k = 0; k < t->n_annot; k++) {
        fprintf(t->side, "%u ", (unsigned)(ctx->pag.n_pages + k));
        side_ref(t->side, t->annot_el[k]);
        fputc(' ', t->side);
    }
    fputs("]>>", t->side);
    HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", (HPDF_INT32)(ctx->pag.n_pages + t->n_annot));
}

/*
 * The splice: libharu's objects as it saved them (hashed), then the
 * structure objects packed into compressed object streams of OBJSTM_MAX
 * objects, then a cross-reference stream for all, whose /ID is the MD5 of
 * everything before it. Object streams make the tree about a tenth of its
 * plain size; PDF 1.5 readers and later read them (the header says 1.7).
 */
#define OBJSTM_MAX 100

struct splice {
    struct pdf_out *out;
    uint32_t base, n_local;
    uint32_t *where; /* per local object: its stream << 8 | its index there */
    uint32_t *stm_off;
    size_t n_stm, cap_stm;
    struct wp_buf head, body; /* the stream being filled: "num offset ..." and the objects */
    uint32_t in_stm;
    struct wp_buf packed;
    z_stream z;
    bool z_ready;
    bool bad;
};

static void out_bytes(struct splice *s, const void *p, size_t n)
{
    if (n && s->out->write(s->out, p, n) != 0)
        s->bad = true;
}

static void out_str(struct splice *s, const char *str)
{
    out_bytes(s, str, strlen(str));
}

/*
 * Deflates src into s->packed, with one z_stream for every object stream
 * (deflateInit clears some 270 KB each time). Level 3: at 5,000 activities
 * level 6 packs the tree 7 % smaller (14.0 against 15.0 MB of booklet) for
 * twice the deflating time.
 */
static bool pack(struct splice *s, const void *src, size_t len)
{
    z_stream *z = &s->z;
    if (!s->z_ready) {
        if (deflateInit(z, 3) != Z_OK)
            return false;
        s->z_ready = true;
    } else if (deflateReset(z) != Z_OK) {
        return false;
    }
    size_t cap = deflateBound(z, (uLong)len);
    wp_buf_reset(&s->packed);
    wp_buf_grow(&s->packed, cap);
    z->next_in = (Bytef *)src;
    z->avail_in = (uInt)len;
    z->next_out = (Bytef *)s->packed.data;
    z->avail_out = (uInt)cap;
    if (deflate(z, Z_FINISH) != Z_STREAM_END)
        return false;
    s->packed.len = cap - z->avail_out;
    return true;
}

static void flush_stm(struct splice *s)
{
    if (s->in_stm == 0)
        return;
    size_t first = s->head.len;
    wp_buf_add(&s->head, s->body.data, s->body.len);
    if (!pack(s, s->head.data, s->head.len)) {
        s->bad = true;
        return;
    }
    WP_GROW(s->stm_off, s->cap_stm, s->n_stm + 1);
    s->stm_off[s->n_stm] = (uint32_t)s->out->pos;
    char buf[160];
    snprintf(buf, sizeof(buf),
             "%u 0 obj\012<</Type/ObjStm/N %u/First %zu/Filter/FlateDecode/Length %zu>>\012"
             "stream\012",
             (unsigned)(s->base + s->n_local + s->n_stm), (unsigned)s->in_stm, first,
             s->packed.len);
    out_str(s, buf);
    out_bytes(s, s->packed.data, s->packed.len);
    out_str(s, "\012endstream\012endobj\012");
    s->n_stm++;
    wp_buf_reset(&s->head);
    wp_buf_reset(&s->body);
    s->in_stm = 0;
}

/* A marker "\1N\3" (reference) or "\2N\3" (object start) read from the side file. */
static void on_marker(struct splice *s, int kind, uint32_t n)
{
    if (n >= s->n_local) {
        s->bad = true;
        return;
    }
    if (kind == 1) {
        add_uint(&s->body, s->base + n);
        wp_buf_adds(&s->body, " 0 R");
        return;
    }
    if (s->in_stm == OBJSTM_MAX)
        flush_stm(s);
    if (s->in_stm)
        wp_buf_addc(&s->body, '\012');
    s->where[n] = (uint32_t)(s->n_stm << 8 | s->in_stm);
    add_uint(&s->head, s->base + n);
    wp_buf_addc(&s->head, ' ');
    add_uint(&s->head, s->body.len);
    wp_buf_addc(&s->head, ' ');
    s->in_stm++;
}

static void copy_side(struct splice *s, FILE *side)
{
    char buf[65536];
    int kind = 0; /* inside a marker: 1 or 2 */
    uint32_t num = 0;
    size_t n;
    rewind(side);
    while ((n = fread(buf, 1, sizeof(buf), side)) > 0) {
        size_t run = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (kind) {
                if (c == 3) {
                    on_marker(s, kind, num);
                    kind = 0;
                    run = i + 1;
                } else {
                    num = num * 10 + (uint32_t)(c - '0');
                }
            } else if (c == 1 || c == 2) {
                wp_buf_add(&s->body, buf + run, i - run);
                kind = c;
                num = 0;
            }
        }
        if (!kind)
            wp_buf_add(&s->body, buf + run, n - run);
    }
    if (ferror(side) || kind)
        s->bad = true;
    flush_stm(s);
}

/*
 * The cross-reference entries are deflated as they are made, a block at a
 * time, into s->packed: at 20,000 activities the table is 17 MB before
 * deflating, and it was held whole with room for its deflated copy.
 */
#define XREF_BLOCK (7 * 8192)

struct xref_packer {
    struct splice *s;
    unsigned char in[XREF_BLOCK];
    size_t len;
};

static void xref_deflate(struct xref_packer *x, int flush)
{
    struct splice *s = x->s;
    z_stream *z = &s->z;
    z->next_in = x->in;
    z->avail_in = (uInt)x->len;
    int rc;
    do {
        wp_buf_grow(&s->packed, XREF_BLOCK);
        z->next_out = (Bytef *)s->packed.data + s->packed.len;
        z->avail_out = XREF_BLOCK;
        rc = deflate(z, flush);
        s->packed.len = XREF_BLOCK - z->avail_out + s->packed.len;
    } while (rc == Z_OK && (z->avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END)));
    if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END)
        s->bad = true;
    x->len = 0;
}

static void xref_entry(struct xref_packer *x, int type, uint32_t f2, uint32_t f3)
{
    unsigned char *e = x->in + x->len;
    e[0] = (unsigned char)type;
    e[1] = (unsigned char)(f2 >> 24), e[2] = (unsigned char)(f2 >> 16);
    e[3] = (unsigned char)(f2 >> 8), e[4] = (unsigned char)f2;
    e[5] = (unsigned char)(f3 >> 8), e[6] = (unsigned char)f3;
    x->len += 7;
    if (x->len == XREF_BLOCK)
        xref_deflate(x, Z_NO_FLUSH);
}

/* The entries of every object, deflated into s->packed (the z_stream of pack()). */
static void pack_xref(struct splice *s, const struct pdf_tags *tg, uint64_t at)
{
    if (!s->z_ready ? deflateInit(&s->z, 3) != Z_OK : deflateReset(&s->z) != Z_OK) {
        s->bad = true;
        return;
    }
    s->z_ready = true;
    struct xref_packer *x = wp_xmalloc(sizeof(*x));
    x->s = s;
    x->len = 0;
    wp_buf_reset(&s->packed);
    for (uint32_t i = 0; i < tg->n_lib; i++)
        xref_entry(x, (int)(tg->lib_off[i] >> 30), tg->lib_off[i] & 0x3FFFFFFFu, tg->lib_gen[i]);
    for (uint32_t k = 0; k < s->n_local; k++)
        xref_entry(x, 2, s->base + s->n_local + (s->where[k] >> 8), s->where[k] & 0xFF);
    for (size_t k = 0; k < s->n_stm; k++)
        xref_entry(x, 1, s->stm_off[k], 0);
    xref_entry(x, 1, (uint32_t)at, 0);
    xref_deflate(x, Z_FINISH);
    free(x);
}

/* The cross-reference stream (/W [1 4 2]) with the trailer's keys. */
static void write_xref(struct splice *s, const struct pdf_tags *tg)
{
    uint32_t self = s->base + s->n_local + (uint32_t)s->n_stm;
    uint64_t at = s->out->pos;
    pack_xref(s, tg, at);
    if (at >= 0xFFFFFFFFu)
        s->bad = true; /* /W [1 4 2]: offsets of 4 bytes */
    HPDF_BYTE id[16];
    HPDF_MD5Final(id, &s->out->md5);
    char hex[33];
    for (int k = 0; k < 16; k++)
        snprintf(hex + 2 * k, 3, "%02X", id[k]);
    char buf[320];
    snprintf(buf, sizeof(buf),
             "%u 0 obj\012<</Type/XRef/Size %u/W[1 4 2]/Root %u 0 R/Info %u 0 R"
             "/ID[<%s><%s>]/Filter/FlateDecode/Length %zu>>\012stream\012",
             (unsigned)self, (unsigned)(self + 1), (unsigned)tg->root_id, (unsigned)tg->info_id,
             hex, hex, s->packed.len);
    out_str(s, buf);
    out_bytes(s, s->packed.data, s->packed.len);
    snprintf(buf, sizeof(buf), "\012endstream\012endobj\012startxref\012%llu\012%%%%EOF\012",
             (unsigned long long)at);
    out_str(s, buf);
}

void wp_pdf_tags_output(struct pdf_ctx *ctx, struct pdf_out *out)
{
    if (ctx->tags)
        ctx->tags->out = out;
}

bool wp_pdf_tags_saved(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    HPDF_Xref x = ctx->pdf->xref;
    /* one table from object 0, and libharu's table right after our root object */
    if (!t || !t->out || !t->out->hold || x->prev || x->start_offset != 0 || x->addr < t->hold_at ||
        x->addr - t->hold_at > t->out->held.len || x->addr >= 0x40000000u)
        return false;
    t->out->hold = false;
    size_t keep = (size_t)(x->addr - t->hold_at);
    if (keep && t->out->write(t->out, t->out->held.data, keep) != 0)
        return false;
    wp_buf_release(&t->out->held);
    t->n_lib = x->entries->count;
    t->lib_off = wp_xmalloc((t->n_lib + 1) * sizeof(*t->lib_off));
    t->lib_gen = wp_xmalloc((t->n_lib + 1) * sizeof(*t->lib_gen));
    for (uint32_t i = 0; i < t->n_lib; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(x->entries, i);
        bool used = e->entry_typ != HPDF_FREE_ENTRY;
        t->lib_off[i] = used ? (1u << 30 | e->byte_offset) : 0;
        t->lib_gen[i] = e->gen_no;
    }
    t->root_id = obj_id(ctx->pdf->catalog);
    t->info_id = obj_id(ctx->pdf->info);
    return true;
}

int wp_pdf_tags_finish(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    if (!t || !t->side || !t->lib_off || !t->out)
        return EINVAL;
    if (fflush(t->side) != 0 || ferror(t->side))
        return errno ? errno : EIO;
    struct splice s = {.head = WP_BUF_INIT, .body = WP_BUF_INIT, .packed = WP_BUF_INIT};
    s.out = t->out;
    s.base = t->n_lib;
    s.n_local = t->n_local;
    s.where = wp_xcalloc(s.n_local + 1, sizeof(*s.where));
    copy_side(&s, t->side);
    write_xref(&s, t);
    free(s.where);
    free(s.stm_off);
    wp_buf_release(&s.head);
    wp_buf_release(&s.body);
    wp_buf_release(&s.packed);
    if (s.z_ready)
        deflateEnd(&s.z);
    return s.bad ? EIO : 0;
}

void wp_pdf_tags_release(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    if (!t)
        return;
    if (t->side)
        fclose(t->side);
    for (size_t k = 0; k < t->cap_st; k++) {
        wp_buf_release(&t->st[k].kids);
        wp_buf_release(&t->st[k].alt);
    }
    free(t->st);
    wp_buf_release(&t->pend);
    free(t->seqs);
    if (t->seqmap.keys)
        wp_strmap_release(&t->seqmap);
    free(t->pst);
    free(t->mcid_el);
    free(t->page_arr);
    free(t->annot_el);
    wp_buf_release(&t->objbuf);
    free(t->lib_off);
    free(t->lib_gen);
    free(t);
    ctx->tags = NULL;
}
