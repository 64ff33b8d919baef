/*
 * test-mailhdr.c: mail header fields as relays need them: display names
 * with specials quoted, every line within 78 characters, encoded words
 * within 75, and the text given back whole when unfolded and decoded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "mailhdr.h"

/* Every line of H within 78, every encoded word within 75; how many. */
static int
check_lines(const char *h)
{
	const char *line = h, *end, *w, *we;
	int n = 0;

	for (;;) {
		end = strstr(line, "\r\n");
		if (end == NULL)
			end = line + strlen(line);
		assert_true(end - line <= MAILHDR_LINE);
		/* No line of a folded field is only white space. */
		assert_true(end - line > 1);
		for (w = line; (w = strstr(w, "=?")) != NULL && w < end; w = we) {
			assert_non_null(we = strstr(w + 2, "?="));
			we += 2;
			assert_true(we - w <= MAILHDR_WORD);
		}
		n++;
		if (*end == '\0')
			return n;
		/* A continuation line starts with the space that folds it. */
		assert_int_equal(end[2], ' ');
		line = end + 2;
	}
}

/*
 * The value of H unfolded, its encoded words decoded (the space between
 * two adjacent words dropped, as RFC 2047 6.2 says).
 */
static char *
unfold_decode(const char *h)
{
	char *u = malloc(strlen(h) + 1), *out = calloc(1, strlen(h) + 1);
	const char *p, *tok;
	unsigned char dec[128];
	size_t n, o = 0, b;
	int prev_enc = 0, len;

	assert_non_null(u);
	assert_non_null(out);
	for (p = h, n = 0; *p != '\0'; p++)
		if (!(p[0] == '\r' && p[1] == '\n')) {
			if (*p == '\n' && p > h && p[-1] == '\r')
				continue;
			u[n++] = *p;
		}
	u[n] = '\0';
	p = strchr(u, ':');
	assert_non_null(p);
	p++;
	while (*p == ' ') {
		p++;
		tok = p;
		n = strcspn(p, " ");
		if (n > 12 && strncmp(tok, "=?UTF-8?B?", 10) == 0 &&
		    strncmp(tok + n - 2, "?=", 2) == 0) {
			b = n - 12;
			len = EVP_DecodeBlock(dec, (const unsigned char *)tok + 10,
			    (int)b);
			assert_true(len >= 0);
			/* EVP_DecodeBlock counts the padding's bytes too. */
			if (b > 0 && tok[10 + b - 1] == '=')
				len--;
			if (b > 1 && tok[10 + b - 2] == '=')
				len--;
			if (o > 0 && !prev_enc)
				out[o++] = ' ';
			memcpy(out + o, dec, (size_t)len);
			o += (size_t)len;
			prev_enc = 1;
		} else {
			if (o > 0)
				out[o++] = ' ';
			memcpy(out + o, tok, n);
			o += n;
			prev_enc = 0;
		}
		out[o] = '\0';
		p += n;
	}
	assert_int_equal(*p, '\0');
	free(u);
	return out;
}

static void
mailbox_is(const char *in, const char *want)
{
	char *h = mailhdr_mailbox("From", in);

	assert_string_equal(h, want);
	check_lines(h);
	free(h);
}

static void
test_specials_are_quoted(void **state)
{
	/* The report from the field: Postfix made this four addresses. */
	mailbox_is("Van phong UBND, tinh Yen Bai <nhacviec@yenbai.gov.vn>",
	    "From: \"Van phong UBND, tinh Yen Bai\" <nhacviec@yenbai.gov.vn>");
	mailbox_is("Ban \"Chi dao\" <a@b.vn>",
	    "From: \"Ban \\\"Chi dao\\\"\" <a@b.vn>");
	mailbox_is("Phong A\\B <a@b.vn>", "From: \"Phong A\\\\B\" <a@b.vn>");
	mailbox_is("UBND (Yen Bai) <a@b.vn>",
	    "From: \"UBND (Yen Bai)\" <a@b.vn>");
	mailbox_is("Re: nhac viec <a@b.vn>", "From: \"Re: nhac viec\" <a@b.vn>");
	mailbox_is("So Noi vu; VP <a@b.vn>", "From: \"So Noi vu; VP\" <a@b.vn>");
	/* Atoms stay as they are; a name the config quoted is not doubled. */
	mailbox_is("Nhac viec <a@b.vn>", "From: Nhac viec <a@b.vn>");
	mailbox_is("\"Van phong, UBND\" <a@b.vn>",
	    "From: \"Van phong, UBND\" <a@b.vn>");
	mailbox_is("<a@b.vn>", "From: <a@b.vn>");
	mailbox_is("a@b.vn", "From: a@b.vn");
	/* "=?" in a name could be read as an encoded word: it is encoded. */
	mailbox_is("=?x?= <a@b.vn>", "From: =?UTF-8?B?PT94Pz0=?= <a@b.vn>");
}

static void
test_vietnamese_name_encoded(void **state)
{
	const char *name = "Văn phòng Ủy ban nhân dân tỉnh Yên Bái, Phòng "
	    "Hành chính – Tổ chức (bộ phận một cửa): \"Nhắc việc\"";
	char in[512], *h, *dec, want[512];

	snprintf(in, sizeof(in), "%s <nhacviec@yenbai.gov.vn>", name);
	h = mailhdr_mailbox("From", in);
	assert_true(check_lines(h) > 1);
	assert_null(strchr(h, '"'));	/* encoded words, not a quoted string */
	dec = unfold_decode(h);
	snprintf(want, sizeof(want), "%s <nhacviec@yenbai.gov.vn>", name);
	assert_string_equal(dec, want);
	free(dec);
	free(h);
}

static void
test_long_ascii_name_folds_in_quotes(void **state)
{
	char name[400], in[512], want[512], *h, *dec;
	int i;

	name[0] = '\0';
	for (i = 0; i < 12; i++)
		strcat(name, i ? ", Phong ban so" : "Van phong UBND tinh Yen Bai");
	snprintf(in, sizeof(in), "%s <nv@yenbai.gov.vn>", name);
	h = mailhdr_mailbox("From", in);
	assert_true(check_lines(h) > 2);
	dec = unfold_decode(h);
	snprintf(want, sizeof(want), "\"%s\" <nv@yenbai.gov.vn>", name);
	assert_string_equal(dec, want);
	free(dec);
	free(h);
}

static void
test_long_ascii_subject_folds(void **state)
{
	char subj[1300], *h, *dec;
	int lines;

	/* The report's case: 1,225 characters of ASCII title. */
	subj[0] = '\0';
	while (strlen(subj) < 1225)
		strcat(subj, "Bao cao ket qua cai cach hanh chinh quy IV; ");
	subj[1225] = '\0';
	if (subj[1224] == ' ')
		subj[1224] = 'x';
	h = mailhdr_text("Subject", subj);
	lines = check_lines(h);
	assert_true(lines >= 1225 / 78);
	assert_null(strstr(h, "=?"));	/* stays readable ASCII */
	dec = unfold_decode(h);
	assert_string_equal(dec, subj);
	free(dec);
	free(h);
}

static void
test_vietnamese_subject(void **state)
{
	char subj[2048], *h, *dec;

	subj[0] = '\0';
	while (strlen(subj) < 1500)
		strcat(subj, "Báo cáo kết quả thực hiện nhiệm vụ cải cách "
		    "hành chính quý IV của Sở Nội vụ — hạn 31/12; ");
	subj[strlen(subj) - 2] = '\0';
	h = mailhdr_text("Subject", subj);
	assert_true(check_lines(h) > 20);
	dec = unfold_decode(h);
	assert_string_equal(dec, subj);
	free(dec);
	free(h);
	/* Short: one word on the first line. */
	h = mailhdr_text("Subject", "Hạn nộp");
	assert_string_equal(h, "Subject: =?UTF-8?B?SOG6oW4gbuG7mXA=?=");
	free(h);
}

static void
test_odd_ascii_subjects(void **state)
{
	char word[200], *h, *dec;

	/* A word longer than any line can only go as encoded words. */
	memset(word, 'x', 150);
	word[150] = '\0';
	h = mailhdr_text("Subject", word);
	check_lines(h);
	dec = unfold_decode(h);
	assert_string_equal(dec, word);
	free(dec);
	free(h);
	/* Line breaks and tabs cannot end the field: they become spaces. */
	h = mailhdr_text("Subject", "  a\r\nBcc: x@y.vn\tb  ");
	assert_string_equal(h, "Subject: a Bcc: x@y.vn b");
	free(h);
	h = mailhdr_text("Subject", "Plain, short: (ok) \"yes\"");
	assert_string_equal(h, "Subject: Plain, short: (ok) \"yes\"");
	free(h);
	h = mailhdr_text("Subject", "=?UTF-8?B?eA==?=");
	dec = unfold_decode(h);
	assert_string_equal(dec, "=?UTF-8?B?eA==?=");
	free(dec);
	free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specials_are_quoted),
		cmocka_unit_test(test_vietnamese_name_encoded),
		cmocka_unit_test(test_long_ascii_name_folds_in_quotes),
		cmocka_unit_test(test_long_ascii_subject_folds),
		cmocka_unit_test(test_vietnamese_subject),
		cmocka_unit_test(test_odd_ascii_subjects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
