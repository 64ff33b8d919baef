/*
 * store-agency.c: agencies (with their groups and parents), contacts and
 * plans: the directory side of the store.
 */
#include <stdio.h>
#include <string.h>

#include "store-private.h"

static void
read_agency(sqlite3_stmt *st, struct agency_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->code = col_text(st, 1);
	r->name = col_text(st, 2);
	r->parent_id = sqlite3_column_int64(st, 3);
	r->parent_code = col_text(st, 4);
	r->groups = col_text(st, 5);
	r->aliases = col_text(st, 6);
}

#define AGENCY_COLS \
	"SELECT a.id, a.code, a.name, a.parent_id, p.code," \
	" (SELECT group_concat(g.name, ',') FROM agency_group g" \
	"  WHERE g.agency_id = a.id), a.aliases" \
	" FROM agency a LEFT JOIN agency p ON p.id = a.parent_id "

/*
 * Adds an agency.  The parent must exist already, which also rules out a
 * cycle: a new agency cannot be anyone's parent yet.
 */
int
store_agency_add(struct store *s, const char *code, const char *name,
    const char *parent_code, const char *const *groups, int ngroups,
    time_t now, int64_t *id)
{
	sqlite3_stmt *st;
	int64_t parent = 0;
	int i, rc;

	if (parent_code != NULL && *parent_code != '\0') {
		if ((rc = store_agency_get(s, parent_code, &parent, NULL)) ==
		    -1)
			return -1;
		if (rc == 0) {
			snprintf(s->err, sizeof(s->err), "unknown parent "
			    "agency \"%s\"", parent_code);
			return -1;
		}
	}
	st = store_prep(s, ST_AGENCY_ADD, "INSERT INTO agency (code, name,"
	    " parent_id, created_at) VALUES (?, ?, ?, ?)");
	bind_text(st, 1, code);
	bind_text(st, 2, name);
	if (parent != 0)
		sqlite3_bind_int64(st, 3, parent);
	sqlite3_bind_int64(st, 4, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		snprintf(s->err, sizeof(s->err), "agency \"%s\" exists "
		    "already", code);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, "adding agency");
	*id = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < ngroups; i++) {
		st = store_prep(s, ST_GROUP_ADD, "INSERT OR IGNORE INTO "
		    "agency_group (agency_id, name) VALUES (?, ?)");
		sqlite3_bind_int64(st, 1, *id);
		bind_text(st, 2, groups[i]);
		if (store_step_done(s, st, "adding agency group") == -1)
			return -1;
	}
	return 0;
}

/* Finds an agency by code: 1 found, 0 not, -1 error. */
int
store_agency_get(struct store *s, const char *code, int64_t *id,
    int64_t *parent_id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_AGENCY_GET,
	    "SELECT id, parent_id FROM agency WHERE code = ?");
	bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (parent_id != NULL)
			*parent_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding agency");
}

/* The version feed tokens of agency CODE must carry: 1, 0 none, -1. */
int
store_agency_feed_version(struct store *s, const char *code, int64_t *v)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_AGENCY_FEED_VERSION,
	    "SELECT feed_version FROM agency WHERE code = ?");
	bind_text(st, 1, code);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading feed version");
}

/* Makes every feed token of CODE so far invalid: 1, 0 none, -1. */
int
store_agency_feed_revoke(struct store *s, const char *code)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_AGENCY_FEED_REVOKE, "UPDATE agency SET"
	    " feed_version = feed_version + 1 WHERE code = ?");
	bind_text(st, 1, code);
	if (store_step_done(s, st, "revoking feed tokens") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
store_agency_by_id(struct store *s, int64_t id, agency_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct agency_row r;
	int rc;

	st = store_prep(s, ST_AGENCY_BY_ID, AGENCY_COLS "WHERE a.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_agency(st, &r);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading agency");
}

int
store_agency_list(struct store *s, agency_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct agency_row r;
	int rc;

	st = store_prep(s, ST_AGENCY_LIST, AGENCY_COLS "ORDER BY a.code");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_agency(st, &r);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing agencies");
}

int
store_contact_add(struct store *s, const struct contact_row *c, time_t now,
    int64_t *id)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACT_ADD, "INSERT INTO contact (agency_id,"
	    " name, role, phone, zalo, email, telegram, active, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, c->agency_id);
	bind_text(st, 2, c->name);
	bind_text(st, 3, c->role);
	bind_text(st, 4, c->phone);
	bind_text(st, 5, c->zalo);
	bind_text(st, 6, c->email);
	bind_text(st, 7, c->telegram);
	sqlite3_bind_int(st, 8, c->active);
	sqlite3_bind_int64(st, 9, now);
	if (store_step_done(s, st, "adding contact") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int
contacts_run(struct store *s, sqlite3_stmt *st, contact_cb cb, void *arg)
{
	struct contact_row r;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.agency_id = sqlite3_column_int64(st, 1);
		r.agency_code = col_text(st, 2);
		r.name = col_text(st, 3);
		r.role = col_text(st, 4);
		r.phone = col_text(st, 5);
		r.zalo = col_text(st, 6);
		r.email = col_text(st, 7);
		r.telegram = col_text(st, 8);
		r.active = sqlite3_column_int(st, 9);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing contacts");
}

#define CONTACT_COLS \
	"SELECT c.id, c.agency_id, a.code, c.name, c.role, c.phone, c.zalo," \
	" c.email, c.telegram, c.active FROM contact c" \
	" JOIN agency a ON a.id = c.agency_id "

int
store_contact_list(struct store *s, const char *agency_code, contact_cb cb,
    void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACT_LIST, CONTACT_COLS
	    "WHERE ?1 IS NULL OR a.code = ?1 ORDER BY a.code, c.id");
	bind_text(st, 1, agency_code);
	return contacts_run(s, st, cb, arg);
}

int
store_contact_get(struct store *s, int64_t id, contact_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACT_GET, CONTACT_COLS "WHERE c.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	return contacts_run(s, st, cb, arg);
}

/* Active contacts whose phone (E.164) or Zalo user_id is ADDRESS. */
int
store_contacts_by_address(struct store *s, const char *address,
    contact_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACTS_BY_ADDR, CONTACT_COLS
	    "WHERE c.active AND (c.phone = ?1 OR c.zalo = ?1) ORDER BY c.id");
	bind_text(st, 1, address);
	return contacts_run(s, st, cb, arg);
}

/*
 * Whether CONTACT was sent (or is being sent) anything about occurrence
 * OCC: 1 or 0, -1 on errors.  Who was told may answer.
 */
int
store_contact_was_told(struct store *s, int64_t contact, int64_t occ)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	st = store_prep(s, ST_CONTACT_TOLD, "SELECT EXISTS (SELECT 1 FROM"
	    " message m JOIN job j ON j.id = m.job_id WHERE m.contact_id = ?1"
	    " AND j.occurrence_id = ?2)");
	sqlite3_bind_int64(st, 1, contact);
	sqlite3_bind_int64(st, 2, occ);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? n : store_fail(s, "checking a reply");
}

/* Active contacts of an agency whose role is in the ROLE_* mask. */
int
store_contacts_for(struct store *s, int64_t agency_id, int roles,
    contact_cb cb, void *arg)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACTS_FOR, CONTACT_COLS
	    "WHERE c.agency_id = ?1 AND c.active AND"
	    " ((?2 & 1 AND c.role = 'head') OR (?2 & 2 AND c.role = 'deputy')"
	    "  OR (?2 & 4 AND c.role = 'focal')) ORDER BY c.id");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, roles);
	return contacts_run(s, st, cb, arg);
}

int
store_plan_add(struct store *s, const struct plan_row *p, time_t now,
    int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_PLAN_ADD, "INSERT INTO plan (code, title,"
	    " issuer, issued_on, created_at, period_from, period_until)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)");
	bind_text(st, 1, p->code);
	bind_text(st, 2, p->title);
	bind_text(st, 3, p->issuer);
	bind_text(st, 4, p->issued_on);
	sqlite3_bind_int64(st, 5, now);
	bind_text(st, 6, p->period_from);
	bind_text(st, 7, p->period_until);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		snprintf(s->err, sizeof(s->err), "plan \"%s\" exists already",
		    p->code);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, "adding plan");
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_plan_get(struct store *s, const char *code, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_PLAN_GET, "SELECT id FROM plan WHERE code = ?");
	bind_text(st, 1, code);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding plan");
}

int
store_plan_set_period(struct store *s, const char *code, const char *from,
    const char *until)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_PLAN_SET_PERIOD, "UPDATE plan SET"
	    " period_from = ?, period_until = ? WHERE code = ?");
	bind_text(st, 1, from);
	bind_text(st, 2, until);
	bind_text(st, 3, code);
	if (store_step_done(s, st, "setting a plan's period") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
store_plan_period(struct store *s, int64_t id, char *from, char *until,
    size_t len)
{
	sqlite3_stmt *st;
	int rc;

	from[0] = until[0] = '\0';
	st = store_prep(s, ST_PLAN_PERIOD, "SELECT period_from, period_until"
	    " FROM plan WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(from, len, "%s", col_text(st, 0) ? col_text(st, 0) :
		    "");
		snprintf(until, len, "%s", col_text(st, 1) ? col_text(st, 1) :
		    "");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a plan's period");
}

int
store_plan_list(struct store *s, plan_cb cb, void *arg)
{
	sqlite3_stmt *st;
	struct plan_row r;
	int rc;

	st = store_prep(s, ST_PLAN_LIST, "SELECT id, code, title, issuer,"
	    " issued_on, period_from, period_until FROM plan ORDER BY code");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.code = col_text(st, 1);
		r.title = col_text(st, 2);
		r.issuer = col_text(st, 3);
		r.issued_on = col_text(st, 4);
		r.period_from = col_text(st, 5);
		r.period_until = col_text(st, 6);
		cb(arg, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing plans");
}

/* Changes what PATCH gives of contact ID: 1 changed, 0 none, -1 error. */
int
store_contact_update(struct store *s, int64_t id,
    const struct contact_patch *p)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_CONTACT_UPDATE, "UPDATE contact SET"
	    " name = CASE WHEN ?1 THEN ?2 ELSE name END,"
	    " role = CASE WHEN ?3 THEN ?4 ELSE role END,"
	    " phone = CASE WHEN ?5 THEN ?6 ELSE phone END,"
	    " zalo = CASE WHEN ?7 THEN ?8 ELSE zalo END,"
	    " email = CASE WHEN ?9 THEN ?10 ELSE email END,"
	    " telegram = CASE WHEN ?11 THEN ?12 ELSE telegram END,"
	    " active = CASE WHEN ?13 THEN ?14 ELSE active END"
	    " WHERE id = ?15");
	bind_patch(st, 1, &p->name);
	bind_patch(st, 3, &p->role);
	bind_patch(st, 5, &p->phone);
	bind_patch(st, 7, &p->zalo);
	bind_patch(st, 9, &p->email);
	bind_patch(st, 11, &p->telegram);
	sqlite3_bind_int(st, 13, p->active >= 0);
	sqlite3_bind_int(st, 14, p->active > 0);
	sqlite3_bind_int64(st, 15, id);
	if (store_step_done(s, st, "updating contact") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/*
 * Renames agency CODE or moves it under PARENT (a code; empty for none).
 * 1 changed, 0 no such agency, -1 error.  A parent that is the agency
 * itself or one of its own descendants is refused by the caller.
 */
int
store_agency_update(struct store *s, const char *code,
    const struct patch_str *name, const struct patch_str *parent)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_AGENCY_UPDATE, "UPDATE agency SET"
	    " name = CASE WHEN ?1 THEN ?2 ELSE name END,"
	    " parent_id = CASE WHEN ?3 THEN"
	    "   (SELECT id FROM agency WHERE code = ?4) ELSE parent_id END"
	    " WHERE code = ?5");
	bind_patch(st, 1, name);
	bind_patch(st, 3, parent);
	bind_text(st, 5, code);
	if (store_step_done(s, st, "updating agency") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/* Whether agency ANCESTOR is CODE itself or above it: 1, 0, or -1. */
int
store_agency_is_above(struct store *s, const char *ancestor,
    const char *code)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	st = store_prep(s, ST_AGENCY_ABOVE, "WITH RECURSIVE up(id, parent) AS"
	    " (SELECT id, parent_id FROM agency WHERE code = ?2"
	    "  UNION SELECT a.id, a.parent_id FROM agency a JOIN up"
	    "  ON a.id = up.parent)"
	    " SELECT EXISTS (SELECT 1 FROM up JOIN agency a ON a.id = up.id"
	    " WHERE a.code = ?1)");
	bind_text(st, 1, ancestor);
	bind_text(st, 2, code);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? n : store_fail(s, "walking agencies");
}

int
store_plan_update(struct store *s, const char *code,
    const struct patch_str *title, const struct patch_str *issuer,
    const struct patch_str *date)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_PLAN_UPDATE, "UPDATE plan SET"
	    " title = CASE WHEN ?1 THEN ?2 ELSE title END,"
	    " issuer = CASE WHEN ?3 THEN ?4 ELSE issuer END,"
	    " issued_on = CASE WHEN ?5 THEN ?6 ELSE issued_on END"
	    " WHERE code = ?7");
	bind_patch(st, 1, title);
	bind_patch(st, 3, issuer);
	bind_patch(st, 5, date);
	bind_text(st, 7, code);
	if (store_step_done(s, st, "updating plan") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/* Sets the phrases (";"-separated) that also name agency ID. */
int
store_agency_set_aliases(struct store *s, int64_t id, const char *aliases)
{
	sqlite3_stmt *st;

	st = store_prep(s, ST_AGENCY_ALIASES, "UPDATE agency SET aliases = ?"
	    " WHERE id = ?");
	bind_text(st, 1, aliases);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(s, st, "setting agency aliases");
}

/* Replaces the groups of agency ID with GROUPS. */
int
store_agency_set_groups(struct store *s, int64_t id,
    const char *const *groups, int n)
{
	sqlite3_stmt *st;
	int i;

	st = store_prep(s, ST_GROUPS_CLEAR, "DELETE FROM agency_group"
	    " WHERE agency_id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (store_step_done(s, st, "clearing agency groups") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		st = store_prep(s, ST_GROUP_ADD, "INSERT OR IGNORE INTO "
		    "agency_group (agency_id, name) VALUES (?, ?)");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, groups[i]);
		if (store_step_done(s, st, "adding agency group") == -1)
			return -1;
	}
	return 0;
}

/* The contact of agency AGENCY named NAME: 1 with *ID, 0 none, -1. */
int
store_contact_find(struct store *s, int64_t agency, const char *name,
    int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	st = store_prep(s, ST_CONTACT_FIND, "SELECT id FROM contact"
	    " WHERE agency_id = ?1 AND name = ?2 ORDER BY id LIMIT 1");
	sqlite3_bind_int64(st, 1, agency);
	bind_text(st, 2, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "finding a contact");
}
