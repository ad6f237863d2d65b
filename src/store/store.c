/*
 * store.c - opening the results database: schema, version checks, connection settings,
 * error messages, and the generic read path (pbn_store_query).
 *
 * Why a separate file from writing (store_put.c) and merging (store_merge.c): this is
 * where a file is judged before anything touches it.  A file is opened, its header is
 * read (application_id, user_version, whether it holds any object), and only a pbn
 * database of this schema version, or an empty file, is ever written to.  Every failure
 * becomes one line that names the file and says what to do.
 *
 * Connection settings: WAL journal (readers never block the writer and a killed writer
 * leaves the file consistent: an unfinished transaction is simply not in it),
 * synchronous = FULL (a committed run survives a power loss; one fsync per run is
 * nothing next to a simulation), a busy timeout so concurrent writers wait for each
 * other instead of failing, and foreign keys on (deleting a run deletes its rows).
 */
#include "config.h"
#include "store_internal.h"
#include "util/util.h"

#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- schema ---------------------------------------------------------------------------- */

/*
 * Schema version 1.  Columns without a declared type (seed, params.value) keep the type
 * they are given: an integer stays an integer, text stays text (a seed above 2^63-1 is
 * stored as text rather than rounded to a REAL).
 */
static const char schema_v1[] =
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " experiment TEXT NOT NULL,"
    " point TEXT NOT NULL,"
    " repeat INTEGER NOT NULL,"
    " config_hash TEXT NOT NULL,"
    " config TEXT NOT NULL,"
    " seed NOT NULL,"
    " rng TEXT NOT NULL,"
    " N INTEGER NOT NULL, Ne INTEGER NOT NULL, Ni INTEGER NOT NULL, Nx INTEGER NOT NULL,"
    " T_ms REAL NOT NULL,"
    " plastic TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " git_commit TEXT NOT NULL,"
    " host TEXT NOT NULL,"
    " started TEXT NOT NULL,"
    " finished TEXT NOT NULL,"
    " wall_s REAL,"
    " build_s REAL,"
    " run_s REAL,"
    " wall_per_sim_s REAL,"
    " status TEXT NOT NULL CHECK (status IN ('ok', 'diverged', 'interrupted')));\n"
    "CREATE INDEX runs_identity ON runs (experiment, point, config_hash);\n"
    "CREATE UNIQUE INDEX runs_final ON runs (experiment, point, config_hash)"
    " WHERE status IN ('ok', 'diverged');\n"
    "CREATE TABLE params ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " key TEXT NOT NULL, value,"
    " PRIMARY KEY (run_id, key)) WITHOUT ROWID;\n"
    "CREATE INDEX params_key ON params (key);\n"
    "CREATE TABLE metrics ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, value REAL,"
    " PRIMARY KEY (run_id, name)) WITHOUT ROWID;\n"
    "CREATE TABLE theory ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, value REAL,"
    " PRIMARY KEY (run_id, name)) WITHOUT ROWID;\n"
    "CREATE TABLE series ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, i INTEGER NOT NULL, x REAL, y REAL,"
    " PRIMARY KEY (run_id, name, i)) WITHOUT ROWID;\n"
    "CREATE TABLE samples ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, i INTEGER NOT NULL, value REAL,"
    " PRIMARY KEY (run_id, name, i)) WITHOUT ROWID;\n"
    "CREATE TABLE neurons ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " neuron INTEGER NOT NULL, pop TEXT NOT NULL,"
    " rate_hz REAL, in_e REAL, in_i REAL, in_x REAL,"
    " PRIMARY KEY (run_id, neuron)) WITHOUT ROWID;\n"
    "CREATE TABLE pairs ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL, i INTEGER NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL,"
    " cov REAL, corr REAL,"
    " PRIMARY KEY (run_id, kind, i)) WITHOUT ROWID;\n"
    "CREATE TABLE weights ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " block TEXT NOT NULL, i INTEGER NOT NULL, j REAL,"
    " PRIMARY KEY (run_id, block, i)) WITHOUT ROWID;\n"
    "CREATE TABLE synapses ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " block TEXT NOT NULL, k INTEGER NOT NULL, post INTEGER NOT NULL, pre INTEGER NOT NULL,"
    " bin INTEGER NOT NULL, t_ms REAL, j REAL,"
    " PRIMARY KEY (run_id, block, k, bin)) WITHOUT ROWID;\n"
    "CREATE TABLE raster ("
    " run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
    " t_ms REAL NOT NULL, neuron INTEGER NOT NULL,"
    " PRIMARY KEY (run_id, t_ms, neuron)) WITHOUT ROWID;\n"
    /* views */
    "CREATE VIEW final_runs AS"
    " SELECT * FROM runs WHERE status IN ('ok', 'diverged');\n"
    "CREATE VIEW run_metrics AS"
    " SELECT r.id AS run_id, r.experiment, r.point, r.repeat, r.N, r.seed, r.status,"
    " m.name, m.value"
    " FROM runs r JOIN metrics m ON m.run_id = r.id;\n"
    "CREATE VIEW metric_summary AS"
    " WITH g AS (SELECT r.experiment, r.point, m.name, count(m.value) AS cnt,"
    "  avg(m.value) AS mean, min(r.N) AS pop"
    "  FROM runs r JOIN metrics m ON m.run_id = r.id WHERE r.status = 'ok'"
    "  GROUP BY r.experiment, r.point, m.name)"
    " SELECT g.experiment, g.point, g.pop AS N, g.name, g.cnt AS n_runs, g.mean,"
    "  CASE WHEN g.cnt > 1 THEN"
    "  sqrt(sum((m.value - g.mean) * (m.value - g.mean)) / (g.cnt - 1)) END AS sd,"
    "  CASE WHEN g.cnt > 1 THEN"
    "  sqrt(sum((m.value - g.mean) * (m.value - g.mean)) / (g.cnt - 1) / g.cnt) END AS se"
    " FROM g JOIN runs r ON r.experiment = g.experiment AND r.point = g.point"
    "  AND r.status = 'ok'"
    " JOIN metrics m ON m.run_id = r.id AND m.name = g.name"
    " GROUP BY g.experiment, g.point, g.name;\n"
    "CREATE VIEW point_params AS"
    " SELECT r.experiment, r.point, p.key, min(p.value) AS value"
    " FROM runs r JOIN params p ON p.run_id = r.id WHERE r.status IN ('ok', 'diverged')"
    " GROUP BY r.experiment, r.point, p.key HAVING count(DISTINCT p.value) = 1;\n"
    "CREATE VIEW sim_theory AS"
    " SELECT r.id AS run_id, r.experiment, r.point, r.repeat, r.N, r.status, t.name,"
    " m.value AS sim, t.value AS theory"
    " FROM runs r JOIN theory t ON t.run_id = r.id"
    " LEFT JOIN metrics m ON m.run_id = r.id AND m.name = t.name;\n"
    "CREATE VIEW sim_theory_summary AS"
    " SELECT s.experiment, s.point, s.N, s.name, s.n_runs, s.mean AS sim_mean,"
    " s.se AS sim_se,"
    " avg(t.value) AS theory"
    " FROM metric_summary s JOIN runs r ON r.experiment = s.experiment"
    "  AND r.point = s.point AND r.status = 'ok'"
    " JOIN theory t ON t.run_id = r.id AND t.name = s.name"
    " GROUP BY s.experiment, s.point, s.name;\n"
    "CREATE VIEW timecourse AS"
    " SELECT run_id, i AS bin, max(x) AS t_ms,"
    " max(CASE WHEN name = 'rate_e_hz' THEN y END) AS rate_e_hz,"
    " max(CASE WHEN name = 'rate_i_hz' THEN y END) AS rate_i_hz,"
    " max(CASE WHEN name = 'jee' THEN y END) AS jee,"
    " max(CASE WHEN name = 'jei' THEN y END) AS jei,"
    " max(CASE WHEN name = 'jie' THEN y END) AS jie,"
    " max(CASE WHEN name = 'jii' THEN y END) AS jii,"
    " max(CASE WHEN name = 'jex' THEN y END) AS jex,"
    " max(CASE WHEN name = 'jix' THEN y END) AS jix,"
    " max(CASE WHEN name = 'epop_input_e' THEN y END) AS epop_input_e,"
    " max(CASE WHEN name = 'epop_input_i' THEN y END) AS epop_input_i,"
    " max(CASE WHEN name = 'epop_input_x' THEN y END) AS epop_input_x,"
    " max(CASE WHEN name = 'ipop_input_e' THEN y END) AS ipop_input_e,"
    " max(CASE WHEN name = 'ipop_input_i' THEN y END) AS ipop_input_i,"
    " max(CASE WHEN name = 'ipop_input_x' THEN y END) AS ipop_input_x"
    " FROM series WHERE name IN ('rate_e_hz', 'rate_i_hz', 'jee', 'jei', 'jie', 'jii',"
    " 'jex', 'jix', 'epop_input_e', 'epop_input_i', 'epop_input_x', 'ipop_input_e',"
    " 'ipop_input_i', 'ipop_input_x')"
    " GROUP BY run_id, i;\n";

/*
 * Schema version 2 adds to version 1:
 * - triggers that delete a run's rows in every child table with the run, so that
 *   "DELETE FROM runs WHERE ..." leaves no orphans also where foreign keys are off (the
 *   sqlite3 shell's default; pbn itself turns them on, and the cascade then finds nothing
 *   left to do);
 * - runs.config and runs.config_hash in the canonical text that writes numbers as a person
 *   does ("T = 1000", not "T = 1e+03"): migrating rewrites both for every stored run
 *   (rehash_configs), so a stored run and the same configuration run again still match.
 */
#define CHILD_DELETE(t) " DELETE FROM " t " WHERE run_id = OLD.id;"
static const char schema_v2[] =
    "CREATE TRIGGER runs_delete_children AFTER DELETE ON runs BEGIN"
    CHILD_DELETE("params") CHILD_DELETE("metrics") CHILD_DELETE("theory")
    CHILD_DELETE("series") CHILD_DELETE("samples") CHILD_DELETE("neurons")
    CHILD_DELETE("pairs") CHILD_DELETE("weights") CHILD_DELETE("synapses")
    CHILD_DELETE("raster") " END;\n";

/* Migrations from an older schema version to the next one, each an SQL text and an
   optional step in C that runs after it in the same transaction. */
typedef struct store_migration {
    int from;
    const char *sql;
    int (*step)(pbn_store *st, pbn_error *err);
} store_migration;
static int rehash_configs(pbn_store *st, pbn_error *err);
static const store_migration migrations[] = {{1, schema_v2, rehash_configs}};

static const store_migration *migration_from(int version)
{
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++)
        if (migrations[i].sql && migrations[i].from == version)
            return &migrations[i];
    return NULL;
}

const char store_run_cols[] =
    "experiment, point, repeat, config_hash, config, seed, rng, N, Ne, Ni, Nx, T_ms, "
    "plastic, version, git_commit, host, started, finished, wall_s, build_s, run_s, "
    "wall_per_sim_s, status";

const store_table store_child_tables[] = {
    {"params", "key, value"},
    {"metrics", "name, value"},
    {"theory", "name, value"},
    {"series", "name, i, x, y"},
    {"samples", "name, i, value"},
    {"neurons", "neuron, pop, rate_hz, in_e, in_i, in_x"},
    {"pairs", "kind, i, a, b, cov, corr"},
    {"weights", "block, i, j"},
    {"synapses", "block, k, post, pre, bin, t_ms, j"},
    {"raster", "t_ms, neuron"},
};
const size_t store_n_child_tables = sizeof store_child_tables / sizeof store_child_tables[0];

/* ---- errors ---------------------------------------------------------------------------- */

/* SQLite's message on one line. */
static void one_line(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r' || *s == '\t')
            *s = ' ';
}

int store_fail(const char *path, sqlite3 *db, int rc, const char *doing, pbn_error *err)
{
    char msg[512];
    /* the connection's message only when it describes this failure: after some failures
       (a read-only or corrupt file seen while preparing) it still says "not an error" */
    snprintf(msg, sizeof msg, "%s",
             db && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    one_line(msg);
    const char *w = doing ? doing : "using it";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pbn_error_set(err, PBN_EDB,
                             "database %s is locked by another process (gave up %s after "
                             "waiting); try again when that process has finished",
                             path, w);
    case SQLITE_READONLY:
        return pbn_error_set(err, PBN_EDB,
                             "database %s is read-only (%s): check the permissions of the "
                             "file and its directory, or choose another file",
                             path, msg);
    case SQLITE_FULL:
        return pbn_error_set(err, PBN_EDB,
                             "database %s: disk or database full while %s; nothing of it was "
                             "stored and what was stored before is intact; free space and "
                             "run again",
                             path, w);
    case SQLITE_NOTADB:
        return pbn_error_set(err, PBN_EDB,
                             "%s is not an SQLite database (or its header is damaged); "
                             "choose another file",
                             path);
    case SQLITE_CORRUPT:
        return pbn_error_set(err, PBN_EDB,
                             "database %s is corrupt (%s) while %s; copy what can be saved "
                             "with 'sqlite3 %s .recover' and start a new file",
                             path, msg, w, path);
    case SQLITE_CANTOPEN:
    {
        /* the system error of the file itself when it has one (a permission denied), not
           the last one SQLite saw (often ENOENT for a side file it merely probed) */
        int e = db ? sqlite3_system_errno(db) : 0;
        if (access(path, F_OK) == 0 && access(path, R_OK) != 0)
            e = errno;
        return pbn_error_set(err, PBN_EDB, "cannot open database %s (%s)%s%s", path, msg,
                             e ? ": " : "; check the path and permissions",
                             e ? strerror(e) : "");
    }
    case SQLITE_IOERR:
        return pbn_error_set(err, PBN_EDB, "I/O error on database %s while %s: %s", path, w,
                             msg);
    case SQLITE_NOMEM:
        return pbn_error_set(err, PBN_ENOMEM, "out of memory while %s (database %s)", w,
                             path);
    case SQLITE_CONSTRAINT:
        return pbn_error_set(err, PBN_EINVAL, "database %s: %s while %s", path, msg, w);
    default:
        return pbn_error_set(err, PBN_EDB, "database %s: %s (while %s)", path, msg, w);
    }
}

int store_exec(pbn_store *st, const char *sql, const char *doing, pbn_error *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st->path, st->db, rc, doing, err);
    return PBN_OK;
}

void store_rollback(pbn_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* One integer from a statement like "PRAGMA user_version". */
static int get_int(sqlite3 *db, const char *sql, long long *out)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(q, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(q);
    return rc;
}

/* The three header values, read in one transaction (unless one is open already) so
   that they come from one state of the file: another process may be creating it. */
static int read_header(sqlite3 *db, const char *schema, long long *app, long long *ver,
                       long long *nobj)
{
    char sql[128];
    int own = sqlite3_get_autocommit(db), rc;
    if (own && (rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
        return rc;
    snprintf(sql, sizeof sql, "PRAGMA \"%s\".application_id", schema);
    rc = get_int(db, sql, app);
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "PRAGMA \"%s\".user_version", schema);
        rc = get_int(db, sql, ver);
    }
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\".sqlite_master", schema);
        rc = get_int(db, sql, nobj);
    }
    if (own)
        sqlite3_exec(db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int store_check_header(sqlite3 *db, const char *schema, const char *path, int *empty,
                       int *version, pbn_error *err)
{
    long long app = 0, ver = 0, nobj = 0;
    int rc = read_header(db, schema, &app, &ver, &nobj);
    if (rc != SQLITE_OK)
        return store_fail(path, db, rc, "reading its header", err);
    *empty = app == 0 && ver == 0 && nobj == 0;
    *version = (int)ver;
    if (*empty)
        return PBN_OK;
    if (app != PBN_STORE_APP_ID)
        return pbn_error_set(err, PBN_EDB,
                             "%s is an SQLite database but not a pbn results database; "
                             "choose another file",
                             path);
    if (ver > PBN_STORE_SCHEMA)
        return pbn_error_set(err, PBN_EDB,
                             "database %s has schema version %lld, made by a newer pbn; this "
                             "pbn %s reads schema %d: use a newer pbn",
                             path, ver, pbn_version(), PBN_STORE_SCHEMA);
    return PBN_OK;
}

/* ---- opening --------------------------------------------------------------------------- */

/* The directory of path cannot be written (read-only file system or permissions), and no
   write-ahead log with content waits beside the file. */
static int dir_unwritable(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int ro = dir && access(dir, W_OK) != 0;
    free(dir);
    if (!ro)
        return 0;
    char *wal = malloc(strlen(path) + 5);
    struct stat sb;
    int pending = 0;
    if (wal) {
        sprintf(wal, "%s-wal", path);
        pending = stat(wal, &sb) == 0 && sb.st_size > 0;
        free(wal);
    }
    return !pending;
}

char *store_ro_uri(const char *path)
{
    size_t n = strlen(path);
    char *u = malloc(3 * n + 40), *o = u;
    if (!u)
        return NULL;
    o += sprintf(o, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if (*c == '%' || *c == '?' || *c == '#' || *c <= ' ' || *c >= 0x7f)
            o += sprintf(o, "%%%02X", *c);
        else
            *o++ = (char)*c;
    }
    strcpy(o, dir_unwritable(path) ? "?mode=ro&immutable=1" : "?mode=ro");
    return u;
}


const char *pbn_store_default_path(void)
{
    const char *e = getenv("PBN_DB");
    return e && *e ? e : PBN_STORE_DEFAULT_PATH;
}

/* sqrt for the views when this SQLite lacks the math functions. */
static void fn_sqrt(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    double x = sqlite3_value_double(v[0]);
    if (x < 0)
        sqlite3_result_null(c);
    else
        sqlite3_result_double(c, sqrt(x));
}

/* Create the directory that will hold path, when it is missing (one level). */
static int make_parent(const char *path, pbn_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return PBN_OK;
    size_t n = (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (!dir)
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");
    memcpy(dir, path, n);
    dir[n] = '\0';
    struct stat sb;
    int rc = PBN_OK;
    if (stat(dir, &sb) != 0) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            rc = pbn_error_set(err, PBN_EIO, "cannot create directory %s for database %s: %s",
                               dir, path, strerror(errno));
    } else if (!S_ISDIR(sb.st_mode)) {
        rc = pbn_error_set(err, PBN_EIO, "cannot create database %s: %s is not a directory",
                           path, dir);
    }
    free(dir);
    return rc;
}

/*
 * Switch the file to WAL.  That takes an exclusive lock, and when another connection is
 * creating or switching the same new file at that moment SQLite answers SQLITE_BUSY at
 * once, without its busy handler (waiting could deadlock): retry, up to the busy timeout.
 */
static int set_wal(pbn_store *st, const char *doing, pbn_error *err)
{
    struct timespec pause = {0, 5000000};
    double t0 = util_now();
    for (;;) {
        int rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return PBN_OK;
        double waited_ms = 1e3 * (util_now() - t0);
        if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= st->timeout_ms)
            return store_fail(st->path, st->db, rc, doing, err);
        nanosleep(&pause, NULL);
    }
}

static int create_schema(pbn_store *st, pbn_error *err)
{
    int rc, empty, version;
    /* WAL first: it cannot be switched on inside a transaction. */
    if ((rc = set_wal(st, "setting it up", err)) != PBN_OK)
        return rc;
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "creating its schema", err)) != PBN_OK)
        return rc;
    /* Another process may have created it while this one waited for the lock. */
    if ((rc = store_check_header(st->db, "main", st->path, &empty, &version, err)) != PBN_OK)
        goto fail;
    if (empty) {
        char pragmas[128];
        snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d",
                 PBN_STORE_APP_ID, PBN_STORE_SCHEMA);
        if ((rc = store_exec(st, schema_v1, "creating its schema", err)) != PBN_OK ||
            (rc = store_exec(st, schema_v2, "creating its schema", err)) != PBN_OK ||
            (rc = store_exec(st, pragmas, "creating its schema", err)) != PBN_OK)
            goto fail;
    }
    if ((rc = store_exec(st, "COMMIT", "creating its schema", err)) != PBN_OK)
        goto fail;
    return PBN_OK;
fail:
    store_rollback(st);
    return rc;
}

/*
 * Rewrite runs.config and runs.config_hash in this pbn's canonical form: each stored text
 * is read back into a configuration (over the defaults, as any configuration file) and
 * written out again.  The texts are read first and updated afterwards, not while the scan
 * runs.  A text that does not read back is left as it is and named in the error.
 */
static int rehash_configs(pbn_store *st, pbn_error *err)
{
    sqlite3_stmt *q = NULL;
    sqlite3_int64 *ids = NULL;
    char **texts = NULL;
    size_t n = 0, cap = 0;
    int rc = PBN_OK, src;
    if ((src = sqlite3_prepare_v2(st->db, "SELECT id, config FROM runs ORDER BY id", -1, &q,
                                  NULL)) != SQLITE_OK)
        return store_fail(st->path, st->db, src, "migrating it", err);
    while ((src = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            sqlite3_int64 *ni = realloc(ids, nc * sizeof *ids);
            if (ni)
                ids = ni;
            char **nt = ni ? realloc(texts, nc * sizeof *texts) : NULL;
            if (nt)
                texts = nt;
            if (!ni || !nt) {
                rc = pbn_error_set(err, PBN_ENOMEM, "out of memory migrating %s", st->path);
                goto done;
            }
            cap = nc;
        }
        const char *t = (const char *)sqlite3_column_text(q, 1);
        ids[n] = sqlite3_column_int64(q, 0);
        if (!(texts[n] = strdup(t ? t : ""))) {
            rc = pbn_error_set(err, PBN_ENOMEM, "out of memory migrating %s", st->path);
            goto done;
        }
        n++;
    }
    if (src != SQLITE_DONE) {
        rc = store_fail(st->path, st->db, src, "migrating it", err);
        goto done;
    }
    sqlite3_finalize(q);
    q = NULL;
    if ((src = sqlite3_prepare_v2(st->db,
                                  "UPDATE runs SET config = ?1, config_hash = ?2 WHERE id = ?3",
                                  -1, &q, NULL)) != SQLITE_OK) {
        rc = store_fail(st->path, st->db, src, "migrating it", err);
        goto done;
    }
    for (size_t i = 0; i < n && rc == PBN_OK; i++) {
        pbn_config cfg;
        pbn_error e;
        char hash[17], *canon;
        pbn_config_defaults(&cfg);
        if (pbn_config_read_string(&cfg, texts[i], "stored configuration", &e) != PBN_OK) {
            rc = pbn_error_set(err, PBN_EDB, "migrating %s: run %lld: %s", st->path,
                               (long long)ids[i], e.msg);
            break;
        }
        if (!(canon = pbn_config_canonical(&cfg))) {
            rc = pbn_error_set(err, PBN_ENOMEM, "out of memory migrating %s", st->path);
            break;
        }
        pbn_config_hash(&cfg, hash);
        sqlite3_bind_text(q, 1, canon, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 3, ids[i]);
        src = sqlite3_step(q);
        free(canon);
        sqlite3_reset(q);
        if (src == SQLITE_CONSTRAINT)
            rc = pbn_error_set(err, PBN_EDB,
                               "migrating %s: run %lld has the configuration of another final "
                               "run at its point once both are written canonically (a -0 "
                               "beside a 0?); delete one of them with an older pbn first",
                               st->path, (long long)ids[i]);
        else if (src != SQLITE_DONE)
            rc = store_fail(st->path, st->db, src, "migrating it", err);
    }
done:
    sqlite3_finalize(q);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    free(ids);
    return rc;
}

static int migrate(pbn_store *st, int version, pbn_error *err)
{
    int rc;
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "migrating it", err)) != PBN_OK)
        return rc;
    while (version < PBN_STORE_SCHEMA) {
        const store_migration *m = migration_from(version);
        if (!m) {
            store_rollback(st);
            return pbn_error_set(err, PBN_EDB,
                                 "database %s has schema version %d, made by an older pbn; "
                                 "this pbn (schema %d) cannot migrate it: use the older pbn "
                                 "for it, or start a new file",
                                 st->path, version, PBN_STORE_SCHEMA);
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        if ((rc = store_exec(st, m->sql, "migrating it", err)) != PBN_OK ||
            (m->step && (rc = m->step(st, err)) != PBN_OK) ||
            (rc = store_exec(st, pragma, "migrating it", err)) != PBN_OK) {
            store_rollback(st);
            return rc;
        }
        version++;
    }
    if ((rc = store_exec(st, "COMMIT", "migrating it", err)) != PBN_OK)
        store_rollback(st);
    return rc;
}

pbn_store *pbn_store_open(const char *path, int mode, pbn_error *err)
{
    pbn_store *st = NULL;
    struct stat sb;
    int rc, empty = 0, version = 0;
    if (path && !*path) { /* a typo or an unset variable, not a request for the default */
        pbn_error_set(err, PBN_EINVAL, "the database path is empty: give a file name (or "
                                       "leave the option out for the default, %s)",
                      pbn_store_default_path());
        return NULL;
    }
    if (!path)
        path = pbn_store_default_path();
    if (mode == PBN_STORE_READ) {
        if (stat(path, &sb) != 0) {
            if (errno == ENOENT)
                pbn_error_set(err, PBN_EIO,
                              "results database %s does not exist; run an experiment (or "
                              "'pbn run --db %s ...') to create it",
                              path, path);
            else
                pbn_error_set(err, PBN_EIO, "cannot read database %s: %s", path,
                              strerror(errno));
            return NULL;
        }
    } else if (make_parent(path, err) != PBN_OK) {
        return NULL;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        pbn_error_set(err, PBN_EIO, "database %s is a directory, not a file", path);
        return NULL;
    }
    st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        pbn_error_set(err, PBN_ENOMEM, "out of memory opening %s", path);
        return NULL;
    }
    st->mode = mode;
    st->timeout_ms = PBN_STORE_TIMEOUT_MS;
    {
        const char *e = getenv("PBN_DB_TIMEOUT");
        double s;
        if (e && *e) {
            if (util_parse_double(e, 0, 86400, &s) != 0) {
                pbn_error_set(err, PBN_EINVAL,
                              "PBN_DB_TIMEOUT = %.40s: not a number of seconds 0 .. 86400", e);
                free(st->path);
                free(st);
                return NULL;
            }
            st->timeout_ms = (int)(s * 1e3);
        }
    }
    /* URI names are enabled for ATTACH (merge opens its inputs read-only by URI); a plain
       path that happens to start with "file:" is made relative so it is not one. */
    char *name = NULL;
    if (mode == PBN_STORE_READ) {
        name = store_ro_uri(path); /* readable also in a directory that cannot be written */
    } else if (!strncmp(path, "file:", 5)) {
        name = malloc(strlen(path) + 3);
        if (name)
            sprintf(name, "./%s", path);
    } else {
        name = strdup(path);
    }
    if (!name) {
        pbn_error_set(err, PBN_ENOMEM, "out of memory opening %s", path);
        goto fail;
    }
    int flags = (mode == PBN_STORE_READ ? SQLITE_OPEN_READONLY
                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_URI;
    rc = sqlite3_open_v2(name, &st->db, flags, NULL);
    free(name);
    if (rc != SQLITE_OK) {
        store_fail(path, st->db, rc, "opening it", err);
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 0);
    if (mode == PBN_STORE_WRITE && sqlite3_db_readonly(st->db, "main") == 1) {
        pbn_error_set(err, PBN_EDB,
                      "database %s is read-only (no write permission): check the permissions "
                      "of the file and its directory, or choose another file",
                      path);
        goto fail;
    }
    sqlite3_busy_timeout(st->db, st->timeout_ms);
    if (!sqlite3_compileoption_used("ENABLE_MATH_FUNCTIONS"))
        sqlite3_create_function(st->db, "sqrt", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                fn_sqrt, NULL, NULL);
    if (store_check_header(st->db, "main", path, &empty, &version, err) != PBN_OK)
        goto fail;
    if (mode == PBN_STORE_READ) {
        if (empty) {
            pbn_error_set(err, PBN_EDB,
                          "database %s holds no pbn results (it is empty); run an experiment "
                          "to fill it",
                          path);
            goto fail;
        }
        if (version < PBN_STORE_SCHEMA_READ_MIN) {
            pbn_error_set(err, PBN_EDB,
                          "database %s has schema version %d, made by an older pbn; this pbn "
                          "reads schema %d%s",
                          path, version, PBN_STORE_SCHEMA,
                          migration_from(version) ? ": open it for writing once (e.g. pbn "
                                                    "merge) to migrate it"
                                                  : " and cannot migrate it");
            goto fail;
        }
        if (store_exec(st, "PRAGMA foreign_keys = ON", "opening it", err) != PBN_OK)
            goto fail;
        return st;
    }
    if (empty) {
        if (create_schema(st, err) != PBN_OK)
            goto fail;
    } else {
        if (version < PBN_STORE_SCHEMA && migrate(st, version, err) != PBN_OK)
            goto fail;
        if (set_wal(st, "opening it", err) != PBN_OK)
            goto fail;
    }
    if (store_exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", "opening it",
                   err) != PBN_OK)
        goto fail;
    return st;
fail:
    if (st->db)
        sqlite3_close(st->db);
    free(st->path);
    free(st);
    return NULL;
}

int pbn_store_close(pbn_store *st, pbn_error *err)
{
    if (!st)
        return PBN_OK;
    int rc = PBN_OK;
    if (st->db) {
        store_rollback(st);
        int src = sqlite3_close(st->db);
        if (src != SQLITE_OK) {
            rc = store_fail(st->path, st->db, src, "closing it", err);
            sqlite3_close_v2(st->db);
        }
    }
    free(st->path);
    free(st);
    return rc;
}

int pbn_store_check_writable(pbn_store *st, pbn_error *err)
{
    int rc;
    if (!st || st->mode != PBN_STORE_WRITE)
        return pbn_error_set(err, PBN_EINVAL, "database %s was opened read-only",
                             st ? st->path : "(none)");
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "checking that it can be written", err)) !=
        PBN_OK)
        return rc;
    return store_exec(st, "ROLLBACK", "checking that it can be written", err);
}

void pbn_store_set_timeout(pbn_store *st, int ms)
{
    st->timeout_ms = ms > 0 ? ms : 0;
    sqlite3_busy_timeout(st->db, st->timeout_ms);
}

const char *pbn_store_path(const pbn_store *st) { return st->path; }

struct sqlite3 *pbn_store_sqlite(pbn_store *st) { return st->db; }

double pbn_store_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- reading --------------------------------------------------------------------------- */

int pbn_store_query(pbn_store *st, const char *sql, pbn_header_fn header, pbn_row_fn fn,
                    void *ctx, pbn_error *err)
{
    sqlite3_stmt *q = NULL;
    const char *tail = NULL;
    const char **names = NULL;
    pbn_value *vals = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, &tail);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_ERROR) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(st->db));
            one_line(msg);
            return pbn_error_set(err, PBN_EINVAL, "SQL error: %s", msg);
        }
        return store_fail(st->path, st->db, rc, "preparing the query", err);
    }
    if (!q)
        return pbn_error_set(err, PBN_EINVAL, "SQL error: no statement given");
    for (const char *c = tail; c && *c; c++) {
        if (*c != ';' && *c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') {
            sqlite3_finalize(q);
            return pbn_error_set(err, PBN_EINVAL,
                                 "SQL error: only one statement is allowed (found more after "
                                 "the first ';')");
        }
    }
    if (st->mode == PBN_STORE_READ && !sqlite3_stmt_readonly(q)) {
        sqlite3_finalize(q);
        return pbn_error_set(err, PBN_EINVAL,
                             "the statement would change the database; queries are read-only");
    }
    int ncol = sqlite3_column_count(q);
    names = calloc((size_t)ncol + 1, sizeof *names);
    vals = calloc((size_t)ncol + 1, sizeof *vals);
    if (!names || !vals) {
        rc = pbn_error_set(err, PBN_ENOMEM, "out of memory running a query");
        goto end;
    }
    for (int c = 0; c < ncol; c++)
        names[c] = sqlite3_column_name(q, c);
    if (header)
        header(ctx, ncol, names);
    rc = PBN_OK;
    for (;;) {
        int s = sqlite3_step(q);
        if (s == SQLITE_DONE)
            break;
        if (s != SQLITE_ROW) {
            if ((s & 0xff) == SQLITE_ERROR) {
                char msg[512];
                snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(st->db));
                one_line(msg);
                rc = pbn_error_set(err, PBN_EINVAL, "SQL error: %s", msg);
            } else {
                rc = store_fail(st->path, st->db, s, "running the query", err);
            }
            break;
        }
        for (int c = 0; c < ncol; c++) {
            pbn_value *v = &vals[c];
            memset(v, 0, sizeof *v);
            switch (sqlite3_column_type(q, c)) {
            case SQLITE_INTEGER:
                v->type = PBN_V_INT;
                v->i = sqlite3_column_int64(q, c);
                v->d = (double)v->i;
                break;
            case SQLITE_FLOAT:
                v->type = PBN_V_REAL;
                v->d = sqlite3_column_double(q, c);
                break;
            case SQLITE_TEXT:
                v->type = PBN_V_TEXT;
                v->s = (const char *)sqlite3_column_text(q, c);
                v->len = (size_t)sqlite3_column_bytes(q, c);
                break;
            case SQLITE_BLOB:
                v->type = PBN_V_BLOB;
                v->s = sqlite3_column_blob(q, c);
                v->len = (size_t)sqlite3_column_bytes(q, c);
                break;
            default:
                v->type = PBN_V_NULL;
                v->d = NAN;
                break;
            }
        }
        if (fn && fn(ctx, ncol, names, vals))
            break;
    }
end:
    free(names);
    free(vals);
    sqlite3_finalize(q);
    return rc;
}

int pbn_store_delete_runs(pbn_store *st, const long long *ids, size_t n, pbn_error *err)
{
    if (n == 0)
        return PBN_OK;
    int rc = store_exec(st, "BEGIN IMMEDIATE", "deleting runs", err);
    if (rc != PBN_OK)
        return rc;
    sqlite3_stmt *q = NULL;
    int src = sqlite3_prepare_v2(st->db, "DELETE FROM runs WHERE id = ?1", -1, &q, NULL);
    for (size_t i = 0; src == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int64(q, 1, ids[i]);
        src = sqlite3_step(q);
        if (src == SQLITE_DONE)
            src = sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    if (src == SQLITE_OK)
        src = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (src != SQLITE_OK) {
        rc = store_fail(st->path, st->db, src, "deleting runs", err);
        store_rollback(st);
    }
    return rc;
}

int pbn_store_find_run(pbn_store *st, const char *experiment, const char *point,
                       const char *config_hash, long long *run_id, pbn_error *err)
{
    sqlite3_stmt *q = NULL;
    *run_id = 0;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT id FROM runs WHERE experiment = ?1 AND point = ?2 AND "
                                "config_hash = ?3 AND status IN ('ok', 'diverged')",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, experiment, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, point, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, config_hash, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            *run_id = sqlite3_column_int64(q, 0);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? PBN_OK : store_fail(st->path, st->db, rc, "looking up a run", err);
}

int pbn_store_metric(pbn_store *st, long long run_id, const char *name, double *value,
                     int *found, pbn_error *err)
{
    sqlite3_stmt *q = NULL;
    *value = NAN;
    if (found)
        *found = 0;
    int rc = sqlite3_prepare_v2(st->db, "SELECT value FROM metrics WHERE run_id = ?1 AND name = ?2",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, run_id);
        sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            if (sqlite3_column_type(q, 0) != SQLITE_NULL)
                *value = sqlite3_column_double(q, 0);
            if (found)
                *found = 1;
        }
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK ? PBN_OK : store_fail(st->path, st->db, rc, "reading a metric", err);
}
