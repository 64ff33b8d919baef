/*
 * store-bulk.c: a large import's secondary indexes, built once at its end.
 *
 * A table of a million rows inserted into indexes on lead, agency and
 * deadline touches a random leaf of each per row; SQLite builds the same
 * index from the finished table with one sort, several times faster.  So
 * an import much larger than the tables it adds to drops those indexes
 * inside its transaction and creates them again, from their own SQL in
 * sqlite_schema, before it commits.  DDL is transactional: a crash or a
 * rollback leaves the indexes as they were, and no other connection ever
 * sees the tables without them.
 *
 * Only indexes that the import itself never reads are dropped.  It finds
 * the occurrences of a task again by task (occurrence_task), which stays.
 * It finds a row imported before by plan and reference (task_plan_ref):
 * that index goes too only when the plan has no task yet and the caller
 * says no row of its table can find another's, so it will look nothing up.
 *
 * Such a fresh import also logs each one-off's "created" event in one
 * statement at its end rather than one per row: appended in order, a
 * million events cost what a few thousand do one by one.
 *
 * And it goes without SQLite's foreign-key checks, which looked up the
 * plan, the lead, each cooperating agency and the new task again for
 * every row: a fifth of the storing thread's time.  Every id such an
 * import writes is either its own (the tasks and occurrences it adds)
 * or one the caller read before the transaction (the plan, the
 * directory), and those are checked once, under the write lock, before
 * the first row goes in.  "PRAGMA foreign_keys" changes only between
 * transactions, so the choice is made on a read outside one; when the
 * plan gains a task before the lock is held, the import starts again
 * with the checks on, as a plain one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "xmalloc.h"

/* The last is dropped only for a plan with no task yet. */
static const char *const bulk_indexes[STORE_BULK_NINDEX] = {
	"task_lead", "task_coop_agency", "occurrence_open", "occurrence_plan",
	"task_plan_ref",
};
#define REFS	(STORE_BULK_NINDEX - 1)

/* How many tasks are stored; -1 on error. */
static int64_t
task_count(struct store *s)
{
	int64_t n;

	return store_int64(s, store_prep(s, ST_BULK_TASKS, "SELECT count(*)"
	    " FROM task"), &n, "counting tasks") == 1 ? n : -1;
}

/* The last occurrence's id (0: none) in *ID; -1 on error. */
static int
occ_last(struct store *s, int64_t *id)
{
	return store_int64(s, store_prep(s, ST_BULK_OCC_LAST, "SELECT"
	    " coalesce(max(id), 0) FROM occurrence"), id, "reading the last "
	    "occurrence") == 1 ? 0 : -1;
}

static int
exec(struct store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, what);
	return 0;
}

void
store_bulk_free(struct store_bulk *b)
{
	int i;

	for (i = 0; i < STORE_BULK_NINDEX; i++) {
		free(b->sql[i]);
		b->sql[i] = NULL;
	}
	b->dropped = b->fresh = 0;
}

/* Whether plan PLAN_ID has no task: 1 none, 0 some, -1 error. */
static int
plan_empty(struct store *s, int64_t plan_id)
{
	sqlite3_stmt *st;
	int64_t empty;

	st = store_prep(s, ST_BULK_PLAN_EMPTY, "SELECT NOT EXISTS (SELECT 1"
	    " FROM task WHERE plan_id = ?1)");
	sqlite3_bind_int64(st, 1, plan_id);
	return store_int64(s, st, &empty, "looking at a plan's tasks") == 1 ?
	    (int)empty : -1;
}

/*
 * Inside the caller's transaction, before ROWS rows are added to plan
 * PLAN_ID: drops the indexes listed above when ROWS is at least
 * STORE_BULK_MIN_ROWS and at least as many as the tasks already stored,
 * keeping their SQL in B.  With UNIQUE_REFS (no row can find another's
 * task) and a plan with no task, task_plan_ref goes too: B->fresh says
 * so, and store_task_find must not be called before store_bulk_end.
 * Returns 1 when dropped, 0 when not worth it, -1 on error (B empty).
 */
int
store_bulk_begin(struct store *s, int rows, int64_t plan_id,
    int unique_refs, struct store_bulk *b)
{
	sqlite3_stmt *st;
	int64_t have;
	char sql[96];
	int i, rc, fresh;

	memset(b, 0, sizeof(*b));
	if (rows < STORE_BULK_MIN_ROWS)
		return 0;
	if ((have = task_count(s)) == -1)
		return -1;
	if (have > rows)
		return 0;
	fresh = 0;
	if (unique_refs && (fresh = plan_empty(s, plan_id)) == -1)
		return -1;
	st = store_prep(s, ST_BULK_INDEX, "SELECT sql FROM sqlite_schema"
	    " WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL");
	for (i = 0; i < (fresh ? STORE_BULK_NINDEX : REFS); i++) {
		bind_text(st, 1, bulk_indexes[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			b->sql[i] = xstrdup(col_text(st, 0));
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_bulk_free(b);
			return store_fail(s, "reading an index's definition");
		}
	}
	for (i = 0; i < STORE_BULK_NINDEX; i++) {
		if (b->sql[i] == NULL)
			continue;
		snprintf(sql, sizeof(sql), "DROP INDEX %s", bulk_indexes[i]);
		if (exec(s, sql, "dropping an index for a large import") == -1) {
			store_bulk_free(b);
			return -1;
		}
	}
	b->dropped = 1;
	b->fresh = b->sql[REFS] != NULL;
	if (b->fresh && occ_last(s, &b->occ_since) == -1) {
		store_bulk_free(b);
		return -1;
	}
	return 1;
}

/*
 * Logs EV_CREATED with DETAIL for every one-off occurrence added since
 * store_bulk_begin, in the order they were added, as task_add would have
 * one by one.  Only for a fresh import (B->fresh), which adds nothing
 * else: each occurrence past B->occ_since is a new task's first.
 */
int
store_bulk_created(struct store *s, const struct store_bulk *b,
    const char *detail, time_t now)
{
	sqlite3_stmt *st;

	if (!b->fresh)
		return 0;
	st = store_prep(s, ST_BULK_CREATED, "INSERT INTO event (at, kind,"
	    " occurrence_id, detail) SELECT ?1, ?2, o.id, ?3"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " WHERE o.id > ?4 AND t.sched_kind = ?5 ORDER BY o.id");
	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, event_kind_name(EV_CREATED));
	bind_text(st, 3, detail);
	sqlite3_bind_int64(st, 4, b->occ_since);
	bind_text(st, 5, sched_kind_name(SCHED_ONCE));
	return store_step_done(s, st, "logging the tasks added");
}

/*
 * Creates again, inside the same transaction, the indexes that
 * store_bulk_begin dropped, and frees B.  On error the caller rolls back,
 * which brings the indexes back as they were.
 */
int
store_bulk_end(struct store *s, struct store_bulk *b)
{
	int i, rc = 0;

	for (i = 0; i < STORE_BULK_NINDEX && b->dropped && rc == 0; i++)
		if (b->sql[i] != NULL)
			rc = exec(s, b->sql[i], "building an index after a "
			    "large import");
	store_bulk_free(b);
	return rc;
}

static int
foreign_keys(struct store *s, int on)
{
	return exec(s, on ? "PRAGMA foreign_keys = ON" :
	    "PRAGMA foreign_keys = OFF", "setting foreign-key checks");
}

/* Whether plan PLAN_ID and the N AGENCIES are all there: 1, 0, -1. */
static int
refs_present(struct store *s, int64_t plan_id, const int64_t *agencies,
    int n)
{
	sqlite3_stmt *st;
	int64_t one;
	int i, rc;

	st = store_prep(s, ST_BULK_PLAN_HAS, "SELECT 1 FROM plan WHERE id = ?1");
	sqlite3_bind_int64(st, 1, plan_id);
	if ((rc = store_int64(s, st, &one, "checking an import's plan")) != 1)
		return rc;
	st = store_prep(s, ST_BULK_AGENCY_HAS, "SELECT 1 FROM agency"
	    " WHERE id = ?1");
	for (i = 0; i < n && rc == 1; i++) {
		sqlite3_bind_int64(st, 1, agencies[i]);
		rc = store_int64(s, st, &one, "checking an import's agencies");
	}
	return rc;
}

/*
 * Opens the transaction of an import of ROWS rows into plan PLAN_ID,
 * with store_bulk_begin's indexes dropped when that pays.  AGENCIES are
 * the ids of the directory the caller read before: a fresh import
 * writes no other agency.  Returns 0 with the transaction open; -1 on a
 * store error and -2 when the plan or one of AGENCIES is gone, both with
 * no transaction open.  store_bulk_finish follows the commit or the
 * rollback.
 */
int
store_bulk_open(struct store *s, int rows, int64_t plan_id, int unique_refs,
    const int64_t *agencies, int nagencies, struct store_bulk *b)
{
	int fk_off = 0, rc = -1;

	memset(b, 0, sizeof(*b));
	if (rows >= STORE_BULK_MIN_ROWS && unique_refs &&
	    (fk_off = plan_empty(s, plan_id)) == -1)
		return -1;
	for (;;) {
		if (fk_off && foreign_keys(s, 0) == -1)
			return -1;
		if (store_begin(s) == -1)
			goto fail;
		if (store_bulk_begin(s, rows, plan_id, unique_refs, b) == -1)
			goto fail_txn;
		if (!fk_off || b->fresh)
			break;
		/* Another writer came first: a plain import, checked. */
		store_bulk_free(b);
		store_rollback(s);
		fk_off = 0;
		if (foreign_keys(s, 1) == -1)
			return -1;
	}
	if (fk_off && (rc = refs_present(s, plan_id, agencies,
	    nagencies)) != 1)
		goto fail_txn;
	b->fk_off = fk_off;
	return 0;
fail_txn:
	store_bulk_free(b);
	store_rollback(s);
fail:
	if (fk_off)
		(void)foreign_keys(s, 1);
	return rc == 0 ? -2 : -1;
}

/*
 * After the commit or the rollback of a transaction that store_bulk_open
 * opened: the foreign-key checks on again.
 */
void
store_bulk_finish(struct store *s, struct store_bulk *b)
{
	store_bulk_free(b);
	if (b->fk_off && sqlite3_get_autocommit(s->db) &&
	    foreign_keys(s, 1) == 0)
		b->fk_off = 0;
}
