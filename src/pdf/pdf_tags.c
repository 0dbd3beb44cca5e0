/*
 * Tagged PDF: the structure tree and marked content (pdf_tags.h says how
 * the two passes share the work).
 *
 * Structure elements are numbered locally as they open (0 = Document) and
 * written, when they close, as objects the backend writes after libharu's
 * (wp_pdf_be_obj_new, pdf_xref.c), so the tree never sits in memory.
 * Memory: the open elements and one page's MCIDs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    uint32_t root_id; /* the StructTreeRoot's object number */
    /* the current page */
    uint32_t pageno, page_id;
    uint32_t *mcid_el;
    size_t n_mcid, cap_mcid;
    int mc_depth;
    uint32_t *page_arr; /* per page: its ParentTree array */
    uint32_t *annot_el;
    size_t n_annot, cap_annot;
    uint32_t untagged;
    struct wp_buf objbuf; /* an object on its way to the backend */
};

static struct pdf_tags *tags(struct pdf_ctx *ctx)
{
    if (!ctx->tags)
        ctx->tags = wp_xcalloc(1, sizeof(*ctx->tags));
    return ctx->tags;
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
    if (t->pend_item < ctx->flow.n_items)
        ctx->flow.draws[t->pend_item].tag_seq = (uint32_t)id;
    else
        t->tail_seq = (uint32_t)id;
    wp_buf_reset(&t->pend);
}

static void record(struct pdf_ctx *ctx, uint8_t op, enum pdf_stype type, unsigned attr,
                   uint8_t lang)
{
    struct pdf_tags *t = tags(ctx);
    if (t->pend.len && t->pend_item != ctx->flow.n_items)
        flush(ctx, t);
    if (!t->seqmap.keys)
        wp_strmap_init(&t->seqmap);
    t->pend_item = (uint32_t)ctx->flow.n_items;
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

size_t wp_pdf_tags_events(const struct pdf_ctx *ctx, size_t i, struct wp_buf *out)
{
    const struct pdf_tags *t = ctx->tags;
    wp_buf_reset(out);
    uint32_t id = !t ? 0 : i < ctx->flow.n_items ? ctx->flow.draws[i].tag_seq : t->tail_seq;
    if (!id)
        return 0;
    size_t n = 0;
    for (const unsigned char *ev = (const unsigned char *)t->seqs[id - 1]; *ev;
         ev += EV_BYTES, n++) {
        if (out->len)
            wp_buf_addc(out, ' ');
        if (ev[0] - 1u == EV_CLOSE)
            wp_buf_addc(out, '-');
        else
            wp_buf_addf(out, "+%s", type_names[ev[1] - 1u]);
    }
    return n;
}

/* ---- the structure objects --------------------------------------------------------- */

static void add_ref(struct wp_buf *b, uint32_t idx)
{
    wp_pdf_be_ref(b, idx, false);
}

static void side_write(struct pdf_ctx *ctx, const struct wp_buf *b)
{
    wp_pdf_be_obj_write(ctx->be, b->data, b->len);
}

static void write_elem(struct pdf_ctx *ctx, struct open_el *e)
{
    struct pdf_tags *t = ctx->tags;
    struct wp_buf *b = &t->objbuf;
    wp_buf_reset(b);
    wp_pdf_be_ref(b, e->idx, true);
    wp_buf_adds(b, "<</S/");
    wp_buf_adds(b, type_names[e->type]);
    wp_buf_adds(b, "/P ");
    if (e->parent_pos == SIZE_MAX) {
        wp_pdf_add_uint(b, t->root_id);
        wp_buf_adds(b, " 0 R");
    } else {
        add_ref(b, t->st[e->parent_pos].idx);
    }
    if (e->page >= 0) {
        wp_buf_adds(b, "/Pg ");
        wp_pdf_add_uint(b, (uint64_t)e->page);
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
    side_write(ctx, b);
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
    e->idx = wp_pdf_be_obj_new(ctx->be);
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

bool wp_pdf_tags_begin(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = tags(ctx);
    if (!wp_pdf_be_deferred_begin(ctx->be))
        return false;
    t->page_arr = wp_xcalloc(ctx->flow.pag.n_pages + 1, sizeof(*t->page_arr));
    push(ctx, PDF_S_DOCUMENT, 0, 0, SIZE_MAX);
    return true;
}

void wp_pdf_tags_page_begin(struct pdf_ctx *ctx, uint32_t pageno)
{
    struct pdf_tags *t = ctx->tags;
    t->pageno = pageno;
    t->page_id = wp_pdf_be_page_obj(ctx->be, pageno);
    t->n_mcid = 0;
}

void wp_pdf_tags_page_end(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    uint32_t idx = wp_pdf_be_obj_new(ctx->be);
    struct wp_buf *b = &t->objbuf;
    wp_buf_reset(b);
    wp_pdf_be_ref(b, idx, true);
    wp_buf_addc(b, '[');
    for (size_t k = 0; k < t->n_mcid; k++) {
        add_ref(b, t->mcid_el[k]);
        wp_buf_addc(b, ' ');
    }
    wp_buf_addc(b, ']');
    side_write(ctx, b);
    t->page_arr[t->pageno] = idx;
    if (t->untagged && !ctx->paint.untagged_page)
        ctx->paint.untagged_page = t->pageno + 1;
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
    for (; t->next_item <= i && t->next_item <= ctx->flow.n_items; t->next_item++) {
        uint32_t id =
            t->next_item < ctx->flow.n_items ? ctx->flow.draws[t->next_item].tag_seq : t->tail_seq;
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
        wp_pdf_add_uint(&e->kids, mcid);
        wp_buf_addc(&e->kids, ' ');
    } else
        wp_buf_addf(&e->kids, "<</Type/MCR/Pg %u 0 R/MCID %u>> ", (unsigned)t->page_id,
                    (unsigned)mcid);
    wp_buf_addc(&ctx->paint.ops, '/');
    wp_buf_adds(&ctx->paint.ops, type_names[e->type]);
    wp_buf_adds(&ctx->paint.ops, " <</MCID ");
    wp_pdf_add_uint(&ctx->paint.ops, mcid);
    wp_buf_adds(&ctx->paint.ops, ">> BDC\012");
    t->mc_depth++;
}

void wp_pdf_artifact(struct pdf_ctx *ctx, enum pdf_artifact kind)
{
    /* a layout artifact needs no properties: the shortest form, thousands a booklet */
    wp_buf_adds(&ctx->paint.ops, kind == PDF_ART_PAGINATION
                                     ? "/Artifact <</Type /Pagination>> BDC\012"
                                     : "/Artifact BMC\012");
    ctx->tags->mc_depth++;
}

void wp_pdf_mc_end(struct pdf_ctx *ctx)
{
    wp_buf_adds(&ctx->paint.ops, "EMC\012");
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
    uint32_t key = ctx->flow.pag.n_pages + (uint32_t)t->n_annot;
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
    /* the StructTreeRoot is libharu's last object (pdf_xref.c) */
    t->root_id = wp_pdf_be_struct_root(ctx->be);
    if (!t->root_id)
        return;
    wp_pdf_tags_item(ctx, SIZE_MAX);
    while (t->depth > 0)
        pop(ctx);
    /* the parent tree: one flat number tree, pages then link annotations */
    uint32_t tree = wp_pdf_be_obj_new(ctx->be);
    struct wp_buf *b = &t->objbuf;
    wp_buf_reset(b);
    wp_pdf_be_ref(b, tree, true);
    wp_buf_adds(b, "<</Nums[");
    for (uint32_t p = 0; p < ctx->flow.pag.n_pages; p++) {
        wp_pdf_add_uint(b, p);
        wp_buf_addc(b, ' ');
        add_ref(b, t->page_arr[p]);
        wp_buf_addc(b, ' ');
        if (b->len > 65536) {
            side_write(ctx, b); /* the object goes on in the next write */
            wp_buf_reset(b);
        }
    }
    for (size_t k = 0; k < t->n_annot; k++) {
        wp_pdf_add_uint(b, ctx->flow.pag.n_pages + k);
        wp_buf_addc(b, ' ');
        add_ref(b, t->annot_el[k]);
        wp_buf_addc(b, ' ');
        if (b->len > 65536) {
            side_write(ctx, b);
            wp_buf_reset(b);
        }
    }
    wp_buf_adds(b, "]>>");
    side_write(ctx, b);
    wp_pdf_be_struct_root_done(ctx->be, 0, tree, ctx->flow.pag.n_pages + (uint32_t)t->n_annot);
}

void wp_pdf_tags_release(struct pdf_ctx *ctx)
{
    struct pdf_tags *t = ctx->tags;
    if (!t)
        return;
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
    free(t);
    ctx->tags = NULL;
}
