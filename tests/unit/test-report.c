/*
 * test-report.c: the report's figures shared by the CLI and the web
 * (core/report.c): the on-time rate in the Vietnamese way, the totals
 * row, the dates a period takes, and the CSV with its byte-order mark
 * and its formula cells neutralized.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "tztime.h"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static void
test_rate(void **state)
{
	struct report_line l = { NULL, NULL, 4, 1, 1, 1, 1 };
	char r[16];

	report_rate(&l, r, sizeof(r));
	assert_string_equal(r, "33,3%");
	/* Nothing has passed its deadline: neither met nor missed. */
	l.on_time = l.late = l.overdue = 0;
	report_rate(&l, r, sizeof(r));
	assert_string_equal(r, "—");
}

static void
test_days(void **state)
{
	time_t a, b;

	assert_int_equal(report_day("2023-02-15", 0, &a), 0);
	assert_int_equal(report_day("15/02/2023", 1, &b), 0);
	/* The end is inclusive: the next local midnight. */
	assert_int_equal(b - a, 86400);
	assert_int_equal(a, local_make(2023, 2, 15, 0));
	assert_int_equal(report_day("2023-13-01", 0, &a), -1);
	assert_int_equal(report_day("2023-02-15x", 0, &a), -1);
	assert_int_equal(report_day("", 0, &a), -1);
	assert_int_equal(report_year_start(local_make(2023, 7, 4, 3600)),
	    local_make(2023, 1, 1, 0));
}

static void
test_csv(void **state)
{
	struct report_line lines[2] = {
		{ (char *)"SNV", (char *)"Sở Nội vụ", 3, 1, 1, 1, 0 },
		{ (char *)"X", (char *)"=HYPERLINK(\"http://x\")", 1, 1, 0, 0,
		    0 },
	};
	struct report rp;
	struct report_line tot;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	memset(&rp, 0, sizeof(rp));
	rp.line = lines;
	rp.nline = 2;
	report_totals(&rp, &tot);
	assert_int_equal(tot.due, 4);
	assert_int_equal(tot.on_time, 2);
	assert_string_equal(tot.name, "Tổng cộng");
	f = open_memstream(&buf, &len);
	report_csv(f, &rp);
	fclose(f);
	assert_memory_equal(buf, "\xef\xbb\xbf\"Mã cơ quan\",", 18);
	assert_non_null(strstr(buf, "\n\"SNV\",\"Sở Nội vụ\",\"3\",\"1\","
	    "\"1\",\"1\",\"0\",\"33,3%\"\n"));
	/* A formula is shown as text, never run by the spreadsheet. */
	assert_non_null(strstr(buf, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_non_null(strstr(buf, "\n\"\",\"Tổng cộng\",\"4\",\"2\",\"1\","
	    "\"1\",\"0\",\"50,0%\"\n"));
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_csv),
	};

	return cmocka_run_group_tests_name("report", tests, setup, NULL);
}
