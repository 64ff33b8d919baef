/*
 * provider-esms.c: eSMS.vn brandname SMS (SendMultipleMessage_V4_post_json).
 *
 * The message's idempotency key goes out as RequestId, which eSMS refuses
 * to accept twice (CodeResult 124): a message resent after a crash is then
 * recognised as already accepted instead of reaching the phone twice.
 * CodeResult 100 means accepted by eSMS, not delivered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "provider.h"
#include "xmalloc.h"

#define ESMS_API	"https://rest.esms.vn"
#define ESMS_PATH	"/MainService.svc/json/SendMultipleMessage_V4_post_json/"

static int	esms_check(const struct provider_conf *, char *, size_t);
static int	esms_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static int	esms_receipt(const struct provider_conf *,
		    const struct cb_req *, struct receipt *, char *, size_t);
static void	esms_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_esms = {
	.name = "esms",
	.address = "phone",
	.sms = 1,
	.check = esms_check,
	.build = esms_build,
	.classify = esms_classify,
	.deliver = NULL,
	.receipt = esms_receipt,
};

static int
esms_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->api_key == NULL || pc->secret_key == NULL) {
		snprintf(err, errlen, "api_key: [provider %s] of type esms "
		    "needs api_key and secret_key", pc->name);
		return -1;
	}
	if (pc->brandname == NULL && pc->sms_type != 8) {
		snprintf(err, errlen, "brandname: [provider %s] needs the "
		    "brandname registered with eSMS", pc->name);
		return -1;
	}
	return 0;
}

static int
esms_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char phone[32], type[8];
	char *text;
	json_t *root;

	if (prov_phone_national(m->address, phone, sizeof(phone)) == -1) {
		snprintf(err, errlen, "not a Vietnamese number: %s", m->address);
		return -1;
	}
	if (strlen(m->idem_key) > 50) {
		snprintf(err, errlen, "idempotency key longer than RequestId's "
		    "50 characters");
		return -1;
	}
	if ((text = prov_sms_text(pc, m, err, errlen)) == NULL)
		return -1;
	snprintf(type, sizeof(type), "%d", pc->sms_type);
	root = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "ApiKey", pc->api_key, "SecretKey", pc->secret_key,
	    "Phone", phone, "Content", text,
	    "Brandname", pc->brandname ? pc->brandname : "",
	    "SmsType", type, "IsUnicode", pc->ascii ? "0" : "1",
	    "Sandbox", pc->sandbox ? "1" : "0", "RequestId", m->idem_key);
	if (root != NULL && pc->callback_url != NULL)
		json_object_set_new(root, "CallbackUrl",
		    json_string(pc->callback_url));
	free(text);
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	xasprintf(&req->url, "%s%s", pc->base_url ? pc->base_url : ESMS_API,
	    ESMS_PATH);
	return 0;
}

/*
 * CodeResult classes (PROVIDERS.md 4.1): a number the system blocks, a
 * malformed number, a carrier without the brandname, or no balance mean
 * this channel cannot carry the message: the next one is tried.  Account
 * and template errors are the operator's to fix: FAIL.
 */
static void
esms_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *v;
	const char *code, *msg;

	res->retry_after = -1;
	if (r->status >= 500 || r->status == 0) {
		prov_result_http(res, PROV_RETRY, r);
		return;
	}
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	if (root == NULL) {
		prov_result_set(res, r->status == 200 ? PROV_RETRY : PROV_FAIL,
		    "eSMS: HTTP %ld with no JSON", r->status);
		return;
	}
	/* A malformed request comes back in another envelope altogether. */
	if ((v = json_object_get(root, "error")) != NULL &&
	    json_object_get(root, "CodeResult") == NULL) {
		prov_result_set(res, PROV_FAIL, "eSMS: %s", json_is_string(v) ?
		    json_string_value(v) : "error");
		goto out;
	}
	v = json_object_get(root, "CodeResult");
	code = json_is_string(v) ? json_string_value(v) : "";
	msg = json_string_value(json_object_get(root, "ErrorMessage"));
	if ((v = json_object_get(root, "SMSID")) != NULL && json_is_string(v))
		snprintf(res->provider_id, sizeof(res->provider_id), "%s",
		    json_string_value(v));
	if (strcmp(code, "100") == 0)
		prov_result_set(res, PROV_OK, NULL);
	else if (strcmp(code, "124") == 0)	/* this RequestId was accepted */
		prov_result_set(res, PROV_OK, "eSMS 124: already accepted");
	else if (strcmp(code, "99") == 0 || strcmp(code, "108") == 0 ||
	    strcmp(code, "177") == 0 || strcmp(code, "103") == 0)
		prov_result_set(res, PROV_NEXT_CHANNEL, "eSMS %s: %s", code,
		    msg ? msg : "cannot send to this number");
	else
		prov_result_set(res, PROV_FAIL, "eSMS %s: %s", code[0] ? code :
		    "?", msg ? msg : "error");
out:
	json_decref(root);
}

struct esms_cb {
	char	 smsid[128], request_id[128];
	int	 status, success, failed, seen;
};

static void
esms_field(void *arg, const char *k, const char *v)
{
	struct esms_cb *c = arg;

	if (strcmp(k, "SMSID") == 0)
		snprintf(c->smsid, sizeof(c->smsid), "%s", v);
	else if (strcmp(k, "RequestId") == 0)
		snprintf(c->request_id, sizeof(c->request_id), "%s", v);
	else if (strcmp(k, "SendStatus") == 0)
		c->status = atoi(v), c->seen = 1;
	else if (strcmp(k, "SendSuccess") == 0)
		c->success = atoi(v);
	else if (strcmp(k, "SendFailed") == 0)
		c->failed = atoi(v);
}

/*
 * The GET callback: SendStatus 5 is final (SendSuccess or SendFailed
 * says which), 4 is a rejection; 1, 2 and 7 are on the way.  Our
 * RequestId names the message even when the send answer was lost.
 */
static int
esms_receipt(const struct provider_conf *pc, const struct cb_req *cb,
    struct receipt *r, char *err, size_t errlen)
{
	struct esms_cb c;

	memset(&c, 0, sizeof(c));
	if (cb->query != NULL)
		prov_form_parse(cb->query, strlen(cb->query), esms_field, &c);
	if (!c.seen || (c.smsid[0] == '\0' && c.request_id[0] == '\0')) {
		snprintf(err, errlen, "eSMS callback without SMSID and "
		    "SendStatus");
		return -1;
	}
	snprintf(r->provider_id, sizeof(r->provider_id), "%s",
	    c.request_id[0] ? c.request_id : c.smsid);
	r->reason[0] = '\0';
	if (c.status == 5 && c.success > 0)
		r->delivered = 1;
	else if (c.status == 5 || c.status == 4) {
		r->delivered = 0;
		snprintf(r->reason, sizeof(r->reason), "eSMS: %s",
		    c.status == 4 ? "rejected (SendStatus 4)" :
		    "not delivered (SendStatus 5, SendFailed)");
	} else
		r->delivered = -1;
	(void)pc;
	return 1;
}
