/*
 * test-webtrack.c: the small pieces the office's pages share: the days a
 * deadline is late in working days (weekends and Tết left out), the end
 * of the current week, a path segment's encoding and the state words.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "tztime.h"
#include "webtrack.h"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static void
test_days_late(void **state)
{
	struct config *c = config_default();
	/* Tuesday 3 March 2026, 17:00. */
	time_t due = local_make(2026, 3, 3, 17 * 3600);

	assert_int_equal(wt_days_late(c->calendar, due, due - 60), 0);
	assert_int_equal(wt_days_late(c->calendar, due, due + 3600), 0);
	/* Wednesday: one working day. */
	assert_int_equal(wt_days_late(c->calendar, due,
	    local_make(2026, 3, 4, 8 * 3600)), 1);
	/* Tuesday a week later: Wed-Fri and Mon-Tue, the weekend left out. */
	assert_int_equal(wt_days_late(c->calendar, due,
	    local_make(2026, 3, 10, 8 * 3600)), 5);
	/* Over Tết 2026 (16-20 February are days off). */
	assert_int_equal(wt_days_late(c->calendar,
	    local_make(2026, 2, 13, 17 * 3600),
	    local_make(2026, 2, 23, 9 * 3600)), 1);
	config_unref(c);
}

static void
test_week_end(void **state)
{
	time_t monday = local_make(2026, 3, 9, 0);

	/* From Tuesday 08:00 and from Sunday night: the next Monday. */
	assert_int_equal(wt_week_end(local_make(2026, 3, 3, 8 * 3600)),
	    monday);
	assert_int_equal(wt_week_end(local_make(2026, 3, 8, 23 * 3600)),
	    monday);
	/* Monday itself belongs to its own week. */
	assert_int_equal(wt_week_end(monday), local_make(2026, 3, 16, 0));
}

static void
test_seg_and_words(void **state)
{
	char b[64], small[4];

	assert_string_equal(wt_seg("SNV", b, sizeof(b)), "SNV");
	assert_string_equal(wt_seg("Sở/A?\r\n", b, sizeof(b)),
	    "S%E1%BB%9F%2FA%3F%0D%0A");
	assert_string_equal(wt_seg("ABCDEF", small, sizeof(small)), "");
	assert_string_equal(wt_msg_state(MSG_DELIVERED), "đã đến máy");
	assert_string_equal(wt_msg_state(MSG_NSTATES), "?");
	assert_string_equal(wt_msg_class(MSG_DEAD), "late");
	assert_string_equal(wt_event_kind(EV_EXT_APPROVED), "đồng ý gia hạn");
	assert_string_equal(wt_occ_state(OCC_DONE), "hoàn thành");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_late),
		cmocka_unit_test(test_week_end),
		cmocka_unit_test(test_seg_and_words),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
