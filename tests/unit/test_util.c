#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "util/util.h"

static void test_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t valid;
    } rows[] = {
        {"plain", 5},
        {"Perú", 5},
        {"Việt Nam", 10},
        {"\xc3\x28", 0},         /* bad continuation */
        {"ab\xff", 2},           /* never valid */
        {"\xc0\xaf", 0},         /* overlong '/' */
        {"\xed\xa0\x80", 0},     /* surrogate */
        {"\xf4\x90\x80\x80", 0}, /* past U+10FFFF */
        {"ok\xe2\x80", 2},       /* truncated at the end */
        {"\xf0\x9f\x98\x80", 4}, /* emoji */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        assert_int_equal(wp_utf8_valid_prefix(rows[i].s, strlen(rows[i].s)), rows[i].valid);
    assert_int_equal(wp_utf8_length("Việt Nam", strlen("Việt Nam")), 8);
    uint32_t cp;
    assert_int_equal(wp_utf8_decode("ệ", 3, &cp), 3);
    assert_int_equal(cp, 0x1EC7);
    unsigned line, col;
    const char *text = "ab\ncdé\xff";
    wp_offset_to_linecol(text, strlen(text), 7, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 4); /* é counts as one column */
}

static void test_suggestions(void **state)
{
    (void)state;
    assert_int_equal(wp_levenshtein("titel", "title"), 1); /* a swap is one edit */
    assert_int_equal(wp_levenshtein("", "abc"), 3);
    assert_int_equal(wp_levenshtein("kitten", "sitting"), 3);
    const char *keys[] = {"id", "title", "description", "lead", "partners"};
    assert_string_equal(wp_suggest("descripton", keys, 5), "description");
    assert_string_equal(wp_suggest("partner", keys, 5), "partners");
    assert_null(wp_suggest("colour", keys, 5));
}

static void test_strmap(void **state)
{
    (void)state;
    struct wp_strmap m;
    wp_strmap_init(&m);
    char keys[1000][16];
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof(keys[i]), "k%d", i);
        assert_null(wp_strmap_put(&m, keys[i], &keys[i]));
    }
    assert_ptr_equal(wp_strmap_put(&m, "k5", NULL), &keys[5]); /* existing value kept */
    for (int i = 0; i < 1000; i++)
        assert_ptr_equal(wp_strmap_get(&m, keys[i]), &keys[i]);
    assert_null(wp_strmap_get(&m, "k1000"));
    wp_strmap_set(&m, "k7", &keys[8]);
    assert_ptr_equal(wp_strmap_get(&m, "k7"), &keys[8]);
    assert_int_equal(m.n, 1000);
    wp_strmap_release(&m);
}

static void test_arena(void **state)
{
    (void)state;
    struct wp_arena a;
    wp_arena_init(&a);
    char *s = wp_arena_strdup(&a, "Perú");
    void *big = wp_arena_alloc(&a, 1 << 20);
    char *t = wp_arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "Perú");
    assert_string_equal(t, "abc");
    assert_int_equal(((unsigned char *)big)[12345], 0);
    assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
    wp_arena_release(&a);
}

static void test_atomic_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/wp-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char target[64];
    snprintf(target, sizeof(target), "%s/out.txt", dir);
    FILE *f = fopen(target, "w");
    fputs("old", f);
    fclose(f);

    struct wp_atomic at;
    assert_int_equal(wp_atomic_begin(&at, target), 0);
    f = fopen(at.tmp_path, "w");
    fputs("new", f);
    fclose(f);
    wp_atomic_abort(&at); /* a failed run leaves the old file */
    char *data;
    size_t len;
    assert_int_equal(wp_read_file(target, 100, &data, &len), 0);
    assert_string_equal(data, "old");
    free(data);

    assert_int_equal(wp_atomic_begin(&at, target), 0);
    f = fopen(at.tmp_path, "w");
    fputs("new", f);
    fclose(f);
    assert_int_equal(wp_atomic_commit(&at), 0);
    assert_int_equal(wp_read_file(target, 100, &data, &len), 0);
    assert_string_equal(data, "new");
    free(data);
    assert_int_equal(wp_read_file(target, 2, &data, &len), -2); /* over the limit */
    assert_int_equal(wp_read_file("/nonexistent/x", 2, &data, &len), -1);

    char missing[80];
    snprintf(missing, sizeof(missing), "%s/no/such/dir/x", dir);
    assert_int_equal(wp_atomic_begin(&at, missing), -1);
    unlink(target);
    rmdir(dir);
}

/* git strbuf's invariant: data is a string at every moment, and reset keeps the memory. */
static void test_buf(void **state)
{
    (void)state;
    struct wp_buf b = WP_BUF_INIT;
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    wp_buf_reset(&b);
    assert_string_equal(b.data, "");
    wp_buf_addf(&b, "%s-%d", "ECO", 1);
    assert_string_equal(b.data, "ECO-1");
    char *mem = b.data;
    wp_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_ptr_equal(b.data, mem);
    wp_buf_adds(&b, "x");
    assert_string_equal(b.data, "x");
    wp_buf_release(&b);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.cap, 0);

    /* an empty buffer detaches a string of its own, which the caller frees */
    size_t len = 7;
    char *d = wp_buf_detach(&b, &len);
    assert_int_equal(len, 0);
    assert_string_equal(d, "");
    assert_ptr_not_equal(d, wp_buf_empty);
    free(d);

    /* a zeroed buffer (in a calloc'ed struct) appends, and resets into the invariant */
    struct wp_buf z;
    memset(&z, 0, sizeof(z));
    wp_buf_reset(&z);
    assert_string_equal(z.data, "");
    memset(&z, 0, sizeof(z));
    wp_buf_addc(&z, 'a');
    assert_string_equal(z.data, "a");
    wp_buf_release(&z);

    /* long formatted text goes through the second path of addf */
    char big[600];
    memset(big, 'q', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    wp_buf_adds(&b, "<");
    wp_buf_addf(&b, "%s>", big);
    assert_int_equal(b.len, sizeof(big) + 1);
    assert_int_equal(b.data[b.len - 1], '>');
    assert_int_equal(b.data[b.len], 0);
    wp_buf_release(&b);
    assert_string_equal(wp_buf_empty, "");
}

/* Reads a whole small file into buf (NUL-terminated); returns its length. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
    return n;
}

/* Temporary files live beside the target, are named for a person, and are gone after. */
static void test_atomic_write_and_names(void **state)
{
    (void)state;
    char dir[] = "/tmp/wp-test-XXXXXX", target[300], buf[64];
    assert_non_null(mkdtemp(dir));
    snprintf(target, sizeof(target), "%s/booklet.pdf", dir);
    struct wp_atomic at;
    assert_int_equal(wp_atomic_begin(&at, target), 0);
    char prefix[300];
    snprintf(prefix, sizeof(prefix), "%s/.workplan-tmp.booklet.pdf.", dir);
    assert_int_equal(strncmp(at.tmp_path, prefix, strlen(prefix)), 0);
    assert_int_equal(strlen(at.tmp_path), strlen(prefix) + 6);
    assert_int_equal(wp_atomic_write(&at, "whole", 5), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    assert_null(at.tmp_path);
    assert_int_equal(slurp(target, buf, sizeof(buf)), 5);
    assert_string_equal(buf, "whole");

    /* a 255-byte name: the temporary's name is shortened to fit, the target's is not */
    char name[256];
    memset(name, 'n', 255);
    name[255] = '\0';
    snprintf(target, sizeof(target), "%s/%s", dir, name);
    assert_int_equal(wp_atomic_begin(&at, target), 0);
    const char *base = strrchr(at.tmp_path, '/') + 1;
    assert_int_equal(strlen(base), 255);
    assert_int_equal(wp_atomic_write(&at, "long", 4), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    assert_int_equal(slurp(target, buf, sizeof(buf)), 4);
    unlink(target);
    snprintf(target, sizeof(target), "%s/booklet.pdf", dir);
    unlink(target);
    assert_int_equal(rmdir(dir), 0); /* nothing else left behind */
}

/* New files get 0666 less the umask, read without changing it; replaced files keep their mode. */
static void test_atomic_modes(void **state)
{
    (void)state;
    char dir[] = "/tmp/wp-test-XXXXXX", target[128];
    assert_non_null(mkdtemp(dir));
    snprintf(target, sizeof(target), "%s/out.xlsx", dir);
    mode_t old = umask(027);
    struct wp_atomic at;
    assert_int_equal(wp_atomic_begin(&at, target), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    struct stat st;
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    umask(old);

    assert_int_equal(chmod(target, 0604), 0);
    assert_int_equal(wp_atomic_begin(&at, target), 0);
    assert_int_equal(wp_atomic_write(&at, "x", 1), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0604);
    assert_int_equal(st.st_size, 1);
    unlink(target);
    assert_int_equal(rmdir(dir), 0);
}

/* A symbolic link is followed: the temporary goes beside its target, the link stays. */
static void test_atomic_links(void **state)
{
    (void)state;
    char dir[] = "/tmp/wp-test-XXXXXX", link[128], real[128], sub[128], buf[16];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    snprintf(real, sizeof(real), "%s/sub/real.pdf", dir);
    snprintf(link, sizeof(link), "%s/link.pdf", dir);
    assert_int_equal(symlink("sub/real.pdf", link), 0); /* relative, dangling for now */
    struct wp_atomic at;
    assert_int_equal(wp_atomic_begin(&at, link), 0);
    assert_string_equal(at.target, real);
    assert_non_null(strstr(at.tmp_path, "/sub/.workplan-tmp.real.pdf."));
    assert_int_equal(wp_atomic_write(&at, "new", 3), 0);
    assert_int_equal(wp_atomic_commit(&at), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    slurp(real, buf, sizeof(buf));
    assert_string_equal(buf, "new");
    /* not a regular file: refused before anything is created */
    assert_int_equal(wp_atomic_begin(&at, sub), -2);
    assert_null(at.tmp_path);
    unlink(link);
    unlink(real);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_atomic_file),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_atomic_write_and_names),
        cmocka_unit_test(test_atomic_modes),
        cmocka_unit_test(test_atomic_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
