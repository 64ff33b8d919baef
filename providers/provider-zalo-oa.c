/*
 * provider-zalo-oa.c: Zalo Official Account API v3, consultation text to
 * an OA-scoped user_id (POST /v3.0/oa/message/cs with an access_token
 * header).
 *
 * A user_id belongs to one OA and comes from its webhooks or follower
 * list, never from a phone number, so this channel reaches only people
 * who follow the OA.  A consultation message to someone who has not
 * written to the OA in 7 days fails with -230; that, and the older
 * "not following" -213, move the message to the next channel.  The OA
 * API's full error table is not public: codes not known here are FAIL,
 * which also moves on, so nothing is retried blindly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "provider.h"
#include "xmalloc.h"
#include "nls.h"

#define OA_API		"https://openapi.zalo.me"

static int	oa_check(const struct provider_conf *, char *, size_t);
static int	oa_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	oa_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_zalo_oa = {
	.name = "zalo_oa",
	.address = "zalo",
	.check = oa_check,
	.build = oa_build,
	.classify = oa_classify,
	.deliver = NULL,
	.refresh_build = zalo_refresh_build,
	.refresh_parse = zalo_refresh_parse,
	.receipt = zalo_receipt,
};

static int
oa_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	/* Sharing another provider's token needs no credentials here. */
	if (pc->token_from == NULL &&
	    (pc->app_id == NULL || pc->secret_key == NULL)) {
		snprintf(err, errlen, _("app_id: [provider %s] of type zalo_oa "
		    "needs app_id and secret_key, or token_from naming the "
		    "zalo_zns provider of the same OA"), pc->name);
		return -1;
	}
	return 0;
}

static int
oa_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	json_t *root;

	if (m->access_token == NULL || m->access_token[0] == '\0') {
		snprintf(err, errlen, "no access token");
		return -1;
	}
	if (m->address == NULL || m->address[0] == '\0') {
		snprintf(err, errlen, "no Zalo user_id");
		return -1;
	}
	root = json_pack("{s:{s:s}, s:{s:s}}", "recipient", "user_id",
	    m->address, "message", "text", m->body);
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	xasprintf(&req->url, "%s/v3.0/oa/message/cs",
	    pc->base_url ? pc->base_url : OA_API);
	http_req_header(req, "access_token: %s", m->access_token);
	return 0;
}

static void
oa_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *v;
	const char *msg;
	long long e;

	if ((root = zalo_envelope(r, res, "Zalo OA", &e, &msg)) == NULL)
		return;
	if (e == 0) {
		v = json_object_get(json_object_get(root, "data"),
		    "message_id");
		if (json_is_string(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%s", json_string_value(v));
		prov_result_set(res, PROV_OK, NULL);
	} else if (e == -100)
		prov_result_set(res, PROV_RETRY, "Zalo OA %lld: %s", e, msg);
	else if (e == -230 || e == -213)
		prov_result_set(res, PROV_NEXT_CHANNEL, "Zalo OA %lld: %s (the "
		    "user has not written to the OA recently)", e, msg);
	else if (e == -124 || e == -216)
		prov_result_set(res, PROV_REAUTH, "Zalo OA %lld: access token "
		    "invalid", e);
	else
		prov_result_set(res, PROV_FAIL, "Zalo OA %lld: %s", e, msg);
	json_decref(root);
	(void)pc;
}
