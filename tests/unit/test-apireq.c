/*
 * test-apireq.c: the admin API's request readers on bodies a client
 * could send: good ones read whole, and each kind of bad one refused
 * with the field it concerns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "apireq.h"

static char err[256];

static json_t *
obj(const char *s)
{
	json_t *o = apireq_object(s, strlen(s), err, sizeof(err));

	assert_non_null(o);
	return o;
}

static void
test_body(void **state)
{
	char big[API_MAX_BODY + 2];

	(void)state;
	assert_null(apireq_object("{\"plan\": ", 9, err, sizeof(err)));
	assert_non_null(strstr(err, "bad JSON at line 1"));
	assert_null(apireq_object("[1]", 3, err, sizeof(err)));
	assert_string_equal(err, "expected a JSON object");
	memset(big, ' ', sizeof(big));
	assert_null(apireq_object(big, sizeof(big), err, sizeof(err)));
	assert_non_null(strstr(err, "at most 65536"));
	assert_int_equal(apireq_id("42", 2), 42);
	assert_int_equal(apireq_id("42x", 3), 0);
	assert_int_equal(apireq_id("-3", 2), 0);
	assert_int_equal(apireq_id("", 0), 0);
}

static void
test_task(void **state)
{
	struct task_spec t;
	json_t *o;

	(void)state;
	o = obj("{\"plan\":\"285/KH-UBND\",\"title\":\"Ban hành\",\"lead\":"
	    "\"SNV\",\"every\":\"weekly fri\",\"ongoing\":true,"
	    "\"quota\":null}");
	assert_int_equal(apireq_task(o, &t, err, sizeof(err)), 0);
	assert_string_equal(t.plan, "285/KH-UBND");
	assert_string_equal(t.every, "weekly fri");
	assert_null(t.quota);
	assert_int_equal(t.ongoing, 1);
	assert_string_equal(t.via, "admin API");
	json_decref(o);
	o = obj("{\"plan\":\"P\",\"title\":5,\"lead\":\"SNV\"}");
	assert_int_equal(apireq_task(o, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "title: must be a string");
	json_decref(o);
	o = obj("{\"plan\":\"P\",\"title\":\"T\"}");
	assert_int_equal(apireq_task(o, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "lead: required");
	json_decref(o);
	o = obj("{\"plan\":\"P\",\"title\":\"T\",\"lead\":\"L\","
	    "\"ongoing\":\"yes\"}");
	assert_int_equal(apireq_task(o, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "ongoing: must be true or false");
	json_decref(o);
}

static void
test_agency_done(void **state)
{
	struct agency_req a;
	struct done_req d;
	json_t *o;

	(void)state;
	o = obj("{\"code\":\"SNV\",\"name\":\"Sở Nội vụ\",\"groups\":"
	    "[\"so-nganh\",\"cchc\"]}");
	assert_int_equal(apireq_agency(o, &a, err, sizeof(err)), 0);
	assert_int_equal(a.ngroups, 2);
	assert_string_equal(a.groups[1], "cchc");
	assert_null(a.parent);
	json_decref(o);
	o = obj("{\"code\":\"SNV\",\"name\":\"N\",\"groups\":[1]}");
	assert_int_equal(apireq_agency(o, &a, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "groups:"));
	json_decref(o);
	o = obj("{\"task\":7,\"ack_code\":\"K7Q2M\"}");
	assert_int_equal(apireq_done(o, &d, err, sizeof(err)), -1);
	assert_string_equal(err, "give either task or ack_code");
	json_decref(o);
	o = obj("{\"task\":\"7\"}");
	assert_int_equal(apireq_done(o, &d, err, sizeof(err)), -1);
	assert_string_equal(err, "task: must be an integer");
	json_decref(o);
	o = obj("{\"ack_code\":\"K7Q2M\",\"by\":\"Chánh VP\"}");
	assert_int_equal(apireq_done(o, &d, err, sizeof(err)), 0);
	assert_string_equal(d.ack, "K7Q2M");
	assert_int_equal(d.task, 0);
	json_decref(o);
}

static void
test_patch(void **state)
{
	static const char *const keys[] = { "title", "ref", "quota", NULL };
	struct contact_patch cp;
	struct patch_str f[3];
	json_t *o;

	(void)state;
	o = obj("{\"phone\":\"0912000001\",\"email\":null,\"active\":false}");
	assert_int_equal(apireq_contact_patch(o, &cp, err, sizeof(err)), 0);
	assert_true(cp.phone.set);
	assert_string_equal(cp.phone.value, "0912000001");
	assert_true(cp.email.set);
	assert_null(cp.email.value);
	assert_false(cp.name.set);
	assert_int_equal(cp.active, 0);
	json_decref(o);
	o = obj("{\"ref\":[]}");
	assert_int_equal(apireq_patch(o, keys, f, err, sizeof(err)), -1);
	assert_string_equal(err, "ref: must be a string or null");
	json_decref(o);
	o = obj("{}");
	assert_int_equal(apireq_contact_patch(o, &cp, err, sizeof(err)), 0);
	assert_int_equal(cp.active, -1);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body),
		cmocka_unit_test(test_task),
		cmocka_unit_test(test_agency_done),
		cmocka_unit_test(test_patch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
