/*
 * test-digest.c: the digest's signed list link and its deadline phrases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "config.h"
#include "digest.h"
#include "tztime.h"

#define KEY	"0123456789abcdef0123456789abcdef"

static int
setup(void **state)
{
	char err[128];

	return tz_set("Asia/Ho_Chi_Minh", err, sizeof(err));
}

static void
test_list_link(void **state)
{
	struct config *c = config_default();
	char url[512], tok[512];
	int64_t id, contact;
	const char *t;

	/* No public_url or key: no link, rather than a broken one. */
	assert_null(digest_list_url(c, 42, 7, 1000000, url, sizeof(url)));
	c->public_url = strdup("https://nv.example.gov.vn");
	c->ack_key = strdup(KEY);
	assert_non_null(digest_list_url(c, 42, 7, 1000000, url, sizeof(url)));
	assert_int_equal(strncmp(url, "https://nv.example.gov.vn/l/", 28), 0);
	t = url + 28;
	assert_true(strlen(t) < 60);	/* short enough for an SMS */
	assert_int_equal(digest_list_token_parse(KEY, t, 999000, &id,
	    &contact), 0);
	assert_int_equal(id, 42);
	assert_int_equal(contact, 7);
	/* Expired after its hour; forged with another key; altered. */
	assert_int_equal(digest_list_token_parse(KEY, t, 1000000 + 3600,
	    &id, &contact), -2);
	assert_int_equal(digest_list_token_parse("another key of 32 characters!!",
	    t, 999000, &id, &contact), -1);
	snprintf(tok, sizeof(tok), "%s", t);
	tok[3] = tok[3] == 'A' ? 'B' : 'A';
	assert_int_equal(digest_list_token_parse(KEY, tok, 999000, &id,
	    &contact), -1);
	config_unref(c);
}

static void
test_due_phrases(void **state)
{
	time_t due = local_make(2026, 3, 2, 8 * 3600);
	char b[48];

	assert_string_equal(digest_due_phrase(due, due + 2 * 3600, b,
	    sizeof(b)), "quá hạn hôm nay");
	assert_string_equal(digest_due_phrase(due, local_make(2026, 3, 5,
	    9 * 3600), b, sizeof(b)), "quá 3 ngày");
	assert_string_equal(digest_due_phrase(due, due - 3600, b, sizeof(b)),
	    "đến hạn hôm nay");
	assert_string_equal(digest_due_phrase(due, local_make(2026, 2, 28,
	    9 * 3600), b, sizeof(b)), "còn 2 ngày");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_link),
		cmocka_unit_test(test_due_phrases),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
