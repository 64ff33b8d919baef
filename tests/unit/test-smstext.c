/*
 * test-smstext.c: "không dấu" folding and SMS segment counting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_khong_dau),
		cmocka_unit_test(test_gsm7_segments),
		cmocka_unit_test(test_ucs2_segments),
	};

	return cmocka_run_group_tests_name("smstext", tests, NULL, NULL);
}
