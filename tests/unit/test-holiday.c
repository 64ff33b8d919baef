/*
 * test-holiday.c: days off and working days of state agencies, against
 * the worked examples of the project's calendar research.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "holiday.h"

/* Asserts which days from D1/M to D2/M of YEAR are working days. */
static void
expect_week(const struct calendar *c, int year, int month, int d1,
    const char *pattern)
{
	int i;

	for (i = 0; pattern[i] != '\0'; i++) {
		int want = pattern[i] == 'W';

		if (calendar_is_workday(c, year, month, d1 + i) != want)
			fail_msg("%02d/%02d/%d should be %s", d1 + i, month,
			    year, want ? "a working day" : "a day off");
	}
}

static void
test_2023_chain_of_days_in_lieu(void **state)
{
	struct calendar *c = calendar_new();

	/*
	 * Giỗ Tổ on Sat 29/4 and 30/4 on Sunday, 1/5 Monday: off from
	 * 29/4 to Wed 3/5, back on Thu 4/5.
	 */
	expect_week(c, 2023, 4, 27, "WWOO");
	expect_week(c, 2023, 5, 1, "OOOWWOO");
	calendar_free(c);
}

static struct calendar *
notices_2026(void)
{
	struct calendar *c = calendar_new();

	calendar_add(c, DAY_DECREED_OFF, 2026, 1, 2, NULL);
	calendar_add(c, DAY_MAKEUP_WORK, 2026, 1, 10, NULL);
	calendar_set_tet(c, 2026, 2, 16, 2, 20);
	calendar_add(c, DAY_DECREED_OFF, 2026, 8, 31, NULL);
	calendar_add(c, DAY_MAKEUP_WORK, 2026, 8, 22, NULL);
	calendar_set_national_day(c, 2026, 9, 1);
	return c;
}

static void
test_2026_with_notices(void **state)
{
	struct calendar *c = notices_2026();

	/* New Year: Thu 1/1 to Sun 4/1 off; Saturday 10/1 worked. */
	expect_week(c, 2026, 1, 1, "OOOOWWWWWW");
	/* Tết: Sat 14/2 to Sun 22/2, nine days. */
	expect_week(c, 2026, 2, 13, "WOOOOOOOOOW");
	/* Giỗ Tổ on Sunday 26/4: Monday 27/4 in lieu. */
	expect_week(c, 2026, 4, 24, "WOOOW");
	/* 30/4 and 1/5 Thu-Fri, then the weekend. */
	expect_week(c, 2026, 4, 29, "WO");
	expect_week(c, 2026, 5, 1, "OOOW");
	/* National Day: Saturday 22/8 worked; Sat 29/8 to Wed 2/9 off. */
	expect_week(c, 2026, 8, 21, "WWO");
	expect_week(c, 2026, 8, 28, "WOOO");
	expect_week(c, 2026, 9, 1, "OOW");
	calendar_free(c);
}

static void
test_official_tet_has_no_extra_lieu(void **state)
{
	struct calendar *c = calendar_new();
	struct cal_day d[128];
	int i, n, lieu = 0;

	/* 2025: 27/1 to 31/1 by notice; the weekend after is just that. */
	calendar_set_tet(c, 2025, 1, 27, 1, 31);
	expect_week(c, 2025, 1, 24, "WOOOOOOO");
	expect_week(c, 2025, 2, 1, "OOW");
	n = calendar_year(c, 2025, d, 128);
	for (i = 0; i < n; i++)
		if (d[i].kind == DAY_IN_LIEU && d[i].month == 2)
			lieu++;
	assert_int_equal(lieu, 0);
	calendar_free(c);
}

static void
test_estimates_are_marked(void **state)
{
	struct calendar *c = calendar_new();
	struct cal_day d[128];
	int i, n, tet = 0, nat = 0;

	/* 2027: no notice yet; mùng 1 is Sat 6/2, eve Fri 5/2. */
	n = calendar_year(c, 2027, d, 128);
	for (i = 0; i < n; i++) {
		if (d[i].month == 2 && d[i].day == 5) {
			assert_int_equal(d[i].kind, DAY_HOLIDAY);
			assert_true(d[i].provisional);
			tet++;
		}
		if (d[i].month == 9 && d[i].day == 3) {
			assert_true(d[i].provisional);
			nat++;
		}
	}
	assert_int_equal(tet, 1);
	assert_int_equal(nat, 1);	/* 2/9/2027 is a Thursday */
	/* 30/4 Fri, 1/5 Sat: Monday 3/5 in lieu. */
	expect_week(c, 2027, 4, 29, "WO");
	expect_week(c, 2027, 5, 1, "OOOW");
	/* Giỗ Tổ 2027 is Friday 16/4. */
	expect_week(c, 2027, 4, 15, "WOOOW");
	calendar_free(c);
}

static void
test_extra_holiday_every_year(void **state)
{
	struct calendar *c = calendar_new();

	calendar_add(c, DAY_HOLIDAY, 0, 11, 24, "Ngày Văn hóa Việt Nam");
	expect_week(c, 2026, 11, 23, "WOW");		/* a Tuesday */
	expect_week(c, 2029, 11, 23, "WOOOW");		/* Sat: Monday off */
	calendar_free(c);
}

static void
test_year_listing_sorted(void **state)
{
	struct calendar *c = notices_2026();
	struct cal_day d[128];
	int i, n = calendar_year(c, 2026, d, 128);

	assert_int_equal(n, 16);
	for (i = 1; i < n; i++)
		assert_true(d[i - 1].month < d[i].month ||
		    (d[i - 1].month == d[i].month && d[i - 1].day < d[i].day));
	assert_int_equal(calendar_set_tet(c, 2026, 2, 20, 2, 16), -1);
	assert_int_equal(calendar_set_national_day(c, 2026, 9, 4), -1);
	calendar_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2023_chain_of_days_in_lieu),
		cmocka_unit_test(test_2026_with_notices),
		cmocka_unit_test(test_official_tet_has_no_extra_lieu),
		cmocka_unit_test(test_estimates_are_marked),
		cmocka_unit_test(test_extra_holiday_every_year),
		cmocka_unit_test(test_year_listing_sorted),
	};

	return cmocka_run_group_tests_name("holiday", tests, NULL, NULL);
}
