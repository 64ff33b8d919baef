/*
 * test-smstext.c: "không dấu" folding and SMS segment counting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smstext.h"

static void
fold(const char *in, const char *want)
{
	char *out = sms_ascii(in);

	assert_string_equal(out, want);
	free(out);
}

static void
test_khong_dau(void **state)
{
	fold("Nhắc việc: Sở Nội vụ", "Nhac viec: So Noi vu");
	fold("Đài Phát thanh và Truyền hình tỉnh",
	    "Dai Phat thanh va Truyen hinh tinh");
	fold("Ủy ban nhân dân đã ban hành", "Uy ban nhan dan da ban hanh");
	fold("ẤẦẨẪẬ ấầẩẫậ ƯỨỪỬỮỰ ơớờởỡợ", "AAAAA aaaaa UUUUUU oooooo");
	fold("Mã xác nhận: K7Q2M", "Ma xac nhan: K7Q2M");
	fold("", "");
}

static void
test_gsm7_segments(void **state)
{
	struct sms_count c;
	char buf[400];

	assert_int_equal(sms_count("Nhac viec: han 31/01/2023", &c), 0);
	assert_int_equal(c.encoding, SMS_GSM7);
	assert_int_equal(c.segments, 1);
	memset(buf, 'a', 160);
	buf[160] = '\0';
	assert_int_equal(sms_count(buf, &c), 0);
	assert_int_equal(c.segments, 1);
	buf[160] = 'a';
	buf[161] = '\0';
	assert_int_equal(sms_count(buf, &c), 0);
	assert_int_equal(c.segments, 2);	/* 161 septets: 153 + 8 */
	assert_int_equal(c.per_segment, 153);
	/* Extension characters take two septets. */
	assert_int_equal(sms_count("[x]", &c), 0);
	assert_int_equal(c.units, 5);
	assert_int_equal(sms_count("giá 100€", &c), 0);	/* á: not GSM-7 */
	assert_int_equal(c.encoding, SMS_UCS2);
}

static void
test_ucs2_segments(void **state)
{
	struct sms_count c;
	char buf[400];
	int i;

	assert_int_equal(sms_count("Nhắc việc", &c), 0);
	assert_int_equal(c.encoding, SMS_UCS2);
	assert_int_equal(c.units, 9);
	/* 71 UCS-2 characters: two segments of 67. */
	for (i = 0, buf[0] = '\0'; i < 71; i++)
		strcat(buf, "ệ");
	assert_int_equal(sms_count(buf, &c), 0);
	assert_int_equal(c.units, 71);
	assert_int_equal(c.segments, 2);
	assert_int_equal(c.per_segment, 67);
	/* Folding brings a typical reminder back to one GSM-7 segment. */
	{
		char *a = sms_ascii("[Nhắc việc] Sở Nội vụ: nhiệm vụ \"Ban hành "
		    "kế hoạch\" hạn 31/01/2023 17:00. Mã: K7Q2M.");

		assert_int_equal(sms_count(a, &c), 0);
		assert_int_equal(c.encoding, SMS_GSM7);
		assert_int_equal(c.segments, 1);
		free(a);
	}
	assert_int_equal(sms_count("bad \xff", &c), -1);
}

static int
segments(const char *t)
{
	struct sms_count c;

	assert_int_equal(sms_count(t, &c), 0);
	return c.segments;
}

static void
test_fit_shortens_title(void **state)
{
	const char *title = "Xay dung, trien khai va danh gia ket qua thuc "
	    "hien Ke hoach cai cach hanh chinh nha nuoc giai doan 2021-2025 "
	    "tren dia ban tinh Yen Bai theo Nghi quyet so 76/NQ-CP";
	const char *parts[] = { title, "So Noi vu", "285/KH-UBND" };
	char text[1024], *out;

	snprintf(text, sizeof(text), "[Nhac viec] So Noi vu: nhiem vu \"%s\" "
	    "(285/KH-UBND) han 31/01/2023 17:00, con 3 ngay. Ma xac nhan: "
	    "K7Q2M.", title);
	assert_int_equal(segments(text), 2);
	/* No limit, or a limit it meets: unchanged. */
	out = sms_fit(text, 0, parts, 3, "K7Q2M");
	assert_string_equal(out, text);
	free(out);
	out = sms_fit(text, 2, parts, 3, "K7Q2M");
	assert_string_equal(out, text);
	free(out);
	/* One segment: the title gives way, the rest stays whole. */
	out = sms_fit(text, 1, parts, 3, "K7Q2M");
	assert_non_null(out);
	assert_int_equal(segments(out), 1);
	assert_true(strlen(out) <= 160);
	assert_true(strlen(out) >= 150);	/* cut no more than needed */
	assert_non_null(strstr(out, "[Nhac viec] So Noi vu: nhiem vu \"Xay "
	    "dung, trien khai"));
	assert_non_null(strstr(out, "...\" (285/KH-UBND) han 31/01/2023 "
	    "17:00, con 3 ngay. Ma xac nhan: K7Q2M."));
	free(out);
}

static void
test_fit_keeps_code(void **state)
{
	const char *parts[] = { "Bao cao" };
	char text[512], *out;
	int i;

	/* Fixed text too long for the parts alone: the code still survives. */
	text[0] = '\0';
	for (i = 0; i < 12; i++)
		strcat(text, "Noi dung co dinh rat dai. ");
	strcat(text, "Bao cao. Ma xac nhan: AB12C.");
	out = sms_fit(text, 1, parts, 1, "AB12C");
	assert_non_null(out);
	assert_int_equal(segments(out), 1);
	assert_non_null(strstr(out, "... Ma xac nhan: AB12C."));
	assert_true(strncmp(out, "Noi dung co dinh", 16) == 0);
	free(out);
	/* Without a code to keep, the sender is told it cannot fit. */
	assert_null(sms_fit(text, 1, parts, 1, NULL));
	/* UTF-8 is cut on character boundaries, in UCS-2 units. */
	out = sms_fit("Nhiệm vụ: Báo cáo kết quả thực hiện công tác cải cách "
	    "hành chính năm 2026 của các sở, ban, ngành. Mã: XY9", 1,
	    (const char *[]){ "Báo cáo kết quả thực hiện công tác cải cách "
	    "hành chính năm 2026 của các sở, ban, ngành" }, 1, "XY9");
	assert_non_null(out);
	assert_int_equal(segments(out), 1);
	assert_non_null(strstr(out, "Nhiệm vụ: Báo cáo kết quả"));
	assert_non_null(strstr(out, ".... Mã: XY9"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_khong_dau),
		cmocka_unit_test(test_gsm7_segments),
		cmocka_unit_test(test_ucs2_segments),
		cmocka_unit_test(test_fit_shortens_title),
		cmocka_unit_test(test_fit_keeps_code),
	};

	return cmocka_run_group_tests_name("smstext", tests, NULL, NULL);
}
