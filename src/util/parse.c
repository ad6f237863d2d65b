/*
 * parse.c - numbers and options from the command line (see util.h).
 *
 * strtol and strtod accept leading blanks, stop silently at the first character they do
 * not understand and saturate on overflow; every option of every program needs the
 * opposite (all of the text, a number in its range, or a refusal that says which), so
 * that check is written once here.  And the other way: the text of a double that reads
 * back as the same double (the canonical configuration, the database's table output).
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int util_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (!s || !*s || *s == ' ' || *s == '\t')
        return EINVAL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end)
        return EINVAL;
    if (errno == ERANGE || v < lo || v > hi)
        return ERANGE;
    *out = v;
    return 0;
}

int util_parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    if (!s || !*s || *s == ' ' || *s == '\t')
        return EINVAL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v))
        return EINVAL;
    if (errno == ERANGE || v < lo || v > hi)
        return ERANGE;
    *out = v;
    return 0;
}

const char *util_opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    *missing = 0;
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

void util_fmt_exact(double v, int min_digits, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    for (int prec = min_digits < 1 ? 1 : min_digits; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}
