/*
 * report.c - writing the validation page and the report's generated blocks (see report.h).
 */
#include "report.h"
#include "util/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int plan_read(plan *pl, const char *path, pbn_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return pbn_error_set(err, PBN_EIO, "--plan %s: cannot read it (%s)", path, strerror(errno));
    char line[1024];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || !strncmp(line, "experiment\t", 11) || line[0] == '\n')
            continue;
        char name[64], point[128], seedtxt[32], hash[32], eta[32] = "-";
        int rep;
        long N;
        double T;
        int got = sscanf(line, "%63[^\t]\t%127[^\t]\t%d\t%ld\t%lf\t%31[^\t]\t%31[^\t]\t%31[^\t\n]",
                         name, point, &rep, &N, &T, seedtxt, hash, eta);
        if (got < 5) {
            fclose(f);
            return pbn_error_set(err, PBN_EINVAL,
                                 "--plan %s line %ld: not a line of an experiment program's --list "
                                 "output (experiment, point, repeat, N, T_ms, ...)",
                                 path, lineno);
        }
        size_t k;
        for (k = 0; k < pl->n && strcmp(pl->e[k].name, name); k++)
            ;
        if (k == pl->n) {
            if (pl->n == 64)
                continue;
            memset(&pl->e[k], 0, sizeof pl->e[k]);
            snprintf(pl->e[k].name, sizeof pl->e[k].name, "%s", name);
            pl->n++;
        }
        plan_exp *e = &pl->e[k];
        e->runs++;
        e->cost += (double)N * T;
        if (rep > e->max_repeat)
            e->max_repeat = rep;
        size_t q;
        for (q = 0; q < e->nN && e->N[q] != N; q++)
            ;
        if (q == e->nN && e->nN < 64)
            e->N[e->nN++] = N;
        for (q = 0; q < e->nT && e->T[q] != T; q++)
            ;
        if (q == e->nT && e->nT < 16)
            e->T[e->nT++] = T;
        for (q = 0; q < e->neta && strcmp(e->eta[q], eta); q++)
            ;
        if (q == e->neta && e->neta < 8)
            snprintf(e->eta[e->neta++], sizeof e->eta[0], "%s", eta);
    }
    fclose(f);
    return PBN_OK;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void plan_table(FILE *out, plan *pl)
{
    fprintf(out, "| experiment | profile | runs | N | T (s) | learning rate | repeats per point | "
                 "neuron-seconds |\n"
                 "|---|---|---:|---|---|---|---:|---:|\n");
    /* experiments in the order first seen, each profile's row next to the others */
    for (size_t k = 0; k < pl->n; k++) {
        const char *dot = strchr(pl->e[k].name, '.');
        if (!dot)
            continue;
        int first = 1;
        for (size_t j = 0; j < k; j++) {
            const char *d2 = strchr(pl->e[j].name, '.');
            if (d2 && !strcmp(d2, dot))
                first = 0;
        }
        if (!first)
            continue;
        for (size_t j = k; j < pl->n; j++) {
            plan_exp *e = &pl->e[j];
            const char *d2 = strchr(e->name, '.');
            if (!d2 || strcmp(d2, dot))
                continue;
            qsort(e->N, e->nN, sizeof e->N[0], cmp_long);
            fprintf(out, "| %s | %.*s | %ld | ", dot + 1, (int)(d2 - e->name), e->name, e->runs);
            for (size_t q = 0; q < e->nN; q++)
                fprintf(out, "%s%ld", q ? ", " : "", e->N[q]);
            fprintf(out, " | ");
            for (size_t q = 0; q < e->nT; q++)
                fprintf(out, "%s%g", q ? ", " : "", e->T[q] / 1000.0);
            fprintf(out, " | ");
            for (size_t q = 0; q < e->neta; q++)
                fprintf(out, "%s%s", q ? ", " : "", e->eta[q]);
            fprintf(out, " | %d | %.2g |\n", e->max_repeat + 1, e->cost / 1000.0);
        }
    }
}

/* ---- writing ------------------------------------------------------------------------- */

/* A table cell: '|' escaped, newlines flattened. */
static void cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
}

void vctx_counts(const vctx *v, int c[VV_N])
{
    for (int k = 0; k < VV_N; k++)
        c[k] = 0;
    for (size_t i = 0; i < v->nrows; i++)
        c[v->rows[i].verdict]++;
}

static void write_verdicts(FILE *out)
{
    fprintf(out,
            "Each row reduces one claim of the paper to a statistic x with its standard "
            "error (s.e.), a prediction, and an alternative that the data must be able to "
            "exclude.  The band is x ± (allowance + 3 s.e.); the allowance and its reason "
            "are in the row.  Verdicts, in the order they are tried:\n\n"
            "- **NOT RUN**: the data are not in the database.\n"
            "- **INCONCLUSIVE**: the data cannot decide: the runs have not converged (a "
            "weight changed by more than %.0f %% between the last two quarters of a run, and "
            "by more than its fluctuations within them), or "
            "the theory is outside its own domain for these runs, or the band holds the "
            "prediction and the alternative alike (the power check: a row that cannot "
            "exclude its alternative is never confirmed).\n"
            "- **CONFIRMED**: the band holds the prediction and excludes the alternative.\n"
            "- **AS IN THE AUTHORS' RUNS**: the band misses the prediction, and the authors' "
            "own published simulation deviates the same way: their number, printed with its "
            "source, takes the prediction's place with the same allowance plus its reading "
            "uncertainty, and agrees.  Only numbers the authors' code prints or their figures "
            "show are used.  Runs that have not converged may be compared so only when they "
            "have the size and learning budget (eta T) of the authors' run, which then has "
            "not converged either; the row says so.\n"
            "- **FAIL**: anything else.\n\n"
            "For a claim that bounds the statistic from one side (\"at most O(1/N)\"), the "
            "band only has to reach the prediction's side and stay off the alternative's.\n",
            100 * VDRIFT_MAX);
}

static void write_table(FILE *out, const vctx *v)
{
    fprintf(out, "| id | claim | data | statistic | prediction | alternative | simulation ± "
                 "s.e. | criterion | verdict |\n"
                 "|---|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < v->nrows; i++) {
        const vrow *r = &v->rows[i];
        const char *f[8] = {r->c->id, r->c->claim, r->data, r->c->statistic,
                            r->pred, r->alt, r->sim, r->criterion};
        fputs("|", out);
        for (int k = 0; k < 8; k++) {
            fputc(' ', out);
            cell(out, f[k] && f[k][0] ? f[k] : "-");
            fputs(" |", out);
        }
        fprintf(out, " **%s**<br>", vverdict_name(r->verdict));
        cell(out, r->why);
        if (r->verdict == VV_AUTHORS && r->c->ref) {
            const vref *ref = vref_find(r->c->ref);
            if (ref) {
                fputs("<br>authors: ", out);
                cell(out, ref->source);
            }
        }
        fputs(" |\n", out);
    }
}

static void write_summary(FILE *out, const vctx *v, const vmeta *m)
{
    int c[VV_N];
    vctx_counts(v, c);
    fprintf(out,
            "Profile `%s`, database `%s`, generated %s by pbn %s (commit %s) from %ld complete "
            "runs (%ld ok, %ld diverged; %ld not final left out), made by commit(s) %s between "
            "%s and %s.\n\n**%d CONFIRMED, %d AS IN THE AUTHORS' RUNS, %d INCONCLUSIVE, %d FAIL, "
            "%d NOT RUN** out of %zu rows.\n",
            v->d->profile, v->d->db_path, m->date, pbn_version(), pbn_git_commit(),
            m->n_ok + m->n_div, m->n_ok, m->n_div, v->d->n_other_status,
            v->d->commits[0] ? v->d->commits : "none", v->d->first[0] ? v->d->first : "-",
            v->d->last[0] ? v->d->last : "-", c[VV_CONFIRMED], c[VV_AUTHORS],
            c[VV_INCONCLUSIVE], c[VV_FAIL], c[VV_NOTRUN], v->nrows);
}

/* Key numbers: what each size sweep reaches at its largest N, next to the theory. */
static void write_numbers(FILE *out, const vctx *v)
{
    static const struct {
        const char *exp, *w;
        int block;
    } sw[] = {{"size_kohonen", "jee_mean", PBN_EE},
              {"size_istdp", "jei_mean", PBN_EI},
              {"size_istdp_eiii", "jei_mean", PBN_EI},
              {"size_hebb", "jee_mean", PBN_EE}};
    fprintf(out, "| sweep | N | r_e (Hz) | theory | r_i (Hz) | theory | weight | theory | "
                 "cov_ee | theory |\n"
                 "|---|---:|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
        const vrun *big = vdata_largest(v->d, sw[i].exp);
        if (!big)
            continue;
        long N = big->N;
        const char *names[4] = {"rate_e_hz", "rate_i_hz", sw[i].w, "cov_ee"};
        fprintf(out, "| %s | %ld |", sw[i].exp, N);
        pbn_theory_fp fp;
        pbn_theory_cov tc;
        pbn_error err;
        int have_fp = !vrun_fixed_point(big, PBN_THEORY_EFFECTIVE | PBN_THEORY_CX, &fp);
        int have_cov = have_fp && pbn_theory_covariance(&big->cfg, fp.j, PBN_THEORY_EFFECTIVE,
                                                        &tc, &err) == PBN_OK;
        for (int k = 0; k < 4; k++) {
            vseries s;
            vseries_make(v->d, sw[i].exp, sel_N, &N, x_N, y_metric, names[k], &s);
            char a[64], b[32];
            double th = k < 2 ? (have_fp ? fp.rate_hz[k] : NAN)
                      : k == 2 ? (have_fp ? fp.j[sw[i].block] : NAN)
                               : (have_cov ? tc.cov[0] : NAN);
            fprintf(out, " %s | %s |", s.n ? fmt_pm(a, sizeof a, s.p[0].mean, s.p[0].se) : "-",
                    fmt_g(b, sizeof b, th));
        }
        fprintf(out, "\n");
    }
    fprintf(out, "\nMeans ± standard errors over the repeats at the largest N of each sweep; "
                 "theory at the rule's fixed point with effective weights and the "
                 "input-correlation terms (weights: `jee` for E->E rules, `jei` for iSTDP).\n");
}

static void write_refs(FILE *out)
{
    fprintf(out, "| key | value | uncertainty | what | source |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < vref_count(); i++) {
        const vref *r = vref_at(i);
        fprintf(out, "| %s | %.4g | %.2g | ", r->key, r->value, r->unc);
        cell(out, r->what);
        fputs(" | ", out);
        cell(out, r->source);
        fputs(" |\n", out);
    }
    fprintf(out, "\nThe authors' repository: github.com/alanakil/PlasticBalancedNetsPackage "
                 "(folder original_simulations/; plotting notebooks in "
                 "original_simulations/plotting_code/).\n");
}

static int write_atomic(const char *path, const char *text, size_t len, pbn_error *err)
{
    int e = util_write_atomic(path, text, len);
    if (e)
        return pbn_error_set(err, PBN_EIO, "cannot write %s (%s)", path, strerror(e));
    return PBN_OK;
}

int write_validation(const char *path, const vctx *v, const vmeta *m, pbn_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    fprintf(out, "# Validation of the paper's claims (profile `%s`)\n\n"
                 "Generated by `validate/pbn-validate` (`make validate`) from the results "
                 "database: every number on this page is computed from the stored runs and the "
                 "theory for their configurations. Do not edit; regenerate.\n\n",
            v->d->profile);
    write_summary(out, v, m);
    fprintf(out, "\n## Verdicts\n\n");
    write_verdicts(out);
    fprintf(out, "\n## Claims\n\n");
    write_table(out, v);
    fprintf(out, "\n## Values at the largest N\n\n");
    write_numbers(out, v);
    fprintf(out, "\n## Notes per claim\n%s", v->notes.s ? v->notes.s : "");
    fprintf(out, "\n## The authors' numbers\n\n");
    write_refs(out);
    fprintf(out, "\n## Regenerate\n\n```sh\nmake validate%s%s   # or: validate/pbn-validate "
                 "--db %s --profile %s --out FILE\n```\n",
            strcmp(v->d->profile, "quick") ? " PROFILE=" : "",
            strcmp(v->d->profile, "quick") ? v->d->profile : "", v->d->db_path, v->d->profile);
    int rc = fclose(out) ? pbn_error_set(err, PBN_ENOMEM, "out of memory")
                         : write_atomic(path, text, len, err);
    free(text);
    return rc;
}

/* ---- the cost of the experiments ------------------------------------------------------------- */

typedef struct costacc {
    vbuf *b;
    double total, longest;
    long runs;
} costacc;

static int row_cost(void *ctx, int ncol, const char *const *names, const pbn_value *v)
{
    (void)names;
    costacc *a = ctx;
    if (ncol < 5 || v[0].type != PBN_V_TEXT)
        return 0;
    double sum = v[3].type == PBN_V_REAL ? v[3].d : v[3].type == PBN_V_INT ? (double)v[3].i : 0;
    double mx = v[4].type == PBN_V_REAL ? v[4].d : v[4].type == PBN_V_INT ? (double)v[4].i : 0;
    long n = v[1].type == PBN_V_INT ? (long)v[1].i : 0, nd = v[2].type == PBN_V_INT ? (long)v[2].i : 0;
    const char *e = strchr(v[0].s, '.');
    bprintf(a->b, "| %s | %ld | %ld | %.0f | %.1f | %.0f |\n", e ? e + 1 : v[0].s, n, nd, sum,
            sum / 60, mx);
    a->total += sum;
    a->runs += n;
    if (mx > a->longest)
        a->longest = mx;
    return 0;
}

void report_cost(vctx *v)
{
    char sql[512];
    pbn_error err;
    costacc a = {&v->cost, 0, 0, 0};
    bprintf(&v->cost, "| experiment | runs | of them diverged | core-seconds | core-minutes | "
                      "longest run (s) |\n|---|---:|---:|---:|---:|---:|\n");
    snprintf(sql, sizeof sql,
             "SELECT experiment, count(*), sum(status = 'diverged'), sum(wall_s), max(wall_s) "
             "FROM runs WHERE experiment LIKE '%s.%%' AND status IN ('ok', 'diverged') "
             "GROUP BY experiment ORDER BY min(id)", v->d->profile);
    if (!v->d->st || pbn_store_query(v->d->st, sql, NULL, row_cost, &a, &err) != PBN_OK) {
        bprintf(&v->cost, "| (the database could not be read) | | | | | |\n");
        return;
    }
    bprintf(&v->cost, "| all | %ld | | %.0f | %.1f | %.0f |\n\nWall time of a run, "
                      "simulation and statistics, one core each; `make figures` runs as many "
                      "at once as there are cores (longest first), so with 2 cores it takes "
                      "about half the core time plus the tail.\n",
            a.runs, a.total, a.total / 60, a.longest);
}

/* ---- the report's generated blocks ---------------------------------------------------------- */

typedef struct gen {
    const vctx *v;
    const vmeta *m;
    plan *pl;
    int have_plan;
} gen;

static int gen_block(void *ctx, const char *name, FILE *out, char *why, size_t whylen)
{
    const gen *g = ctx;
    (void)why;
    (void)whylen;
    if (!strcmp(name, "summary"))
        write_summary(out, g->v, g->m);
    else if (!strcmp(name, "verdicts"))
        write_verdicts(out);
    else if (!strcmp(name, "table"))
        write_table(out, g->v);
    else if (!strcmp(name, "numbers"))
        write_numbers(out, g->v);
    else if (!strcmp(name, "cost"))
        fputs(g->v->cost.s ? g->v->cost.s : "", out);
    else if (!strcmp(name, "plan")) {
        if (!g->have_plan)
            return UTIL_MD_KEEP; /* no plan given: keep the block's old content */
        plan_table(out, g->pl);
    } else
        return UTIL_MD_UNKNOWN;
    return UTIL_MD_FILLED;
}

int fill_readme(const char *path, const vctx *v, const vmeta *m, plan *pl, int have_plan,
                int *nblocks, pbn_error *err)
{
    gen g = {v, m, pl, have_plan};
    char *src, *text, why[600] = "";
    size_t len, tlen;
    int e = util_read_file(path, (size_t)1 << 26, &src, &len);
    if (e)
        return pbn_error_set(err, PBN_EIO, "--readme %s: cannot read it (%s)", path,
                             strerror(e));
    e = util_md_fill(src, "pbn-validate", gen_block, &g, 1, &text, &tlen, nblocks, why,
                     sizeof why);
    free(src);
    if (e == ENOMEM)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    if (e)
        return pbn_error_set(err, PBN_EINVAL, "--readme %s %s%s", path, why,
                             strstr(why, "unknown block") ? " (known: summary, verdicts, "
                                                            "table, numbers, plan, cost)"
                                                          : "");
    int rc = write_atomic(path, text, tlen, err);
    free(text);
    return rc;
}
