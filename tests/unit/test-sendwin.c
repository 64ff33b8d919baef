/*
 * test-sendwin.c: send windows that hold.  A send time in quiet hours or
 * outside office hours moves to the nearest allowed moment, earlier for
 * reminders and later for escalations, and never into a quiet window.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "config.h"
#include "plan.h"
#include "sendwin.h"
#include "tztime.h"

#define HM(h, m)	((h) * 3600 + (m) * 60)

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static struct policy *
policy(struct config **cp)
{
	struct policy *p;

	*cp = config_default();
	p = config_policy(*cp, "default");
	p->deadline_rule = DEADLINE_KEEP;
	p->workdays_only = 1;
	p->remind_at = HM(7, 0);
	p->quiet_start = HM(21, 0);
	p->quiet_end = HM(7, 30);
	return p;
}

/*
 * quiet_hours = 21:00-07:30, remind_at = 07:00, remind = -2h, escalate =
 * +14h:parent, deadline Wed 6/5/2026 08:00: the reminder (06:00) may not
 * go at night, so it moves to the previous working day, and the
 * escalation (22:00) waits for the end of the quiet hours.
 */
static void
test_quiet_hours_hold(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[8];
	time_t due = local_make(2026, 5, 6, HM(8, 0));
	int n, i;

	p->nremind = 1;
	memset(p->remind, 0, sizeof(p->remind));
	p->remind[0].secs = -7200;
	p->nescalate = 1;
	memset(p->escalate, 0, sizeof(p->escalate));
	p->escalate[0].off.secs = 14 * 3600;
	p->escalate[0].target = TARGET_PARENT;
	n = plan_jobs(p, c->calendar, due, j, 8);
	assert_int_equal(n, 2);
	/* remind_at 07:00 is quiet: 07:30, the nearest allowed, the day before. */
	assert_int_equal(j[0].fire_at, local_make(2026, 5, 5, HM(7, 30)));
	assert_int_equal(j[1].fire_at, local_make(2026, 5, 7, HM(7, 30)));
	for (i = 0; i < n; i++)
		assert_true(wd_allowed(c->calendar, p, j[i].fire_at));
	config_unref(c);
}

/* A reminder late in the evening moves back to just before 21:00. */
static void
test_earlier_same_day(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	time_t t = local_make(2026, 5, 6, HM(22, 15));

	assert_int_equal(wd_earlier(c->calendar, p, t),
	    local_make(2026, 5, 6, HM(20, 59)));
	assert_int_equal(wd_later(c->calendar, p, t),
	    local_make(2026, 5, 7, HM(7, 30)));
	config_unref(c);
}

/* office_hours = 13:30-17:00: a send at 08:30 waits for 13:30. */
static void
test_office_hours(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	time_t t = local_make(2026, 5, 6, HM(8, 30));

	p->office_start = HM(13, 30);
	p->office_end = HM(17, 0);
	p->remind_at = HM(8, 30);
	assert_int_equal(wd_later(c->calendar, p, t),
	    local_make(2026, 5, 6, HM(13, 30)));
	/* Earlier: nothing that morning, so the day before, nearest 08:30. */
	assert_int_equal(wd_earlier(c->calendar, p, t),
	    local_make(2026, 5, 5, HM(13, 30)));
	/* 18:00: earlier is 16:59 the same day. */
	t = local_make(2026, 5, 6, HM(18, 0));
	assert_int_equal(wd_earlier(c->calendar, p, t),
	    local_make(2026, 5, 6, HM(16, 59)));
	config_unref(c);
}

/*
 * Never before the previous working day's window: a reminder on Monday
 * 4/5/2026 at 06:00 (quiet) cannot go back past Wednesday 29/4 (30/4 and
 * 1/5 are holidays, 2-3/5 the weekend); it goes there at remind_at.
 */
static void
test_previous_working_day_only(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	time_t t = local_make(2026, 5, 4, HM(6, 0));

	p->remind_at = HM(8, 0);
	assert_int_equal(wd_earlier(c->calendar, p, t),
	    local_make(2026, 4, 29, HM(8, 0)));
	config_unref(c);
}

/* No preview of any policy places a send inside a quiet window. */
static void
test_never_in_quiet(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	time_t t0 = local_make(2026, 5, 4, 0), t;
	int step;

	p->office_start = HM(13, 30);
	p->office_end = HM(17, 0);
	for (step = 0; step < 14 * 24 * 4; step++) {
		t = t0 + (time_t)step * 900;
		assert_true(wd_allowed(c->calendar, p,
		    wd_earlier(c->calendar, p, t)));
		assert_true(wd_allowed(c->calendar, p,
		    wd_later(c->calendar, p, t)));
		assert_true(wd_later(c->calendar, p, t) >= t);
	}
	config_unref(c);
}

static void
test_window_checks(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	char why[200];

	/* remind_at 07:00 lies in quiet hours 21:00-07:30. */
	assert_int_equal(wd_warn_remind_at(p, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "quiet_hours"));
	p->remind_at = HM(8, 0);
	assert_int_equal(wd_warn_remind_at(p, why, sizeof(why)), 0);
	p->office_start = HM(13, 30);
	p->office_end = HM(17, 0);
	assert_int_equal(wd_warn_remind_at(p, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "office_hours"));
	assert_int_equal(wd_check_windows(p, why, sizeof(why)), 0);
	/* Office hours inside the quiet ones: nothing could ever go. */
	p->office_start = HM(22, 0);
	p->office_end = HM(23, 0);
	assert_int_equal(wd_check_windows(p, why, sizeof(why)), -1);
	config_unref(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_hours_hold),
		cmocka_unit_test(test_earlier_same_day),
		cmocka_unit_test(test_office_hours),
		cmocka_unit_test(test_previous_working_day_only),
		cmocka_unit_test(test_never_in_quiet),
		cmocka_unit_test(test_window_checks),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
