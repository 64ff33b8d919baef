/*
 * test-lunar.c: the lunar calendar against the dates in the project's
 * calendar research (Tết 2024-2033, the years Vietnam and China differ,
 * Giỗ Tổ 2027 and 2028, leap months, 29- and 30-day last months).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lunar.h"

static void
solar_of(int ld, int lm, int ly, int leap, double tz, int d, int m, int y)
{
	struct lunar_date l = { ld, lm, ly, leap };
	int dd, mm, yy;

	assert_int_equal(lunar_to_solar(&l, tz, &dd, &mm, &yy), 0);
	if (dd != d || mm != m || yy != y)
		fail_msg("%d/%d%s/%d: got %02d/%02d/%d, want %02d/%02d/%d", ld,
		    lm, leap ? "n" : "", ly, dd, mm, yy, d, m, y);
}

static void
test_tet_2024_2033(void **state)
{
	static const int tet[][3] = {
		{ 10, 2, 2024 }, { 29, 1, 2025 }, { 17, 2, 2026 },
		{ 6, 2, 2027 }, { 26, 1, 2028 }, { 13, 2, 2029 },
		{ 2, 2, 2030 }, { 23, 1, 2031 }, { 11, 2, 2032 },
		{ 31, 1, 2033 },
	};
	int i;

	for (i = 0; i < 10; i++)
		solar_of(1, 1, 2024 + i, 0, LUNAR_TZ_VN, tet[i][0], tet[i][1],
		    tet[i][2]);
}

static void
test_vietnam_and_china_differ(void **state)
{
	/* At UTC+7 against UTC+8. */
	solar_of(1, 1, 1968, 0, 7.0, 29, 1, 1968);
	solar_of(1, 1, 1969, 0, 7.0, 16, 2, 1969);
	solar_of(1, 1, 1985, 0, 7.0, 21, 1, 1985);
	solar_of(1, 1, 1985, 0, 8.0, 20, 2, 1985);
	solar_of(1, 1, 2007, 0, 7.0, 17, 2, 2007);
	solar_of(1, 1, 2007, 0, 8.0, 18, 2, 2007);
	solar_of(1, 1, 2030, 0, 7.0, 2, 2, 2030);
	solar_of(1, 1, 2030, 0, 8.0, 3, 2, 2030);
	solar_of(1, 1, 2053, 0, 7.0, 18, 2, 2053);
}

static void
test_gio_to(void **state)
{
	solar_of(10, 3, 2024, 0, LUNAR_TZ_VN, 18, 4, 2024);
	solar_of(10, 3, 2025, 0, LUNAR_TZ_VN, 7, 4, 2025);
	solar_of(10, 3, 2026, 0, LUNAR_TZ_VN, 26, 4, 2026);
	solar_of(10, 3, 2027, 0, LUNAR_TZ_VN, 16, 4, 2027);
	solar_of(10, 3, 2028, 0, LUNAR_TZ_VN, 4, 4, 2028);
}

static void
test_leap_months(void **state)
{
	assert_int_equal(lunar_leap_month(2024, LUNAR_TZ_VN), 0);
	assert_int_equal(lunar_leap_month(2025, LUNAR_TZ_VN), 6);
	assert_int_equal(lunar_leap_month(2028, LUNAR_TZ_VN), 5);
	assert_int_equal(lunar_leap_month(2031, LUNAR_TZ_VN), 3);
	assert_int_equal(lunar_leap_month(2033, LUNAR_TZ_VN), 11);
	/* A leap month that does not exist is refused. */
	{
		struct lunar_date l = { 1, 7, 2025, 1 };
		int d, m, y;

		assert_int_equal(lunar_to_solar(&l, LUNAR_TZ_VN, &d, &m, &y),
		    -1);
	}
}

static void
test_last_day_of_year(void **state)
{
	/* Giao thừa is 29 or 30 Chạp: the 30th must not be assumed. */
	assert_int_equal(lunar_month_length(12, 0, 2023, LUNAR_TZ_VN), 30);
	assert_int_equal(lunar_month_length(12, 0, 2024, LUNAR_TZ_VN), 29);
	assert_int_equal(lunar_month_length(12, 0, 2025, LUNAR_TZ_VN), 29);
	assert_int_equal(lunar_month_length(12, 0, 2026, LUNAR_TZ_VN), 29);
	assert_int_equal(lunar_month_length(12, 0, 2032, LUNAR_TZ_VN), 30);
	solar_of(29, 12, 2024, 0, LUNAR_TZ_VN, 28, 1, 2025);
	solar_of(30, 12, 2023, 0, LUNAR_TZ_VN, 9, 2, 2024);
}

static void
test_round_trip(void **state)
{
	struct lunar_date l;
	long jd;
	int d, m, y;

	/* Every day of 1968-2053 converts to lunar and back unchanged. */
	for (jd = lunar_jd(1, 1, 1968); jd <= lunar_jd(31, 12, 2053); jd++) {
		lunar_jd_to_date(jd, &d, &m, &y);
		lunar_from_solar(d, m, y, LUNAR_TZ_VN, &l);
		assert_true(l.day >= 1 && l.day <= 30);
		assert_true(l.month >= 1 && l.month <= 12);
		{
			int d2, m2, y2;

			assert_int_equal(lunar_to_solar(&l, LUNAR_TZ_VN, &d2,
			    &m2, &y2), 0);
			if (d2 != d || m2 != m || y2 != y)
				fail_msg("%02d/%02d/%d -> %d/%d%s/%d -> "
				    "%02d/%02d/%d", d, m, y, l.day, l.month,
				    l.leap ? "n" : "", l.year, d2, m2, y2);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tet_2024_2033),
		cmocka_unit_test(test_vietnam_and_china_differ),
		cmocka_unit_test(test_gio_to),
		cmocka_unit_test(test_leap_months),
		cmocka_unit_test(test_last_day_of_year),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests_name("lunar", tests, NULL, NULL);
}
