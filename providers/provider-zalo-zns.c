/*
 * provider-zalo-zns.c: Zalo Notification Service, template messages by
 * phone number (POST /message/template with an access_token header).
 * Its token comes from the OAuth v4 refresh in provider-zalo-oauth.c.
 *
 * Verdicts follow Zalo's error table: 0 is OK; -100 and 5xx RETRY; a
 * number that is invalid, inactive or has no Zalo (-108, -110, -114,
 * -118) moves to the next channel; -124 (token invalid) is REAUTH; -137
 * (no money) or an exhausted quota move on too, with an operator alert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "log.h"
#include "provider.h"
#include "xmalloc.h"

#define ZNS_API		"https://business.openapi.zalo.me"

static int	zns_check(const struct provider_conf *, char *, size_t);
static int	zns_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	zns_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_zalo_zns = {
	.name = "zalo_zns",
	.flags = PROV_F_TEMPLATES,
	.address = "phone",
	.check = zns_check,
	.build = zns_build,
	.classify = zns_classify,
	.deliver = NULL,
	.refresh_build = zalo_refresh_build,
	.refresh_parse = zalo_refresh_parse,
	.receipt = zalo_receipt,
};

static int
zns_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->app_id == NULL || pc->secret_key == NULL) {
		snprintf(err, errlen, "app_id: [provider %s] of type zalo_zns "
		    "needs app_id and secret_key", pc->name);
		return -1;
	}
	if (pc->template_id == NULL) {
		snprintf(err, errlen, "template_id: [provider %s] needs the "
		    "approved ZNS template", pc->name);
		return -1;
	}
	if (pc->mode != NULL && strcmp(pc->mode, "development") != 0) {
		snprintf(err, errlen, "mode: only \"development\" is known");
		return -1;
	}
	return 0;
}

static int
zns_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	json_t *root, *data;
	char name[64], *val;
	const char *sp;
	int i;

	if (m->access_token == NULL || m->access_token[0] == '\0') {
		snprintf(err, errlen, "no access token");
		return -1;
	}
	if (m->address == NULL || strncmp(m->address, "+84", 3) != 0) {
		snprintf(err, errlen, "not a Vietnamese number: %s",
		    m->address ? m->address : "");
		return -1;
	}
	data = json_object();
	for (i = 0; i < pc->nparams; i++) {
		sp = strchr(pc->params[i], ' ');
		snprintf(name, sizeof(name), "%.*s",
		    (int)(sp - pc->params[i]), pc->params[i]);
		val = prov_render(sp + 1, m);
		json_object_set_new(data, name, json_string(val));
		free(val);
	}
	root = json_pack("{s:s, s:s, s:o, s:s}", "phone", m->address + 1,
	    "template_id", pc->template_id, "template_data", data,
	    "tracking_id", m->idem_key);
	if (root != NULL && pc->mode != NULL)
		json_object_set_new(root, "mode", json_string(pc->mode));
	if (prov_json_body(req, root, err, errlen) == -1)
		return -1;
	xasprintf(&req->url, "%s/message/template",
	    pc->base_url ? pc->base_url : ZNS_API);
	http_req_header(req, "access_token: %s", m->access_token);
	return 0;
}

static void
zns_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *data, *v;
	const char *msg;
	long long e;

	if ((root = zalo_envelope(r, res, "Zalo", &e, &msg)) == NULL)
		return;
	data = json_object_get(root, "data");
	if (e == 0) {
		if ((v = json_object_get(data, "msg_id")) != NULL &&
		    json_is_string(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%s", json_string_value(v));
		v = json_object_get(json_object_get(data, "quota"),
		    "remainingQuota");
		if (json_is_string(v) && atoi(json_string_value(v)) < 50)
			snprintf(res->notice, sizeof(res->notice), "ZNS "
			    "quota nearly used up (%s left today)",
			    json_string_value(v));
		prov_result_set(res, PROV_OK, NULL);
	} else if (e == -100)
		prov_result_set(res, PROV_RETRY, "Zalo %lld: %s", e, msg);
	else if (e == -108 || e == -110 || e == -114 || e == -118)
		prov_result_set(res, PROV_NEXT_CHANNEL, "Zalo %lld: %s", e, msg);
	else if (e == -124)
		prov_result_set(res, PROV_REAUTH, "Zalo %lld: access token "
		    "invalid", e);
	else if (e == -137 || strcasestr(msg, "quota") != NULL) {
		res->alert = 1;
		prov_result_set(res, PROV_NEXT_CHANNEL, "Zalo %lld: %s (top up "
		    "the Zalo Cloud Account or wait for the daily quota)", e,
		    msg);
	} else
		prov_result_set(res, PROV_FAIL, "Zalo %lld: %s", e, msg);
	json_decref(root);
}
