/*
 * exp.h - what the experiment programs share: profiles, command line, the sweep, and the
 * per-run analysis hook.
 *
 * An experiment program builds the list of runs of its family (paper/model.md section 7) for
 * a profile, hands it to the sweep runner (pbn/pbn_sweep.h: parallel, resumable,
 * shardable) and stores every run in the results database under the experiment name
 * "<profile>.<experiment>" (e.g. "quick.size_kohonen"), so the profiles never mix.
 *
 * Profiles:
 *   paper  the originals' parameters exactly (paper/model.md section 7); hours to days of CPU:
 *          meant for shards on a cluster (--shard I/N, then pbn merge);
 *   quick  (default) reduced so that `make figures` runs within 60 minutes on 2 cores,
 *          every figure still showing its conclusion (reductions listed in each program
 *          and in paper/README.md);
 *   smoke  tiny networks and short runs: seconds; checks the whole pipeline (tests).
 */
#ifndef PBN_EXP_H
#define PBN_EXP_H

#include "pbn/pbn.h"

typedef enum { PROFILE_SMOKE = 0, PROFILE_QUICK = 1, PROFILE_PAPER = 2 } exp_profile;

typedef struct exp_ctx {
    const char *prog;
    exp_profile profile;
    const char *profile_name;
    const char *only;       /* comma-separated experiment names, or NULL: all */
    int list;               /* print the tasks instead of running them */
    pbn_sweep *sw;
    pbn_sweep_opts opts;
    int progress;           /* UTIL_PROGRESS_AUTO / ON / OFF */
    double cost;            /* estimated neuron-milliseconds of the tasks added */
    char known[512];        /* the experiment names the program asked about (exp_selected) */
} exp_ctx;

/*
 * Parse the command line: --profile paper|quick|smoke, --only NAME[,NAME], --list, the
 * sweep options (--db, --jobs, --shard, --progress, --quiet) and --help (which prints
 * usage, then description).  Returns -1 to go on, else the exit status.
 */
int exp_init(exp_ctx *x, int argc, char **argv, const char *description);

/*
 * One option of the sweep at argv[*i]: --db FILE, --jobs N (-j N), --shard I/N,
 * --progress, --quiet, --prune-stale (also --opt=value).  Returns 1 when it was one (and
 * advances *i past its value), 0 when it is not a sweep option, -1 on a bad value (err
 * set, PBN_EINVAL).  x->opts.db points into argv.
 */
int exp_parse_sweep_option(exp_ctx *x, int argc, char **argv, int *i, pbn_error *err);

/* "I/N" with 0 <= I < N. */
int exp_parse_shard(const char *text, int *shard_i, int *shard_n, pbn_error *err);

/* The help text of the sweep options. */
const char *exp_sweep_options_help(void);

/* Pick a value by profile. */
double exp_pick(const exp_ctx *x, double smoke, double quick, double paper);

/* Whether experiment `name` is selected by --only (and name is recorded as one of the
   program's experiments: exp_run refuses an --only name that is none of them). */
int exp_selected(exp_ctx *x, const char *name);

/*
 * Add one run: experiment `name` (the profile is prefixed), point, repeat.  The
 * configuration is validated; an error is fatal (a programming error in the plan).
 */
void exp_add(exp_ctx *x, const char *name, const char *point, int repeat, const pbn_config *cfg);

/* Run (or list) the sweep; returns the exit status. */
int exp_run(exp_ctx *x);

/* Base configuration: the spec's defaults. */
void exp_defaults(pbn_config *c);

/* Set a key from text; fatal on error (plan constants are not user input). */
void exp_set(pbn_config *c, const char *key, const char *value);

/* The 8 sizes round(10^linspace(3, 4, 8), -1) = 1000, 1390, ..., 10000. */
long exp_size(int k);

#endif
