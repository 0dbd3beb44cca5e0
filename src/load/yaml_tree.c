/*
 * libyaml events -> a small positioned tree. libyaml 0.2.5 leaves to us:
 * duplicate keys, alias expansion bounds, a second document, nesting depth,
 * and positions of bad bytes (it reports a byte offset, not a mark): the
 * reader below checks every byte before libyaml sees it, chunk by chunk,
 * so a file never has to be held in memory whole.
 */
#include <errno.h>
#include <string.h>
#include <yaml.h>

#include "load/input.h"
#include "load/load_internal.h"

struct reader {
    const struct ysource *src;
    size_t src_off;
    size_t max_bytes;
    struct input_scan scan;
    char chunk[64 * 1024];
    size_t have;
    size_t validated; /* checked bytes at the start of chunk */
    bool eof;
    int read_errno;
};

struct frame {
    struct ynode *node;
    struct ynode **kids;
    size_t n, cap;
    const char *anchor; /* registered when the collection closes, so no alias forms a cycle */
};

struct builder {
    struct ytree *tree;
    struct wp_arena *strings;
    const char *file;
    const struct wp_limits *limits;
    struct wp_diags *diags;
    struct frame *stack;
    size_t depth, cap;
    struct wp_strmap anchors;
    struct wp_strmap keys; /* mapping keys repeat: each is stored once */
    size_t n_nodes;
    size_t alias_nodes;
    bool failed;
};

/* ---- input ------------------------------------------------------------------ */

static void fill(struct reader *r)
{
    if (r->eof || r->have == sizeof(r->chunk))
        return;
    size_t room = sizeof(r->chunk) - r->have, n;
    if (r->src->file) {
        n = fread(r->chunk + r->have, 1, room, r->src->file);
        if (n == 0 && ferror(r->src->file))
            r->read_errno = errno ? errno : EIO;
    } else {
        n = r->src->len - r->src_off < room ? r->src->len - r->src_off : room;
        memcpy(r->chunk + r->have, r->src->buf + r->src_off, n);
        r->src_off += n;
    }
    r->have += n;
    if (n == 0)
        r->eof = true;
}

/*
 * Bytes are checked ahead in the chunk; libyaml may take any prefix of the
 * checked ones, even mid-sequence (its decoder joins split sequences).
 */
static int read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    struct reader *r = data;
    *size_read = 0;
    while (r->validated == 0) {
        if (r->scan.problem || r->read_errno)
            return 0;
        if (r->eof && r->have == 0)
            return 1; /* end of input */
        fill(r);
        if (r->read_errno)
            return 0;
        size_t ok = wp_input_scan_feed(&r->scan, r->chunk, r->have, r->eof);
        if (r->scan.problem && ok == 0)
            return 0;
        if (r->scan.total + ok > r->max_bytes) {
            r->scan.problem = INPUT_TOO_BIG;
            r->scan.problem_pos = (struct wp_pos){r->scan.line, r->scan.col};
            return 0;
        }
        r->scan.total += ok;
        r->validated = ok;
        if (ok == 0 && r->eof)
            return 1;
    }
    size_t give = r->validated < size ? r->validated : size;
    memcpy(buffer, r->chunk, give);
    memmove(r->chunk, r->chunk + give, r->have - give);
    r->have -= give;
    r->validated -= give;
    *size_read = give;
    return 1;
}

static void report_input_problem(struct builder *b, const struct reader *r)
{
    const struct input_scan *s = &r->scan;
    switch (s->problem) {
    case INPUT_BAD_UTF8:
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_INVALID_UTF8, b->file, s->problem_pos,
                     "invalid UTF-8 (byte 0x%02X)", (unsigned)s->problem_value);
        break;
    case INPUT_UTF16:
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_INVALID_UTF8, b->file, s->problem_pos,
                     "the file is UTF-16; save it as UTF-8");
        break;
    case INPUT_CONTROL:
        if (s->problem_value == 0)
            wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_BINARY, b->file, s->problem_pos,
                         "binary data: NUL byte in a text file");
        else
            wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_BINARY, b->file, s->problem_pos,
                         "control character U+%04X is not allowed in YAML",
                         (unsigned)s->problem_value);
        break;
    case INPUT_TOO_BIG:
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_LIMIT, b->file, s->problem_pos,
                     "file larger than %zu bytes (limit)", b->limits->max_file_bytes);
        break;
    case INPUT_OK:
        break;
    }
    b->failed = true;
}

/* ---- tree --------------------------------------------------------------------- */

static struct wp_pos mark_pos(yaml_mark_t m)
{
    return (struct wp_pos){(unsigned)m.line + 1, (unsigned)m.column + 1};
}

static void limit_error(struct builder *b, yaml_mark_t mark, const char *what, size_t limit)
{
    wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_LIMIT, b->file, mark_pos(mark), "%s (limit %zu)",
                 what, limit);
    b->failed = true;
}

static uint32_t sat_add(uint32_t a, uint32_t c)
{
    return a > UINT32_MAX - c ? UINT32_MAX : a + c;
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t mark)
{
    if (++b->n_nodes > b->limits->max_nodes) {
        limit_error(b, mark, "too many YAML nodes", b->limits->max_nodes);
        return NULL;
    }
    struct ynode *n = wp_arena_alloc_align(&b->tree->arena, sizeof(*n), _Alignof(struct ynode));
    n->kind = (uint8_t)kind;
    n->pos = mark_pos(mark);
    n->weight = 1;
    return n;
}

/* Attaches a finished node (or an alias target) to the open collection. */
static void attach(struct builder *b, struct ynode *n, uint32_t weight)
{
    if (b->depth == 0) {
        b->tree->root = n;
        return;
    }
    struct frame *f = &b->stack[b->depth - 1];
    WP_GROW(f->kids, f->cap, f->n + 1);
    f->kids[f->n++] = n;
    f->node->weight = sat_add(f->node->weight, weight);
}

static bool next_is_key(const struct builder *b)
{
    return b->depth > 0 && b->stack[b->depth - 1].node->kind == Y_MAP &&
           b->stack[b->depth - 1].n % 2 == 0;
}

/*
 * YAML's core tags (and the non-specific '!') only: another tag (!secret,
 * !!binary) asks for a meaning this format does not give, so it is an error
 * at the node's properties, where the tag is written.
 */
static void check_tag(struct builder *b, const yaml_char_t *tag, yaml_mark_t mark)
{
    static const char core_prefix[] = "tag:yaml.org,2002:";
    static const char *const core[] = {"str",  "int", "float", "bool",
                                       "null", "map", "seq",   "merge"};
    const char *t = (const char *)tag;
    if (!t || strcmp(t, "!") == 0)
        return;
    bool is_core = strncmp(t, core_prefix, sizeof core_prefix - 1) == 0;
    const char *name = is_core ? t + sizeof core_prefix - 1 : t;
    for (size_t i = 0; is_core && i < sizeof core / sizeof core[0]; i++)
        if (strcmp(name, core[i]) == 0)
            return;
    wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_TYPE, b->file, mark_pos(mark),
                 "tag '%s%.100s%s' is not allowed (only YAML's core tags: !!str, !!int, !!float, "
                 "!!bool, !!null, !!map, !!seq)",
                 is_core       ? "!!"
                 : t[0] == '!' ? ""
                               : "!<",
                 name, !is_core && t[0] != '!' ? ">" : "");
}

static void open_collection(struct builder *b, enum ynode_kind kind, yaml_mark_t mark,
                            const yaml_char_t *anchor, const yaml_char_t *tag)
{
    check_tag(b, tag, mark);
    if (b->depth >= b->limits->max_depth) {
        limit_error(b, mark, "nesting too deep", b->limits->max_depth);
        return;
    }
    struct ynode *n = new_node(b, kind, mark);
    if (!n)
        return;
    WP_GROW(b->stack, b->cap, b->depth + 1);
    b->stack[b->depth++] = (struct frame){
        .node = n,
        .anchor = anchor ? wp_arena_strdup(&b->tree->arena, (const char *)anchor) : NULL,
    };
}

static void check_duplicate_keys(struct builder *b, const struct ynode *map)
{
    if (map->n < 2)
        return;
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *key = map->items[2 * i];
        if (key->kind != Y_SCALAR)
            continue;
        const struct ynode *first = wp_strmap_put(&seen, key->str, (void *)key);
        if (first)
            wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_DUPLICATE_KEY, b->file, key->pos,
                         "duplicate key '%s' (first at %u:%u)", key->str, first->pos.line,
                         first->pos.col);
    }
    wp_strmap_release(&seen);
}

static void close_collection(struct builder *b)
{
    struct frame f = b->stack[--b->depth];
    struct ynode *n = f.node;
    n->items = wp_arena_alloc_align(&b->tree->arena, (f.n ? f.n : 1) * sizeof(*f.kids),
                                    _Alignof(struct ynode *));
    if (f.n)
        memcpy(n->items, f.kids, f.n * sizeof(*f.kids));
    n->n = (uint32_t)(n->kind == Y_MAP ? f.n / 2 : f.n); /* libyaml always pairs keys and values */
    free(f.kids);
    if (n->kind == Y_MAP)
        check_duplicate_keys(b, n);
    if (f.anchor)
        wp_strmap_set(&b->anchors, f.anchor, n);
    attach(b, n, n->weight);
}

static const char *store_scalar(struct builder *b, const char *s, size_t len, bool is_key)
{
    if (!is_key || memchr(s, '\0', len))
        return wp_arena_strndup(b->strings, s, len);
    const char *known = wp_strmap_get(&b->keys, s);
    if (known)
        return known;
    const char *copy = wp_arena_strndup(b->strings, s, len);
    wp_strmap_put(&b->keys, copy, (void *)copy);
    return copy;
}

/*
 * An escape of a double-quoted scalar ("\x01", "\0") that makes a control
 * character is refused like the raw character, at the scalar.
 */
static void check_escapes(struct builder *b, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length, i = 0;
    if (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        return; /* only double quotes have escapes; raw characters were checked on input */
    while (i < len) {
        unsigned char byte = (unsigned char)s[i];
        if (byte >= 0x20 && byte < 0x7F) { /* printable ASCII needs no decoding */
            i++;
            continue;
        }
        uint32_t cp;
        i += wp_utf8_decode(s + i, len - i, &cp);
        if (!wp_input_printable(cp)) {
            wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_BINARY, b->file, mark_pos(ev->start_mark),
                         "control character U+%04X (written as an escape) is not allowed in YAML",
                         (unsigned)cp);
            return;
        }
    }
}

static void add_scalar(struct builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    if (len > b->limits->max_scalar_bytes) {
        limit_error(b, ev->start_mark, "scalar too long", b->limits->max_scalar_bytes);
        return;
    }
    check_tag(b, ev->data.scalar.tag, ev->start_mark);
    check_escapes(b, ev);
    struct ynode *n = new_node(b, Y_SCALAR, ev->start_mark);
    if (!n)
        return;
    n->str = store_scalar(b, (const char *)ev->data.scalar.value, len, next_is_key(b));
    n->len = (uint32_t)len;
    bool tagged_str =
        ev->data.scalar.tag && strcmp((const char *)ev->data.scalar.tag, YAML_STR_TAG) == 0;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !tagged_str;
    if (ev->data.scalar.anchor)
        wp_strmap_set(&b->anchors,
                      wp_arena_strdup(&b->tree->arena, (const char *)ev->data.scalar.anchor), n);
    attach(b, n, 1);
}

static void add_alias(struct builder *b, const yaml_event_t *ev)
{
    struct ynode *target = wp_strmap_get(&b->anchors, (const char *)ev->data.alias.anchor);
    if (!target) {
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file, mark_pos(ev->start_mark),
                     "unknown or recursive alias '*%s'", (const char *)ev->data.alias.anchor);
        b->failed = true;
        return;
    }
    b->alias_nodes += target->weight;
    if (b->alias_nodes > b->limits->max_alias_nodes) {
        limit_error(b, ev->start_mark, "aliases expand to too many nodes",
                    b->limits->max_alias_nodes);
        return;
    }
    attach(b, target, target->weight);
}

static void report_parser_error(struct builder *b, yaml_parser_t *p)
{
    struct wp_pos pos = mark_pos(p->problem_mark);
    const char *problem = p->problem ? p->problem : "syntax error";
    if (p->error == YAML_MEMORY_ERROR)
        problem = "out of memory";
    if (p->context)
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file, pos,
                     "%s %s started at %u:%u", problem, p->context,
                     (unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
    else
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file, pos, "%s", problem);
    b->failed = true;
}

static void handle(struct builder *b, const yaml_event_t *ev, int *documents)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1) {
            wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_SECOND_DOCUMENT, b->file,
                         mark_pos(ev->start_mark),
                         "a second YAML document is not allowed: the file must hold one document");
            b->failed = true;
        }
        break;
    case YAML_SCALAR_EVENT:
        add_scalar(b, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        open_collection(b, Y_SEQ, ev->start_mark, ev->data.sequence_start.anchor,
                        ev->data.sequence_start.tag);
        break;
    case YAML_MAPPING_START_EVENT:
        open_collection(b, Y_MAP, ev->start_mark, ev->data.mapping_start.anchor,
                        ev->data.mapping_start.tag);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        close_collection(b);
        break;
    case YAML_ALIAS_EVENT:
        add_alias(b, ev);
        break;
    default:
        break;
    }
}

int wp_ytree_parse(struct ytree *tree, const char *file, const struct ysource *src,
                   const struct wp_limits *limits, struct wp_arena *strings, struct wp_diags *diags)
{
    wp_arena_init(&tree->arena);
    tree->root = NULL;
    struct builder b = {
        .tree = tree, .strings = strings, .file = file, .limits = limits, .diags = diags};
    wp_strmap_init(&b.anchors);
    wp_strmap_init(&b.keys);
    struct reader *r = wp_xcalloc(1, sizeof(*r));
    r->src = src;
    r->max_bytes = limits->max_file_bytes;
    wp_input_scan_init(&r->scan);

    yaml_parser_t parser;
    int rc = 0;
    if (!yaml_parser_initialize(&parser)) {
        wp_diags_add(diags, WP_SEV_ERROR, WP_DIAG_IO, file, (struct wp_pos){0, 0},
                     "cannot initialise the YAML parser");
        free(r);
        return -1;
    }
    yaml_parser_set_input(&parser, read_handler, r);
    int documents = 0;
    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (r->read_errno)
                rc = -2;
            else if (r->scan.problem)
                report_input_problem(&b, r);
            else
                report_parser_error(&b, &parser);
            b.failed = true;
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        handle(&b, &ev, &documents);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    int saved_errno = r->read_errno;
    free(r);
    while (b.depth > 0)
        free(b.stack[--b.depth].kids);
    free(b.stack);
    wp_strmap_release(&b.anchors);
    wp_strmap_release(&b.keys);
    if (b.failed) {
        tree->root = NULL;
        errno = saved_errno;
        return rc ? rc : -1;
    }
    return 0;
}

void wp_ytree_release(struct ytree *tree)
{
    wp_arena_release(&tree->arena);
    tree->root = NULL;
}
