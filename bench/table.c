/*
 * table.c - Markdown tables padded for the terminal.
 *
 * The benchmark's report is read in two places: on the terminal after `make bench`, and
 * in the README's Performance section.  Printing Markdown pipe tables whose cells are
 * padded to the column width makes both the same text: aligned columns on a terminal,
 * a rendered table on a web page.  A table is a flat array of strings, the header row
 * first; widths are computed when it is printed.
 */
#include "bench.h"

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int bench_table_init(bench_table *t, size_t ncol, const char *const *head, const char *align)
{
    memset(t, 0, sizeof *t);
    t->ncol = ncol;
    t->align = malloc(ncol);
    if (!t->align)
        return -1;
    memcpy(t->align, align, ncol);
    for (size_t c = 0; c < ncol; c++)
        if (bench_table_add(t, "%s", head[c]) != 0)
            return -1;
    return 0;
}

int bench_table_add(bench_table *t, const char *fmt, ...)
{
    if (t->ncell == t->cap) {
        size_t ncap = t->cap ? 2 * t->cap : 64;
        char **nc = realloc(t->cell, ncap * sizeof *nc);
        if (!nc)
            return -1;
        t->cell = nc;
        t->cap = ncap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return -1;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->cell[t->ncell++] = s;
    return 0;
}

/* Width on a terminal: code points, not bytes (every character used here is one column). */
static size_t text_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

static const char *cell_at(const bench_table *t, size_t r, size_t c)
{
    size_t i = r * t->ncol + c;
    return i < t->ncell ? t->cell[i] : "";
}

void bench_table_print(const bench_table *t, FILE *out)
{
    if (!t->ncol)
        return;
    size_t nrow = (t->ncell + t->ncol - 1) / t->ncol;
    size_t *w = calloc(t->ncol, sizeof *w);
    if (!w)
        return;
    for (size_t c = 0; c < t->ncol; c++) {
        w[c] = 3; /* the "---" of the separator row */
        for (size_t r = 0; r < nrow; r++) {
            size_t n = text_width(cell_at(t, r, c));
            if (n > w[c])
                w[c] = n;
        }
    }
    for (size_t r = 0; r < nrow; r++) {
        for (size_t c = 0; c < t->ncol; c++) {
            const char *s = cell_at(t, r, c);
            size_t fill = w[c] - text_width(s);
            fputs("| ", out);
            if (t->align[c] == 'r' && r > 0) {
                pad(out, fill);
                fputs(s, out);
            } else {
                fputs(s, out);
                pad(out, fill);
            }
            fputc(' ', out);
        }
        fputs("|\n", out);
        if (r == 0) {
            for (size_t c = 0; c < t->ncol; c++) {
                fputs("|", out);
                for (size_t k = 0; k < w[c] + 1; k++)
                    fputc('-', out);
                fputs(t->align[c] == 'r' ? ":" : "-", out);
            }
            fputs("|\n", out);
        }
    }
    free(w);
}

void bench_table_free(bench_table *t)
{
    for (size_t i = 0; i < t->ncell; i++)
        free(t->cell[i]);
    free(t->cell);
    free(t->align);
    memset(t, 0, sizeof *t);
}
