/*
 * store-web.c: the web pages' accounts, sessions and personal-link
 * versions, and the audit log with its actor.  A session is found by the
 * digest of its cookie: the cookie itself is never stored, so a copy of
 * the database (a backup, a group member reading it) opens no session.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"
#include "store-web.h"

static int
wusers_run(struct store *s, sqlite3_stmt *st, wuser_cb cb, void *arg)
{
	struct wuser_row r;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.name = col_text(st, 1);
		if (web_role_parse(col_text(st, 2), &r.role) == -1) {
			store_bad_word(s, "web_user.role", col_text(st, 2));
			sqlite3_reset(st);
			return -1;
		}
		r.agency_id = sqlite3_column_int64(st, 3);
		r.pwhash = col_text(st, 4);
		r.disabled = sqlite3_column_int(st, 5);
		r.failures = sqlite3_column_int(st, 6);
		r.locked_until = sqlite3_column_int64(st, 7);
		r.created_at = sqlite3_column_int64(st, 8);
		n++;
		if (cb != NULL)
			cb(arg, &r);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "reading web accounts");
	return n > 0;
}

/*
 * The hash is only read to sign in, by the daemon, which has the token
 * file attached; an operator's read-only CLI lists accounts without it.
 */
#define WUSER_COLS "SELECT id, name, role, agency_id, NULL, disabled," \
	" failures, locked_until, created_at FROM web_user "
#define WUSER_COLS_PW "SELECT u.id, u.name, u.role, u.agency_id, p.pwhash," \
	" u.disabled, u.failures, u.locked_until, u.created_at FROM web_user u" \
	" LEFT JOIN tokens.web_password p ON p.user_id = u.id "

int
store_wuser_add(struct store *s, const char *name, enum web_role role,
    int64_t agency_id, const char *pwhash, time_t now, int64_t *id)
{
	sqlite3_stmt *st;

	int64_t uid;

	st = store_prep(s, ST_WUSER_ADD, "INSERT INTO web_user (name, role,"
	    " agency_id, created_at) VALUES (?, ?, ?, ?)");
	bind_text(st, 1, name);
	bind_text(st, 2, web_role_name(role));
	if (agency_id != 0)
		sqlite3_bind_int64(st, 3, agency_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, now);
	if (store_step_done(s, st, "adding a web account") == -1)
		return -1;
	uid = sqlite3_last_insert_rowid(s->db);
	if (id != NULL)
		*id = uid;
	return pwhash != NULL ? store_wuser_set_pw(s, uid, pwhash) : 0;
}

int
store_wuser_get(struct store *s, const char *name, wuser_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_GET, WUSER_COLS_PW "WHERE u.name = ?");
	bind_text(st, 1, name);
	return wusers_run(s, st, cb, arg);
}

int
store_wuser_by_id(struct store *s, int64_t id, wuser_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_BY_ID, WUSER_COLS "WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	return wusers_run(s, st, cb, arg);
}

int
store_wuser_list(struct store *s, wuser_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_LIST, WUSER_COLS "ORDER BY name");
	return wusers_run(s, st, cb, arg) == -1 ? -1 : 0;
}

int
store_wuser_set_pw(struct store *s, int64_t id, const char *pwhash)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_PW, "INSERT OR REPLACE INTO"
	    " tokens.web_password (user_id, pwhash) VALUES (?, ?)");
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, pwhash);
	if (store_step_done(s, st, "changing a password") == -1)
		return -1;
	return store_wuser_failed(s, id, 0, 0);
}

int
store_wuser_disable(struct store *s, int64_t id, int disabled)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_DISABLE, "UPDATE web_user SET"
	    " disabled = ? WHERE id = ?");
	sqlite3_bind_int(st, 1, disabled != 0);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(s, st, "disabling a web account");
}

int
store_wuser_failed(struct store *s, int64_t id, int failures,
    time_t locked_until)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WUSER_FAILED, "UPDATE web_user SET"
	    " failures = ?, locked_until = ? WHERE id = ?");
	sqlite3_bind_int(st, 1, failures);
	sqlite3_bind_int64(st, 2, locked_until);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(s, st, "counting a refused sign-in");
}

int
store_wsess_add(struct store *s, const char *id, int64_t user_id,
    int64_t contact_id, int64_t link_version, const char *csrf,
    const char *peer, time_t now, time_t expires)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WSESS_ADD, "INSERT INTO web_session (id,"
	    " user_id, contact_id, link_version, csrf, peer, created_at,"
	    " seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?7, ?8)");
	bind_text(st, 1, id);
	if (user_id != 0)
		sqlite3_bind_int64(st, 2, user_id);
	else
		sqlite3_bind_null(st, 2);
	if (contact_id != 0)
		sqlite3_bind_int64(st, 3, contact_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, link_version);
	bind_text(st, 5, csrf);
	bind_text(st, 6, peer);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int64(st, 8, expires);
	return store_step_done(s, st, "opening a web session");
}

int
store_wsess_get(struct store *s, const char *id, wsess_cb cb, void *arg)
{
	struct wsess_row r;
	sqlite3_stmt *st;
	int rc, n = 0;

	st = store_prep(s, ST_WSESS_GET, "SELECT coalesce(user_id, 0),"
	    " coalesce(contact_id, 0), link_version, csrf, created_at,"
	    " seen_at, expires_at FROM web_session WHERE id = ?");
	bind_text(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.user_id = sqlite3_column_int64(st, 0);
		r.contact_id = sqlite3_column_int64(st, 1);
		r.link_version = sqlite3_column_int64(st, 2);
		r.csrf = col_text(st, 3);
		r.created_at = sqlite3_column_int64(st, 4);
		r.seen_at = sqlite3_column_int64(st, 5);
		r.expires_at = sqlite3_column_int64(st, 6);
		n++;
		cb(arg, &r);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, "reading a web session");
	return n > 0;
}

int
store_wsess_seen(struct store *s, const char *id, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WSESS_SEEN, "UPDATE web_session SET"
	    " seen_at = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, id);
	return store_step_done(s, st, "noting a web session");
}

int
store_wsess_del(struct store *s, const char *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WSESS_DEL, "DELETE FROM web_session WHERE"
	    " id = ?");
	bind_text(st, 1, id);
	return store_step_done(s, st, "closing a web session");
}

int
store_wsess_del_user(struct store *s, int64_t user_id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WSESS_DEL_USER, "DELETE FROM web_session"
	    " WHERE user_id = ?");
	sqlite3_bind_int64(st, 1, user_id);
	return store_step_done(s, st, "closing an account's sessions");
}

int
store_wsess_purge(struct store *s, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_WSESS_PURGE, "DELETE FROM web_session WHERE"
	    " expires_at <= ?");
	sqlite3_bind_int64(st, 1, now);
	return store_step_done(s, st, "forgetting old web sessions");
}

int
store_link_version(struct store *s, int64_t contact, int64_t *version)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_LINK_VERSION, "SELECT link_version FROM"
	    " contact WHERE id = ? AND active");
	sqlite3_bind_int64(st, 1, contact);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a link version");
}

int
store_link_bump(struct store *s, int64_t contact)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_LINK_BUMP, "UPDATE contact SET link_version ="
	    " link_version + 1 WHERE id = ?");
	sqlite3_bind_int64(st, 1, contact);
	if (store_step_done(s, st, "revoking a personal link") == -1)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 1 : 0;
}

int
store_event_by(struct store *s, enum event_kind kind, int64_t occ_id,
    const char *actor, const char *detail, time_t now)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_EVENT_BY, "INSERT INTO event (at, kind,"
	    " occurrence_id, detail, actor) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, event_kind_name(kind));
	if (occ_id != 0)
		sqlite3_bind_int64(st, 3, occ_id);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, detail);
	bind_text(st, 5, actor);
	return store_step_done(s, st, "logging event");
}
