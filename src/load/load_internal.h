/*
 * The loader's private interface: a small positioned YAML tree built from
 * libyaml events (yaml_tree.c, the only file that includes <yaml.h>), and
 * the schema walkers that turn it into the model (plan_schema.c,
 * progress_schema.c) through per-mapping key tables (schema.c).
 */
#ifndef WP_LOAD_INTERNAL_H
#define WP_LOAD_INTERNAL_H

#include <stdio.h>

#include "model/model_internal.h"
#include "workplan/load.h"

enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };

/* Kept small: a large plan has millions of these at once. */
struct ynode {
    struct ynode **items; /* SEQ: n items; MAP: key, value pairs (2n entries) */
    const char *str;      /* scalar text, NUL-terminated, in the model's arena */
    uint32_t len;         /* scalar bytes (bounded by the scalar limit) */
    uint32_t n;
    uint32_t weight; /* nodes in this subtree, aliases counted expanded (saturating) */
    struct wp_pos pos;
    uint8_t kind; /* enum ynode_kind */
    bool plain;   /* scalar written plain (not quoted, no block style, no !!str) */
};

struct ytree {
    struct wp_arena arena; /* nodes; freed once the model is built */
    struct ynode *root;    /* NULL when the document is empty */
};

/* Where the YAML comes from: a buffer, or a stream read in chunks. */
struct ysource {
    const char *buf;
    size_t len;
    FILE *file;
};

/*
 * Parses src into tree, scalars into `strings` (the model's arena),
 * reporting syntax errors, invalid UTF-8, control characters, a second
 * document, duplicate keys and limit breaches to diags. Returns 0 when a
 * tree was built (possibly with duplicate-key errors), -1 when parsing
 * stopped (then tree->root is NULL), -2 on a read error (errno set).
 */
int wp_ytree_parse(struct ytree *tree, const char *file, const struct ysource *src,
                   const struct wp_limits *limits, struct wp_arena *strings,
                   struct wp_diags *diags);
void wp_ytree_release(struct ytree *tree);

/* ---- schema helpers (schema.c) ------------------------------------------- */

struct schema_ctx {
    const char *file;
    struct wp_arena *arena; /* the model's arena */
    struct wp_diags *diags;
    const struct wp_str_list *languages; /* for text keys; NULL until known */
    struct wp_strmap language_set;       /* the same, for lookups */
};

#define SCHEMA_MAX_KEYS 24

/*
 * Checks mapping `map` against `keys` (n of them): fills values[i] with the
 * value node of keys[i] or NULL; reports unknown keys (with a suggestion)
 * and missing required ones (required is a bit mask over keys). `what`
 * names the mapping in messages ("activity 'ECO-01'", "plan"). Returns
 * false (after reporting) when node is not a mapping.
 */
bool wp_schema_map(struct schema_ctx *c, const struct ynode *map, const char *what,
                   const char *const *keys, size_t n, unsigned required,
                   const struct ynode **values);

bool wp_schema_is_null(const struct ynode *n);
/*
 * True (after reporting) when root has a `format:` string other than
 * `expected`; the document is then not read further, since it would be read
 * under the wrong rules. `other` is the sibling format, named in the message.
 */
bool wp_schema_wrong_format(struct schema_ctx *c, const struct ynode *root, const char *expected,
                            const char *expected_what, const char *other, const char *other_what);
/* The key name at values index: used for messages. */
const char *wp_schema_kind_name(const struct ynode *n);

/* Converters: report a diagnostic and return false on a wrong type or value. */
bool wp_schema_string(struct schema_ctx *c, const struct ynode *n, const char *key,
                      const char **out);
bool wp_schema_int(struct schema_ctx *c, const struct ynode *n, const char *key, int min, int max,
                   int *out);
/* A plain YAML integer or decimal, finite, at most 15 significant digits. */
bool wp_schema_number(struct schema_ctx *c, const struct ynode *n, const char *key, double *out);
/* An http(s) URL without spaces (a `check` for wp_schema_str_list too). */
bool wp_schema_url(struct schema_ctx *c, const struct ynode *n, const char *s);
bool wp_schema_text(struct schema_ctx *c, const struct ynode *n, const char *key,
                    struct wp_text *out);
bool wp_schema_text_list(struct schema_ctx *c, const struct ynode *n, const char *key,
                         struct wp_text_list *out);
/* A list of strings; each item passed to `check` (may be NULL) for syntax. */
bool wp_schema_str_list(struct schema_ctx *c, const struct ynode *n, const char *key,
                        bool (*check)(struct schema_ctx *, const struct ynode *, const char *),
                        struct wp_str_list *out);
bool wp_schema_date(struct schema_ctx *c, const struct ynode *n, const char *key,
                    struct wp_date *out);
bool wp_schema_period(struct schema_ctx *c, const struct ynode *n, const char *key,
                      struct wp_period *out);

/* id syntax */
bool wp_is_plan_id(const char *s);
bool wp_is_area_id(const char *s);
bool wp_is_party_id(const char *s);
bool wp_is_country_code(const char *s);
bool wp_is_lang_code(const char *s);
/* [A-Z][A-Z0-9_]{0,15} */
bool wp_is_indicator_id(const char *s);
/* "<area>-" then [0-9A-Z]+ */
bool wp_is_activity_id(const char *s, const char *area_id);

/* ---- the two document kinds ------------------------------------------------ */
void wp_plan_from_tree(struct wp_plan *plan, const struct ynode *root, struct schema_ctx *c);
void wp_progress_from_tree(struct wp_progress *progress, const struct ynode *root,
                           struct schema_ctx *c);

#endif
