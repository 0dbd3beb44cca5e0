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
 * The compressed bytes then wait in a scratch file (the spool) rather than
 * in memory: the page's stream becomes a small reader of its part of the
 * spool, which libharu reads back when it saves. The spool sits beside the
 * output's temporary file (a /tmp in memory would hold it in RAM again),
 * so a full disk there is the output's failure. At 5,000 activities with
 * measured indicators that took 9.5 MB off the booklet's peak.
 *
 * Deflating is 45 % of the booklet's time, so it runs on a second thread
 * while the next pages are drawn: the worker only reads a finished page's
 * buffers and writes its own; every libharu call (allocation included) stays
 * on the drawing thread, which installs the result. At most PIPE_DEPTH pages
 * wait, so memory stays flat.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf/pdf_backend_private.h"

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* ---- the spool ------------------------------------------------------------------ */

/* A page's stream as libharu sees it: its part of the spool, read when it saves. */
struct spooled {
    HPDF_Stream_Rec s; /* first: libharu frees the block through it */
    int fd;
    uint64_t off;
    HPDF_UINT len, pos;
};

/* A failed read of the spool: reported as the output's failure (wp_pdf_be_scratch_err). */
static HPDF_STATUS scratch_error(HPDF_Stream s, int err)
{
    struct pdf_backend *be = s->error ? s->error->user_data : NULL;
    if (be && !be->scratch_err)
        be->scratch_err = err;
    return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)err);
}

static HPDF_STATUS spooled_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
    struct spooled *sp = (struct spooled *)s;
    HPDF_UINT n = *siz < sp->len - sp->pos ? *siz : sp->len - sp->pos;
    for (HPDF_UINT done = 0; done < n;) {
        ssize_t r = pread(sp->fd, ptr + done, n - done, (off_t)(sp->off + sp->pos + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return scratch_error(s, r < 0 ? errno : EIO);
        done += (HPDF_UINT)r;
    }
    sp->pos += n;
    *siz = n;
    return sp->pos == sp->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS spooled_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    struct spooled *sp = (struct spooled *)s;
    int64_t at = mode == HPDF_SEEK_SET   ? pos
                 : mode == HPDF_SEEK_CUR ? (int64_t)sp->pos + pos
                                         : (int64_t)sp->len + pos;
    if (at < 0 || at > (int64_t)sp->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    sp->pos = (HPDF_UINT)at;
    return HPDF_OK;
}

static HPDF_INT32 spooled_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((struct spooled *)s)->pos;
}

static HPDF_UINT32 spooled_size(HPDF_Stream s)
{
    return ((struct spooled *)s)->len;
}

static HPDF_Stream spooled_new(HPDF_MMgr mmgr, int fd, uint64_t off, HPDF_UINT len)
{
    struct spooled *sp = HPDF_GetMem(mmgr, sizeof(*sp));
    if (!sp)
        return NULL;
    memset(sp, 0, sizeof(*sp));
    sp->s.sig_bytes = HPDF_STREAM_SIG_BYTES;
    sp->s.type = HPDF_STREAM_FILE;
    sp->s.mmgr = mmgr;
    sp->s.error = mmgr->error;
    sp->s.size = len;
    sp->s.read_fn = spooled_read;
    sp->s.seek_fn = spooled_seek;
    sp->s.tell_fn = spooled_tell;
    sp->s.size_fn = spooled_size;
    sp->fd = fd;
    sp->off = off;
    sp->len = len;
    return &sp->s;
}

/* Appends len bytes to the spool (made on first use); false with be->scratch_err set. */
static bool spool_append(struct pdf_backend *be, const void *data, size_t len, uint64_t *off)
{
    if (!be->spool) {
        int fd = wp_scratch_fd(be->opt.scratch_dir, "pages");
        if (fd < 0) {
            be->scratch_err = errno ? errno : EIO;
            return false;
        }
        be->spool = wp_xcalloc(1, sizeof(*be->spool));
        be->spool->fd = fd;
    }
    *off = be->spool->size;
    for (size_t done = 0; done < len;) {
        ssize_t w = write(be->spool->fd, (const char *)data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            be->scratch_err = w < 0 && errno ? errno : EIO;
            return false;
        }
        done += (size_t)w;
    }
    be->spool->size += len;
    return true;
}

void wp_pdf_be_spool_release(struct pdf_backend *be)
{
    if (be->spool) {
        close(be->spool->fd);
        free(be->spool);
        be->spool = NULL;
    }
}

/* ---- deflating pages as they are finished ---------------------------------------- */

#define PIPE_DEPTH 8

struct zjob {
    HPDF_Page page;
    char *ops; /* the page's operators, owned by the job */
    size_t ops_len;
    HPDF_UINT n;
    HPDF_BYTE **buf; /* what libharu holds of the page, then ops: read by the worker */
    HPDF_UINT *len;
    bool ready; /* the worker may deflate it */
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
    if (!job->ready || deflateReset(z) != Z_OK)
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

/*
 * On the drawing thread: the compressed bytes go to the spool and the page's
 * stream reads them from there; when there are none, the operators go into
 * the page's stream as they are and libharu compresses them at the save.
 */
static void install(struct pdf_backend *be, struct zjob *job)
{
    HPDF_Dict contents = job->ok ? page_contents(job->page) : NULL;
    bool done = false;
    uint64_t off;
    if (contents && job->out_len <= UINT32_MAX && !be->scratch_err) {
        if (!spool_append(be, job->out, job->out_len, &off)) {
            /* a full disk: the booklet fails with the reason (wp_pdf_be_scratch_err) */
            be->error = HPDF_FILE_IO_ERROR;
        } else {
            HPDF_Stream packed =
                spooled_new(contents->mmgr, be->spool->fd, off, (HPDF_UINT)job->out_len);
            if (packed) {
                HPDF_Stream_Free(contents->stream);
                contents->stream = packed;
                ((HPDF_PageAttr)job->page->attr)->stream = packed;
                contents->filter = HPDF_STREAM_FILTER_NONE;
                contents->write_fn = write_flate_filter;
                done = true;
            }
        }
    }
    if (!done && !be->scratch_err && job->page && job->ops_len &&
        HPDF_Stream_Write(((HPDF_PageAttr)job->page->attr)->stream, (HPDF_BYTE *)job->ops,
                          (HPDF_UINT)job->ops_len) != HPDF_OK &&
        !be->error)
        be->error = HPDF_FAILD_TO_ALLOC_MEM;
    free(job->ops);
    free(job->out);
    free(job->buf);
    free(job->len);
    memset(job, 0, sizeof(*job));
}

/* The job takes the page's operators (ops); false when there is nothing to deflate. */
static bool fill_job(struct zjob *job, HPDF_Page page, struct wp_buf *ops)
{
    memset(job, 0, sizeof(*job));
    job->page = page;
    job->ops = wp_buf_detach(ops, &job->ops_len);
    HPDF_Dict contents = page_contents(page);
    if (!contents)
        return false;
    HPDF_Stream s = contents->stream;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
    job->buf = calloc(n + 1, sizeof(*job->buf));
    job->len = calloc(n + 1, sizeof(*job->len));
    if (!job->buf || !job->len)
        return false;
    for (HPDF_UINT k = 0; k < n; k++) {
        job->buf[k] = HPDF_MemStream_GetBufPtr(s, k, &job->len[k]);
        if (!job->buf[k])
            return false;
    }
    job->buf[n] = (HPDF_BYTE *)job->ops;
    job->len[n] = (HPDF_UINT)job->ops_len;
    job->n = n + 1;
    job->ready = true;
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
static void install_oldest(struct pdf_backend *be)
{
    struct pdf_zpipe *zp = be->zpipe;
    pthread_mutex_lock(&zp->mu);
    while (zp->compressed == zp->installed)
        pthread_cond_wait(&zp->done, &zp->mu);
    pthread_mutex_unlock(&zp->mu);
    install(be, &zp->jobs[zp->installed % PIPE_DEPTH]);
    zp->installed++;
}

void wp_pdf_be_stream_begin(struct pdf_backend *be)
{
    struct pdf_zpipe *zp = wp_xcalloc(1, sizeof(*zp));
    if (deflateInit(&zp->z, be->opt.zlevel) != Z_OK) {
        /* no zlib state: libharu compresses the pages at the save, as it would */
        free(zp);
        be->zpipe = NULL;
        return;
    }
    pthread_mutex_init(&zp->mu, NULL);
    pthread_cond_init(&zp->work, NULL);
    pthread_cond_init(&zp->done, NULL);
    /* without a second thread, pages are deflated where they are drawn */
    zp->threaded = pthread_create(&zp->thread, NULL, worker, zp) == 0;
    be->zpipe = zp;
}

void wp_pdf_be_page_done(struct pdf_backend *be, HPDF_Page page, struct wp_buf *ops)
{
    struct pdf_zpipe *zp = be->zpipe;
    if (!zp || !zp->threaded) {
        struct zjob job;
        if (fill_job(&job, page, ops) && zp)
            deflate_job(&job, &zp->z);
        install(be, &job);
        return;
    }
    if (zp->submitted - zp->installed == PIPE_DEPTH)
        install_oldest(be);
    struct zjob *job = &zp->jobs[zp->submitted % PIPE_DEPTH];
    /* a job that cannot be deflated is still handed over, in order: installing it
     * writes its operators uncompressed */
    fill_job(job, page, ops);
    pthread_mutex_lock(&zp->mu);
    zp->submitted++;
    pthread_cond_signal(&zp->work);
    pthread_mutex_unlock(&zp->mu);
}

void wp_pdf_be_stream_end(struct pdf_backend *be)
{
    struct pdf_zpipe *zp = be->zpipe;
    if (!zp)
        return;
    if (zp->threaded) {
        while (zp->installed < zp->submitted)
            install_oldest(be);
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
    be->zpipe = NULL;
}
