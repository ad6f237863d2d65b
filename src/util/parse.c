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

void util_fmt_number(double v, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    if (v == 0) {
        snprintf(buf, len, "0");
        return;
    }
    if (!isfinite(v)) {
        snprintf(buf, len, "%g", v);
        return;
    }
    double a = fabs(v);
    if (a >= 1e-6 && a < 1e16) {
        /* the decimals of the shortest exact %g form, written out without an exponent */
        for (int prec = 1; prec <= 17; prec++) {
            char g[40];
            snprintf(g, sizeof g, "%.*e", prec - 1, v);
            if (strtod(g, NULL) != v)
                continue;
            int e10 = atoi(strchr(g, 'e') + 1);
            int decimals = prec - 1 - e10;
            snprintf(buf, len, "%.*f", decimals > 0 ? decimals : 0, v);
            if (strtod(buf, NULL) == v)
                return;
            break;
        }
    }
    util_fmt_exact(v, 1, buf, len);
}

void util_printable(const char *in, char *out, size_t len)
{
    size_t o = 0;
    if (!out || len == 0)
        return;
    for (const unsigned char *c = (const unsigned char *)(in ? in : ""); *c; c++) {
        char piece[8];
        size_t n = *c < 0x20 || *c == 0x7f ? (size_t)snprintf(piece, sizeof piece, "\\x%02x", *c)
                                           : (size_t)snprintf(piece, sizeof piece, "%c", *c);
        if (o + n >= len) { /* does not fit: end with "..." */
            o = len > 4 ? len - 4 : 0;
            if (len > 4)
                memcpy(out + o, "...", 3), o += 3;
            break;
        }
        memcpy(out + o, piece, n);
        o += n;
    }
    out[o] = '\0';
}
