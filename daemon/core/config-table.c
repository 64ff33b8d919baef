/*
 * config-table.c: every configuration key with its type, default, range
 * and help, and the value parsers behind them.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config-table.h"
#include "holiday.h"
#include "lunar.h"
#include "log.h"
#include "tmpl.h"
#include "tztime.h"
#include "xmalloc.h"
#include "nls.h"

#define FIELD(base, k)	((char *)(base) + (k)->offset)

static int	ck_string(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_int(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_size(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_double(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_bool(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_duration(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_time(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_level(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_roles(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_remind(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_alert(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_escalate(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_repeat(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_channels(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_header(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_tmpl(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_param(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_secret_file(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_address(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_ca_file(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_ca_path(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_window(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_deadline_rule(void *, const struct conf_key *,
		    const char *, char *, size_t);
static int	ck_cal_days(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_cal_holiday(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_cal_tet(void *, const struct conf_key *, const char *,
		    char *, size_t);
static int	ck_cal_national(void *, const struct conf_key *, const char *,
		    char *, size_t);

const char *const conf_section_names[SEC_NSECTIONS] = {
	[SEC_DAEMON] = "daemon",
	[SEC_POLICY] = "policy",
	[SEC_PROVIDER] = "provider",
	[SEC_TEMPLATE] = "template",
	[SEC_CALENDAR] = "calendar",
};

#define D(f)	offsetof(struct config, f)
#define P(f)	offsetof(struct policy, f)
#define V(f)	offsetof(struct provider_conf, f)
#define T(f)	offsetof(struct template, f)

const struct conf_key conf_keys[] = {
	{ SEC_DAEMON, "database", "path", ck_string, D(database),
	  "/var/lib/nhacviec/nhacviec.db", 0, 0, 0,
	  "the SQLite database file (created if missing)" },
	{ SEC_DAEMON, "timezone", "zone", ck_string, D(timezone),
	  "Asia/Ho_Chi_Minh", 0, 0, 0,
	  "the zone deadlines are written and shown in" },
	{ SEC_DAEMON, "control_socket", "path", ck_string, D(control_socket),
	  "/run/nhacviec/control.sock", 0, 0, 0,
	  "the unix socket on which the CLI wakes the daemon" },
	{ SEC_DAEMON, "public_listen", "host:port", ck_string,
	  D(public_listen), NULL, 0, 0, 0,
	  "where providers' delivery receipts are received (/cb/PROVIDER/SECRET); none if unset" },
	{ SEC_DAEMON, "public_url", "url", ck_string, D(public_url),
	  NULL, 0, 0, 0,
	  "the address providers reach public_listen by (behind a TLS proxy), for callback URLs" },
	{ SEC_DAEMON, "public_max_connections", "count", ck_int,
	  D(public_max_conns), "0", 0, 1000000, 0,
	  "connections the public listener holds at once; 0: the descriptor limit (LimitNOFILE=) less a reserve" },
	{ SEC_DAEMON, "public_max_per_address", "count", ck_int,
	  D(public_max_per_addr), "32", 1, 1000000, 0,
	  "connections one client address may hold at once (raise it behind a reverse proxy)" },
	{ SEC_DAEMON, "public_header_timeout", "duration", ck_duration,
	  D(public_header_timeout), "10s", 1, 300, 0,
	  "time for a client to send all of a request's headers, however it trickles them" },
	{ SEC_DAEMON, "public_body_timeout", "duration", ck_duration,
	  D(public_body_timeout), "10s", 1, 300, 0,
	  "time for a client to send a request's body once its headers are in" },
	{ SEC_DAEMON, "web_upload_max", "size", ck_size, D(web_upload_max),
	  "10M", 64 * 1024, INT64_C(256) * 1024 * 1024, 0,
	  "the most bytes of files one web form may carry (an agency's report), each file and all together; 10M, 512K or bytes" },
	{ SEC_DAEMON, "admin_listen", "host:port", ck_string,
	  D(admin_listen), NULL, 0, 0, 0,
	  "the admin API over TCP (127.0.0.1:PORT), with admin_token_file; the unix socket always serves it" },
	{ SEC_DAEMON, "admin_tls_proxy", "bool", ck_bool,
	  D(admin_behind_tls), "no", 0, 0, 0,
	  "yes if a TLS proxy fronts admin_listen, which may then be on a non-loopback address" },
	{ SEC_DAEMON, "admin_token_file", "path", ck_secret_file,
	  D(admin_token), NULL, 0, 0, 0,
	  "a file (mode 0600 or 0640) holding the admin API's bearer token" },
	{ SEC_DAEMON, "ack_key_file", "path", ck_secret_file, D(ack_key),
	  NULL, 0, 0, 0,
	  "a file (mode 0600 or 0640) holding the key that signs {{ack_url}} links" },
	{ SEC_DAEMON, "ack_ttl", "duration", ck_duration, D(ack_ttl),
	  "30d", 3600, INT64_C(366) * 86400, 0,
	  "how long after the deadline an ack link still works" },
	{ SEC_DAEMON, "default_policy", "name", ck_string, D(default_policy),
	  "default", 0, 0, 0,
	  "the policy of tasks that name none" },
	{ SEC_DAEMON, "log_level", "level", ck_level, D(log_level),
	  "info", 0, 0, 0, "error, warn, info or debug" },
	{ SEC_DAEMON, "batch", "count", ck_int, D(batch),
	  "256", 1, 100000, 0,
	  "most jobs or messages handled in one wake-up (one transaction)" },
	{ SEC_DAEMON, "shutdown_grace", "duration", ck_duration,
	  D(shutdown_grace), "5s", 0, 300, 0,
	  "how long requests in flight may finish after SIGTERM" },

	{ SEC_POLICY, "remind", "offsets", ck_remind, 0,
	  "-5wd -1wd 0", 0, 0, 0,
	  "reminders before the deadline: -Nd or -Nwd (at remind_at), -Nh, -Nm, -Ns, 0" },
	{ SEC_POLICY, "alert", "offsets", ck_alert, 0,
	  "none", 0, 0, 0,
	  "alerts before each occurrence, with the alert text: e.g. -1wd" },
	{ SEC_POLICY, "escalate", "steps", ck_escalate, 0,
	  "+1wd:lead +3wd:parent", 0, 0, 0,
	  "escalations after the deadline: +OFFSET:lead|parent|agency:CODE; OFFSET may be Nwd" },
	{ SEC_POLICY, "repeat", "offset", ck_repeat, P(repeat),
	  "none", 0, 0, 0,
	  "after the last escalation, tell the lead again this often until done, e.g. 3wd" },
	{ SEC_POLICY, "repeat_parent", "offset", ck_repeat, P(repeat_parent),
	  "none", 0, 0, 0,
	  "after the last escalation, tell the parent again this often (slower than repeat), e.g. 10wd" },
	{ SEC_POLICY, "max_repeats", "count", ck_int, P(max_repeats),
	  "3", 0, CONF_MAX_REPEATS, 0,
	  "most repeats to the lead, and to the parent, after the last escalation" },
	{ SEC_POLICY, "digest", "duration", ck_duration, P(digest),
	  "30m", 0, 86400, 0,
	  "messages to one contact on one channel due within this go out as one (0: never)" },
	{ SEC_POLICY, "remind_at", "HH:MM", ck_time, P(remind_at),
	  "08:00", 0, 0, 0, "local send time of whole-day offsets" },
	{ SEC_POLICY, "deadline_time", "HH:MM", ck_time, P(deadline_time),
	  "17:00", 0, 0, 0, "the time of a deadline given as a date alone" },
	{ SEC_POLICY, "deadline_rule", "rule", ck_deadline_rule,
	  P(deadline_rule), "forward", 0, 0, 0,
	  "a deadline on a day off: forward (Civil Code art. 148), before, keep" },
	{ SEC_POLICY, "workdays_only", "bool", ck_bool, P(workdays_only),
	  "yes", 0, 0, 0,
	  "send only on working days: reminders move earlier, escalations later" },
	{ SEC_POLICY, "quiet_hours", "HH:MM-HH:MM", ck_window, P(quiet_start),
	  "none", 0, 0, 0, "local hours in which nothing is sent, e.g. 21:00-07:00" },
	{ SEC_POLICY, "office_hours", "HH:MM-HH:MM", ck_window,
	  P(office_start), "none", 0, 0, 0,
	  "if set, messages go out only in these local hours" },
	{ SEC_POLICY, "channels", "names", ck_channels, 0,
	  "console", 0, 0, 0,
	  "providers to try in order; the next is used on NEXT_CHANNEL" },
	{ SEC_POLICY, "copy_cooperating", "bool", ck_bool,
	  P(copy_cooperating), "no", 0, 0, 0,
	  "whether reminders also go to the cooperating agencies" },
	{ SEC_POLICY, "remind_roles", "roles", ck_roles, P(remind_roles),
	  "head focal", 0, 0, 0, "who gets reminders: head, deputy, focal" },
	{ SEC_POLICY, "escalate_roles", "roles", ck_roles, P(escalate_roles),
	  "head", 0, 0, 0, "who gets escalations: head, deputy, focal" },
	{ SEC_POLICY, "max_lateness", "duration", ck_duration,
	  P(max_lateness), "1d", 0, INT64_C(366) * 86400, 0,
	  "a job missed by more than this (daemon down) is skipped, not sent" },
	{ SEC_POLICY, "horizon", "duration", ck_duration, P(horizon),
	  "35d", 86400, INT64_C(400) * 86400, 0,
	  "recurring tasks: occurrences are planned this far ahead" },
	{ SEC_POLICY, "template", "name", ck_string, P(template),
	  "default", 0, 0, 0, "the [template NAME] to render with" },
	{ SEC_POLICY, "for_groups", "groups", ck_string, P(for_groups),
	  NULL, 0, 0, 0,
	  "import tasks: the policy of tasks led by an agency of these groups" },
	{ SEC_POLICY, "for_kinds", "kinds", ck_string, P(for_kinds),
	  NULL, 0, 0, 0,
	  "import tasks: ... and of these schedules: once window daily weekly monthly quarterly yearly ongoing" },

	{ SEC_PROVIDER, "type", "type", ck_string, V(type),
	  NULL, 0, 0, CK_REQUIRED, "console, webhook, http, telegram, esms, speedsms, twilio, smtp, zalo_zns or zalo_oa" },
	{ SEC_PROVIDER, "url", "url", ck_string, V(url),
	  NULL, 0, 0, 0, "the endpoint (webhook)" },
	{ SEC_PROVIDER, "base_url", "url", ck_string, V(base_url),
	  NULL, 0, 0, 0, "the API root of a provider (tests point it at 127.0.0.1)" },
	{ SEC_PROVIDER, "token", "secret", ck_string, V(token),
	  NULL, 0, 0, CK_SECRET,
	  "the API token (Telegram bot token, SpeedSMS token, Twilio Auth Token)" },
	{ SEC_PROVIDER, "api_key", "secret", ck_string, V(api_key),
	  NULL, 0, 0, CK_SECRET, "eSMS ApiKey; Twilio Account SID" },
	{ SEC_PROVIDER, "secret_key", "secret", ck_string, V(secret_key),
	  NULL, 0, 0, CK_SECRET, "eSMS SecretKey; Zalo app secret key" },
	{ SEC_PROVIDER, "brandname", "name", ck_string, V(brandname),
	  NULL, 0, 0, 0,
	  "SMS brandname registered with the carriers (Twilio: the From sender)" },
	{ SEC_PROVIDER, "sms_type", "number", ck_int, V(sms_type),
	  "2", 1, 99, 0, "eSMS SmsType / SpeedSMS sms_type (2: customer care)" },
	{ SEC_PROVIDER, "sandbox", "bool", ck_bool, V(sandbox),
	  "no", 0, 0, 0, "eSMS Sandbox: validated, not sent, not charged" },
	{ SEC_PROVIDER, "ascii", "bool", ck_bool, V(ascii),
	  "yes", 0, 0, 0, "SMS text without diacritics (160 characters a segment)" },
	{ SEC_PROVIDER, "max_segments", "count", ck_int, V(max_segments),
	  "0", 0, 10, 0,
	  "SMS: most segments a message may take; the task's title is shortened to fit (0: no limit)" },
	{ SEC_PROVIDER, "app_id", "id", ck_string, V(app_id),
	  NULL, 0, 0, 0, "Zalo: the app id" },
	{ SEC_PROVIDER, "oauth_url", "url", ck_string, V(oauth_url),
	  NULL, 0, 0, 0, "Zalo: the OAuth root (tests point it at 127.0.0.1)" },
	{ SEC_PROVIDER, "template_id", "id", ck_string, V(template_id),
	  NULL, 0, 0, 0, "Zalo ZNS: the approved template" },
	{ SEC_PROVIDER, "param", "name {{placeholder}}", ck_param, 0,
	  NULL, 0, 0, 0, "Zalo ZNS: a template parameter and its value; may repeat" },
	{ SEC_PROVIDER, "mode", "mode", ck_string, V(mode),
	  NULL, 0, 0, 0, "Zalo ZNS: development sends only to the app's admins" },
	{ SEC_PROVIDER, "token_from", "name", ck_string, V(token_from),
	  NULL, 0, 0, 0,
	  "Zalo OA: use the token of this zalo_zns provider (the same OA)" },
	{ SEC_PROVIDER, "method", "method", ck_string, V(method),
	  "POST", 0, 0, 0, "http: the request method (GET, POST, PUT)" },
	{ SEC_PROVIDER, "body", "template", ck_string, V(body),
	  NULL, 0, 0, 0,
	  "http: the request body, with {{text}} {{to}} {{key}} {{id}} and the task's placeholders" },
	{ SEC_PROVIDER, "body_type", "type", ck_string, V(body_type),
	  "json", 0, 0, 0,
	  "http: json (values JSON-escaped) or form (values URL-encoded)" },
	{ SEC_PROVIDER, "success_status", "statuses", ck_string,
	  V(success_status), "2xx", 0, 0, 0,
	  "http: the statuses that mean accepted, e.g. 200 or 2xx" },
	{ SEC_PROVIDER, "success_field", "json.path", ck_string,
	  V(success_field), NULL, 0, 0, 0,
	  "http: a field of the JSON answer that must equal success_value" },
	{ SEC_PROVIDER, "success_value", "value", ck_string, V(success_value),
	  NULL, 0, 0, 0, "http: the value success_field must have" },
	{ SEC_PROVIDER, "retry_status", "statuses", ck_string,
	  V(retry_status), "429 5xx", 0, 0, 0,
	  "http: the statuses worth retrying; any other failure is final" },
	{ SEC_PROVIDER, "id_field", "json.path", ck_string, V(id_field),
	  NULL, 0, 0, 0, "http: the field of the answer holding the gateway's message id" },
	{ SEC_PROVIDER, "username", "name", ck_string, V(username),
	  NULL, 0, 0, 0, "smtp: the AUTH user name" },
	{ SEC_PROVIDER, "password_file", "path", ck_secret_file, V(password),
	  NULL, 0, 0, 0,
	  "smtp: a file (mode 0600 or 0640) holding the AUTH password" },
	{ SEC_PROVIDER, "from", "address", ck_string, V(from),
	  NULL, 0, 0, 0, "smtp: the sender, e.g. Nhắc việc <nhacviec@example.gov.vn>" },
	{ SEC_PROVIDER, "subject", "template", ck_tmpl, V(subject),
	  "[{{plan}}] {{task}}: hạn {{due}}", 0, 0, 0,
	  "smtp: the subject line" },
	{ SEC_PROVIDER, "starttls", "bool", ck_bool, V(starttls),
	  "yes", 0, 0, 0,
	  "smtp: require STARTTLS on smtp:// URLs (no is allowed only to this host)" },
	{ SEC_PROVIDER, "callback_from", "addresses", ck_string,
	  V(callback_from), NULL, 0, 0, 0,
	  "addresses or networks (192.0.2.0/24, 2001:db8::/32) the provider's callbacks may come from; any if unset" },
	{ SEC_PROVIDER, "ca_file", "path", ck_ca_file, V(ca_file),
	  NULL, 0, 0, 0,
	  "PEM file of the CAs to trust for this provider instead of the system's (a private CA); verification stays on" },
	{ SEC_PROVIDER, "ca_path", "directory", ck_ca_path, V(ca_path),
	  NULL, 0, 0, 0,
	  "a directory of CA certificates named by hash (c_rehash), trusted for this provider" },
	{ SEC_PROVIDER, "tls_retry", "duration", ck_duration, V(tls_retry),
	  "10m", 1, 86400, 0,
	  "after a TLS, certificate, login or DNS failure the provider is paused this long (or until a reload)" },
	{ SEC_PROVIDER, "callback_secret", "token", ck_string,
	  V(callback_secret), NULL, 0, 0, CK_SECRET,
	  "the secret in this provider's receipt URL, /cb/NAME/SECRET" },
	{ SEC_PROVIDER, "header", "Name: value", ck_header, 0,
	  NULL, 0, 0, CK_SECRET, "an extra request header; may repeat" },
	{ SEC_PROVIDER, "address", "field", ck_address, V(address),
	  NULL, 0, 0, 0,
	  "contact field used as recipient: phone, zalo, email, telegram, any" },
	{ SEC_PROVIDER, "max_inflight", "count", ck_int, V(max_inflight),
	  "8", 1, 1000, 0, "requests in flight at once" },
	{ SEC_PROVIDER, "rate", "per second", ck_double, V(rate),
	  "20", 0, 100000, 0, "token-bucket rate; 0 means no limit" },
	{ SEC_PROVIDER, "burst", "count", ck_int, V(burst),
	  "20", 1, 100000, 0, "token-bucket size" },
	{ SEC_PROVIDER, "retry_base", "duration", ck_duration, V(retry_base),
	  "10s", 1, 86400, 0, "first retry delay (doubles, full jitter)" },
	{ SEC_PROVIDER, "retry_max", "duration", ck_duration, V(retry_max),
	  "1h", 1, 7 * 86400, 0, "longest retry delay" },
	{ SEC_PROVIDER, "max_lifetime", "duration", ck_duration,
	  V(max_lifetime), "2d", 1, 30 * 86400, 0,
	  "a message still unsent this long after it was queued is dead" },
	{ SEC_PROVIDER, "timeout", "duration", ck_duration, V(timeout),
	  "30s", 1, 600, 0, "whole-request timeout" },

	{ SEC_TEMPLATE, "reminder", "text", ck_tmpl, T(text[JOB_REMINDER]),
	  "[Nhắc việc] {{agency}}: nhiệm vụ \"{{task}}\"{{quota}} ({{plan}}) hạn "
	  "{{due}}, còn {{days_left}} ngày. Mã xác nhận: {{ack_code}}.",
	  0, 0, 0, "text of reminders" },
	{ SEC_TEMPLATE, "escalation", "text", ck_tmpl,
	  T(text[JOB_ESCALATION]),
	  "[Quá hạn] {{agency}}: nhiệm vụ \"{{task}}\" ({{plan}}) do {{lead}} "
	  "chủ trì đã quá hạn {{due}} (đôn đốc lần {{step}}). Mã xác nhận: "
	  "{{ack_code}}.", 0, 0, 0, "text of escalations" },
	{ SEC_TEMPLATE, "alert", "text", ck_tmpl, T(text[JOB_ALERT]),
	  "[Thông báo] {{agency}}: {{task}}{{quota}} ({{plan}}), hạn {{due}}. "
	  "Mã xác nhận: {{ack_code}}.",
	  0, 0, 0, "text of recurring alerts" },

	{ SEC_CALENDAR, "off", "dates", ck_cal_days, DAY_DECREED_OFF,
	  NULL, 0, 0, 0, "weekdays off by a yearly notice (YYYY-MM-DD ...)" },
	{ SEC_CALENDAR, "workday", "dates", ck_cal_days, DAY_MAKEUP_WORK,
	  NULL, 0, 0, 0, "Saturdays or Sundays worked instead (make-up days)" },
	{ SEC_CALENDAR, "holiday", "date name", ck_cal_holiday, 0,
	  NULL, 0, 0, 0,
	  "an extra holiday: DD/MM NAME every year, or YYYY-MM-DD NAME" },
	{ SEC_CALENDAR, "tet", "from to", ck_cal_tet, 0, NULL, 0, 0, 0,
	  "the official Tết days of a year: YYYY-MM-DD YYYY-MM-DD" },
	{ SEC_CALENDAR, "national_day", "date", ck_cal_national, 0, NULL,
	  0, 0, 0, "the official day next to 2/9: YYYY-09-01 or YYYY-09-03" },
	{ SEC_CALENDAR, "file", "path", ck_string, D(calendar_file), NULL,
	  0, 0, 0, "a file of further [calendar] entries (yearly notices)" },
	{ 0, NULL, NULL, NULL, 0, NULL, 0, 0, 0, NULL }
};

const struct conf_key *
conf_key_find(enum conf_section sec, const char *key)
{
	const struct conf_key *k;

	for (k = conf_keys; k->key != NULL; k++)
		if (k->section == sec && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

static int
ck_string(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char **f = (char **)FIELD(base, k);

	free(*f);
	*f = xstrdup(v);
	return 0;
}

static int
ck_int(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0') {
		snprintf(err, errlen, _("not a whole number: \"%s\""), v);
		return -1;
	}
	if (n < k->min || n > k->max) {
		snprintf(err, errlen, _("%lld is out of range %lld..%lld"), n,
		    (long long)k->min, (long long)k->max);
		return -1;
	}
	*(int *)FIELD(base, k) = (int)n;
	return 0;
}

/* A size in bytes, "10M", "512K" or a bare number of bytes. */
static int
ck_size(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char *end;
	long long n;
	int shift = 0;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	if (shift != 0)
		end++;
	if (errno != 0 || end == v || *end != '\0' || n < 0 ||
	    n > (INT64_MAX >> 20)) {
		snprintf(err, errlen, _("not a size (10M, 512K or bytes): "
		    "\"%s\""), v);
		return -1;
	}
	n <<= shift;
	if (n < k->min || n > k->max) {
		snprintf(err, errlen, _("%lld is out of range %lld..%lld"), n,
		    (long long)k->min, (long long)k->max);
		return -1;
	}
	*(int64_t *)FIELD(base, k) = n;
	return 0;
}

static int
ck_double(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || d < (double)k->min ||
	    d > (double)k->max) {
		snprintf(err, errlen, _("expected a number from %lld to %lld"),
		    (long long)k->min, (long long)k->max);
		return -1;
	}
	*(double *)FIELD(base, k) = d;
	return 0;
}

static int
ck_bool(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	int *f = (int *)FIELD(base, k);

	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		*f = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		*f = 0;
	else {
		snprintf(err, errlen, _("expected yes or no, not \"%s\""), v);
		return -1;
	}
	return 0;
}

static int
ck_duration(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	int64_t s;

	if (parse_duration(v, &s) == -1) {
		snprintf(err, errlen, _("expected a duration such as 30s, 10m, "
		    "2h or 3d, not \"%s\""), v);
		return -1;
	}
	if (s < k->min || s > k->max) {
		snprintf(err, errlen, _("%s is out of range %llds..%llds"), v,
		    (long long)k->min, (long long)k->max);
		return -1;
	}
	*(int64_t *)FIELD(base, k) = s;
	return 0;
}

static int
ck_time(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	if (parse_time_of_day(v, (int *)FIELD(base, k)) == -1) {
		snprintf(err, errlen, _("expected a local time HH:MM, not "
		    "\"%s\""), v);
		return -1;
	}
	return 0;
}

static int
ck_level(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	int l;

	if ((l = log_level_parse(v)) == -1) {
		snprintf(err, errlen, _("expected error, warn, info or debug"));
		return -1;
	}
	*(int *)FIELD(base, k) = l;
	return 0;
}

/* Splits V on spaces and commas, calling FN on each word. */
static int
each_word(const char *v, int (*fn)(void *, const char *, char *, size_t),
    void *arg, char *err, size_t errlen)
{
	char *copy = xstrdup(v), *p = copy, *w;
	int rc = 0;

	while ((w = strsep(&p, " \t,")) != NULL) {
		if (*w == '\0')
			continue;
		if ((rc = fn(arg, w, err, errlen)) == -1)
			break;
	}
	free(copy);
	return rc;
}

static int
role_word(void *arg, const char *w, char *err, size_t errlen)
{
	int r;

	if ((r = role_parse(w)) == 0) {
		snprintf(err, errlen, _("unknown role \"%s\" (head, deputy, "
		    "focal)"), w);
		return -1;
	}
	*(int *)arg |= r;
	return 0;
}

static int
ck_roles(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	int roles = 0;

	if (each_word(v, role_word, &roles, err, errlen) == -1)
		return -1;
	if (roles == 0) {
		snprintf(err, errlen, _("at least one role is needed"));
		return -1;
	}
	*(int *)FIELD(base, k) = roles;
	return 0;
}

/* Parses "-3d", "+2h", "90s" or "0" into an offset. */
static int
parse_offset(const char *w, struct offset *o, char *err, size_t errlen)
{
	int64_t s;
	int sign = 1;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (*w == '-' || *w == '+')
		sign = *w++ == '-' ? -1 : 1;
	n = strlen(w);
	if (n > 2 && strcmp(w + n - 2, "wd") == 0) {	/* working days */
		char num[16];

		snprintf(num, sizeof(num), "%.*sd", (int)(n - 2), w);
		if (n > 12 || parse_duration(num, &s) == -1)
			goto bad;
		o->is_days = o->is_workdays = 1;
		o->days = sign * (int)(s / 86400);
		return 0;
	}
	if (parse_duration(w, &s) == -1 || n > 12)
		goto bad;
	if (n > 0 && w[n - 1] == 'd') {
		o->is_days = 1;
		o->days = sign * (int)(s / 86400);
	} else
		o->secs = sign * s;
	return 0;
bad:
	snprintf(err, errlen, _("bad offset \"%s\" (use N followed by s, m, "
	    "h, d or wd)"), w);
	return -1;
}

static int
remind_word(void *arg, const char *w, char *err, size_t errlen)
{
	struct policy *p = arg;
	struct offset o;

	if (parse_offset(w, &o, err, errlen) == -1)
		return -1;
	if (o.secs > 0 || o.days > 0 || (w[0] == '+' && (o.secs || o.days))) {
		snprintf(err, errlen, _("reminder \"%s\" is after the "
		    "deadline; use escalate for that"), w);
		return -1;
	}
	if (p->nremind >= CONF_MAX_STEPS) {
		snprintf(err, errlen, _("more than %d reminders"),
		    CONF_MAX_STEPS);
		return -1;
	}
	p->remind[p->nremind++] = o;
	return 0;
}

static int
ck_remind(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct policy *p = base;

	p->nremind = 0;
	if (strcasecmp(v, "none") == 0)
		return 0;
	return each_word(v, remind_word, p, err, errlen);
}

static int
alert_word(void *arg, const char *w, char *err, size_t errlen)
{
	struct policy *p = arg;
	struct offset o;

	if (parse_offset(w, &o, err, errlen) == -1)
		return -1;
	if (o.secs > 0 || o.days > 0) {
		snprintf(err, errlen, _("alert \"%s\" is after the occurrence"),
		    w);
		return -1;
	}
	if (p->nalert >= CONF_MAX_STEPS) {
		snprintf(err, errlen, _("more than %d alerts"), CONF_MAX_STEPS);
		return -1;
	}
	p->alert[p->nalert++] = o;
	return 0;
}

static int
ck_alert(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct policy *p = base;

	p->nalert = 0;
	if (strcasecmp(v, "none") == 0)
		return 0;
	return each_word(v, alert_word, p, err, errlen);
}

static int
escalate_word(void *arg, const char *w, char *err, size_t errlen)
{
	struct policy *p = arg;
	struct esc_step st;
	const char *colon = strchr(w, ':'), *t;
	char off[32];

	memset(&st, 0, sizeof(st));
	if (colon == NULL || (size_t)(colon - w) >= sizeof(off)) {
		snprintf(err, errlen, _("bad step \"%s\" (use +OFFSET:TARGET, "
		    "e.g. +1d:lead, +3d:parent, +7d:agency:SNV)"), w);
		return -1;
	}
	snprintf(off, sizeof(off), "%.*s", (int)(colon - w), w);
	if (parse_offset(off, &st.off, err, errlen) == -1)
		return -1;
	if (off[0] == '-') {
		snprintf(err, errlen, _("escalation \"%s\" is before the "
		    "deadline; use remind for that"), w);
		return -1;
	}
	t = colon + 1;
	if (strcmp(t, "lead") == 0)
		st.target = TARGET_LEAD;
	else if (strcmp(t, "parent") == 0)
		st.target = TARGET_PARENT;
	else if (strncmp(t, "agency:", 7) == 0 && t[7] != '\0' &&
	    strlen(t + 7) < sizeof(st.agency)) {
		st.target = TARGET_AGENCY;
		snprintf(st.agency, sizeof(st.agency), "%s", t + 7);
	} else {
		snprintf(err, errlen, _("bad target \"%s\" (lead, parent or "
		    "agency:CODE)"), t);
		return -1;
	}
	if (p->nescalate >= CONF_MAX_STEPS) {
		snprintf(err, errlen, _("more than %d escalation steps"),
		    CONF_MAX_STEPS);
		return -1;
	}
	p->escalate[p->nescalate++] = st;
	return 0;
}

/* "none", or one positive offset: how often nagging repeats. */
static int
ck_repeat(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct offset *o = (struct offset *)FIELD(base, k);

	memset(o, 0, sizeof(*o));
	if (strcasecmp(v, "none") == 0)
		return 0;
	if (v[0] == '-' || parse_offset(v, o, err, errlen) == -1 ||
	    (o->secs <= 0 && o->days <= 0)) {
		if (v[0] == '-' || (o->secs <= 0 && o->days <= 0))
			snprintf(err, errlen, _("bad repeat \"%s\" (a positive "
			    "offset such as 3wd, 2d or 4h, or none)"), v);
		memset(o, 0, sizeof(*o));
		return -1;
	}
	return 0;
}

static int
ck_escalate(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct policy *p = base;

	p->nescalate = 0;
	if (strcasecmp(v, "none") == 0)
		return 0;
	return each_word(v, escalate_word, p, err, errlen);
}

static int
channel_word(void *arg, const char *w, char *err, size_t errlen)
{
	struct policy *p = arg;

	if (p->nchannels >= CONF_MAX_CHANNELS) {
		snprintf(err, errlen, _("more than %d channels"),
		    CONF_MAX_CHANNELS);
		return -1;
	}
	p->channels[p->nchannels++] = xstrdup(w);
	return 0;
}

static int
ck_channels(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct policy *p = base;

	while (p->nchannels > 0)
		free(p->channels[--p->nchannels]);
	if (each_word(v, channel_word, p, err, errlen) == -1)
		return -1;
	if (p->nchannels == 0) {
		snprintf(err, errlen, _("at least one channel is needed"));
		return -1;
	}
	return 0;
}

static int
ck_header(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct provider_conf *pc = base;
	const char *c = strchr(v, ':'), *s;

	if (c == NULL || c == v) {
		snprintf(err, errlen, _("expected \"Name: value\""));
		return -1;
	}
	for (s = v; s < c; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_') {
			snprintf(err, errlen, _("bad character in header "
			    "name"));
			return -1;
		}
	for (s = c; *s != '\0'; s++)
		if (*s == '\r' || *s == '\n') {
			snprintf(err, errlen, _("line break in header value"));
			return -1;
		}
	if (pc->nheaders >= PROV_CONF_HEADERS) {
		snprintf(err, errlen, _("more than %d headers"),
		    PROV_CONF_HEADERS);
		return -1;
	}
	pc->headers[pc->nheaders++] = xstrdup(v);
	return 0;
}

static int
ck_tmpl(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	if (tmpl_check(v, err, errlen) == -1)
		return -1;
	return ck_string(base, k, v, err, errlen);
}

static int
ck_address(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	static const char *const fields[] = { "phone", "zalo", "email",
	    "telegram", "any", NULL };
	const char *const *f;

	for (f = fields; *f != NULL; f++)
		if (strcmp(*f, v) == 0)
			return ck_string(base, k, v, err, errlen);
	snprintf(err, errlen, _("expected phone, zalo, email, telegram or "
	    "any"));
	return -1;
}

/* Parses YYYY-MM-DD exactly; 0 or -1. */
static int
iso_date(const char *w, int *y, int *m, int *d)
{
	int n = parse_date(w, y, m, d);

	return n == 10 && w[4] == '-' && w[n] == '\0' ? 0 : -1;
}

struct days_arg {
	struct calendar	*cal;
	enum day_kind	 kind;
};

static int
cal_day_word(void *arg, const char *w, char *err, size_t errlen)
{
	struct days_arg *da = arg;
	int y, m, d, wd;

	if (iso_date(w, &y, &m, &d) == -1) {
		snprintf(err, errlen, _("expected dates as YYYY-MM-DD, not "
		    "\"%s\""), w);
		return -1;
	}
	wd = (int)(lunar_jd(d, m, y) % 7);	/* 0 Monday .. 6 Sunday */
	if (da->kind == DAY_MAKEUP_WORK && wd < 5) {
		snprintf(err, errlen, _("%s is a weekday; a make-up working "
		    "day is a Saturday or Sunday"), w);
		return -1;
	}
	if (da->kind == DAY_DECREED_OFF && wd >= 5) {
		snprintf(err, errlen, _("%s is a weekend day already"), w);
		return -1;
	}
	if (calendar_add(da->cal, da->kind, y, m, d, NULL) == -1) {
		snprintf(err, errlen, _("too many calendar entries"));
		return -1;
	}
	return 0;
}

/* off = and workday = : the kind travels in the table's offset field. */
static int
ck_cal_days(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct days_arg da = { ((struct config *)base)->calendar,
	    (enum day_kind)k->offset };

	return each_word(v, cal_day_word, &da, err, errlen);
}

static int
ck_cal_holiday(void *base, const struct conf_key *k, const char *v,
    char *err, size_t errlen)
{
	struct calendar *cal = ((struct config *)base)->calendar;
	const char *name;
	int y = 0, m, d, n = 0;
	char dd[16];

	if ((name = strchr(v, ' ')) == NULL || (size_t)(name - v) >=
	    sizeof(dd))
		goto bad;
	snprintf(dd, sizeof(dd), "%.*s", (int)(name - v), v);
	while (*name == ' ')
		name++;
	if (iso_date(dd, &y, &m, &d) == -1) {
		char probe[16];
		int py, pm, pd;

		/* Every year: the date must exist in a common year. */
		y = 0;
		if (sscanf(dd, "%2d/%2d%n", &d, &m, &n) != 2 || dd[n] != '\0')
			goto bad;
		snprintf(probe, sizeof(probe), "2023-%02d-%02d", m, d);
		if (iso_date(probe, &py, &pm, &pd) == -1)
			goto bad;
	}
	if (*name == '\0')
		goto bad;
	if (calendar_add(cal, DAY_HOLIDAY, y, m, d, name) == -1) {
		snprintf(err, errlen, _("too many calendar entries"));
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, _("expected \"DD/MM NAME\" (every year) or "
	    "\"YYYY-MM-DD NAME\""));
	return -1;
}

static int
ck_cal_tet(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char a[16], b[16];
	int y1, m1, d1, y2, m2, d2, n = 0;

	if (sscanf(v, "%15s %15s%n", a, b, &n) != 2 || v[n] != '\0' ||
	    iso_date(a, &y1, &m1, &d1) == -1 ||
	    iso_date(b, &y2, &m2, &d2) == -1 || y1 != y2 ||
	    calendar_set_tet(((struct config *)base)->calendar, y1, m1, d1, m2,
	    d2) == -1) {
		snprintf(err, errlen, _("expected the first and last day off, "
		    "YYYY-MM-DD YYYY-MM-DD, in one year and at most 15 days "
		    "apart"));
		return -1;
	}
	return 0;
}

static int
ck_cal_national(void *base, const struct conf_key *k, const char *v,
    char *err, size_t errlen)
{
	int y, m, d;

	if (iso_date(v, &y, &m, &d) == -1 || calendar_set_national_day(
	    ((struct config *)base)->calendar, y, m, d) == -1) {
		snprintf(err, errlen, _("expected YYYY-09-01 or YYYY-09-03"));
		return -1;
	}
	return 0;
}

/* "HH:MM-HH:MM" into two ints (start, end) at the key's offset; "none". */
static int
ck_window(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	int *f = (int *)FIELD(base, k), a, b;
	char s1[8], s2[8];
	const char *dash = strchr(v, '-');

	if (strcasecmp(v, "none") == 0) {
		f[0] = f[1] = 0;
		return 0;
	}
	if (dash == NULL || dash - v > 5 || strlen(dash + 1) > 5)
		goto bad;
	snprintf(s1, sizeof(s1), "%.*s", (int)(dash - v), v);
	snprintf(s2, sizeof(s2), "%s", dash + 1);
	if (parse_time_of_day(s1, &a) == -1 || parse_time_of_day(s2, &b) ==
	    -1 || a == b)
		goto bad;
	f[0] = a;
	f[1] = b;
	return 0;
bad:
	snprintf(err, errlen, _("expected HH:MM-HH:MM (e.g. 21:00-07:00) or "
	    "none, not \"%s\""), v);
	return -1;
}

static int
ck_deadline_rule(void *base, const struct conf_key *k, const char *v,
    char *err, size_t errlen)
{
	int *f = (int *)FIELD(base, k);

	if (strcmp(v, "forward") == 0)
		*f = DEADLINE_FORWARD;
	else if (strcmp(v, "before") == 0)
		*f = DEADLINE_BEFORE;
	else if (strcmp(v, "keep") == 0)
		*f = DEADLINE_KEEP;
	else {
		snprintf(err, errlen, _("expected forward, before or keep"));
		return -1;
	}
	return 0;
}

/* "name {{placeholder}}": a Zalo template parameter and its value. */
/*
 * Reads a secret from its own file, refusing a file others could read or
 * anyone but its owner could write: a password is only as safe as that.
 */
static int
ck_secret_file(void *base, const struct conf_key *k, const char *v,
    char *err, size_t errlen)
{
	char **f = (char **)FIELD(base, k);
	struct stat st;
	char buf[512];
	size_t n;
	FILE *fp;

	if ((fp = fopen(v, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", v, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) == -1 || (st.st_mode & (S_IROTH | S_IWOTH |
	    S_IWGRP))) {
		snprintf(err, errlen, _("%s: others can read or write it (mode "
		    "%03o); chmod 600 it"), v, (unsigned)(st.st_mode & 0777));
		fclose(fp);
		return -1;
	}
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (buf[0] == '\0') {
		snprintf(err, errlen, _("%s: empty"), v);
		return -1;
	}
	if (*f != NULL)
		explicit_bzero(*f, strlen(*f));
	free(*f);
	*f = xstrdup(buf);
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

/*
 * A CA bundle: a readable file with at least one PEM certificate in it,
 * so a key file or a DER file given by mistake is refused at load rather
 * than failing every send.
 */
static int
ck_ca_file(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char **f = (char **)FIELD(base, k), line[256];
	int found = 0;
	FILE *fp;

	if ((fp = fopen(v, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", v, strerror(errno));
		return -1;
	}
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = strncmp(line, "-----BEGIN CERTIFICATE-----", 27) == 0;
	fclose(fp);
	if (!found) {
		snprintf(err, errlen, _("%s: no PEM certificate (\"-----BEGIN "
		    "CERTIFICATE-----\") in it"), v);
		return -1;
	}
	free(*f);
	*f = xstrdup(v);
	return 0;
}

/* A directory of hashed CA files (openssl rehash), that can be read. */
static int
ck_ca_path(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	char **f = (char **)FIELD(base, k);
	struct stat st;

	if (stat(v, &st) == -1) {
		snprintf(err, errlen, "%s: %s", v, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, _("%s: not a directory"), v);
		return -1;
	}
	free(*f);
	*f = xstrdup(v);
	return 0;
}

static int
ck_param(void *base, const struct conf_key *k, const char *v, char *err,
    size_t errlen)
{
	struct provider_conf *pc = base;
	const char *sp = strchr(v, ' '), *s;

	if (sp == NULL || sp == v) {
		snprintf(err, errlen, _("expected \"name {{placeholder}}\""));
		return -1;
	}
	for (s = v; s < sp; s++)
		if (!isalnum((unsigned char)*s) && *s != '_') {
			snprintf(err, errlen, _("bad character in parameter "
			    "name"));
			return -1;
		}
	if (tmpl_check(sp + 1, err, errlen) == -1)
		return -1;
	if (pc->nparams >= PROV_CONF_HEADERS) {
		snprintf(err, errlen, _("more than %d parameters"),
		    PROV_CONF_HEADERS);
		return -1;
	}
	pc->params[pc->nparams++] = xstrdup(v);
	return 0;
}
