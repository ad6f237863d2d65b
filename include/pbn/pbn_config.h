/*
 * pbn_config.h - every parameter of a run, with its default, unit and allowed range.
 *
 * A configuration is read from a plain "key = value" file ('#' starts a comment) and
 * from "key=value" overrides.  Every key is described once, in the table in config.c;
 * parsing, range checks, --help text and the canonical form (every key, defaults
 * included, in a fixed order: what the results database stores and hashes) all come
 * from that table, so they cannot disagree.
 *
 * Invariants after pbn_config_validate() succeeds: every value is inside its range,
 * Ne + Ni = N with Ne, Ni >= 1, Nx >= 1, T/dt is an integer number of steps >= 2.
 */
#ifndef PBN_CONFIG_H
#define PBN_CONFIG_H

#include "pbn_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Plasticity rule choices per block (J[post][pre]: "ei" is I -> E). */
enum pbn_rule_ee { PBN_EE_NONE = 0, PBN_EE_HEBB_SOFT, PBN_EE_HEBB_ADD, PBN_EE_KOHONEN };
enum pbn_rule_ei { PBN_EI_NONE = 0, PBN_EI_ISTDP };
enum pbn_rule_ie { PBN_IE_NONE = 0, PBN_IE_HOMEO, PBN_IE_HEBB_SOFT };
enum pbn_rule_ii { PBN_II_NONE = 0, PBN_II_ISTDP };

typedef struct pbn_config {
    /* network */
    long N;             /* recurrent neurons */
    double qe;          /* excitatory fraction (Ne = round(qe N)) */
    double qx;          /* feed-forward population size relative to N (Nx = round(qx N)) */
    double p;           /* connection probability, every block */
    /* run */
    double T;           /* ms */
    double dt;          /* ms */
    unsigned long seed; /* master seed */
    unsigned long seed_net, seed_init, seed_input; /* 0: derived from seed */
    char rng[32];       /* GSL generator name */
    /* feed-forward input */
    double cx, rx, tau_jitter;      /* -, Hz, ms */
    /* unscaled weights j (stored J = j / sqrt(N)) */
    double jee, jei, jie, jii, jex, jix;
    /* neuron and synapses */
    double Cm, gL, EL, VT, DeltaT, Vth, Vre; /* -, 1/ms, mV ... */
    double tau_e, tau_i, tau_x;              /* ms */
    double istim_e, istim_i;                 /* constant current, mV/ms */
    /* plasticity */
    double tau_stdp;                          /* ms */
    int plastic_ee, plastic_ei, plastic_ie, plastic_ii; /* enum pbn_rule_* */
    double eta_ee, eta_ei, eta_ie, eta_ii;
    double jmax_ee, jmin_ee, beta, jmax_ie;   /* unscaled */
    double rho_e, rho_i, rho_ie;              /* Hz */
    double jnorm_ei, jnorm_ii, jnorm_ie;      /* unscaled */
    /* recording and statistics */
    double dt_record;       /* ms; 0: T/100 */
    double cov_window;      /* ms */
    long record_spikes;     /* 0/1 */
    double raster_start, raster_stop; /* ms: spikes recorded in [start, stop) when record_spikes */
    double max_rate_hz;     /* divergence: budget ceil(max_rate N T) spikes */
    long n_pair_samples, n_syn_samples, n_weight_samples;
} pbn_config;

/* Kinds of parameter values. */
typedef enum { PBN_P_LONG, PBN_P_ULONG, PBN_P_DOUBLE, PBN_P_CHOICE, PBN_P_STRING } pbn_param_kind;

/* Description of one key (read-only; see pbn_config_params()). */
typedef struct pbn_param {
    const char *name;
    pbn_param_kind kind;
    size_t offset;               /* into pbn_config */
    const char *def;             /* default, as text */
    const char *unit;            /* "" when dimensionless */
    double min, max;             /* numeric range */
    int min_open, max_open;      /* 1: bound excluded */
    const char *const *choices;  /* PBN_P_CHOICE: NULL-terminated names, value = index */
    const char *group;
    const char *help;
} pbn_param;

/* The table of keys, in canonical order; *n receives its length. */
const pbn_param *pbn_config_params(size_t *n);

/* Look a key up; NULL when unknown. */
const pbn_param *pbn_config_param(const char *name);

/* Fill cfg with the defaults. */
void pbn_config_defaults(pbn_config *cfg);

/*
 * Set one key from text.  Checks the syntax and the key's own range.  Unknown key,
 * malformed number or out-of-range value: PBN_EINVAL with a line such as
 *   "N = 5: out of range; allowed: integer 10 .. 80000"
 */
int pbn_config_set(pbn_config *cfg, const char *key, const char *value, pbn_error *err);

/* Set from "key=value" (as given to --set). */
int pbn_config_set_pair(pbn_config *cfg, const char *pair, pbn_error *err);

/*
 * Read a "key = value" file over cfg.  '#' starts a comment; blank lines are ignored.
 * A key given twice, a line without '=', an unknown key or a bad value: PBN_EINVAL,
 * the message names file and line.  A missing file: PBN_EIO.
 */
int pbn_config_read_file(pbn_config *cfg, const char *path, pbn_error *err);

/* Same, from a string (name is used in messages). */
int pbn_config_read_string(pbn_config *cfg, const char *text, const char *name, pbn_error *err);

/* Same, from len bytes that may hold a NUL byte (refused: "not a text file"), as read from
   a file or standard input. */
int pbn_config_read_text(pbn_config *cfg, const char *text, size_t len, const char *name,
                         pbn_error *err);

/* The largest configuration text pbn_config_read_file accepts (bytes). */
#define PBN_CONFIG_MAX_BYTES ((size_t)1 << 24)

/* Checks every field against its range in the table (as pbn_config_set does, with the same
   message, so a struct written directly is caught: NaN, an out-of-range number, a choice
   index outside its list, an unknown or unterminated generator name), then the rules that
   involve several keys (T/dt integer, raster window order, ...).  Every library entry point
   that takes a configuration calls it first; NULL is refused. */
int pbn_config_validate(const pbn_config *cfg, pbn_error *err);

/* Format one key's value as canonical text: the shortest text that reads back exactly,
   written as a person writes numbers ("1000", "-50", "0.0001"; an exponent only below
   1e-6 or from 1e16 on), negative zero as "0". */
void pbn_config_format_value(const pbn_config *cfg, const pbn_param *p, char *buf, size_t len);

/* The canonical text: every key "key = value\n" in table order.  Caller frees. */
char *pbn_config_canonical(const pbn_config *cfg);

/* 64-bit FNV-1a hash of the canonical text, as 16 hex digits (buf >= 17 bytes). */
void pbn_config_hash(const pbn_config *cfg, char *buf);

/* The allowed values of a key as text, e.g. "integer 10 .. 80000", "0 .. 1",
   "none | istdp" (what error messages, --help, the man page and the model document say). */
void pbn_config_range_text(const pbn_param *p, char *buf, size_t len);

/* Derived sizes and quantities. */
long pbn_config_ne(const pbn_config *cfg);
long pbn_config_ni(const pbn_config *cfg);
long pbn_config_nx(const pbn_config *cfg);
uint64_t pbn_config_nsteps(const pbn_config *cfg);
/* Steps per recording bin (dt_record, or T/100 when 0; at least 1). */
uint64_t pbn_config_record_steps(const pbn_config *cfg);
/* Effective seeds of the streams (derived from seed unless given). */
unsigned long pbn_config_seed_net(const pbn_config *cfg);
unsigned long pbn_config_seed_init(const pbn_config *cfg);
unsigned long pbn_config_seed_input(const pbn_config *cfg);
/* Seed of the stream that draws statistics samples (pairs, synapses); never the dynamics. */
unsigned long pbn_config_seed_stats(const pbn_config *cfg);
/* Name of a choice value, e.g. pbn_config_choice_name("plastic_ee", 3) = "kohonen". */
const char *pbn_config_choice_name(const char *key, int value);
/* Non-zero when any block is plastic. */
int pbn_config_any_plastic(const pbn_config *cfg);

#ifdef __cplusplus
}
#endif
#endif
