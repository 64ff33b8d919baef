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
#include "nls.h"

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
		snprintf(err, errlen, _("url: [provider %s] of type webhook "
		    "needs a url"), pc->name);
		return -1;
	}
	if (strncmp(pc->url, "http://", 7) != 0 &&
	    strncmp(pc->url, "https://", 8) != 0) {
		snprintf(err, errlen, _("url: must start with http:// or "
		    "https://"));
		return -1;
	}
	return 0;
}

/*
 * An absent field is JSON null.  The strings are not checked here: the
 * dump checks each one's UTF-8 as it writes it, and fails on bad text,
 * so checking when it is made would only read every byte twice.
 */
static json_t *
str_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? json_string_nocheck(s) : json_null();
}

/* OBJ with the member KEY, a constant of ours, set to V; returns OBJ. */
static json_t *
put(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new_nocheck(obj, key, v);
	return obj;
}

/*
 * The body is built member by member rather than with json_pack: one
 * goes out per message, and reading a format string for each cost more
 * than the members themselves.
 */
static int
webhook_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	json_t *root, *o;
	char due[40];
	int i;

	fmt_iso8601(m->due_at, due, sizeof(due));
	root = json_object();
	put(root, "id", json_integer(m->id));
	put(root, "idempotency_key", str_or_null(m->idem_key));
	put(root, "kind", json_string_nocheck(m->kind == 0 ? "reminder" :
	    m->kind == 1 ? "escalation" : "alert"));
	put(root, "step", json_integer(m->step));
	put(root, "attempt", json_integer(m->attempts));
	put(root, "to", str_or_null(m->address));
	o = put(json_object(), "id", json_integer(m->task_id));
	put(o, "ref", str_or_null(m->task_ref));
	put(o, "title", str_or_null(m->task_title));
	put(root, "task", put(o, "plan", str_or_null(m->plan_code)));
	o = put(json_object(), "id", json_integer(m->occurrence_id));
	put(o, "deadline", json_string_nocheck(due));
	put(root, "occurrence", put(o, "ack_code", str_or_null(m->ack_code)));
	o = put(json_object(), "code", str_or_null(m->agency_code));
	put(root, "agency", put(o, "name", str_or_null(m->agency_name)));
	o = put(json_object(), "name", str_or_null(m->contact_name));
	put(o, "role", str_or_null(m->contact_role));
	put(o, "phone", str_or_null(m->phone));
	put(o, "zalo", str_or_null(m->zalo));
	put(o, "email", str_or_null(m->email));
	put(root, "contact", put(o, "telegram", str_or_null(m->telegram)));
	put(root, "text", str_or_null(m->body));
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
