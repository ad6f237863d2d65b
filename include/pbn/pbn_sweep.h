/*
 * pbn_sweep.h - the sweep runner every experiment program uses: a list of tasks
 * (configuration with its seed, named by experiment and point), run in parallel,
 * resumable after any interruption, splittable into shards, each task stored in the
 * results database in one transaction.
 *
 * Identity and completion: a task is identified by (experiment, point, config hash);
 * it is complete when the database holds a final run (status ok or diverged) of that
 * identity.  Complete tasks are skipped, so running a finished sweep again does nothing
 * (and says so), and a sweep stopped in any way (Ctrl-C, kill -9, power loss) resumes
 * where it stopped: only unfinished tasks run again.  A task stopped by the stop flag is
 * stored with status "interrupted" (partial, not complete); its next complete run
 * replaces it.
 *
 * Determinism: what is stored for a task depends on its configuration only (plus what
 * the hook computes from it), never on --jobs, the shard, the order of completion or
 * resuming: the simulator is deterministic per configuration, and wall-clock figures are
 * kept out of the metrics (see pbn_store.h).
 *
 * Parallelism: worker threads (one pbn_sim each; the simulator has no global state),
 * with more than one the longest tasks first (estimated cost N^1.5 times the steps) so
 * that no long task ends a sweep alone on one core (one worker keeps the plan's order); results are written through one connection, one task
 * per transaction, under a mutex.
 * Other processes writing the same file (e.g. two shards on one machine) wait for each
 * other through SQLite's busy timeout.  A task finished by another process while this
 * one ran it is not stored twice.
 *
 * Sharding: shard I/N runs the tasks whose position k in the sweep (the order of
 * pbn_sweep_add) has k mod N = I; pbn_store_merge (pbn merge) combines the shard files.
 */
#ifndef PBN_SWEEP_H
#define PBN_SWEEP_H

#include "pbn_common.h"
#include "pbn_config.h"
#include "pbn_sim.h"
#include "pbn_store.h"

#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One task of a sweep (owned by the sweep; read-only for callers). */
typedef struct pbn_task {
    const char *experiment;  /* e.g. "size_kohonen" */
    const char *point;       /* e.g. "N=1000" */
    int repeat;              /* repeat index at the point */
    size_t index;            /* position in the sweep */
    char hash[17];           /* pbn_config_hash of cfg */
    pbn_config cfg;          /* seed inside */
} pbn_task;

typedef struct pbn_sweep pbn_sweep;

pbn_sweep *pbn_sweep_new(void);
void pbn_sweep_free(pbn_sweep *sw);

/*
 * Append a task (copies everything).  The configuration must pass pbn_config_validate;
 * experiment: 1..63 characters of A-Z a-z 0-9 _ . - ; point: at most 255 characters.
 * Two tasks of one sweep may not have the same identity (pbn_sweep_run refuses it):
 * give each repeat its own seed.
 */
int pbn_sweep_add(pbn_sweep *sw, const char *experiment, const char *point, int repeat,
                  const pbn_config *cfg, pbn_error *err);
size_t pbn_sweep_size(const pbn_sweep *sw);
const pbn_task *pbn_sweep_task(const pbn_sweep *sw, size_t i);

/*
 * Called in the worker thread after a task's simulation has finished (any status:
 * check pbn_sim_results(sim)->status) and before it is stored: whatever it adds to sink
 * is stored in the same transaction.  It may read sim (results, network, final state)
 * but not change it, and must be thread-safe (several tasks run at once) and
 * deterministic.  A non-zero return (with err set) fails the task: it is not stored.
 */
typedef int (*pbn_task_hook)(void *ctx, const pbn_task *task, const pbn_sim *sim,
                             pbn_sink *sink, pbn_error *err);

/* Theory predictions for a configuration (the signature of pbn_theory_metrics).  A
   failure (e.g. no solution) only leaves the run without theory rows. */
typedef size_t (*pbn_theory_fn)(const pbn_config *cfg, pbn_metric *out, size_t max,
                                pbn_error *err);

/* A line of information (a failed task, a theory failure); called under a lock. */
typedef void (*pbn_log_fn)(void *ctx, const char *line);

/*
 * Progress of a sweep, called from the thread that called pbn_sweep_run about four times
 * a second while tasks run, and once at the end: frac (0..1) is the share of the work
 * done, weighted by each task's size (N times its number of steps) and including the
 * running tasks' own progress; done of total tasks of this shard have finished.
 */
typedef void (*pbn_sweep_progress_fn)(void *ctx, double frac, size_t done, size_t total);

typedef struct pbn_sweep_opts {
    const char *db;          /* NULL: pbn_store_default_path() */
    int jobs;                /* worker threads; <= 0: all online cores */
    int shard_i, shard_n;    /* shard I/N; shard_n <= 1: the whole sweep */
    volatile sig_atomic_t *stop; /* when it becomes non-zero, running tasks stop (may be
                                    NULL) */
    pbn_task_hook hook;      /* may be NULL */
    void *hook_ctx;
    pbn_theory_fn theory;    /* may be NULL: no theory rows */
    unsigned skip;           /* PBN_STORE_NO_* for every task */
    pbn_log_fn log;          /* may be NULL */
    void *log_ctx;
    pbn_sweep_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    int timeout_ms;          /* busy timeout; <= 0: PBN_STORE_TIMEOUT_MS */
    int prune_stale;         /* delete stale runs (see pbn_sweep_run) instead of refusing */
} pbn_sweep_opts;

/* Defaults: everything 0/NULL. */
void pbn_sweep_opts_init(pbn_sweep_opts *o);

/* Check a shard: 0 <= shard_i < shard_n, or shard_n <= 1 (the whole sweep). */
int pbn_sweep_check_shard(int shard_i, int shard_n, pbn_error *err);

typedef struct pbn_sweep_summary {
    size_t total;        /* tasks in the sweep */
    size_t shard;        /* of which in this shard */
    size_t skipped;      /* already complete in the database */
    size_t ok, diverged; /* run now and stored */
    size_t duplicate;    /* run now, but another process had stored it meanwhile */
    size_t failed;       /* could not run or be stored (see err) */
    size_t interrupted;  /* stopped by the stop flag (stored as interrupted) */
    size_t not_started;  /* left when the sweep stopped */
    size_t pruned;       /* stale runs deleted (opts.prune_stale) */
    size_t stale;        /* stale runs found and left: the sweep refused to start */
    int jobs;            /* threads used */
    double wall_s;
} pbn_sweep_summary;

/*
 * Run the sweep.  Stale runs first: stored runs of the sweep's experiments whose
 * identity (point, config hash) is none of the sweep's tasks, left by an earlier plan
 * (a profile whose parameters, seeds or repeats changed).  Since views and figures group
 * by experiment and point, they would be averaged with the new runs, so the sweep refuses
 * to start (PBN_EINVAL, one line naming one of them; sum->stale) unless o->prune_stale, which deletes
 * them, with all their rows, in one transaction (sum->pruned).  Then it returns PBN_OK
 * when every task of the shard is complete; PBN_EINTR
 * when the stop flag stopped it ("run it again to resume"); the first error otherwise
 * (a database error stops the sweep at once: tasks already stored stay; a task that
 * fails does not stop the others).  sum (may be NULL) is filled in every case.
 */
int pbn_sweep_run(const pbn_sweep *sw, const pbn_sweep_opts *o, pbn_sweep_summary *sum,
                  pbn_error *err);

/* One line: "nothing to do: all 40 tasks are already in data/results.db", or counts. */
void pbn_sweep_summary_text(const pbn_sweep_summary *s, const pbn_sweep_opts *o, char *buf,
                            size_t len);

#ifdef __cplusplus
}
#endif
#endif
