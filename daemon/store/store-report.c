/*
 * store-report.c: the queries behind "nhacviec report": per lead agency,
 * what fell due in a period and what became of it, and the overdue list.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"

/*
 * Per lead agency, the occurrences due in [FROM, TO): how many, done on
 * time, done late, open and overdue at NOW.  Cancelled ones are left
 * out: a cancelled duty was neither met nor missed.
 */
int
store_report(struct store *s, time_t from, time_t to, time_t now,
    const char *agency, void (*cb)(void *, const struct report_row *),
    void *arg)
{
	sqlite3_stmt *st;
	struct report_row r;
	int rc;

	st = store_prep(s, ST_REPORT, "SELECT a.code, a.name, count(*),"
	    " coalesce(sum(o.state = 'done' AND o.done_at <= o.due_at), 0),"
	    " coalesce(sum(o.state = 'done' AND o.done_at > o.due_at), 0),"
	    " coalesce(sum(o.state = 'open' AND o.due_at < ?3), 0),"
	    " coalesce(sum(o.state = 'open' AND o.due_at >= ?3), 0)"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " JOIN agency a ON a.id = t.lead_id"
	    " WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.state <> 'cancelled'"
	    " AND (?4 IS NULL OR a.code = ?4)"
	    " GROUP BY a.id ORDER BY a.code");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, now);
	bind_text(st, 4, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.code = col_text(st, 0);
		r.name = col_text(st, 1);
		r.due = sqlite3_column_int64(st, 2);
		r.on_time = sqlite3_column_int64(st, 3);
		r.late = sqlite3_column_int64(st, 4);
		r.overdue = sqlite3_column_int64(st, 5);
		r.pending = sqlite3_column_int64(st, 6);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "making the report");
}

/* The open, overdue occurrences behind a report, oldest first. */
int
store_report_overdue(struct store *s, time_t from, time_t to, time_t now,
    const char *agency, void (*cb)(void *, const struct overdue_row *),
    void *arg)
{
	sqlite3_stmt *st;
	struct overdue_row r;
	int rc;

	st = store_prep(s, ST_REPORT_OVERDUE, "SELECT a.code, t.id, t.title,"
	    " p.code, o.due_at, o.ack_code"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " JOIN agency a ON a.id = t.lead_id JOIN plan p ON p.id = t.plan_id"
	    " WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.state = 'open'"
	    " AND o.due_at < ?3 AND (?4 IS NULL OR a.code = ?4)"
	    " ORDER BY a.code, o.due_at");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, now);
	bind_text(st, 4, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.agency = col_text(st, 0);
		r.task_id = sqlite3_column_int64(st, 1);
		r.title = col_text(st, 2);
		r.plan = col_text(st, 3);
		r.due_at = sqlite3_column_int64(st, 4);
		r.ack_code = col_text(st, 5);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing overdue tasks");
}
