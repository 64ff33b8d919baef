/*
 * store-tell.c: the rows behind core/tell.c: an occurrence's task, the
 * occurrence a message about an agency hangs on, and the fired job that
 * carries such a message in the outbox (message.job_id is required).
 * The caller finishes that job as fired in the same transaction, so the
 * scheduler never sees it pending.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"
#include "store-tell.h"

int
store_tell_occ(struct store *s, int64_t occ_id, int64_t *task_id,
    int64_t *lead_id, char *policy, size_t policylen)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_TELL_OCC, "SELECT t.id, t.lead_id, t.policy"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " WHERE o.id = ?");
	sqlite3_bind_int64(st, 1, occ_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*task_id = sqlite3_column_int64(st, 0);
		*lead_id = sqlite3_column_int64(st, 1);
		snprintf(policy, policylen, "%s", col_text(st, 2) ?
		    col_text(st, 2) : "");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading an occurrence");
}

int
store_tell_anchor(struct store *s, int64_t agency_id, int64_t *occ_id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_TELL_ANCHOR, "SELECT o.id FROM occurrence o"
	    " JOIN task t ON t.id = o.task_id WHERE t.lead_id = ?"
	    " ORDER BY o.state = 'open' DESC,"
	    " CASE WHEN o.state = 'open' THEN o.due_at ELSE -o.due_at END,"
	    " o.id LIMIT 1");
	sqlite3_bind_int64(st, 1, agency_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*occ_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding a deadline");
}

int
store_tell_job(struct store *s, int64_t occ_id, int kind, int step,
    const char *target, time_t now, int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TELL_JOB, "INSERT INTO job (occurrence_id,"
	    " kind, step, target, fire_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_bind_int64(st, 1, occ_id);
	bind_text(st, 2, job_kind_name((enum job_kind)kind));
	sqlite3_bind_int(st, 3, step);
	bind_text(st, 4, target);
	sqlite3_bind_int64(st, 5, now);
	if (store_step_done(s, st, "adding a message's job") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}
