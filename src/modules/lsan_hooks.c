/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lsan_hooks.c - LeakSanitizer's settings for the `motcua` binary.
 *
 * fontconfig 2.14 (Debian 12) leaks a pattern while parsing its own
 * configuration in pango's font-loading thread; nothing of ours can free
 * it.  printers/output.c has this hook for the programs that link the
 * printers statically; LSan reads it from the executable only, so
 * `motcua`, which prints through motcua-print.so, carries its own copy.
 * Ordinary unused functions in a build without sanitizers. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
