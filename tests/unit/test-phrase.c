/*
 * test-phrase.c: the timing phrases of real plans, as a table: the text,
 * the year the plan gives, and the reading expected (kind, rule, dates,
 * recurrence, quota, ambiguity).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "phrase.h"

struct want {
	const char	*text;
	int		 year;
	enum phrase_kind kind;
	const char	*rule;
	const char	*due;		/* dd/mm/yyyy, or NULL */
	const char	*from;		/* windows */
	const char	*rrule;		/* prefix */
	int		 quota;
	int		 ambiguous;
};

static const struct want cases[] = {
	/* One-off deadlines (Yên Bái 285/KH-UBND, Điện Biên). */
	{ "trước ngày 31/01/2023", 2023, PH_ONCE, "truoc-ngay",
	  "30/01/2023", NULL, NULL, 0, 0 },
	{ "Trước ngày 15/11/2022 ", 2022, PH_ONCE, "truoc-ngay",
	  "14/11/2022", NULL, NULL, 0, 0 },
	{ "trước ngày 01/03/2024", 2024, PH_ONCE, "truoc-ngay",
	  "29/02/2024", NULL, NULL, 0, 0 },	/* leap year */
	{ "truoc ngay 01/01/2023", 2022, PH_ONCE, "truoc-ngay",
	  "31/12/2022", NULL, NULL, 0, 0 },	/* no diacritics */
	{ "Trước ngày 01/11/ 2023", 2023, PH_ONCE, "truoc-ngay",
	  "31/10/2023", NULL, NULL, 0, 0 },	/* stray space */
	{ "trước ngày 05/12", 2022, PH_ONCE, "truoc-ngay",
	  "04/12/2022", NULL, NULL, 0, 0 },	/* year from the plan */
	{ "Chậm nhất ngày 20/12/2024", 2024, PH_ONCE, "cham-nhat-ngay",
	  "20/12/2024", NULL, NULL, 0, 0 },
	{ "chậm nhất là ngày 15/6/2025", 2025, PH_ONCE, "cham-nhat-ngay",
	  "15/06/2025", NULL, NULL, 0, 0 },
	{ "đến hết ngày 04/5/2025", 2025, PH_ONCE, "cham-nhat-ngay",
	  "04/05/2025", NULL, NULL, 0, 0 },
	{ "ngày 5 tháng 3 năm 2024", 0, PH_ONCE, "ngay",
	  "05/03/2024", NULL, NULL, 0, 0 },
	{ "Ngày 30 tháng 9 năm 2019", 0, PH_ONCE, "ngay",
	  "30/09/2019", NULL, NULL, 0, 0 },
	{ "30/6/2023", 0, PH_ONCE, "ngay", "30/06/2023", NULL, NULL, 0, 0 },
	{ "15.10.2023", 0, PH_ONCE, "ngay", "15/10/2023", NULL, NULL, 0, 0 },
	{ "trước tháng 6/2024", 0, PH_ONCE, "truoc-thang",
	  "31/05/2024", NULL, NULL, 0, 0 },
	/* With a time of day: the deadline is that moment on the date. */
	{ "trước 17 giờ ngày 31/01/2023", 2023, PH_ONCE, "truoc-ngay",
	  "31/01/2023", NULL, NULL, 0, 0 },
	{ "Chậm nhất 17h00 ngày 20/12/2024", 2024, PH_ONCE, "cham-nhat-ngay",
	  "20/12/2024", NULL, NULL, 0, 0 },
	{ "chậm nhất lúc 14:30:25 ngày 22/11/2026", 2026, PH_ONCE,
	  "cham-nhat-ngay", "22/11/2026", NULL, NULL, 0, 0 },
	/* Windows (Bắc Kạn 2618/QĐ-UBND: "Quý III/2019"). */
	{ "Quý III/2019", 2019, PH_WINDOW, "quy", "30/09/2019", "01/07/2019",
	  NULL, 0, 0 },
	{ "quý I.2020", 0, PH_WINDOW, "quy", "31/03/2020", "01/01/2020",
	  NULL, 0, 0 },
	{ "Quý 2 năm 2024", 0, PH_WINDOW, "quy", "30/06/2024", "01/04/2024",
	  NULL, 0, 0 },
	{ "QUY IV/2023", 0, PH_WINDOW, "quy", "31/12/2023", "01/10/2023",
	  NULL, 0, 0 },
	{ "Trong quý II", 2025, PH_WINDOW, "quy", "30/06/2025",
	  "01/04/2025", NULL, 0, 0 },
	{ "Tháng 12/2024", 0, PH_WINDOW, "thang", "31/12/2024",
	  "01/12/2024", NULL, 0, 0 },
	{ "trong tháng 2 năm 2024", 0, PH_WINDOW, "thang", "29/02/2024",
	  "01/02/2024", NULL, 0, 0 },
	{ "6 tháng đầu năm", 2023, PH_WINDOW, "6-thang-dau-nam",
	  "30/06/2023", "01/01/2023", NULL, 0, 0 },
	{ "6 tháng cuối năm 2022", 0, PH_WINDOW, "6-thang-cuoi-nam",
	  "31/12/2022", "01/07/2022", NULL, 0, 0 },
	{ "Cuối năm", 2023, PH_WINDOW, "cuoi-nam", "20/12/2023",
	  "01/12/2023", NULL, 0, 1 },
	{ "Năm 2024", 0, PH_WINDOW, "nam", "31/12/2024", "01/01/2024",
	  NULL, 0, 0 },
	{ "Trong năm", 2023, PH_WINDOW, "nam", "31/12/2023", "01/01/2023",
	  NULL, 0, 0 },
	/* Recurrences (Yên Bái's broadcast and press duties). */
	{ "mỗi tuần ít nhất 01 lần, thời lượng phát sóng mỗi lần ít nhất "
	  "15 phút", 2023, PH_RECUR, "hang-moi", NULL, NULL, "FREQ=WEEKLY",
	  1, 0 },
	{ "Hàng tuần", 2023, PH_RECUR, "hang-moi", NULL, NULL, "FREQ=WEEKLY",
	  0, 0 },
	{ "Mỗi tháng: 02 chuyên mục", 2023, PH_RECUR, "hang-moi", NULL, NULL,
	  "FREQ=MONTHLY", 2, 0 },
	{ "hang thang", 2023, PH_RECUR, "hang-moi", NULL, NULL,
	  "FREQ=MONTHLY", 0, 0 },
	{ "Hằng quý", 2023, PH_RECUR, "hang-moi", NULL, NULL,
	  "FREQ=MONTHLY;INTERVAL=3", 0, 0 },
	{ "Hàng năm", 2023, PH_RECUR, "hang-moi", NULL, NULL, "FREQ=YEARLY",
	  0, 0 },
	{ "Theo tuần, tháng hoặc quý", 2023, PH_RECUR,
	  "theo-tuan-thang-hoac-quy", NULL, NULL, "FREQ=WEEKLY", 0, 1 },
	{ "định kỳ hàng quý, 6 tháng, năm báo cáo kết quả", 2023, PH_RECUR,
	  "dinh-ky-quy-6-thang-nam", NULL, NULL, "FREQ=YEARLY;BYMONTH=3,6,9,12",
	  0, 0 },
	/* Standing duties (all three seeds). */
	{ "Thường xuyên", 2023, PH_ONGOING, "thuong-xuyen", NULL, NULL,
	  "FREQ=YEARLY;BYMONTH=3,6,9,12", 0, 0 },
	{ "thuong xuyen", 2023, PH_ONGOING, "thuong-xuyen", NULL, NULL,
	  NULL, 0, 0 },
	{ "Thường xuyên trong năm", 2023, PH_ONGOING,
	  "thuong-xuyen-trong-nam", NULL, NULL, NULL, 0, 0 },
	{ "THƯỜNG XUYÊN", 2023, PH_ONGOING, "thuong-xuyen", NULL, NULL, NULL,
	  0, 0 },
	/* Not read: reported, not guessed. */
	{ "Khi có văn bản mới của Trung ương", 2023, PH_UNKNOWN, "none",
	  NULL, NULL, NULL, 0, 0 },
	{ "", 2023, PH_UNKNOWN, "none", NULL, NULL, NULL, 0, 0 },
	{ "trước ngày 31/02/2023", 2023, PH_UNKNOWN, "none", NULL, NULL,
	  NULL, 0, 0 },
	{ "Quý III", 0, PH_UNKNOWN, "none", NULL, NULL, NULL, 0, 0 },
	{ "Quý V/2019", 0, PH_UNKNOWN, "none", NULL, NULL, NULL, 0, 0 },
};

static void
test_table(void **state)
{
	struct phrase p;
	char due[16], from[16], msg[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *w = &cases[i];

		phrase_parse(w->text, w->year, &p);
		snprintf(msg, sizeof(msg), "\"%s\": kind %d rule %s note %s",
		    w->text, p.kind, p.rule, p.note);
		if (p.kind != w->kind || strcmp(p.rule, w->rule) != 0)
			fail_msg("%s (wanted kind %d rule %s)", msg, w->kind,
			    w->rule);
		snprintf(due, sizeof(due), "%02d/%02d/%04d", p.due.d, p.due.m,
		    p.due.y);
		snprintf(from, sizeof(from), "%02d/%02d/%04d", p.from.d,
		    p.from.m, p.from.y);
		if (w->due != NULL && strcmp(due, w->due) != 0)
			fail_msg("%s: due %s, wanted %s", msg, due, w->due);
		if (w->from != NULL && strcmp(from, w->from) != 0)
			fail_msg("%s: from %s, wanted %s", msg, from, w->from);
		if (w->rrule != NULL && strncmp(p.rrule, w->rrule,
		    strlen(w->rrule)) != 0)
			fail_msg("%s: rrule %s, wanted %s", msg, p.rrule,
			    w->rrule);
		if (p.quota != w->quota)
			fail_msg("%s: quota %d, wanted %d", msg, p.quota,
			    w->quota);
		if (p.ambiguous != w->ambiguous)
			fail_msg("%s: ambiguous %d", msg, p.ambiguous);
	}
}

static void
test_notes_and_descriptions(void **state)
{
	struct phrase p;
	char vi[256], en[256];

	phrase_parse("trước ngày 05/12", 2022, &p);
	assert_true(p.year_assumed);
	assert_non_null(strstr(p.note, "2022 assumed"));
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_string_equal(vi, "hạn 04/12/2022");
	assert_string_equal(en, "due 04/12/2022");
	phrase_parse("Quý III/2019", 2019, &p);
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_string_equal(en, "from 01/07/2019, due 30/09/2019");
	phrase_parse("Mỗi tháng: 02 chuyên mục", 2023, &p);
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_string_equal(vi, "hằng tháng, ít nhất 2 lần mỗi kỳ");
	phrase_parse("Thường xuyên trong năm", 2023, &p);
	assert_int_equal(p.until.y, 2023);
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_non_null(strstr(en, "ongoing to the end of the year"));
	phrase_parse("Cuối năm", 2023, &p);
	assert_non_null(strstr(p.note, "31/12"));
	phrase_parse("trước 17 giờ 30 ngày 31/01/2023", 2023, &p);
	assert_int_equal(p.tod, 17 * 3600 + 30 * 60);
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_string_equal(en, "due 31/01/2023 at 17:30");
	phrase_parse("chậm nhất lúc 9:05:07 ngày 1/2/2027", 2027, &p);
	assert_int_equal(p.tod, 9 * 3600 + 5 * 60 + 7);
	phrase_parse("Mỗi tháng: 02 chuyên mục", 2023, &p);
	assert_int_equal(p.tod, -1);
	phrase_parse("Khi cần", 2023, &p);
	phrase_describe(&p, vi, sizeof(vi), en, sizeof(en));
	assert_non_null(strstr(en, "not understood"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_notes_and_descriptions),
	};

	return cmocka_run_group_tests_name("phrase", tests, NULL, NULL);
}
