/*
 * test-phone.c: Vietnamese phone numbers to E.164.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "phone.h"

static void
expect(const char *in, const char *want)
{
	char out[32];

	if (want == NULL) {
		assert_int_equal(phone_normalize(in, out, sizeof(out)), -1);
		return;
	}
	if (strcmp(want, "unassigned") == 0) {
		assert_int_equal(phone_normalize(in, out, sizeof(out)), -2);
		return;
	}
	assert_int_equal(phone_normalize(in, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void
test_forms(void **state)
{
	expect("0912345678", "+84912345678");
	expect("0912 345 678", "+84912345678");
	expect("+84 912.345.678", "+84912345678");
	expect("84912345678", "+84912345678");
	expect("912345678", "+84912345678");	/* Excel ate the 0 */
	expect("(0216) 3852 318", "+842163852318");	/* Yên Bái landline */
}

static void
test_2018_renumbering(void **state)
{
	expect("01662345678", "+84362345678");
	expect("0120 123 4567", "+84701234567");
	expect("+84 199 123 4567", "+84591234567");
	expect("01881234567", "+84581234567");
}

static void
test_rejects(void **state)
{
	expect("", NULL);
	expect("12345", NULL);
	expect("0912-345-67a", NULL);
	expect("+1 415 555 0100", NULL);
	expect("01001234567", NULL);
	expect("0012345678", NULL);
}

static void
test_carriers(void **state)
{
	char out[32];

	expect("0312345678", "unassigned");	/* 031: nobody's */
	expect("0512345678", "unassigned");
	expect("0802345678", "unassigned");
	expect("0992345678", "unassigned");	/* 099 is 0993-0999 only */
	expect("0993123456", "+84993123456");
	expect("0552345678", "+84552345678");
	assert_string_equal(phone_carrier("+84362345678"), "Viettel");
	assert_string_equal(phone_carrier("+84912345678"), "VinaPhone");
	assert_string_equal(phone_carrier("+84901234567"), "MobiFone");
	assert_string_equal(phone_carrier("+84921234567"), "Vietnamobile");
	assert_string_equal(phone_carrier("+84591234567"), "Gmobile");
	assert_string_equal(phone_carrier("+84871234567"), "Itelecom");
	assert_string_equal(phone_carrier("+842163852318"), "landline");
	assert_null(phone_carrier("+14155550100"));
	/* Old 11-digit numbers land on their new carrier's prefix. */
	assert_int_equal(phone_normalize("01662345678", out, sizeof(out)), 0);
	assert_string_equal(phone_carrier(out), "Viettel");
	assert_int_equal(phone_normalize("01232345678", out, sizeof(out)), 0);
	assert_string_equal(phone_carrier(out), "VinaPhone");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_2018_renumbering),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_carriers),
	};

	return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
