/*
 * provider.c: the table of providers and the helpers they share for
 * building requests and reporting verdicts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <unistr.h>
#include <openssl/evp.h>

#include "log.h"
#include "provider.h"
#include "smstext.h"
#include "tmpl.h"
#include "tztime.h"
#include "xmalloc.h"

/* Chosen by "type =" in a [provider NAME] section; NULL-terminated. */
const struct provider_ops *const provider_table[] = {
	&provider_console,
	&provider_webhook,
	&provider_http,
	&provider_smtp,
	&provider_telegram,
	&provider_esms,
	&provider_speedsms,
	&provider_twilio,
	&provider_zalo_zns,
	&provider_zalo_oa,
	NULL
};

const struct provider_ops *
provider_find(const char *type)
{
	const struct provider_ops *const *p;

	for (p = provider_table; *p != NULL; p++)
		if (strcmp((*p)->name, type) == 0)
			return *p;
	return NULL;
}

void
http_req_free(struct http_req *req)
{
	int i;

	free(req->url);
	free(req->body);
	free(req->mail_from);
	free(req->mail_rcpt);
	for (i = 0; i < req->nheaders; i++)
		free(req->headers[i]);
	memset(req, 0, sizeof(*req));
}

/* Appends a "Name: value" header; extra headers past the limit are fatal. */
void
http_req_header(struct http_req *req, const char *fmt, ...)
{
	va_list ap;
	char *h;

	if (req->nheaders >= PROV_MAX_HEADERS)
		fatalx("too many request headers");
	va_start(ap, fmt);
	if (vasprintf(&h, fmt, ap) == -1)
		fatalx("out of memory");
	va_end(ap);
	req->headers[req->nheaders++] = h;
}

void
prov_result_set(struct prov_result *r, enum prov_outcome o,
    const char *fmt, ...)
{
	va_list ap;

	r->outcome = o;
	if (fmt == NULL) {
		r->reason[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
}

const char *
prov_outcome_name(enum prov_outcome o)
{
	switch (o) {
	case PROV_OK:
		return "ok";
	case PROV_RETRY:
		return "retry";
	case PROV_FAIL:
		return "fail";
	case PROV_NEXT_CHANNEL:
		return "next-channel";
	case PROV_REAUTH:
		return "reauth";
	case PROV_CONFIG:
		return "config";
	}
	return "?";
}

/*
 * A server's words (an SMTP reply, an error message) fit for a reason and
 * a log line: runs of white space as one space, other control bytes and
 * bytes that are not UTF-8 as \xNN, cut at a character boundary with
 * "..." when longer than OUTLEN allows.
 */
void
prov_clean_text(const char *s, size_t len, char *out, size_t outlen)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t o = 0, need;
	ucs4_t uc;
	int n, space = 0;
	char esc[8];

	if (outlen == 0)
		return;
	out[0] = '\0';
	if (s == NULL)
		return;
	while (p < end && *p != '\0') {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = o > 0;
			p++;
			continue;
		}
		n = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (n < 0 || uc < 0x20 || uc == 0x7f) {
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
			n = 1;
		} else {
			memcpy(esc, p, (size_t)n);
			esc[n] = '\0';
		}
		need = (space ? 1 : 0) + strlen(esc);
		if (o + need + 4 > outlen) {
			if (o + 4 <= outlen)
				memcpy(out + o, "...", 4);
			return;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		memcpy(out + o, esc, strlen(esc));
		o += strlen(esc);
		out[o] = '\0';
		p += n;
	}
}

/*
 * What an HTTP answer says about a failure: the status line's text and
 * the first error message a JSON body carries in one of the usual places
 * ("message", "description", "error", "error_description", "error.message",
 * "errors[0].message"), cleaned; empty when there is neither.
 */
void
prov_resp_text(const struct http_resp *r, char *out, size_t outlen)
{
	static const char *const keys[] = { "message", "description",
	    "error_description", "error", "msg", NULL };
	const char *const *k;
	const char *line = NULL, *msg = NULL;
	json_t *root = NULL, *v;
	char buf[512];

	if (r->status_line != NULL && (line = strchr(r->status_line, ' ')) !=
	    NULL && (line = strchr(line + 1, ' ')) != NULL)
		line++;
	if (r->body != NULL && r->bodylen > 0)
		root = json_loadb(r->body, r->bodylen, 0, NULL);
	if ((v = json_object_get(root, "errors")) != NULL)
		v = json_object_get(json_array_get(v, 0), "message");
	if (json_is_string(v))
		msg = json_string_value(v);
	for (k = keys; msg == NULL && *k != NULL; k++) {
		v = json_object_get(root, *k);
		if (json_is_object(v))
			v = json_object_get(v, "message");
		if (json_is_string(v) && json_string_length(v) > 0)
			msg = json_string_value(v);
	}
	snprintf(buf, sizeof(buf), "%s%s%s", line ? line : "",
	    line && *line && msg ? ": " : "", msg ? msg : "");
	json_decref(root);
	prov_clean_text(buf, strlen(buf), out, outlen);
}

/*
 * A verdict on an HTTP answer that says what the server said: "HTTP 503
 * Service Unavailable: quota exceeded" rather than "HTTP 503".
 */
void
prov_result_http(struct prov_result *res, enum prov_outcome o,
    const struct http_resp *r)
{
	char said[PROV_REASON_TEXT];

	prov_resp_text(r, said, sizeof(said));
	prov_result_set(res, o, "HTTP %ld%s%s", r->status, said[0] ? " " : "",
	    said);
}

/*
 * Header values are treated as secrets unless the name is one we know to
 * be harmless, so a token put in any custom header never reaches a log.
 */
int
prov_header_is_secret(const char *header)
{
	static const char *const plain[] = { "content-type", "accept",
	    "user-agent", "idempotency-key", NULL };
	const char *const *p;
	size_t n;

	for (p = plain; *p != NULL; p++) {
		n = strlen(*p);
		if (strncasecmp(header, *p, n) == 0 && header[n] == ':')
			return 0;
	}
	return 1;
}

/* "+84912345678" to "0912345678", the form Vietnamese gateways expect. */
int
prov_phone_national(const char *e164, char *out, size_t len)
{
	if (e164 == NULL || strncmp(e164, "+84", 3) != 0 ||
	    strlen(e164) < 12) {
		snprintf(out, len, "%s", e164 ? e164 : "");
		return -1;
	}
	snprintf(out, len, "0%s", e164 + 3);
	return 0;
}

/*
 * Renders a {{placeholder}} template from what a provider knows of a
 * message (for Zalo template parameters).  {{lead}} is not known here
 * and renders empty; {{days_left}} counts from the deadline's day.
 */
char *
prov_render(const char *tmpl, const struct prov_msg *m)
{
	return prov_render_esc(tmpl, m, m->body, NULL);
}

/*
 * Renders a request template (URL, body) of M: the task's placeholders
 * plus {{text}} (TEXT, the final body), {{to}}, {{key}} and {{id}}, each
 * value passed through ESC for where it lands.
 */
char *
prov_render_esc(const char *tmpl, const struct prov_msg *m, const char *text,
    tmpl_escape_fn esc)
{
	struct tmpl_vars v;
	char due[32], step[16], id[24];

	memset(&v, 0, sizeof(v));
	fmt_local(m->due_at, due, sizeof(due));
	snprintf(step, sizeof(step), "%d", m->step);
	snprintf(id, sizeof(id), "%lld", (long long)m->id);
	v.v[TV_TASK] = m->task_title;
	v.v[TV_PLAN] = m->plan_code;
	v.v[TV_AGENCY] = m->agency_name;
	v.v[TV_DUE] = due;
	v.v[TV_ACK_CODE] = m->ack_code;
	v.v[TV_STEP] = step;
	v.v[TV_TEXT] = text;
	v.v[TV_TO] = m->address;
	v.v[TV_KEY] = m->idem_key;
	v.v[TV_ID] = id;
	return tmpl_render_esc(tmpl, &v, esc);
}

/*
 * Makes JSON (a json_t *, reference taken) the request body.  NULL, from a
 * json_pack that failed, usually means text that is not UTF-8.
 */
int
prov_json_body(struct http_req *req, void *json, char *err, size_t errlen)
{
	json_t *root = json;
	char buf[4096], *body = NULL;
	size_t n = 0;

	/*
	 * Dumped into the stack first, then copied once at its size:
	 * json_dumps grows its buffer from a few bytes by reallocation,
	 * several times for each message.  A body larger than the stack
	 * buffer is dumped again into one of its size.
	 */
	if (root != NULL && (n = json_dumpb(root, buf, sizeof(buf),
	    JSON_COMPACT)) > 0) {
		body = xmalloc(n + 1);
		if (n <= sizeof(buf))
			memcpy(body, buf, n);
		else
			(void)json_dumpb(root, body, n, JSON_COMPACT);
		body[n] = '\0';
	}
	json_decref(root);
	if (body == NULL) {
		snprintf(err, errlen, "cannot build JSON (bad UTF-8 in text?)");
		return -1;
	}
	req->body = body;
	req->bodylen = n;
	http_req_header(req, "Content-Type: application/json; charset=utf-8");
	return 0;
}

/* Adds "Authorization: Basic base64(USER:PASS)". */
int
prov_basic_auth(struct http_req *req, const char *user, const char *pass,
    char *err, size_t errlen)
{
	unsigned char b64[1024];
	char cred[512];
	int n;

	n = snprintf(cred, sizeof(cred), "%s:%s", user, pass);
	if (n < 0 || (size_t)n >= sizeof(cred)) {
		snprintf(err, errlen, "credentials too long");
		return -1;
	}
	EVP_EncodeBlock(b64, (const unsigned char *)cred, n);
	explicit_bzero(cred, sizeof(cred));
	http_req_header(req, "Authorization: Basic %s", b64);
	explicit_bzero(b64, sizeof(b64));
	return 0;
}

/*
 * The SMS text of M: folded "không dấu" when the provider says so, then
 * fitted to max_segments by shortening the task's title, agency and plan
 * (never the ack code).  NULL, with why in ERR, when it cannot fit.
 */
char *
prov_sms_text(const struct provider_conf *pc, const struct prov_msg *m,
    char *err, size_t errlen)
{
	const char *src[3] = { m->task_title, m->agency_name, m->plan_code };
	char *folded[3] = { NULL, NULL, NULL }, *text, *fit;
	const char *parts[3];
	int i;

	text = pc->ascii ? sms_ascii(m->body) : xstrdup(m->body);
	if (pc->max_segments <= 0)
		return text;
	for (i = 0; i < 3; i++)
		parts[i] = pc->ascii && src[i] != NULL ?
		    (folded[i] = sms_ascii(src[i])) : src[i];
	fit = sms_fit(text, pc->max_segments, parts, 3, m->ack_code);
	for (i = 0; i < 3; i++)
		free(folded[i]);
	free(text);
	if (fit == NULL)
		snprintf(err, errlen, "the text does not fit in max_segments "
		    "= %d even shortened", pc->max_segments);
	return fit;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' in place. */
static void
form_decode(char *s)
{
	char *o = s;
	int h, l;

	for (; *s != '\0'; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%' && (h = hexval(s[1])) >= 0 &&
		    (l = hexval(s[2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

/*
 * Splits an application/x-www-form-urlencoded string (or a URL's query)
 * and calls FN with each decoded pair.  A value decoding to a NUL byte
 * ends there; that is harmless for the ids and statuses read from it.
 * Returns the number of pairs.
 */
int
prov_form_parse(const char *s, size_t len,
    void (*fn)(void *, const char *, const char *), void *arg)
{
	char *copy = xstrndup(s, len), *p = copy, *pair, *eq;
	int n = 0;

	while ((pair = strsep(&p, "&")) != NULL) {
		if (*pair == '\0')
			continue;
		if ((eq = strchr(pair, '=')) != NULL)
			*eq++ = '\0';
		form_decode(pair);
		if (eq != NULL)
			form_decode(eq);
		fn(arg, pair, eq ? eq : "");
		n++;
	}
	free(copy);
	return n;
}

/*
 * Percent-encodes S for a URL query or a form body: everything but RFC
 * 3986's unreserved characters, so UTF-8 names travel intact.
 */
char *
prov_url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u;
	char *out, *o;

	out = o = xmalloc(strlen(s) * 3 + 1);
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		    (*u >= '0' && *u <= '9') || strchr("-._~", *u) != NULL)
			*o++ = (char)*u;
		else {
			*o++ = '%';
			*o++ = hex[*u >> 4];
			*o++ = hex[*u & 0xf];
		}
	}
	*o = '\0';
	return out;
}
