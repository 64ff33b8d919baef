/*
 * store-task.c: tasks, their occurrences (one concrete deadline each) and
 * the jobs planned for every occurrence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "xmalloc.h"

int
store_task_add(struct store *s, const struct new_task *nt, time_t now,
    int64_t *id)
{
	sqlite3_stmt *st;
	int i;

	st = store_prep(s, ST_TASK_ADD, "INSERT INTO task (plan_id, ref,"
	    " title, lead_id, policy, sched_kind, rrule, dtstart, quota,"
	    " created_at, form, note, content, section, wait_n, wait_unit,"
	    " wait_trigger) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?)");
	sqlite3_bind_int64(st, 1, nt->plan_id);
	bind_text(st, 2, nt->ref);
	bind_text(st, 3, nt->title);
	sqlite3_bind_int64(st, 4, nt->lead_id);
	bind_text(st, 5, nt->policy);
	bind_text(st, 6, sched_kind_name(nt->sched));
	bind_text(st, 7, nt->rrule);
	if (nt->rrule != NULL)
		sqlite3_bind_int64(st, 8, nt->dtstart);
	bind_text(st, 9, nt->quota);
	sqlite3_bind_int64(st, 10, now);
	bind_text(st, 11, nt->form);
	bind_text(st, 12, nt->note);
	bind_text(st, 13, nt->content);
	bind_text(st, 14, nt->section);
	if (nt->wait_unit != NULL)
		sqlite3_bind_double(st, 15, nt->wait_n);
	bind_text(st, 16, nt->wait_unit);
	bind_text(st, 17, nt->wait_trigger);
	if (store_step_done(s, st, "adding task") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < nt->ncoop; i++) {
		st = store_prep(s, ST_COOP_ADD, "INSERT OR IGNORE INTO"
		    " task_coop (task_id, agency_id) VALUES (?, ?)");
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, nt->coop[i]);
		if (store_step_done(s, st, "adding cooperating agency") == -1)
			return -1;
	}
	return 0;
}

/*
 * A task with its "current" occurrence: the earliest open one, or else
 * the latest closed one.
 */
#define TASK_COLS \
	"SELECT t.id, t.plan_id, p.code, t.ref, t.title, t.lead_id, a.code," \
	" a.name, t.policy," \
	" (SELECT group_concat(ca.code, ',') FROM task_coop tc" \
	"  JOIN agency ca ON ca.id = tc.agency_id WHERE tc.task_id = t.id)," \
	" o.id, o.due_at, o.state, o.ack_code, t.sched_kind, t.rrule," \
	" t.quota, t.form, t.note, t.content, t.section, t.wait_n," \
	" t.wait_unit, t.wait_trigger, t.started_at" \
	" FROM task t JOIN plan p ON p.id = t.plan_id" \
	" JOIN agency a ON a.id = t.lead_id" \
	" LEFT JOIN occurrence o ON o.id = (SELECT id FROM occurrence" \
	"  WHERE task_id = t.id ORDER BY state <> 'open'," \
	"  CASE WHEN state = 'open' THEN due_at ELSE -due_at END LIMIT 1) "

/*
 * Reads the words of TASK_COLS into R (occ_id read before): 0, or -1 for
 * one state.h does not know.  With no occurrence, occ_state is
 * OCC_NSTATES.
 */
static int
read_task_words(struct store *s, sqlite3_stmt *st, struct task_row *r)
{
	r->occ_state = OCC_NSTATES;
	if (r->occ_id != 0 && occ_state_parse(col_text(st, 12),
	    &r->occ_state) == -1)
		return store_bad_word(s, "occurrence state", col_text(st, 12));
	if (sched_kind_parse(col_text(st, 14), &r->sched) == -1)
		return store_bad_word(s, "schedule kind", col_text(st, 14));
	return 0;
}

static int
tasks_run(struct store *s, sqlite3_stmt *st, task_cb cb, void *arg)
{
	struct task_row r;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.plan_id = sqlite3_column_int64(st, 1);
		r.plan_code = col_text(st, 2);
		r.ref = col_text(st, 3);
		r.title = col_text(st, 4);
		r.lead_id = sqlite3_column_int64(st, 5);
		r.lead_code = col_text(st, 6);
		r.lead_name = col_text(st, 7);
		r.policy = col_text(st, 8);
		r.coop = col_text(st, 9);
		r.occ_id = sqlite3_column_int64(st, 10);
		r.due_at = sqlite3_column_int64(st, 11);
		if (read_task_words(s, st, &r) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		r.ack_code = col_text(st, 13);
		r.rrule = col_text(st, 15);
		r.quota = col_text(st, 16);
		r.form = col_text(st, 17);
		r.note = col_text(st, 18);
		r.content = col_text(st, 19);
		r.section = col_text(st, 20);
		r.wait_n = sqlite3_column_double(st, 21);
		r.wait_unit = col_text(st, 22);
		r.wait_trigger = col_text(st, 23);
		r.started_at = sqlite3_column_int64(st, 24);
		cb(arg, &r);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : store_fail(s, "listing tasks");
}

/* Calls CB for task ID: 1 found, 0 not, -1 error. */
int
store_task_get(struct store *s, int64_t id, task_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_GET, TASK_COLS "WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, id);
	return tasks_run(s, st, cb, arg);
}

int
store_occ_moved(struct store *s, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	buf[0] = '\0';
	st = store_prep(s, ST_OCC_MOVED, "SELECT detail FROM event"
	    " WHERE occurrence_id = ? AND kind = 'extended'"
	    " AND detail LIKE 'deadline % is a day off%' ORDER BY id LIMIT 1");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(buf, len, "%s", col_text(st, 0) ? col_text(st, 0) :
		    "");
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a move");
}

int
store_task_started(struct store *s, int64_t id, time_t at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_STARTED, "UPDATE task SET started_at = ?"
	    " WHERE id = ? AND wait_unit IS NOT NULL AND started_at IS NULL");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, id);
	if (store_step_done(s, st, "starting a task's clock") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
store_task_list(struct store *s, int overdue_only, const char *agency_code,
    time_t now, task_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_LIST, TASK_COLS
	    "WHERE (?1 = 0 OR (o.state = 'open' AND o.due_at < ?2))"
	    " AND (?3 IS NULL OR a.code = ?3 OR EXISTS (SELECT 1"
	    "  FROM task_coop tc JOIN agency ca ON ca.id = tc.agency_id"
	    "  WHERE tc.task_id = t.id AND ca.code = ?3))"
	    " ORDER BY o.due_at IS NULL, o.due_at, t.id");
	sqlite3_bind_int(st, 1, overdue_only);
	sqlite3_bind_int64(st, 2, now);
	bind_text(st, 3, agency_code);
	return tasks_run(s, st, cb, arg) < 0 ? -1 : 0;
}

/* Fills IDS with up to MAX cooperating agency ids; returns the count. */
int
store_coop_ids(struct store *s, int64_t task_id, int64_t *ids, int max)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	st = store_prep(s, ST_COOP_IDS, "SELECT agency_id FROM task_coop"
	    " WHERE task_id = ? ORDER BY agency_id");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading cooperating agencies");
	return n;
}

/* Adds an occurrence; returns 1 (not -1) if the ack code is taken. */
int
store_occ_add(struct store *s, int64_t task_id, time_t due_at,
    const char *ack_code, time_t now, int64_t *id)
{
	return store_occ_add_at(s, task_id, due_at, ack_code, now, 0, id);
}

/*
 * As store_occ_add, for an occurrence whose jobs are stored only at
 * PLAN_AT, when they come within the policy's reach (0: stored now, by
 * the caller).
 */
int
store_occ_add_at(struct store *s, int64_t task_id, time_t due_at,
    const char *ack_code, time_t now, time_t plan_at, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_OCC_ADD, "INSERT INTO occurrence (task_id,"
	    " due_at, ack_code, created_at, plan_at) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, due_at);
	bind_text(st, 3, ack_code);
	sqlite3_bind_int64(st, 4, now);
	if (plan_at != 0)
		sqlite3_bind_int64(st, 5, plan_at);
	else
		sqlite3_bind_null(st, 5);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return 1;
	if (rc != SQLITE_DONE)
		return store_fail(s, "adding occurrence");
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Occurrence OCC_ID's jobs are stored at PLAN_AT; 0: they are stored. */
int
store_occ_defer(struct store *s, int64_t occ_id, time_t plan_at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_OCC_DEFER, "UPDATE occurrence SET plan_at = ?"
	    " WHERE id = ?");
	if (plan_at != 0)
		sqlite3_bind_int64(st, 1, plan_at);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, occ_id);
	return store_step_done(s, st, "deferring jobs");
}

/*
 * Calls CB for up to LIMIT open occurrences whose jobs are to be stored
 * by UNTIL, earliest first; returns how many.  The rows are copied before
 * CB runs, because CB changes the very index scanned.
 */
int
store_occs_to_plan(struct store *s, time_t until, int limit,
    void (*cb)(void *, const struct unplanned_row *), void *arg)
{
	struct unplanned_row *rows;
	sqlite3_stmt *st;
	int rc, i, n = 0;

	rows = xcalloc((size_t)limit, sizeof(*rows));
	st = store_prep(s, ST_OCCS_TO_PLAN, "SELECT o.id, o.due_at, o.plan_at,"
	    " t.policy FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " WHERE o.plan_at <= ? AND o.state = 'open'"
	    " ORDER BY o.plan_at LIMIT ?");
	sqlite3_bind_int64(st, 1, until);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].due_at = sqlite3_column_int64(st, 1);
		rows[n].plan_at = sqlite3_column_int64(st, 2);
		rows[n].policy = xstrdup(col_text(st, 3));
		n++;
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			cb(arg, &rows[i]);
		free((char *)rows[i].policy);
	}
	free(rows);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading occurrences to plan");
	return n;
}

/* The earliest plan_at: 1 with *AT set, 0 if none, -1 error. */
int
store_next_plan_at(struct store *s, time_t *at)
{
	return store_min_time(s, store_prep(s, ST_NEXT_PLAN, "SELECT"
	    " min(plan_at) FROM occurrence WHERE plan_at IS NOT NULL"), at,
	    "finding next planning");
}

/* Reads a row of OCC_COLS: 0, or -1 for a state state.h does not know. */
static int
read_occ(struct store *s, sqlite3_stmt *st, struct occ_row *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->task_id = sqlite3_column_int64(st, 1);
	o->due_at = sqlite3_column_int64(st, 2);
	if (occ_state_parse(col_text(st, 3), &o->state) == -1)
		return store_bad_word(s, "occurrence state", col_text(st, 3));
	o->ack_code = col_text(st, 4);
	o->done_at = sqlite3_column_int64(st, 5);
	o->done_by = col_text(st, 6);
	o->done_via = col_text(st, 7);
	o->note = col_text(st, 8);
	o->plan_at = sqlite3_column_int64(st, 9);
	return 0;
}

#define OCC_COLS "SELECT id, task_id, due_at, state, ack_code, done_at," \
	" done_by, done_via, note, coalesce(plan_at, 0) FROM occurrence "

/*
 * Finds the occurrence named by an ack code, or else the earliest open
 * occurrence of TASK_ID.  The ack code is copied to ACK_BUF, since OUT's
 * strings die with the statement.  1 found, 0 not, -1 error.
 */
int
store_occ_find(struct store *s, int64_t task_id, const char *ack_code,
    struct occ_row *out, char *ack_buf, size_t ack_len)
{
	sqlite3_stmt *st;
	int rc;

	if (ack_code != NULL) {
		st = store_prep(s, ST_OCC_BY_ACK, OCC_COLS
		    "WHERE ack_code = upper(?)");
		bind_text(st, 1, ack_code);
	} else {
		st = store_prep(s, ST_OCC_BY_TASK, OCC_COLS
		    "WHERE task_id = ? ORDER BY state <> 'open', due_at"
		    " LIMIT 1");
		sqlite3_bind_int64(st, 1, task_id);
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_occ(s, st, out) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		snprintf(ack_buf, ack_len, "%s", out->ack_code);
		out->ack_code = ack_buf;
		out->done_by = out->done_via = out->note = NULL;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding occurrence");
}

int
store_occ_list(struct store *s, int64_t task_id,
    void (*cb)(void *, const struct occ_row *), void *arg)
{
	sqlite3_stmt *st;
	struct occ_row o;
	int rc;

	st = store_prep(s, ST_OCC_LIST, OCC_COLS
	    "WHERE task_id = ? ORDER BY due_at");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_occ(s, st, &o) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		cb(arg, &o);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing occurrences");
}

/*
 * Cancels the pending jobs of an occurrence and the messages still queued
 * for them, with WHY as the note; *CANCELLED counts the jobs.
 */
static int
cancel_pending(struct store *s, int64_t occ_id, const char *why, time_t now,
    int *cancelled)
{
	sqlite3_stmt *st;

	/* A job fired ahead of its time for a digest has not spoken yet. */
	st = store_prep(s, ST_JOBS_CANCEL, "UPDATE job SET state = 'cancelled',"
	    " done_at = ?1, note = ?2 WHERE occurrence_id = ?3 AND"
	    " (state = 'pending' OR (state = 'fired' AND fire_at > ?1))");
	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, why);
	sqlite3_bind_int64(st, 3, occ_id);
	if (store_step_done(s, st, "cancelling jobs") == -1)
		return -1;
	*cancelled = sqlite3_changes(s->db);
	st = store_prep(s, ST_MSGS_CANCEL_OCC, "UPDATE message SET"
	    " state = 'cancelled', updated_at = ?1, last_error = ?3"
	    " WHERE state = 'queued' AND is_digest = 0 AND job_id IN"
	    " (SELECT id FROM job WHERE occurrence_id = ?2)");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, occ_id);
	bind_text(st, 3, why);
	return store_step_done(s, st, "cancelling messages");
}

/*
 * Closes an open occurrence as STATE (OCC_DONE or OCC_CANCELLED) and cancels
 * its pending jobs and the messages still queued for them.  Returns 0, 1
 * if it was not open, or -1.
 */
int
store_occ_close(struct store *s, int64_t occ_id, enum occ_state state,
    const char *by, const char *via, const char *note, time_t now,
    int *cancelled)
{
	sqlite3_stmt *st;
	char why[32];

	/* What was never stored is never planned now. */
	st = store_prep(s, ST_OCC_DONE, "UPDATE occurrence SET state = ?,"
	    " done_at = ?, done_by = ?, done_via = ?, note = ?, plan_at = NULL"
	    " WHERE id = ? AND state = 'open'");
	bind_text(st, 1, occ_state_name(state));
	sqlite3_bind_int64(st, 2, now);
	bind_text(st, 3, by);
	bind_text(st, 4, via);
	bind_text(st, 5, note);
	sqlite3_bind_int64(st, 6, occ_id);
	if (store_step_done(s, st, "closing occurrence") == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 1;
	snprintf(why, sizeof(why), "occurrence %s", occ_state_name(state));
	return cancel_pending(s, occ_id, why, now, cancelled);
}

int
store_occ_done(struct store *s, int64_t occ_id, const char *by,
    const char *via, const char *note, time_t now, int *cancelled)
{
	return store_occ_close(s, occ_id, OCC_DONE, by, via, note, now,
	    cancelled);
}

/*
 * Moves an open occurrence's deadline to DUE and cancels what was planned
 * for the old one; the caller plans the new jobs.  0, 1 if not open, -1.
 */
int
store_occ_move(struct store *s, int64_t occ_id, time_t due, time_t now,
    int *cancelled)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_OCC_MOVE, "UPDATE occurrence SET due_at = ?"
	    " WHERE id = ? AND state = 'open'");
	sqlite3_bind_int64(st, 1, due);
	sqlite3_bind_int64(st, 2, occ_id);
	if (store_step_done(s, st, "moving occurrence") == -1)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 1;
	return cancel_pending(s, occ_id, "replanned", now, cancelled);
}

/* Stops a recurring task from planning further occurrences. */
int
store_task_stop(struct store *s, int64_t task_id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_STOP, "UPDATE task SET expand_at = NULL"
	    " WHERE id = ?");
	sqlite3_bind_int64(st, 1, task_id);
	return store_step_done(s, st, "stopping task");
}

/* The audit log of a task's occurrences, oldest first. */
int
store_task_events(struct store *s, int64_t task_id,
    void (*cb)(void *, time_t, enum event_kind, int64_t, const char *),
    void *arg)
{
	sqlite3_stmt *st;
	enum event_kind k;
	int rc;

	st = store_prep(s, ST_TASK_EVENTS, "SELECT e.at, e.kind,"
	    " e.occurrence_id, e.detail FROM event e JOIN occurrence o"
	    " ON o.id = e.occurrence_id WHERE o.task_id = ? ORDER BY e.id");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (event_kind_parse(col_text(st, 1), &k) == -1) {
			rc = store_bad_word(s, "event kind", col_text(st, 1));
			sqlite3_reset(st);
			return rc;
		}
		cb(arg, sqlite3_column_int64(st, 0), k,
		    sqlite3_column_int64(st, 2), col_text(st, 3));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading events");
}

int
store_job_add(struct store *s, int64_t occ_id, enum job_kind kind, int step,
    const char *target, time_t fire_at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_JOB_ADD, "INSERT INTO job (occurrence_id, kind,"
	    " step, target, fire_at) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, occ_id);
	bind_text(st, 2, job_kind_name(kind));
	sqlite3_bind_int(st, 3, step);
	bind_text(st, 4, target);
	sqlite3_bind_int64(st, 5, fire_at);
	return store_step_done(s, st, "adding job");
}

int
store_job_list(struct store *s, int64_t occ_id, job_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct job_row r;
	int rc;

	st = store_prep(s, ST_JOB_LIST, "SELECT id, kind, step, target,"
	    " fire_at, state, note FROM job WHERE occurrence_id = ?"
	    " ORDER BY fire_at, id");
	sqlite3_bind_int64(st, 1, occ_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		rc = job_kind_parse(col_text(st, 1), &r.kind) == -1 ?
		    store_bad_word(s, "job kind", col_text(st, 1)) :
		    job_state_parse(col_text(st, 5), &r.state) == -1 ?
		    store_bad_word(s, "job state", col_text(st, 5)) : 0;
		if (rc == -1) {
			sqlite3_reset(st);
			return -1;
		}
		r.step = sqlite3_column_int(st, 2);
		r.target = col_text(st, 3);
		r.fire_at = sqlite3_column_int64(st, 4);
		r.note = col_text(st, 6);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing jobs");
}

/*
 * Calls CB for up to LIMIT pending jobs due at NOW, oldest first, and
 * sets *MORE if further ones are due.  CB may add messages and events; the
 * jobs' own new states are written after the scan, so the SELECT never
 * walks an index that is changing under it.
 */
int
store_jobs_due(struct store *s, time_t now, int limit, due_job_cb cb,
    void *arg, int *more)
{
	sqlite3_stmt *st;
	struct due_job j;
	struct job_outcome *out = NULL;
	int64_t *ids = NULL;
	int rc, i, n = 0, cap = 0, ret = -1;

	*more = 0;
	st = store_prep(s, ST_JOBS_DUE, "SELECT j.id, j.occurrence_id, j.kind,"
	    " j.step, j.target, j.fire_at, t.id, t.title, t.ref, t.policy,"
	    " p.code, a.id, a.name, a.parent_id, o.due_at, o.ack_code, t.quota"
	    " FROM job j JOIN occurrence o ON o.id = j.occurrence_id"
	    " JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id"
	    " JOIN agency a ON a.id = t.lead_id"
	    " WHERE j.state = 'pending' AND j.fire_at <= ?"
	    " ORDER BY j.fire_at, j.id LIMIT ?");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, limit + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == limit) {
			*more = 1;
			break;
		}
		j.id = sqlite3_column_int64(st, 0);
		j.occ_id = sqlite3_column_int64(st, 1);
		if (job_kind_parse(col_text(st, 2), &j.kind) == -1) {
			store_bad_word(s, "job kind", col_text(st, 2));
			sqlite3_reset(st);
			goto done;
		}
		j.step = sqlite3_column_int(st, 3);
		j.target = col_text(st, 4);
		j.fire_at = sqlite3_column_int64(st, 5);
		j.task_id = sqlite3_column_int64(st, 6);
		j.task_title = col_text(st, 7);
		j.task_ref = col_text(st, 8);
		j.policy = col_text(st, 9);
		j.plan_code = col_text(st, 10);
		j.lead_id = sqlite3_column_int64(st, 11);
		j.lead_name = col_text(st, 12);
		j.lead_parent_id = sqlite3_column_int64(st, 13);
		j.due_at = sqlite3_column_int64(st, 14);
		j.ack_code = col_text(st, 15);
		j.quota = col_text(st, 16);
		/* Grown on demand: most wake-ups find no job at all. */
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xreallocarray(ids, (size_t)cap, sizeof(*ids));
			out = xreallocarray(out, (size_t)cap, sizeof(*out));
		}
		ids[n] = j.id;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].state = JOB_FIRED;
		if (cb(arg, &j, &out[n++]) == -1) {
			sqlite3_reset(st);
			goto done;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(s, "reading due jobs");
		goto done;
	}
	for (i = 0; i < n; i++)
		if (store_job_finish(s, ids[i], out[i].state,
		    out[i].note[0] ? out[i].note : NULL, now) == -1)
			goto done;
	ret = 0;
done:
	free(ids);
	free(out);
	return ret;
}

int
store_job_finish(struct store *s, int64_t id, enum job_state state,
    const char *note, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_JOB_FINISH, "UPDATE job SET state = ?,"
	    " note = ?, done_at = ? WHERE id = ? AND state = 'pending'");
	bind_text(st, 1, job_state_name(state));
	bind_text(st, 2, note);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	return store_step_done(s, st, "finishing job");
}

/* The earliest pending fire_at: 1 with *AT set, 0 if none, -1 error. */
int
store_next_job_at(struct store *s, time_t *at)
{
	return store_min_time(s, store_prep(s, ST_NEXT_JOB, "SELECT"
	    " min(fire_at) FROM job WHERE state = 'pending'"), at,
	    "finding next job");
}

/* Records how far TASK's rule is planned; EXPAND_AT 0 means never again. */
int
store_task_expanded(struct store *s, int64_t id, time_t last_instance,
    time_t expand_at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_EXPANDED, "UPDATE task SET"
	    " last_instance = ?, expand_at = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, last_instance);
	if (expand_at != 0)
		sqlite3_bind_int64(st, 2, expand_at);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(s, st, "recording expansion");
}

/*
 * Calls CB for up to LIMIT recurring tasks due for expansion.  The rows
 * are copied before CB runs, because CB changes the very index scanned.
 */
int
store_tasks_to_expand(struct store *s, time_t now, int limit,
    void (*cb)(void *, const struct expand_row *), void *arg)
{
	struct {
		int64_t	 id;
		char	*policy;
		char	*rrule;
		time_t	 dtstart, last;
	} *rows;
	struct expand_row r;
	sqlite3_stmt *st;
	int rc, i, n = 0;

	rows = xcalloc((size_t)limit, sizeof(*rows));
	st = store_prep(s, ST_TASKS_EXPAND, "SELECT id, policy, rrule,"
	    " dtstart, coalesce(last_instance, 0) FROM task"
	    " WHERE expand_at <= ? ORDER BY expand_at LIMIT ?");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].policy = xstrdup(col_text(st, 1));
		rows[n].rrule = xstrdup(col_text(st, 2) ? col_text(st, 2) : "");
		rows[n].dtstart = sqlite3_column_int64(st, 3);
		rows[n].last = sqlite3_column_int64(st, 4);
		n++;
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
			r.id = rows[i].id;
			r.policy = rows[i].policy;
			r.rrule = rows[i].rrule;
			r.dtstart = rows[i].dtstart;
			r.last_instance = rows[i].last;
			cb(arg, &r);
		}
		free(rows[i].policy);
		free(rows[i].rrule);
	}
	free(rows);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading tasks to expand");
	return n;
}

/* The earliest expand_at: 1 with *AT set, 0 if none, -1 error. */
int
store_next_expand_at(struct store *s, time_t *at)
{
	return store_min_time(s, store_prep(s, ST_NEXT_EXPAND, "SELECT"
	    " min(expand_at) FROM task WHERE expand_at IS NOT NULL"), at,
	    "finding next expansion");
}

/* The occurrences of the tasks AGENCY leads, for its calendar feed. */
int
store_agency_deadlines(struct store *s, const char *agency, time_t since,
    void (*cb)(void *, const struct deadline_row *), void *arg)
{
	sqlite3_stmt *st;
	struct deadline_row r;
	int rc;

	/* The tasks AGENCY leads, and those it cooperates on. */
	st = store_prep(s, ST_AGENCY_DEADLINES, "SELECT o.id, o.due_at,"
	    " o.state, o.ack_code, t.id, t.title, t.ref, p.code, a.name,"
	    " a.code <> ?1"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " JOIN agency a ON a.id = t.lead_id JOIN plan p ON p.id = t.plan_id"
	    " WHERE (a.code = ?1 OR t.id IN (SELECT tc.task_id FROM task_coop tc"
	    " JOIN agency ca ON ca.id = tc.agency_id WHERE ca.code = ?1))"
	    " AND o.due_at >= ?2 ORDER BY o.due_at, o.id");
	bind_text(st, 1, agency);
	sqlite3_bind_int64(st, 2, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.occ_id = sqlite3_column_int64(st, 0);
		r.due_at = sqlite3_column_int64(st, 1);
		if (occ_state_parse(col_text(st, 2), &r.state) == -1) {
			rc = store_bad_word(s, "occurrence state",
			    col_text(st, 2));
			sqlite3_reset(st);
			return rc;
		}
		r.ack_code = col_text(st, 3);
		r.task_id = sqlite3_column_int64(st, 4);
		r.title = col_text(st, 5);
		r.ref = col_text(st, 6);
		r.plan = col_text(st, 7);
		r.agency_name = col_text(st, 8);
		r.coop = sqlite3_column_int(st, 9);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing deadlines");
}

/* Changes a task's wording: title, ref, quota.  1, 0 none, -1 error. */
int
store_task_update(struct store *s, int64_t id, const struct patch_str *title,
    const struct patch_str *ref, const struct patch_str *quota)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_UPDATE, "UPDATE task SET"
	    " title = CASE WHEN ?1 THEN ?2 ELSE title END,"
	    " ref = CASE WHEN ?3 THEN ?4 ELSE ref END,"
	    " quota = CASE WHEN ?5 THEN ?6 ELSE quota END"
	    " WHERE id = ?7");
	bind_patch(st, 1, title);
	bind_patch(st, 3, ref);
	bind_patch(st, 5, quota);
	sqlite3_bind_int64(st, 7, id);
	if (store_step_done(s, st, "updating task") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/*
 * The task of plan PLAN_ID with reference REF led by agency LEAD_ID: 1 with
 * *OUT filled, 0 none, -1 error.  Imports use it to recognise a row they
 * have imported before and to see what the table changed; FORM, NOTE,
 * CONTENT and SECTION, of any length, are compared here rather than
 * copied out.
 */
int
store_task_find(struct store *s, int64_t plan_id, const char *ref,
    int64_t lead_id, const struct task_text *tx, struct task_found *out)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_TASK_FIND, "SELECT t.id, t.title, t.sched_kind,"
	    " t.rrule, t.quota, t.form IS ?4 AND t.note IS ?5 AND"
	    " t.content IS ?6 AND t.section IS ?7, t.policy,"
	    " t.wait_unit IS NOT NULL AND t.started_at IS NOT NULL"
	    " FROM task t"
	    " WHERE t.plan_id = ?1 AND t.ref IS ?2 AND t.lead_id = ?3"
	    " ORDER BY t.id LIMIT 1");
	sqlite3_bind_int64(st, 1, plan_id);
	bind_text(st, 2, ref);
	sqlite3_bind_int64(st, 3, lead_id);
	bind_text(st, 4, tx->form);
	bind_text(st, 5, tx->note);
	bind_text(st, 6, tx->content);
	bind_text(st, 7, tx->section);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->title, sizeof(out->title), "%s", col_text(st, 1));
		if (sched_kind_parse(col_text(st, 2), &out->sched) == -1) {
			rc = store_bad_word(s, "schedule kind",
			    col_text(st, 2));
			sqlite3_reset(st);
			return rc;
		}
		snprintf(out->rrule, sizeof(out->rrule), "%s", col_text(st, 3) ?
		    col_text(st, 3) : "");
		snprintf(out->quota, sizeof(out->quota), "%s", col_text(st, 4) ?
		    col_text(st, 4) : "");
		out->same_notes = sqlite3_column_int(st, 5);
		snprintf(out->policy, sizeof(out->policy), "%s",
		    col_text(st, 6));
		out->started = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding a task");
}

/* Rewrites what its table says of a task besides title and schedule. */
int
store_task_notes(struct store *s, int64_t id, const struct task_text *tx)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_NOTES, "UPDATE task SET form = ?, note = ?,"
	    " content = ?, section = ? WHERE id = ?");
	bind_text(st, 1, tx->form);
	bind_text(st, 2, tx->note);
	bind_text(st, 3, tx->content);
	bind_text(st, 4, tx->section);
	sqlite3_bind_int64(st, 5, id);
	return store_step_done(s, st, "updating task notes");
}

/*
 * Gives a task another schedule.  Its planning starts over: the caller
 * has closed what was planned ahead and plans afresh from now.
 */
int
store_task_resched(struct store *s, int64_t id, enum sched_kind sched,
    const char *rrule, time_t dtstart)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_TASK_RESCHED, "UPDATE task SET sched_kind = ?,"
	    " rrule = ?, dtstart = ?, last_instance = NULL, expand_at = NULL"
	    " WHERE id = ?");
	bind_text(st, 1, sched_kind_name(sched));
	bind_text(st, 2, rrule);
	if (rrule != NULL)
		sqlite3_bind_int64(st, 3, dtstart);
	sqlite3_bind_int64(st, 4, id);
	return store_step_done(s, st, "rescheduling task");
}
