/* What the text engine costs (CPU time): lays out 1,000 strings of typical length, several times.
 *   build/tools/text-bench [ROUNDS]   prints ms per 1,000 strings, per script and overall */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

static const struct {
    const char *name, *lang, *text;
} samples[] = {
    {"English", "en", "Strengthen cooperation on trade facilitation and customs procedures"},
    {"Spanish", "es", "Fortalecer la cooperación en facilitación del comercio y aduanas"},
    {"Vietnamese", "vi", "Tăng cường hợp tác về tạo thuận lợi thương mại và thủ tục hải quan"},
    {"Thai", "th", "เสริมสร้างความร่วมมือด้านการอำนวยความสะดวกทางการค้าและศุลกากร"},
    {"Lao", "lo", "ເສີມຂະຫຍາຍການຮ່ວມມືດ້ານການອຳນວຍຄວາມສະດວກທາງການຄ້າ"},
    {"Khmer", "km", "ពង្រឹងកិច្ចសហប្រតិបត្តិការលើការសម្របសម្រួលពាណិជ្ជកម្ម"},
    {"Burmese", "my", "ကုန်သွယ်ရေးလွယ်ကူချောမွေ့စေရေးဆိုင်ရာ ပူးပေါင်းဆောင်ရွက်မှုကို မြှင့်တင်ရန်"},
    {"Jawi", "ms-Arab", "مڠوکوهکن کرجاسام دالم ڤمودهن ڤرداڬڠن دان ڤروسيدور کستم"},
    {"Chinese", "zh-Hans", "加强贸易便利化和海关程序方面的合作，促进区域经济一体化。"},
    {"Japanese", "ja", "貿易円滑化と税関手続きに関する協力を強化し、地域経済統合を促進する。"},
    {"Tamil", "ta", "வர்த்தக வசதி மற்றும் சுங்க நடைமுறைகள் குறித்த ஒத்துழைப்பை வலுப்படுத்துதல்"},
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ms for 1,000 layouts of text (each made distinct by a number), wrapped at 150 pt. */
static double per_thousand(struct wp_text_fonts *fonts, const char *text, const char *lang,
                           int rounds, double width)
{
    const struct wp_text_style style = {9, false};
    char buf[512];
    double t0 = now();
    for (int i = 0; i < 1000 * rounds; i++) {
        int n = snprintf(buf, sizeof(buf), "%s %d", text, i);
        struct wp_text_layout l;
        if (wp_text_layout(fonts, buf, (size_t)n, lang, &style, width, &l) != 0) {
            fprintf(stderr, "text-bench: layout failed\n");
            exit(1);
        }
        wp_text_layout_free(&l);
    }
    return (now() - t0) * 1000 / rounds;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    if (rounds < 1)
        rounds = 1;
    double t0 = now();
    struct wp_text_fonts *fonts = wp_text_fonts_create();
    if (!fonts) {
        fprintf(stderr, "text-bench: fontconfig failed\n");
        return 1;
    }
    /* First use opens the fonts: timed apart from the steady state. */
    const struct wp_text_style style = {9, false};
    for (size_t i = 0; i < N_SAMPLES; i++)
        (void)wp_text_measure(fonts, samples[i].text, strlen(samples[i].text), samples[i].lang,
                              &style);
    printf("setup (fontconfig + opening %zu fonts): %.1f ms\n", wp_text_fonts_count(fonts),
           (now() - t0) * 1000);
    double wrapped = 0, single = 0;
    printf("%-10s %5s %14s %14s   (ms per 1,000 layouts)\n", "script", "bytes", "wrap at 150pt",
           "one line");
    for (size_t i = 0; i < N_SAMPLES; i++) {
        double w = per_thousand(fonts, samples[i].text, samples[i].lang, rounds, 150);
        double o = per_thousand(fonts, samples[i].text, samples[i].lang, rounds, 0);
        printf("%-10s %5zu %14.1f %14.1f\n", samples[i].name, strlen(samples[i].text), w, o);
        wrapped += w;
        single += o;
    }
    printf("mean: %.1f ms per 1,000 strings wrapped at 150 pt, %.1f on one line\n",
           wrapped / N_SAMPLES, single / N_SAMPLES);
    wp_text_fonts_free(fonts);
    return 0;
}
