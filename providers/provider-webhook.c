/*
 * provider-webhook.c: POSTs each message as JSON to a configured URL,
 * with an Idempotency-Key header so a receiver can drop the duplicates
 * that an in-doubt resend after a crash may cause.
 *
 * Verdicts: 2xx is OK; 429 and 5xx are RETRY (honouring Retry-After); any
 * other status is FAIL with the status in the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "provider.h"
#include "tztime.h"
#include "xmalloc.h"

static int	webhook_check(const struct provider_conf *, char *, size_t);
static int	webhook_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	webhook_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_webhook = {
	.name = "webhook",
	.address = "any",
	.check = webhook_check,
	.build = webhook_build,
	.classify = webhook_classify,
	.deliver = NULL,
};

static int
webhook_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->url == NULL) {
		snprintf(err, errlen, "url: [provider %s] of type webhook "
		    "needs a url", pc->name);
		return -1;
	}
	if (strncmp(pc->url, "http://", 7) != 0 &&
	    strncmp(pc->url, "https://", 8) != 0) {
		snprintf(err, errlen, "url: must start with http:// or "
		    "https://");
		return -1;
	}
	return 0;
}

/* jansson refuses NULL strings; this keeps absent fields as JSON null. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? json_string(s) : json_null();
}

static int
webhook_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	json_t *root;
	char due[40];
	int i;

	fmt_iso8601(m->due_at, due, sizeof(due));
	root = json_pack("{s:I, s:o, s:s, s:i, s:i, s:o, s:{s:I, s:o, s:o, "
	    "s:o}, s:{s:I, s:s, s:o}, s:{s:o, s:o}, s:{s:o, s:o, s:o, s:o, "
	    "s:o, s:o}, s:o}",
	    "id", (json_int_t)m->id,
	    "idempotency_key", str_or_null(m->idem_key),
	    "kind", m->kind == 0 ? "reminder" : m->kind == 1 ? "escalation" :
	    "alert",
	    "step", m->step,
	    "attempt", m->attempts,
	    "to", str_or_null(m->address),
	    "task",
	    "id", (json_int_t)m->task_id,
	    "ref", str_or_null(m->task_ref),
	    "title", str_or_null(m->task_title),
	    "plan", str_or_null(m->plan_code),
	    "occurrence",
	    "id", (json_int_t)m->occurrence_id,
	    "deadline", due,
	    "ack_code", str_or_null(m->ack_code),
	    "agency",
	    "code", str_or_null(m->agency_code),
	    "name", str_or_null(m->agency_name),
	    "contact",
	    "name", str_or_null(m->contact_name),
	    "role", str_or_null(m->contact_role),
	    "phone", str_or_null(m->phone),
	    "zalo", str_or_null(m->zalo),
	    "email", str_or_null(m->email),
	    "telegram", str_or_null(m->telegram),
	    "text", str_or_null(m->body));
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	req->url = xstrdup(pc->url);
	http_req_header(req, "Idempotency-Key: %s", m->idem_key);
	for (i = 0; i < pc->nheaders; i++)
		http_req_header(req, "%s", pc->headers[i]);
	return 0;
}

static void
webhook_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *id;

	res->retry_after = -1;
	if (r->status >= 200 && r->status < 300) {
		/* A receiver may return {"id": ...}; keep it for tracing. */
		root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
		if (root != NULL && (id = json_object_get(root, "id")) != NULL) {
			if (json_is_string(id))
				snprintf(res->provider_id,
				    sizeof(res->provider_id), "%s",
				    json_string_value(id));
			else if (json_is_integer(id))
				snprintf(res->provider_id,
				    sizeof(res->provider_id), "%lld",
				    (long long)json_integer_value(id));
		}
		json_decref(root);
		prov_result_set(res, PROV_OK, NULL);
	} else if (r->status == 429 || r->status >= 500) {
		res->retry_after = r->retry_after;
		prov_result_http(res, PROV_RETRY, r);
	} else if (r->status == 0) {
		prov_result_set(res, PROV_RETRY, "no HTTP response");
	} else
		prov_result_http(res, PROV_FAIL, r);
}
