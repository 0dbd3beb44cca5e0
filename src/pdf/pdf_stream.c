/*
 * Each page's content stream is compressed as soon as the page is drawn.
 *
 * libharu 2.3.0 keeps every page's content uncompressed in memory until
 * HPDF_SaveToFile and only then deflates it: at 20,000 activities that is
 * about 150 MB of page operators held at once (massif, docs/performance.md).
 * Here a finished page's stream is deflated into its own memory stream, the
 * stream's filter is cleared so that libharu writes the bytes as they are,
 * and the dictionary's write hook (HPDF_Dict_OnWriteFunc, installed header
 * hpdf_objects.h) adds the /Filter /FlateDecode entry that libharu would
 * otherwise write. The page holds about a sixth of the bytes from then on,
 * and the save no longer compresses anything but the fonts.
 *
 * Deflating is 45 % of the booklet's time, so it runs on a second thread
 * while the next pages are drawn: the worker only reads a finished page's
 * buffers and writes its own; every libharu call (allocation included) stays
 * on the drawing thread, which installs the result. At most PIPE_DEPTH pages
 * wait, so memory stays flat.
 *
 * Text is written here too, as a literal string of 2-byte codes (the fonts
 * are Identity-H with CID = Unicode, libraries.md A1): HPDF_Page_TextOut
 * writes four hex digits a character, which made 63 % of the page bytes,
 * and it measures every character again. Half the bytes, a third less
 * deflating.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf/pdf_internal.h"

/* v to 1/100, without trailing zeros, as PDF operands are usually written */
static void add_num(struct wp_buf *b, double v)
{
    long c = (long)(v * 100.0 + (v < 0 ? -0.5 : 0.5));
    if (c < 0) {
        wp_buf_addc(b, '-');
        c = -c;
    }
    wp_buf_addf(b, "%ld", c / 100);
    if (c % 100) {
        wp_buf_addc(b, '.');
        wp_buf_addc(b, (char)('0' + c % 100 / 10));
        if (c % 10)
            wp_buf_addc(b, (char)('0' + c % 10));
    }
}

void wp_pdf_page_text(struct pdf_ctx *ctx, HPDF_Page page, double x, double y, const char *s,
                      size_t len)
{
    struct wp_buf *b = &ctx->scratch;
    b->len = 0;
    add_num(b, x);
    wp_buf_addc(b, ' ');
    add_num(b, y);
    wp_buf_adds(b, " Td\012(");
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x10000)
            continue; /* warned about when measured; libharu dropped them too */
        unsigned char two[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
        for (int k = 0; k < 2; k++) {
            unsigned char c = two[k];
            if (c == '(' || c == ')' || c == '\\')
                wp_buf_addc(b, '\\'), wp_buf_addc(b, (char)c);
            else if (c == '\r')
                wp_buf_adds(b, "\\r");
            else if (c == '\n')
                wp_buf_adds(b, "\\n");
            else
                wp_buf_addc(b, (char)c);
        }
    }
    wp_buf_adds(b, ") Tj\012");
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len) != HPDF_OK &&
        !ctx->hpdf_error)
        ctx->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
}

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

#define PIPE_DEPTH 8

struct zjob {
    HPDF_Page page;
    HPDF_UINT n;
    HPDF_BYTE **buf; /* the page's buffers, read by the worker */
    HPDF_UINT *len;
    unsigned char *out;
    size_t out_len;
    bool ok;
};

struct pdf_zpipe {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    struct zjob jobs[PIPE_DEPTH];
    size_t submitted, compressed, installed; /* counts; job k is jobs[k % PIPE_DEPTH] */
    bool quit;
    bool threaded; /* false: deflated on the drawing thread */
    z_stream z;    /* used by one thread only */
};

/* The page's content dictionary when it has the shape this was written for. */
static HPDF_Dict page_contents(HPDF_Page page)
{
    HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
    HPDF_Dict contents = attr ? attr->contents : NULL;
    if (!contents || !contents->stream || contents->write_fn || contents->stream != attr->stream ||
        contents->stream->type != HPDF_STREAM_MEMORY ||
        contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
        return NULL;
    return contents;
}

/*
 * Pure zlib, safe on the worker: deflates the job's buffers into job->out.
 * One z_stream serves every page (deflateReset), since deflateInit allocates
 * and clears about 270 KB of state each time.
 */
static void deflate_job(struct zjob *job, z_stream *z)
{
    job->ok = false;
    if (deflateReset(z) != Z_OK)
        return;
    uLong total = 0;
    for (HPDF_UINT k = 0; k < job->n; k++)
        total += job->len[k];
    size_t cap = deflateBound(z, total);
    job->out = malloc(cap ? cap : 1);
    if (!job->out)
        return;
    z->next_out = job->out;
    z->avail_out = (uInt)cap;
    int rc = Z_OK;
    for (HPDF_UINT k = 0; k < job->n && rc == Z_OK; k++) {
        z->next_in = job->buf[k];
        z->avail_in = job->len[k];
        rc = deflate(z, k + 1 == job->n ? Z_FINISH : Z_NO_FLUSH);
    }
    if (job->n == 0)
        rc = deflate(z, Z_FINISH);
    job->out_len = cap - z->avail_out;
    job->ok = rc == Z_STREAM_END;
}

/* On the drawing thread: the compressed bytes replace the page's stream. */
static void install(struct pdf_ctx *ctx, struct zjob *job)
{
    HPDF_Dict contents = job->ok ? page_contents(job->page) : NULL;
    if (contents) {
        /* a stream whose one buffer is exactly the compressed size */
        HPDF_Stream packed =
            HPDF_MemStream_New(contents->mmgr, job->out_len ? (HPDF_UINT)job->out_len : 1);
        if (packed && HPDF_Stream_Write(packed, job->out, (HPDF_UINT)job->out_len) == HPDF_OK) {
            HPDF_Stream_Free(contents->stream);
            contents->stream = packed;
            ((HPDF_PageAttr)job->page->attr)->stream = packed;
            contents->filter = HPDF_STREAM_FILTER_NONE;
            contents->write_fn = write_flate_filter;
        } else if (packed) {
            HPDF_Stream_Free(packed);
        }
        /* otherwise the stream is untouched and libharu compresses it */
    }
    (void)ctx;
    free(job->out);
    free(job->buf);
    free(job->len);
    memset(job, 0, sizeof(*job));
}

static bool fill_job(struct zjob *job, HPDF_Page page)
{
    memset(job, 0, sizeof(*job));
    job->page = page;
    HPDF_Dict contents = page_contents(page);
    if (!contents)
        return false;
    HPDF_Stream s = contents->stream;
    job->n = HPDF_MemStream_GetBufCount(s);
    job->buf = calloc(job->n ? job->n : 1, sizeof(*job->buf));
    job->len = calloc(job->n ? job->n : 1, sizeof(*job->len));
    if (!job->buf || !job->len)
        return false;
    for (HPDF_UINT k = 0; k < job->n; k++)
        if (!(job->buf[k] = HPDF_MemStream_GetBufPtr(s, k, &job->len[k])))
            return false;
    return true;
}

static void *worker(void *arg)
{
    struct pdf_zpipe *zp = arg;
    pthread_mutex_lock(&zp->mu);
    for (;;) {
        while (zp->compressed == zp->submitted && !zp->quit)
            pthread_cond_wait(&zp->work, &zp->mu);
        if (zp->compressed == zp->submitted)
            break; /* quit, and nothing left */
        struct zjob *job = &zp->jobs[zp->compressed % PIPE_DEPTH];
        pthread_mutex_unlock(&zp->mu);
        deflate_job(job, &zp->z);
        pthread_mutex_lock(&zp->mu);
        zp->compressed++;
        pthread_cond_signal(&zp->done);
    }
    pthread_mutex_unlock(&zp->mu);
    return NULL;
}

/* Installs the oldest job once the worker has finished it. */
static void install_oldest(struct pdf_ctx *ctx)
{
    struct pdf_zpipe *zp = ctx->zpipe;
    pthread_mutex_lock(&zp->mu);
    while (zp->compressed == zp->installed)
        pthread_cond_wait(&zp->done, &zp->mu);
    pthread_mutex_unlock(&zp->mu);
    install(ctx, &zp->jobs[zp->installed % PIPE_DEPTH]);
    zp->installed++;
}

void wp_pdf_pages_begin(struct pdf_ctx *ctx)
{
    struct pdf_zpipe *zp = wp_xcalloc(1, sizeof(*zp));
    if (deflateInit(&zp->z, ctx->zlevel) != Z_OK) {
        /* no zlib state: libharu compresses the pages at the save, as it would */
        free(zp);
        ctx->zpipe = NULL;
        return;
    }
    pthread_mutex_init(&zp->mu, NULL);
    pthread_cond_init(&zp->work, NULL);
    pthread_cond_init(&zp->done, NULL);
    /* without a second thread, pages are deflated where they are drawn */
    zp->threaded = pthread_create(&zp->thread, NULL, worker, zp) == 0;
    ctx->zpipe = zp;
}

void wp_pdf_page_done(struct pdf_ctx *ctx, HPDF_Page page)
{
    struct pdf_zpipe *zp = ctx->zpipe;
    if (!zp)
        return;
    if (!zp->threaded) {
        struct zjob job;
        if (fill_job(&job, page))
            deflate_job(&job, &zp->z);
        install(ctx, &job);
        return;
    }
    if (zp->submitted - zp->installed == PIPE_DEPTH)
        install_oldest(ctx);
    struct zjob *job = &zp->jobs[zp->submitted % PIPE_DEPTH];
    if (!fill_job(job, page)) {
        /* nothing for the worker: hand it an empty job that installs nothing */
        free(job->buf);
        free(job->len);
        memset(job, 0, sizeof(*job));
    }
    pthread_mutex_lock(&zp->mu);
    zp->submitted++;
    pthread_cond_signal(&zp->work);
    pthread_mutex_unlock(&zp->mu);
}

void wp_pdf_pages_end(struct pdf_ctx *ctx)
{
    struct pdf_zpipe *zp = ctx->zpipe;
    if (!zp)
        return;
    if (zp->threaded) {
        while (zp->installed < zp->submitted)
            install_oldest(ctx);
        pthread_mutex_lock(&zp->mu);
        zp->quit = true;
        pthread_cond_signal(&zp->work);
        pthread_mutex_unlock(&zp->mu);
        pthread_join(zp->thread, NULL);
    }
    pthread_cond_destroy(&zp->done);
    pthread_cond_destroy(&zp->work);
    pthread_mutex_destroy(&zp->mu);
    deflateEnd(&zp->z);
    free(zp);
    ctx->zpipe = NULL;
}
