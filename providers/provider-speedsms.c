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

const struct provider_ops provider_speedsms = {
	.name = "speedsms",
	.address = "phone",
	.sms = 1,
	.check = speedsms_check,
	.build = speedsms_build,
	.classify = speedsms_classify,
	.deliver = NULL,
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
		prov_result_set(res, PROV_RETRY, "HTTP %ld", r->status);
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
