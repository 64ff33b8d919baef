/*
 * test-tztime.c: deadlines and durations as people type them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tztime.h"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static void
test_when_forms(void **state)
{
	char err[128];
	time_t t, now = 1700000000;

	/* 31/01/2023 17:00 +07:00 is 10:00 UTC. */
	assert_int_equal(parse_when("2023-01-31", now, 17 * 3600, &t, err,
	    sizeof(err)), 0);
	assert_int_equal(t, 1675159200);
	assert_int_equal(parse_when("31/01/2023", now, 17 * 3600, &t, err,
	    sizeof(err)), 0);
	assert_int_equal(t, 1675159200);
	assert_int_equal(parse_when("2023-01-31 08:30", now, 0, &t, err,
	    sizeof(err)), 0);
	assert_int_equal(t, 1675128600);
	assert_int_equal(parse_when("31/01/2023 08:30:15", now, 0, &t, err,
	    sizeof(err)), 0);
	assert_int_equal(t, 1675128615);
	assert_int_equal(parse_when("+90s", now, 0, &t, err, sizeof(err)), 0);
	assert_int_equal(t, now + 90);
	assert_int_equal(parse_when("+3d", now, 0, &t, err, sizeof(err)), 0);
	assert_int_equal(t, now + 3 * 86400);
}

static void
test_when_rejects(void **state)
{
	char err[128];
	time_t t;
	static const char *const bad[] = { "", "tomorrow", "2023-02-30",
	    "31/13/2023", "2023-01-31 25:00", "2023-01-31x", "+", "+5y",
	    "2023-1-31", NULL };
	int i;

	for (i = 0; bad[i] != NULL; i++) {
		if (parse_when(bad[i], 0, 0, &t, err, sizeof(err)) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(strstr(err, "expected"));
	}
	/* 2024 is a leap year, 2023 is not. */
	assert_int_equal(parse_when("29/02/2024", 0, 0, &t, err, sizeof(err)),
	    0);
	assert_int_equal(parse_when("29/02/2023", 0, 0, &t, err, sizeof(err)),
	    -1);
}

static void
test_durations(void **state)
{
	int64_t s;

	assert_int_equal(parse_duration("45", &s), 0);
	assert_int_equal(s, 45);
	assert_int_equal(parse_duration("10m", &s), 0);
	assert_int_equal(s, 600);
	assert_int_equal(parse_duration("2h", &s), 0);
	assert_int_equal(s, 7200);
	assert_int_equal(parse_duration("3d", &s), 0);
	assert_int_equal(s, 259200);
	assert_int_equal(parse_duration("3dd", &s), -1);
	assert_int_equal(parse_duration("-3", &s), -1);
	assert_int_equal(parse_duration("h", &s), -1);
	assert_int_equal(parse_duration("99999999999999999999", &s), -1);
}

static void
test_formatting_and_days(void **state)
{
	char buf[64];
	time_t t = 1675159200;	/* 31/01/2023 17:00 local */

	fmt_local(t, buf, sizeof(buf));
	assert_string_equal(buf, "31/01/2023 17:00");
	fmt_iso8601(t, buf, sizeof(buf));
	assert_string_equal(buf, "2023-01-31T17:00:00+07:00");
	/* 23:59 and 00:01 the next local day are one calendar day apart. */
	assert_int_equal(local_days_between(local_make(2023, 1, 30, 86340),
	    local_make(2023, 1, 31, 60)), 1);
	assert_int_equal(local_days_between(t, t - 3 * 86400), -3);
	assert_int_equal(local_day_at(t, 1, 8 * 3600),
	    local_make(2023, 2, 1, 8 * 3600));
}

static void
test_tz_errors(void **state)
{
	char err[128];

	assert_int_equal(tz_set("Mars/Olympus", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown time zone"));
	assert_int_equal(tz_set("../../etc/passwd", err, sizeof(err)), -1);
	assert_int_equal(tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)), 0);
}

/*
 * The dates kept for speed are the zone's: asked again they give what
 * mktime and localtime give, and another zone's answers replace them.
 */
static void
test_kept_answers(void **state)
{
	char err[256], buf[32];
	time_t hcm, london;
	int i;

	(void)state;
	assert_int_equal(tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)), 0);
	hcm = local_make(2027, 1, 31, 17 * 3600);
	assert_int_equal(hcm, 1801389600);	/* 10:00 UTC */
	for (i = 0; i < 3; i++)
		assert_int_equal(local_make(2027, 1, 31, 17 * 3600), hcm);
	fmt_local(hcm, buf, sizeof(buf));
	assert_string_equal(buf, "31/01/2027 17:00");
	assert_int_equal(tz_set("Europe/London", err, sizeof(err)), 0);
	london = local_make(2027, 1, 31, 17 * 3600);
	assert_int_equal(london - hcm, 7 * 3600);
	fmt_local(hcm, buf, sizeof(buf));
	assert_string_equal(buf, "31/01/2027 10:00");
	/* Summer time: the day after the clocks go forward. */
	assert_int_equal(local_make(2027, 3, 29, 12 * 3600) -
	    local_make(2027, 3, 27, 12 * 3600), 2 * 86400 - 3600);
	assert_int_equal(tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)), 0);
	assert_int_equal(local_make(2027, 1, 31, 17 * 3600), hcm);
	fmt_local(hcm, buf, sizeof(buf));
	assert_string_equal(buf, "31/01/2027 17:00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_when_forms),
		cmocka_unit_test(test_when_rejects),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_formatting_and_days),
		cmocka_unit_test(test_tz_errors),
		cmocka_unit_test(test_kept_answers),
	};

	return cmocka_run_group_tests_name("tztime", tests, setup, NULL);
}
