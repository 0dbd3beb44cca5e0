/*
 * wp_xlsx_write: the tracking workbook's lifecycle. Prepare the rows and
 * names, create the formats once, write the sheets in workbook order, close
 * exactly once, then commit or throw away the temporary file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "workplan/build_time.h"
#include "workplan/export.h"
#include "xlsx/xlsx_internal.h"

bool wp_xlsx_check(struct wp_xlsx_ctx *ctx, lxw_error err, const char *what)
{
    if (err == LXW_NO_ERROR)
        return !ctx->failed;
    if (!ctx->failed)
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, ctx->path, (struct wp_pos){0, 0},
                     "cannot write '%s': %s (%s)", ctx->path, lxw_strerror(err), what);
    ctx->failed = true;
    return false;
}

void wp_xlsx_fail(struct wp_xlsx_ctx *ctx, const char *what, const char *detail)
{
    if (!ctx->failed)
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, ctx->path, (struct wp_pos){0, 0},
                     "cannot write '%s': %s '%s'", ctx->path, what, detail);
    ctx->failed = true;
}

void wp_xlsx_string(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s, lxw_format *f)
{
    if (ctx->failed)
        return;
    if (!s || !*s) {
        wp_xlsx_blank(ctx, ws, row, col, f);
        return;
    }
    /* the loader hands over valid UTF-8 only; this guard keeps a bad byte from corrupting the file
     */
    bool cut = false;
    const char *safe = wp_xlsx_safe_text(s, WP_XLSX_MAX_CELL_CHARS, &ctx->scratch, &cut);
    ctx->n_cut += cut;
    safe = wp_xlsx_escape_ooxml(safe, &ctx->escaped);
    wp_xlsx_check(ctx, worksheet_write_string(ws, row, col, safe, f), "a text cell");
}

void wp_xlsx_number(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    double v, lxw_format *f)
{
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_write_number(ws, row, col, v, f), "a number cell");
}

void wp_xlsx_blank(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   lxw_format *f)
{
    /* a blank without a format is no cell at all: nothing to write */
    if (!ctx->failed && f)
        wp_xlsx_check(ctx, worksheet_write_blank(ws, row, col, f), "a blank cell");
}

void wp_xlsx_date(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  struct wp_date d, lxw_format *f)
{
    if (wp_date_is_valid(d))
        wp_xlsx_number(ctx, ws, row, col, wp_xlsx_date_serial(d), f);
    else
        wp_xlsx_blank(ctx, ws, row, col, f);
}

void wp_xlsx_formula_num(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         const char *formula, lxw_format *f, double cached)
{
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_write_formula_num(ws, row, col, formula, f, cached),
                      "a formula");
}

void wp_xlsx_formula_str(struct wp_xlsx_ctx *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         const char *formula, lxw_format *f, const char *cached)
{
    if (!ctx->failed)
        wp_xlsx_check(ctx, worksheet_write_formula_str(ws, row, col, formula, f, cached),
                      "a formula");
}

const char *wp_xlsx_label(const struct wp_xlsx_ctx *ctx, enum wp_label l)
{
    return wp_label(ctx->lang, l);
}

const char *wp_xlsx_text(const struct wp_xlsx_ctx *ctx, const struct wp_text *t)
{
    const char *s = wp_text_get(ctx->plan, t, ctx->lang);
    return s ? s : "";
}

void wp_xlsx_reporter_entry(const struct wp_xlsx_ctx *ctx, struct wp_buf *b, const char *ref)
{
    wp_buf_reset(b);
    wp_buf_adds(b, ref);
    const char *name = wp_plan_ref_name(ctx->plan, ref, ctx->lang);
    if (name && strcmp(name, ref) != 0) {
        wp_buf_adds(b, WP_REPORTER_SEP);
        wp_buf_adds(b, name);
    }
}

void wp_xlsx_join_names(const struct wp_xlsx_ctx *ctx, struct wp_buf *b,
                        const struct wp_str_list *refs)
{
    wp_buf_reset(b);
    wp_buf_adds(b, "");
    for (size_t i = 0; i < refs->n; i++) {
        if (!refs->items[i].s)
            continue;
        if (b->len)
            wp_buf_adds(b, ", ");
        wp_buf_adds(b, wp_plan_ref_name(ctx->plan, refs->items[i].s, ctx->lang));
    }
}

/* The localised sheet names must be valid and distinct before any sheet exists. */
static bool check_sheet_names(struct wp_xlsx_ctx *ctx)
{
    const char *names[] = {ctx->sheet_about,      ctx->sheet_tracker, ctx->sheet_summary,
                           ctx->sheet_timeline,   WP_META_SHEET,      WP_LISTS_SHEET,
                           ctx->sheet_indicators, WP_IND_META_SHEET};
    /* the last two only when the plan measures something */
    size_t n = sizeof names / sizeof names[0] - (ctx->has_indicators ? 0 : 2);
    for (size_t i = 0; i < n; i++) {
        if (!wp_xlsx_sheet_name_ok(names[i])) {
            wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, ctx->path, (struct wp_pos){0, 0},
                         "invalid sheet name '%s'", names[i]);
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcasecmp(names[i], names[j]) == 0) {
                wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, ctx->path,
                             (struct wp_pos){0, 0}, "sheet name '%s' used twice", names[i]);
                return false;
            }
        }
    }
    return true;
}

static lxw_worksheet *add_sheet(struct wp_xlsx_ctx *ctx, const char *name)
{
    if (ctx->failed)
        return NULL;
    lxw_worksheet *ws = workbook_add_worksheet(ctx->wb, name);
    if (!ws)
        wp_xlsx_fail(ctx, "cannot add sheet", name);
    return ws;
}

static char *safe_copy(struct wp_xlsx_ctx *ctx, const char *s)
{
    return wp_xstrdup(wp_xlsx_safe_text(s, 1000, &ctx->scratch, NULL));
}

static void set_properties(struct wp_xlsx_ctx *ctx, time_t created)
{
    const struct wp_plan *plan = ctx->plan;
    struct wp_buf b = WP_BUF_INIT;
    /* property strings bypass the cell writers, so they are made safe here */
    char *title = safe_copy(ctx, wp_xlsx_text(ctx, &plan->title));
    char *subject =
        safe_copy(ctx, wp_text_is_set(&plan->subtitle) ? wp_xlsx_text(ctx, &plan->subtitle)
                                                       : wp_xlsx_label(ctx, WP_L_SHEET_TRACKER));
    wp_xlsx_join_names(ctx, &b, &plan->parties);
    char *author = safe_copy(ctx, b.data);
    wp_buf_reset(&b);
    wp_buf_addf(&b, "%s, %s, %s", plan->id ? plan->id : "", plan->version ? plan->version : "",
                ctx->lang);
    if (ctx->member)
        wp_buf_addf(&b, ", %s", ctx->member);
    char *keywords = safe_copy(ctx, b.data);

    lxw_doc_properties props = {
        .title = title,
        .subject = subject,
        .author = author,
        .keywords = keywords,
        .created = created,
    };
    wp_xlsx_check(ctx, workbook_set_properties(ctx->wb, &props), "the document properties");
    wp_buf_release(&b);
    free(title);
    free(subject);
    free(author);
    free(keywords);
}

static void select_rows(struct wp_xlsx_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    ctx->rows = wp_xcalloc(plan->n_activities ? plan->n_activities : 1, sizeof *ctx->rows);
    ctx->n_rows = 0;
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        if (!ctx->member || wp_activity_role(plan, a, ctx->member) != WP_ROLE_NONE)
            ctx->rows[ctx->n_rows++] = a;
    }
}

static void define_names(struct wp_xlsx_ctx *ctx)
{
    static const char *const names[] = {WP_NAME_STATUS_LIST, WP_NAME_MEMBER_LIST};
    size_t counts[] = {WP_STATUS_COUNT, ctx->n_reporters ? ctx->n_reporters : 1};
    for (size_t i = 0; i < 2 && !ctx->failed; i++) {
        if (!wp_xlsx_defined_name_ok(names[i])) {
            wp_xlsx_fail(ctx, "invalid defined name", names[i]);
            return;
        }
        char col[4];
        wp_xlsx_col_name((unsigned)i, col);
        wp_buf_reset(&ctx->tmp);
        wp_buf_addc(&ctx->tmp, '=');
        wp_xlsx_add_sheet_ref(&ctx->tmp, WP_LISTS_SHEET);
        wp_buf_addf(&ctx->tmp, "!$%s$1:$%s$%zu", col, col, counts[i]);
        wp_xlsx_check(ctx, workbook_define_name(ctx->wb, names[i], ctx->tmp.data),
                      "a defined name");
    }
}

/* The member checked and the sheet names chosen and checked (a diagnostic on failure). */
static enum wp_error prepare(struct wp_xlsx_ctx *ctx)
{
    if (ctx->member && !wp_plan_find_country(ctx->plan, ctx->member)) {
        wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_EXPORT, ctx->path, (struct wp_pos){0, 0},
                     "unknown member '%s': not a country of the plan", ctx->member);
        return WP_ERR_ARGUMENT;
    }
    ctx->sheet_about = wp_xlsx_label(ctx, WP_L_SHEET_ABOUT);
    ctx->sheet_tracker = wp_xlsx_label(ctx, WP_L_SHEET_TRACKER);
    ctx->sheet_summary = wp_xlsx_label(ctx, WP_L_SHEET_SUMMARY);
    ctx->sheet_timeline = wp_xlsx_label(ctx, WP_L_SHEET_TIMELINE);
    ctx->sheet_indicators = wp_xlsx_label(ctx, WP_L_SHEET_INDICATORS);
    select_rows(ctx);
    wp_xlsx_select_indicators(ctx);
    return check_sheet_names(ctx) ? WP_OK : WP_ERR_XLSX;
}

/* Every sheet, in tab order, until the first failure. */
static void write_sheets(struct wp_xlsx_ctx *ctx, time_t build_time)
{
    ctx->n_reporters = ctx->plan->n_parties + ctx->plan->n_countries;
    set_properties(ctx, build_time);
    wp_xlsx_formats_create(ctx);
    /* sheet order is the tab order; hidden sheets last so neither is first or active */
    ctx->about = add_sheet(ctx, ctx->sheet_about);
    ctx->tracker = add_sheet(ctx, ctx->sheet_tracker);
    if (ctx->has_indicators)
        ctx->indicators = add_sheet(ctx, ctx->sheet_indicators);
    ctx->summary = add_sheet(ctx, ctx->sheet_summary);
    ctx->timeline = add_sheet(ctx, ctx->sheet_timeline);
    ctx->meta = add_sheet(ctx, WP_META_SHEET);
    ctx->lists = add_sheet(ctx, WP_LISTS_SHEET);
    if (ctx->has_indicators)
        ctx->ind_meta = add_sheet(ctx, WP_IND_META_SHEET);
    define_names(ctx);
    /* the two indicator sheets write nothing when the plan measures nothing */
    void (*const sheets[])(struct wp_xlsx_ctx *) = {
        wp_xlsx_sheet_about,   wp_xlsx_sheet_tracker,  wp_xlsx_sheet_indicators,
        wp_xlsx_sheet_summary, wp_xlsx_sheet_timeline, wp_xlsx_sheet_meta,
        wp_xlsx_sheet_lists,   wp_xlsx_sheet_ind_meta,
    };
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0] && !ctx->failed; i++)
        sheets[i](ctx);
    if (!ctx->failed)
        worksheet_activate(ctx->about);
    if (ctx->n_cut)
        wp_diags_add(ctx->diags, WP_SEV_WARNING, WP_DIAG_EXPORT, ctx->path, (struct wp_pos){0, 0},
                     "%zu text%s cut to fit Excel's limit of %d characters per cell", ctx->n_cut,
                     ctx->n_cut == 1 ? "" : "s", WP_XLSX_MAX_CELL_CHARS);
}

/*
 * libxlsxwriter prints its own "[ERROR][...]: ..." lines on stdio's stderr
 * when something fails. The library leaves them alone: stderr belongs to the
 * host program (docs/library.md says what it sees); every failure is also
 * reported as a diagnostic, and the CLI keeps its own stderr clean.
 */

/* libxlsxwriter writes no zip comment: a whole file ends with the end-of-central-directory
 * record, so a zip cut short by a failed last write is caught here whatever was reported */
static bool zip_is_whole(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    unsigned char tail[22];
    bool whole = fstat(fd, &st) == 0 && st.st_size >= 22 &&
                 pread(fd, tail, sizeof(tail), st.st_size - 22) == (ssize_t)sizeof(tail) &&
                 memcmp(tail, "PK\x05\x06", 4) == 0 && tail[20] == 0 && tail[21] == 0;
    close(fd);
    return whole;
}

/* As the booklet's: a failure of the program's own output, named in the message. */
static enum wp_error io_failed(struct wp_xlsx_ctx *ctx, const char *what, int errnum)
{
    wp_diags_add(ctx->diags, WP_SEV_ERROR, WP_DIAG_IO, NULL, (struct wp_pos){0, 0},
                 "cannot %s '%s': %s", what, ctx->path,
                 errnum == EINVAL ? "not a regular file" : wp_io_error_text(errnum));
    return WP_ERR_IO;
}

/*
 * Closes the workbook (libxlsxwriter writes the zip into the temporary file
 * then) and commits it only when the close succeeded and the zip is whole.
 * A failed file operation is named by the system's reason ("no space left on
 * device"), which libxlsxwriter leaves in errno.
 */
static enum wp_error close_workbook(struct wp_xlsx_ctx *ctx, struct wp_atomic *at)
{
    errno = 0;
    lxw_error closed = workbook_close(ctx->wb);
    int close_errno = errno;
    ctx->wb = NULL;
    enum wp_error err = WP_OK;
    if (ctx->failed) {
        err = WP_ERR_XLSX;
    } else if (closed == LXW_ERROR_CREATING_TMPFILE && close_errno) {
        /* libxlsxwriter's own scratch files go beside the output (.tmpdir) */
        err = io_failed(ctx, "write", close_errno);
    } else if (closed != LXW_NO_ERROR && close_errno &&
               (closed == LXW_ERROR_ZIP_FILE_OPERATION || closed == LXW_ERROR_CREATING_XLSX_FILE ||
                closed == LXW_ERROR_ZIP_CLOSE)) {
        err = io_failed(ctx, "write", close_errno);
    } else if (closed != LXW_NO_ERROR) {
        wp_xlsx_check(ctx, closed, "closing the workbook");
        err = WP_ERR_XLSX;
    } else if (!zip_is_whole(at->tmp_path)) {
        err = io_failed(ctx, "write", EIO);
    }
    if (err) {
        wp_atomic_abort(at);
        return err;
    }
    if (wp_atomic_commit(at) != 0)
        return io_failed(ctx, "write", errno);
    return WP_OK;
}

static void release(struct wp_xlsx_ctx *ctx)
{
    free(ctx->rows);
    free(ctx->fingerprints);
    free(ctx->edit_fingerprints);
    free(ctx->ind_rows);
    free(ctx->ind_fingerprints);
    wp_buf_release(&ctx->scratch);
    wp_buf_release(&ctx->tmp);
    wp_buf_release(&ctx->escaped);
}

enum wp_error wp_xlsx_write(const struct wp_plan *plan, const struct wp_xlsx_options *options,
                            const char *path, struct wp_diags *diags)
{
    if (!plan || !options || !path || options->build_time == 0) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, path, (struct wp_pos){0, 0},
                     "missing plan, options, path or build time for the workbook");
        return WP_ERR_ARGUMENT;
    }
    struct wp_xlsx_ctx ctx = {
        .plan = plan,
        .lang = options->lang ? options->lang : wp_plan_default_lang(plan),
        .member = options->member,
        .paper = options->paper,
        .build_date = wp_date_from_time(options->build_time),
        .path = path,
        .diags = diags,
        .scratch = WP_BUF_INIT,
        .tmp = WP_BUF_INIT,
        .escaped = WP_BUF_INIT,
    };
    enum wp_error err = prepare(&ctx);
    if (err) {
        release(&ctx);
        return err;
    }
    struct wp_atomic at;
    if (wp_atomic_begin(&at, path) != 0) {
        err = io_failed(&ctx, "create", errno);
        release(&ctx);
        return err;
    }
    /* libxlsxwriter's scratch files beside the output, where the space for it is, not TMPDIR */
    char *dir = wp_atomic_dir(&at);
    lxw_workbook_options wo = {.tmpdir = dir};
    ctx.wb = dir ? workbook_new_opt(at.tmp_path, &wo) : NULL;
    if (!ctx.wb) {
        free(dir);
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_EXPORT, path, (struct wp_pos){0, 0},
                     "cannot start the workbook '%s'", path);
        wp_atomic_abort(&at);
        release(&ctx);
        return WP_ERR_XLSX;
    }
    write_sheets(&ctx, options->build_time);
    /* closing also frees the workbook, so it happens exactly once, failed or not */
    err = close_workbook(&ctx, &at);
    free(dir);
    release(&ctx);
    return err;
}
