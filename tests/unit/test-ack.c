/*
 * test-ack.c: ack-link tokens: a round trip, and every way a token can
 * be wrong (tampered, another key, expired, not a token at all).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "ack.h"
#include "ics.h"

static const char *key = "k3y-for-tests-0123456789abcdefghijkl";

static void
test_round_trip(void **state)
{
	struct ack_claim c = { "K7Q2M", 42, 1800000000 }, got;
	char tok[ACK_TOKEN_MAX + 1];

	assert_int_equal(ack_token_make(key, &c, tok, sizeof(tok)), 0);
	/* Short enough for an SMS link. */
	assert_true(strlen(tok) <= 40);
	assert_null(strpbrk(tok, "+/="));
	assert_int_equal(ack_token_parse(key, tok, 1700000000, &got), 0);
	assert_string_equal(got.ack_code, "K7Q2M");
	assert_int_equal(got.contact_id, 42);
	/* Expiry is kept to the hour, rounded up, never earlier. */
	assert_true(got.expires >= c.expires && got.expires - c.expires < 3600);
	assert_int_equal(ack_token_parse(key, tok, got.expires + 1, &got), -2);
	assert_string_equal(got.ack_code, "K7Q2M");
}

static void
test_forgeries(void **state)
{
	struct ack_claim c = { "AB12C", 7, 1800000000 }, got;
	char tok[ACK_TOKEN_MAX + 1], bad[ACK_TOKEN_MAX + 1];
	size_t i;

	assert_int_equal(ack_token_make(key, &c, tok, sizeof(tok)), 0);
	assert_int_equal(ack_token_parse("another key entirely 0123456789",
	    tok, 1700000000, &got), -1);
	/* Any one character changed breaks it. */
	for (i = 0; i < strlen(tok); i++) {
		snprintf(bad, sizeof(bad), "%s", tok);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_int_equal(ack_token_parse(key, bad, 1700000000, &got),
		    -1);
	}
	assert_int_equal(ack_token_parse(key, "", 0, &got), -1);
	assert_int_equal(ack_token_parse(key, "abc", 0, &got), -1);
	assert_int_equal(ack_token_parse(key, "not/a+token==", 0, &got), -1);
	assert_int_equal(ack_token_parse(key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, &got), -1);
}

static void
test_feed_tokens(void **state)
{
	struct ack_claim c = { "K7Q2M", 42, 1800000000 }, got;
	char tok[ACK_TOKEN_MAX + 1], ack[ACK_TOKEN_MAX + 1], agency[80];
	int64_t v;

	assert_int_equal(ics_token_make(key, "SỞ-NỘI-VỤ", 3, tok,
	    sizeof(tok)), 0);
	assert_int_equal(ics_token_parse(key, tok, agency, sizeof(agency),
	    &v), 0);
	assert_string_equal(agency, "SỞ-NỘI-VỤ");
	/* The version comes back, for the caller to compare. */
	assert_int_equal(v, 3);
	assert_int_equal(ics_token_make(key, "SNV", 70000, tok, sizeof(tok)),
	    0);
	assert_int_equal(ics_token_parse(key, tok, agency, sizeof(agency),
	    &v), 0);
	assert_int_equal(v, 70000);
	/* One kind of token never passes for the other. */
	assert_int_equal(ack_token_make(key, &c, ack, sizeof(ack)), 0);
	assert_int_equal(ics_token_parse(key, ack, agency, sizeof(agency), &v),
	    -1);
	assert_int_equal(ack_token_parse(key, tok, 0, &got), -1);
	assert_int_equal(ics_token_parse("other key 0123456789012345678901",
	    tok, agency, sizeof(agency), &v), -1);
	/* A code too long for a token is refused, not cut. */
	assert_int_equal(ics_token_make(key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, tok, sizeof(tok)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_forgeries),
		cmocka_unit_test(test_feed_tokens),
	};

	return cmocka_run_group_tests_name("ack", tests, NULL, NULL);
}
