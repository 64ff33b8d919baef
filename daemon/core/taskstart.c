/*
 * taskstart.c: the clock of a relative deadline.  A task read from "trong
 * thời hạn 10 ngày làm việc kể từ ngày nhận được hồ sơ" is stored with
 * its period and trigger and no deadline; when someone reports the
 * trigger (nhacviec task start, or the admin API), the deadline is
 * counted from that day: calendar days, working days of the configured
 * calendar, months (the same day of the month, art. 148) or hours, and
 * planned like any one-off deadline.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "store.h"
#include "taskadd.h"
#include "taskstart.h"
#include "tztime.h"
#include "workday.h"

struct found {
	int		 n;
	char		 plan[80], title[512], lead[80], unit[16];
	double		 wait_n;
	time_t		 started_at;
	const char	*policy;
	char		 pol[64];
};

static void
found_cb(void *arg, const struct task_row *t)
{
	struct found *f = arg;

	f->n++;
	snprintf(f->plan, sizeof(f->plan), "%s", t->plan_code);
	snprintf(f->title, sizeof(f->title), "%s", t->title);
	snprintf(f->lead, sizeof(f->lead), "%s", t->lead_code);
	snprintf(f->unit, sizeof(f->unit), "%s", t->wait_unit ?
	    t->wait_unit : "");
	snprintf(f->pol, sizeof(f->pol), "%s", t->policy);
	f->wait_n = t->wait_n;
	f->started_at = t->started_at;
}

/* The deadline WAIT_N UNIT after ON, at the policy's deadline time. */
static time_t
count(const struct config *conf, const struct policy *p, const char *unit,
    double n, time_t on)
{
	struct tm tm;
	int whole = (int)ceil(n);

	if (strcmp(unit, "hours") == 0)
		return on + (time_t)(n * 3600);
	if (strcmp(unit, "workdays") == 0)
		return wd_shift(conf->calendar, local_day_at(on, 0,
		    p->deadline_time), whole, p->deadline_time);
	if (strcmp(unit, "months") == 0) {
		localtime_r(&on, &tm);
		tm.tm_mon += whole;
		tm.tm_year += tm.tm_mon / 12;
		tm.tm_mon %= 12;
		return local_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    p->deadline_time);
	}
	return local_day_at(on, whole, p->deadline_time);
}

int
task_start(struct store *s, const struct config *conf, int64_t id,
    time_t on, time_t now, struct task_added *out, char *err, size_t errlen)
{
	const struct policy *p;
	struct task_spec t;
	struct found f;
	char due[32];
	time_t d;
	int rc, cancelled;

	memset(&f, 0, sizeof(f));
	if (store_task_get(s, id, found_cb, &f) == -1)
		return -2;
	if (f.n == 0) {
		snprintf(err, errlen, "no task %lld", (long long)id);
		return -1;
	}
	if (f.unit[0] == '\0') {
		snprintf(err, errlen, "task %lld has no relative deadline to "
		    "start", (long long)id);
		return -1;
	}
	if (f.started_at != 0) {
		snprintf(err, errlen, "task %lld was started already",
		    (long long)id);
		return -1;
	}
	if ((p = config_policy(conf, f.pol)) == NULL) {
		snprintf(err, errlen, "policy: no [policy %s]", f.pol);
		return -1;
	}
	d = count(conf, p, f.unit, f.wait_n, on);
	fmt_local(d, due, sizeof(due));
	memset(&t, 0, sizeof(t));
	t.plan = f.plan;
	t.title = f.title;
	t.lead = f.lead;
	t.policy = f.pol;
	t.due = due;
	t.via = "task start";
	if (store_begin(s) == -1)
		return -2;
	t.in_txn = 1;
	if ((rc = task_resched(s, conf, id, &t, now, out, &cancelled, err,
	    errlen)) != 0) {
		store_rollback(s);
		return rc;
	}
	if (store_task_started(s, id, on) == -1) {
		store_rollback(s);
		return -2;
	}
	return store_commit(s) == -1 ? -2 : 0;
}
