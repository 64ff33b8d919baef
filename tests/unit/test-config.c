/*
 * test-config.c: the config table, defaults, and errors that name the
 * file, the line and the key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "provider.h"

static char path[64];

static const char *
write_ini(const char *text, mode_t mode)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/nv-test-config.XXXXXX");
	assert_true((fd = mkstemp(path)) != -1);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

static struct config *
load(const char *text, char *err, size_t errlen)
{
	struct config *c = config_load(write_ini(text, 0640), err, errlen);

	unlink(path);
	return c;
}

static void
test_defaults(void **state)
{
	struct config *c = config_default();
	struct policy *p = config_policy(c, "default");

	assert_non_null(p);
	assert_string_equal(c->timezone, "Asia/Ho_Chi_Minh");
	assert_int_equal(p->nremind, 3);
	/* Working days, with grace: -5wd -1wd 0, +1wd:lead +3wd:parent. */
	assert_int_equal(p->remind[0].is_workdays, 1);
	assert_int_equal(p->remind[0].days, -5);
	assert_int_equal(p->nescalate, 2);
	assert_int_equal(p->escalate[0].off.is_workdays, 1);
	assert_int_equal(p->escalate[0].off.days, 1);
	assert_int_equal(p->escalate[1].target, TARGET_PARENT);
	assert_int_equal(p->escalate[1].off.days, 3);
	assert_int_equal(p->digest, 30 * 60);
	assert_int_equal(p->repeat.days, 0);
	assert_int_equal(p->remind_at, 8 * 3600);
	assert_int_equal(p->deadline_time, 17 * 3600);
	assert_int_equal(c->web_upload_max, 10 * 1024 * 1024);
	assert_string_equal(p->channels[0], "console");
	assert_non_null(config_provider(c, "console"));
	assert_ptr_equal(config_provider(c, "console")->ops, &provider_console);
	assert_non_null(config_template(c, "default"));
	config_unref(c);
}

static void
test_full_file(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;
	struct policy *p;
	struct provider_conf *pc;

	c = load("; comment\n"
	    "[daemon]\ndatabase = /tmp/x.db\nbatch = 64\n\n"
	    "[provider hook]\ntype = webhook\nurl = https://h.example/x\n"
	    "header = X-Token: abc\nheader = X-Org: yb\nrate = 2.5\n\n"
	    "[policy urgent]\nremind = -2h -30m 0\n"
	    "escalate = +1d:lead +3d:agency:SNV\nchannels = hook console\n"
	    "remind_roles = head deputy\ncopy_cooperating = yes\n"
	    "max_lateness = 6h\n", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(c->batch, 64);
	pc = config_provider(c, "hook");
	assert_non_null(pc);
	assert_int_equal(pc->nheaders, 2);
	assert_true(pc->rate > 2.4 && pc->rate < 2.6);
	assert_string_equal(pc->address, "any");
	p = config_policy(c, "urgent");
	assert_int_equal(p->nremind, 3);
	assert_int_equal(p->remind[0].is_days, 0);
	assert_int_equal(p->remind[0].secs, -7200);
	assert_int_equal(p->remind[1].secs, -1800);
	assert_int_equal(p->escalate[1].target, TARGET_AGENCY);
	assert_string_equal(p->escalate[1].agency, "SNV");
	assert_int_equal(p->nchannels, 2);
	assert_int_equal(p->remind_roles, ROLE_HEAD | ROLE_DEPUTY);
	assert_int_equal(p->copy_cooperating, 1);
	assert_int_equal(p->max_lateness, 6 * 3600);
	/* The default policy is implied when the file has none. */
	assert_non_null(config_policy(c, "default"));
	config_unref(c);
}

static void
expect_error(const char *text, const char *want)
{
	char err[CONF_ERRLEN], full[CONF_ERRLEN + 64];
	struct config *c = load(text, err, sizeof(err));

	assert_null(c);
	snprintf(full, sizeof(full), "%s:%s", path, want);
	if (strstr(err, full) == NULL)
		fail_msg("got \"%s\", wanted \"%s\"", err, full);
}

/* A size is bytes, or K or M of them. */
static void
test_sizes(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;

	c = load("[daemon]\nweb_upload_max = 512K\n", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(c->web_upload_max, 512 * 1024);
	config_unref(c);
	c = load("[daemon]\nweb_upload_max = 100000\n", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(c->web_upload_max, 100000);
	config_unref(c);
	c = load("[daemon]\nweb_upload_max = 20m\n", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(c->web_upload_max, 20 * 1024 * 1024);
	config_unref(c);
}

static void
test_errors_name_line_and_key(void **state)
{
	expect_error("[daemon]\n\nfoo = 1\n", "3: foo: unknown key in [daemon]");
	expect_error("[daemon]\nbatch = many\n", "2: batch: not a whole number");
	expect_error("[daemon]\nbatch = 0\n", "2: batch: 0 is out of range");
	expect_error("[daemon]\nlog_level = loud\n", "2: log_level: expected");
	expect_error("[daemon]\nweb_upload_max = 10MB\n",
	    "2: web_upload_max: not a size");
	expect_error("[daemon]\nweb_upload_max = 1K\n",
	    "2: web_upload_max: 1024 is out of range");
	expect_error("[daemon]\nweb_upload_max = 1000M\n",
	    "2: web_upload_max: 1048576000 is out of range");
	expect_error("[daemon]\ntimezone = Asia/Ho_Chi_Minh\n[policy]\nremind = 0\n",
	    "4: [policy]: a name is needed");
	expect_error("[policy p]\nremind = -3x\n", "2: remind: bad offset");
	expect_error("[policy p]\nremind_at = 25:00\n",
	    "2: remind_at: expected a local time");
	expect_error("[policy p]\nescalate = 1d\n", "2: escalate: bad step");
	expect_error("[policy p]\nrepeat = -3wd\n", "2: repeat: bad repeat");
	expect_error("[policy p]\nrepeat_parent = 0\n",
	    "2: repeat_parent: bad repeat");
	expect_error("[policy p]\nmax_repeats = 51\n", "2: max_repeats: 51 is "
	    "out of range");
	expect_error("[policy p]\nquiet_hours = 21:00-07:00\n"
	    "office_hours = 22:00-23:00\n", "2: office_hours: with its "
	    "quiet_hours, [policy p] leaves no time");
	expect_error("[policy p]\nescalate = -1d:lead\n",
	    "2: escalate: escalation \"-1d:lead\" is before");
	expect_error("[policy p]\nremind_roles = boss\n",
	    "2: remind_roles: unknown role");
	expect_error("[policy p]\ncopy_cooperating = maybe\n",
	    "2: copy_cooperating: expected yes or no");
	expect_error("[policy p]\ntemplate = fancy\n",
	    "2: template: no [template fancy]");
	expect_error("[provider h]\ntype = webhook\nurl = ftp://x\n",
	    "2: url: must start with http");
	expect_error("[provider h]\ntype = console\nheader = Bad Name: x\n",
	    "3: header: bad character in header name");
	expect_error("[provider h]\ntype = console\nretry_base = 1h\n"
	    "retry_max = 1m\n", "2: retry_max: shorter than retry_base");
	expect_error("[daemon]\ndefault_policy = strict\n",
	    "0: default_policy: no [policy strict]");
	expect_error("[template t]\nalert = {{oops}}\n",
	    "2: alert: unknown placeholder {{oops}}");
	expect_error("[calendar]\nworkday = 2026-01-09\n",
	    "2: workday: 2026-01-09 is a weekday");
	expect_error("[calendar]\noff = 2026-01-10\n",
	    "2: off: 2026-01-10 is a weekend day already");
	expect_error("[calendar]\noff = 10/01/2026\n",
	    "2: off: expected dates as YYYY-MM-DD");
	expect_error("[calendar]\ntet = 2026-02-20 2026-02-16\n",
	    "2: tet: expected the first and last day off");
	expect_error("[calendar]\nnational_day = 2026-09-05\n",
	    "2: national_day: expected YYYY-09-01 or YYYY-09-03");
	expect_error("[calendar]\nholiday = 30/02 Ngày lạ\n",
	    "2: holiday: expected");
	expect_error("[calendar nam]\noff = 2026-01-02\n",
	    "2: [calendar nam]: [calendar] takes no name");
	expect_error("\n[calendar]\nfile = /nonexistent/holidays.ini\n",
	    "3: file: /nonexistent/holidays.ini: No such file");
}

static void
test_calendar_file(void **state)
{
	char err[CONF_ERRLEN], inc[64], text[256];
	struct config *c;
	FILE *f;
	int fd;

	snprintf(inc, sizeof(inc), "/tmp/nv-test-cal.XXXXXX");
	assert_true((fd = mkstemp(inc)) != -1);
	f = fdopen(fd, "w");
	fputs("; notices\n[calendar]\noff = 2026-01-02\n"
	    "holiday = 24/11 Ngày Văn hóa Việt Nam\n", f);
	fclose(f);
	snprintf(text, sizeof(text), "[calendar]\nfile = %s\n", inc);
	c = load(text, err, sizeof(err));
	assert_non_null(c);
	config_unref(c);

	/* An included file holds [calendar] and nothing else. */
	f = fopen(inc, "a");
	fputs("[policy p]\nremind = 0\n", f);
	fclose(f);
	c = load(text, err, sizeof(err));
	assert_null(c);
	snprintf(text, sizeof(text), "%s:6: [policy p]: a calendar file "
	    "holds only [calendar]", inc);
	if (strstr(err, text) == NULL)
		fail_msg("got \"%s\"", err);
	unlink(inc);
}

static void
test_secret_permissions(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;
	const char *text = "[provider h]\ntype = webhook\n"
	    "url = http://127.0.0.1/\nheader = Authorization: Bearer T0P\n";

	c = config_load(write_ini(text, 0644), err, sizeof(err));
	unlink(path);
	assert_null(c);
	assert_non_null(strstr(err, ":4: header: the file holds secrets"));
	assert_null(strstr(err, "T0P"));
	c = config_load(write_ini(text, 0600), err, sizeof(err));
	unlink(path);
	assert_non_null(c);
	config_unref(c);
}

/* Others may neither read nor write a config, secrets or not. */
static void
test_config_permissions(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;
	const char *text = "[daemon]\ntimezone = Asia/Ho_Chi_Minh\n";

	c = config_load(write_ini(text, 0644), err, sizeof(err));
	unlink(path);
	assert_null(c);
	assert_non_null(strstr(err, "others can read this file (mode 644)"));
	c = config_load(write_ini(text, 0662), err, sizeof(err));
	unlink(path);
	assert_null(c);
	assert_non_null(strstr(err, "others can write this file"));
	c = config_load(write_ini(text, 0640), err, sizeof(err));
	unlink(path);
	assert_non_null(c);
	config_unref(c);
}

/* The admin port off loopback only with a TLS proxy said to be in front. */
static void
test_admin_listen(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;
	const char *tok = "/tmp/nv-test-token";
	FILE *f = fopen(tok, "w");

	fputs("0123456789abcdef0123\n", f);
	fclose(f);
	chmod(tok, 0600);
	c = load("[daemon]\nadmin_listen = 0.0.0.0:8471\n"
	    "admin_token_file = /tmp/nv-test-token\n", err, sizeof(err));
	assert_null(c);
	assert_non_null(strstr(err, "admin_listen: \"0.0.0.0:8471\" is not a "
	    "loopback address"));
	c = load("[daemon]\nadmin_listen = 127.0.0.1.evil.example:8471\n"
	    "admin_token_file = /tmp/nv-test-token\n", err, sizeof(err));
	assert_null(c);
	c = load("[daemon]\nadmin_listen = 0.0.0.0:8471\nadmin_tls_proxy = yes\n"
	    "admin_token_file = /tmp/nv-test-token\n", err, sizeof(err));
	assert_non_null(c);
	config_unref(c);
	c = load("[daemon]\nadmin_listen = 127.0.0.1:8471\n"
	    "admin_token_file = /tmp/nv-test-token\n", err, sizeof(err));
	assert_non_null(c);
	config_unref(c);
	unlink(tok);
	assert_true(config_host_is_loopback("[::1]:1"));
	assert_true(config_host_is_loopback("127.0.0.2:1"));
	assert_false(config_host_is_loopback("128.0.0.1:1"));
	assert_false(config_host_is_loopback("127.0.0.1"));
}

/* callback_from: addresses and networks, v4 and v6. */
static void
test_callback_from(void **state)
{
	const char *l = "192.0.2.10, 198.51.100.0/24 2001:db8::/32";

	assert_int_equal(config_addr_allowed(NULL, "203.0.113.1"), 1);
	assert_int_equal(config_addr_allowed(l, "192.0.2.10"), 1);
	assert_int_equal(config_addr_allowed(l, "192.0.2.11"), 0);
	assert_int_equal(config_addr_allowed(l, "198.51.100.77"), 1);
	assert_int_equal(config_addr_allowed(l, "198.51.101.1"), 0);
	assert_int_equal(config_addr_allowed(l, "2001:db8:1::5"), 1);
	assert_int_equal(config_addr_allowed(l, "2001:db9::5"), 0);
	assert_int_equal(config_addr_allowed("10.0.0.0/9", "10.127.0.1"), 1);
	assert_int_equal(config_addr_allowed("10.0.0.0/9", "10.128.0.1"), 0);
	assert_int_equal(config_addr_allowed(l, "not an address"), 0);
	assert_int_equal(config_addr_allowed("192.0.2.0/33", NULL), -1);
	assert_int_equal(config_addr_allowed("gateway.example", NULL), -1);
	assert_int_equal(config_addr_allowed(l, NULL), 0);
}

/* The relay in the clear: its host exactly, not a prefix of it. */
static void
test_smtp_local(void **state)
{
	assert_true(smtp_url_is_local("smtp://127.0.0.1:25"));
	assert_true(smtp_url_is_local("smtp://localhost"));
	assert_true(smtp_url_is_local("smtp://user@localhost:587/"));
	assert_true(smtp_url_is_local("smtp://[::1]:25"));
	assert_false(smtp_url_is_local("smtp://127.0.0.1.attacker.example"));
	assert_false(smtp_url_is_local("smtp://127.0.0.1.attacker.example:25"));
	assert_false(smtp_url_is_local("smtp://localhost.attacker.example"));
	assert_false(smtp_url_is_local("smtp://localhost@attacker.example"));
	assert_false(smtp_url_is_local("smtp://[::1].evil:25"));
	assert_false(smtp_url_is_local("smtp://127.0.0.1:25x"));
	assert_false(smtp_url_is_local("smtp://mail.example.gov.vn:587"));
}

static void
test_provider_rules(void **state)
{
	char err[CONF_ERRLEN];
	struct config *c;
	const struct provider_conf *pc;

	/* SpeedSMS's 60 requests a minute holds whatever is configured. */
	c = load("[provider s]\ntype = speedsms\ntoken = t\nrate = 50\n"
	    "burst = 500\n", err, sizeof(err));
	assert_non_null(c);
	pc = config_provider(c, "s");
	assert_true(pc->rate == 1.0);
	assert_int_equal(pc->burst, 60);
	config_unref(c);
	/* A receipt secret must be long and URL-safe, and needs a listener. */
	c = load("[provider s]\ntype = speedsms\ntoken = t\n"
	    "callback_secret = short\n", err, sizeof(err));
	assert_null(c);
	assert_non_null(strstr(err, "callback_secret: [provider s] needs 16"));
	c = load("[provider s]\ntype = speedsms\ntoken = t\n"
	    "callback_secret = 0123456789abcdefXYZ\n", err, sizeof(err));
	assert_null(c);
	assert_non_null(strstr(err, "public_listen is not set"));
	c = load("[daemon]\npublic_listen = 127.0.0.1:0\n"
	    "public_url = https://nv.example.gov.vn/\n[provider s]\n"
	    "type = speedsms\ntoken = t\n"
	    "callback_secret = 0123456789abcdefXYZ\n", err, sizeof(err));
	assert_non_null(c);
	assert_string_equal(config_provider(c, "s")->callback_url,
	    "https://nv.example.gov.vn/cb/s/0123456789abcdefXYZ");
	config_unref(c);
	/* token_from must name a provider that owns a rotating token. */
	c = load("[provider oa]\ntype = zalo_oa\ntoken_from = s\n"
	    "[provider s]\ntype = speedsms\ntoken = t\n", err, sizeof(err));
	assert_null(c);
	assert_non_null(strstr(err, "token_from: [provider oa] cannot take"));
}

static void
test_missing_file(void **state)
{
	char err[CONF_ERRLEN];

	assert_null(config_load("/nonexistent/nhacviec.ini", err,
	    sizeof(err)));
	assert_string_equal(err, "/nonexistent/nhacviec.ini: No such file or "
	    "directory");
}

static void
test_refcount(void **state)
{
	struct config *c = config_default();

	config_ref(c);
	config_unref(c);
	/* Still alive: one reference left. */
	assert_non_null(config_policy(c, "default"));
	config_unref(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full_file),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_errors_name_line_and_key),
		cmocka_unit_test(test_secret_permissions),
		cmocka_unit_test(test_config_permissions),
		cmocka_unit_test(test_admin_listen),
		cmocka_unit_test(test_smtp_local),
		cmocka_unit_test(test_callback_from),
		cmocka_unit_test(test_provider_rules),
		cmocka_unit_test(test_calendar_file),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_refcount),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
