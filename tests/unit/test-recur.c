/*
 * test-recur.c: shorthands to RRULEs and their expansion by libical.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "recur.h"
#include "tztime.h"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static void
expect_rule(const char *spec, const char *want, int want_tod)
{
	char rr[128], err[256];
	int tod;

	if (recur_shorthand(spec, rr, sizeof(rr), &tod, err, sizeof(err)) ==
	    -1)
		fail_msg("%s: %s", spec, err);
	assert_string_equal(rr, want);
	assert_int_equal(tod, want_tod);
	assert_int_equal(recur_check(rr, err, sizeof(err)), 0);
}

static void
test_shorthands(void **state)
{
	expect_rule("weekly mon 08:00", "FREQ=WEEKLY;BYDAY=MO", 8 * 3600);
	expect_rule("weekly fri", "FREQ=WEEKLY;BYDAY=FR", -1);
	expect_rule("monthly 15", "FREQ=MONTHLY;BYMONTHDAY=15", -1);
	expect_rule("monthly last", "FREQ=MONTHLY;BYMONTHDAY=-1", -1);
	expect_rule("quarterly 20", "FREQ=YEARLY;BYMONTH=3,6,9,12;"
	    "BYMONTHDAY=20", -1);
	expect_rule("semiannual", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
	    -1);
	expect_rule("annual 25/11 09:30", "FREQ=YEARLY;BYMONTH=11;"
	    "BYMONTHDAY=25", 9 * 3600 + 1800);
	expect_rule("daily", "FREQ=DAILY", -1);
}

static void
test_bad_specs(void **state)
{
	static const char *const bad[] = { "", "weekly", "weekly funday",
	    "monthly 32", "monthly 0", "quarterly", "annual 31/13",
	    "weekly mon 25:00", "hourly", "weekly mon 08:00 extra words", NULL };
	char rr[128], err[256];
	int i, tod;

	for (i = 0; bad[i] != NULL; i++)
		if (recur_shorthand(bad[i], rr, sizeof(rr), &tod, err,
		    sizeof(err)) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(recur_check("FREQ=NEVER", err, sizeof(err)), -1);
	assert_int_equal(recur_check("FREQ=HOURLY", err, sizeof(err)), -1);
	/* RSCALE is refused, and what libical allocated for it freed. */
	assert_int_equal(recur_check("RSCALE=", err, sizeof(err)), -1);
	assert_int_equal(recur_check("RSCALE=CHINESE;FREQ=YEARLY", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "RSCALE is not supported"));
	assert_int_equal(recur_check("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", err,
	    sizeof(err)), 0);
}

static void
test_expansion(void **state)
{
	time_t start = local_make(2026, 1, 5, 8 * 3600), t, n = 0;
	int i;

	/* Mondays at 08:00 local, from the given instant on. */
	t = local_make(2026, 11, 22, 12 * 3600);
	assert_int_equal(recur_next("FREQ=WEEKLY;BYDAY=MO", start, t, &n), 1);
	assert_int_equal(n, local_make(2026, 11, 23, 8 * 3600));
	assert_int_equal(recur_next("FREQ=WEEKLY;BYDAY=MO", start, n, &n), 1);
	assert_int_equal(n, local_make(2026, 11, 30, 8 * 3600));
	/* The last day of each month, February included. */
	start = local_make(2027, 1, 1, 17 * 3600);
	t = start;
	for (i = 0; i < 2; i++)
		assert_int_equal(recur_next("FREQ=MONTHLY;BYMONTHDAY=-1",
		    start, t, &t), 1);
	assert_int_equal(t, local_make(2027, 2, 28, 17 * 3600));
	/* A rule with COUNT ends. */
	start = local_make(2026, 1, 1, 17 * 3600);
	assert_int_equal(recur_next("FREQ=DAILY;COUNT=2", start,
	    start + 86400, &n), 0);
	assert_int_equal(recur_next("FREQ=DAILY;COUNT=2", start, start, &n),
	    1);
	assert_int_equal(n, start + 86400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shorthands),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_expansion),
	};

	return cmocka_run_group_tests_name("recur", tests, setup, NULL);
}
