/*
 * The file's last part (pdf_backend.h): the objects written after
 * libharu's, the cross-reference stream, the trailer and /ID.
 *
 * Deferred objects (the structure tree) are numbered locally as they are
 * made and written into a side file, with references to each other as
 * "\1N\3" and each object opened by "\2N\3". libharu saves its objects
 * (1..base-1) through the save's sink; its own cross-reference table and
 * trailer are held back and cut off (wp_pdf_be_xref_saved), and
 * wp_pdf_be_xref_finish writes the side objects as base+N in compressed
 * object streams, then one cross-reference stream for all whose /ID is the
 * MD5 of everything before it, so the identifier follows the content and
 * the file stays reproducible. Memory: four bytes per object for its place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf/pdf_backend_private.h"

/* ---- deferred objects ------------------------------------------------------------ */

bool wp_pdf_be_deferred_begin(struct pdf_backend *be)
{
    int fd = wp_scratch_fd(be->opt.scratch_dir, "tags");
    if (fd >= 0) {
        be->side = fdopen(fd, "w+b");
        if (!be->side)
            close(fd);
    }
    if (!be->side) {
        be->scratch_err = errno ? errno : EIO;
        return false;
    }
    be->tagged = true;
    return true;
}

uint32_t wp_pdf_be_obj_new(struct pdf_backend *be)
{
    return be->n_local++;
}

void wp_pdf_be_obj_write(struct pdf_backend *be, const void *data, size_t len)
{
    if (len && be->side)
        fwrite(data, 1, len, be->side);
}

void wp_pdf_be_ref(struct wp_buf *b, uint32_t n, bool start)
{
    wp_buf_addc(b, start ? '\002' : '\001');
    wp_pdf_add_uint(b, n);
    wp_buf_addc(b, '\003');
}

uint32_t wp_pdf_be_struct_root(struct pdf_backend *be)
{
    HPDF_Doc pdf = be->pdf;
    HPDF_Dict root = HPDF_Dict_New(pdf->mmgr);
    if (!root || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK) {
        wp_pdf_be_set_failed(be);
        return 0;
    }
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    root->attr = be;
    root->write_fn = wp_pdf_be_write_root;
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    be->struct_root = root;
    return wp_pdf_be_obj_id(root);
}

void wp_pdf_be_struct_root_done(struct pdf_backend *be, uint32_t kid, uint32_t parent_tree,
                                uint32_t next_key)
{
    if (!be->struct_root)
        return;
    be->root_kid = kid;
    be->root_tree = parent_tree;
    HPDF_Dict_AddNumber(be->struct_root, "ParentTreeNextKey", (HPDF_INT32)next_key);
}

HPDF_STATUS wp_pdf_be_write_root(HPDF_Dict dict, HPDF_Stream stream)
{
    struct pdf_backend *be = dict->attr;
    HPDF_Xref xref = be->pdf->xref;
    uint32_t base = xref->start_offset + xref->entries->count;
    char buf[96];
    snprintf(buf, sizeof(buf), "/K %u 0 R\012/ParentTree %u 0 R\012",
             (unsigned)(base + be->root_kid), (unsigned)(base + be->root_tree));
    HPDF_STATUS st = HPDF_Stream_WriteStr(stream, buf);
    /*
     * Made last (after the last page is drawn), so only the objects libharu
     * makes while saving (font descriptors and files) follow it, then its
     * cross-reference table, which the splice replaces: from here the bytes
     * are held, and wp_pdf_be_xref_saved writes them up to that table.
     */
    if (st == HPDF_OK && be->out) {
        be->out->hold = true;
        be->hold_at = be->out->pos;
    }
    return st;
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
        wp_pdf_add_uint(&s->body, s->base + n);
        wp_buf_adds(&s->body, " 0 R");
        return;
    }
    if (s->in_stm == OBJSTM_MAX)
        flush_stm(s);
    if (s->in_stm)
        wp_buf_addc(&s->body, '\012');
    s->where[n] = (uint32_t)(s->n_stm << 8 | s->in_stm);
    wp_pdf_add_uint(&s->head, s->base + n);
    wp_buf_addc(&s->head, ' ');
    wp_pdf_add_uint(&s->head, s->body.len);
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
static void pack_xref(struct splice *s, const struct pdf_backend *tg, uint64_t at)
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
static void write_xref(struct splice *s, const struct pdf_backend *tg)
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
    char buf[320], info[32] = "";
    if (tg->info_id) /* a document with no information dictionary has no /Info */
        snprintf(info, sizeof(info), "/Info %u 0 R", (unsigned)tg->info_id);
    snprintf(buf, sizeof(buf),
             "%u 0 obj\012<</Type/XRef/Size %u/W[1 4 2]/Root %u 0 R%s"
             "/ID[<%s><%s>]/Filter/FlateDecode/Length %zu>>\012stream\012",
             (unsigned)self, (unsigned)(self + 1), (unsigned)tg->root_id, info, hex, hex,
             s->packed.len);
    out_str(s, buf);
    out_bytes(s, s->packed.data, s->packed.len);
    snprintf(buf, sizeof(buf), "\012endstream\012endobj\012startxref\012%llu\012%%%%EOF\012",
             (unsigned long long)at);
    out_str(s, buf);
}

void wp_pdf_be_xref_output(struct pdf_backend *be, struct pdf_out *out)
{
    be->out = out;
}

bool wp_pdf_be_xref_saved(struct pdf_backend *be)
{
    HPDF_Xref x = be->pdf->xref;
    /* one table from object 0, and libharu's table right after our root object */
    if (!be->side || !be->out || !be->out->hold || x->prev || x->start_offset != 0 ||
        x->addr < be->hold_at || x->addr - be->hold_at > be->out->held.len ||
        x->addr >= 0x40000000u)
        return false;
    be->out->hold = false;
    size_t keep = (size_t)(x->addr - be->hold_at);
    if (keep && be->out->write(be->out, be->out->held.data, keep) != 0)
        return false;
    wp_buf_release(&be->out->held);
    be->n_lib = x->entries->count;
    be->lib_off = wp_xmalloc((be->n_lib + 1) * sizeof(*be->lib_off));
    be->lib_gen = wp_xmalloc((be->n_lib + 1) * sizeof(*be->lib_gen));
    for (uint32_t i = 0; i < be->n_lib; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(x->entries, i);
        bool used = e->entry_typ != HPDF_FREE_ENTRY;
        be->lib_off[i] = used ? (1u << 30 | e->byte_offset) : 0;
        be->lib_gen[i] = e->gen_no;
    }
    be->root_id = wp_pdf_be_obj_id(be->pdf->catalog);
    be->info_id = be->pdf->info ? wp_pdf_be_obj_id(be->pdf->info) : 0;
    return true;
}

int wp_pdf_be_xref_finish(struct pdf_backend *be)
{
    if (!be->side || !be->lib_off || !be->out)
        return EINVAL;
    if (fflush(be->side) != 0 || ferror(be->side))
        return errno ? errno : EIO;
    struct splice s = {.head = WP_BUF_INIT, .body = WP_BUF_INIT, .packed = WP_BUF_INIT};
    s.out = be->out;
    s.base = be->n_lib;
    s.n_local = be->n_local;
    s.where = wp_xcalloc(s.n_local + 1, sizeof(*s.where));
    copy_side(&s, be->side);
    write_xref(&s, be);
    free(s.where);
    free(s.stm_off);
    wp_buf_release(&s.head);
    wp_buf_release(&s.body);
    wp_buf_release(&s.packed);
    if (s.z_ready)
        deflateEnd(&s.z);
    return s.bad ? EIO : 0;
}

void wp_pdf_be_xref_release(struct pdf_backend *be)
{
    if (be->side)
        fclose(be->side);
    be->side = NULL;
    free(be->lib_off);
    free(be->lib_gen);
    be->lib_off = NULL;
    be->lib_gen = NULL;
}
