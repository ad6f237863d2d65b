/*
 * store_merge.c - combining databases (the shards of a sweep run on several machines).
 *
 * Why: a sweep split with --shard I/N writes N files; the figures want one.  Merging
 * copies every final run of an input that the output does not hold yet (identity:
 * experiment, point, config hash), so merging is idempotent and the shards of one sweep
 * combine into exactly the database the whole sweep would have written (run ids aside).
 *
 * How: the input is first judged by pbn_store_open in read mode (same messages as every
 * other command), then attached to the output's connection through a read-only URI
 * (mode=ro: SQLite itself refuses any write to it), and copied run by run with
 * INSERT ... SELECT inside one transaction per input: an input is merged entirely or not
 * at all.
 */
#include "config.h"
#include "store_internal.h"

#include <stdio.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Copy run old_id of src into main; *new_id receives its id there. */
static int copy_run(pbn_store *st, sqlite3_int64 old_id, sqlite3_int64 *new_id, int *src_rc)
{
    char sql[512];
    sqlite3_stmt *q = NULL;
    int rc;
    snprintf(sql, sizeof sql, "INSERT INTO main.runs (%s) SELECT %s FROM src.runs WHERE id = ?1",
             store_run_cols, store_run_cols);
    rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, old_id);
        rc = sqlite3_step(q);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK) {
        *src_rc = rc;
        return 0;
    }
    *new_id = sqlite3_last_insert_rowid(st->db);
    for (size_t t = 0; t < store_n_child_tables; t++) {
        const store_table *tb = &store_child_tables[t];
        snprintf(sql, sizeof sql,
                 "INSERT INTO main.%s (run_id, %s) SELECT ?1, %s FROM src.%s WHERE run_id = ?2",
                 tb->name, tb->cols, tb->cols, tb->name);
        q = NULL;
        rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(q, 1, *new_id);
            sqlite3_bind_int64(q, 2, old_id);
            rc = sqlite3_step(q);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_OK) {
            *src_rc = rc;
            return 0;
        }
    }
    return 1;
}

int pbn_store_merge(pbn_store *st, const char *in_path, pbn_merge_summary *sum,
                    pbn_error *err)
{
    pbn_merge_summary s = {0, 0, 0};
    char out_abs[PATH_MAX], in_abs[PATH_MAX];
    sqlite3_stmt *list = NULL, *find = NULL, *drop = NULL;
    char *uri = NULL;
    int rc = PBN_OK, src = SQLITE_OK, attached = 0, empty, version;
    if (sum)
        *sum = s;
    if (st->mode != PBN_STORE_WRITE)
        return pbn_error_set(err, PBN_EINVAL, "database %s was opened read-only", st->path);
    /* Judge the input with the same checks (and messages) as any reader. */
    pbn_store *in = pbn_store_open(in_path, PBN_STORE_READ, err);
    if (!in)
        return err ? err->code : PBN_EDB;
    pbn_store_close(in, NULL);
    if (!realpath(in_path, in_abs))
        return pbn_error_set(err, PBN_EIO, "cannot resolve %s: %s", in_path, strerror(errno));
    if (realpath(st->path, out_abs) && !strcmp(out_abs, in_abs))
        return pbn_error_set(err, PBN_EINVAL, "cannot merge %s into itself", in_path);
    if (!(uri = store_ro_uri(in_abs)))
        return pbn_error_set(err, PBN_ENOMEM, "out of memory");

    sqlite3_stmt *att = NULL;
    src = sqlite3_prepare_v2(st->db, "ATTACH DATABASE ?1 AS src", -1, &att, NULL);
    if (src == SQLITE_OK) {
        sqlite3_bind_text(att, 1, uri, -1, SQLITE_STATIC);
        src = sqlite3_step(att);
        if (src == SQLITE_DONE)
            src = SQLITE_OK;
    }
    sqlite3_finalize(att);
    if (src != SQLITE_OK) {
        rc = store_fail(in_path, st->db, src, "attaching it for the merge", err);
        goto end;
    }
    attached = 1;
    if ((rc = store_check_header(st->db, "src", in_path, &empty, &version, err)) != PBN_OK)
        goto end;
    if (empty || version != PBN_STORE_SCHEMA) {
        rc = pbn_error_set(err, PBN_EDB,
                           "database %s has schema version %d, this pbn writes %d: merge "
                           "refused",
                           in_path, version, PBN_STORE_SCHEMA);
        goto end;
    }
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "merging", err)) != PBN_OK)
        goto end;
    if ((src = sqlite3_prepare_v2(st->db,
                                  "SELECT id, experiment, point, config_hash, status FROM "
                                  "src.runs ORDER BY id",
                                  -1, &list, NULL)) != SQLITE_OK ||
        (src = sqlite3_prepare_v2(st->db,
                                  "SELECT 1 FROM main.runs WHERE experiment = ?1 AND point = ?2"
                                  " AND config_hash = ?3 AND status IN ('ok', 'diverged')",
                                  -1, &find, NULL)) != SQLITE_OK ||
        (src = sqlite3_prepare_v2(st->db,
                                  "DELETE FROM main.runs WHERE experiment = ?1 AND point = ?2"
                                  " AND config_hash = ?3 AND status = 'interrupted'",
                                  -1, &drop, NULL)) != SQLITE_OK)
        goto sqlfail;
    for (;;) {
        src = sqlite3_step(list);
        if (src == SQLITE_DONE)
            break;
        if (src != SQLITE_ROW)
            goto sqlfail;
        sqlite3_int64 old_id = sqlite3_column_int64(list, 0), new_id;
        const char *status = (const char *)sqlite3_column_text(list, 4);
        if (!status || !strcmp(status, "interrupted")) {
            s.skipped++;
            continue;
        }
        for (int k = 1; k <= 3; k++) {
            sqlite3_bind_value(find, k, sqlite3_column_value(list, k));
            sqlite3_bind_value(drop, k, sqlite3_column_value(list, k));
        }
        src = sqlite3_step(find);
        sqlite3_reset(find);
        if (src == SQLITE_ROW) {
            s.present++;
            continue;
        }
        if (src != SQLITE_DONE)
            goto sqlfail;
        src = sqlite3_step(drop);
        sqlite3_reset(drop);
        if (src != SQLITE_DONE)
            goto sqlfail;
        src = SQLITE_OK;
        if (!copy_run(st, old_id, &new_id, &src))
            goto sqlfail;
        s.copied++;
    }
    sqlite3_finalize(list);
    sqlite3_finalize(find);
    sqlite3_finalize(drop);
    list = find = drop = NULL;
    if ((rc = store_exec(st, "COMMIT", "merging", err)) != PBN_OK) {
        store_rollback(st);
        goto end;
    }
    if (sum)
        *sum = s;
    goto end;
sqlfail: {
    char doing[PATH_MAX + 16];
    snprintf(doing, sizeof doing, "merging %s into it", in_path);
    rc = store_fail(st->path, st->db, src, doing, err);
}
    sqlite3_finalize(list);
    sqlite3_finalize(find);
    sqlite3_finalize(drop);
    store_rollback(st);
end:
    if (attached)
        sqlite3_exec(st->db, "DETACH DATABASE src", NULL, NULL, NULL);
    free(uri);
    return rc;
}
