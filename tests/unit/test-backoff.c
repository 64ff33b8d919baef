/*
 * test-backoff.c: retry delays and the message lifetime.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "backoff.h"

static void
test_delay_bounds_double_then_cap(void **state)
{
	uint32_t r;
	int a;

	/* The cap doubles from base: 10, 20, 40, ... up to max 300. */
	for (a = 1; a <= 10; a++) {
		int64_t cap = 10;
		int i;

		for (i = 1; i < a; i++)
			cap = cap * 2 > 300 ? 300 : cap * 2;
		for (r = 0; r < 2000; r += 7) {
			int64_t d = backoff_delay(a, 10, 300, r * 2654435761u);

			assert_true(d >= 1);
			assert_true(d <= cap);
		}
		/* The largest draw reaches the cap exactly. */
		assert_int_equal(backoff_delay(a, 10, 300, (uint32_t)cap - 1),
		    cap);
	}
}

static void
test_full_jitter_spreads(void **state)
{
	int64_t lo = 1000, hi = 0, d;
	uint32_t r;

	for (r = 0; r < 100000; r += 97) {
		d = backoff_delay(5, 10, 3600, r * 2654435761u);
		if (d < lo)
			lo = d;
		if (d > hi)
			hi = d;
	}
	/* Attempt 5 caps at 160 s; draws cover most of [1, 160]. */
	assert_true(lo <= 5);
	assert_true(hi >= 150 && hi <= 160);
}

static void
test_retry_after_honoured(void **state)
{
	time_t next;

	assert_int_equal(backoff_next(1000, 900, 1, 42, 10, 60, 3600, 0,
	    &next), 1);
	assert_int_equal(next, 1042);
	/* Retry-After beyond retry_max is still honoured. */
	assert_int_equal(backoff_next(1000, 900, 1, 600, 10, 60, 3600, 0,
	    &next), 1);
	assert_int_equal(next, 1600);
	/* Retry-After: 0 still waits a second, never a busy loop. */
	assert_int_equal(backoff_next(1000, 900, 1, 0, 10, 60, 3600, 0,
	    &next), 1);
	assert_int_equal(next, 1001);
}

static void
test_lifetime_makes_dead(void **state)
{
	time_t next = 0;

	/* Queued at 0 with a 100 s lifetime: at 95 a 10 s wait is too long. */
	assert_int_equal(backoff_next(95, 0, 3, 10, 10, 60, 100, 0, &next),
	    0);
	assert_int_equal(backoff_next(85, 0, 3, 10, 10, 60, 100, 0, &next),
	    1);
	assert_int_equal(next, 95);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_bounds_double_then_cap),
		cmocka_unit_test(test_full_jitter_spreads),
		cmocka_unit_test(test_retry_after_honoured),
		cmocka_unit_test(test_lifetime_makes_dead),
	};

	return cmocka_run_group_tests_name("backoff", tests, NULL, NULL);
}
