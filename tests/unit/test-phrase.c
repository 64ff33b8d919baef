/*
 * test-phrase.c: the timing-phrase grammar on the cases that were read
 * wrong before it, and on the forms of the language: each phrase with
 * the plan's year, the kind expected, the first due day or the RRULE,
 * and whether the reading must be flagged.  The corpus of real phrases
 * is test-phrase-corpus.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "phrase.h"
#include "tztime.h"

struct want {
	const char	*text;
	int		 year;
	enum phrase_kind kind;
	const char	*due;		/* dd/mm/yyyy of the first due, or NULL */
	const char	*rrule;		/* the first schedule's, exactly */
	int		 ambiguous;	/* 1 must, 0 must not, -1 either */
};

static const struct want cases[] = {
	/* What the list of patterns read silently wrong. */
	{ "Chậm nhất ngày 25 hằng tháng", 2026, PH_RECUR, "25/01/2026",
	  "FREQ=MONTHLY;BYMONTHDAY=25", 0 },
	{ "Hằng quý", 2026, PH_RECUR, "31/03/2026",
	  "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", 0 },
	{ "Định kỳ 6 tháng", 2026, PH_RECUR, "30/06/2026",
	  "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", 0 },
	{ "Thứ Hai hằng tuần", 2026, PH_RECUR, "05/01/2026",
	  "FREQ=WEEKLY;BYDAY=MO", 0 },
	{ "Từ tháng 6 đến tháng 9/2026", 2026, PH_WINDOW, "30/09/2026", "",
	  0 },
	{ "Tháng 10-12/2026", 2026, PH_WINDOW, "31/12/2026", "", 0 },
	{ "trước ngày 10/12 hằng năm", 2026, PH_RECUR, "09/12/2026",
	  "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=9", 0 },
	{ "Năm 2024 và các năm tiếp theo", 2024, PH_ONGOING, NULL, "", 1 },
	{ "bắt đầu từ ngày 15/9/2025", 2025, PH_ONCE, "15/09/2025", "", 1 },
	{ "hằng quý, 6 tháng, năm", 2026, PH_MULTI, "31/03/2026",
	  "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", 0 },
	{ "đầu tháng", 2026, PH_UNKNOWN, NULL, "", 1 },
	{ "dự kiến tháng 11/2022", 2022, PH_WINDOW, "30/11/2022", "", 1 },
	{ "cuối tháng 6/2025", 2025, PH_ONCE, "30/06/2025", "", 1 },
	{ "sớm hoàn thành trước ngày 5/6/2025", 2025, PH_ONCE, "04/06/2025",
	  "", 1 },
	{ "Báo cáo khi có yêu cầu", 2025, PH_RELATIVE, NULL, "", 1 },
	{ "trong vòng 07 ngày làm việc kể từ ngày nhận được văn bản", 2025,
	  PH_RELATIVE, NULL, "", 0 },
	/* Dates as plans write them. */
	{ "trước ngày 31/01/2023", 2023, PH_ONCE, "30/01/2023", "", 0 },
	{ "Trước ngày 01/11/ 2023", 2023, PH_ONCE, "31/10/2023", "", 0 },
	{ "trước ngày 01/03/2024", 2024, PH_ONCE, "29/02/2024", "", 0 },
	{ "truoc ngay 15/11/2022", 2022, PH_ONCE, "14/11/2022", "", 0 },
	{ "chậm nhất là ngày 15/6/2025", 2025, PH_ONCE, "15/06/2025", "", 0 },
	{ "đến hết ngày 04/5/2025", 2025, PH_ONCE, "04/05/2025", "", 0 },
	{ "ngày 5 tháng 3 năm 2024", 2024, PH_ONCE, "05/03/2024", "", 0 },
	{ "15.10.2023", 2023, PH_ONCE, "15/10/2023", "", 0 },
	{ "lấy ngày 10-10 hàng năm", 2025, PH_RECUR, "10/10/2025",
	  "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10", 0 },
	{ "Chậm nhất ngày 15 (mười lăm) của tháng báo cáo", 2025, PH_UNKNOWN,
	  NULL, "", 1 },
	{ "Chậm nhất ngày 06 (sáu) của tháng cuối quý", 2025, PH_RECUR,
	  "06/03/2025", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=6", 0 },
	{ "ngày 06 (bảy) tháng 6 hằng năm", 2025, PH_RECUR, NULL,
	  "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6", 1 },
	{ "trước ngày 10 của tháng đầu quý sau", 2025, PH_RECUR, "09/01/2025",
	  "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=9", 0 },
	/* Quarters, halves, years. */
	{ "Quý III/2019", 2019, PH_WINDOW, "30/09/2019", "", 0 },
	{ "Quý III/2019", 2020, PH_WINDOW, "30/09/2019", "", 1 },
	{ "Quí IV-2025", 2025, PH_WINDOW, "31/12/2025", "", 0 },
	{ "quý II năm 2026", 2026, PH_WINDOW, "30/06/2026", "", 0 },
	{ "Quý IV/2025- Quý II/2026", 2025, PH_WINDOW, "30/06/2026", "", 0 },
	{ "6 tháng đầu năm 2025", 2025, PH_WINDOW, "30/06/2025", "", 0 },
	{ "Giai đoạn 2026 - 2030", 2026, PH_WINDOW, "31/12/2030", "", 0 },
	{ "Trước 2030", 2026, PH_ONCE, "31/12/2029", "", 0 },
	{ "thuc hien nam 2021", 2021, PH_WINDOW, "31/12/2021", "", 0 },
	/* Weeks, times, quotas. */
	{ "trước 12h00 thứ Năm hằng tuần", 2025, PH_RECUR, NULL,
	  "FREQ=WEEKLY;BYDAY=TH", 0 },
	{ "trước 16 giờ 30 thứ 6 hàng tuần", 2025, PH_RECUR, NULL,
	  "FREQ=WEEKLY;BYDAY=FR", 0 },
	{ "vào ngày thứ ba, tuần thứ ba hằng tháng", 2025, PH_RECUR, NULL,
	  "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", 0 },
	{ "Mỗi tháng: 02 chuyên mục", 2023, PH_RECUR, "31/01/2023",
	  "FREQ=MONTHLY;BYMONTHDAY=-1", 0 },
	{ "07 giờ 30 ngày 07/01/2021", 2021, PH_ONCE, "07/01/2021", "", 0 },
	/* Standing duties, relative deadlines, several schedules. */
	{ "Thường xuyên", 2020, PH_ONGOING, NULL, "", 0 },
	{ "Thường xuyên, hằng năm", 2025, PH_MULTI, NULL, "", 0 },
	{ "0,25 ngày làm việc", 2025, PH_RELATIVE, NULL, "", 1 },
	{ "sau khi được cơ quan có thẩm quyền phê duyệt", 2025, PH_RELATIVE,
	  NULL, "", 0 },
	{ "Theo kế hoạch riêng", 2025, PH_NONE, NULL, "", 1 },
	{ "Từ 16/4/2025 - 31/10/2025, trước 15 giờ ngày thứ 4 hằng tuần",
	  2025, PH_RECUR, "16/04/2025", "FREQ=WEEKLY;BYDAY=WE", 0 },
	/* Alternatives: one is meant; the first is kept, flagged. */
	{ "Theo tuần, tháng hoặc quý", 2020, PH_RECUR, NULL,
	  "FREQ=WEEKLY;BYDAY=FR", 1 },
	{ "tháng 7 hoặc tháng 8/2019", 2019, PH_WINDOW, "31/07/2019", "", 1 },
	/* Periods inside a cycle, lists, context. */
	{ "Quý I hằng năm", 2025, PH_RECUR, "31/03/2025",
	  "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", 0 },
	{ "hàng quý (trước ngày 15 của tháng cuối quý)", 2025, PH_RECUR,
	  "14/03/2025", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14", 0 },
	{ "Trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm", 2025,
	  PH_MULTI, "19/06/2025", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=19", 0 },
	{ "Định kỳ 06 tháng (trước ngày 05 tháng 6) và hằng năm (trước ngày "
	  "05 tháng 12)", 2025, PH_MULTI, "04/06/2025",
	  "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=4", 0 },
	{ "Ngày 15 hằng tháng và ngày cuối tháng", 2025, PH_RECUR,
	  "15/01/2025", "FREQ=MONTHLY;BYMONTHDAY=15,-1", 1 },
	{ "Từ ngày 25 đến ngày 30 hằng tháng", 2025, PH_RECUR, "30/01/2025",
	  "FREQ=MONTHLY;BYMONTHDAY=30", 1 },
	{ "Thứ Sáu tuần cuối cùng của tháng", 2025, PH_RECUR, "31/01/2025",
	  "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", 0 },
	{ "Quý III, IV/2025", 2025, PH_MULTI, NULL, "", 0 },
	{ "Năm 2025 (hoàn thành trước 30/6/2025)", 2025, PH_ONCE,
	  "29/06/2025", "", 0 },
	{ "12/2025", 2025, PH_WINDOW, "31/12/2025", "", 0 },
	{ "Trước Tết Nguyên đán", 2026, PH_ONCE, "16/02/2026", "", 1 },
	{ "Báo cáo Quý II từ ngày 15 của tháng cuối quý trước", 2025,
	  PH_RECUR, NULL, "", 1 },
	{ "Tháng 3 và tháng 9 hằng năm", 2025, PH_MULTI, "31/03/2025",
	  "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", 0 },
	{ "Tháng 3 và tháng 9/2025", 2024, PH_MULTI, "31/03/2025", "", 0 },
	{ "Hằng năm, trước ngày 31/01 năm sau", 2025, PH_RECUR, "30/01/2025",
	  "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=30", 0 },
	{ "3 tháng/lần", 2025, PH_RECUR, "31/03/2025",
	  "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", 0 },
	{ "Mỗi quý 01 lần", 2025, PH_RECUR, "31/03/2025",
	  "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", 0 },
	{ "Thứ hai đầu tiên của tháng", 2025, PH_RECUR, "06/01/2025",
	  "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", 0 },
	{ "Thứ 2 và thứ 5 hằng tuần", 2025, PH_RECUR, "02/01/2025",
	  "FREQ=WEEKLY;BYDAY=MO,TH", 0 },
	{ "Quý I và Quý III hằng năm", 2025, PH_MULTI, "31/03/2025",
	  "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", 0 },
	{ "Không muộn hơn ngày 30/6/2025", 2025, PH_ONCE, "30/06/2025", "",
	  1 },
	{ "trong thời hạn 20 ngày kể từ ngày kết thúc quý", 2025, PH_RECUR,
	  "20/01/2025", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=20", 0 },
	{ "chậm nhất là ngày làm việc tiếp theo", 2025, PH_RELATIVE, NULL, "",
	  1 },
	{ "Kế hoạch 60 ngày cao điểm, báo cáo hằng tuần", 2025, PH_RECUR,
	  NULL, "FREQ=WEEKLY;BYDAY=FR", 1 },
	{ "Hằng năm (tháng 12)", 2025, PH_RECUR, "31/12/2025",
	  "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", 0 },
	{ "ngày 01 và 15 hằng tháng", 2025, PH_RECUR, "01/01/2025",
	  "FREQ=MONTHLY;BYMONTHDAY=1,15", 0 },
	{ "Giai đoạn 2021-2025 và định hướng đến năm 2030", 2025, PH_MULTI,
	  NULL, "", 1 },
	{ "blah blah", 2025, PH_UNKNOWN, NULL, "", 1 },
	{ "", 2025, PH_UNKNOWN, NULL, "", 0 },
};

static void
table(void **state)
{
	struct phrase ph;
	struct ymd start, d[5];
	char got[16], why[256];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *w = &cases[i];

		phrase_parse(w->text, w->year, &ph);
		printf("  \"%s\": %s %s [%s] %s\n", w->text,
		    phrase_kind_name(ph.kind), ph.rrule, ph.unread, ph.note);
		fflush(stdout);
		assert_int_equal(ph.kind, w->kind);
		if (w->due != NULL) {
			start.y = w->year;
			start.m = start.d = 1;
			n = ph.nsched > 0 ? phrase_dues(&ph.sched[0], start, d,
			    5) : 0;
			assert_true(n > 0);
			snprintf(got, sizeof(got), "%02d/%02d/%04d", d[0].d,
			    d[0].m, d[0].y);
			assert_string_equal(got, w->due);
		}
		if (w->rrule[0] != '\0')
			assert_string_equal(ph.rrule, w->rrule);
		if (w->ambiguous != -1)
			assert_int_equal(ph.ambiguous, w->ambiguous);
		if (phrase_invariant(w->text, why, sizeof(why)) != 0)
			fail_msg("\"%s\": %s", w->text, why);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
	};
	char err[128];

	if (tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)) == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
