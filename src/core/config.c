/*
 * config.c - the parameter table and everything derived from it.
 *
 * Why a table: the same list of keys has to drive parsing, range checking, the --help
 * text, the canonical form that is stored and hashed with every result, and the
 * documentation.  Writing each of those by hand would let them drift apart; here a key
 * exists once, with its default, unit and range, and everything else loops over it.
 *
 * Defaults are those of the spec (paper/model.md sections 1-5).  Ranges are what the model
 * can meaningfully run with; cross-key rules (T/dt an integer, Vre < Vth, ...) live in
 * pbn_config_validate().
 */
#include "pbn/pbn_config.h"
#include "core/core.h"
#include "util/util.h"

#include <stdio.h>
#include <gsl/gsl_rng.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OFF(f) offsetof(pbn_config, f)
#define BIG 1e9

static const char *const ee_rules[] = {"none", "hebb_soft", "hebb_add", "kohonen", NULL};
static const char *const ei_rules[] = {"none", "istdp", NULL};
static const char *const ie_rules[] = {"none", "homeo", "hebb_soft", NULL};
static const char *const ii_rules[] = {"none", "istdp", NULL};

/* name, kind, offset, default, unit, min, max, min_open, max_open, choices, group, help */
static const pbn_param params[] = {
    {"N", PBN_P_LONG, OFF(N), "1000", "", 10, 80000, 0, 0, NULL, "network",
     "recurrent neurons (Ne = round(qe N) excitatory, the rest inhibitory)"},
    {"qe", PBN_P_DOUBLE, OFF(qe), "0.8", "", 0, 1, 1, 1, NULL, "network",
     "excitatory fraction of N"},
    {"qx", PBN_P_DOUBLE, OFF(qx), "0.2", "", 0, 10, 1, 0, NULL, "network",
     "feed-forward (X) population size as a fraction of N"},
    {"p", PBN_P_DOUBLE, OFF(p), "0.1", "", 0, 1, 0, 0, NULL, "network",
     "connection probability of every block (EE, EI, IE, II, EX, IX)"},
    {"T", PBN_P_DOUBLE, OFF(T), "1000", "ms", 0, BIG, 1, 0, NULL, "run",
     "simulated time"},
    {"dt", PBN_P_DOUBLE, OFF(dt), "0.1", "ms", 0, 10, 1, 0, NULL, "run",
     "Euler time step"},
    {"seed", PBN_P_ULONG, OFF(seed), "1", "", 0, 18446744073709551615.0, 0, 0, NULL, "run",
     "master seed; every random stream is derived from it"},
    {"seed_net", PBN_P_ULONG, OFF(seed_net), "0", "", 0, 18446744073709551615.0, 0, 0, NULL, "run",
     "connectivity seed (0: derived from seed)"},
    {"seed_init", PBN_P_ULONG, OFF(seed_init), "0", "", 0, 18446744073709551615.0, 0, 0, NULL, "run",
     "initial-voltage seed (0: derived from seed)"},
    {"seed_input", PBN_P_ULONG, OFF(seed_input), "0", "", 0, 18446744073709551615.0, 0, 0, NULL, "run",
     "feed-forward input seed (0: derived from seed)"},
    {"rng", PBN_P_STRING, OFF(rng), "mt19937", "", 0, 0, 0, 0, NULL, "run",
     "GSL random number generator (any gsl_rng type name)"},
    {"cx", PBN_P_DOUBLE, OFF(cx), "0", "", 0, 1, 0, 0, NULL, "input",
     "pairwise correlation of the X spike trains"},
    {"rx", PBN_P_DOUBLE, OFF(rx), "10", "Hz", 0, 10000, 0, 0, NULL, "input",
     "rate of each X neuron"},
    {"tau_jitter", PBN_P_DOUBLE, OFF(tau_jitter), "5", "ms", 0, 10000, 0, 0, NULL, "input",
     "s.d. of the Gaussian jitter of correlated X spikes"},
    {"jee", PBN_P_DOUBLE, OFF(jee), "25", "", 0, 1e5, 0, 0, NULL, "weights",
     "E->E unscaled weight j (stored J = j/sqrt(N))"},
    {"jei", PBN_P_DOUBLE, OFF(jei), "-150", "", -1e5, 0, 0, 0, NULL, "weights",
     "I->E unscaled weight"},
    {"jie", PBN_P_DOUBLE, OFF(jie), "112.5", "", 0, 1e5, 0, 0, NULL, "weights",
     "E->I unscaled weight"},
    {"jii", PBN_P_DOUBLE, OFF(jii), "-250", "", -1e5, 0, 0, 0, NULL, "weights",
     "I->I unscaled weight"},
    {"jex", PBN_P_DOUBLE, OFF(jex), "180", "", 0, 1e5, 0, 0, NULL, "weights",
     "X->E unscaled weight"},
    {"jix", PBN_P_DOUBLE, OFF(jix), "135", "", 0, 1e5, 0, 0, NULL, "weights",
     "X->I unscaled weight"},
    {"Cm", PBN_P_DOUBLE, OFF(Cm), "1", "", 0, 1000, 1, 0, NULL, "neuron",
     "membrane capacitance"},
    {"gL", PBN_P_DOUBLE, OFF(gL), "0.0666666666666666667", "1/ms", 0, 10, 1, 0, NULL, "neuron",
     "leak conductance (1/15)"},
    {"EL", PBN_P_DOUBLE, OFF(EL), "-72", "mV", -200, 200, 0, 0, NULL, "neuron",
     "leak reversal potential"},
    {"VT", PBN_P_DOUBLE, OFF(VT), "-55", "mV", -200, 200, 0, 0, NULL, "neuron",
     "EIF soft threshold"},
    {"DeltaT", PBN_P_DOUBLE, OFF(DeltaT), "1", "mV", 0, 100, 1, 0, NULL, "neuron",
     "EIF spike slope factor"},
    {"Vth", PBN_P_DOUBLE, OFF(Vth), "-50", "mV", -200, 200, 0, 0, NULL, "neuron",
     "spike when V >= Vth"},
    {"Vre", PBN_P_DOUBLE, OFF(Vre), "-75", "mV", -200, 200, 0, 0, NULL, "neuron",
     "reset potential"},
    {"tau_e", PBN_P_DOUBLE, OFF(tau_e), "8", "ms", 0, 1e4, 1, 0, NULL, "neuron",
     "excitatory synaptic time constant"},
    {"tau_i", PBN_P_DOUBLE, OFF(tau_i), "4", "ms", 0, 1e4, 1, 0, NULL, "neuron",
     "inhibitory synaptic time constant"},
    {"tau_x", PBN_P_DOUBLE, OFF(tau_x), "10", "ms", 0, 1e4, 1, 0, NULL, "neuron",
     "feed-forward synaptic time constant"},
    {"istim_e", PBN_P_DOUBLE, OFF(istim_e), "0", "mV/ms", -1000, 1000, 0, 0, NULL, "neuron",
     "constant stimulus current into every E neuron"},
    {"istim_i", PBN_P_DOUBLE, OFF(istim_i), "0", "mV/ms", -1000, 1000, 0, 0, NULL, "neuron",
     "constant stimulus current into every I neuron"},
    {"tau_stdp", PBN_P_DOUBLE, OFF(tau_stdp), "200", "ms", 0, 1e6, 1, 0, NULL, "plasticity",
     "eligibility trace time constant"},
    {"plastic_ee", PBN_P_CHOICE, OFF(plastic_ee), "none", "", 0, 0, 0, 0, ee_rules, "plasticity",
     "E->E rule: R1 hebb_soft, R2 hebb_add, R3 kohonen"},
    {"plastic_ei", PBN_P_CHOICE, OFF(plastic_ei), "none", "", 0, 0, 0, 0, ei_rules, "plasticity",
     "I->E rule: R4 istdp (homeostatic, target rho_e)"},
    {"plastic_ie", PBN_P_CHOICE, OFF(plastic_ie), "none", "", 0, 0, 0, 0, ie_rules, "plasticity",
     "E->I rule: R6 homeo (target rho_ie), R7 hebb_soft (bound jmax_ie)"},
    {"plastic_ii", PBN_P_CHOICE, OFF(plastic_ii), "none", "", 0, 0, 0, 0, ii_rules, "plasticity",
     "I->I rule: R5 istdp (target rho_i)"},
    {"eta_ee", PBN_P_DOUBLE, OFF(eta_ee), "0.001", "", 0, 100, 0, 0, NULL, "plasticity",
     "E->E learning rate"},
    {"eta_ei", PBN_P_DOUBLE, OFF(eta_ei), "0.001", "", 0, 100, 0, 0, NULL, "plasticity",
     "I->E learning rate (the paper's eta; eta/Jnorm inside)"},
    {"eta_ie", PBN_P_DOUBLE, OFF(eta_ie), "0.001", "", 0, 100, 0, 0, NULL, "plasticity",
     "E->I learning rate (homeo: eta/Jnorm inside)"},
    {"eta_ii", PBN_P_DOUBLE, OFF(eta_ii), "0.001", "", 0, 100, 0, 0, NULL, "plasticity",
     "I->I learning rate (the paper's eta; eta/Jnorm inside)"},
    {"jmax_ee", PBN_P_DOUBLE, OFF(jmax_ee), "30", "", -1e21, 1e21, 0, 0, NULL, "plasticity",
     "hebb_soft bound; hebb_add upper bound (unscaled)"},
    {"jmin_ee", PBN_P_DOUBLE, OFF(jmin_ee), "0", "", -1e21, 1e21, 0, 0, NULL, "plasticity",
     "hebb_add lower bound (unscaled)"},
    {"beta", PBN_P_DOUBLE, OFF(beta), "2", "", -1e4, 1e4, 0, 0, NULL, "plasticity",
     "Kohonen b (unscaled; beta = b/sqrt(N) inside)"},
    {"jmax_ie", PBN_P_DOUBLE, OFF(jmax_ie), "112.5", "", -1e21, 1e21, 0, 0, NULL, "plasticity",
     "E->I hebb_soft bound (unscaled)"},
    {"rho_e", PBN_P_DOUBLE, OFF(rho_e), "10", "Hz", 0, 1000, 0, 0, NULL, "plasticity",
     "I->E iSTDP target E rate"},
    {"rho_i", PBN_P_DOUBLE, OFF(rho_i), "20", "Hz", 0, 1000, 0, 0, NULL, "plasticity",
     "I->I iSTDP target I rate"},
    {"rho_ie", PBN_P_DOUBLE, OFF(rho_ie), "23", "Hz", 0, 1000, 0, 0, NULL, "plasticity",
     "E->I homeostatic target I rate"},
    {"jnorm_ei", PBN_P_DOUBLE, OFF(jnorm_ei), "-200", "", -1e6, 0, 0, 1, NULL, "plasticity",
     "I->E iSTDP normalisation (unscaled, < 0)"},
    {"jnorm_ii", PBN_P_DOUBLE, OFF(jnorm_ii), "-200", "", -1e6, 0, 0, 1, NULL, "plasticity",
     "I->I iSTDP normalisation (unscaled, < 0)"},
    {"jnorm_ie", PBN_P_DOUBLE, OFF(jnorm_ie), "200", "", 0, 1e6, 1, 0, NULL, "plasticity",
     "E->I homeostatic normalisation (unscaled, > 0)"},
    {"dt_record", PBN_P_DOUBLE, OFF(dt_record), "0", "ms", 0, BIG, 0, 0, NULL, "recording",
     "recording bin for time courses (0: T/100)"},
    {"cov_window", PBN_P_DOUBLE, OFF(cov_window), "250", "ms", 0, BIG, 1, 0, NULL, "recording",
     "spike-count window for covariances (second half of the run)"},
    {"record_spikes", PBN_P_LONG, OFF(record_spikes), "0", "", 0, 1, 0, 0, NULL, "recording",
     "1: keep every spike (t, id) in [raster_start, raster_stop)"},
    {"raster_start", PBN_P_DOUBLE, OFF(raster_start), "0", "ms", 0, BIG, 0, 0, NULL, "recording",
     "start of the spike recording window"},
    {"raster_stop", PBN_P_DOUBLE, OFF(raster_stop), "1000000000", "ms", 0, BIG, 0, 0, NULL, "recording",
     "end of the spike recording window"},
    {"max_rate_hz", PBN_P_DOUBLE, OFF(max_rate_hz), "50", "Hz", 0, 1e5, 1, 0, NULL, "recording",
     "divergence: stop once ceil(max_rate N T) spikes have been fired"},
    {"n_pair_samples", PBN_P_LONG, OFF(n_pair_samples), "1000", "", 0, 1e7, 0, 0, NULL, "recording",
     "random neuron pairs per EE/EI/II kept for covariance and correlation histograms"},
    {"n_syn_samples", PBN_P_LONG, OFF(n_syn_samples), "20", "", 0, 1e5, 0, 0, NULL, "recording",
     "individual synapses per plastic block followed over time"},
    {"n_weight_samples", PBN_P_LONG, OFF(n_weight_samples), "2000", "", 0, 1e8, 0, 0, NULL, "recording",
     "final weights per plastic block kept for histograms"},
};

#define NPARAMS (sizeof params / sizeof params[0])

const pbn_param *pbn_config_params(size_t *n)
{
    if (n)
        *n = NPARAMS;
    return params;
}

const pbn_param *pbn_config_param(const char *name)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}

void pbn_config_range_text(const pbn_param *p, char *buf, size_t len)
{
    switch (p->kind) {
    case PBN_P_CHOICE: {
        size_t o = 0;
        buf[0] = '\0';
        for (int i = 0; p->choices[i]; i++)
            o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s", i ? " | " : "",
                                  p->choices[i]);
        break;
    }
    case PBN_P_STRING:
        snprintf(buf, len, "a GSL generator name (e.g. mt19937, taus2, ranlxd2)");
        break;
    case PBN_P_ULONG:
        snprintf(buf, len, "integer 0 .. 18446744073709551615");
        break;
    case PBN_P_LONG:
        snprintf(buf, len, "integer %.0f .. %.0f", p->min, p->max);
        break;
    default:
        if (p->min_open && !p->max_open)
            snprintf(buf, len, "> %g and <= %g", p->min, p->max);
        else if (p->min_open && p->max_open)
            snprintf(buf, len, "> %g and < %g", p->min, p->max);
        else if (!p->min_open && p->max_open)
            snprintf(buf, len, ">= %g and < %g", p->min, p->max);
        else
            snprintf(buf, len, "%g .. %g", p->min, p->max);
        break;
    }
}

static int out_of_range(const pbn_param *p, double v)
{
    if (p->min_open ? !(v > p->min) : !(v >= p->min))
        return 1;
    if (p->max_open ? !(v < p->max) : !(v <= p->max))
        return 1;
    return 0;
}

static int bad_value(const pbn_param *p, const char *value, const char *why, pbn_error *err)
{
    char r[256], shown[80];
    pbn_config_range_text(p, r, sizeof r);
    util_printable(value, shown, sizeof shown);
    return pbn_error_set(err, PBN_EINVAL, "%s = %s: %s; allowed: %s%s%s", p->name, shown, why, r,
                         p->unit[0] ? " " : "", p->unit);
}

int pbn_config_set(pbn_config *cfg, const char *key, const char *value, pbn_error *err)
{
    const pbn_param *p = pbn_config_param(key);
    char *end;
    if (!p) {
        char shown[80];
        util_printable(key, shown, sizeof shown);
        return pbn_error_set(err, PBN_EINVAL,
                             "unknown key '%s' (run 'pbn run --help' for the list of keys)", shown);
    }
    if (!value || !*value)
        return bad_value(p, "", "missing value", err);
    char *base = (char *)cfg + p->offset;
    switch (p->kind) {
    case PBN_P_DOUBLE: {
        errno = 0;
        double v = strtod(value, &end);
        if (end == value || *end || errno == ERANGE || !isfinite(v))
            return bad_value(p, value, "not a finite number", err);
        if (out_of_range(p, v))
            return bad_value(p, value, "out of range", err);
        *(double *)base = v == 0 ? 0.0 : v; /* -0 is 0: one configuration, one hash */
        return PBN_OK;
    }
    case PBN_P_LONG: {
        /* decimal digits with an optional sign, as for the seeds: "1e3", "0x100" and
           "1000.0" are refused rather than read three ways */
        const char *s = value;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s) || s[strspn(s, "0123456789")] != '\0')
            return bad_value(p, value, "not a decimal integer", err);
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno == ERANGE || out_of_range(p, (double)v))
            return bad_value(p, value, "out of range", err);
        *(long *)base = v;
        return PBN_OK;
    }
    case PBN_P_ULONG: {
        const char *s = value;
        while (isspace((unsigned char)*s))
            s++;
        if (!isdigit((unsigned char)*s))
            return bad_value(p, value, "not a non-negative integer", err);
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (*end || errno == ERANGE)
            return bad_value(p, value, "not a non-negative integer", err);
        *(unsigned long *)base = (unsigned long)v;
        return PBN_OK;
    }
    case PBN_P_CHOICE:
        for (int i = 0; p->choices[i]; i++)
            if (strcmp(p->choices[i], value) == 0) {
                *(int *)base = i;
                return PBN_OK;
            }
        return bad_value(p, value, "unknown choice", err);
    case PBN_P_STRING: {
        const gsl_rng_type **t;
        for (t = gsl_rng_types_setup(); *t; t++)
            if (strcmp((*t)->name, value) == 0)
                break;
        if (!*t || strlen(value) >= sizeof cfg->rng)
            return bad_value(p, value, "unknown generator", err);
        strcpy(cfg->rng, value);
        return PBN_OK;
    }
    }
    return pbn_error_set(err, PBN_EINVAL, "internal: bad parameter kind for %s", key);
}

void pbn_config_defaults(pbn_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NPARAMS; i++) {
        int rc = pbn_config_set(cfg, params[i].name, params[i].def, NULL);
        (void)rc;
        /* a default outside its own range is a programming error, caught by the tests */
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int pbn_config_set_pair(pbn_config *cfg, const char *pair, pbn_error *err)
{
    char buf[512];
    if (strlen(pair) >= sizeof buf)
        return pbn_error_set(err, PBN_EINVAL, "override '%.40s...': too long (at most %zu bytes)",
                             pair, sizeof buf - 1);
    strcpy(buf, pair);
    char *eq = strchr(buf, '=');
    if (!eq)
    {
        char shown[80];
        util_printable(pair, shown, sizeof shown);
        return pbn_error_set(err, PBN_EINVAL, "override '%s': malformed; expected key=value",
                             shown);
    }
    *eq = '\0';
    return pbn_config_set(cfg, trim(buf), trim(eq + 1), err);
}

int pbn_config_read_string(pbn_config *cfg, const char *text, const char *name, pbn_error *err)
{
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    unsigned char seen[NPARAMS];
    int rc = PBN_OK, lineno = 0;
    if (!copy)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading %s", name);
    memcpy(copy, text, n + 1);
    memset(seen, 0, sizeof seen);
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            char shown[80];
            util_printable(s, shown, sizeof shown);
            rc = pbn_error_set(err, PBN_EINVAL,
                               "%s:%d: malformed line '%s'; expected 'key = value'", name, lineno,
                               shown);
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        const pbn_param *p = pbn_config_param(key);
        if (p && seen[p - params]) {
            rc = pbn_error_set(err, PBN_EINVAL, "%s:%d: key '%s' given twice", name, lineno, key);
            break;
        }
        pbn_error e;
        if (pbn_config_set(cfg, key, val, &e) != PBN_OK) {
            rc = pbn_error_set(err, e.code, "%s:%d: %s", name, lineno, e.msg);
            break;
        }
        seen[p - params] = 1;
    }
    free(copy);
    return rc;
}

int pbn_config_read_file(pbn_config *cfg, const char *path, pbn_error *err)
{
    char *buf;
    size_t len;
    int e = util_read_file(path, PBN_CONFIG_MAX_BYTES, &buf, &len);
    if (e == EFBIG)
        return pbn_error_set(err, PBN_EINVAL, "%s: too large for a configuration file", path);
    if (e == ENOMEM)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory reading %s", path);
    if (e)
        return pbn_error_set(err, PBN_EIO, "cannot read configuration %s: %s", path,
                             strerror(e));
    int rc = pbn_config_read_text(cfg, buf, len, path, err);
    free(buf);
    return rc;
}

int pbn_config_read_text(pbn_config *cfg, const char *text, size_t len, const char *name,
                         pbn_error *err)
{
    if (memchr(text, '\0', len))
        return pbn_error_set(err, PBN_EINVAL, "%s: not a text file (contains a NUL byte)", name);
    return pbn_config_read_string(cfg, text, name, err);
}

long pbn_config_ne(const pbn_config *cfg) { return lround(cfg->qe * (double)cfg->N); }
long pbn_config_ni(const pbn_config *cfg) { return cfg->N - pbn_config_ne(cfg); }
long pbn_config_nx(const pbn_config *cfg) { return lround(cfg->qx * (double)cfg->N); }

uint64_t pbn_config_nsteps(const pbn_config *cfg)
{
    return (uint64_t)llround(cfg->T / cfg->dt);
}

uint64_t pbn_config_record_steps(const pbn_config *cfg)
{
    double rec = cfg->dt_record > 0 ? cfg->dt_record : cfg->T / 100.0;
    uint64_t s = (uint64_t)llround(rec / cfg->dt);
    return s ? s : 1;
}

static int n_choices(const pbn_param *p)
{
    int n = 0;
    while (p->choices[n])
        n++;
    return n;
}

static int known_rng(const char *name)
{
    for (const gsl_rng_type **t = gsl_rng_types_setup(); *t; t++)
        if (strcmp((*t)->name, name) == 0)
            return 1;
    return 0;
}

/*
 * One field of a struct that may have been written directly (not through pbn_config_set):
 * the same check and the same message as the configuration file gives for that value.
 */
static int check_field(const pbn_config *cfg, const pbn_param *p, pbn_error *err)
{
    const char *base = (const char *)cfg + p->offset;
    char v[64];
    switch (p->kind) {
    case PBN_P_DOUBLE: {
        double x = *(const double *)base;
        if (!isfinite(x)) {
            snprintf(v, sizeof v, "%g", x);
            return bad_value(p, v, "not a finite number", err);
        }
        if (out_of_range(p, x)) {
            util_fmt_exact(x, 1, v, sizeof v);
            return bad_value(p, v, "out of range", err);
        }
        return PBN_OK;
    }
    case PBN_P_LONG: {
        long x = *(const long *)base;
        if (out_of_range(p, (double)x)) {
            snprintf(v, sizeof v, "%ld", x);
            return bad_value(p, v, "out of range", err);
        }
        return PBN_OK;
    }
    case PBN_P_ULONG:
        return PBN_OK; /* every value is allowed */
    case PBN_P_CHOICE: {
        int x = *(const int *)base;
        if (x < 0 || x >= n_choices(p)) {
            snprintf(v, sizeof v, "%d", x);
            return bad_value(p, v, "not one of the choices (as an index)", err);
        }
        return PBN_OK;
    }
    case PBN_P_STRING:
        if (!memchr(base, '\0', sizeof cfg->rng))
            return bad_value(p, "(unterminated)", "not a string", err);
        if (!known_rng(base)) {
            util_printable(base, v, sizeof v);
            return bad_value(p, v, "unknown generator", err);
        }
        return PBN_OK;
    }
    return pbn_error_set(err, PBN_EINVAL, "internal: bad parameter kind for %s", p->name);
}

int pbn_config_validate(const pbn_config *cfg, pbn_error *err)
{
    if (!cfg)
        return pbn_error_set(err, PBN_EINVAL, "no configuration (NULL)");
    for (size_t i = 0; i < NPARAMS; i++)
        if (check_field(cfg, &params[i], err) != PBN_OK)
            return PBN_EINVAL;
    double steps = cfg->T / cfg->dt;
    long ne = pbn_config_ne(cfg), ni = pbn_config_ni(cfg), nx = pbn_config_nx(cfg);
    if (fabs(steps - llround(steps)) > 1e-9 * steps)
        return pbn_error_set(err, PBN_EINVAL,
                             "T = %g, dt = %g: T must be a whole number of time steps", cfg->T,
                             cfg->dt);
    if (steps < 2)
        return pbn_error_set(err, PBN_EINVAL, "T = %g: must be at least 2 time steps (dt = %g)",
                             cfg->T, cfg->dt);
    if (steps > 9.0e15)
        return pbn_error_set(err, PBN_EINVAL, "T/dt = %g: too many steps (at most 9e15)", steps);
    if (ne < 1 || ni < 1 || ne > 65535 || ni > 65535)
        return pbn_error_set(err, PBN_EINVAL,
                             "N = %ld, qe = %g: gives Ne = %ld, Ni = %ld; each must be 1 .. 65535",
                             cfg->N, cfg->qe, ne, ni);
    if (nx < 1 || nx > 65535)
        return pbn_error_set(err, PBN_EINVAL,
                             "N = %ld, qx = %g: gives Nx = %ld; allowed 1 .. 65535", cfg->N,
                             cfg->qx, nx);
    if (!(cfg->Vre < cfg->Vth))
        return pbn_error_set(err, PBN_EINVAL, "Vre = %g, Vth = %g: Vre must be below Vth",
                             cfg->Vre, cfg->Vth);
    if (!(cfg->VT <= cfg->Vth))
        return pbn_error_set(err, PBN_EINVAL,
                             "VT = %g, Vth = %g: the EIF soft threshold VT must not be above "
                             "the spike threshold Vth (the exponential upswing would never be "
                             "reached)",
                             cfg->VT, cfg->Vth);
    if (cfg->cx > 0 && cfg->tau_jitter > cfg->T / 8)
        return pbn_error_set(err, PBN_EINVAL,
                             "tau_jitter = %g, T = %g: the jitter moves about 0.8 tau_jitter/T "
                             "= %.0f%% of the correlated input spikes out of the run (more than "
                             "10%%); allowed tau_jitter <= T/8 = %g ms",
                             cfg->tau_jitter, cfg->T, 100 * 0.7978845608 * cfg->tau_jitter / cfg->T,
                             cfg->T / 8);
    const double taus[] = {cfg->tau_e, cfg->tau_i, cfg->tau_x, cfg->tau_stdp};
    const char *tnames[] = {"tau_e", "tau_i", "tau_x", "tau_stdp"};
    for (int i = 0; i < 4; i++)
        if (taus[i] < cfg->dt)
            return pbn_error_set(err, PBN_EINVAL,
                                 "%s = %g: must be at least dt = %g (forward Euler decay)",
                                 tnames[i], taus[i], cfg->dt);
    if (cfg->dt_record > 0 && cfg->dt_record < cfg->dt)
        return pbn_error_set(err, PBN_EINVAL, "dt_record = %g: must be 0 (auto) or >= dt = %g",
                             cfg->dt_record, cfg->dt);
    if (cfg->cov_window < cfg->dt)
        return pbn_error_set(err, PBN_EINVAL, "cov_window = %g: must be >= dt = %g",
                             cfg->cov_window, cfg->dt);
    if (cfg->raster_stop < cfg->raster_start)
        return pbn_error_set(err, PBN_EINVAL,
                             "raster_start = %g, raster_stop = %g: start must not exceed stop",
                             cfg->raster_start, cfg->raster_stop);
    if (cfg->plastic_ee == PBN_EE_HEBB_ADD && !(cfg->jmin_ee < cfg->jmax_ee))
        return pbn_error_set(err, PBN_EINVAL,
                             "jmin_ee = %g, jmax_ee = %g: hebb_add needs jmin_ee < jmax_ee",
                             cfg->jmin_ee, cfg->jmax_ee);
    if (cfg->cx > 0 && cfg->rx > 0 && cfg->rx / cfg->cx * cfg->T * 1e-3 > 4e9)
        return pbn_error_set(err, PBN_EINVAL,
                             "cx = %g: mother train rate rx/cx = %g Hz is too high for T = %g ms",
                             cfg->cx, cfg->rx / cfg->cx, cfg->T);
    return PBN_OK;
}

void pbn_config_format_value(const pbn_config *cfg, const pbn_param *p, char *buf, size_t len)
{
    const char *base = (const char *)cfg + p->offset;
    if (!buf || len == 0)
        return;
    switch (p->kind) {
    case PBN_P_DOUBLE: {
        util_fmt_number(*(const double *)base, buf, len);
        break;
    }
    case PBN_P_LONG:
        snprintf(buf, len, "%ld", *(const long *)base);
        break;
    case PBN_P_ULONG:
        snprintf(buf, len, "%lu", *(const unsigned long *)base);
        break;
    case PBN_P_CHOICE: {
        int x = *(const int *)base; /* a struct written directly may hold any int */
        if (x >= 0 && x < n_choices(p))
            snprintf(buf, len, "%s", p->choices[x]);
        else
            snprintf(buf, len, "%d", x);
        break;
    }
    case PBN_P_STRING:
        snprintf(buf, len, "%.*s", (int)sizeof ((const pbn_config *)0)->rng, base);
        break;
    }
}

char *pbn_config_canonical(const pbn_config *cfg)
{
    size_t cap = 64 * NPARAMS + 64, o = 0;
    char *s = malloc(cap), v[64];
    if (!s)
        return NULL;
    for (size_t i = 0; i < NPARAMS; i++) {
        pbn_config_format_value(cfg, &params[i], v, sizeof v);
        o += (size_t)snprintf(s + o, cap - o, "%s = %s\n", params[i].name, v);
    }
    return s;
}

void pbn_config_hash(const pbn_config *cfg, char *buf)
{
    char *s = pbn_config_canonical(cfg);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
        h ^= *c;
        h *= 0x100000001b3ULL;
    }
    free(s);
    snprintf(buf, 17, "%016llx", (unsigned long long)h);
}

unsigned long pbn_config_seed_net(const pbn_config *cfg)
{
    return cfg->seed_net ? cfg->seed_net : pbn_seed_mix(cfg->seed, 1);
}
unsigned long pbn_config_seed_init(const pbn_config *cfg)
{
    return cfg->seed_init ? cfg->seed_init : pbn_seed_mix(cfg->seed, 2);
}
unsigned long pbn_config_seed_input(const pbn_config *cfg)
{
    return cfg->seed_input ? cfg->seed_input : pbn_seed_mix(cfg->seed, 3);
}
unsigned long pbn_config_seed_stats(const pbn_config *cfg) { return pbn_seed_mix(cfg->seed, 4); }

const char *pbn_config_choice_name(const char *key, int value)
{
    const pbn_param *p = pbn_config_param(key);
    if (!p || p->kind != PBN_P_CHOICE || value < 0)
        return "?";
    for (int i = 0; p->choices[i]; i++)
        if (i == value)
            return p->choices[i];
    return "?";
}

int pbn_config_any_plastic(const pbn_config *cfg)
{
    return cfg->plastic_ee || cfg->plastic_ei || cfg->plastic_ie || cfg->plastic_ii;
}
