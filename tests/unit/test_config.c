/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_config.c - the office configuration (src/desk/config.c).
 *
 * Defaults and the shipped default file agree; the search order; every bad
 * line/key/value reported with its line; atomic save keeps the rest of the
 * file, leaves mode 0600 and survives a reload. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

static const char *forms_dir(void)
{
    const char *d = getenv("MOTCUA_FORMS_DIR");
    return d && *d ? d : MOTCUA_FORMS_DIR;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[128 * 1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *s = strdup(buf);
    assert_non_null(s);
    return s;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* A temporary folder, removed (with what is in it, two levels) by rm_tree. */
static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/motcua-cfg-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char *copy = strdup(d);
    assert_non_null(copy);
    return copy;
}

static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            struct stat st;
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
                rm_tree(path);
            else
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static void clear_env(void)
{
    unsetenv("MOTCUA_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
}

/* ---- defaults --------------------------------------------------------- */

static void test_defaults(void **state)
{
    (void)state;
    mc_config *c = cfg_defaults();
    assert_null(cfg_path(c));
    assert_true(cfg_option_count() >= 20);
    for (size_t i = 0; i < cfg_option_count(); i++) {
        const cfg_option *o = cfg_option_at(i);
        assert_string_equal(cfg_get(c, o->section, o->key), o->def);
        assert_string_equal(cfg_origin(c, o->section, o->key), "default");
        assert_ptr_equal(cfg_option_find(o->section, o->key), o);
    }
    assert_int_equal(cfg_get_int(c, "sync", "batch_size", -1), 100);
    assert_int_equal(cfg_get_int(c, "sync", "interval_seconds", -1), 60);
    assert_int_equal(cfg_get_int(c, "sync", "url", -1), -1); /* not an int */
    assert_int_equal(cfg_get_minutes(c, "hours", "open", -1), 8 * 60);
    assert_int_equal(cfg_get_minutes(c, "hours", "close", -1), 17 * 60);
    assert_string_equal(cfg_get(c, "print", "paper"), "A4");
    assert_string_equal(cfg_get(c, "desk", "language"), "vi");
    assert_string_equal(cfg_get(c, "desk", "supplement_clock"), "restart");
    assert_false(cfg_is_set(c, "sync", "url"));
    assert_null(cfg_get(c, "sync", "nope"));
    assert_null(cfg_origin(c, "nope", "url"));
    assert_int_equal(cfg_check(c, NULL, NULL), 0);
    cfg_free(c);
}

/* forms/motcua.conf is exactly the generated default file, and loading it
 * gives the defaults with no problem. */
static void test_shipped_default_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/motcua.conf", forms_dir());
    char *shipped = read_all(path);
    char *gen = cfg_default_text();
    if (strcmp(shipped, gen) != 0)
        fail_msg("%s differs from cfg_default_text(); regenerate it with "
                 "`motcua config default > forms/motcua.conf`", path);
    mc_config *c;
    mc_error err;
    assert_int_equal(cfg_load_file(path, &c, &err), MC_OK);
    assert_int_equal(cfg_check(c, NULL, NULL), 0);
    for (size_t i = 0; i < cfg_option_count(); i++) {
        const cfg_option *o = cfg_option_at(i);
        assert_string_equal(cfg_get(c, o->section, o->key), o->def);
        /* every key is written in the file, not only documented */
        assert_string_not_equal(cfg_origin(c, o->section, o->key), "default");
    }
    cfg_free(c);
    free(gen);
    free(shipped);
}

/* ---- search order ----------------------------------------------------- */

static void test_precedence(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    char explicit[600], env[600], xdg[600], xdgfile[700], home[600],
        homefile[700];
    snprintf(explicit, sizeof explicit, "%s/explicit.conf", dir);
    snprintf(env, sizeof env, "%s/env.conf", dir);
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    snprintf(xdgfile, sizeof xdgfile, "%s/motcua/motcua.conf", xdg);
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(homefile, sizeof homefile, "%s/.config/motcua/motcua.conf", home);
    write_file(explicit, "[office]\nname = explicit\n");
    write_file(env, "[office]\nname = env\n");
    char sub[700];
    snprintf(sub, sizeof sub, "%s/motcua", xdg);
    assert_int_equal(mkdir(xdg, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(xdgfile, "\n[office]\nname = xdg\n");
    snprintf(sub, sizeof sub, "%s/.config", home);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/.config/motcua", home);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(homefile, "[office]\nname = home\n");

    clear_env();
    setenv("MOTCUA_CONFIG", env, 1);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    setenv("HOME", home, 1);
    mc_config *c;
    mc_error err;
    char want[800];

    assert_int_equal(cfg_load(explicit, &c, &err), MC_OK);
    assert_string_equal(cfg_get(c, "office", "name"), "explicit");
    snprintf(want, sizeof want, "%s:2", explicit);
    assert_string_equal(cfg_origin(c, "office", "name"), want);
    assert_string_equal(cfg_origin(c, "office", "code"), "default");
    cfg_free(c);

    assert_int_equal(cfg_load(NULL, &c, &err), MC_OK);
    assert_string_equal(cfg_get(c, "office", "name"), "env");
    assert_string_equal(cfg_path(c), env);
    cfg_free(c);

    unsetenv("MOTCUA_CONFIG");
    assert_int_equal(cfg_load("", &c, &err), MC_OK);
    assert_string_equal(cfg_get(c, "office", "name"), "xdg");
    snprintf(want, sizeof want, "%s:3", xdgfile);
    assert_string_equal(cfg_origin(c, "office", "name"), want);
    cfg_free(c);

    unsetenv("XDG_CONFIG_HOME");
    assert_int_equal(cfg_load(NULL, &c, &err), MC_OK);
    assert_string_equal(cfg_get(c, "office", "name"), "home");
    cfg_free(c);

    /* nothing found: defaults (unless this machine has a system file) */
    unlink(homefile);
    assert_int_equal(cfg_load(NULL, &c, &err), MC_OK);
    if (access("/etc/motcua/motcua.conf", F_OK) != 0) {
        assert_null(cfg_path(c));
        assert_string_equal(cfg_get(c, "office", "name"), "");
    }
    cfg_free(c);

    /* a file that is named must exist */
    snprintf(want, sizeof want, "%s/missing.conf", dir);
    assert_int_equal(cfg_load(want, &c, &err), MC_ENOTFOUND);
    assert_null(c);
    assert_non_null(strstr(err.msg, want));
    setenv("MOTCUA_CONFIG", want, 1);
    assert_int_equal(cfg_load(NULL, &c, &err), MC_ENOTFOUND);
    clear_env();
    rm_tree(dir);
    free(dir);
}

static void test_oversize(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/big.conf", dir);
    size_t n = CFG_MAX_FILE_BYTES + 100;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 60 == 59 ? '\n' : ';';
    big[n] = '\0';
    write_file(path, big);
    mc_config *c;
    mc_error err;
    assert_int_equal(cfg_load_file(path, &c, &err), MC_ELIMIT);
    assert_null(c);
    free(big);
    rm_tree(dir);
    free(dir);
}

/* ---- check: every bad line with its number ----------------------------- */

typedef struct want_problem {
    int line;
    const char *section;
    const char *key;
} want_problem;

typedef struct bad_conf {
    const char *name;
    const char *text;
    want_problem want[16];
} bad_conf;

static const bad_conf bad_confs[] = {
    {"bad values of every type",
     "; comment\n"                         /* 1 */
     "[office]\n"                          /* 2 */
     "code = h56.14\n"                     /* 3  lower case */
     "name = Bộ phận một cửa\n"            /* 4  fine */
     "[hours]\n"                           /* 5 */
     "open = 8h\n"                         /* 6  not HH:MM */
     "lunch_start = 24:00\n"               /* 7  out of range */
     "[print]\n"                           /* 8 */
     "paper = Letter\n"                    /* 9  not in A4|A5 */
     "receipts_dir = receipts\n"           /* 10 relative */
     "[sync]\n"                            /* 11 */
     "url = http://central.example.vn\n"   /* 12 not https */
     "batch_size = 0\n"                    /* 13 below 1 */
     "interval_seconds = 10s\n"            /* 14 not an integer */
     "[desk]\n"                            /* 15 */
     "language = fr\n"                     /* 16 */
     "supplement_clock = pause\n",         /* 17 */
     {{3, "office", "code"},
      {6, "hours", "open"},
      {7, "hours", "lunch_start"},
      {9, "print", "paper"},
      {10, "print", "receipts_dir"},
      {12, "sync", "url"},
      {13, "sync", "batch_size"},
      {14, "sync", "interval_seconds"},
      {16, "desk", "language"},
      {17, "desk", "supplement_clock"}}},
    {"unknown sections and keys, bad lines",
     "name = outside\n"                    /* 1 before any section */
     "[office]\n"                          /* 2 */
     "colour = red\n"                      /* 3 unknown key */
     "  phone = 0123\n"                    /* 4 indented */
     "just words\n"                        /* 5 no '=' */
     "[nope]\n"                            /* 6 */
     "x = 1\n"                             /* 7 unknown section */
     "[broken\n"                           /* 8 */
     "[office]\n"                          /* 9 */
     "name = A\n"                          /* 10 */
     "name = B\n",                         /* 11 set twice */
     {{1, "", "name"},
      {3, "office", "colour"},
      {4, "", ""},
      {5, "", ""},
      {7, "nope", "x"},
      {8, "", ""},
      {11, "office", "name"}}},
    {"keys that disagree",
     "[hours]\n"                           /* 1 */
     "open = 13:30\n"                      /* 2 after lunch_start 12:00 */
     "[sync]\n"                            /* 3 */
     "client_cert = /etc/motcua/office.pem\n", /* 4 without client_key */
     {{2, "hours", "open"}, {4, "sync", "client_cert"}}},
    {"carriage returns, BOM and comments are fine",
     "\xEF\xBB\xBF; motcua\r\n[sync]\r\nurl = https://tw.example.vn/api ; trailing\r\n"
     "# hash comment\r\n  ; indented comment\r\n\r\nbatch_size: 50\r\n",
     {{0, NULL, NULL}}},
};

typedef struct seen_problems {
    size_t n;
    cfg_problem p[32];
} seen_problems;

static void collect(const cfg_problem *p, void *ud)
{
    seen_problems *s = ud;
    if (s->n < 32)
        s->p[s->n++] = *p;
}

static void test_check(void **state)
{
    const bad_conf *bc = *state;
    char *dir = make_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/motcua.conf", dir);
    write_file(path, bc->text);
    mc_config *c;
    mc_error err;
    assert_int_equal(cfg_load_file(path, &c, &err), MC_OK);
    seen_problems s = {0};
    size_t n = cfg_check(c, collect, &s);
    size_t want_n = 0;
    while (want_n < 16 && bc->want[want_n].line)
        want_n++;
    for (size_t i = 0; i < s.n; i++)
        print_message("  %s\n", s.p[i].msg);
    assert_int_equal(n, want_n);
    assert_int_equal(s.n, want_n);
    for (size_t i = 0; i < want_n; i++) {
        assert_int_equal(s.p[i].line, bc->want[i].line);
        assert_string_equal(s.p[i].section, bc->want[i].section);
        assert_string_equal(s.p[i].key, bc->want[i].key);
        assert_string_equal(s.p[i].file, path);
        char prefix[700];
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, bc->want[i].line);
        assert_memory_equal(s.p[i].msg, prefix, strlen(prefix));
    }
    /* a bad value keeps the default */
    if (strcmp(bc->name, "bad values of every type") == 0) {
        assert_string_equal(cfg_get(c, "sync", "batch_size"), "100");
        assert_string_equal(cfg_origin(c, "sync", "batch_size"), "default");
        assert_string_equal(cfg_get(c, "office", "name"), "Bộ phận một cửa");
    }
    if (want_n == 0) {
        assert_string_equal(cfg_get(c, "sync", "url"),
                            "https://tw.example.vn/api");
        assert_int_equal(cfg_get_int(c, "sync", "batch_size", 0), 50);
    }
    cfg_free(c);
    rm_tree(dir);
    free(dir);
}

/* ---- saving ------------------------------------------------------------ */

static void assert_no_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, ".motcua.conf.", 13) == 0)
            fail_msg("temporary file left: %s", de->d_name);
    closedir(d);
}

static void test_save(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/motcua.conf", dir);
    write_file(path, "; office config\n[office]\n; the name\nname = Cũ\n\n"
                     "[sync]\nbatch_size = 10\n");
    assert_int_equal(chmod(path, 0644), 0);
    mc_config *c;
    mc_error err;
    assert_int_equal(cfg_load_file(path, &c, &err), MC_OK);

    /* replace an existing key in place */
    assert_int_equal(cfg_set_and_save(c, "office", "name", "Bộ phận Một cửa", &err),
                     MC_OK);
    /* add a key to an existing section, and one in a new section */
    assert_int_equal(cfg_set_and_save(c, "sync", "url", "https://c.example.vn",
                                      &err),
                     MC_OK);
    assert_int_equal(cfg_set_and_save(c, "desk", "supplement_clock", "extend",
                                      &err),
                     MC_OK);
    char *text = read_all(path);
    assert_string_equal(text,
                        "; office config\n[office]\n; the name\n"
                        "name = Bộ phận Một cửa\n\n[sync]\n"
                        "url = https://c.example.vn\nbatch_size = 10\n"
                        "\n[desk]\nsupplement_clock = extend\n");
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_no_temp_files(dir);

    /* the object was reloaded: values and origins follow the new file */
    char want[700];
    assert_string_equal(cfg_get(c, "office", "name"), "Bộ phận Một cửa");
    snprintf(want, sizeof want, "%s:7", path);
    assert_string_equal(cfg_origin(c, "sync", "url"), want);
    assert_string_equal(cfg_get(c, "desk", "supplement_clock"), "extend");
    assert_int_equal(cfg_check(c, NULL, NULL), 0);
    cfg_free(c);

    /* and so does a fresh load */
    assert_int_equal(cfg_load_file(path, &c, &err), MC_OK);
    assert_string_equal(cfg_get(c, "sync", "url"), "https://c.example.vn");
    assert_int_equal(cfg_get_int(c, "sync", "batch_size", 0), 10);
    snprintf(want, sizeof want, "%s:11", path);
    assert_string_equal(cfg_origin(c, "desk", "supplement_clock"), want);

    /* bad values and unknown keys are refused; the file is untouched */
    char *before = read_all(path);
    assert_int_equal(cfg_set_and_save(c, "sync", "batch_size", "0", &err),
                     MC_EINVAL);
    assert_string_equal(err.field, "batch_size");
    assert_int_equal(cfg_set_and_save(c, "sync", "colour", "red", &err),
                     MC_EINVAL);
    assert_int_equal(cfg_set_and_save(c, "office", "name", "a ; b", &err),
                     MC_EINVAL);
    assert_int_equal(cfg_set_and_save(c, "office", "name", "two\nlines", &err),
                     MC_EINVAL);
    char *after = read_all(path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    cfg_free(c);
    rm_tree(dir);
    free(dir);
}

/* With no file loaded, saving creates the user's file (and its folder). */
static void test_save_creates_user_file(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    clear_env();
    setenv("XDG_CONFIG_HOME", dir, 1);
    mc_config *c;
    mc_error err;
    assert_int_equal(cfg_load(NULL, &c, &err), MC_OK);
    if (cfg_path(c) == NULL) { /* no /etc/motcua/motcua.conf here */
        assert_int_equal(cfg_set_and_save(c, "print", "paper", "A5", &err),
                         MC_OK);
        char path[700];
        snprintf(path, sizeof path, "%s/motcua/motcua.conf", dir);
        assert_string_equal(cfg_path(c), path);
        assert_string_equal(cfg_get(c, "print", "paper"), "A5");
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0600);
        cfg_free(c);
        assert_int_equal(cfg_load(NULL, &c, &err), MC_OK);
        assert_string_equal(cfg_get(c, "print", "paper"), "A5");
        snprintf(path, sizeof path, "%s/motcua", dir);
        assert_no_temp_files(path);
    }
    cfg_free(c);
    clear_env();
    rm_tree(dir);
    free(dir);
}

int main(void)
{
    enum { N_BAD = sizeof bad_confs / sizeof *bad_confs };
    struct CMUnitTest tests[N_BAD + 8];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_defaults);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shipped_default_file);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_precedence);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_oversize);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_save);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_save_creates_user_file);
    for (size_t i = 0; i < N_BAD; i++)
        tests[n++] = (struct CMUnitTest){
            .name = bad_confs[i].name,
            .test_func = test_check,
            .initial_state = (void *)&bad_confs[i],
        };
    return _cmocka_run_group_tests("config", tests, n, NULL, NULL);
}
