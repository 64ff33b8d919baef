/*
 * test-tstruct.c: what the rows of a plan's table are taken for: the
 * header under a title, a heading merged over the width, a merged cell
 * as "the same as above" for its column only, a sub-task with its own
 * reference, a continuation row of a text copy, numbering restarting in
 * each section; and the short titles, Excel dates and policy kinds the
 * import derives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "policysel.h"
#include "shorttitle.h"
#include "tgrid.h"
#include "tstruct.h"
#include "xlsx.h"

/* Adds a row of N cells; a cell "^" is merged with the one above, ">"
 * is covered by the cell to its left, "#" is numbered by Word's list. */
static void
row(struct tbook *b, struct tgrid *g, int n, ...)
{
	char err[200];
	va_list ap;
	const char *s;
	int c;

	assert_int_equal(tbook_add_row(b, g, g->nrows + 1, err, sizeof(err)),
	    0);
	va_start(ap, n);
	for (c = 0; c < n; c++) {
		s = va_arg(ap, const char *);
		if (strcmp(s, "^") == 0)
			assert_int_equal(tbook_set_cell(b, g, c, "", 0,
			    TC_MERGED_UP, err, sizeof(err)), 0);
		else if (strcmp(s, "#") == 0)
			assert_int_equal(tbook_set_cell(b, g, c, "", 0,
			    TC_AUTONUM, err, sizeof(err)), 0);
		else if (strcmp(s, ">") == 0)
			assert_int_equal(tbook_set_cell(b, g, c, "", 0,
			    TC_SPANNED, err, sizeof(err)), 0);
		else
			assert_int_equal(tbook_set_cell(b, g, c, s, strlen(s), 0,
			    err, sizeof(err)), 0);
	}
	va_end(ap);
}

static const struct tab_row *
task(const struct tab_table *t, const char *ref)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (!t->rows[i].heading && t->rows[i].v[T_REF] != NULL &&
		    strcmp(t->rows[i].v[T_REF], ref) == 0)
			return &t->rows[i];
	fail_msg("no row %s", ref);
	return NULL;
}

static int
said(const struct tab_row *r, const char *what)
{
	int i;

	for (i = 0; i < r->nwhy; i++)
		if (strstr(r->why[i], what) != NULL)
			return 1;
	return 0;
}

static void
test_document(void **state)
{
	struct tbook b;
	struct tgrid *g;
	struct tab_table t;
	const struct tab_row *r;
	char err[400];

	memset(&b, 0, sizeof(b));
	b.format = TG_DOCX;
	g = tbook_add_grid(&b, "bảng 1");
	row(&b, g, 4, "PHỤ LỤC", ">", ">", ">");
	row(&b, g, 4, "TT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện");
	row(&b, g, 4, "(1)", "(2)", "(3)", "(4)");
	row(&b, g, 4, "Tuyên truyền trên báo chí", ">", ">", ">");
	row(&b, g, 4, "1", "Đưa tin", "Sở Nội vụ", "Quý I/2023");
	row(&b, g, 4, "2", "Phóng sự", "Đài PT-TH tỉnh", "^");
	row(&b, g, 4, "^", "Bản tin", "Báo Yên Bái", "^");
	row(&b, g, 4, "^", "Chuyên mục", "^", "Hằng tháng");
	assert_int_equal(tab_table_build(&b, 0, &t, err, sizeof(err)), 0);
	r = task(&t, "1");
	assert_string_equal(r->section, "Tuyên truyền trên báo chí");
	/* Merged: the same as above, for its column only. */
	r = task(&t, "2");
	assert_string_equal(r->v[T_WHEN], "Quý I/2023");
	assert_true(said(r, "thời gian thực hiện merged with the row above"));
	r = task(&t, "2.b");
	assert_true(r->subtask);
	assert_string_equal(r->v[T_TITLE], "Bản tin");
	assert_string_equal(r->v[T_LEAD], "Báo Yên Bái");
	assert_string_equal(r->v[T_WHEN], "Quý I/2023");
	assert_true(said(r, "row 7: sub-task of 2, own lead: 2.b"));
	r = task(&t, "2.c");
	assert_string_equal(r->v[T_LEAD], "Báo Yên Bái");
	assert_string_equal(r->v[T_WHEN], "Hằng tháng");
	assert_true(said(r, "own timing"));
	assert_int_equal(t.n, 5);	/* a heading and four tasks */
	tab_table_free(&t);
	tbook_free(&b);
}

static void
test_text(void **state)
{
	struct tbook b;
	struct tgrid *g;
	struct tab_table t;
	const struct tab_row *r;
	char err[400];

	memset(&b, 0, sizeof(b));
	b.format = TG_TEXT;
	g = tbook_add_grid(&b, NULL);
	row(&b, g, 4, "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn");
	row(&b, g, 4, "I", "Thể chế", "", "");
	row(&b, g, 4, "1", "Rà soát quy định về", "Sở Tư pháp", "Quý II/2025");
	row(&b, g, 4, "", "thủ tục hành chính", "", "");
	row(&b, g, 4, "2", "Ban hành quy chế", "Sở Nội vụ", "Quý III/2025");
	row(&b, g, 4, "", "Hướng dẫn thực hiện quy chế", "Sở Tư pháp", "");
	row(&b, g, 4, "II", "Hạ tầng", "", "");
	row(&b, g, 4, "1", "Nâng cấp mạng", "Sở TT&TT", "Năm 2025");
	assert_int_equal(tab_table_build(&b, 0, &t, err, sizeof(err)), 0);
	/* A continuation joins; numbering restarting is qualified. */
	r = task(&t, "I.1");
	assert_string_equal(r->v[T_TITLE], "Rà soát quy định về\nthủ tục hành chính");
	assert_true(said(r, "row 4: continues row 3"));
	r = task(&t, "I.2.b");
	assert_string_equal(r->v[T_LEAD], "Sở Tư pháp");
	assert_string_equal(r->v[T_WHEN], "Quý III/2025");
	assert_true(said(r, "no timing: the numbered row's"));
	r = task(&t, "II.1");
	assert_string_equal(r->section, "II Hạ tầng");
	assert_null(r->problem);
	tab_table_free(&t);
	tbook_free(&b);
}

/* TT numbered by Word's lists, "1." written with its dot. */
static void
test_numbering(void **state)
{
	struct tbook b;
	struct tgrid *g;
	struct tab_table t;
	const struct tab_row *r;
	char err[400];

	memset(&b, 0, sizeof(b));
	b.format = TG_DOCX;
	g = tbook_add_grid(&b, "bảng 1");
	row(&b, g, 4, "TT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện");
	row(&b, g, 4, "#", "Nhiệm vụ chung", ">", ">");
	row(&b, g, 4, "#", "Đưa tin", "Sở Nội vụ", "Quý I/2023");
	row(&b, g, 4, "#", "Phóng sự", "Đài PT-TH tỉnh", "Quý II/2023");
	row(&b, g, 4, "5.", "Bản tin", "Báo Yên Bái", "Hằng tháng");
	assert_int_equal(tab_table_build(&b, 0, &t, err, sizeof(err)), 0);
	assert_true(t.rows[0].heading);
	r = task(&t, "2");
	assert_string_equal(r->v[T_TITLE], "Phóng sự");
	assert_true(said(r, "row 4: TT numbered by Word's list: 2"));
	assert_string_equal(task(&t, "5")->v[T_TITLE], "Bản tin");
	tab_table_free(&t);
	tbook_free(&b);
}

static void
test_refused(void **state)
{
	struct tbook b;
	struct tgrid *g;
	struct tab_table t;
	char err[400];

	memset(&b, 0, sizeof(b));
	b.format = TG_DOCX;
	g = tbook_add_grid(&b, "bảng 1");
	row(&b, g, 2, "Nơi nhận", "CHỦ TỊCH");
	assert_int_equal(tab_table_build(&b, 0, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no task table"));
	assert_non_null(strstr(err, "bảng 1 (2 columns: \"Nơi nhận\")"));
	assert_int_equal(tab_table_build(&b, 2, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--table 2: the document has 1 table"));
	tbook_free(&b);
}

static void
test_short_title(void **state)
{
	char out[512];

	assert_int_equal(short_title("Báo cáo kết quả", out, sizeof(out)), 0);
	assert_string_equal(out, "Báo cáo kết quả");
	/* At a clause boundary when one keeps enough. */
	assert_int_equal(short_title("Xây dựng hạ tầng công nghệ thông tin, "
	    "trang thiết bị phục vụ triển khai Hệ thống, bao gồm máy chủ, "
	    "thiết bị lưu trữ và phần mềm nền", out, sizeof(out)), 1);
	assert_string_equal(out, "Xây dựng hạ tầng công nghệ thông tin, "
	    "trang thiết bị phục vụ triển khai Hệ thống…");
	/* Else at a word: never inside one. */
	assert_int_equal(short_title("Tiếp tục tuyên truyền các quy định về "
	    "TTHC có liên quan trực tiếp đến người dân và doanh nghiệp trên "
	    "địa bàn", out, sizeof(out)), 1);
	assert_string_equal(out, "Tiếp tục tuyên truyền các quy định về TTHC "
	    "có liên quan trực tiếp đến người dân và doanh…");
}

static void
test_serial_date(void **state)
{
	char d[32];

	assert_int_equal(xlsx_serial_date(44900, 0, d, sizeof(d)), 0);
	assert_string_equal(d, "05/12/2022");
	assert_int_equal(xlsx_serial_date(1, 0, d, sizeof(d)), 0);
	assert_string_equal(d, "01/01/1900");
	assert_int_equal(xlsx_serial_date(61, 0, d, sizeof(d)), 0);
	assert_string_equal(d, "01/03/1900");
	assert_int_equal(xlsx_serial_date(43462, 1, d, sizeof(d)), 0);
	assert_string_equal(d, "29/12/2022");	/* 44924 - 1462 */
	assert_int_equal(xlsx_serial_date(44900.5, 0, d, sizeof(d)), 0);
	assert_string_equal(d, "12:00 05/12/2022");
	assert_int_equal(xlsx_serial_date(-3, 0, d, sizeof(d)), -1);
}

static void
test_kinds(void **state)
{
	assert_string_equal(policy_kind_of("rrule", "FREQ=WEEKLY;BYDAY=FR"),
	    "weekly");
	assert_string_equal(policy_kind_of("rrule",
	    "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"), "quarterly");
	assert_string_equal(policy_kind_of("rrule",
	    "FREQ=MONTHLY;BYMONTHDAY=-1"), "monthly");
	assert_string_equal(policy_kind_of("once", NULL), "once");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_short_title),
		cmocka_unit_test(test_serial_date),
		cmocka_unit_test(test_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
