/*
 * provider-http.c: the generic gateway.  A config section describes the
 * request (method, URL template, headers, a JSON or form body template)
 * and what success looks like (a status, optionally a JSON field equal to
 * a value), so a new SMS gateway needs no code.
 *
 * Values are escaped for where they land: URL-encoded in the URL and in
 * form bodies, JSON-escaped in JSON bodies, so a task title with quotes
 * or an ampersand cannot change the request's shape.  The JSON body
 * template is rendered with sample values at config load and must parse,
 * so a missing brace is a config error rather than a failed message.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "log.h"
#include "provider.h"
#include "xmalloc.h"

static int	http_check(const struct provider_conf *, char *, size_t);
static int	http_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	http_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_http = {
	.name = "http",
	.address = "phone",
	.sms = 1,
	.check = http_check,
	.build = http_build,
	.classify = http_classify,
	.deliver = NULL,
	.refresh_build = NULL,
	.refresh_parse = NULL,
};

static char *
esc_url(const char *s)
{
	return prov_url_escape(s);
}

/* A JSON string's inside: the template supplies the quotes. */
static char *
esc_json(const char *s)
{
	json_t *j = json_string(s);
	char *d, *out;
	size_t n;

	/* Not UTF-8: jansson refuses it; send it empty rather than raw. */
	if (j == NULL || (d = json_dumps(j, JSON_ENCODE_ANY)) == NULL) {
		json_decref(j);
		return xstrdup("");
	}
	json_decref(j);
	n = strlen(d);
	out = xstrndup(d + 1, n - 2);
	free(d);
	return out;
}

/*
 * Whether STATUS is in LIST, a space-separated list of codes and classes
 * such as "200 201" or "429 5xx".
 */
static int
status_in(const char *list, long status)
{
	const char *p = list;
	char w[8];
	int n;

	while (p != NULL && sscanf(p, " %7s%n", w, &n) == 1) {
		p += n;
		if (strlen(w) == 3 && tolower((unsigned char)w[1]) == 'x' &&
		    tolower((unsigned char)w[2]) == 'x') {
			if (status / 100 == w[0] - '0')
				return 1;
		} else if (atol(w) == status)
			return 1;
	}
	return 0;
}

static int
status_list_ok(const char *list)
{
	const char *p = list;
	char w[8];
	int n, seen = 0;

	while (p != NULL && sscanf(p, " %7s%n", w, &n) == 1) {
		p += n;
		if (strlen(w) != 3 || w[0] < '1' || w[0] > '5')
			return 0;
		if (!(isdigit((unsigned char)w[1]) &&
		    isdigit((unsigned char)w[2])) &&
		    strcasecmp(w + 1, "xx") != 0)
			return 0;
		seen = 1;
	}
	return seen;
}

/* The value at a dotted PATH ("data.code", "messages.0.id"), or NULL. */
static json_t *
json_path(json_t *root, const char *path)
{
	char part[128];
	const char *p = path, *dot;
	size_t n;

	while (root != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		snprintf(part, sizeof(part), "%.*s", (int)n, p);
		if (json_is_array(root) && isdigit((unsigned char)part[0]))
			root = json_array_get(root, strtoul(part, NULL, 10));
		else
			root = json_object_get(root, part);
		p += n + (dot != NULL);
	}
	return root;
}

/* A scalar as text, as the config writes it: "0", "true", "OK". */
static void
json_scalar(json_t *v, char *out, size_t len)
{
	if (json_is_string(v))
		snprintf(out, len, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, len, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(out, len, "%s", json_is_true(v) ? "true" : "false");
	else if (json_is_null(v))
		snprintf(out, len, "null");
	else
		out[0] = '\0';
}

static int
http_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	struct prov_msg m;
	json_t *j;
	char *body;

	if (pc->url == NULL) {
		snprintf(err, errlen, "url: [provider %s] of type http needs "
		    "the gateway's URL", pc->name);
		return -1;
	}
	if (tmpl_check_request(pc->url, err, errlen) == -1)
		return -1;
	if (strcmp(pc->method, "GET") != 0 && strcmp(pc->method, "POST") !=
	    0 && strcmp(pc->method, "PUT") != 0) {
		snprintf(err, errlen, "method: GET, POST or PUT, not \"%s\"",
		    pc->method);
		return -1;
	}
	if (strcmp(pc->body_type, "json") != 0 &&
	    strcmp(pc->body_type, "form") != 0) {
		snprintf(err, errlen, "body_type: json or form, not \"%s\"",
		    pc->body_type);
		return -1;
	}
	if (!status_list_ok(pc->success_status) ||
	    !status_list_ok(pc->retry_status)) {
		snprintf(err, errlen, "success_status: statuses are written "
		    "as 200 or 2xx, separated by spaces");
		return -1;
	}
	if ((pc->success_field == NULL) != (pc->success_value == NULL)) {
		snprintf(err, errlen, "success_field: success_field and "
		    "success_value go together");
		return -1;
	}
	if (pc->body == NULL) {
		if (strcmp(pc->method, "GET") != 0) {
			snprintf(err, errlen, "body: [provider %s] sends %s "
			    "and needs a body template", pc->name, pc->method);
			return -1;
		}
		return 0;
	}
	if (tmpl_check_request(pc->body, err, errlen) == -1)
		return -1;
	if (strcmp(pc->body_type, "json") != 0)
		return 0;
	/* Sample values with quotes prove the escaping keeps it JSON. */
	memset(&m, 0, sizeof(m));
	m.address = "+84912345678";
	m.idem_key = "nv-1-1";
	m.task_title = "Báo cáo \"quý\" 1";
	body = prov_render_esc(pc->body, &m, "Nhắc \"việc\"\n", esc_json);
	j = json_loads(body, 0, NULL);
	free(body);
	if (j == NULL) {
		snprintf(err, errlen, "body: the JSON body template does not "
		    "give JSON (placeholders go inside quotes: \"{{text}}\")");
		return -1;
	}
	json_decref(j);
	return 0;
}

static int
http_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char *text;
	int i;

	if (m->address == NULL || m->address[0] == '\0') {
		snprintf(err, errlen, "no recipient address");
		return -1;
	}
	if ((text = prov_sms_text(pc, m, err, errlen)) == NULL)
		return -1;
	req->url = prov_render_esc(pc->url, m, text, esc_url);
	req->method = strcmp(pc->method, "POST") == 0 ? NULL :
	    strcmp(pc->method, "PUT") == 0 ? "PUT" : "GET";
	if (pc->body != NULL) {
		if (strcmp(pc->body_type, "json") == 0) {
			req->body = prov_render_esc(pc->body, m, text,
			    esc_json);
			http_req_header(req, "Content-Type: application/json; "
			    "charset=utf-8");
		} else {
			req->body = prov_render_esc(pc->body, m, text, esc_url);
			http_req_header(req, "Content-Type: "
			    "application/x-www-form-urlencoded");
		}
		req->bodylen = strlen(req->body);
	}
	free(text);
	http_req_header(req, "Idempotency-Key: %s", m->idem_key);
	for (i = 0; i < pc->nheaders; i++)
		http_req_header(req, "%s", pc->headers[i]);
	return 0;
}

static void
http_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root = NULL, *v;
	char got[128];

	res->retry_after = -1;
	if (r->status == 0) {
		prov_result_set(res, PROV_RETRY, "no HTTP response");
		return;
	}
	if (status_in(pc->retry_status, r->status)) {
		res->retry_after = r->retry_after;
		prov_result_http(res, PROV_RETRY, r);
		return;
	}
	if (!status_in(pc->success_status, r->status)) {
		prov_result_http(res, PROV_FAIL, r);
		return;
	}
	if (pc->success_field != NULL || pc->id_field != NULL)
		root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) :
		    NULL;
	if (pc->success_field != NULL) {
		json_scalar(json_path(root, pc->success_field), got,
		    sizeof(got));
		if (strcmp(got, pc->success_value) != 0) {
			prov_result_set(res, PROV_FAIL, "HTTP %ld, %s is "
			    "\"%s\", not \"%s\"", r->status, pc->success_field,
			    got, pc->success_value);
			json_decref(root);
			return;
		}
	}
	if (pc->id_field != NULL && (v = json_path(root, pc->id_field)) !=
	    NULL)
		json_scalar(v, res->provider_id, sizeof(res->provider_id));
	json_decref(root);
	prov_result_set(res, PROV_OK, NULL);
}
