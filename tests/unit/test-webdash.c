/*
 * test-webdash.c: the queries behind the office's pages, on a real
 * SQLite file: the dashboard's counts agree with store_report (what
 * "nhacviec report" prints) for the same period, the plan and group
 * filters narrow them, "this week" counts open deadlines ahead of now,
 * the overdue list is oldest first with its last message, a task's
 * agencies are told apart (lead, cooperating, neither), and a request
 * for more time is decided once.  And core/tell.c: a told text reaches
 * the contacts the policy reminds, under a job finished as fired, and
 * no digest swallows it.
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

#include <sys/stat.h>

#include <sqlite3.h>

#include "config.h"
#include "digest.h"
#include "store.h"
#include "store-tell.h"
#include "store-webdash.h"
#include "tell.h"

#define NOW	100000
#define WEEKEND	200000

static char dbpath[256];

struct fx {
	struct store	*s;
	int64_t		 snv, stttt, vp, p1, p2;
	int64_t		 task[8], occ[8];
};

static struct fx fx;

static int64_t
agency(struct store *s, const char *code, const char *group)
{
	const char *g[] = { group };
	int64_t id;

	assert_int_equal(store_agency_add(s, code, code, NULL, g, 1, 1, &id),
	    0);
	return id;
}

/* Task I of PLAN led by LEAD, its one deadline DUE. */
static void
task(int i, int64_t plan, int64_t lead, time_t due, int64_t coop)
{
	struct new_task nt;
	char ack[8];

	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan;
	nt.title = "Nhiệm vụ";
	nt.lead_id = lead;
	nt.policy = "default";
	if (coop != 0) {
		nt.coop = &coop;
		nt.ncoop = 1;
	}
	assert_int_equal(store_task_add(fx.s, &nt, 1, &fx.task[i]), 0);
	snprintf(ack, sizeof(ack), "ACK%d", i);
	assert_int_equal(store_occ_add(fx.s, fx.task[i], due, ack, 1,
	    &fx.occ[i]), 0);
}

static int
setup(void **state)
{
	struct plan_row p;
	char err[256];
	const char *tmp = getenv("TMPDIR");
	int n, fd;

	snprintf(dbpath, sizeof(dbpath), "%s/nv-test-webdash.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if ((fd = mkstemp(dbpath)) == -1)
		return -1;
	close(fd);
	memset(&fx, 0, sizeof(fx));
	if ((fx.s = store_open(dbpath, 0, err, sizeof(err))) == NULL)
		return -1;
	assert_int_equal(store_begin(fx.s), 0);
	fx.snv = agency(fx.s, "SNV", "so-nganh");
	fx.stttt = agency(fx.s, "STTTT", "so-nganh");
	fx.vp = agency(fx.s, "VP", "van-phong");
	memset(&p, 0, sizeof(p));
	p.code = "P1";
	p.title = "Kế hoạch 1";
	assert_int_equal(store_plan_add(fx.s, &p, 1, &fx.p1), 0);
	p.code = "P2";
	p.title = "Kế hoạch 2";
	assert_int_equal(store_plan_add(fx.s, &p, 1, &fx.p2), 0);
	task(1, fx.p1, fx.snv, 50000, 0);		/* overdue */
	task(2, fx.p1, fx.stttt, 60000, fx.snv);	/* overdue */
	task(3, fx.p2, fx.snv, 150000, 0);		/* this week */
	task(4, fx.p1, fx.snv, 70000, 0);		/* done on time */
	task(5, fx.p1, fx.stttt, 40000, 0);		/* done late */
	task(6, fx.p2, fx.vp, 300000, 0);		/* later */
	task(7, fx.p1, fx.vp, 55000, 0);		/* cancelled */
	assert_int_equal(store_occ_done(fx.s, fx.occ[4], "x", "cli", NULL,
	    65000, &n), 0);
	assert_int_equal(store_occ_done(fx.s, fx.occ[5], "x", "cli", NULL,
	    80000, &n), 0);
	assert_int_equal(store_occ_close(fx.s, fx.occ[7], OCC_CANCELLED, NULL,
	    "cli", NULL, 56000, &n), 0);
	assert_int_equal(store_commit(fx.s), 0);
	*state = fx.s;
	return 0;
}

static int
teardown(void **state)
{
	char p[300];

	store_close(*state);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

struct lines {
	char		 code[8][16];
	int64_t		 v[8][6];
	int		 n;
};

static void
report_cb(void *arg, const struct report_row *r)
{
	struct lines *l = arg;

	snprintf(l->code[l->n], sizeof(l->code[0]), "%s", r->code);
	l->v[l->n][0] = r->due;
	l->v[l->n][1] = r->on_time;
	l->v[l->n][2] = r->late;
	l->v[l->n][3] = r->overdue;
	l->v[l->n][4] = r->pending;
	l->n++;
}

static void
dash_cb(void *arg, const struct dash_row *r)
{
	struct lines *l = arg;

	snprintf(l->code[l->n], sizeof(l->code[0]), "%s", r->code);
	l->v[l->n][0] = r->due;
	l->v[l->n][1] = r->on_time;
	l->v[l->n][2] = r->late;
	l->v[l->n][3] = r->overdue;
	l->v[l->n][4] = r->pending;
	l->v[l->n][5] = r->this_week;
	l->n++;
}

static struct lines
counts(int64_t plan, const char *group, time_t from, time_t to)
{
	struct dash_filter f;
	struct lines l;

	memset(&l, 0, sizeof(l));
	memset(&f, 0, sizeof(f));
	f.plan_id = plan;
	f.group = group;
	f.from = from;
	f.to = to;
	f.now = NOW;
	f.week_end = WEEKEND;
	assert_int_equal(store_dash_counts(fx.s, &f, dash_cb, &l), 0);
	return l;
}

/* Unfiltered, the counts are store_report's, for any period. */
static void
test_counts_agree_with_report(void **state)
{
	static const time_t periods[][2] = {
		{ 0, 400000 }, { 45000, 100000 }, { 60000, 61000 },
		{ 0, 50001 }, { 100000, 400000 },
	};
	struct lines r, d;
	size_t i;
	int j, k, seen;

	(void)state;
	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		memset(&r, 0, sizeof(r));
		assert_int_equal(store_report(fx.s, periods[i][0],
		    periods[i][1], NOW, NULL, report_cb, &r), 0);
		d = counts(0, NULL, periods[i][0], periods[i][1]);
		/* The dashboard may add a line for "this week" alone. */
		for (j = 0, seen = 0; j < d.n; j++) {
			for (k = 0; k < r.n && strcmp(r.code[k], d.code[j]);
			    k++)
				;
			if (k == r.n) {
				assert_int_equal(d.v[j][0], 0);
				continue;
			}
			seen++;
			assert_memory_equal(d.v[j], r.v[k], 5 * sizeof(int64_t));
		}
		assert_int_equal(seen, r.n);
	}
}

static void
test_counts_by_agency(void **state)
{
	struct lines d = counts(0, NULL, 0, 400000);
	static const int64_t snv[6] = { 3, 1, 0, 1, 1, 1 };
	static const int64_t stttt[6] = { 2, 0, 1, 1, 0, 0 };
	static const int64_t vp[6] = { 1, 0, 0, 0, 1, 0 };

	(void)state;
	assert_int_equal(d.n, 3);
	assert_string_equal(d.code[0], "SNV");
	assert_memory_equal(d.v[0], snv, sizeof(snv));
	assert_string_equal(d.code[1], "STTTT");
	assert_memory_equal(d.v[1], stttt, sizeof(stttt));
	assert_string_equal(d.code[2], "VP");
	assert_memory_equal(d.v[2], vp, sizeof(vp));
}

static void
test_filters(void **state)
{
	struct lines d;

	(void)state;
	d = counts(fx.p2, NULL, 0, 400000);	/* tasks 3 and 6 */
	assert_int_equal(d.n, 2);
	assert_string_equal(d.code[0], "SNV");
	assert_int_equal(d.v[0][0], 1);
	assert_int_equal(d.v[0][5], 1);
	assert_string_equal(d.code[1], "VP");
	d = counts(0, "van-phong", 0, 400000);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.code[0], "VP");
	d = counts(0, "so-nganh", 0, 400000);
	assert_int_equal(d.n, 2);
	d = counts(0, "no-such-group", 0, 400000);
	assert_int_equal(d.n, 0);
	/* A period that leaves out this week still counts the week. */
	d = counts(0, NULL, 0, 45000);
	assert_int_equal(d.n, 2);	/* STTTT's task 5, SNV's week */
	assert_string_equal(d.code[0], "SNV");
	assert_int_equal(d.v[0][0], 0);
	assert_int_equal(d.v[0][5], 1);
}

struct over {
	int64_t		 task[8], msg[8];
	enum msg_state	 st[8];
	int		 n;
};

static void
over_cb(void *arg, const struct dash_overdue *o)
{
	struct over *v = arg;

	v->task[v->n] = o->task_id;
	v->msg[v->n] = o->msg_id;
	v->st[v->n] = o->msg_state;
	v->n++;
}

static void
test_overdue_with_last_message(void **state)
{
	struct dash_filter f;
	struct new_msg nm;
	struct over v;
	int64_t job, m1, m2;

	(void)state;
	assert_int_equal(store_tell_job(fx.s, fx.occ[1], JOB_REMINDER, 1,
	    "lead", 45000, &job), 0);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = job;
	nm.contact_id = 0;
	nm.provider = "hook";
	nm.address = "x";
	nm.body = "b";
	nm.now = 45000;
	nm.idem_key = "k1";
	/* A message needs a contact. */
	{
		struct contact_row c;

		memset(&c, 0, sizeof(c));
		c.agency_id = fx.snv;
		c.name = "Giám đốc";
		c.role = "head";
		c.phone = "+84912000002";
		c.active = 1;
		assert_int_equal(store_contact_add(fx.s, &c, 1,
		    &nm.contact_id), 0);
	}
	assert_int_equal(store_msg_add(fx.s, &nm, &m1), 0);
	nm.idem_key = "k2";
	assert_int_equal(store_msg_add(fx.s, &nm, &m2), 0);
	assert_int_equal(store_msg_update(fx.s, m2, MSG_DELIVERED, 0, NULL,
	    "pid", 46000), 0);
	memset(&f, 0, sizeof(f));
	memset(&v, 0, sizeof(v));
	f.from = 0;
	f.to = 400000;
	f.now = NOW;
	f.week_end = WEEKEND;
	assert_int_equal(store_dash_overdue(fx.s, &f, 10, over_cb, &v), 0);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.task[0], fx.task[1]);	/* the oldest first */
	assert_int_equal(v.msg[0], m2);			/* its last message */
	assert_int_equal(v.st[0], MSG_DELIVERED);
	assert_int_equal(v.task[1], fx.task[2]);
	assert_int_equal(v.msg[1], 0);			/* none sent */
	memset(&v, 0, sizeof(v));
	assert_int_equal(store_dash_overdue(fx.s, &f, 1, over_cb, &v), 0);
	assert_int_equal(v.n, 1);
	f.plan_id = fx.p2;
	memset(&v, 0, sizeof(v));
	assert_int_equal(store_dash_overdue(fx.s, &f, 10, over_cb, &v), 0);
	assert_int_equal(v.n, 0);
}

struct tl {
	int64_t		 id[8];
	int		 coop[8];
	int		 n;
};

static void
tasks_cb(void *arg, const struct dash_task *t)
{
	struct tl *l = arg;

	l->id[l->n] = t->id;
	l->coop[l->n] = t->coop;
	l->n++;
}

static void
test_agency_tasks_and_roles(void **state)
{
	struct tl l;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(store_dash_tasks(fx.s, 0, fx.snv, tasks_cb, &l), 0);
	/* Open ones by deadline, then the rest. */
	assert_int_equal(l.n, 4);
	assert_int_equal(l.id[0], fx.task[1]);
	assert_int_equal(l.id[1], fx.task[2]);
	assert_int_equal(l.coop[1], 1);
	assert_int_equal(l.id[2], fx.task[3]);
	assert_int_equal(l.id[3], fx.task[4]);
	assert_int_equal(store_dash_task_role(fx.s, fx.task[2], fx.stttt), 2);
	assert_int_equal(store_dash_task_role(fx.s, fx.task[2], fx.snv), 1);
	assert_int_equal(store_dash_task_role(fx.s, fx.task[6], fx.snv), 0);
	assert_int_equal(store_dash_task_role(fx.s, 999, fx.snv), 0);
	memset(&l, 0, sizeof(l));
	assert_int_equal(store_dash_tasks(fx.s, fx.p2, 0, tasks_cb, &l), 0);
	assert_int_equal(l.n, 2);
}

static void
ext_cb(void *arg, const struct dash_ext *x)
{
	*(enum ext_state *)arg = x->state;
}

static void
test_extension_decided_once(void **state)
{
	sqlite3 *db;
	enum ext_state st = EXT_NSTATES;
	char target[32];
	int64_t job;
	int step = 0;

	(void)state;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO extension"
	    " (occurrence_id, old_due, new_due, reason, created_at)"
	    " VALUES (1, 50000, 90000, 'lý do', 60000)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_dash_ext(fx.s, 1, ext_cb, &st), 1);
	assert_int_equal(st, EXT_PENDING);
	assert_int_equal(store_dash_ext_decide(fx.s, 1, EXT_APPROVED, 0,
	    "đồng ý", NOW), 0);
	assert_int_equal(store_dash_ext_decide(fx.s, 1, EXT_DECLINED, 0,
	    "không", NOW), 1);
	assert_int_equal(store_dash_ext(fx.s, 1, ext_cb, &st), 1);
	assert_int_equal(st, EXT_APPROVED);
	assert_int_equal(store_dash_ext(fx.s, 2, ext_cb, &st), 0);
	/* The latest fired reminder is the one sent again. */
	assert_int_equal(store_dash_last_reminder(fx.s, fx.occ[1], &step,
	    target, sizeof(target)), 0);
	assert_int_equal(store_tell_job(fx.s, fx.occ[1], JOB_REMINDER, 2,
	    "lead", 45000, &job), 0);
	assert_int_equal(store_job_finish(fx.s, job, JOB_FIRED, NULL, 45000),
	    0);
	assert_int_equal(store_dash_last_reminder(fx.s, fx.occ[1], &step,
	    target, sizeof(target)), 1);
	assert_int_equal(step, 2);
	assert_string_equal(target, "lead");
}

/* A config with one webhook channel and a digest window of an hour. */
static struct config *
tell_conf(void)
{
	char path[300], err[256];
	struct config *c;
	FILE *f;

	snprintf(path, sizeof(path), "%s.ini", dbpath);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(chmod(path, 0600), 0);
	fprintf(f, "[daemon]\ndatabase = %s\n\n[provider hook]\n"
	    "type = webhook\nurl = http://127.0.0.1:9/hook\n\n"
	    "[policy default]\nremind = 0\nescalate = none\n"
	    "channels = hook\ndigest = 1h\n", dbpath);
	fclose(f);
	c = config_load(path, err, sizeof(err));
	if (c == NULL)
		fprintf(stderr, "%s\n", err);
	unlink(path);
	assert_non_null(c);
	return c;
}

struct msgs {
	int64_t		 contact[8];
	enum job_kind	 kind[8];
	int		 step[8];
	char		 body[8][200];
	int		 n;
};

static void
msgs_cb(void *arg, const struct msg_row *m)
{
	struct msgs *v = arg;

	if (v->n == 8)
		return;
	v->contact[v->n] = m->contact_id;
	v->kind[v->n] = m->kind;
	v->step[v->n] = m->step;
	snprintf(v->body[v->n], sizeof(v->body[0]), "%s", m->body);
	v->n++;
}

struct jobs {
	enum job_state	 state;
	char		 note[160];
	int		 n;
};

static void
jobs_cb(void *arg, const struct job_row *j)
{
	struct jobs *v = arg;

	if (j->step != TELL_STEP)
		return;
	v->state = j->state;
	snprintf(v->note, sizeof(v->note), "%s", j->note ? j->note : "");
	v->n++;
}

static void
test_tell(void **state)
{
	struct config *conf = tell_conf();
	struct tell_result r;
	struct contact_row c;
	struct new_msg nm;
	struct msgs v;
	struct jobs j;
	int64_t head, deputy, job, id, occ;
	int made;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.agency_id = fx.snv;
	c.name = "Giám đốc";
	c.role = "head";
	c.phone = "+84912000002";
	c.active = 1;
	assert_int_equal(store_contact_add(fx.s, &c, 1, &head), 0);
	c.name = "Phó Giám đốc";
	c.role = "deputy";
	assert_int_equal(store_contact_add(fx.s, &c, 1, &deputy), 0);
	/* The lead's head, as the policy reminds (head, focal); not a deputy. */
	assert_int_equal(store_begin(fx.s), 0);
	assert_int_equal(tell_agency(fx.s, conf, fx.occ[1], 0, 0, "decision",
	    "Văn phòng đồng ý gia hạn", NOW, &r), 0);
	assert_int_equal(store_commit(fx.s), 0);
	assert_int_equal(r.queued, 1);
	memset(&v, 0, sizeof(v));
	assert_int_equal(store_msg_list_after(fx.s, 0, msgs_cb, &v), 0);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.contact[0], head);
	assert_int_equal(v.kind[0], JOB_ALERT);
	assert_int_equal(v.step[0], TELL_STEP);
	assert_string_equal(v.body[0], "Văn phòng đồng ý gia hạn");
	memset(&j, 0, sizeof(j));
	assert_int_equal(store_job_list(fx.s, fx.occ[1], jobs_cb, &j), 0);
	assert_int_equal(j.n, 1);
	assert_int_equal(j.state, JOB_FIRED);	/* the scheduler leaves it */
	assert_string_equal(j.note, "decision: 1 message(s)");
	/* One contact alone, even one the policy would not remind. */
	assert_int_equal(store_begin(fx.s), 0);
	assert_int_equal(tell_agency(fx.s, conf, fx.occ[1], 0, deputy, "link",
	    "Đường dẫn riêng", NOW, &r), 0);
	assert_int_equal(store_commit(fx.s), 0);
	assert_int_equal(r.queued, 1);
	/* No such occurrence. */
	assert_int_equal(tell_agency(fx.s, conf, 999, 0, 0, "x", "x", NOW,
	    &r), 1);
	/* A message about the agency hangs on its earliest open deadline. */
	assert_int_equal(tell_anchor(fx.s, fx.snv, &occ), 1);
	assert_int_equal(occ, fx.occ[1]);
	/* A reminder to the head beside the told text: no digest made. */
	assert_int_equal(store_begin(fx.s), 0);
	assert_int_equal(store_tell_job(fx.s, fx.occ[3], JOB_REMINDER, 1,
	    "lead", NOW, &job), 0);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = job;
	nm.contact_id = head;
	nm.provider = "hook";
	nm.address = "+84912000002";
	nm.body = "nhắc";
	nm.idem_key = "reminder";
	nm.now = NOW;
	nm.at = NOW + 60;
	assert_int_equal(store_msg_add(fx.s, &nm, &id), 0);
	assert_int_equal(digest_gather(fx.s, conf, NOW, &made), 0);
	assert_int_equal(store_commit(fx.s), 0);
	assert_int_equal(made, 0);
	config_unref(conf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_agree_with_report,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_by_agency, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_with_last_message,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_agency_tasks_and_roles,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_extension_decided_once,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_tell, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
