/*
 * test-memo.c: the import's memo of readings by cell text: a hit gives
 * back exactly what was kept, a text never kept is a miss, and it stops
 * keeping at its bounds of texts and bytes without forgetting the rest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "memo.h"

static void
test_hit_and_miss(void **state)
{
	struct memo *m = memo_new(16, 1024);
	const int *got;
	int v[3] = { 1, 2, 3 };
	size_t len = 99;

	assert_non_null(m);
	assert_null(memo_get(m, "Quý III/2027", &len));
	memo_put(m, "Quý III/2027", v, sizeof(v));
	v[0] = 7;	/* the memo kept a copy */
	got = memo_get(m, "Quý III/2027", &len);
	assert_non_null(got);
	assert_int_equal(len, sizeof(v));
	assert_int_equal(got[0], 1);
	assert_int_equal(got[2], 3);
	assert_null(memo_get(m, "Quý II/2027", &len));
	/* An empty reading (no agency found) is a hit of length 0. */
	memo_put(m, "", v, 0);
	assert_non_null(memo_get(m, "", &len));
	assert_int_equal(len, 0);
	/* A text kept twice keeps its first reading. */
	memo_put(m, "Quý III/2027", v, sizeof(v));
	got = memo_get(m, "Quý III/2027", &len);
	assert_int_equal(got[0], 1);
	memo_free(m);
}

static void
test_bounds(void **state)
{
	struct memo *m = memo_new(4, 64);
	char key[16], big[65];
	size_t len;
	int i;

	memset(big, 'x', sizeof(big));
	memo_put(m, "big", big, sizeof(big));	/* more bytes than allowed */
	assert_null(memo_get(m, "big", &len));
	for (i = 0; i < 6; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		memo_put(m, key, &i, sizeof(i));
	}
	/* Four texts kept, the later ones read every time. */
	for (i = 0; i < 6; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (i < 4)
			assert_int_equal(*(const int *)memo_get(m, key, &len),
			    i);
		else
			assert_null(memo_get(m, key, &len));
	}
	memo_free(m);
	memo_free(NULL);
}

/*
 * Texts that share their openings, and texts longer than the key buffer,
 * are each their own: 5,000 cells "Sở số N", and 300-byte cells that
 * differ only in their last byte.
 */
static void
test_shared_openings(void **state)
{
	struct memo *m = memo_new(8192, 1 << 20);
	char key[400];
	size_t len;
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "Sở số %d", i);
		memo_put(m, key, &i, sizeof(i));
	}
	memset(key, 'a', 300);
	for (i = 0; i < 10; i++) {
		key[299] = (char)('0' + i);
		key[300] = '\0';
		memo_put(m, key, &i, sizeof(i));
	}
	for (i = 0; i < 10; i++) {
		key[299] = (char)('0' + i);
		assert_int_equal(*(const int *)memo_get(m, key, &len), i);
	}
	key[299] = 'x';
	assert_null(memo_get(m, key, &len));
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "Sở số %d", i);
		assert_int_equal(*(const int *)memo_get(m, key, &len), i);
	}
	assert_null(memo_get(m, "Sở số 5000", &len));
	memo_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hit_and_miss),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_shared_openings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
