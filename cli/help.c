/*
 * help.c - every help text of `pbn`, once: `pbn --help`, `pbn COMMAND --help`, the man
 * page (`pbn help --man`, installed as pbn.1) and the key table of the model document
 * (`pbn help --keys-markdown`, filled into paper/model.md by `make docs`) are all made
 * from the command table below and from the parameter table of the library
 * (pbn_config_params), so they cannot disagree; tests/docs.sh checks that the three
 * list the same keys and that the model document's table is the current one.
 */
#include "cli.h"
#include "util/util.h"

#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the commands ---------------------------------------------------------------------- */

static const cli_opt run_opts[] = {
    {"--set key=value", "override one key (repeatable; applied after CONFIG)"},
    {"--spikes FILE", "write the spike raster (t_ms id) to FILE (sets record_spikes=1)"},
    {"--series FILE", "write the time courses (rates, mean weights, inputs) as TSV"},
    {"--progress", "show progress on stderr even when it is not a terminal"},
    {"--quiet", "never show progress"},
    {"--db FILE", "store the run in the results database FILE (created when missing; "
                  "opened before the run, so a bad file fails early)"},
    {"--store", "store the run in the default database ($PBN_DB, else data/results.db)"},
    {"--experiment NAME", "experiment name of the stored run (default 'run'; implies "
                          "--store)"},
    {"--force", "simulate even when the database already holds this run (same experiment, "
                "point and configuration; it is not stored twice); without it such a run is "
                "skipped, with a note"},
    {"--point NAME", "sweep point of the stored run (default: the config hash; implies "
                     "--store); repeats of a point differ in seed only: a run whose "
                     "configuration differs otherwise from the point's stored runs is "
                     "refused before it is simulated"},
    {NULL, NULL}};

static const cli_opt config_opts[] = {
    {"--set key=value", "override one key (repeatable; applied after CONFIG)"},
    {NULL, NULL}};

static const cli_opt theory_opts[] = {
    {"--set key=value", "override one key (repeatable; applied after CONFIG)"},
    {"--trajectory STEP_MS",
     "print instead the theory transient of the mean weights from the configured (initial) "
     "weights: a TSV table 't_ms jee jei jie jii rate_e_hz rate_i_hz' (header line; rates "
     "at the current weights) sampled every STEP_MS ms from 0 to T; NaN after the weights "
     "leave the balanced domain"},
    {"--drift B:FROM:STEP:TO",
     "print instead the phase portrait of block B (ee, ei, ie or ii): a TSV table 'j "
     "djdt_per_s rate_e_hz rate_i_hz' (header line) of the mean drift of B's weight and the "
     "balanced rates at each weight j from FROM to TO in steps of STEP, every other weight "
     "as configured; NaN where the balanced state does not exist"},
    {"--cx", "trajectory or drift with the input-correlation terms (PBN_THEORY_CX)"},
    {"--effective", "trajectory or drift with effective weights (PBN_THEORY_EFFECTIVE)"},
    {NULL, NULL}};

static const cli_opt window_opts[] = {
    {"--set key=value", "override one key (repeatable; applied after CONFIG)"},
    {"--block B", "the block whose rule is measured: ee, ei (I->E), ie (E->I) or ii "
                  "(required; its plastic_B key must set a rule)"},
    {"--weight J0", "the synapse's weight before the pair, unscaled (default: the "
                    "configured initial weight of the block)"},
    {"--lags FROM:STEP:TO", "the lags t_post - t_pre in ms, multiples of dt (default "
                            "-1000:10:1000)"},
    {NULL, NULL}};

static const cli_opt query_opts[] = {
    {"--db FILE", "the database (default: $PBN_DB, else data/results.db)"},
    {"--format tsv", "header line, then tab-separated rows; NULL (a NaN result) as NaN, so "
                     "gnuplot reads it directly (default); tabs, newlines and backslashes in "
                     "text as \\t \\n \\\\"},
    {"--format csv", "RFC 4180: comma-separated, quoted where needed, CRLF line ends, NULL "
                     "as an empty field"},
    {"--format table", "aligned columns for reading, NULL as NULL"},
    {NULL, NULL}};

static const cli_opt runs_opts[] = {
    {"--db FILE", "the database (default: $PBN_DB, else data/results.db)"},
    {"--experiment NAME", "only the runs of this experiment"},
    {"--format F", "table (default), tsv or csv, as for pbn query"},
    {NULL, NULL}};

static const cli_opt help_opts[] = {
    {"--man", "print the manual page (troff; what `man pbn` shows)"},
    {"--keys-markdown", "print the table of configuration keys as Markdown (the one in "
                        "paper/model.md)"},
    {"--update-doc FILE", "rewrite the key table of FILE (between its '<!-- pbn-keys:begin "
                          "table -->' and '<!-- pbn-keys:end table -->' lines) from the "
                          "parameter table; the rest of FILE is kept as it is"},
    {NULL, NULL}};

static const char exit_run[] =
    "0 ok, 1 runtime error, 2 bad input, 3 diverged, 130 interrupted";

const cli_cmd cli_cmds[] = {
    {"run", "[CONFIG] [--set key=value]... [options]", "run one simulation, print its summary",
     "Run one simulation and print its summary as 'key = value' lines (rates in Hz, weights "
     "unscaled j = J sqrt(N), second-half averages; status last).",
     run_opts, NULL, exit_run, 1},
    {"config", "[CONFIG] [--set key=value]...", "print the full configuration (defaults too)",
     "Print every key with its value (defaults included) in canonical form, and the "
     "configuration hash stored with results.",
     config_opts, NULL, "0 ok, 2 bad input", 0},
    {"theory", "[CONFIG|-] [--set key=value]... [--trajectory STEP_MS | --drift B:FROM:STEP:TO] "
     "[--cx] [--effective]",
     "print the mean-field predictions",
     "Print the mean-field predictions (paper/model.md section 6) for a configuration as "
     "'key = value' lines: balanced rates (Hz), spike-count covariances and correlations in "
     "cov_window windows, and for plastic blocks the fixed points of their weights "
     "(unscaled), also with effective weights (_eff: recurrent weights scaled by 1 - dt/tau) "
     "and with the input-correlation terms (_cx).  A value that does not exist is printed as "
     "nan and a note on stderr says why.  See paper/theory.md for the formulas.",
     theory_opts, "CONFIG '-' reads the configuration from standard input.",
     "0 ok, 2 bad input or no valid balanced state", 1},
    {"window", "[CONFIG|-] [--set key=value]... --block B [--weight J0] [--lags FROM:STEP:TO]",
     "measure a rule's learning window",
     "Measure the learning window of the rule the configuration sets on one block, with "
     "the simulator's own update code: for each lag t_post - t_pre, one synapse receives "
     "one presynaptic and one postsynaptic spike (traces from zero, the step order of a "
     "run) and its weight change is printed.  Output: a TSV table 'lag_ms lag_steps j0 dj' "
     "with a header line (weights unscaled, j = J sqrt(N)); dj includes each spike's own "
     "terms (the rate term of a presynaptic spike under R4-R6, the decay at a postsynaptic "
     "spike under R3).",
     window_opts, "CONFIG '-' reads the configuration from standard input.",
     "0 ok, 2 bad input", 1},
    {"query", "[--db FILE] [--format tsv|csv|table] SQL", "query the results database",
     "Run one read-only SQL statement on the results database and print the result.",
     query_opts,
     "Several arguments are joined with spaces into one statement.\n"
     "\n"
     "examples:\n"
     "  pbn query \"SELECT point, mean, se FROM metric_summary WHERE name = 'rate_e_hz'\"\n"
     "  pbn query --format table \"SELECT * FROM runs\"\n"
     "Tables and views: see the README (section Results database) and data/README.md.",
     "0 ok, 1 database error, 2 bad input", 0},
    {"runs", "[--db FILE] [--experiment NAME] [--format table|tsv|csv]",
     "list stored runs and their status",
     "List the stored runs: id, experiment, point, N, status (ok, diverged, interrupted), "
     "start time (UTC) and wall time in seconds.",
     runs_opts, NULL, "0 ok, 1 database error, 2 bad input", 0},
    {"merge", "OUT.db IN.db...", "combine shard databases",
     "Copy into OUT.db (created when missing) every complete run (status ok or diverged) of "
     "each IN.db that OUT.db does not hold yet (same experiment, point and configuration), "
     "with all its data: the shards of a sweep (--shard I/N) combine into one database.  "
     "Each input is merged in one transaction; inputs are opened read-only and never "
     "changed; merging again adds nothing.",
     NULL, NULL, "0 ok, 1 database error, 2 bad input", 0},
    {"help", "[COMMAND | --man | --keys-markdown | --update-doc FILE]",
     "help on one command; the manual page",
     "Print the help of one command (the same as pbn COMMAND --help), or without a command "
     "this overview; or print the documentation made from the same tables.",
     help_opts, NULL, "0 ok, 1 a file that cannot be written, 2 bad input", 0},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0}};

const cli_cmd *cli_find_cmd(const char *name)
{
    for (const cli_cmd *c = cli_cmds; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

/* ---- plain text (--help) ----------------------------------------------------------------- */

#define WIDTH 88

/* text, wrapped at WIDTH columns, starting at column col (the caller has written that
   much of the line); continuation lines are indented by indent. */
static void wrap(FILE *out, const char *text, int col, int indent)
{
    int need_space = 0;
    for (const char *p = text; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        int w = (int)strcspn(p, " ");
        /* a quoted phrase ('key = value') is not broken across lines */
        const char *close = *p == '\'' ? strchr(p + 1, '\'') : NULL;
        if (close && close - p > w)
            w = (int)(close - p) + (int)strcspn(close, " ");
        if (need_space && col + 1 + w > WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            need_space = 0;
        }
        if (need_space) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, (size_t)w, out);
        col += w;
        p += w;
        need_space = 1;
    }
    fputc('\n', out);
}

/*
 * The keys of the parameter table in its order, each with the text of its allowed values:
 * key(out, p, range, first) for every key, group(out, name, first) before the first key of
 * each group (first: 1 for the first group).  --help, the man page and the model
 * document are three formats of this one walk.
 */
typedef void (*key_fn)(FILE *out, const pbn_param *p, const char *range);
typedef void (*group_fn)(FILE *out, const char *group, int first);
static void walk_keys(FILE *out, group_fn group, key_fn key)
{
    size_t n;
    const pbn_param *params = pbn_config_params(&n);
    const char *g = NULL;
    char r[256];
    for (size_t i = 0; i < n; i++) {
        const pbn_param *p = &params[i];
        if (!g || strcmp(g, p->group) != 0) {
            group(out, p->group, g == NULL);
            g = p->group;
        }
        pbn_config_range_text(p, r, sizeof r);
        key(out, p, r);
    }
}

static void text_group(FILE *out, const char *group, int first)
{
    (void)first;
    fprintf(out, "\n  [%s]\n", group);
}

static void text_key(FILE *out, const pbn_param *p, const char *range)
{
    fprintf(out, "  %-16s default %-10s %-6s allowed: %s\n  %16s %s\n", p->name, p->def,
            p->unit, range, "", p->help);
}

void cli_keys_print(FILE *out) { walk_keys(out, text_group, text_key); }

static void opts_print(FILE *out, const cli_opt *o)
{
    for (; o && o->flags; o++) {
        if (fprintf(out, "  %-18s", o->flags) > 20)
            fprintf(out, "\n%21s", "");
        else
            fputc(' ', out);
        wrap(out, o->help, 21, 21);
    }
}

void cli_usage(const cli_cmd *c, FILE *out)
{
    fprintf(out, "usage: pbn %s %s\n\n", c->name, c->synopsis);
    wrap(out, c->description, 0, 0);
    if (c->opts) {
        fprintf(out, "\noptions:\n");
        opts_print(out, c->opts);
    }
    if (c->more)
        fprintf(out, "\n%s\n", c->more);
    fprintf(out, "\nexit status: %s\n", c->exit_status);
    if (c->keys) {
        fprintf(out, "\nkeys (default, unit, allowed range):\n");
        cli_keys_print(out);
    }
}

void cli_overview(FILE *out)
{
    fprintf(out, "usage: pbn COMMAND [ARGS]\n"
                 "\n"
                 "Plastic balanced networks (Akil, Rosenbaum & Josic 2021): simulator, mean-field\n"
                 "theory and results database.\n"
                 "\n"
                 "commands:\n");
    for (const cli_cmd *c = cli_cmds; c->name; c++) {
        char head[256];
        snprintf(head, sizeof head, "%s %s", c->name, c->synopsis);
        if (strlen(head) > 36)
            fprintf(out, "  %s\n  %-37s %s\n", head, "", c->summary);
        else
            fprintf(out, "  %-37s %s\n", head, c->summary);
    }
    fprintf(out, "\n"
                 "CONFIG is a plain text file of 'key = value' lines ('#' starts a comment);\n"
                 "- reads it from standard input.  The model and every key: paper/model.md\n"
                 "and man pbn.\n"
                 "Keys, defaults, units and allowed ranges:\n");
    cli_keys_print(out);
}

/* ---- the man page --------------------------------------------------------------------- */

/* text in troff: backslashes escaped, '-' as \-, a leading '.' or '\'' protected. */
static void roff(FILE *out, const char *s)
{
    int bol = 1;
    for (; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", out);
        bol = 0;
        switch (*s) {
        case '\\': fputs("\\e", out); break;
        case '-': fputs("\\-", out); break;
        case '\n': fputc('\n', out); bol = 1; break;
        default: fputc(*s, out);
        }
    }
}

static void roff_line(FILE *out, const char *macro, const char *s)
{
    fprintf(out, "%s ", macro);
    roff(out, s);
    fputc('\n', out);
}

static void man_group(FILE *out, const char *group, int first)
{
    (void)first;
    roff_line(out, ".SS", group);
}

static void man_key(FILE *out, const pbn_param *p, const char *range)
{
    fprintf(out, ".TP\n.B ");
    roff(out, p->name);
    fprintf(out, "\n");
    roff(out, p->help);
    fprintf(out, ".\n.br\ndefault ");
    roff(out, p->def);
    if (p->unit[0]) {
        fputc(' ', out);
        roff(out, p->unit);
    }
    fprintf(out, "; allowed: ");
    roff(out, range);
    if (p->unit[0] && p->kind != PBN_P_CHOICE && p->kind != PBN_P_STRING) {
        fputc(' ', out);
        roff(out, p->unit);
    }
    fputc('\n', out);
}

void cli_man(FILE *out)
{
    fprintf(out, ".\\\" pbn.1 - generated by `pbn help --man` from the tables of cli/help.c and\n"
                 ".\\\" the library's parameter table; do not edit.\n");
    fprintf(out, ".TH PBN 1 \"\" \"pbn %s\" \"User Commands\"\n", pbn_version());
    fprintf(out, ".SH NAME\npbn \\- plastic balanced networks: simulator, mean\\-field theory "
                 "and results database\n");
    fprintf(out, ".SH SYNOPSIS\n");
    for (const cli_cmd *c = cli_cmds; c->name; c++) {
        fprintf(out, ".B pbn %s\n", c->name);
        roff(out, c->synopsis);
        fprintf(out, "\n.br\n");
    }
    fprintf(out, ".SH DESCRIPTION\n");
    roff(out, "pbn reproduces Akil, Rosenbaum & Josic (2021), \"Balanced networks under "
              "spike-timing dependent plasticity\", PLOS Computational Biology 17: e1008958: "
              "a sparse simulator of plastic balanced networks of exponential "
              "integrate-and-fire neurons, the paper's mean-field theory, and a results "
              "database (SQLite) that stores every run with its full configuration.");
    fprintf(out, "\n.PP\n");
    roff(out, "CONFIG is a plain text file of 'key = value' lines ('#' starts a comment); "
              "- reads it from standard input.  --set key=value overrides one key after "
              "CONFIG.  An unknown key, a value out of range or a malformed line is refused "
              "before anything runs, with one line that names the key, the value and what "
              "is allowed.  The model, its equations and every key are described in "
              "paper/model.md of the source tree.");
    fprintf(out, "\n.SH COMMANDS\n");
    for (const cli_cmd *c = cli_cmds; c->name; c++) {
        fprintf(out, ".SS \"pbn %s\"\n", c->name);
        roff(out, c->description);
        fputc('\n', out);
        for (const cli_opt *o = c->opts; o && o->flags; o++) {
            fprintf(out, ".TP\n.B ");
            roff(out, o->flags);
            fputc('\n', out);
            roff(out, o->help);
            fputc('\n', out);
        }
        if (c->more) {
            fprintf(out, ".PP\n.nf\n");
            roff(out, c->more);
            fprintf(out, "\n.fi\n");
        }
        fprintf(out, ".PP\nExit status: ");
        roff(out, c->exit_status);
        fprintf(out, ".\n");
    }
    fprintf(out, ".SH CONFIGURATION KEYS\n");
    roff(out, "Every key with its default, unit and allowed range (the spec's defaults: "
              "paper/model.md).");
    fputc('\n', out);
    walk_keys(out, man_group, man_key);
    fprintf(out, ".SH EXIT STATUS\n");
    roff(out, "0 success; 1 runtime error (out of memory, I/O, database); 2 bad input "
              "(usage, configuration, arguments); 3 the run diverged; 130 interrupted.");
    fprintf(out, "\n.SH ENVIRONMENT\n.TP\n.B PBN_DB\n");
    roff(out, "the default results database (else data/results.db).");
    fprintf(out, "\n.TP\n.B PBN_DB_TIMEOUT\n");
    roff(out, "seconds a writer waits for another one holding the database before giving up "
              "(default 60). pbn run checks the lock before simulating; a run it still cannot "
              "store afterwards is kept in a side database DB.unstored-HASH-PID.db beside it, "
              "to add with pbn merge DB SIDE.");
    fprintf(out, "\n.TP\n.B PBN_PROGRESS_DELAY\n");
    roff(out, "seconds before the progress line appears (default 2).");
    fprintf(out, "\n.SH SEE ALSO\n");
    roff(out, "paper/model.md (the model), paper/theory.md (the theory), data/README.md (the "
              "results database), README.md (the suite) in the source tree; sqlite3(1).");
    fputc('\n', out);
}

/* ---- the model document's key table ------------------------------------------------------- */

/* s with '|' escaped for a Markdown table cell. */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void md_group(FILE *out, const char *group, int first)
{
    fprintf(out, "%s**%s**\n\n| key | default | unit | allowed | meaning |\n"
                 "|---|---|---|---|---|\n",
            first ? "" : "\n", group);
}

static void md_key(FILE *out, const pbn_param *p, const char *range)
{
    fprintf(out, "| `%s` | ", p->name);
    md_cell(out, p->def);
    fprintf(out, " | %s | ", p->unit[0] ? p->unit : "-");
    md_cell(out, range);
    fprintf(out, " | ");
    md_cell(out, p->help);
    fprintf(out, " |\n");
}

void cli_keys_markdown(FILE *out) { walk_keys(out, md_group, md_key); }

static int fill_keys(void *ctx, const char *name, FILE *out, char *why, size_t whylen)
{
    (void)ctx;
    (void)why;
    (void)whylen;
    if (strcmp(name, "table"))
        return UTIL_MD_UNKNOWN;
    cli_keys_markdown(out);
    return UTIL_MD_FILLED;
}

int cli_update_doc(const char *path)
{
    char *page, *text, why[600] = "";
    size_t len, tlen;
    int e = util_read_file(path, (size_t)1 << 26, &page, &len);
    if (e) {
        fprintf(stderr, "pbn help: --update-doc %s: cannot read it: %s\n", path, strerror(e));
        return CLI_ERR;
    }
    e = util_md_fill(page, "pbn-keys", fill_keys, NULL, 1, &text, &tlen, NULL, why,
                     sizeof why);
    free(page);
    if (e) {
        fprintf(stderr, "pbn help: --update-doc %s: %s\n", path,
                e == ENOMEM ? "out of memory" : why);
        return e == ENOMEM ? CLI_ERR : CLI_BADINPUT;
    }
    e = util_write_atomic(path, text, tlen);
    free(text);
    if (e) {
        fprintf(stderr, "pbn help: --update-doc %s: cannot write it: %s\n", path, strerror(e));
        return CLI_ERR;
    }
    return CLI_OK;
}

/* `pbn help [COMMAND | --man | --keys-markdown | --update-doc FILE]` */
int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        cli_overview(stdout);
        return cli_flush();
    }
    const char *a = argv[1];
    if (argc == 2 && !strcmp(a, "--man")) {
        cli_man(stdout);
        return cli_flush();
    }
    if (argc == 2 && !strcmp(a, "--keys-markdown")) {
        cli_keys_markdown(stdout);
        return cli_flush();
    }
    if (!strcmp(a, "--update-doc")) {
        if (argc != 3) {
            fprintf(stderr, "pbn help: --update-doc needs one FILE\n");
            return CLI_BADINPUT;
        }
        return cli_update_doc(argv[2]);
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        cli_usage(cli_find_cmd("help"), stdout);
        return cli_flush();
    }
    const cli_cmd *c = argc == 2 ? cli_find_cmd(a) : NULL;
    if (!c) {
        fprintf(stderr, "pbn help: unknown command '%s'; commands: run config theory window query "
                        "runs merge help\n", a);
        return CLI_BADINPUT;
    }
    cli_usage(c, stdout);
    return cli_flush();
}
