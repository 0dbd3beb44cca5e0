/*
 * libyaml events -> a small positioned tree. libyaml 0.2.5 leaves to us:
 * duplicate keys, alias expansion bounds, a second document, nesting depth,
 * and positions of invalid UTF-8 (it reports a byte offset, not a mark).
 */
#include <string.h>
#include <yaml.h>

#include "load/load_internal.h"

struct frame {
    struct ynode *node;
    struct ynode **kids;
    size_t n, cap;
    char *anchor; /* registered when the collection closes, so no alias can form a cycle */
};

struct builder {
    struct ytree *tree;
    const char *file;
    const struct wp_limits *limits;
    struct wp_diags *diags;
    struct frame *stack;
    size_t depth, cap;
    struct wp_strmap anchors;
    size_t n_nodes;
    size_t alias_nodes;
    bool failed;
};

static struct wp_pos mark_pos(yaml_mark_t m)
{
    return (struct wp_pos){(unsigned)m.line + 1, (unsigned)m.column + 1};
}

static void fail(struct builder *b, enum wp_diag_code code, struct wp_pos pos, const char *msg,
                 size_t limit)
{
    if (code == WP_DIAG_LIMIT)
        wp_diags_add(b->diags, WP_SEV_ERROR, code, b->file, pos, "%s (limit %zu)", msg, limit);
    else
        wp_diags_add(b->diags, WP_SEV_ERROR, code, b->file, pos, "%s", msg);
    b->failed = true;
}

static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t mark)
{
    if (++b->n_nodes > b->limits->max_nodes) {
        fail(b, WP_DIAG_LIMIT, mark_pos(mark), "too many YAML nodes", b->limits->max_nodes);
        return NULL;
    }
    struct ynode *n = WP_ARENA_NEW(&b->tree->arena, struct ynode, 1);
    n->kind = kind;
    n->pos = mark_pos(mark);
    n->weight = 1;
    return n;
}

static char *copy_anchor(struct builder *b, const yaml_char_t *anchor)
{
    return anchor ? wp_arena_strdup(&b->tree->arena, (const char *)anchor) : NULL;
}

/* Attaches a finished node (or an alias target) to the open collection. */
static void attach(struct builder *b, struct ynode *n, size_t weight)
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

static void open_collection(struct builder *b, enum ynode_kind kind, yaml_mark_t mark,
                            const yaml_char_t *anchor)
{
    if (b->depth >= b->limits->max_depth) {
        fail(b, WP_DIAG_LIMIT, mark_pos(mark), "nesting too deep", b->limits->max_depth);
        return;
    }
    struct ynode *n = new_node(b, kind, mark);
    if (!n)
        return;
    WP_GROW(b->stack, b->cap, b->depth + 1);
    b->stack[b->depth++] = (struct frame){.node = n, .anchor = copy_anchor(b, anchor)};
}

static void check_duplicate_keys(struct builder *b, struct ynode *map)
{
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
    size_t count = f.n;
    if (n->kind == Y_MAP)
        count /= 2; /* libyaml always pairs keys and values */
    n->items = WP_ARENA_NEW(&b->tree->arena, struct ynode *, f.n ? f.n : 1);
    if (f.n)
        memcpy(n->items, f.kids, f.n * sizeof(*f.kids));
    n->n = count;
    free(f.kids);
    if (n->kind == Y_MAP)
        check_duplicate_keys(b, n);
    if (f.anchor)
        wp_strmap_set(&b->anchors, f.anchor, n);
    attach(b, n, n->weight);
}

static void add_scalar(struct builder *b, const yaml_event_t *ev)
{
    if (ev->data.scalar.length > b->limits->max_scalar_bytes) {
        fail(b, WP_DIAG_LIMIT, mark_pos(ev->start_mark), "scalar too long",
             b->limits->max_scalar_bytes);
        return;
    }
    struct ynode *n = new_node(b, Y_SCALAR, ev->start_mark);
    if (!n)
        return;
    n->str = wp_arena_strndup(&b->tree->arena, (const char *)ev->data.scalar.value,
                              ev->data.scalar.length);
    n->len = ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n->tagged_str = ev->data.scalar.tag &&
                    strcmp((const char *)ev->data.scalar.tag, YAML_STR_TAG) == 0;
    if (n->tagged_str)
        n->plain = false;
    if (ev->data.scalar.anchor)
        wp_strmap_set(&b->anchors, copy_anchor(b, ev->data.scalar.anchor), n);
    attach(b, n, 1);
}

static void add_alias(struct builder *b, const yaml_event_t *ev)
{
    struct ynode *target = wp_strmap_get(&b->anchors, (const char *)ev->data.alias.anchor);
    if (!target) {
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file,
                     mark_pos(ev->start_mark), "unknown or recursive alias '*%s'",
                     (const char *)ev->data.alias.anchor);
        b->failed = true;
        return;
    }
    b->alias_nodes = sat_add(b->alias_nodes, target->weight);
    if (b->alias_nodes > b->limits->max_alias_nodes) {
        fail(b, WP_DIAG_LIMIT, mark_pos(ev->start_mark), "aliases expand to too many nodes",
             b->limits->max_alias_nodes);
        return;
    }
    attach(b, target, target->weight);
}

static void report_parser_error(struct builder *b, yaml_parser_t *p, const char *buf,
                                size_t len)
{
    struct wp_pos pos = mark_pos(p->problem_mark);
    if (p->error == YAML_READER_ERROR) {
        wp_offset_to_linecol(buf, len, p->problem_offset, &pos.line, &pos.col);
        enum wp_diag_code code = WP_DIAG_YAML_SYNTAX;
        if (p->problem && strstr(p->problem, "control characters"))
            code = WP_DIAG_BINARY;
        wp_diags_add(b->diags, WP_SEV_ERROR, code, b->file, pos, "%s (byte 0x%02X)",
                     p->problem ? p->problem : "cannot read input",
                     p->problem_value >= 0 ? (unsigned)p->problem_value & 0xFFu : 0u);
    } else if (p->context) {
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file, pos,
                     "%s %s started at %u:%u", p->problem ? p->problem : "syntax error",
                     p->context, (unsigned)p->context_mark.line + 1,
                     (unsigned)p->context_mark.column + 1);
    } else {
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_YAML_SYNTAX, b->file, pos, "%s",
                     p->problem ? p->problem : (p->error == YAML_MEMORY_ERROR ? "out of memory"
                                                                               : "syntax error"));
    }
    b->failed = true;
}

/* libyaml would misreport these; we know the exact first bad byte. */
static bool precheck_bytes(struct builder *b, const char *buf, size_t len)
{
    struct wp_pos pos;
    const char *nul = memchr(buf, '\0', len);
    size_t valid = wp_utf8_valid_prefix(buf, nul ? (size_t)(nul - buf) : len);
    if (nul && valid == (size_t)(nul - buf)) {
        wp_offset_to_linecol(buf, len, valid, &pos.line, &pos.col);
        fail(b, WP_DIAG_BINARY, pos, "binary data: NUL byte in a text file", 0);
        return false;
    }
    if (valid < len) {
        wp_offset_to_linecol(buf, len, valid, &pos.line, &pos.col);
        wp_diags_add(b->diags, WP_SEV_ERROR, WP_DIAG_INVALID_UTF8, b->file, pos,
                     "invalid UTF-8 (byte 0x%02X)", (unsigned char)buf[valid]);
        b->failed = true;
        return false;
    }
    return true;
}

int ytree_parse(struct ytree *tree, const char *file, const char *buf, size_t len,
                const struct wp_limits *limits, struct wp_diags *diags)
{
    wp_arena_init(&tree->arena);
    tree->root = NULL;
    struct builder b = {.tree = tree, .file = file, .limits = limits, .diags = diags};
    wp_strmap_init(&b.anchors);
    if (!precheck_bytes(&b, buf, len))
        return -1;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fail(&b, WP_DIAG_IO, (struct wp_pos){0, 0}, "cannot initialise the YAML parser", 0);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    int documents = 0;
    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_parser_error(&b, &parser, buf, len);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                fail(&b, WP_DIAG_SECOND_DOCUMENT, mark_pos(ev.start_mark),
                     "a second YAML document is not allowed: the file must hold one document",
                     0);
            break;
        case YAML_SCALAR_EVENT:
            add_scalar(&b, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            open_collection(&b, Y_SEQ, ev.start_mark, ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            open_collection(&b, Y_MAP, ev.start_mark, ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close_collection(&b);
            break;
        case YAML_ALIAS_EVENT:
            add_alias(&b, &ev);
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    while (b.depth > 0)
        free(b.stack[--b.depth].kids);
    free(b.stack);
    wp_strmap_release(&b.anchors);
    if (b.failed) {
        tree->root = NULL;
        return -1;
    }
    return 0;
}

void ytree_release(struct ytree *tree)
{
    wp_arena_release(&tree->arena);
    tree->root = NULL;
}
