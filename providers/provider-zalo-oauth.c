/*
 * provider-zalo-oauth.c: what the ZNS and OA providers share: the Zalo
 * OAuth v4 refresh (POST /v4/oa/access_token with a secret_key header)
 * and the {"error": N, "message": ...} envelope of Zalo's answers.
 *
 * The access token lives 25 hours and the refresh token is single-use:
 * each refresh returns a new pair, which the daemon commits before using.
 * An invalid or expired refresh token (-14014, -14020) cannot be fixed by
 * retrying, so it is reported as dead and a person authorizes again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "provider.h"
#include "xmalloc.h"

#define ZALO_OAUTH	"https://oauth.zaloapp.com"

int
zalo_refresh_build(const struct provider_conf *pc, const char *refresh,
    struct http_req *req, char *err, size_t errlen)
{
	char *rt, *app;

	rt = prov_url_escape(refresh);
	app = prov_url_escape(pc->app_id);
	xasprintf(&req->body, "refresh_token=%s&app_id=%s&grant_type="
	    "refresh_token", rt, app);
	free(rt);
	free(app);
	req->bodylen = strlen(req->body);
	xasprintf(&req->url, "%s/v4/oa/access_token",
	    pc->oauth_url ? pc->oauth_url : ZALO_OAUTH);
	http_req_header(req, "Content-Type: application/x-www-form-urlencoded");
	http_req_header(req, "secret_key: %s", pc->secret_key);
	return 0;
}

int
zalo_refresh_parse(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_tokens *t, char *err, size_t errlen)
{
	json_t *root, *v;
	const char *a, *rt, *desc;
	long long e;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	a = json_string_value(json_object_get(root, "access_token"));
	rt = json_string_value(json_object_get(root, "refresh_token"));
	if (r->status == 200 && a != NULL && rt != NULL && *a && *rt) {
		snprintf(t->access, sizeof(t->access), "%s", a);
		snprintf(t->refresh, sizeof(t->refresh), "%s", rt);
		/* expires_in comes as a string or a number. */
		v = json_object_get(root, "expires_in");
		t->expires_in = json_is_integer(v) ? json_integer_value(v) :
		    json_is_string(v) ? atoll(json_string_value(v)) : 0;
		if (t->expires_in <= 0)
			t->expires_in = 25 * 3600;
		rc = 0;
		goto out;
	}
	v = json_object_get(root, "error");
	e = json_is_integer(v) ? json_integer_value(v) : 0;
	desc = json_string_value(json_object_get(root, "error_description"));
	snprintf(err, errlen, "Zalo OAuth %s%lld: %s", e ? "" : "HTTP ",
	    e ? e : (long long)r->status, desc ? desc : "refresh failed");
	/* Invalid or expired refresh token: only a person can fix that. */
	if (e == -14014 || e == -14020)
		rc = -2;
out:
	json_decref(root);
	return rc;
}

/*
 * Opens Zalo's answer envelope: the parsed body with *E and *MSG set, or
 * NULL with RES set to RETRY when there is no usable answer (5xx, no
 * connection, or a body that is not Zalo's JSON).  API names the service
 * in reasons.
 */
void *
zalo_envelope(const struct http_resp *r, struct prov_result *res,
    const char *api, long long *e, const char **msg)
{
	json_t *root;

	res->retry_after = -1;
	if (r->status >= 500 || r->status == 0) {
		prov_result_http(res, PROV_RETRY, r);
		return NULL;
	}
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	if (root == NULL || !json_is_integer(json_object_get(root, "error"))) {
		prov_result_set(res, PROV_RETRY, "%s: HTTP %ld without its JSON "
		    "envelope", api, r->status);
		json_decref(root);
		return NULL;
	}
	*e = json_integer_value(json_object_get(root, "error"));
	if ((*msg = json_string_value(json_object_get(root, "message"))) ==
	    NULL)
		*msg = "";
	return root;
}
