/*
 * cli_db.c - `pbn query`, `pbn runs`, `pbn merge`: the results database from the shell.
 *
 * query prints one SQL statement's result as TSV (for gnuplot: header line, tab
 * separated, NULL as NaN), CSV (RFC 4180) or an aligned table, through a read-only
 * connection; runs lists the stored runs; merge combines shard databases.
 */
#include "cli.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FMT_TSV, FMT_CSV, FMT_TABLE };

/* Text of a double that reads back exactly, with at least 6 significant digits. */
static void fmt_real(double v, char *buf, size_t len) { util_fmt_exact(v, 6, buf, len); }

/* A value as text for the table format (NULL -> "NULL", blob -> its size). */
static char *cell_text(const pbn_value *v)
{
    char b[64];
    switch (v->type) {
    case PBN_V_INT:
        snprintf(b, sizeof b, "%lld", v->i);
        return strdup(b);
    case PBN_V_REAL:
        fmt_real(v->d, b, sizeof b);
        return strdup(b);
    case PBN_V_TEXT: {
        /* keep one row on one line */
        char *s = strdup(v->s);
        for (char *c = s; c && *c; c++)
            if (*c == '\n' || *c == '\t' || *c == '\r')
                *c = ' ';
        return s;
    }
    case PBN_V_BLOB:
        snprintf(b, sizeof b, "<blob %zu bytes>", v->len);
        return strdup(b);
    default:
        return strdup("NULL");
    }
}

typedef struct printer {
    int format;
    FILE *out;
    /* table: every cell kept until the end, to align the columns */
    int ncol;
    char **cells;      /* row-major, header first */
    int *numeric;      /* per column: right-align (every value a number) */
    size_t nrows, cap;
    int oom;
} printer;

static void put_tsv_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\\': fputs("\\\\", out); break;
        default: fputc(*s, out);
        }
    }
}

static void put_csv_text(FILE *out, const char *s, size_t n)
{
    if (strcspn(s, ",\"\r\n") == n) {
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

static int table_add(printer *p, char *cell)
{
    size_t need = (p->nrows + 1) * (size_t)p->ncol;
    if (need > p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 64 * (size_t)p->ncol;
        while (nc < need)
            nc *= 2;
        char **n = realloc(p->cells, nc * sizeof *n);
        if (!n) {
            free(cell);
            p->oom = 1;
            return 0;
        }
        p->cells = n;
        p->cap = nc;
    }
    return 1;
}

static void on_header(void *ctx, int ncol, const char *const *names)
{
    printer *p = ctx;
    p->ncol = ncol;
    if (p->format == FMT_TABLE) {
        p->numeric = calloc((size_t)ncol + 1, sizeof *p->numeric);
        if (!p->numeric || !table_add(p, NULL)) {
            p->oom = 1;
            return;
        }
        for (int c = 0; c < ncol; c++) {
            p->cells[c] = strdup(names[c]);
            p->numeric[c] = 1;
        }
        p->nrows = 1;
        return;
    }
    for (int c = 0; c < ncol; c++) {
        if (c)
            fputc(p->format == FMT_CSV ? ',' : '\t', p->out);
        if (p->format == FMT_CSV)
            put_csv_text(p->out, names[c], strlen(names[c]));
        else
            put_tsv_text(p->out, names[c]);
    }
    fputs(p->format == FMT_CSV ? "\r\n" : "\n", p->out);
}

static int on_row(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    printer *p = ctx;
    char b[64];
    if (p->format == FMT_TABLE) {
        if (p->oom || !table_add(p, NULL))
            return 1;
        for (int c = 0; c < ncol; c++) {
            p->cells[p->nrows * (size_t)ncol + (size_t)c] = cell_text(&v[c]);
            if (v[c].type == PBN_V_TEXT || v[c].type == PBN_V_BLOB)
                p->numeric[c] = 0;
        }
        p->nrows++;
        return 0;
    }
    for (int c = 0; c < ncol; c++) {
        if (c)
            fputc(p->format == FMT_CSV ? ',' : '\t', p->out);
        switch (v[c].type) {
        case PBN_V_INT:
            fprintf(p->out, "%lld", v[c].i);
            break;
        case PBN_V_REAL:
            fmt_real(v[c].d, b, sizeof b);
            fputs(b, p->out);
            break;
        case PBN_V_TEXT:
            if (p->format == FMT_CSV)
                put_csv_text(p->out, v[c].s, v[c].len);
            else
                put_tsv_text(p->out, v[c].s);
            break;
        case PBN_V_BLOB:
            for (size_t i = 0; i < v[c].len; i++)
                fprintf(p->out, "%02x", (unsigned char)v[c].s[i]);
            break;
        default:
            if (p->format == FMT_TSV)
                fputs("NaN", p->out);
            break;
        }
    }
    fputs(p->format == FMT_CSV ? "\r\n" : "\n", p->out);
    return 0;
}

static void table_print(printer *p)
{
    size_t *w = calloc((size_t)p->ncol + 1, sizeof *w);
    if (!w)
        return;
    for (size_t r = 0; r < p->nrows; r++)
        for (int c = 0; c < p->ncol; c++) {
            const char *s = p->cells[r * (size_t)p->ncol + (size_t)c];
            size_t n = s ? strlen(s) : 0;
            if (n > w[c])
                w[c] = n;
        }
    for (size_t r = 0; r < p->nrows; r++) {
        for (int c = 0; c < p->ncol; c++) {
            const char *s = p->cells[r * (size_t)p->ncol + (size_t)c];
            int last = c == p->ncol - 1;
            if (p->numeric[c])
                fprintf(p->out, "%*s", (int)w[c], s ? s : "");
            else if (last)
                fputs(s ? s : "", p->out);
            else
                fprintf(p->out, "%-*s", (int)w[c], s ? s : "");
            if (!last)
                fputs("  ", p->out);
        }
        fputc('\n', p->out);
        if (r == 0) {
            for (int c = 0; c < p->ncol; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', p->out);
                if (c < p->ncol - 1)
                    fputs("  ", p->out);
            }
            fputc('\n', p->out);
        }
    }
    free(w);
}

static void printer_free(printer *p)
{
    for (size_t i = 0; i < p->nrows * (size_t)p->ncol; i++)
        free(p->cells[i]);
    free(p->cells);
    free(p->numeric);
}

/* Run sql on the database at path (read-only) and print it. */
/* Append to an error message (truncating at its buffer). */
static void sappend_msg(pbn_error *err, const char *s)
{
    size_t n = strlen(err->msg);
    snprintf(err->msg + n, sizeof err->msg - n, "%s", s);
}

static int print_query(const char *cmd, const char *path, const char *sql, int format)
{
    pbn_error err = {0, ""};
    printer p;
    char *text = NULL;
    size_t text_len = 0;
    memset(&p, 0, sizeof p);
    p.format = format;
    pbn_store *st = pbn_store_open(path, PBN_STORE_READ, &err);
    if (!st) {
        if (err.code == PBN_EIO && strstr(err.msg, "does not exist"))
            sappend_msg(&err, ", or name another with --db");
        return cli_fail(&err);
    }
    /* The result goes to memory first and to stdout only once the statement has run to
       its end: an error half way (an overflow in the 1000th row) prints the error alone,
       not a header and some rows that look like a complete answer. */
    if (!(p.out = open_memstream(&text, &text_len))) {
        pbn_store_close(st, NULL);
        pbn_error_set(&err, PBN_ENOMEM, "out of memory formatting the result");
        return cli_fail(&err);
    }
    int rc = pbn_store_query(st, sql, on_header, on_row, &p, &err);
    if (rc == PBN_OK && p.oom)
        rc = pbn_error_set(&err, PBN_ENOMEM, "out of memory formatting the result");
    if (rc == PBN_OK && format == FMT_TABLE)
        table_print(&p);
    printer_free(&p);
    pbn_store_close(st, NULL);
    if (fclose(p.out) != 0 && rc == PBN_OK)
        rc = pbn_error_set(&err, PBN_ENOMEM, "out of memory formatting the result");
    if (rc == PBN_OK && text_len && fwrite(text, 1, text_len, stdout) != text_len)
        rc = pbn_error_set(&err, PBN_EIO, "%s: cannot write the output", cmd);
    free(text);
    if (fflush(stdout) != 0 && rc == PBN_OK)
        rc = pbn_error_set(&err, PBN_EIO, "%s: cannot write the output", cmd);
    return rc == PBN_OK ? cli_flush() : cli_fail(&err);
}

static int parse_format(const char *cmd, const char *v, int *format)
{
    if (!strcmp(v, "tsv"))
        *format = FMT_TSV;
    else if (!strcmp(v, "csv"))
        *format = FMT_CSV;
    else if (!strcmp(v, "table"))
        *format = FMT_TABLE;
    else {
        fprintf(stderr, "pbn %s: --format %s: allowed tsv, csv, table\n", cmd, v);
        return 0;
    }
    return 1;
}

int cmd_query(int argc, char **argv)
{
    const char *db = NULL;
    int format = FMT_TSV;
    size_t len = 0;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *sql = calloc(len + 1, 1);
    if (!sql)
        return CLI_ERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_usage(cli_find_cmd("query"), stdout);
            free(sql);
            return cli_flush();
        } else if (!strcmp(a, "--db") || !strcmp(a, "--format")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pbn query: %s needs a value\n", a);
                free(sql);
                return CLI_BADINPUT;
            }
            if (!strcmp(a, "--db"))
                db = argv[++i];
            else if (!parse_format("query", argv[++i], &format)) {
                free(sql);
                return CLI_BADINPUT;
            }
        } else if (!strncmp(a, "--db=", 5)) {
            db = a + 5;
        } else if (!strncmp(a, "--format=", 9)) {
            if (!parse_format("query", a + 9, &format)) {
                free(sql);
                return CLI_BADINPUT;
            }
        } else if (a[0] == '-' && a[1] == '-' && !sql[0]) {
            fprintf(stderr, "pbn query: unknown option '%s' (see pbn query --help)\n", a);
            free(sql);
            return CLI_BADINPUT;
        } else {
            if (sql[0])
                strcat(sql, " ");
            strcat(sql, a);
        }
    }
    if (!sql[0] || strspn(sql, " \t\n;") == strlen(sql)) {
        fprintf(stderr, "pbn query: no SQL statement given (see pbn query --help)\n");
        free(sql);
        return CLI_BADINPUT;
    }
    int rc = print_query("query", db, sql, format);
    free(sql);
    return rc;
}

/* SQL string literal of s (quotes doubled); caller frees. */
static char *sql_quote(const char *s)
{
    char *q = malloc(2 * strlen(s) + 3), *o = q;
    if (!q)
        return NULL;
    *o++ = '\'';
    for (; *s; s++) {
        if (*s == '\'')
            *o++ = '\'';
        *o++ = *s;
    }
    *o++ = '\'';
    *o = '\0';
    return q;
}

int cmd_runs(int argc, char **argv)
{
    const char *db = NULL, *experiment = NULL;
    int format = FMT_TABLE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cli_usage(cli_find_cmd("runs"), stdout);
            return cli_flush();
        } else if (!strcmp(a, "--db") || !strcmp(a, "--experiment") || !strcmp(a, "--format")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pbn runs: %s needs a value\n", a);
                return CLI_BADINPUT;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--db"))
                db = v;
            else if (!strcmp(a, "--experiment"))
                experiment = v;
            else if (!parse_format("runs", v, &format))
                return CLI_BADINPUT;
        } else if (!strncmp(a, "--db=", 5)) {
            db = a + 5;
        } else {
            fprintf(stderr, "pbn runs: unknown argument '%s' (see pbn runs --help)\n", a);
            return CLI_BADINPUT;
        }
    }
    if (experiment && strlen(experiment) > 255) {
        fprintf(stderr, "pbn runs: --experiment: name too long (at most 255 characters)\n");
        return CLI_BADINPUT;
    }
    char *q = experiment ? sql_quote(experiment) : NULL, sql[1024];
    if (experiment && !q)
        return CLI_ERR;
    snprintf(sql, sizeof sql,
             "SELECT id, experiment, point, N, status, started, round(wall_s, 3) AS wall_s "
             "FROM runs %s%s ORDER BY id",
             q ? "WHERE experiment = " : "", q ? q : "");
    free(q);
    return print_query("runs", db, sql, format);
}

int cmd_merge(int argc, char **argv)
{
    pbn_error err = {0, ""};
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cli_usage(cli_find_cmd("merge"), stdout);
        return cli_flush();
    }
    if (argc < 3) {
        fprintf(stderr, "pbn merge: usage: pbn merge OUT.db IN.db... (see pbn merge --help)\n");
        return CLI_BADINPUT;
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-') {
            fprintf(stderr, "pbn merge: unknown option '%s' (see pbn merge --help)\n", argv[i]);
            return CLI_BADINPUT;
        }
    /* Judge every input before writing anything. */
    for (int i = 2; i < argc; i++) {
        pbn_store *in = pbn_store_open(argv[i], PBN_STORE_READ, &err);
        if (!in)
            return cli_fail(&err);
        pbn_store_close(in, NULL);
    }
    pbn_store *out = pbn_store_open(argv[1], PBN_STORE_WRITE, &err);
    if (!out)
        return cli_fail(&err);
    int rc = CLI_OK;
    for (int i = 2; i < argc; i++) {
        pbn_merge_summary s;
        if (pbn_store_merge(out, argv[i], &s, &err) != PBN_OK) {
            rc = cli_fail(&err);
            break;
        }
        printf("%s: %ld runs copied, %ld already in %s%s", argv[i], s.copied, s.present,
               argv[1], s.skipped ? ", " : "\n");
        if (s.skipped)
            printf("%ld interrupted runs not copied\n", s.skipped);
    }
    pbn_error cerr = {0, ""};
    if (pbn_store_close(out, &cerr) != PBN_OK && rc == CLI_OK)
        rc = cli_fail(&cerr);
    if (rc == CLI_OK)
        rc = cli_flush();
    return rc;
}
