/*
 * test-import-pipe.c: a large import's second thread stores the tasks it
 * is handed in the order it was handed them, each as task_add would, and
 * a store error on it stops the import without losing the store: the
 * reading thread learns of it, and the transaction rolls back whole.
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

#include "config.h"
#include "import-pipe.h"
#include "store.h"
#include "taskadd.h"
#include "tztime.h"

static char dbpath[64];

struct world {
	struct store	*s;
	struct config	*conf;
	int64_t		 plan, snv, stc;
	int		 rows[3000], nadded, nrefused;
	int64_t		 ids[3000];
};

static int
setup(void **state)
{
	static struct world w;
	struct plan_row p;
	char err[256];
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/nv-test-pipe.XXXXXX");
	if ((fd = mkstemp(dbpath)) == -1)
		return -1;
	close(fd);
	memset(&w, 0, sizeof(w));
	if (tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)) == -1 ||
	    (w.s = store_open(dbpath, 0, err, sizeof(err))) == NULL)
		return -1;
	w.conf = config_default();
	assert_int_equal(store_agency_add(w.s, "SNV", "Sở Nội vụ", NULL, NULL,
	    0, 900, &w.snv), 0);
	assert_int_equal(store_agency_add(w.s, "STC", "Sở Tài chính", NULL,
	    NULL, 0, 900, &w.stc), 0);
	memset(&p, 0, sizeof(p));
	p.code = "KH-1";
	p.title = "Kế hoạch";
	assert_int_equal(store_plan_add(w.s, &p, 900, &w.plan), 0);
	*state = &w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;
	char p[80];

	store_close(w->s);
	config_unref(w->conf);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

/* The tasks stored, as another connection sees them. */
static int
task_count(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM task",
	    -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
added(void *arg, int row, const struct task_added *a)
{
	struct world *w = arg;

	w->rows[w->nadded] = row;
	w->ids[w->nadded++] = a->task_id;
}

static void
refused(void *arg, int row, const char *why)
{
	struct world *w = arg;

	w->nrefused++;
}

/* Row I's task, as an import hands it over; LEAD its lead's id. */
static void
spec_of(struct world *w, int i, int64_t lead, char *title, size_t len,
    struct task_spec *t, struct task_prep *p)
{
	static int64_t coop;
	char err[256];

	snprintf(title, len, "Việc số %d", i);
	memset(t, 0, sizeof(*t));
	t->plan = "KH-1";
	t->title = title;
	t->lead = "SNV";
	t->ref = NULL;
	t->due = "2030-03-31";
	t->via = "import";
	t->in_txn = 1;
	t->plan_id = w->plan;
	t->lead_id = lead;
	coop = w->stc;
	t->coop_ids = &coop;
	t->ncoop = 1;
	assert_int_equal(task_prepare(w->conf, t, 1800000000, p, err,
	    sizeof(err)), 0);
}

static void
test_order_kept(void **state)
{
	struct world *w = *state;
	struct import_pipe_cb cb = { added, refused, w };
	struct import_pipe *p;
	struct task_spec t;
	struct task_prep pr;
	char title[64];
	int i, n = 3000;

	w->nadded = w->nrefused = 0;
	assert_int_equal(store_begin(w->s), 0);
	assert_non_null(p = import_pipe_start(w->s, w->conf, 1800000000, &cb));
	for (i = 0; i < n; i++) {
		spec_of(w, i, w->snv, title, sizeof(title), &t, &pr);
		/* The reading thread's buffer is reused at once. */
		assert_int_equal(import_pipe_add(p, &t, &pr, i), 0);
		memset(title, 'x', sizeof(title) - 1);
	}
	assert_int_equal(import_pipe_end(p), 0);
	assert_int_equal(store_commit(w->s), 0);
	assert_int_equal(w->nadded, n);
	assert_int_equal(w->nrefused, 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(w->rows[i], i);
		if (i > 0)
			assert_int_equal(w->ids[i], w->ids[i - 1] + 1);
	}
	assert_int_equal(task_count(), n);
}

/*
 * A lead that is no agency: the store refuses the task on the storing
 * thread (a foreign key), the reading thread is told, and the rollback
 * takes back the tasks stored before it.
 */
static void
test_store_error_stops(void **state)
{
	struct world *w = *state;
	struct import_pipe_cb cb = { added, refused, w };
	struct import_pipe *p;
	struct task_spec t;
	struct task_prep pr;
	char title[64];
	int i, rc = 0, before;

	before = task_count();
	w->nadded = w->nrefused = 0;
	assert_int_equal(store_begin(w->s), 0);
	assert_non_null(p = import_pipe_start(w->s, w->conf, 1800000000, &cb));
	for (i = 0; i < 2000 && rc == 0; i++) {
		spec_of(w, i, i == 700 ? 999999 : w->snv, title,
		    sizeof(title), &t, &pr);
		rc = import_pipe_add(p, &t, &pr, i);
	}
	assert_int_equal(import_pipe_end(p), -1);
	assert_non_null(strstr(store_error(w->s), "FOREIGN KEY"));
	assert_int_equal(w->nadded, 700);
	store_rollback(w->s);
	assert_int_equal(task_count(), before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_kept),
		cmocka_unit_test(test_store_error_stops),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
