/*
 * test-store.c: the store API and its migrations, on a real SQLite file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

static char dbpath[64];

static int
setup(void **state)
{
	char err[256];
	struct store *s;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/nv-test-store.XXXXXX");
	if ((fd = mkstemp(dbpath)) == -1)
		return -1;
	close(fd);
	if ((s = store_open(dbpath, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	char p[80];

	store_close(*state);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	/* The providers' tokens, kept apart (store-tokens.c). */
	snprintf(p, sizeof(p), "%s.tokens", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tokens-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tokens-shm", dbpath);
	unlink(p);
	return 0;
}

/* A plan with one task whose lead SNV has parent UBND; returns occ id. */
static int64_t
fixture(struct store *s, int64_t *task_id)
{
	struct contact_row c;
	struct plan_row p;
	struct new_task nt;
	int64_t ubnd, snv, plan, cid, occ;
	const char *groups[] = { "so-nganh", "tinh" };

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_agency_add(s, "UBND", "UBND tỉnh", NULL, NULL,
	    0, 900, &ubnd), 0);
	assert_int_equal(store_agency_add(s, "SNV", "Sở Nội vụ", "UBND",
	    groups, 2, 900, &snv), 0);
	memset(&c, 0, sizeof(c));
	c.agency_id = snv;
	c.name = "Giám đốc";
	c.role = "head";
	c.phone = "+84912345678";
	c.active = 1;
	assert_int_equal(store_contact_add(s, &c, 900, &cid), 0);
	c.name = "Chuyên viên";
	c.role = "focal";
	assert_int_equal(store_contact_add(s, &c, 900, &cid), 0);
	memset(&p, 0, sizeof(p));
	p.code = "285/KH-UBND";
	p.title = "Kế hoạch";
	assert_int_equal(store_plan_add(s, &p, 900, &plan), 0);
	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan;
	nt.ref = "1.2";
	nt.title = "Nhiệm vụ";
	nt.lead_id = snv;
	nt.policy = "default";
	nt.coop = &ubnd;
	nt.ncoop = 1;
	assert_int_equal(store_task_add(s, &nt, 1000, task_id), 0);
	assert_int_equal(store_occ_add(s, *task_id, 5000, "ABCDE", 1000,
	    &occ), 0);
	assert_int_equal(store_job_add(s, occ, JOB_REMINDER, 1, "lead", 2000),
	    0);
	assert_int_equal(store_job_add(s, occ, JOB_REMINDER, 2, "lead", 4000),
	    0);
	assert_int_equal(store_job_add(s, occ, JOB_ESCALATION, 1, "parent",
	    6000), 0);
	assert_int_equal(store_commit(s), 0);
	return occ;
}

static void
test_migrations(void **state)
{
	struct store *s = *state, *s2;
	char err[256];

	assert_int_equal(store_schema_version(s), 16);
	/* Opening again runs nothing and keeps the version. */
	s2 = store_open(dbpath, 0, err, sizeof(err));
	assert_non_null(s2);
	assert_int_equal(store_schema_version(s2), 16);
	store_close(s2);
	assert_int_equal(store_healthy(s), 1);
}

static int
count_row(void *arg, int n, char **v, char **names)
{
	(void)n;
	(void)names;
	*(int *)arg = atoi(v[0]);
	return 0;
}

/* The names of the indexes with SQL, ", "-joined, as DB2 sees them. */
static void
index_names(sqlite3 *db, char *buf, size_t len)
{
	sqlite3_stmt *st;
	size_t o = 0;

	buf[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema"
	    " WHERE type = 'index' AND sql IS NOT NULL AND name IN"
	    " ('task_lead', 'task_coop_agency', 'occurrence_open',"
	    " 'occurrence_plan', 'task_plan_ref', 'occurrence_task')"
	    " ORDER BY name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && o < len)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/*
 * Drops the bulk indexes for plan PLAN and commits, so DB sees LEFT (the
 * indexes kept); then builds them again and commits, so DB sees ALL.
 */
static void
drop_then_build(struct store *s, sqlite3 *db, int64_t plan, int fresh,
    const char *left, const char *all)
{
	struct store_bulk b;
	char names[512];

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, STORE_BULK_MIN_ROWS, plan, 1,
	    &b), 1);
	assert_int_equal(b.fresh, fresh);
	assert_int_equal(store_commit(s), 0);
	index_names(db, names, sizeof(names));
	assert_string_equal(names, left);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_end(s, &b), 0);
	assert_int_equal(store_commit(s), 0);
	index_names(db, names, sizeof(names));
	assert_string_equal(names, all);
}

/*
 * A large import drops the indexes it never reads and builds them again
 * before it commits; task_plan_ref only for a plan with no task and rows
 * that cannot find each other; a rollback keeps them all.
 */
static void
test_bulk_indexes(void **state)
{
	static const char all[] = "occurrence_open, occurrence_plan, "
	    "occurrence_task, task_coop_agency, task_lead, task_plan_ref";
	struct store *s = *state;
	struct store_bulk b;
	struct plan_row p;
	sqlite3 *db;
	int64_t task, full, empty;
	char names[512];

	fixture(s, &task);
	assert_int_equal(store_plan_get(s, "285/KH-UBND", &full), 1);
	memset(&p, 0, sizeof(p));
	p.code = "KH-MOI";
	p.title = "Kế hoạch mới";
	assert_int_equal(store_plan_add(s, &p, 900, &empty), 0);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	index_names(db, names, sizeof(names));
	assert_string_equal(names, all);

	/* A small table: inserting costs less than building. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, STORE_BULK_MIN_ROWS - 1, empty,
	    1, &b), 0);
	assert_int_equal(b.dropped, 0);
	store_rollback(s);

	/* A plan with a task keeps task_plan_ref: the import looks up. */
	drop_then_build(s, db, full, 0, "occurrence_task, task_plan_ref", all);

	/* Rows that may find each other keep it too. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, STORE_BULK_MIN_ROWS, empty, 0,
	    &b), 1);
	assert_int_equal(b.fresh, 0);
	assert_int_equal(store_bulk_end(s, &b), 0);
	assert_int_equal(store_commit(s), 0);

	/* An empty plan and rows that cannot: it goes, and comes back. */
	drop_then_build(s, db, empty, 1, "occurrence_task", all);

	/* Rolled back, as after a crash: nothing was ever dropped. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, STORE_BULK_MIN_ROWS, empty, 1,
	    &b), 1);
	store_rollback(s);
	store_bulk_free(&b);
	index_names(db, names, sizeof(names));
	assert_string_equal(names, all);
	sqlite3_close(db);
}

/* Adds a task led by agency LEAD to PLAN in a transaction of its own. */
static int
add_led_by(struct store *s, int64_t plan, int64_t lead)
{
	struct new_task nt;
	int64_t id;
	int rc;

	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan;
	nt.title = "Nhiệm vụ";
	nt.lead_id = lead;
	nt.policy = "default";
	assert_int_equal(store_begin(s), 0);
	rc = store_task_add(s, &nt, 1000, &id);
	store_rollback(s);
	return rc;
}

/*
 * A fresh import goes without SQLite's foreign-key checks, having
 * checked once, under the write lock, the plan and the agencies it was
 * given; any other import, and everything after it, keeps them.
 */
static void
test_bulk_foreign_keys(void **state)
{
	struct store *s = *state;
	struct store_bulk b;
	struct new_task nt;
	struct plan_row p;
	int64_t task, full, empty, snv, ids[2], id;

	fixture(s, &task);
	assert_int_equal(store_plan_get(s, "285/KH-UBND", &full), 1);
	assert_int_equal(store_agency_get(s, "SNV", &snv, NULL), 1);
	memset(&p, 0, sizeof(p));
	p.code = "KH-MOI";
	p.title = "Kế hoạch mới";
	assert_int_equal(store_plan_add(s, &p, 900, &empty), 0);
	/* The checks are on: no task led by an agency that is not there. */
	assert_int_equal(add_led_by(s, empty, 999999), -1);

	/* Fresh: off inside the transaction, on again after it. */
	ids[0] = snv;
	assert_int_equal(store_bulk_open(s, STORE_BULK_MIN_ROWS, empty, 1,
	    ids, 1, &b), 0);
	assert_int_equal(b.fresh, 1);
	assert_int_equal(b.fk_off, 1);
	memset(&nt, 0, sizeof(nt));
	nt.plan_id = empty;
	nt.title = "Nhiệm vụ";
	nt.lead_id = 999999;
	nt.policy = "default";
	assert_int_equal(store_task_add(s, &nt, 1000, &id), 0);
	store_rollback(s);
	store_bulk_finish(s, &b);
	assert_int_equal(b.fk_off, 0);
	assert_int_equal(add_led_by(s, empty, 999999), -1);
	assert_int_equal(add_led_by(s, empty, snv), 0);

	/* An agency gone since the directory was read: refused, checks on. */
	ids[1] = 999999;
	assert_int_equal(store_bulk_open(s, STORE_BULK_MIN_ROWS, empty, 1,
	    ids, 2, &b), -2);
	assert_int_equal(store_begin(s), 0);	/* no transaction left open */
	store_rollback(s);
	assert_int_equal(add_led_by(s, empty, 999999), -1);
	/* So is a plan gone. */
	assert_int_equal(store_bulk_open(s, STORE_BULK_MIN_ROWS, 424242, 1,
	    ids, 1, &b), -2);
	assert_int_equal(add_led_by(s, empty, 999999), -1);

	/* A plan with tasks, or a small table: checked as always. */
	assert_int_equal(store_bulk_open(s, STORE_BULK_MIN_ROWS, full, 1,
	    ids, 1, &b), 0);
	assert_int_equal(b.fk_off, 0);
	assert_int_equal(store_task_add(s, &nt, 1000, &id), -1);
	store_rollback(s);
	store_bulk_finish(s, &b);
	assert_int_equal(store_bulk_open(s, STORE_BULK_MIN_ROWS - 1, empty, 1,
	    ids, 1, &b), 0);
	assert_int_equal(b.fk_off, 0);
	assert_int_equal(store_task_add(s, &nt, 1000, &id), -1);
	store_rollback(s);
	store_bulk_finish(s, &b);
}

/*
 * Schema 16 moves the cooperating agencies into a WITHOUT ROWID table:
 * the rows of a schema 15 database come across, and deleting a task
 * still takes its rows with it.
 */
static void
test_migration_coop(void **state)
{
	struct store *s = *state, *s2;
	sqlite3 *db;
	int64_t task;
	char err[256], sql[160];
	int n = -1;

	fixture(s, &task);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON;"
	    "BEGIN;"
	    "CREATE TABLE old_coop (task_id INTEGER NOT NULL REFERENCES"
	    "  task(id) ON DELETE CASCADE, agency_id INTEGER NOT NULL"
	    "  REFERENCES agency(id), PRIMARY KEY (task_id, agency_id));"
	    "INSERT INTO old_coop SELECT * FROM task_coop;"
	    "DROP TABLE task_coop;"
	    "ALTER TABLE old_coop RENAME TO task_coop;"
	    "CREATE INDEX task_coop_agency ON task_coop(agency_id);"
	    "PRAGMA user_version = 15;"
	    "COMMIT;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM task_coop",
	    count_row, &n, NULL), SQLITE_OK);
	assert_int_equal(n, 1);
	s2 = store_open(dbpath, 0, err, sizeof(err));
	assert_non_null(s2);
	assert_int_equal(store_schema_version(s2), 16);
	store_close(s2);
	n = -1;
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM task_coop",
	    count_row, &n, NULL), SQLITE_OK);
	assert_int_equal(n, 1);
	/* No rowid: the table is its key. */
	assert_int_not_equal(sqlite3_exec(db, "SELECT rowid FROM task_coop",
	    NULL, NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA foreign_keys = ON;"
	    "DELETE FROM job; DELETE FROM occurrence; DELETE FROM task"
	    " WHERE id = %lld;", (long long)task);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	n = -1;
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM task_coop",
	    count_row, &n, NULL), SQLITE_OK);
	assert_int_equal(n, 0);
	sqlite3_close(db);
}

static void
count_expand(void *arg, const struct expand_row *r)
{
	(*(int *)arg)++;
	assert_string_equal(r->rrule, "FREQ=WEEKLY;BYDAY=MO");
	assert_int_equal(r->dtstart, 500);
}

static void
test_recurring_expansion_index(void **state)
{
	struct store *s = *state;
	struct new_task nt;
	int64_t task, lead, plan;
	struct plan_row p;
	time_t at;
	int n = 0;

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_agency_add(s, "A", "A", NULL, NULL, 0, 1,
	    &lead), 0);
	memset(&p, 0, sizeof(p));
	p.code = "P";
	p.title = "P";
	assert_int_equal(store_plan_add(s, &p, 1, &plan), 0);
	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan;
	nt.title = "Hằng tuần";
	nt.lead_id = lead;
	nt.policy = "default";
	nt.sched = SCHED_RRULE;
	nt.rrule = "FREQ=WEEKLY;BYDAY=MO";
	nt.dtstart = 500;
	assert_int_equal(store_task_add(s, &nt, 1, &task), 0);
	assert_int_equal(store_next_expand_at(s, &at), 0);
	assert_int_equal(store_task_expanded(s, task, 900, 2000), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_expand_at(s, &at), 1);
	assert_int_equal(at, 2000);
	assert_int_equal(store_tasks_to_expand(s, 1999, 10, count_expand, &n),
	    0);
	assert_int_equal(store_tasks_to_expand(s, 2000, 10, count_expand, &n),
	    1);
	assert_int_equal(n, 1);
	/* expand_at 0: the rule has ended; never looked at again. */
	assert_int_equal(store_task_expanded(s, task, 900, 0), 0);
	assert_int_equal(store_next_expand_at(s, &at), 0);
}

static void
test_agency_rules(void **state)
{
	struct store *s = *state;
	int64_t id, parent;

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_agency_add(s, "A", "A", NULL, NULL, 0, 1, &id), 0);
	assert_int_equal(store_agency_add(s, "A", "again", NULL, NULL, 0,
	    1, &id), -1);
	assert_non_null(strstr(store_error(s), "exists already"));
	assert_int_equal(store_agency_add(s, "B", "B", "NOPE", NULL, 0, 1,
	    &id),
	    -1);
	assert_non_null(strstr(store_error(s), "unknown parent"));
	assert_int_equal(store_agency_add(s, "B", "B", "A", NULL, 0, 1, &id), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_agency_get(s, "B", &id, &parent), 1);
	assert_true(parent > 0);
	assert_int_equal(store_agency_get(s, "Z", &id, &parent), 0);
}

static int
fire_all(void *arg, const struct due_job *j, struct job_outcome *out)
{
	int *n = arg;

	(*n)++;
	assert_string_equal(j->plan_code, "285/KH-UBND");
	assert_string_equal(j->ack_code, "ABCDE");
	if (j->step == 2)
		out->state = JOB_SKIPPED;
	return 0;
}

static void
test_jobs_due_batches(void **state)
{
	struct store *s = *state;
	int64_t task, next_occ;
	time_t at;
	int n = 0, more;

	fixture(s, &task);
	assert_int_equal(store_next_job_at(s, &at), 1);
	assert_int_equal(at, 2000);
	assert_int_equal(store_begin(s), 0);
	/* Due at 4000: two jobs, but a batch of one leaves "more". */
	assert_int_equal(store_jobs_due(s, 4000, 1, fire_all, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_int_equal(more, 1);
	assert_int_equal(store_jobs_due(s, 4000, 10, fire_all, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_int_equal(more, 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_job_at(s, &at), 1);
	assert_int_equal(at, 6000);
	(void)next_occ;
}

static void
test_done_cancels(void **state)
{
	struct store *s = *state;
	struct occ_row o;
	struct store_counts c;
	char ack[16];
	int64_t task, occ;
	int cancelled = 0;
	time_t at;

	occ = fixture(s, &task);
	assert_int_equal(store_occ_find(s, 0, "abcde", &o, ack, sizeof(ack)),
	    1);
	assert_int_equal(o.id, occ);
	assert_int_equal(store_occ_find(s, task, NULL, &o, ack, sizeof(ack)),
	    1);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_occ_done(s, occ, "tester", "cli", NULL, 3000,
	    &cancelled), 0);
	assert_int_equal(cancelled, 3);
	assert_int_equal(store_occ_done(s, occ, "tester", "cli", NULL, 3000,
	    &cancelled), 1);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_job_at(s, &at), 0);
	assert_int_equal(store_counts(s, 9999, &c), 0);
	assert_int_equal(c.occ_open, 0);
	assert_int_equal(c.jobs_pending, 0);
}

static void
test_move_and_cancel(void **state)
{
	struct store *s = *state;
	int64_t task, occ;
	int cancelled = 0;
	time_t at;

	occ = fixture(s, &task);
	assert_int_equal(store_begin(s), 0);
	/* Moving the deadline cancels what was planned for the old one. */
	assert_int_equal(store_occ_move(s, occ, 9000, 1500, &cancelled), 0);
	assert_int_equal(cancelled, 3);
	assert_int_equal(store_job_add(s, occ, JOB_REMINDER, 1, "lead", 8000),
	    0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_job_at(s, &at), 1);
	assert_int_equal(at, 8000);
	/* Cancelling closes it and its new job. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_occ_close(s, occ, OCC_CANCELLED, "op", "cli",
	    "no longer needed", 1600, &cancelled), 0);
	assert_int_equal(cancelled, 1);
	assert_int_equal(store_occ_move(s, occ, 9500, 1600, &cancelled), 1);
	assert_int_equal(store_occ_done(s, occ, NULL, "cli", NULL, 1600,
	    &cancelled), 1);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_job_at(s, &at), 0);
}

struct claimed {
	int	 n;
	char	 key[64];
	char	 contact[64];
	char	 mail_id[96];
};

static void
claim_cb(void *arg, const struct msg_row *m)
{
	struct claimed *c = arg;

	c->n++;
	snprintf(c->key, sizeof(c->key), "%s", m->idem_key);
	snprintf(c->contact, sizeof(c->contact), "%s", m->contact_name);
	snprintf(c->mail_id, sizeof(c->mail_id), "%s", m->mail_id);
	assert_int_equal(m->attempts, 1);
	assert_string_equal(m->agency_code, "SNV");
}

static void
mail_id_cb(void *arg, const struct msg_row *m)
{
	snprintf(arg, 96, "%s", m->mail_id);
}

static void
test_outbox_lifecycle(void **state)
{
	struct store *s = *state;
	struct new_msg nm;
	struct claimed cl;
	struct store_counts c;
	int64_t task, occ, id, id2, n, at;
	char first_mail_id[96], want[96];

	occ = fixture(s, &task);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = 1;
	nm.contact_id = 1;
	nm.provider = "hook";
	nm.address = "+84912345678";
	nm.body = "Nhắc việc";
	nm.idem_key = "nv-1-1";
	nm.now = 2000;
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msg_add(s, &nm, &id), 0);
	assert_true(id > 0);
	/* The same key again queues nothing: a job expands once. */
	assert_int_equal(store_msg_add(s, &nm, &id2), 0);
	assert_int_equal(id2, 0);
	assert_int_equal(store_commit(s), 0);
	/* Due times are kept in milliseconds. */
	assert_int_equal(store_next_msg_ms(s, "hook", &at), 1);
	assert_int_equal(at, 2000000);
	assert_int_equal(store_next_msg_ms(s, "other", &at), 0);

	memset(&cl, 0, sizeof(cl));
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msgs_claim(s, "hook", 1999999, 10, claim_cb,
	    &cl), 0);
	assert_int_equal(store_msgs_claim(s, "hook", 2000000, 10, claim_cb,
	    &cl), 1);
	assert_int_equal(store_commit(s), 0);
	assert_string_equal(cl.key, "nv-1-1");
	/* The Message-ID part: job, contact, random, the install id. */
	assert_int_equal(strlen(store_install_id(s)), 16);
	snprintf(want, sizeof(want), "nv.1.1.");
	assert_memory_equal(cl.mail_id, want, strlen(want));
	assert_int_equal(strlen(cl.mail_id), strlen(want) + 8 + 1 + 16);
	assert_string_equal(cl.mail_id + strlen(cl.mail_id) - 16,
	    store_install_id(s));
	snprintf(first_mail_id, sizeof(first_mail_id), "%s", cl.mail_id);
	assert_string_equal(cl.contact, "Giám đốc");
	assert_int_equal(store_counts(s, 2000, &c), 0);
	assert_int_equal(c.msgs[MSG_SENDING], 1);

	/* A crash now: at start-up the message is in doubt and requeued. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_recover_in_doubt(s, 3000, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_counts(s, 3000, &c), 0);
	assert_int_equal(c.msgs[MSG_QUEUED], 1);
	assert_int_equal(c.in_doubt, 1);

	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msg_update(s, id, MSG_QUEUED, 3500123,
	    "HTTP 500",
	    NULL, 3000), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_next_msg_ms(s, "hook", &at), 1);
	assert_int_equal(at, 3500123);
	memset(&cl, 0, sizeof(cl));
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msgs_claim(s, "hook", 3500122, 10, claim_cb,
	    &cl), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msg_update(s, id, MSG_DEAD, 3500, "gave up",
	    NULL, 3500), 0);
	assert_int_equal(store_msg_cancel(s, id, 3600), 0);
	assert_int_equal(store_msg_cancel(s, id, 3600), 1);
	assert_int_equal(store_msg_retry(s, id, 3700), 0);
	/* A resend keeps its Message-ID. */
	assert_int_equal(store_msgs_claim(s, "hook", 3700000, 10, mail_id_cb,
	    want), 1);
	assert_string_equal(want, first_mail_id);
	assert_int_equal(store_msg_update(s, id, MSG_SENT, 3800, NULL, "pid-1",
	    3800), 0);
	assert_int_equal(store_msg_retry(s, id, 3900), 1);
	assert_int_equal(store_event(s, EV_FAILED, occ, id, "x", 3900), 0);
	/* A fallback is a new message linked to the first. */
	{
		int64_t fb, next;

		assert_int_equal(store_msg_fallback(s, id, 1, "console",
		    "+84912345678", 4000, &fb), 0);
		assert_true(fb > id);
		assert_int_equal(store_msg_next_in_chain(s, id, &next), 1);
		assert_int_equal(next, fb);
		assert_int_equal(store_msg_next_in_chain(s, fb, &next), 0);
		/* Its key is the first one's plus the channel. */
		assert_int_equal(store_msg_fallback(s, fb, 2, "hook", "x",
		    4000, &next), 0);
		assert_int_equal(store_msg_cancel(s, next, 4000), 0);
	}
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_counts(s, 3900, &c), 0);
	assert_int_equal(c.msgs[MSG_SENT], 1);
	/* the console fallback */
	assert_int_equal(c.msgs[MSG_QUEUED], 1);
}

static void
count_msg(void *arg, const struct msg_row *m)
{
	(*(int *)arg)++;
}

static void
state_of(void *arg, const struct msg_row *m)
{
	*(enum msg_state *)arg = m->state;
}

/*
 * Digests: the gathered messages are never claimed alone, follow the
 * digest's state, drop out when their task is closed, and move with
 * the digest to the next channel; closing a task leaves the digest.
 */
static void
test_digest(void **state)
{
	struct store *s = *state;
	struct new_msg nm;
	struct claimed cl;
	int64_t task, occ, a, b, d, fb;
	int n = 0, cancelled;
	enum msg_state st;

	occ = fixture(s, &task);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = 1;
	nm.contact_id = 1;
	nm.provider = "hook";
	nm.address = "+84912345678";
	nm.body = "một";
	nm.idem_key = "nv-1-1";
	nm.now = 2000;
	nm.at = 2100;		/* fired early: waits for its own time */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msg_add(s, &nm, &a), 0);
	nm.job_id = 2;
	nm.idem_key = "nv-2-1";
	assert_int_equal(store_msg_add(s, &nm, &b), 0);
	assert_int_equal(store_digest_loose(s, count_msg, &n), 0);
	assert_int_equal(n, 2);
	nm.job_id = 1;
	nm.idem_key = "nv-d-1";
	nm.body = "";
	nm.is_digest = 1;
	assert_int_equal(store_msg_add(s, &nm, &d), 0);
	assert_int_equal(store_digest_add_member(s, a, d), 0);
	assert_int_equal(store_digest_add_member(s, b, d), 0);
	assert_int_equal(store_digest_body(s, d, "Tổng hợp", 2000), 0);
	assert_int_equal(store_commit(s), 0);
	n = 0;
	assert_int_equal(store_digest_members(s, d, count_msg, &n), 2);
	n = 0;
	assert_int_equal(store_digest_loose(s, count_msg, &n), 0);
	assert_int_equal(n, 1);		/* the digest alone */
	n = 0;
	assert_int_equal(store_digests_due(s, 2099, count_msg, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_digests_due(s, 2100, count_msg, &n), 0);
	assert_int_equal(n, 1);

	/* Only the digest is claimed, and only at its time. */
	memset(&cl, 0, sizeof(cl));
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msgs_claim(s, "hook", 2099999, 10, claim_cb,
	    &cl), 0);
	assert_int_equal(store_msgs_claim(s, "hook", 2100000, 10, claim_cb,
	    &cl), 1);
	assert_string_equal(cl.key, "nv-d-1");
	/* It fails over to the next channel; its messages go along. */
	assert_int_equal(store_msg_update(s, d, MSG_FAILED, 2100, "x", NULL,
	    2100), 0);
	assert_int_equal(store_msg_fallback(s, d, 1, "console", "x", 2100,
	    &fb), 0);
	assert_int_equal(store_commit(s), 0);
	n = 0;
	assert_int_equal(store_digest_members(s, fb, count_msg, &n), 2);

	/* The task is closed: its messages drop out, the digest stays. */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_occ_done(s, occ, "t", "cli", NULL, 2100,
	    &cancelled), 0);
	assert_int_equal(store_commit(s), 0);
	n = 0;
	assert_int_equal(store_digest_members(s, fb, count_msg, &n), 0);
	assert_int_equal(store_msg_get(s, fb, state_of, &st), 1);
	assert_int_equal(st, MSG_QUEUED);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_digest_drop(s, fb, "every task closed", 2100),
	    0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_msg_get(s, fb, state_of, &st), 1);
	assert_int_equal(st, MSG_CANCELLED);
}

static void
count_task(void *arg, const struct task_row *t)
{
	(*(int *)arg)++;
	assert_string_equal(t->coop, "UBND");
	assert_string_equal(t->lead_code, "SNV");
}

static void
test_task_list_filters(void **state)
{
	struct store *s = *state;
	int64_t task;
	int n = 0;

	fixture(s, &task);
	assert_int_equal(store_task_list(s, 0, NULL, 0, count_task, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_task_list(s, 1, NULL, 4000, count_task, &n), 0);
	assert_int_equal(n, 0);	/* due 5000: not yet overdue */
	assert_int_equal(store_task_list(s, 1, NULL, 6000, count_task, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	/* A cooperating agency sees the task too. */
	assert_int_equal(store_task_list(s, 0, "UBND", 0, count_task, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_task_list(s, 0, "NONE", 0, count_task, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_task_get(s, task, count_task, &n), 1);
	assert_int_equal(store_task_get(s, 999, count_task, &n), 0);
}

static void
got_msg_state(void *arg, const struct msg_row *m)
{
	*(enum msg_state *)arg = m->state;
}

static void
got_occ_state(void *arg, const struct occ_row *o)
{
	*(enum occ_state *)arg = o->state;
}

struct got_jobs {
	enum job_state	 state[8];
	int		 n;
};

static void
got_job(void *arg, const struct job_row *j)
{
	struct got_jobs *g = arg;

	if (g->n < 8)
		g->state[g->n++] = j->state;
}

struct got_events {
	enum event_kind	 kind[EV_NKINDS + 1];
	int		 n;
};

static void
got_event(void *arg, time_t at, enum event_kind k, int64_t occ,
    const char *detail)
{
	struct got_events *g = arg;

	if (g->n <= EV_NKINDS)
		g->kind[g->n++] = k;
}

static void
got_sched(void *arg, const struct task_row *t)
{
	*(enum sched_kind *)arg = t->sched;
}

/*
 * Every state and kind of state.h goes into the database (its CHECKs take
 * the word) and comes back as the same value.
 */
static void
test_states_round_trip(void **state)
{
	struct store *s = *state;
	struct new_msg nm;
	struct new_task nt;
	struct got_jobs gj;
	struct got_events ge;
	enum msg_state ms, gm;
	enum occ_state go;
	enum sched_kind sk, gs;
	enum event_kind ek;
	int64_t task, occ, id, t2;
	int n;

	occ = fixture(s, &task);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = 1;
	nm.contact_id = 1;
	nm.provider = "hook";
	nm.address = "+84912345678";
	nm.body = "x";
	nm.idem_key = "nv-rt";
	nm.now = 2000;
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_msg_add(s, &nm, &id), 0);
	for (ms = 0; ms < MSG_NSTATES; ms++) {
		assert_int_equal(store_msg_update(s, id, ms, 2000, NULL, NULL,
		    2000), 0);
		gm = MSG_NSTATES;
		assert_int_equal(store_msg_get(s, id, got_msg_state, &gm), 1);
		assert_int_equal(gm, ms);
	}
	for (ek = 0; ek < EV_NKINDS; ek++)
		assert_int_equal(store_event(s, ek, occ, 0, "x", 2000), 0);
	memset(&ge, 0, sizeof(ge));
	assert_int_equal(store_task_events(s, task, got_event, &ge), 0);
	assert_int_equal(ge.n, EV_NKINDS);
	for (ek = 0; ek < EV_NKINDS; ek++)
		assert_int_equal(ge.kind[ek], ek);
	/* Jobs: fired, skipped, and cancelled with their occurrence. */
	assert_int_equal(store_job_finish(s, 1, JOB_FIRED, NULL, 2000), 0);
	assert_int_equal(store_job_finish(s, 2, JOB_SKIPPED, "late", 4000),
	    0);
	go = OCC_NSTATES;
	assert_int_equal(store_occ_list(s, task, got_occ_state, &go), 0);
	assert_int_equal(go, OCC_OPEN);
	assert_int_equal(store_occ_close(s, occ, OCC_CANCELLED, NULL, "cli",
	    NULL, 4500, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_occ_list(s, task, got_occ_state, &go), 0);
	assert_int_equal(go, OCC_CANCELLED);
	memset(&gj, 0, sizeof(gj));
	assert_int_equal(store_job_list(s, occ, got_job, &gj), 0);
	assert_int_equal(gj.n, 3);
	assert_int_equal(gj.state[0], JOB_FIRED);
	assert_int_equal(gj.state[1], JOB_SKIPPED);
	assert_int_equal(gj.state[2], JOB_CANCELLED);
	assert_int_equal(store_occ_add(s, task, 9000, "FGHIJ", 4500, &occ),
	    0);
	assert_int_equal(store_occ_done(s, occ, "op", "cli", NULL, 4600, &n),
	    0);
	assert_int_equal(store_occ_list(s, task, got_occ_state, &go), 0);
	assert_int_equal(go, OCC_DONE);
	/* Each kind of schedule. */
	for (sk = 0; sk < SCHED_NKINDS; sk++) {
		memset(&nt, 0, sizeof(nt));
		nt.plan_id = 1;
		nt.title = "Lịch";
		nt.lead_id = 1;
		nt.policy = "default";
		nt.sched = sk;
		assert_int_equal(store_task_add(s, &nt, 5000, &t2), 0);
		gs = SCHED_NKINDS;
		assert_int_equal(store_task_get(s, t2, got_sched, &gs), 1);
		assert_int_equal(gs, sk);
	}
	assert_int_equal(store_commit(s), 0);
}

/*
 * A word state.h does not know (written behind the store's back; the
 * event table has no CHECK) is a store error naming it, not some other
 * kind.
 */
static void
test_unknown_word_refused(void **state)
{
	struct store *s = *state;
	struct got_events ge;
	sqlite3 *db;
	int64_t task, occ;
	char sql[128];

	occ = fixture(s, &task);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO event (at, kind,"
	    " occurrence_id) VALUES (1, 'bogus', %lld)", (long long)occ);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	memset(&ge, 0, sizeof(ge));
	assert_int_equal(store_task_events(s, task, got_event, &ge), -1);
	assert_int_equal(ge.n, 0);
	assert_non_null(strstr(store_error(s), "\"bogus\""));
}

/*
 * The states' and kinds' CHECKs, rewritten as comparisons by schema 15,
 * refuse a word they do not list and take every one they do, and no
 * longer make SQLite build a table per row written.
 */
static void
test_checks_rewritten(void **state)
{
	static const char *const bad[] = {
		"UPDATE occurrence SET state = 'bogus'",
		"UPDATE job SET state = 'bogus'",
		"UPDATE job SET kind = 'bogus'",
		"UPDATE task SET sched_kind = 'bogus'",
	};
	static const char *const good[] = {
		"UPDATE occurrence SET state = 'cancelled'",
		"UPDATE job SET state = 'skipped', kind = 'alert'",
		"UPDATE task SET sched_kind = 'ongoing'",
	};
	struct store *s = *state;
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t task;
	size_t i;
	int eph = 0;

	fixture(s, &task);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(sqlite3_exec(db, bad[i], NULL, NULL, NULL),
		    SQLITE_CONSTRAINT);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(sqlite3_exec(db, good[i], NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN INSERT INTO"
	    " occurrence (task_id, due_at, ack_code, created_at)"
	    " VALUES (1, 2, 'X', 3)", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		eph += strcmp((const char *)sqlite3_column_text(st, 1),
		    "OpenEphemeral") == 0;
	sqlite3_finalize(st);
	assert_int_equal(eph, 0);
	assert_int_equal(sqlite3_exec(db, "PRAGMA integrity_check", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrations, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_checks_rewritten, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migration_coop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bulk_indexes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_agency_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recurring_expansion_index,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_jobs_due_batches, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_done_cancels, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_move_and_cancel, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_outbox_lifecycle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bulk_foreign_keys, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_digest, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_task_list_filters, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_states_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unknown_word_refused,
		    setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
