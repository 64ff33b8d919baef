/*
 * test-wagency.c: who may see and change what on an agency's pages, as
 * the store decides it (store-wagency.c), on a real SQLite file.  Three
 * agencies: SNV leads a task STC cooperates on; STP has nothing to do
 * with it.  SNV may act, STC may look, STP sees nothing: not the task,
 * not the file of its report, not its name.  One request for more
 * time waits per deadline, and closed deadlines leave the lists.
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

#include "store.h"
#include "store-wagency.h"
#include "store-web.h"

static char dbpath[64];

struct world {
	struct store	*s;
	int64_t		 snv, stc, stp, task, occ, other_occ;
};

static int
setup(void **state)
{
	static struct world w;
	struct plan_row p;
	struct new_task nt;
	char err[256];
	int64_t plan, other;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/nv-test-wagency.XXXXXX");
	if ((fd = mkstemp(dbpath)) == -1)
		return -1;
	close(fd);
	memset(&w, 0, sizeof(w));
	if ((w.s = store_open(dbpath, 0, err, sizeof(err))) == NULL)
		return -1;
	assert_int_equal(store_agency_add(w.s, "SNV", "Sở Nội vụ", NULL, NULL,
	    0, 900, &w.snv), 0);
	assert_int_equal(store_agency_add(w.s, "STC", "Sở Tài chính", NULL,
	    NULL, 0, 900, &w.stc), 0);
	assert_int_equal(store_agency_add(w.s, "STP", "Sở Tư pháp", NULL, NULL,
	    0, 900, &w.stp), 0);
	memset(&p, 0, sizeof(p));
	p.code = "285/KH-UBND";
	p.title = "Kế hoạch";
	assert_int_equal(store_plan_add(w.s, &p, 900, &plan), 0);
	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan;
	nt.title = "Báo cáo quý";
	nt.lead_id = w.snv;
	nt.policy = "default";
	nt.coop = &w.stc;
	nt.ncoop = 1;
	assert_int_equal(store_task_add(w.s, &nt, 1000, &w.task), 0);
	assert_int_equal(store_occ_add(w.s, w.task, 5000, "ABCDE", 1000,
	    &w.occ), 0);
	nt.title = "Việc của Sở Tư pháp";
	nt.lead_id = w.stp;
	nt.coop = NULL;
	nt.ncoop = 0;
	assert_int_equal(store_task_add(w.s, &nt, 1000, &other), 0);
	assert_int_equal(store_occ_add(w.s, other, 4000, "FGHIJ", 1000,
	    &w.other_occ), 0);
	*state = &w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;
	char p[80];

	store_close(w->s);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

struct seen {
	int		 n;
	int64_t		 task[4];
	time_t		 ext_due;
	int		 nreports;
};

static void
seen_cb(void *arg, const struct wtask_row *r)
{
	struct seen *s = arg;

	if (s->n < 4)
		s->task[s->n] = r->task_id;
	s->n++;
	s->ext_due = r->ext_due;
	s->nreports = r->nreports;
}

static void
test_access(void **state)
{
	struct world *w = *state;
	struct seen lead, coop, none;

	assert_int_equal(store_wagency_access(w->s, w->snv, w->task), WA_LEAD);
	assert_int_equal(store_wagency_access(w->s, w->stc, w->task), WA_COOP);
	assert_int_equal(store_wagency_access(w->s, w->stp, w->task), WA_NONE);
	assert_int_equal(store_wagency_access(w->s, w->snv, 99999), WA_NONE);
	memset(&lead, 0, sizeof(lead));
	memset(&coop, 0, sizeof(coop));
	memset(&none, 0, sizeof(none));
	assert_int_equal(store_wagency_tasks(w->s, w->snv, 0, seen_cb, &lead),
	    0);
	assert_int_equal(lead.n, 1);
	assert_int_equal(lead.task[0], w->task);
	assert_int_equal(store_wagency_tasks(w->s, w->snv, 1, seen_cb, &none),
	    0);
	assert_int_equal(none.n, 0);
	assert_int_equal(store_wagency_tasks(w->s, w->stc, 1, seen_cb, &coop),
	    0);
	assert_int_equal(coop.n, 1);
	assert_int_equal(coop.task[0], w->task);
	memset(&none, 0, sizeof(none));
	assert_int_equal(store_wagency_tasks(w->s, w->stc, 0, seen_cb, &none),
	    0);
	assert_int_equal(none.n, 0);
}

static void
test_files(void **state)
{
	static const char sha[] = "93e31154c364805a3ef8c904bc257f5ef77600c3"
	    "1b67d392704cd6e1e9cd0657";
	struct world *w = *state;
	char mime[64], name[64];
	struct seen lead;
	int64_t rep;

	assert_int_equal(store_begin(w->s), 0);
	assert_int_equal(store_upload_add(w->s, sha, 142, "application/pdf",
	    2000), 0);
	/* The same bytes again: one row. */
	assert_int_equal(store_upload_add(w->s, sha, 142, "application/pdf",
	    2100), 0);
	assert_int_equal(store_wreport_add(w->s, w->occ, RPT_PROGRESS,
	    "60%", NULL, 0, 0, 2000, &rep), 0);
	assert_int_equal(store_wreport_file(w->s, rep, sha, "tien-do.pdf"), 0);
	assert_int_equal(store_wreport_file(w->s, rep, sha, "tien-do.pdf"), 0);
	assert_int_equal(store_commit(w->s), 0);
	/* The office, the lead and the cooperating agency see it. */
	assert_int_equal(store_upload_visible(w->s, sha, 0, NULL, mime,
	    sizeof(mime), name, sizeof(name)), 1);
	assert_string_equal(mime, "application/pdf");
	assert_string_equal(name, "tien-do.pdf");
	assert_int_equal(store_upload_visible(w->s, sha, w->snv, "other.pdf",
	    mime, sizeof(mime), name, sizeof(name)), 1);
	/* A name it was never sent under is not taken. */
	assert_string_equal(name, "tien-do.pdf");
	assert_int_equal(store_upload_visible(w->s, sha, w->stc, NULL, mime,
	    sizeof(mime), name, sizeof(name)), 1);
	/* Another agency does not. */
	name[0] = '\0';
	assert_int_equal(store_upload_visible(w->s, sha, w->stp, NULL, mime,
	    sizeof(mime), name, sizeof(name)), 0);
	assert_string_equal(name, "");
	assert_int_equal(store_upload_visible(w->s, "00", 0, NULL, mime,
	    sizeof(mime), name, sizeof(name)), 0);
	memset(&lead, 0, sizeof(lead));
	assert_int_equal(store_wagency_tasks(w->s, w->snv, 0, seen_cb, &lead),
	    0);
	assert_int_equal(lead.nreports, 1);
}

static void
test_extension(void **state)
{
	struct world *w = *state;
	struct seen lead;
	time_t until = 0;
	int64_t id;

	assert_int_equal(store_ext_pending(w->s, w->occ, &until), 0);
	assert_int_equal(store_ext_add(w->s, w->occ, 5000, 9000, "Chờ số liệu",
	    0, 0, 3000, &id), 0);
	assert_int_equal(store_ext_pending(w->s, w->occ, &until), 1);
	assert_int_equal(until, 9000);
	assert_int_equal(store_ext_pending(w->s, w->other_occ, NULL), 0);
	memset(&lead, 0, sizeof(lead));
	assert_int_equal(store_wagency_tasks(w->s, w->snv, 0, seen_cb, &lead),
	    0);
	assert_int_equal(lead.ext_due, 9000);
}

static void
test_closed_leave(void **state)
{
	struct world *w = *state;
	struct seen lead;
	time_t at = 0;
	int cancelled;

	assert_int_equal(store_event_last_by(w->s, EV_WEB_LINK, "contact:1",
	    "link sent on request", &at), 0);
	assert_int_equal(store_event_by(w->s, EV_WEB_LINK, 0, "contact:1",
	    "link sent on request", 7000), 0);
	assert_int_equal(store_event_by(w->s, EV_WEB_LINK, 0, "contact:2",
	    "link sent on request", 8000), 0);
	assert_int_equal(store_event_last_by(w->s, EV_WEB_LINK, "contact:1",
	    "link sent on request", &at), 1);
	assert_int_equal(at, 7000);
	assert_int_equal(store_begin(w->s), 0);
	assert_int_equal(store_occ_done(w->s, w->occ, "x", "web", NULL, 6000,
	    &cancelled), 0);
	assert_int_equal(store_commit(w->s), 0);
	memset(&lead, 0, sizeof(lead));
	assert_int_equal(store_wagency_tasks(w->s, w->snv, 0, seen_cb, &lead),
	    0);
	assert_int_equal(lead.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_extension),
		cmocka_unit_test(test_closed_leave),
	};

	return cmocka_run_group_tests_name("wagency", tests, setup, teardown);
}
