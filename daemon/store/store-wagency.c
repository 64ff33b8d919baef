/*
 * store-wagency.c: the agency's pages' reads and writes (store-wagency.h).
 * Whether an agency may see a thing is decided here, in the query that
 * reads it, so a page cannot forget to ask.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"
#include "store-wagency.h"

/*
 * The open deadlines with what the list shows of each: a pending
 * request's date and the last progress report.  ?1 is the agency.
 */
#define WTASK_COLS "SELECT t.id, o.id, p.code, t.ref, t.title, a.code," \
	" a.name, o.due_at," \
	" (SELECT e.new_due FROM extension e WHERE e.occurrence_id = o.id" \
	"  AND e.state = 'pending' ORDER BY e.id DESC LIMIT 1)," \
	" (SELECT max(r.created_at) FROM report r" \
	"  WHERE r.occurrence_id = o.id)," \
	" (SELECT count(*) FROM report r WHERE r.occurrence_id = o.id)" \
	" FROM occurrence o JOIN task t ON t.id = o.task_id" \
	" JOIN plan p ON p.id = t.plan_id JOIN agency a ON a.id = t.lead_id" \
	" WHERE o.state = 'open' AND "

int
store_wagency_tasks(struct store *s, int64_t agency, int coop, wtask_cb cb,
    void *arg)
{
	struct wtask_row r;
	sqlite3_stmt *st;
	int rc;

	if (coop)
		st = store_prep(s, ST_WA_COOP_TASKS, WTASK_COLS
		    "t.id IN (SELECT task_id FROM task_coop WHERE"
		    " agency_id = ?1) AND t.lead_id != ?1"
		    " ORDER BY o.due_at, t.id");
	else
		st = store_prep(s, ST_WA_LEAD_TASKS, WTASK_COLS
		    "t.lead_id = ?1 ORDER BY o.due_at, t.id");
	sqlite3_bind_int64(st, 1, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.task_id = sqlite3_column_int64(st, 0);
		r.occ_id = sqlite3_column_int64(st, 1);
		r.plan_code = col_text(st, 2);
		r.ref = col_text(st, 3);
		r.title = col_text(st, 4);
		r.lead_code = col_text(st, 5);
		r.lead_name = col_text(st, 6);
		r.due_at = sqlite3_column_int64(st, 7);
		r.ext_due = sqlite3_column_int64(st, 8);
		r.last_report = sqlite3_column_int64(st, 9);
		r.nreports = sqlite3_column_int(st, 10);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading an agency's "
	    "tasks");
}

int
store_wagency_access(struct store *s, int64_t agency, int64_t task)
{
	sqlite3_stmt *st;
	int rc, v = WA_NONE;

	st = store_prep(s, ST_WA_ACCESS, "SELECT CASE WHEN t.lead_id = ?1"
	    " THEN 2 WHEN EXISTS (SELECT 1 FROM task_coop c WHERE"
	    " c.task_id = t.id AND c.agency_id = ?1) THEN 1 ELSE 0 END"
	    " FROM task t WHERE t.id = ?2");
	sqlite3_bind_int64(st, 1, agency);
	sqlite3_bind_int64(st, 2, task);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading who may see a task");
	return v;
}

int
store_upload_add(struct store *s, const char *sha256, size_t size,
    const char *mime, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_UPLOAD_ADD, "INSERT OR IGNORE INTO upload"
	    " (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)");
	bind_text(st, 1, sha256);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
	bind_text(st, 3, mime);
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(s, st, "recording an uploaded file");
}

static void
bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id != 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

int
store_wreport_add(struct store *s, int64_t occ, enum report_kind kind,
    const char *body, const char *doc_number, int64_t contact, int64_t user,
    time_t now, int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WREPORT_ADD, "INSERT INTO report"
	    " (occurrence_id, kind, body, doc_number, contact_id, user_id,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, occ);
	bind_text(st, 2, report_kind_name(kind));
	bind_text(st, 3, body);
	bind_text(st, 4, doc_number);
	bind_id(st, 5, contact);
	bind_id(st, 6, user);
	sqlite3_bind_int64(st, 7, now);
	if (store_step_done(s, st, "adding a report") == -1)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_wreport_file(struct store *s, int64_t report, const char *sha256,
    const char *name)
{
	sqlite3_stmt *st;

	/* The same file twice in one report is kept once. */
	st = store_prep(s, ST_WREPORT_FILE, "INSERT OR IGNORE INTO"
	    " report_file (report_id, sha256, name) VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, report);
	bind_text(st, 2, sha256);
	bind_text(st, 3, name);
	return store_step_done(s, st, "attaching a file to a report");
}

int
store_wreport_list(struct store *s, int64_t occ, wreport_cb cb, void *arg)
{
	struct wreport_row r;
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_WREPORT_LIST, "SELECT r.id, r.kind, r.body,"
	    " r.doc_number, coalesce(c.name, u.name), r.created_at,"
	    " (SELECT group_concat(f.name || char(9) || f.sha256, char(10))"
	    "  FROM report_file f WHERE f.report_id = r.id)"
	    " FROM report r LEFT JOIN contact c ON c.id = r.contact_id"
	    " LEFT JOIN web_user u ON u.id = r.user_id"
	    " WHERE r.occurrence_id = ? ORDER BY r.id DESC");
	sqlite3_bind_int64(st, 1, occ);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		if (report_kind_parse(col_text(st, 1), &r.kind) == -1) {
			store_bad_word(s, "report.kind", col_text(st, 1));
			sqlite3_reset(st);
			return -1;
		}
		r.body = col_text(st, 2);
		r.doc_number = col_text(st, 3);
		r.by = col_text(st, 4);
		r.at = sqlite3_column_int64(st, 5);
		r.files = col_text(st, 6);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading reports");
}

int
store_upload_visible(struct store *s, const char *sha256, int64_t agency,
    const char *name, char *mime, size_t mimelen, char *outname,
    size_t namelen)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	/*
	 * The names the file was sent under, in reports on tasks AGENCY
	 * leads or cooperates on (any task, for 0); the name asked for
	 * first.
	 */
	st = store_prep(s, ST_UPLOAD_VISIBLE, "SELECT u.mime, f.name"
	    " FROM upload u JOIN report_file f ON f.sha256 = u.sha256"
	    " JOIN report r ON r.id = f.report_id"
	    " JOIN occurrence o ON o.id = r.occurrence_id"
	    " JOIN task t ON t.id = o.task_id"
	    " WHERE u.sha256 = ?1 AND (?2 = 0 OR t.lead_id = ?2 OR EXISTS"
	    " (SELECT 1 FROM task_coop c WHERE c.task_id = t.id AND"
	    " c.agency_id = ?2)) ORDER BY f.name IS NOT ?3, r.id LIMIT 1");
	bind_text(st, 1, sha256);
	sqlite3_bind_int64(st, 2, agency);
	bind_text(st, 3, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(mime, mimelen, "%s", col_text(st, 0));
		snprintf(outname, namelen, "%s", col_text(st, 1));
		found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading an uploaded file");
	return found;
}

int
store_ext_pending(struct store *s, int64_t occ, time_t *new_due)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_EXT_PENDING, "SELECT new_due FROM extension"
	    " WHERE occurrence_id = ? AND state = 'pending'"
	    " ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, occ);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && new_due != NULL)
		*new_due = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading a request for more time");
	return rc == SQLITE_ROW;
}

int
store_ext_add(struct store *s, int64_t occ, time_t old_due, time_t new_due,
    const char *reason, int64_t contact, int64_t user, time_t now,
    int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_EXT_ADD, "INSERT INTO extension (occurrence_id,"
	    " old_due, new_due, reason, state, contact_id, user_id,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, occ);
	sqlite3_bind_int64(st, 2, old_due);
	sqlite3_bind_int64(st, 3, new_due);
	bind_text(st, 4, reason);
	bind_text(st, 5, ext_state_name(EXT_PENDING));
	bind_id(st, 6, contact);
	bind_id(st, 7, user);
	sqlite3_bind_int64(st, 8, now);
	if (store_step_done(s, st, "adding a request for more time") == -1)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_event_last_by(struct store *s, enum event_kind kind, const char *actor,
    const char *detail, time_t *at)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_EVENT_LAST_BY, "SELECT max(at) FROM event"
	    " WHERE kind = ? AND actor = ? AND detail = ?");
	bind_text(st, 1, event_kind_name(kind));
	bind_text(st, 2, actor);
	bind_text(st, 3, detail);
	return store_min_time(s, st, at, "reading the audit log");
}
