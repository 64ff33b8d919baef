/*
 * test-names.c: agency names as plan tables write them, matched to a
 * small directory: abbreviations, lists, commas inside names, group
 * phrases, and names that match nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static const struct name_entry dir[] = {
	{ "UBND", "Ủy ban nhân dân tỉnh", "tinh", NULL },
	{ "VP", "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "so-nganh", NULL },
	{ "SNV", "Sở Nội vụ", "so-nganh", NULL },
	{ "STTTT", "Sở Thông tin và Truyền thông", "so-nganh", NULL },
	{ "DPTTH", "Đài Phát thanh và Truyền hình tỉnh", NULL, NULL },
	{ "HYB", "UBND thành phố Yên Bái", "huyen", NULL },
	{ "HVC", "UBND huyện Văn Chấn", "huyen", NULL },
	{ "SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "so-nganh", NULL },
	{ "PNV-VC", "Phòng Nội vụ huyện Văn Chấn", "phong",
	  "Các phòng chuyên môn thuộc UBND huyện" },
	{ "PTC-VC", "Phòng Tài chính - Kế hoạch huyện Văn Chấn", "phong",
	  "Các phòng chuyên môn thuộc UBND huyện; Phòng TC-KH" },
};
#define NDIR	(int)(sizeof(dir) / sizeof(dir[0]))

/* The codes CELL resolves to, space-separated; "?" for an unknown part. */
static char *
codes(const struct name_dir *d, const char *cell)
{
	static char out[256];
	struct name_hit h[32];
	int n = names_resolve(d, cell, h, 32), i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, h[i].entry >= 0 ? dir[h[i].entry].code : "?");
	}
	return out;
}

static void
test_norm(void **state)
{
	char *n;

	n = names_norm("Sở TT&TT");
	assert_string_equal(n, "so thong tin truyen thong");
	free(n);
	n = names_norm("Đài PT-TH tỉnh");
	assert_string_equal(n, "dai phat thanh truyen hinh tinh");
	free(n);
	n = names_norm("  UBND   Tỉnh,  HĐND ");
	assert_string_equal(n, "uy ban nhan dan tinh hoi dong nhan dan");
	free(n);
	n = names_norm("Sở LĐ-TB&XH");
	assert_string_equal(n, "so lao dong thuong binh xa hoi");
	free(n);
}

static void
test_resolve(void **state)
{
	struct name_dir *d = names_new(dir, NDIR);

	assert_string_equal(codes(d, "Sở Nội vụ"), "SNV");
	assert_string_equal(codes(d, "sở nội vụ"), "SNV");
	assert_string_equal(codes(d, "SNV"), "SNV");
	assert_string_equal(codes(d, "Sở TT&TT"), "STTTT");
	assert_string_equal(codes(d, "Đài PT-TH tỉnh"), "DPTTH");
	assert_string_equal(codes(d, "Đài Phát thanh - Truyền hình tỉnh"),
	    "DPTTH");
	assert_string_equal(codes(d, "Sở Lao động - Thương binh và Xã hội"),
	    "SLDTBXH");
	/* A comma and "và" inside a name do not split it. */
	assert_string_equal(codes(d,
	    "Sở Nội vụ; Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"), "SNV VP");
	assert_string_equal(codes(d, "Sở Nội vụ và Sở Thông tin và Truyền "
	    "thông"), "SNV STTTT");
	assert_string_equal(codes(d, "- Sở Nội vụ\n- UBND tỉnh"), "SNV UBND");
	assert_string_equal(codes(d, "Sở Nội vụ, Sở TT&TT, Đài PT-TH tỉnh"),
	    "SNV STTTT DPTTH");
	/* Group phrases expand to every agency of the group. */
	assert_string_equal(codes(d, "Các sở, ban, ngành"),
	    "VP SNV STTTT SLDTBXH");
	assert_string_equal(codes(d, "UBND cấp huyện"), "HYB HVC");
	assert_string_equal(codes(d, "UBND các huyện, thành phố"), "HYB HVC");
	assert_string_equal(codes(d, "Sở Nội vụ; các Sở, Ngành"),
	    "SNV VP SNV STTTT SLDTBXH");
	/* What matches nothing is kept, as unknown, never dropped. */
	assert_string_equal(codes(d, "Sở Xây dựng"), "?");
	assert_string_equal(codes(d, "Sở Nội vụ; Sở Xây dựng"), "SNV ?");
	assert_string_equal(codes(d, "Sở Xây dựng, Sở Nội vụ"), "? SNV");
	names_free(d);
}

/* Phrases the directory teaches in "Tên khác": one agency, or each that
 * lists the phrase (a group the province names in its own words). */
static void
test_aliases(void **state)
{
	struct name_dir *d = names_new(dir, NDIR);

	assert_string_equal(codes(d, "Phòng TC-KH"), "PTC-VC");
	assert_string_equal(codes(d,
	    "Các phòng chuyên môn thuộc UBND huyện"), "PNV-VC PTC-VC");
	assert_string_equal(codes(d,
	    "Sở Nội vụ; các phòng chuyên môn thuộc UBND huyện"),
	    "SNV PNV-VC PTC-VC");
	/* A name still wins over a phrase that only starts like it. */
	assert_string_equal(codes(d, "Phòng Nội vụ huyện Văn Chấn"),
	    "PNV-VC");
	names_free(d);
}

static void
test_closest(void **state)
{
	struct name_dir *d = names_new(dir, NDIR);
	struct name_hit h[4];
	int c[3], n;

	/* Without "và", the name still matches; a near miss does not. */
	n = names_resolve(d, "Sở Thông tin Truyền thông", h, 4);
	assert_int_equal(n, 1);
	assert_string_equal(dir[h[0].entry].code, "STTTT");
	n = names_resolve(d, "Sở Thông tin Truyền thanh", h, 4);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].entry, -1);
	n = names_closest(d, h[0].text, c, 3);
	assert_true(n >= 1);
	assert_string_equal(dir[c[0]].code, "STTTT");
	names_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_closest),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
