/*
 * store-webdash.c: the queries behind the tracking office's pages.  The
 * dashboard's counts take store_report's definitions word for word (a
 * deadline in the period, cancelled ones left out, done on time when
 * done_at <= due_at), so the page and "nhacviec report" agree for the
 * same period; the plan and group filters only narrow them.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"
#include "store-webdash.h"

/* The filters every dashboard query shares, as ?5 plan and ?6 group. */
#define DASH_FILTER \
	" AND (?5 = 0 OR t.plan_id = ?5)" \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM agency_group g" \
	"  WHERE g.agency_id = a.id AND g.name = ?6))"

static void
bind_filter(sqlite3_stmt *st, const struct dash_filter *f)
{
	sqlite3_bind_int64(st, 1, f->from);
	sqlite3_bind_int64(st, 2, f->to);
	sqlite3_bind_int64(st, 3, f->now);
	sqlite3_bind_int64(st, 4, f->week_end);
	sqlite3_bind_int64(st, 5, f->plan_id);
	bind_text(st, 6, f->group);
}

/* Ends a loop over ST: 0, or -1 with WHAT in the error. */
static int
done_rows(struct store *s, sqlite3_stmt *st, int rc, const char *what)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, what);
}

int
store_dash_counts(struct store *s, const struct dash_filter *f,
    void (*cb)(void *, const struct dash_row *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_row r;
	int rc;

	st = store_prep(s, ST_DASH_COUNTS, "SELECT a.id, a.code, a.name,"
	    " coalesce(sum(o.due_at >= ?1 AND o.due_at < ?2), 0),"
	    " coalesce(sum(o.due_at >= ?1 AND o.due_at < ?2 AND"
	    "  o.state = 'done' AND o.done_at <= o.due_at), 0),"
	    " coalesce(sum(o.due_at >= ?1 AND o.due_at < ?2 AND"
	    "  o.state = 'done' AND o.done_at > o.due_at), 0),"
	    " coalesce(sum(o.due_at >= ?1 AND o.due_at < ?2 AND"
	    "  o.state = 'open' AND o.due_at < ?3), 0),"
	    " coalesce(sum(o.due_at >= ?1 AND o.due_at < ?2 AND"
	    "  o.state = 'open' AND o.due_at >= ?3), 0),"
	    " coalesce(sum(o.state = 'open' AND o.due_at >= ?3 AND"
	    "  o.due_at < ?4), 0)"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " JOIN agency a ON a.id = t.lead_id"
	    " WHERE o.state <> 'cancelled' AND ((o.due_at >= ?1 AND"
	    " o.due_at < ?2) OR (o.state = 'open' AND o.due_at >= ?3 AND"
	    " o.due_at < ?4))" DASH_FILTER
	    " GROUP BY a.id ORDER BY a.code");
	bind_filter(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.agency_id = sqlite3_column_int64(st, 0);
		r.code = col_text(st, 1);
		r.name = col_text(st, 2);
		r.due = sqlite3_column_int64(st, 3);
		r.on_time = sqlite3_column_int64(st, 4);
		r.late = sqlite3_column_int64(st, 5);
		r.overdue = sqlite3_column_int64(st, 6);
		r.pending = sqlite3_column_int64(st, 7);
		r.this_week = sqlite3_column_int64(st, 8);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "counting deadlines");
}

int
store_dash_overdue(struct store *s, const struct dash_filter *f, int limit,
    void (*cb)(void *, const struct dash_overdue *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_overdue r;
	int rc;

	st = store_prep(s, ST_DASH_OVERDUE, "SELECT o.id, t.id, t.title,"
	    " p.code, a.code, a.name, o.due_at, coalesce(m.id, 0), m.state,"
	    " j.kind, m.provider, c.name, coalesce(m.sent_at, m.updated_at)"
	    " FROM occurrence o JOIN task t ON t.id = o.task_id"
	    " JOIN agency a ON a.id = t.lead_id JOIN plan p ON p.id = t.plan_id"
	    " LEFT JOIN message m ON m.id = (SELECT m2.id FROM message m2"
	    "  JOIN job j2 ON j2.id = m2.job_id WHERE j2.occurrence_id = o.id"
	    "  AND m2.is_digest = 0 ORDER BY m2.id DESC LIMIT 1)"
	    " LEFT JOIN job j ON j.id = m.job_id"
	    " LEFT JOIN contact c ON c.id = m.contact_id"
	    " WHERE o.state = 'open' AND o.due_at >= ?1 AND o.due_at < ?2"
	    " AND o.due_at < ?3 AND ?4 = ?4" DASH_FILTER
	    " ORDER BY o.due_at, o.id LIMIT ?7");
	bind_filter(st, f);
	sqlite3_bind_int(st, 7, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.occ_id = sqlite3_column_int64(st, 0);
		r.task_id = sqlite3_column_int64(st, 1);
		r.title = col_text(st, 2);
		r.plan = col_text(st, 3);
		r.lead_code = col_text(st, 4);
		r.lead_name = col_text(st, 5);
		r.due_at = sqlite3_column_int64(st, 6);
		r.msg_id = sqlite3_column_int64(st, 7);
		if (r.msg_id != 0 && (msg_state_parse(col_text(st, 8),
		    &r.msg_state) == -1 || job_kind_parse(col_text(st, 9),
		    &r.msg_kind) == -1)) {
			rc = store_bad_word(s, "message state or job kind",
			    col_text(st, 8));
			sqlite3_reset(st);
			return rc;
		}
		r.msg_provider = col_text(st, 10);
		r.msg_contact = col_text(st, 11);
		r.msg_at = sqlite3_column_int64(st, 12);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "listing overdue deadlines");
}

static int
plans_run(struct store *s, sqlite3_stmt *st,
    void (*cb)(void *, const struct dash_plan *), void *arg)
{
	struct dash_plan r;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.code = col_text(st, 1);
		r.title = col_text(st, 2);
		r.tasks = sqlite3_column_int64(st, 3);
		r.open = sqlite3_column_int64(st, 4);
		r.overdue = sqlite3_column_int64(st, 5);
		r.done = sqlite3_column_int64(st, 6);
		n++;
		cb(arg, &r);
	}
	if (done_rows(s, st, rc, "listing plans") == -1)
		return -1;
	return n > 0;
}

#define PLAN_COLS "SELECT p.id, p.code, p.title," \
	" (SELECT count(*) FROM task t WHERE t.plan_id = p.id)," \
	" (SELECT count(*) FROM occurrence o JOIN task t ON t.id = o.task_id" \
	"  WHERE t.plan_id = p.id AND o.state = 'open')," \
	" (SELECT count(*) FROM occurrence o JOIN task t ON t.id = o.task_id" \
	"  WHERE t.plan_id = p.id AND o.state = 'open' AND o.due_at < ?1)," \
	" (SELECT count(*) FROM occurrence o JOIN task t ON t.id = o.task_id" \
	"  WHERE t.plan_id = p.id AND o.state = 'done')" \
	" FROM plan p "

int
store_dash_plans(struct store *s, time_t now,
    void (*cb)(void *, const struct dash_plan *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_PLANS, PLAN_COLS "ORDER BY p.code");
	sqlite3_bind_int64(st, 1, now);
	return plans_run(s, st, cb, arg) == -1 ? -1 : 0;
}

int
store_dash_plan(struct store *s, int64_t id,
    void (*cb)(void *, const struct dash_plan *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_PLAN, PLAN_COLS "WHERE p.id = ?2");
	sqlite3_bind_int64(st, 1, 0);
	sqlite3_bind_int64(st, 2, id);
	return plans_run(s, st, cb, arg);
}

int
store_dash_agencies(struct store *s, int64_t id, time_t now,
    void (*cb)(void *, const struct dash_agency *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_agency r;
	int rc;

	st = store_prep(s, ST_DASH_AGENCIES, "SELECT a.id, a.code, a.name,"
	    " (SELECT group_concat(g.name, ', ') FROM agency_group g"
	    "  WHERE g.agency_id = a.id),"
	    " (SELECT count(*) FROM task t WHERE t.lead_id = a.id),"
	    " (SELECT count(*) FROM occurrence o JOIN task t ON t.id = o.task_id"
	    "  WHERE t.lead_id = a.id AND o.state = 'open'),"
	    " (SELECT count(*) FROM occurrence o JOIN task t ON t.id = o.task_id"
	    "  WHERE t.lead_id = a.id AND o.state = 'open' AND o.due_at < ?1),"
	    " (SELECT count(*) FROM contact c WHERE c.agency_id = a.id"
	    "  AND c.active)"
	    " FROM agency a WHERE ?2 = 0 OR a.id = ?2 ORDER BY a.code");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.code = col_text(st, 1);
		r.name = col_text(st, 2);
		r.groups = col_text(st, 3);
		r.led = sqlite3_column_int64(st, 4);
		r.open = sqlite3_column_int64(st, 5);
		r.overdue = sqlite3_column_int64(st, 6);
		r.contacts = sqlite3_column_int64(st, 7);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "listing agencies");
}

int
store_dash_tasks(struct store *s, int64_t plan_id, int64_t agency_id,
    void (*cb)(void *, const struct dash_task *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_task r;
	int rc;

	st = store_prep(s, ST_DASH_TASKS, "SELECT t.id, t.ref, t.title,"
	    " p.code, a.code, a.name, ?2 <> 0 AND t.lead_id <> ?2,"
	    " coalesce(o.id, 0), o.due_at, o.state, o.done_at"
	    " FROM task t JOIN agency a ON a.id = t.lead_id"
	    " JOIN plan p ON p.id = t.plan_id"
	    " LEFT JOIN occurrence o ON o.id = (SELECT o2.id FROM occurrence o2"
	    "  WHERE o2.task_id = t.id ORDER BY o2.state = 'open' DESC,"
	    "  CASE WHEN o2.state = 'open' THEN o2.due_at ELSE -o2.due_at END"
	    "  LIMIT 1)"
	    " WHERE (?1 = 0 OR t.plan_id = ?1) AND (?2 = 0 OR t.lead_id = ?2"
	    " OR EXISTS (SELECT 1 FROM task_coop c WHERE c.task_id = t.id"
	    " AND c.agency_id = ?2))"
	    " ORDER BY o.state = 'open' DESC, o.due_at, t.id");
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.ref = col_text(st, 1);
		r.title = col_text(st, 2);
		r.plan = col_text(st, 3);
		r.lead_code = col_text(st, 4);
		r.lead_name = col_text(st, 5);
		r.coop = sqlite3_column_int(st, 6);
		r.occ_id = sqlite3_column_int64(st, 7);
		if (r.occ_id != 0 && occ_state_parse(col_text(st, 9),
		    &r.state) == -1) {
			rc = store_bad_word(s, "occurrence state",
			    col_text(st, 9));
			sqlite3_reset(st);
			return rc;
		}
		r.due_at = sqlite3_column_int64(st, 8);
		r.done_at = sqlite3_column_int64(st, 10);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "listing tasks");
}

int
store_dash_task_role(struct store *s, int64_t task_id, int64_t agency_id)
{
	sqlite3_stmt *st;
	int rc, role = 0;

	st = store_prep(s, ST_DASH_TASK_ROLE, "SELECT CASE"
	    " WHEN t.lead_id = ?2 THEN 2 WHEN EXISTS (SELECT 1 FROM task_coop c"
	    "  WHERE c.task_id = t.id AND c.agency_id = ?2) THEN 1 ELSE 0 END"
	    " FROM task t WHERE t.id = ?1");
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, agency_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		role = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "checking a task's agency");
	return role;
}

#define DMSG_COLS "SELECT m.id, o.id, t.id, t.title, j.kind, j.step, c.name," \
	" m.provider, m.address, m.state, m.attempts, m.is_digest," \
	" m.created_at, m.updated_at, coalesce(m.sent_at, 0), m.last_error," \
	" m.body FROM message m JOIN job j ON j.id = m.job_id" \
	" JOIN occurrence o ON o.id = j.occurrence_id" \
	" JOIN task t ON t.id = o.task_id JOIN contact c ON c.id = m.contact_id "

static int
dmsgs_run(struct store *s, sqlite3_stmt *st,
    void (*cb)(void *, const struct dash_msg *), void *arg)
{
	struct dash_msg r;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.occ_id = sqlite3_column_int64(st, 1);
		r.task_id = sqlite3_column_int64(st, 2);
		r.task_title = col_text(st, 3);
		if (job_kind_parse(col_text(st, 4), &r.kind) == -1 ||
		    msg_state_parse(col_text(st, 9), &r.state) == -1) {
			rc = store_bad_word(s, "job kind or message state",
			    col_text(st, 9));
			sqlite3_reset(st);
			return rc;
		}
		r.step = sqlite3_column_int(st, 5);
		r.contact = col_text(st, 6);
		r.provider = col_text(st, 7);
		r.address = col_text(st, 8);
		r.attempts = sqlite3_column_int(st, 10);
		r.is_digest = sqlite3_column_int(st, 11);
		r.created_at = sqlite3_column_int64(st, 12);
		r.updated_at = sqlite3_column_int64(st, 13);
		r.sent_at = sqlite3_column_int64(st, 14);
		r.error = col_text(st, 15);
		r.body = col_text(st, 16);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "listing messages");
}

int
store_dash_task_msgs(struct store *s, int64_t task_id,
    void (*cb)(void *, const struct dash_msg *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_TASK_MSGS, DMSG_COLS
	    "WHERE t.id = ?1 AND m.is_digest = 0 ORDER BY m.id DESC");
	sqlite3_bind_int64(st, 1, task_id);
	return dmsgs_run(s, st, cb, arg);
}

int
store_dash_failures(struct store *s, int64_t agency_id, time_t since,
    int limit, void (*cb)(void *, const struct dash_msg *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_FAILURES, DMSG_COLS
	    "WHERE c.agency_id = ?1 AND m.updated_at >= ?2"
	    " AND m.state IN ('failed', 'dead')"
	    " ORDER BY m.updated_at DESC, m.id DESC LIMIT ?3");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, limit);
	return dmsgs_run(s, st, cb, arg);
}

int
store_dash_events(struct store *s, int64_t task_id,
    void (*cb)(void *, const struct dash_event *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_event r;
	int rc;

	st = store_prep(s, ST_DASH_EVENTS, "SELECT e.at, e.kind,"
	    " e.occurrence_id, e.actor, e.detail FROM event e"
	    " JOIN occurrence o ON o.id = e.occurrence_id"
	    " WHERE o.task_id = ?1 ORDER BY e.at, e.id");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.at = sqlite3_column_int64(st, 0);
		if (event_kind_parse(col_text(st, 1), &r.kind) == -1) {
			rc = store_bad_word(s, "event kind", col_text(st, 1));
			sqlite3_reset(st);
			return rc;
		}
		r.occ_id = sqlite3_column_int64(st, 2);
		r.actor = col_text(st, 3);
		r.detail = col_text(st, 4);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "reading a task's history");
}

int
store_dash_reports(struct store *s, int64_t task_id,
    void (*cb)(void *, const struct dash_report *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_report r;
	int rc;

	st = store_prep(s, ST_DASH_REPORTS, "SELECT r.id, r.occurrence_id,"
	    " r.kind, r.body, r.doc_number, coalesce(c.name, u.name),"
	    " r.created_at FROM report r"
	    " JOIN occurrence o ON o.id = r.occurrence_id"
	    " LEFT JOIN contact c ON c.id = r.contact_id"
	    " LEFT JOIN web_user u ON u.id = r.user_id"
	    " WHERE o.task_id = ?1 ORDER BY r.created_at DESC, r.id DESC");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.occ_id = sqlite3_column_int64(st, 1);
		if (report_kind_parse(col_text(st, 2), &r.kind) == -1) {
			rc = store_bad_word(s, "report kind", col_text(st, 2));
			sqlite3_reset(st);
			return rc;
		}
		r.body = col_text(st, 3);
		r.doc_number = col_text(st, 4);
		r.by = col_text(st, 5);
		r.created_at = sqlite3_column_int64(st, 6);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "reading reports");
}

int
store_dash_files(struct store *s, int64_t task_id,
    void (*cb)(void *, const struct dash_file *), void *arg)
{
	sqlite3_stmt *st;
	struct dash_file r;
	int rc;

	st = store_prep(s, ST_DASH_FILES, "SELECT f.report_id, f.sha256,"
	    " f.name, u.mime, u.size FROM report_file f"
	    " JOIN upload u ON u.sha256 = f.sha256"
	    " JOIN report r ON r.id = f.report_id"
	    " JOIN occurrence o ON o.id = r.occurrence_id"
	    " WHERE o.task_id = ?1 ORDER BY f.report_id, f.name");
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.report_id = sqlite3_column_int64(st, 0);
		r.sha256 = col_text(st, 1);
		r.name = col_text(st, 2);
		r.mime = col_text(st, 3);
		r.size = sqlite3_column_int64(st, 4);
		cb(arg, &r);
	}
	return done_rows(s, st, rc, "reading a report's files");
}

#define EXT_COLS "SELECT x.id, x.occurrence_id, t.id, t.title, a.id, a.code," \
	" a.name, x.old_due, x.new_due, o.due_at, o.state, x.reason," \
	" x.state, coalesce(c.name, u.name), x.created_at, d.name," \
	" coalesce(x.decided_at, 0), x.decision_note, o.ack_code" \
	" FROM extension x" \
	" JOIN occurrence o ON o.id = x.occurrence_id" \
	" JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = t.lead_id" \
	" LEFT JOIN contact c ON c.id = x.contact_id" \
	" LEFT JOIN web_user u ON u.id = x.user_id" \
	" LEFT JOIN web_user d ON d.id = x.decided_by "

static int
exts_run(struct store *s, sqlite3_stmt *st,
    void (*cb)(void *, const struct dash_ext *), void *arg)
{
	struct dash_ext r;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.occ_id = sqlite3_column_int64(st, 1);
		r.task_id = sqlite3_column_int64(st, 2);
		r.task_title = col_text(st, 3);
		r.lead_id = sqlite3_column_int64(st, 4);
		r.lead_code = col_text(st, 5);
		r.lead_name = col_text(st, 6);
		r.old_due = sqlite3_column_int64(st, 7);
		r.new_due = sqlite3_column_int64(st, 8);
		r.due_now = sqlite3_column_int64(st, 9);
		if (occ_state_parse(col_text(st, 10), &r.occ_state) == -1 ||
		    ext_state_parse(col_text(st, 12), &r.state) == -1) {
			rc = store_bad_word(s, "occurrence or extension state",
			    col_text(st, 12));
			sqlite3_reset(st);
			return rc;
		}
		r.reason = col_text(st, 11);
		r.by = col_text(st, 13);
		r.created_at = sqlite3_column_int64(st, 14);
		r.decided_by = col_text(st, 15);
		r.decided_at = sqlite3_column_int64(st, 16);
		r.note = col_text(st, 17);
		r.ack_code = col_text(st, 18);
		n++;
		cb(arg, &r);
	}
	if (done_rows(s, st, rc, "reading requests for more time") == -1)
		return -1;
	return n > 0;
}

int
store_dash_exts(struct store *s, int64_t task_id, int pending_only,
    void (*cb)(void *, const struct dash_ext *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_EXTS, EXT_COLS
	    "WHERE (?1 = 0 OR t.id = ?1) AND (?2 = 0 OR x.state = ?3)"
	    " ORDER BY x.created_at, x.id");
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int(st, 2, pending_only);
	bind_text(st, 3, ext_state_name(EXT_PENDING));
	return exts_run(s, st, cb, arg) == -1 ? -1 : 0;
}

int
store_dash_ext(struct store *s, int64_t id,
    void (*cb)(void *, const struct dash_ext *), void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_EXT, EXT_COLS "WHERE x.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	return exts_run(s, st, cb, arg);
}

int
store_dash_ext_decide(struct store *s, int64_t id, enum ext_state state,
    int64_t user_id, const char *note, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_DASH_EXT_DECIDE, "UPDATE extension SET"
	    " state = ?1, decided_by = ?2, decided_at = ?3,"
	    " decision_note = ?4 WHERE id = ?5 AND state = ?6");
	bind_text(st, 1, ext_state_name(state));
	if (user_id != 0)
		sqlite3_bind_int64(st, 2, user_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, now);
	bind_text(st, 4, note != NULL && *note != '\0' ? note : NULL);
	sqlite3_bind_int64(st, 5, id);
	bind_text(st, 6, ext_state_name(EXT_PENDING));
	if (store_step_done(s, st, "deciding a request for more time") == -1)
		return -1;
	return sqlite3_changes(s->db) ? 0 : 1;
}

int
store_dash_last_reminder(struct store *s, int64_t occ_id, int *step,
    char *target, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_DASH_LAST_REMINDER, "SELECT step, target"
	    " FROM job WHERE occurrence_id = ?1 AND kind = ?2 AND state = ?3"
	    " ORDER BY fire_at DESC, id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, occ_id);
	bind_text(st, 2, job_kind_name(JOB_REMINDER));
	bind_text(st, 3, job_state_name(JOB_FIRED));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*step = sqlite3_column_int(st, 0);
		snprintf(target, len, "%s", col_text(st, 1) ? col_text(st, 1) :
		    "lead");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding a reminder");
}
