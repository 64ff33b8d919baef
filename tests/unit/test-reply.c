/*
 * test-reply.c: reading "XONG <code>" the ways officials type it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "reply.h"

static void
yes(const char *text, const char *want)
{
	char code[16];

	assert_int_equal(reply_parse(text, code, sizeof(code)), 1);
	assert_string_equal(code, want);
}

static void
no(const char *text)
{
	char code[16];

	assert_int_equal(reply_parse(text, code, sizeof(code)), 0);
}

static void
test_forms(void **state)
{
	yes("XONG K7Q2M", "K7Q2M");
	yes("xong k7q2m", "K7Q2M");
	yes("Xong K7Q2M", "K7Q2M");
	yes("  Xông   K7Q2M  ", "K7Q2M");	/* the phone added a tone */
	yes("XONG:K7Q2M.", "K7Q2M");
	yes("xong k7q2m, đã gửi báo cáo", "K7Q2M");
	yes("Xong AB12C cảm ơn", "AB12C");
}

static void
test_not_replies(void **state)
{
	no("");
	no("Cảm ơn");
	no("XONGK7Q2M");		/* no separator: not a word */
	no("XONG");
	no("XONG AB");			/* too short for a code */
	no("Đã xong K7Q2M");		/* XONG must come first */
	no("Xin hỏi lịch họp");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_not_replies),
	};

	return cmocka_run_group_tests_name("reply", tests, NULL, NULL);
}
