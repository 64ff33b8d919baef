/*
 * test-phone.c: Vietnamese phone numbers to E.164.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "phone.h"

static void
expect(const char *in, const char *want)
{
	char out[32];

	if (want == NULL) {
		assert_int_equal(phone_normalize(in, out, sizeof(out)), -1);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_2018_renumbering),
		cmocka_unit_test(test_rejects),
	};

	return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
