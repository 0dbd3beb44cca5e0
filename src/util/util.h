/* Private helpers shared by every stage. */
#ifndef WP_UTIL_H
#define WP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- allocation: out of memory is fatal (prints and aborts) ------------- */
void *wp_xmalloc(size_t n);
void *wp_xcalloc(size_t count, size_t size);
void *wp_xrealloc(void *p, size_t n);
char *wp_xstrdup(const char *s);
/* Grows *items (of *cap elements of `size` bytes) to hold at least `need`. */
void wp_grow(void **items, size_t *cap, size_t need, size_t size);
#define WP_GROW(arr, cap, need) wp_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* ---- arena: many small allocations freed in one call --------------------- */
struct wp_arena {
    struct wp_arena_block *head;
    size_t used_bytes;
};
void wp_arena_init(struct wp_arena *a);
void wp_arena_release(struct wp_arena *a);
void *wp_arena_alloc(struct wp_arena *a, size_t n); /* zeroed, max-aligned */
/* Zeroed, aligned to align (a power of two). */
void *wp_arena_alloc_align(struct wp_arena *a, size_t n, size_t align);
char *wp_arena_strndup(struct wp_arena *a, const char *s, size_t n);
char *wp_arena_strdup(struct wp_arena *a, const char *s);
#define WP_ARENA_NEW(a, type, count) ((type *)wp_arena_alloc((a), sizeof(type) * (count)))

/* ---- growable byte buffer ------------------------------------------------ */
/*
 * data is never NULL and always NUL-terminated: an empty buffer points to a
 * shared static "" (git strbuf's invariant), so `b.data` can be read as a
 * string at any time. Start with WP_BUF_INIT or wp_buf_init; a zeroed
 * buffer also works for appending and joins the invariant on its first
 * append or reset.
 */
struct wp_buf {
    char *data;
    size_t len;
    size_t cap; /* 0: data is the shared "" and not owned */
};
extern char wp_buf_empty[];
#define WP_BUF_INIT                                                                                \
    {                                                                                              \
        wp_buf_empty, 0, 0                                                                         \
    }
void wp_buf_init(struct wp_buf *b);
void wp_buf_release(struct wp_buf *b);
/* Empties b, keeping its memory for reuse. */
void wp_buf_reset(struct wp_buf *b);
/* Room for extra more bytes and a NUL after them (data may move). */
void wp_buf_grow(struct wp_buf *b, size_t extra);
void wp_buf_add(struct wp_buf *b, const void *data, size_t n);
void wp_buf_adds(struct wp_buf *b, const char *s);
void wp_buf_addc(struct wp_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void wp_buf_addf(struct wp_buf *b, const char *fmt, ...);
/* Hands the data over to the caller (never NULL, to free) and resets b. */
char *wp_buf_detach(struct wp_buf *b, size_t *len);

/* ---- UTF-8 ---------------------------------------------------------------- */
/* Length of the longest valid prefix; == len when s[0..len) is valid UTF-8. */
size_t wp_utf8_valid_prefix(const char *s, size_t len);
/* Decodes one code point at s (valid UTF-8 assumed); returns bytes used. */
size_t wp_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points. */
size_t wp_utf8_length(const char *s, size_t len);
/* Line and column (1-based, column in code points) of byte offset in buf. */
void wp_offset_to_linecol(const char *buf, size_t len, size_t offset, unsigned *line,
                          unsigned *col);

/* ---- strings ---------------------------------------------------------------- */
size_t wp_levenshtein(const char *a, const char *b);
/* Closest candidate to word when close enough to suggest, else NULL. */
const char *wp_suggest(const char *word, const char *const *candidates, size_t n);

/* ---- string map: open addressing, keys borrowed ------------------------- */
struct wp_strmap {
    const char **keys;
    void **values;
    size_t cap; /* power of two */
    size_t n;
};
void wp_strmap_init(struct wp_strmap *m);
void wp_strmap_release(struct wp_strmap *m);
/* Returns the existing value when key is present (and leaves it), else inserts and returns NULL. */
void *wp_strmap_put(struct wp_strmap *m, const char *key, void *value);
void *wp_strmap_get(const struct wp_strmap *m, const char *key);
/* Inserts or replaces. */
void wp_strmap_set(struct wp_strmap *m, const char *key, void *value);

/* ---- files ------------------------------------------------------------------- */
/*
 * Reads a whole file ("-" = stdin) up to max bytes. Returns 0 and a
 * malloc'ed NUL-terminated buffer; -1 with errno on I/O failure; -2 when the
 * file is larger than max.
 */
int wp_read_file(const char *path, size_t max, char **data, size_t *len);

/* ---- language codes: equal ignoring ASCII case (pt-BR is pt-br) ------- */
#define WP_LANG_KEY_MAX 64
/* code in lowercase into out, the key for maps of languages; false when too long for a code. */
bool wp_lang_key(const char *code, char out[WP_LANG_KEY_MAX]);
bool wp_lang_equal(const char *a, const char *b);

/* Lowercase text for an errno value, in git's voice: "no space left on device". */
const char *wp_io_error_text(int errnum);

/*
 * A scratch file for bytes held aside while an output is made: created in
 * dir (NULL: TMPDIR, else /tmp) as .workplan-tmp.NAME.XXXXXX and unlinked at
 * once, so nothing is left behind whatever ends the process. Returns an fd
 * open for reading and writing, or -1 with errno set.
 */
int wp_scratch_fd(const char *dir, const char *name);

/*
 * Atomic output: a temporary file beside target, renamed over it by commit.
 *     struct wp_atomic at;
 *     if (wp_atomic_begin(&at, "out/x.pdf")) fail;
 *     wp_atomic_write(&at, data, len) (or write at.tmp_path by name) ...
 *     ok ? wp_atomic_commit(&at) : wp_atomic_abort(&at);
 * A symbolic link as target is followed: its final target is replaced and the
 * link stays (at.target is that file). A hard link is replaced like any file:
 * the other names keep the old content, as with git. The replaced file's mode
 * is kept, and its owner and group when the process may set them; a new file
 * gets 0666 less the umask. Target "-" means standard output: the bytes are
 * gathered in a temporary file in TMPDIR and copied to stdout by commit.
 * begin returns 0; -1 with errno set; -2 when target exists and is not a
 * regular file (errno EISDIR or EINVAL). write and commit return 0 or -1 with
 * errno set: commit checks fsync, close and rename, and removes the temporary
 * file when it fails. abort removes it and keeps errno. While a temporary file
 * exists it is removed on SIGINT, SIGTERM and SIGHUP once
 * wp_atomic_cleanup_on_signals has been called.
 */
struct wp_atomic {
    char *target;   /* the file replaced (a link's final target), or "-" */
    char *tmp_path; /* .workplan-tmp.NAME.XXXXXX beside target */
    int fd;         /* open for writing on tmp_path until commit or abort */
    int slot;       /* in the registry of live temporary files; -1 when none */
    bool to_stdout;
    bool keep_attrs; /* the target exists: give the temporary its mode, owner, group */
    unsigned mode;
    unsigned uid, gid;
    /* set after begin, or NULL: asked once the temporary is complete, just before the
     * rename; false makes commit fail with errno ESTALE (the target changed meanwhile) */
    bool (*still_ok)(void *ctx);
    void *still_ctx;
};
int wp_atomic_begin(struct wp_atomic *at, const char *target);
int wp_atomic_write(struct wp_atomic *at, const void *data, size_t len);
int wp_atomic_commit(struct wp_atomic *at);
void wp_atomic_abort(struct wp_atomic *at);
/* The folder of the temporary file ("." for a bare name), malloc'ed: for scratch files. */
char *wp_atomic_dir(const struct wp_atomic *at);
/* Installs the handler that removes live temporary files on SIGINT, SIGTERM, SIGHUP
 * and SIGPIPE (then dies of the signal); a signal already ignored stays ignored. */
void wp_atomic_cleanup_on_signals(void);

#endif
