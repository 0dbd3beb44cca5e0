/*
 * The backend (pdf_backend.h) on a tiny document: objects written after
 * libharu's, page streams, the cross-reference stream and /ID; glyph-keyed
 * fonts, TrueType (Noto Sans) and CFF (Noto Sans CJK, an OpenType
 * collection), subset here with hb-subset keeping glyph ids. Checked with
 * qpdf --check, pdftotext, mutool and Ghostscript.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/pdf_backend_private.h"

#define NOTO_SANS "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
#define NOTO_CJK "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

/* A font shaped, subset and described for wp_pdf_glyph_font_set, and the codes drawn. */
struct shaped {
    struct pdf_glyph_font f;
    hb_blob_t *program;
    uint32_t gids[64], adv[64];
    char *text[64];
    const char *unicode[64];
    struct wp_buf codes; /* "<0012002A...>": the glyphs of the text, in order */
};

static void shaped_release(struct shaped *s)
{
    for (size_t k = 0; k < s->f.n_glyphs; k++)
        free(s->text[k]);
    hb_blob_destroy(s->program);
    wp_buf_release(&s->codes);
}

/* Glyph k of the set: found or inserted in ascending order. */
static size_t glyph_slot(struct shaped *s, uint32_t gid)
{
    size_t k = 0;
    while (k < s->f.n_glyphs && s->gids[k] < gid)
        k++;
    if (k < s->f.n_glyphs && s->gids[k] == gid)
        return k;
    assert_true(s->f.n_glyphs < 64);
    size_t tail = s->f.n_glyphs - k;
    memmove(s->gids + k + 1, s->gids + k, tail * sizeof(s->gids[0]));
    memmove(s->adv + k + 1, s->adv + k, tail * sizeof(s->adv[0]));
    memmove(s->text + k + 1, s->text + k, tail * sizeof(s->text[0]));
    s->gids[k] = gid;
    s->text[k] = NULL;
    s->f.n_glyphs++;
    return k;
}

static char *text_between(const char *text, size_t from, size_t to)
{
    char *t = wp_xmalloc(to - from + 1);
    memcpy(t, text + from, to - from);
    t[to - from] = 0;
    return t;
}

/* Shapes text with path's face `index`, subsets the face to its glyphs (ids kept). */
static void shape(struct shaped *s, const char *path, unsigned index, const char *text, bool cff)
{
    memset(s, 0, sizeof(*s));
    s->codes = (struct wp_buf)WP_BUF_INIT;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        fail_msg("font %s is not installed (scripts/install-deps.sh --test)", path);
    hb_face_t *face = hb_face_create(blob, index);
    hb_font_t *font = hb_font_create(face);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    wp_buf_addc(&s->codes, '<');
    for (unsigned i = 0; i < n; i++) {
        size_t end = i + 1 < n ? info[i + 1].cluster : strlen(text);
        size_t k = glyph_slot(s, info[i].codepoint);
        s->adv[k] = (uint32_t)pos[i].x_advance;
        if (!s->text[k])
            s->text[k] = text_between(text, info[i].cluster, end);
        wp_buf_addf(&s->codes, "%04X", (unsigned)info[i].codepoint);
    }
    wp_buf_addc(&s->codes, '>');
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    for (size_t k = 0; k < s->f.n_glyphs; k++)
        hb_set_add(hb_subset_input_glyph_set(in), s->gids[k]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    assert_non_null(sub);
    s->program = hb_face_reference_blob(sub);
    unsigned len = 0;
    s->f.program = (const unsigned char *)hb_blob_get_data(s->program, &len);
    s->f.program_len = len;
    for (size_t k = 0; k < s->f.n_glyphs; k++)
        s->unicode[k] = s->text[k];
    hb_font_extents_t ext;
    hb_font_get_h_extents(font, &ext);
    hb_position_t cap = 0;
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
    s->f.ps_name = cff ? "NotoSansCJKjp-Regular" : "NotoSans-Regular";
    s->f.cff = cff;
    s->f.units_per_em = hb_face_get_upem(face);
    s->f.ascent = ext.ascender;
    s->f.descent = ext.descender;
    s->f.cap_height = cap;
    s->f.bbox[0] = 0, s->f.bbox[1] = ext.descender;
    s->f.bbox[2] = (int)s->f.units_per_em, s->f.bbox[3] = ext.ascender;
    s->f.gids = s->gids;
    s->f.advances = s->adv;
    s->f.unicode = s->unicode;
    hb_face_destroy(sub);
    hb_subset_input_destroy(in);
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

/* Runs cmd; its output (stdout and stderr) in out, its exit status returned. */
static int run(const char *cmd, struct wp_buf *out)
{
    wp_buf_reset(out);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        wp_buf_add(out, chunk, n);
    wp_buf_addc(out, 0);
    return pclose(p);
}

/* A one-page document: text drawn in each glyph font, a Document element, a parent tree. */
static void tiny_document(const char *path, struct shaped *fonts, size_t n_fonts)
{
    struct pdf_be_options o = {.page_w = 300, .page_h = 200, .zlevel = 6, .scratch_dir = NULL};
    struct pdf_backend *be = wp_pdf_be_open(&o);
    assert_non_null(be);
    assert_true(wp_pdf_be_deferred_begin(be));
    assert_true(wp_pdf_be_pages_new(be, 1));
    int handle[4];
    struct wp_buf ops = WP_BUF_INIT;
    wp_buf_adds(&ops, "/P <</MCID 0>> BDC\012");
    for (size_t k = 0; k < n_fonts; k++) {
        const char *name = NULL;
        handle[k] = wp_pdf_glyph_font_new(be, &name);
        assert_int_equal(handle[k], (int)k);
        assert_non_null(name);
        wp_buf_addf(&ops, "BT /%s 14 Tf 20 %d Td %s Tj ET\012", name, 150 - 40 * (int)k,
                    fonts[k].codes.data);
    }
    wp_buf_adds(&ops, "EMC\012");
    wp_pdf_be_stream_begin(be);
    wp_pdf_be_page_done(be, wp_pdf_be_page(be, 0), &ops);
    wp_pdf_be_stream_end(be);
    assert_int_equal(ops.len, 0);
    /* the glyphs are known at the end, as the text engine knows them */
    for (size_t k = 0; k < n_fonts; k++)
        assert_true(wp_pdf_glyph_font_set(be, handle[k], &fonts[k].f));
    /* objects after libharu's: the Document element (local 0), the parent tree (local 2)
     * and the page's marked-content array (local 1) */
    uint32_t root = wp_pdf_be_struct_root(be);
    assert_int_not_equal(root, 0);
    uint32_t doc = wp_pdf_be_obj_new(be), arr = wp_pdf_be_obj_new(be);
    uint32_t tree = wp_pdf_be_obj_new(be);
    struct wp_buf b = WP_BUF_INIT;
    wp_pdf_be_ref(&b, doc, true);
    wp_buf_addf(&b, "<</S/Document/P %u 0 R/Pg %u 0 R/K[0]>>", (unsigned)root,
                (unsigned)wp_pdf_be_page_obj(be, 0));
    wp_pdf_be_ref(&b, arr, true);
    wp_buf_addc(&b, '[');
    wp_pdf_be_ref(&b, doc, false);
    wp_buf_addc(&b, ']');
    wp_pdf_be_ref(&b, tree, true);
    wp_buf_adds(&b, "<</Nums[0 ");
    wp_pdf_be_ref(&b, arr, false);
    wp_buf_adds(&b, "]>>");
    wp_pdf_be_obj_write(be, b.data, b.len);
    wp_buf_release(&b);
    wp_pdf_be_struct_root_done(be, doc, tree, 1);
    HPDF_SetInfoAttr(wp_pdf_be_doc(be), HPDF_INFO_TITLE, "tiny");
    assert_false(wp_pdf_be_failed(be));
    struct wp_atomic at = {.fd = -1, .slot = -1};
    assert_int_equal(wp_atomic_begin(&at, path), 0);
    assert_int_equal(wp_pdf_be_save(be, &at), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    wp_pdf_be_close(be);
    wp_buf_release(&ops);
}

/* The file's bytes. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *d = malloc(*len + 1);
    assert_int_equal(fread(d, 1, *len, f), *len);
    d[*len] = 0;
    fclose(f);
    return d;
}

static const unsigned char *find(const unsigned char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

/* qpdf finds no fault, pdftotext gives back want, mutool and Ghostscript say nothing. */
static void check_readers(const char *path, const char *want)
{
    struct wp_buf out = WP_BUF_INIT;
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "qpdf --check '%s' 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    assert_non_null(strstr(out.data, "No syntax or stream encoding errors"));
    assert_null(strstr(out.data, "WARNING"));
    snprintf(cmd, sizeof(cmd), "pdftotext -q '%s' - 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    if (!strstr(out.data, want))
        fail_msg("pdftotext gave '%s', not '%s'", out.data, want);
    /* as tests/suites/pdfua.sh: this mupdf build's note about ICC is no warning of ours */
    snprintf(cmd, sizeof(cmd),
             "mutool draw -q -o /dev/null '%s' 2>&1 | grep -v '^warning: ICC support is not "
             "available$'",
             path);
    run(cmd, &out);
    if (out.len > 1)
        fail_msg("mutool: %s", out.data);
    snprintf(cmd, sizeof(cmd), "gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage '%s' 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    if (out.len > 1)
        fail_msg("gs: %s", out.data);
    wp_buf_release(&out);
}

static char tmp_path[256];

static int setup(void **state)
{
    (void)state;
    const char *dir = getenv("TMPDIR");
    snprintf(tmp_path, sizeof(tmp_path), "%s/wp-test-backend-%d.pdf", dir && *dir ? dir : "/tmp",
             (int)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(tmp_path);
    return 0;
}

static void test_objects_xref_stream_and_id(void **state)
{
    (void)state;
    struct shaped latin;
    shape(&latin, NOTO_SANS, 0, "office", false);
    tiny_document(tmp_path, &latin, 1);
    check_readers(tmp_path, "office");
    size_t len;
    unsigned char *d = slurp(tmp_path, &len);
    /* one cross-reference stream, no table; the objects after libharu's in an object stream */
    assert_null(find(d, len, "\012xref\012"));
    assert_non_null(find(d, len, "/Type/ObjStm/N 3"));
    const unsigned char *xref = find(d, len, "/Type/XRef");
    assert_non_null(xref);
    /* /ID: the MD5 of every byte before the cross-reference stream's object */
    const unsigned char *obj = xref;
    for (int line = 0; line < 2; line++) /* back over "<<" and "N 0 obj" */
        for (obj--; obj > d && obj[-1] != '\012';)
            obj--;
    HPDF_MD5_CTX md5;
    HPDF_BYTE digest[16];
    HPDF_MD5Init(&md5);
    HPDF_MD5Update(&md5, d, (HPDF_UINT32)(obj - d));
    HPDF_MD5Final(digest, &md5);
    char id[80] = "/ID[<";
    for (int k = 0; k < 16; k++)
        snprintf(id + 5 + 2 * k, 3, "%02X", digest[k]);
    memcpy(id + 37, "><", 3);
    memcpy(id + 39, id + 5, 32);
    memcpy(id + 71, ">]", 3);
    assert_non_null(find(xref, len - (size_t)(xref - d), id));
    /* the same document again: the same bytes */
    char again[300];
    snprintf(again, sizeof(again), "%s.2", tmp_path);
    tiny_document(again, &latin, 1);
    size_t len2;
    unsigned char *d2 = slurp(again, &len2);
    unlink(again);
    assert_int_equal(len2, len);
    assert_memory_equal(d2, d, len);
    free(d2);
    free(d);
    shaped_release(&latin);
}

static void test_glyph_fonts_truetype_and_cff(void **state)
{
    (void)state;
    struct shaped f[2];
    shape(&f[0], NOTO_SANS, 0, "Waffles office", false);
    shape(&f[1], NOTO_CJK, 0, "日本語の文字", true);
    tiny_document(tmp_path, f, 2);
    check_readers(tmp_path, "Waffles office");
    check_readers(tmp_path, "日本語の文字");
    size_t len;
    unsigned char *d = slurp(tmp_path, &len);
    assert_non_null(find(d, len, "/Subtype /CIDFontType2"));
    assert_non_null(find(d, len, "/CIDToGIDMap /Identity"));
    assert_non_null(find(d, len, "/Subtype /CIDFontType0"));
    assert_non_null(find(d, len, "/FontFile3"));
    assert_non_null(find(d, len, "/Subtype /OpenType"));
    /* a subset tag of six capitals, the same for the same glyphs */
    const unsigned char *bf = find(d, len, "/BaseFont /");
    assert_non_null(bf);
    for (int k = 0; k < 6; k++)
        assert_true(bf[11 + k] >= 'A' && bf[11 + k] <= 'Z');
    assert_int_equal(bf[17], '+');
    free(d);
    shaped_release(&f[0]);
    shaped_release(&f[1]);
}

static void test_tounicode_blocks_of_100(void **state)
{
    (void)state;
    enum { N = 250 };
    uint32_t gids[N];
    const char *uni[N];
    for (int k = 0; k < N; k++) {
        gids[k] = (uint32_t)(k + 3);
        uni[k] = k == 7 ? "ffi" : k == 8 ? "\xf0\x9f\x98\x80" : k == 9 ? NULL : "a";
    }
    struct pdf_glyph_font f = {.n_glyphs = N, .gids = gids, .unicode = uni};
    struct wp_buf b = WP_BUF_INIT;
    wp_pdf_glyph_tounicode(&f, &b);
    /* 249 entries (one glyph stands for nothing): 100, 100, 49 */
    assert_non_null(strstr(b.data, "100 beginbfchar\n<0003> <0061>\n"));
    assert_non_null(strstr(b.data, "49 beginbfchar\n"));
    assert_null(strstr(b.data, "<000C>"));
    /* a ligature maps to its whole string; beyond the BMP, a surrogate pair */
    assert_non_null(strstr(b.data, "<000A> <006600660069>\n"));
    assert_non_null(strstr(b.data, "<000B> <D83DDE00>\n"));
    wp_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_objects_xref_stream_and_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_glyph_fonts_truetype_and_cff, setup, teardown),
        cmocka_unit_test(test_tounicode_blocks_of_100),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
