/*
 * test-plan.c: job planning arithmetic and ack codes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "holiday.h"
#include "plan.h"
#include "tztime.h"
#include "sendwin.h"
#include "workday.h"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

/* The default policy, but sending on any day and hour, as tests of pure
 * offset arithmetic need. */
static struct policy *
policy(struct config **cp)
{
	struct policy *p;

	*cp = config_default();
	p = config_policy(*cp, "default");
	p->workdays_only = 0;
	p->deadline_rule = DEADLINE_KEEP;
	return p;
}

static void
test_default_policy_times(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[32];
	/* Fri 15/5/2026 17:00. */
	time_t due = local_make(2026, 5, 15, 17 * 3600);
	int n = plan_jobs(p, c->calendar, due, j, 32);

	/* -5wd -1wd 0 and +1wd:lead +3wd:parent, days at 08:00. */
	assert_int_equal(n, 5);
	assert_int_equal(j[0].kind, JOB_REMINDER);
	assert_int_equal(j[0].step, 1);
	assert_int_equal(j[0].fire_at, local_make(2026, 5, 8, 8 * 3600));
	assert_int_equal(j[1].fire_at, local_make(2026, 5, 14, 8 * 3600));
	assert_int_equal(j[2].fire_at, due);
	assert_int_equal(j[2].step, 3);
	assert_int_equal(j[3].kind, JOB_ESCALATION);
	assert_int_equal(j[3].step, 1);
	assert_string_equal(j[3].target, "lead");
	/*
	 * Grace: a Friday deadline is escalated to the lead on Monday and
	 * to the parent only on Wednesday, never on the same morning.
	 */
	assert_int_equal(j[3].fire_at, local_make(2026, 5, 18, 8 * 3600));
	assert_int_equal(j[4].fire_at, local_make(2026, 5, 20, 8 * 3600));
	assert_string_equal(j[4].target, "parent");
	config_unref(c);
}

/*
 * Nagging: repeat = 3wd, repeat_parent = 10wd, max_repeats = 4 after the
 * last escalation (Wed 20/5/2026): the lead on 25/5, 28/5, 2/6 and 5/6,
 * the parent once (3/6), its second turn falling after the lead's last.
 */
static void
test_repeats(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[64];
	time_t due = local_make(2026, 5, 15, 17 * 3600);
	int n, i, lead = 0, parent = 0;

	p->repeat.is_days = p->repeat.is_workdays = 1;
	p->repeat.days = 3;
	p->repeat_parent.is_days = p->repeat_parent.is_workdays = 1;
	p->repeat_parent.days = 10;
	p->max_repeats = 4;
	n = plan_jobs(p, c->calendar, due, j, 64);
	assert_int_equal(n, 5 + 4 + 1);
	for (i = 5; i < n; i++) {
		assert_int_equal(j[i].kind, JOB_ESCALATION);
		assert_int_equal(j[i].step, i - 2);
		if (strcmp(j[i].target, "lead") == 0)
			lead++;
		else
			parent++;
	}
	assert_int_equal(lead, 4);
	assert_int_equal(parent, 1);
	assert_int_equal(j[5].fire_at, local_make(2026, 5, 25, 8 * 3600));
	assert_int_equal(j[n - 1].fire_at, local_make(2026, 6, 5, 8 * 3600));
	assert_string_equal(j[n - 2].target, "parent");
	assert_int_equal(j[n - 2].fire_at, local_make(2026, 6, 3, 8 * 3600));
	/* max_repeats = 0: nagging off. */
	p->max_repeats = 0;
	assert_int_equal(plan_jobs(p, c->calendar, due, j, 64), 5);
	config_unref(c);
}

static void
test_exact_offsets_sorted(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[32];
	time_t due = 1700000000;
	int n;

	p->nremind = 3;
	memset(p->remind, 0, sizeof(p->remind));
	p->remind[0].secs = 0;
	p->remind[1].secs = -90;
	p->remind[2].secs = -7200;
	p->nescalate = 1;
	memset(p->escalate, 0, sizeof(p->escalate));
	p->escalate[0].off.secs = 600;
	p->escalate[0].target = TARGET_AGENCY;
	snprintf(p->escalate[0].agency, sizeof(p->escalate[0].agency), "SNV");
	n = plan_jobs(p, c->calendar, due, j, 32);
	assert_int_equal(n, 4);
	assert_int_equal(j[0].fire_at, due - 7200);
	assert_int_equal(j[0].step, 1);
	assert_int_equal(j[1].fire_at, due - 90);
	assert_int_equal(j[2].fire_at, due);
	assert_int_equal(j[3].fire_at, due + 600);
	assert_string_equal(j[3].target, "agency:SNV");
	config_unref(c);
}

static void
test_day_offset_never_after_deadline(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[32];
	/* A deadline at 07:00: "-0d at 08:00" would be after it. */
	time_t due = local_make(2023, 3, 10, 7 * 3600);
	int n;

	p->nremind = 1;
	memset(p->remind, 0, sizeof(p->remind));
	p->remind[0].is_days = 1;
	p->nescalate = 0;
	n = plan_jobs(p, c->calendar, due, j, 32);
	assert_int_equal(n, 1);
	assert_int_equal(j[0].fire_at, due);
	config_unref(c);
}

static void
test_max_respected(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[2];

	assert_int_equal(plan_jobs(p, c->calendar, 1700000000, j, 2), 2);
	config_unref(c);
}

static void
test_working_days(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[32];
	/* Tue 5/5/2026 17:00; 30/4-1/5 are holidays, 2-3/5 the weekend. */
	time_t due = local_make(2026, 5, 5, 17 * 3600);
	int n;

	p->workdays_only = 1;
	p->nremind = 2;
	memset(p->remind, 0, sizeof(p->remind));
	p->remind[0].is_days = p->remind[0].is_workdays = 1;
	p->remind[0].days = -2;		/* -2wd: Wed 29/4 (skips 30/4-4/5) */
	p->remind[1].is_days = 1;
	p->remind[1].days = -3;		/* -3d: Sat 2/5, a day off -> Wed 29/4 */
	p->nescalate = 2;
	memset(p->escalate, 0, sizeof(p->escalate));
	p->escalate[0].off.is_days = p->escalate[0].off.is_workdays = 1;
	p->escalate[0].off.days = 3;	/* +3wd: Fri 8/5 */
	p->escalate[1].off.secs = 5 * 3600;	/* +5h: 22:00, a weekday */
	n = plan_jobs(p, c->calendar, due, j, 32);
	/* Both reminders land on Wed 29/4 08:00: one is kept. */
	assert_int_equal(n, 3);
	assert_int_equal(j[0].kind, JOB_REMINDER);
	assert_int_equal(j[0].fire_at, local_make(2026, 4, 29, 8 * 3600));
	/* Without quiet hours 22:00 on a working day is allowed. */
	assert_int_equal(j[1].fire_at, due + 5 * 3600);
	assert_int_equal(j[2].fire_at, local_make(2026, 5, 8, 8 * 3600));

	/* Quiet 21:00-07:00: the 22:00 escalation waits for the morning. */
	p->quiet_start = 21 * 3600;
	p->quiet_end = 7 * 3600;
	n = plan_jobs(p, c->calendar, due, j, 32);
	assert_int_equal(j[1].fire_at, local_make(2026, 5, 6, 8 * 3600));
	config_unref(c);
}

static void
test_reminder_never_after_deadline(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	struct planned_job j[32];
	/* A deadline at 06:00 in quiet hours: "0" moves to the day before. */
	time_t due = local_make(2026, 5, 6, 6 * 3600);

	p->workdays_only = 1;
	p->quiet_start = 21 * 3600;
	p->quiet_end = 7 * 3600;
	p->nremind = 1;
	memset(p->remind, 0, sizeof(p->remind));
	p->nescalate = 0;
	assert_int_equal(plan_jobs(p, c->calendar, due, j, 32), 1);
	assert_int_equal(j[0].fire_at, local_make(2026, 5, 5, 8 * 3600));
	assert_true(j[0].fire_at <= due);
	config_unref(c);
}

static void
test_deadline_rules(void **state)
{
	struct config *c;
	struct policy *p = policy(&c);
	char why[200];
	/* Fri 1/5/2026 is a holiday, then the weekend. */
	time_t due = local_make(2026, 5, 1, 17 * 3600);

	p->deadline_rule = DEADLINE_FORWARD;
	assert_int_equal(wd_deadline(c->calendar, p, due, why, sizeof(why)),
	    local_make(2026, 5, 4, 17 * 3600));
	assert_non_null(strstr(why, "moved to 04/05/2026 by deadline_rule = "
	    "forward (Civil Code 2015 art. 148)"));
	p->deadline_rule = DEADLINE_BEFORE;
	assert_int_equal(wd_deadline(c->calendar, p, due, why, sizeof(why)),
	    local_make(2026, 4, 29, 17 * 3600));
	p->deadline_rule = DEADLINE_KEEP;
	assert_int_equal(wd_deadline(c->calendar, p, due, why, sizeof(why)),
	    due);
	assert_string_equal(why, "");
	p->deadline_rule = DEADLINE_FORWARD;
	due = local_make(2026, 5, 5, 17 * 3600);	/* a working day */
	assert_int_equal(wd_deadline(c->calendar, p, due, why, sizeof(why)),
	    due);
	/* A make-up Saturday is a working day. */
	calendar_add(c->calendar, DAY_MAKEUP_WORK, 2026, 8, 22, NULL);
	assert_int_equal(wd_shift(c->calendar, local_make(2026, 8, 24, 0), -1,
	    8 * 3600), local_make(2026, 8, 22, 8 * 3600));
	config_unref(c);
}

static void
test_ack_codes(void **state)
{
	char a[8], b[8];
	int i, k, letter;

	for (i = 0; i < 2000; i++) {
		assert_int_equal(plan_ack_code(a, sizeof(a)), 0);
		assert_int_equal(strlen(a), ACK_CODE_LEN);
		for (k = 0, letter = 0; k < ACK_CODE_LEN; k++) {
			assert_null(strchr("01ILO", a[k]));
			assert_non_null(strchr("ABCDEFGHJKMNPQRSTUVWXYZ"
			    "23456789", a[k]));
			letter |= a[k] >= 'A' && a[k] <= 'Z';
		}
		assert_true(letter);
	}
	plan_ack_code(b, sizeof(b));
	assert_int_equal(plan_ack_code(a, 4), -1);
}

/*
 * A forked child makes codes of its own, never the ones its parent is
 * about to make from the bytes it had drawn before the fork.
 */
static void
test_ack_codes_after_fork(void **state)
{
	char mine[16], theirs[16] = "";
	int fds[2], status;
	pid_t pid;

	(void)state;
	assert_int_equal(plan_ack_code(mine, sizeof(mine)), 0);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		char c[16];

		close(fds[0]);
		if (plan_ack_code(c, sizeof(c)) != 0 ||
		    write(fds[1], c, strlen(c) + 1) != (ssize_t)strlen(c) + 1)
			_exit(1);
		_exit(0);
	}
	assert_true(pid > 0);
	close(fds[1]);
	assert_true(read(fds[0], theirs, sizeof(theirs) - 1) > 0);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(plan_ack_code(mine, sizeof(mine)), 0);
	assert_string_not_equal(mine, theirs);
}

/*
 * A batch hands out valid codes in ascending runs, none twice within a
 * run, and draws a new run when one is spent: 200,000 codes span four.
 */
static void
test_occ_batch_codes(void **state)
{
	struct occ_batch b = { NULL, 0, 0, NULL };
	char prev[16] = "", c[16];
	int i, k, runs = 1, letter;

	(void)state;
	for (i = 0; i < 200000; i++) {
		assert_int_equal(occ_batch_code(&b, c, sizeof(c)), 0);
		assert_int_equal(strlen(c), ACK_CODE_LEN);
		for (k = 0, letter = 0; k < ACK_CODE_LEN; k++) {
			assert_non_null(strchr("ABCDEFGHJKMNPQRSTUVWXYZ"
			    "23456789", c[k]));
			letter |= c[k] >= 'A' && c[k] <= 'Z';
		}
		assert_true(letter);
		if (i > 0 && strcmp(c, prev) <= 0)
			runs++;
		snprintf(prev, sizeof(prev), "%s", c);
	}
	/* 65,536 drawn a run, a few the same dropped: four runs. */
	assert_int_equal(runs, 4);
	assert_int_equal(occ_batch_code(&b, c, 4), -1);
	occ_batch_free(&b);
	assert_null(b.code);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_policy_times),
		cmocka_unit_test(test_occ_batch_codes),
		cmocka_unit_test(test_repeats),
		cmocka_unit_test(test_exact_offsets_sorted),
		cmocka_unit_test(test_day_offset_never_after_deadline),
		cmocka_unit_test(test_max_respected),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_reminder_never_after_deadline),
		cmocka_unit_test(test_deadline_rules),
		cmocka_unit_test(test_ack_codes),
		cmocka_unit_test(test_ack_codes_after_fork),
	};

	return cmocka_run_group_tests_name("plan", tests, setup, NULL);
}
