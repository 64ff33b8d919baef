/*
 * provider-speedsms.c: SpeedSMS.vn (POST /index.php/sms/send, HTTP Basic
 * with the access token as user and "x" as password).  SpeedSMS allows 60
 * requests a minute; a 429 is retried after X-Rate-Limit-Reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "provider.h"
#include "xmalloc.h"

#define SPEEDSMS_API	"https://api.speedsms.vn"

static int	speedsms_check(const struct provider_conf *, char *, size_t);
static int	speedsms_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	speedsms_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

static int	speedsms_receipt(const struct provider_conf *,
		    const struct cb_req *, struct receipt *, char *, size_t);

const struct provider_ops provider_speedsms = {
	.name = "speedsms",
	.address = "phone",
	.sms = 1,
	/* 60 requests per 60 s: a bucket of 60 refilled at one a second. */
	.max_rate = 1.0,
	.max_burst = 60,
	.check = speedsms_check,
	.build = speedsms_build,
	.classify = speedsms_classify,
	.deliver = NULL,
	.receipt = speedsms_receipt,
};

static int
speedsms_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->token == NULL) {
		snprintf(err, errlen, "token: [provider %s] of type speedsms "
		    "needs the access token", pc->name);
		return -1;
	}
	return 0;
}

static int
speedsms_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char *text;
	json_t *root;

	if (m->address == NULL || strncmp(m->address, "+84", 3) != 0) {
		snprintf(err, errlen, "not a Vietnamese number: %s",
		    m->address ? m->address : "");
		return -1;
	}
	if ((text = prov_sms_text(pc, m, err, errlen)) == NULL)
		return -1;
	root = json_pack("{s:[s], s:s, s:i, s:s}", "to", m->address + 1,
	    "content", text, "sms_type", pc->sms_type, "sender",
	    pc->brandname ? pc->brandname : "");
	free(text);
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	xasprintf(&req->url, "%s/index.php/sms/send",
	    pc->base_url ? pc->base_url : SPEEDSMS_API);
	return prov_basic_auth(req, pc->token, "x", err, errlen);
}

/* Error codes (PROVIDERS.md 5): 105 is this number, 300 the balance. */
static void
speedsms_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *v;
	const char *status, *code, *msg;

	res->retry_after = -1;
	if (r->status == 429) {
		res->retry_after = r->rate_reset >= 0 ? r->rate_reset :
		    r->retry_after;
		prov_result_set(res, PROV_RETRY, "SpeedSMS rate limit");
		return;
	}
	if (r->status >= 500 || r->status == 0) {
		prov_result_http(res, PROV_RETRY, r);
		return;
	}
	if (r->status == 401 || r->status == 404) {
		prov_result_set(res, PROV_FAIL, "SpeedSMS HTTP %ld: the access "
		    "token is not valid; check [provider %s]", r->status,
		    pc->name);
		return;
	}
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	status = json_string_value(json_object_get(root, "status"));
	code = json_string_value(json_object_get(root, "code"));
	msg = json_string_value(json_object_get(root, "message"));
	if (status != NULL && strcmp(status, "success") == 0) {
		v = json_object_get(json_object_get(root, "data"), "tranId");
		if (json_is_integer(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%lld", (long long)json_integer_value(v));
		else if (json_is_string(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%s", json_string_value(v));
		prov_result_set(res, PROV_OK, NULL);
	} else if (code != NULL && strcmp(code, "500") == 0)
		prov_result_set(res, PROV_RETRY, "SpeedSMS 500: %s",
		    msg ? msg : "internal error");
	else if (code != NULL && (strcmp(code, "105") == 0 ||
	    strcmp(code, "300") == 0))
		prov_result_set(res, PROV_NEXT_CHANNEL, "SpeedSMS %s: %s", code,
		    msg ? msg : "cannot send");
	else
		prov_result_set(res, PROV_FAIL, "SpeedSMS %s: %s",
		    code ? code : "?", msg ? msg : "error");
	json_decref(root);
}

/*
 * The delivery report, {"type":"report","tranId":..,"phone":..,
 * "status":N}: 0 delivered, below 64 a temporary failure (the carrier
 * retries), 64 and above failed.  An incoming SMS ("type":"incoming")
 * is a reply.
 */
static int
speedsms_receipt(const struct provider_conf *pc, const struct cb_req *cb,
    struct receipt *r, char *err, size_t errlen)
{
	json_t *root, *v;
	const char *type;
	long long st;
	int n = -1;

	root = cb->body ? json_loadb(cb->body, cb->bodylen, 0, NULL) : NULL;
	type = json_string_value(json_object_get(root, "type"));
	if (type == NULL) {
		snprintf(err, errlen, "SpeedSMS callback without a type");
		goto out;
	}
	if (strcmp(type, "incoming") == 0) {
		const char *ph = json_string_value(json_object_get(root,
		    "phone"));
		const char *tx = json_string_value(json_object_get(root,
		    "content"));

		if (ph == NULL || tx == NULL) {
			snprintf(err, errlen, "SpeedSMS incoming SMS without "
			    "phone and content");
			goto out;
		}
		r->is_reply = 1;
		snprintf(r->from, sizeof(r->from), "%s", ph);
		snprintf(r->text, sizeof(r->text), "%s", tx);
		n = 1;
		goto out;
	}
	if (strcmp(type, "report") != 0) {
		n = 0;
		goto out;
	}
	v = json_object_get(root, "tranId");
	if (json_is_integer(v))
		snprintf(r->provider_id, sizeof(r->provider_id), "%lld",
		    (long long)json_integer_value(v));
	else if (json_is_string(v))
		snprintf(r->provider_id, sizeof(r->provider_id), "%s",
		    json_string_value(v));
	v = json_object_get(root, "status");
	if (r->provider_id[0] == '\0' || (!json_is_integer(v) &&
	    !json_is_string(v))) {
		snprintf(err, errlen, "SpeedSMS report without tranId and "
		    "status");
		goto out;
	}
	st = json_is_integer(v) ? json_integer_value(v) :
	    atoll(json_string_value(v));
	r->reason[0] = '\0';
	if (st == 0)
		r->delivered = 1;
	else if (st < 64)
		r->delivered = -1;
	else {
		r->delivered = 0;
		snprintf(r->reason, sizeof(r->reason), "SpeedSMS: not "
		    "delivered (status %lld)", st);
	}
	n = 1;
out:
	json_decref(root);
	(void)pc;
	return n;
}
