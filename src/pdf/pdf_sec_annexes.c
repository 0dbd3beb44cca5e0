/*
 * The annexes: members by party, activities by country, the glossary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_sections.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Which activities each country leads or takes part in (the rule of
 * wp_activity_role: named itself or through a party, lead wins), built in
 * one pass over the activities rather than one per country.
 */
struct country_roles {
    size_t last;          /* 1 + index of the last activity that named it */
    enum wp_role role;    /* its role in that activity */
    struct wp_buf ids[3]; /* by enum wp_role: "ECO-01, ECO-03" */
};

static void mark_role(struct wp_strmap *index, size_t k, const char *code, enum wp_role role,
                      struct country_roles **touched, size_t *n_touched)
{
    struct country_roles *r = wp_strmap_get(index, code);
    if (!r)
        return;
    if (r->last != k + 1) {
        r->last = k + 1;
        r->role = role;
        touched[(*n_touched)++] = r;
    } else if (role == WP_ROLE_LEAD) {
        r->role = WP_ROLE_LEAD;
    }
}

static struct country_roles *index_countries(struct pdf_ctx *ctx)
{
    const struct wp_plan *plan = ctx->plan;
    struct country_roles *roles = wp_xcalloc(plan->n_countries + 1, sizeof(*roles));
    for (size_t c = 0; c <= plan->n_countries; c++)
        for (int r = 0; r < 3; r++)
            wp_buf_init(&roles[c].ids[r]);
    struct wp_strmap index;
    wp_strmap_init(&index);
    for (size_t c = 0; c < plan->n_countries; c++)
        if (plan->countries[c].code)
            wp_strmap_put(&index, plan->countries[c].code, &roles[c]);
    struct country_roles **touched = wp_xcalloc(plan->n_countries + 1, sizeof(*touched));
    for (size_t k = 0; k < plan->n_activities; k++) {
        const struct wp_activity *a = plan->activities[k];
        size_t n_touched = 0;
        for (int pass = 0; pass < 2; pass++) {
            const struct wp_str_list *refs = pass == 0 ? &a->lead : &a->partners;
            enum wp_role role = pass == 0 ? WP_ROLE_LEAD : WP_ROLE_PARTNER;
            for (size_t i = 0; i < refs->n; i++) {
                const char *ref = refs->items[i].s;
                if (!ref)
                    continue;
                const struct wp_party *party = wp_plan_find_party(plan, ref);
                if (!party) {
                    mark_role(&index, k, ref, role, touched, &n_touched);
                    continue;
                }
                for (size_t m = 0; m < party->members.n; m++)
                    if (party->members.items[m].s)
                        mark_role(&index, k, party->members.items[m].s, role, touched, &n_touched);
            }
        }
        for (size_t i = 0; i < n_touched; i++) {
            struct wp_buf *b = &touched[i]->ids[touched[i]->role];
            if (b->len)
                wp_buf_adds(b, ", ");
            wp_buf_adds(b, a->id);
        }
    }
    free(touched);
    wp_strmap_release(&index);
    return roles;
}

static void release_country_roles(struct pdf_ctx *ctx, struct country_roles *roles)
{
    for (size_t c = 0; c < ctx->plan->n_countries; c++)
        for (int r = 0; r < 3; r++)
            wp_buf_release(&roles[c].ids[r]);
    free(roles);
}

/* Members by party. */
static void annex_members(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    /* members by party */
    wp_pdf_flow_gap(ctx, st->section_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_MEMBERS_BY_PARTY), t->members, 0,
                        NULL);
    for (size_t k = 0; k < plan->n_parties; k++) {
        const struct wp_party *p = &plan->party_list[k];
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "name", p->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        const char *h = wp_pdf_sec_printf(ctx, "%s (%s)", wp_pdf_sec_text(ctx, &p->name), p->id);
        wp_pdf_flow_heading(ctx, PDF_T_H3, h, -1, 0, NULL);
        wp_pdf_fonts_where(&ctx->fonts, "party", p->id, "members", p->members.pos);
        const char *m = wp_pdf_sec_join_refs(ctx, &p->members);
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        wp_pdf_flow_lines(ctx, &o, m, strlen(m));
    }
}

/* Activities by country: what each country leads and takes part in. */
static void annex_countries(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    /* activities by country */
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_COUNTRY_INDEX), t->countries, 0,
                        NULL);
    struct country_roles *roles = index_countries(ctx);
    for (size_t c = 0; c < plan->n_countries; c++) {
        const struct wp_country *co = &plan->countries[c];
        wp_pdf_fonts_where(&ctx->fonts, "country", co->code, "name", co->name.pos);
        wp_pdf_flow_gap(ctx, st->heading_gap);
        const char *h =
            wp_pdf_sec_printf(ctx, "%s (%s)", wp_pdf_sec_text(ctx, &co->name), co->code);
        size_t head = wp_pdf_flow_heading(ctx, PDF_T_H3, h, -1, 0, NULL);
        /* long lists run over pages: the next page says whose they are */
        ctx->flow.draws[head].flags |= PDF_D_CONT;
        wp_pdf_width(ctx, PDF_T_MUTED, h, strlen(h));
        const char *none = wp_pdf_sec_label(ctx, WP_L_NONE);
        /* the items point into their text: it goes into the arena */
        struct wp_buf *l = &roles[c].ids[WP_ROLE_LEAD], *p = &roles[c].ids[WP_ROLE_PARTNER];
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_LEADS),
                          l->len ? wp_arena_strdup(&ctx->arena, l->data) : none, (int32_t)head,
                          PDF_T_BODY, 0, NULL);
        wp_pdf_flow_field(ctx, wp_pdf_sec_label(ctx, WP_L_TAKES_PART),
                          p->len ? wp_arena_strdup(&ctx->arena, p->data) : none, (int32_t)head,
                          PDF_T_BODY, 0, NULL);
    }
    release_country_roles(ctx, roles);
}

/* The glossary's statuses, kept on one page. */
static void glossary_statuses(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    const struct pdf_style *st = ctx->st;
    wp_pdf_flow_gap(ctx, st->part_gap);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "glossary", (struct wp_pos){0, 0});
    wp_pdf_flow_heading(ctx, PDF_T_H2, wp_pdf_sec_label(ctx, WP_L_GLOSSARY), t->glossary, 0, NULL);
    wp_pdf_flow_gap(ctx, st->heading_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H3, wp_pdf_sec_label(ctx, WP_L_STATUSES), -1, 0, NULL);
    for (int s = 0; s < WP_STATUS_COUNT; s++) {
        size_t before = ctx->flow.n_items;
        wp_pdf_flow_field(ctx, wp_status_label(ctx->lang, (enum wp_status)s),
                          wp_status_description(ctx->lang, (enum wp_status)s), -1, PDF_T_BODY,
                          PDF_D_SWATCH, NULL);
        for (size_t k = before; k < ctx->flow.n_items; k++) {
            ctx->flow.draws[k].ref = s;
            /* the five statuses stay on one page */
            if (s + 1 < WP_STATUS_COUNT || k + 1 < ctx->flow.n_items)
                ctx->flow.items[k].flags |= PDF_KEEP_WITH_NEXT;
        }
    }
}

/* The glossary's modalities, with how many activities each. */
static void glossary_modalities(struct pdf_ctx *ctx)
{
    const struct pdf_style *st = ctx->st;
    const struct wp_plan *plan = ctx->plan;
    wp_pdf_flow_gap(ctx, st->glossary_gap);
    wp_pdf_flow_heading(ctx, PDF_T_H3, wp_pdf_sec_label(ctx, WP_L_MODALITIES), -1, 0, NULL);
    struct wp_strmap seen;
    wp_strmap_init(&seen);
    const char **words = NULL;
    size_t n_words = 0, cap_words = 0;
    for (size_t i = 0; i < plan->n_activities; i++) {
        const struct wp_activity *a = plan->activities[i];
        for (size_t k = 0; k < a->modality.n; k++) {
            const char *w = wp_pdf_sec_text(ctx, &a->modality.items[k]);
            size_t *count = wp_strmap_get(&seen, w);
            if (!count) {
                count = wp_arena_alloc(&ctx->arena, sizeof(*count));
                wp_strmap_put(&seen, w, count);
                WP_GROW(words, cap_words, n_words + 1);
                words[n_words++] = w;
            }
            (*count)++;
        }
    }
    if (n_words > 1)
        qsort(words, n_words, sizeof(*words), cmp_str);
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "modality", (struct wp_pos){0, 0});
    for (size_t k = 0; k < n_words; k++) {
        size_t *count = wp_strmap_get(&seen, words[k]);
        char num[96];
        snprintf(num, sizeof(num), "%s: %zu", wp_pdf_sec_label(ctx, WP_L_ACTIVITIES), *count);
        wp_pdf_flow_field(ctx, words[k], wp_arena_strdup(&ctx->arena, num), -1, PDF_T_BODY, 0,
                          NULL);
    }
    if (n_words == 0) {
        struct pdf_text_opts o = {.role = PDF_T_BODY, .repeat = -1};
        const char *s = wp_pdf_sec_label(ctx, WP_L_NONE);
        wp_pdf_flow_lines(ctx, &o, s, strlen(s));
    }
    free(words);
    wp_strmap_release(&seen);
}

void wp_pdf_prepare_annexes(struct pdf_ctx *ctx, const struct toc_plan *t)
{
    wp_pdf_fonts_where(&ctx->fonts, NULL, NULL, "annexes", (struct wp_pos){0, 0});
    wp_pdf_flow_chapter(ctx, wp_pdf_sec_label(ctx, WP_L_ANNEXES), t->annexes);

    annex_members(ctx, t);
    annex_countries(ctx, t);
    glossary_statuses(ctx, t);
    glossary_modalities(ctx);
    if (wp_pdf_has_measured(ctx->plan))
        wp_pdf_prepare_results_glossary(ctx);
    wp_pdf_tag_end(ctx);
}
