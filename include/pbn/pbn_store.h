/*
 * pbn_store.h - the results database: one SQLite file holding every run with its
 * provenance, summary metrics, time courses, histogram samples and theory predictions.
 *
 * Why: every number behind a figure must be traceable to the exact configuration, seed,
 * code version and host that produced it, and a long sweep must lose nothing when it is
 * interrupted.  SQLite gives both: one transaction per run (a run is stored entirely or
 * not at all, whatever happens to the process or the machine), WAL journaling so
 * several writers and readers share a file, and a query language for the figures.
 *
 * Representation (schema version PBN_STORE_SCHEMA, kept in PRAGMA user_version; the file
 * is marked with PRAGMA application_id = PBN_STORE_APP_ID): a `runs` table with one row
 * of provenance per run, and child tables keyed by run_id (params, metrics, theory,
 * series, samples, neurons, pairs, weights, synapses, raster), plus views for the common
 * questions.  README.md (section "Results database") documents every table, column and
 * view.  NaN is stored as NULL.
 *
 * Identity: a run is identified by (experiment, point, config_hash).  A run whose status
 * is "ok" or "diverged" is final ("complete"); "interrupted" is not.  At most one final
 * run exists per identity (a unique index guarantees it); storing a final run deletes
 * earlier interrupted runs of the same identity in the same transaction.
 *
 * Timing: the wall-clock figures (build_s, run_s, wall_per_sim_s) are columns of `runs`,
 * not rows of `metrics`, so the metrics of a run depend on its configuration only: the
 * same task stores the same metrics whatever the number of jobs, the shard or the host.
 *
 * Thread safety: a pbn_store is one SQLite connection; use it from one thread at a time
 * (the sweep runner serialises its writers).  Several processes may write the same file
 * at once: each waits for the others up to the busy timeout.
 */
#ifndef PBN_STORE_H
#define PBN_STORE_H

#include "pbn_common.h"
#include "pbn_config.h"
#include "pbn_sim.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PBN_STORE_SCHEMA 2             /* PRAGMA user_version of files this pbn writes */
#define PBN_STORE_SCHEMA_READ_MIN 1    /* the oldest schema it reads without migrating */
#define PBN_STORE_APP_ID 0x50424E00    /* PRAGMA application_id: "PBN\0" */
#define PBN_STORE_DEFAULT_PATH "data/results.db"
#define PBN_STORE_TIMEOUT_MS 60000     /* default busy timeout */

typedef struct pbn_store pbn_store;
struct sqlite3;

/* Open modes. */
enum {
    PBN_STORE_READ = 0,   /* read-only; the file must exist and hold the pbn schema */
    PBN_STORE_WRITE = 1   /* read-write; created (with its directory) when missing */
};

/* The default database path: $PBN_DB when set and not empty, else "data/results.db". */
const char *pbn_store_default_path(void);

/*
 * Open (PBN_STORE_WRITE: create when missing) a results database.  path NULL: the default
 * path; an empty path is refused (PBN_EINVAL).  Checks, before anything is written: the file is an SQLite database (else "not an
 * SQLite database"), it is a pbn results database (application_id) or empty, its schema
 * version is not newer than this pbn's ("made by a newer pbn") and not older without a
 * migration; in write mode the file is writable.  Each failure: NULL, err set to one line
 * (PBN_EDB; PBN_EIO for a missing file in read mode or a directory that cannot be
 * created), and the file is left as it was.
 */
pbn_store *pbn_store_open(const char *path, int mode, pbn_error *err);

/* Close; NULL is a no-op.  Returns PBN_OK or PBN_EDB (err set) when SQLite reports one. */
int pbn_store_close(pbn_store *st, pbn_error *err);

/* How long a writer waits for another one before giving up ("locked"), in ms.  The
   default is PBN_STORE_TIMEOUT_MS, or $PBN_DB_TIMEOUT seconds when that is set (0 .. 86400). */
void pbn_store_set_timeout(pbn_store *st, int ms);

/*
 * Take the write lock and give it back at once (waiting up to the busy timeout): a program
 * about to simulate for an hour and then store the run asks first whether it could store
 * it now.  PBN_EDB "locked by another process" (or read-only, ...) when it could not.
 */
int pbn_store_check_writable(pbn_store *st, pbn_error *err);

const char *pbn_store_path(const pbn_store *st);

/* The SQLite connection, for tests and advanced use (do not close it). */
struct sqlite3 *pbn_store_sqlite(pbn_store *st);

/* ---- extra per-run data: experiment metrics, series, samples and theory -------------- */

/*
 * A sink collects named data computed outside the simulator (an experiment's own
 * measures, the theory predictions) so they are stored in the same transaction as the
 * run.  Names: 1..63 characters of [A-Za-z0-9_.], unique per kind within a sink; they
 * must not clash with the standard names of the run (metrics of pbn_results_metrics,
 * time courses listed in README.md, "Results database"), which the store reports as an
 * error.  The sink copies everything it is given.
 */
typedef struct pbn_sink pbn_sink;

pbn_sink *pbn_sink_new(void);
void pbn_sink_free(pbn_sink *s);
/* Empty the sink (keeps its memory). */
void pbn_sink_clear(pbn_sink *s);
/* A scalar stored in table metrics. */
int pbn_sink_metric(pbn_sink *s, const char *name, double value, pbn_error *err);
/* A curve of n points stored in table series (x NULL: x = 0, 1, .., n-1). */
int pbn_sink_series(pbn_sink *s, const char *name, size_t n, const double *x,
                    const double *y, pbn_error *err);
/* n values stored in table samples (e.g. for a histogram). */
int pbn_sink_samples(pbn_sink *s, const char *name, size_t n, const double *v,
                     pbn_error *err);
/* Theory predictions stored in table theory (names as the matching simulation metric). */
int pbn_sink_theory(pbn_sink *s, const pbn_metric *m, size_t n, pbn_error *err);

/* ---- storing a run -------------------------------------------------------------------- */

/* Parts of a run that may be left out (to keep the file small in big sweeps). */
enum {
    PBN_STORE_NO_NEURONS = 1 << 0,  /* per-neuron rates and inputs (table neurons) */
    PBN_STORE_NO_PAIRS = 1 << 1,    /* sampled pair covariances (table pairs) */
    PBN_STORE_NO_WEIGHTS = 1 << 2,  /* final weight samples (table weights) */
    PBN_STORE_NO_SYNAPSES = 1 << 3, /* weight trajectories of sampled synapses */
    PBN_STORE_NO_RASTER = 1 << 4,   /* spike raster (only present when recorded) */
    PBN_STORE_NO_SERIES = 1 << 5    /* standard time courses */
};

/* Provenance that the results do not carry. */
typedef struct pbn_run_meta {
    const char *experiment;   /* non-empty, e.g. "size_kohonen" */
    const char *point;        /* sweep point, e.g. "N=1000"; may be "" */
    int repeat;               /* repeat index at this point (information only) */
    double started, finished; /* wall clock, seconds since the epoch (pbn_store_clock) */
    unsigned skip;            /* PBN_STORE_NO_* flags; 0 stores everything */
} pbn_run_meta;

/* Seconds since the epoch (UTC wall clock) for pbn_run_meta. */
double pbn_store_clock(void);

/*
 * Store one finished run (r->status must be ok, diverged or interrupted: call
 * pbn_sim_finish first) with its configuration, provenance (code version, git commit,
 * host added here), every kind of result and the extra data of the sink (NULL: none), in
 * one transaction.  When a final run of the same identity is already stored, nothing is
 * stored: *stored = 0 and *run_id is the stored run's id.  Otherwise *stored = 1 and
 * *run_id is the new id.  run_id and stored may be NULL.  Errors (locked beyond the busy
 * timeout, disk full, read-only, corrupt, a name clash in the sink): PBN_EDB or
 * PBN_EINVAL with one line, and the database is as it was before the call.
 */
int pbn_store_put_run(pbn_store *st, const pbn_run_meta *meta, const pbn_config *cfg,
                      const pbn_results *r, const pbn_sink *extra, long long *run_id,
                      int *stored, pbn_error *err);

/* Delete runs (by id) with all their rows, in one transaction: all of them or none. */
int pbn_store_delete_runs(pbn_store *st, const long long *ids, size_t n, pbn_error *err);

/* Id of the final run of this identity in *run_id, or 0 when there is none. */
int pbn_store_find_run(pbn_store *st, const char *experiment, const char *point,
                       const char *config_hash, long long *run_id, pbn_error *err);

/* One stored metric of a run: *found (may be NULL) = 1 when the row exists; *value is
   NaN when it is NULL (a NaN was stored) or absent. */
int pbn_store_metric(pbn_store *st, long long run_id, const char *name, double *value,
                     int *found, pbn_error *err);

/* ---- reading -------------------------------------------------------------------------- */

enum { PBN_V_NULL = 0, PBN_V_INT, PBN_V_REAL, PBN_V_TEXT, PBN_V_BLOB };

/* One value of a result row: i for PBN_V_INT, d for PBN_V_REAL, s (len bytes) for text
   and blobs (text is NUL-terminated). */
typedef struct pbn_value {
    int type;
    long long i;
    double d;
    const char *s;
    size_t len;
} pbn_value;

/* Called once per result row; return non-zero to stop early.  names and vals have ncol
   entries and live until the callback returns. */
typedef int (*pbn_row_fn)(void *ctx, int ncol, const char *const *names,
                          const pbn_value *vals);

/*
 * Run one SQL statement (trailing ';' and white space allowed, nothing else) and call fn
 * for every row.  A store opened with PBN_STORE_READ refuses statements that write.
 * *ncol_out (may be NULL) receives the number of columns, and header (may be NULL) is
 * called once with the column names before the rows, so an empty result still has a
 * header.  Errors: PBN_EINVAL for a bad statement (SQLite's message), PBN_EDB otherwise.
 */
typedef void (*pbn_header_fn)(void *ctx, int ncol, const char *const *names);
int pbn_store_query(pbn_store *st, const char *sql, pbn_header_fn header, pbn_row_fn fn,
                    void *ctx, pbn_error *err);

/* ---- merging -------------------------------------------------------------------------- */

typedef struct pbn_merge_summary {
    long copied;    /* final runs copied with all their rows */
    long present;   /* final runs already in the output (same identity): not copied */
    long skipped;   /* interrupted runs: never copied */
} pbn_merge_summary;

/*
 * Copy into st (opened for writing) every final run of the database in_path that st does
 * not hold yet, with all its rows, in one transaction.  in_path is opened read-only and
 * never modified; it must be a pbn database of the same schema version (else one line:
 * older / newer / not a pbn database).  Merging a file into itself is refused.
 */
int pbn_store_merge(pbn_store *st, const char *in_path, pbn_merge_summary *sum,
                    pbn_error *err);

#ifdef __cplusplus
}
#endif
#endif
