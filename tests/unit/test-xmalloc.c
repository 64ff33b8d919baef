/*
 * test-xmalloc.c: arrays grown one element at a time through xgrowarray
 * keep what they held, reallocate only at 0, 64 and each power of two
 * after, and always have the room the count implies (the ASan build of
 * this test catches a write past it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "xmalloc.h"

/* The room xgrowarray gives an array that holds N: 64, then doubling. */
static size_t
room(size_t n)
{
	size_t r = 64;

	while (r <= n)
		r *= 2;
	return r;
}

static void
test_grow(void **state)
{
	int *a = NULL, *before;
	size_t n, grown = 0;

	for (n = 0; n < 200000; n++) {
		before = a;
		a = xgrowarray(a, n, sizeof(*a));
		if (n == 0 || (n >= 64 && (n & (n - 1)) == 0)) {
			grown++;
			/* The whole new room is there to write. */
			a[room(n) - 1] = -1;
		} else
			assert_ptr_equal(a, before);
		a[n] = (int)n;
	}
	for (n = 0; n < 200000; n++)
		assert_int_equal(a[n], (int)n);
	/* 0, 64, 128, ..., 131072: a dozen, not 200000 / 64. */
	assert_int_equal(grown, 13);
	free(a);
}

/* An array cut short (rows joined) and grown again keeps room enough. */
static void
test_shrunk_then_grown(void **state)
{
	int *a = NULL;
	size_t n, i;

	for (n = 0; n < 1000; n++) {
		a = xgrowarray(a, n, sizeof(*a));
		a[n] = (int)n;
	}
	/* The count falls to 300 with room for 1024 left behind. */
	for (n = 300; n < 5000; n++) {
		a = xgrowarray(a, n, sizeof(*a));
		a[n] = -(int)n;
	}
	for (i = 0; i < 300; i++)
		assert_int_equal(a[i], (int)i);
	for (i = 300; i < 5000; i++)
		assert_int_equal(a[i], -(int)i);
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_shrunk_then_grown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
