/*
 * The document's description, said twice and alike: the Info dictionary
 * and an XMP metadata stream (PDF/UA-1 asks for the XMP, with
 * pdfuaid:part 1), plus the catalog entries of an accessible document:
 * /Lang, /MarkInfo, /ViewerPreferences /DisplayDocTitle, PDF 1.7.
 */
#include <string.h>

#include "pdf/pdf_internal.h"

struct doc_info {
    const char *title, *subject;
    struct wp_buf author, keywords;
    char date_xmp[64];
};

static void xml_escaped(struct wp_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            wp_buf_adds(b, "&amp;");
            break;
        case '<':
            wp_buf_adds(b, "&lt;");
            break;
        case '>':
            wp_buf_adds(b, "&gt;");
            break;
        case '"':
            wp_buf_adds(b, "&quot;");
            break;
        default:
            wp_buf_addc(b, *s);
        }
    }
}

static void xmp_alt(struct wp_buf *b, const char *lang, const char *text)
{
    wp_buf_addf(b, "<rdf:li xml:lang=\"%s\">", lang);
    xml_escaped(b, text);
    wp_buf_adds(b, "</rdf:li>");
}

static void make_xmp(struct pdf_ctx *ctx, const struct doc_info *di, const char *producer,
                     struct wp_buf *b)
{
    const struct wp_plan *plan = ctx->plan;
    wp_buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "<rdf:Description rdf:about=\"\"\n"
                   " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                   " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                   " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                   " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                   "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt>");
    xmp_alt(b, "x-default", di->title);
    for (size_t k = 0; k < plan->languages.n; k++) {
        const char *l = plan->languages.items[k].s;
        const char *t = l ? wp_text_get(plan, &plan->title, l) : NULL;
        if (t)
            xmp_alt(b, l, t);
    }
    wp_buf_adds(b, "</rdf:Alt></dc:title>\n");
    if (di->author.len) {
        wp_buf_adds(b, "<dc:creator><rdf:Seq><rdf:li>");
        xml_escaped(b, di->author.data);
        wp_buf_adds(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    wp_buf_adds(b, "<dc:description><rdf:Alt>");
    xmp_alt(b, "x-default", di->subject);
    wp_buf_adds(b, "</rdf:Alt></dc:description>\n<dc:language><rdf:Bag><rdf:li>");
    xml_escaped(b, ctx->lang);
    wp_buf_addf(b,
                "</rdf:li></rdf:Bag></dc:language>\n"
                "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                "<xmp:CreatorTool>workplan</xmp:CreatorTool>\n<pdf:Producer>",
                di->date_xmp, di->date_xmp, di->date_xmp);
    xml_escaped(b, producer);
    wp_buf_adds(b, "</pdf:Producer>\n");
    if (di->keywords.len) {
        wp_buf_adds(b, "<pdf:Keywords>");
        xml_escaped(b, di->keywords.data);
        wp_buf_adds(b, "</pdf:Keywords>\n");
    }
    wp_buf_adds(b, "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n</rdf:RDF>\n"
                   "</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

static void gather(struct pdf_ctx *ctx, struct doc_info *di, time_t build_time)
{
    const struct wp_plan *plan = ctx->plan;
    const char *title = wp_text_get(plan, &plan->title, ctx->lang);
    di->title = title ? title : "";
    for (size_t k = 0; k < plan->parties.n; k++) {
        if (k)
            wp_buf_adds(&di->author, ", ");
        wp_buf_adds(&di->author, wp_plan_ref_name(plan, plan->parties.items[k].s, ctx->lang));
    }
    const char *subject = wp_text_get(plan, &plan->subtitle, ctx->lang);
    di->subject = subject ? subject : di->title;
    for (size_t a = 0; a < plan->n_areas; a++) {
        if (a)
            wp_buf_adds(&di->keywords, "; ");
        const char *t = wp_text_get(plan, &plan->areas[a].title, ctx->lang);
        wp_buf_adds(&di->keywords, t ? t : plan->areas[a].id);
    }
    struct tm tm;
    gmtime_r(&build_time, &tm);
    snprintf(di->date_xmp, sizeof(di->date_xmp), "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    HPDF_Doc pdf = wp_pdf_be_doc(ctx->be);
    if (title)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title);
    if (di->author.len)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, di->author.data);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, di->subject);
    if (di->keywords.len)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, di->keywords.data);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "workplan");
    /* '+' with a zero offset: 2.3.0 mishandles 'Z' elsewhere (libraries.md A5) */
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec,         '+',           0,          0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

bool wp_pdf_meta(struct pdf_ctx *ctx, time_t build_time)
{
    HPDF_Doc pdf = wp_pdf_be_doc(ctx->be);
    struct doc_info di = {.author = WP_BUF_INIT, .keywords = WP_BUF_INIT};
    static const char producer[] = "Haru Free PDF Library " HPDF_VERSION_TEXT;
    gather(ctx, &di, build_time);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, producer);
    struct wp_buf xmp = WP_BUF_INIT;
    make_xmp(ctx, &di, producer, &xmp);
    wp_buf_release(&di.author);
    wp_buf_release(&di.keywords);

    bool ok = wp_pdf_be_catalog(ctx->be, ctx->lang, xmp.data, xmp.len);
    wp_buf_release(&xmp);
    return ok;
}
