/*
 * test-tmpl.c: template checking and rendering.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

static void
test_render_vietnamese(void **state)
{
	struct tmpl_vars v;
	char *out;

	memset(&v, 0, sizeof(v));
	v.v[TV_TASK] = "Ban hành kế hoạch";
	v.v[TV_DUE] = "31/01/2023 17:00";
	v.v[TV_ACK_CODE] = "K7Q2M";
	out = tmpl_render("Nhắc: {{task}} hạn {{ due }} — mã {{ack_code}}.",
	    &v);
	assert_string_equal(out, "Nhắc: Ban hành kế hoạch hạn 31/01/2023 "
	    "17:00 — mã K7Q2M.");
	free(out);
}

static void
test_missing_value_is_empty(void **state)
{
	struct tmpl_vars v;
	char *out;

	memset(&v, 0, sizeof(v));
	out = tmpl_render("[{{plan}}]", &v);
	assert_string_equal(out, "[]");
	free(out);
}

static void
test_long_values_grow_buffer(void **state)
{
	struct tmpl_vars v;
	char big[2000], *out;

	memset(&v, 0, sizeof(v));
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	v.v[TV_TASK] = big;
	out = tmpl_render("{{task}}{{task}}", &v);
	assert_int_equal(strlen(out), 2 * (sizeof(big) - 1));
	free(out);
}

static void
test_check_errors(void **state)
{
	char err[256];

	assert_int_equal(tmpl_check("ok {{task}} {{step}}", err, sizeof(err)),
	    0);
	assert_int_equal(tmpl_check("bad {{deadline}}", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "unknown placeholder {{deadline}}"));
	assert_int_equal(tmpl_check("open {{task", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unterminated"));
	assert_int_equal(tmpl_check("no placeholders at all", err,
	    sizeof(err)), 0);
}

static void
test_every_name_known(void **state)
{
	char text[64], err[256];
	int i;

	for (i = 0; i < TV_NVARS; i++) {
		snprintf(text, sizeof(text), "{{%s}}", tmpl_var_name(i));
		assert_int_equal(tmpl_check(text, err, sizeof(err)),
		    i < TV_NMSGVARS ? 0 : -1);
		assert_int_equal(tmpl_check_request(text, err, sizeof(err)), 0);
	}
}

static char *
upper(const char *s)
{
	char *o = strdup(s), *p;

	for (p = o; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 32;
	return o;
}

static void
test_render_escaped(void **state)
{
	struct tmpl_vars v;
	char *out;

	memset(&v, 0, sizeof(v));
	v.v[TV_TEXT] = "nhac viec";
	v.v[TV_TO] = "+84912345678";
	out = tmpl_render_esc("to={{to}}&text={{text}}&k={{key}}", &v, upper);
	assert_string_equal(out, "to=+84912345678&text=NHAC VIEC&k=");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_vietnamese),
		cmocka_unit_test(test_missing_value_is_empty),
		cmocka_unit_test(test_long_values_grow_buffer),
		cmocka_unit_test(test_check_errors),
		cmocka_unit_test(test_every_name_known),
		cmocka_unit_test(test_render_escaped),
	};

	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
