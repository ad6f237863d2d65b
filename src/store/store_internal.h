/*
 * store_internal.h - what the store's own files (store.c, store_put.c, store_merge.c)
 * share; not installed.
 */
#ifndef PBN_STORE_INTERNAL_H
#define PBN_STORE_INTERNAL_H

#include "pbn/pbn_store.h"

#include <sqlite3.h>

struct pbn_store {
    sqlite3 *db;
    char *path;
    int mode;        /* PBN_STORE_READ / PBN_STORE_WRITE */
    int timeout_ms;
};

/* One named array of the sink. */
typedef struct store_item {
    char name[64];
    size_t n;
    double *x, *y;   /* metric/theory: y[0]; samples: y; series: x and y */
} store_item;

enum { SINK_METRIC = 0, SINK_SERIES, SINK_SAMPLES, SINK_THEORY, SINK_NKINDS };

struct pbn_sink {
    store_item *items[SINK_NKINDS];
    size_t n[SINK_NKINDS], cap[SINK_NKINDS];
};

/*
 * Turn an SQLite result code into one line in err naming the file and what to do
 * (locked, read-only, disk full, not a database, corrupt, ...); returns the pbn code.
 * doing: what was being done, e.g. "storing a run" (may be NULL).
 */
int store_fail(const char *path, sqlite3 *db, int rc, const char *doing, pbn_error *err);

/*
 * The "file:" URI that opens path read-only (mode=ro), with the characters URIs reserve
 * escaped; with immutable=1 as well when the file's directory cannot be written and no
 * write-ahead log is pending there: SQLite could not create the -shm/-wal side files it
 * needs to read a WAL database, and no writer can change the file without them.  Caller
 * frees; NULL when out of memory.
 */
char *store_ro_uri(const char *path);

/* Run SQL without results; on failure store_fail. */
int store_exec(pbn_store *st, const char *sql, const char *doing, pbn_error *err);

/* Roll back the open transaction, if any (errors ignored: the caller reports the first). */
void store_rollback(pbn_store *st);

/*
 * Check the header of an open connection's schema `schema` ("main" or an attached name):
 * application_id, user_version, whether it holds any object.  *empty receives 1 for a
 * database with no objects at all.  Refusals in err (PBN_EDB), naming path.
 */
int store_check_header(sqlite3 *db, const char *schema, const char *path, int *empty,
                       int *version, pbn_error *err);

/* The child tables of runs, in the order merge copies them, with their columns after
   run_id (comma-separated). */
typedef struct store_table {
    const char *name;
    const char *cols;
} store_table;
extern const store_table store_child_tables[];
extern const size_t store_n_child_tables;
/* The columns of runs after id. */
extern const char store_run_cols[];

#endif
