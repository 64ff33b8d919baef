/*
 * test-safetext.c: escaping for logs and terminals, the CSV formula
 * guard and the control-character check (util/safetext.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "safetext.h"

static void
test_escape(void **state)
{
	char out[256];

	text_escape(out, sizeof(out), "Báo cáo quý IV");
	assert_string_equal(out, "Báo cáo quý IV");
	text_escape(out, sizeof(out), "a\nb\r\tc\\d");
	assert_string_equal(out, "a\\nb\\r\\tc\\\\d");
	text_escape(out, sizeof(out), "\033[2J\x7f");
	assert_string_equal(out, "\\x1b[2J\\x7f");
	/* C1 CSI (U+009B) and a lone continuation byte. */
	text_escape(out, sizeof(out), "x\xc2\x9b" "y\x80z");
	assert_string_equal(out, "x\\xc2\\x9by\\x80z");
	/* Cut short, never in the middle of a character or an escape. */
	text_escape(out, 6, "ab\xe1\xba\xa1" "cd");
	assert_string_equal(out, "ab\xe1\xba\xa1");
	text_escape(out, 5, "ab\ncd");
	assert_string_equal(out, "ab\\n");
}

/* Cut to fit, on a character boundary: "ạ" is three bytes. */
static void
test_fit(void **state)
{
	char out[8];

	text_fit(out, sizeof(out), "abcdef\xe1\xba\xa1");
	assert_string_equal(out, "abcdef");
	text_fit(out, 8, "abcd\xe1\xba\xa1z");
	assert_string_equal(out, "abcd\xe1\xba\xa1");
	text_fit(out, 7, "abcd\xe1\xba\xa1z");
	assert_string_equal(out, "abcd");
	text_fit(out, 6, "abcd\xe1\xba\xa1z");
	assert_string_equal(out, "abcd");
	text_fit(out, sizeof(out), "ab");
	assert_string_equal(out, "ab");
}

static void
test_csv_formula(void **state)
{
	assert_true(text_csv_formula("=1+1"));
	assert_true(text_csv_formula("+84912"));
	assert_true(text_csv_formula("-2"));
	assert_true(text_csv_formula("@SUM(A1)"));
	assert_true(text_csv_formula("\tx"));
	assert_true(text_csv_formula("\rx"));
	assert_false(text_csv_formula("Sở Nội vụ"));
	{
		char *c = text_csv_cell("=HYPERLINK(\"x\")");

		assert_string_equal(c, "'=HYPERLINK(\"x\")");
		free(c);
		c = text_csv_cell("Sở Nội vụ");
		assert_string_equal(c, "Sở Nội vụ");
		free(c);
	}
	assert_false(text_csv_formula(""));
	assert_false(text_csv_formula("a=b"));
}

static void
test_has_control(void **state)
{
	assert_false(text_has_control("Ủy ban nhân dân tỉnh", 0));
	assert_true(text_has_control("a\tb", 0));
	assert_true(text_has_control("a\nb", 0));
	assert_false(text_has_control("a\nb", 1));
	assert_true(text_has_control("a\rb", 1));
	assert_true(text_has_control("\033]52;c;x\007", 1));
	assert_true(text_has_control("a\x7f", 1));
	assert_true(text_has_control("a\xc2\x85", 1));
	assert_false(text_has_control("a\xc2\xa0", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_has_control),
	};

	return cmocka_run_group_tests_name("safetext", tests, NULL, NULL);
}
