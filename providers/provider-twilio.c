/*
 * provider-twilio.c: Twilio Programmable Messaging (Messages.json, form
 * encoded, HTTP Basic with the Account SID and Auth Token), to E.164
 * numbers.  A 429 is never processed by Twilio and always safe to retry;
 * any other 4xx fails with Twilio's own error code in the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "log.h"
#include "provider.h"
#include "xmalloc.h"

#define TWILIO_API	"https://api.twilio.com"

static int	twilio_check(const struct provider_conf *, char *, size_t);
static int	twilio_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	twilio_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);

const struct provider_ops provider_twilio = {
	.name = "twilio",
	.address = "phone",
	.sms = 1,
	.check = twilio_check,
	.build = twilio_build,
	.classify = twilio_classify,
	.deliver = NULL,
};

static int
twilio_check(const struct provider_conf *pc, char *err, size_t errlen)
{
	if (pc->api_key == NULL || pc->token == NULL) {
		snprintf(err, errlen, "api_key: [provider %s] of type twilio "
		    "needs api_key (the Account SID) and token (the Auth "
		    "Token)", pc->name);
		return -1;
	}
	if (pc->brandname == NULL) {
		snprintf(err, errlen, "brandname: [provider %s] of type twilio "
		    "needs the sender (From number, alphanumeric sender or "
		    "MG... service SID)", pc->name);
		return -1;
	}
	return 0;
}

/* Appends "&name=value" form-encoded. */
static void
form_add(char **body, const char *name, const char *value)
{
	char *enc, *nb;

	if ((enc = curl_easy_escape(NULL, value, 0)) == NULL)
		fatalx("out of memory");
	xasprintf(&nb, "%s%s%s=%s", *body ? *body : "", *body ? "&" : "",
	    name, enc);
	curl_free(enc);
	free(*body);
	*body = nb;
}

static int
twilio_build(const struct provider_conf *pc, const struct prov_msg *m,
    struct http_req *req, char *err, size_t errlen)
{
	char *text;

	if (m->address == NULL || m->address[0] != '+') {
		snprintf(err, errlen, "not an E.164 number: %s",
		    m->address ? m->address : "");
		return -1;
	}
	if ((text = prov_sms_text(pc, m, err, errlen)) == NULL)
		return -1;
	form_add(&req->body, "To", m->address);
	/* A Messaging Service SID goes as such, anything else as From. */
	form_add(&req->body, strncmp(pc->brandname, "MG", 2) == 0 ?
	    "MessagingServiceSid" : "From", pc->brandname);
	form_add(&req->body, "Body", text);
	free(text);
	req->bodylen = strlen(req->body);
	xasprintf(&req->url, "%s/2010-04-01/Accounts/%s/Messages.json",
	    pc->base_url ? pc->base_url : TWILIO_API, pc->api_key);
	http_req_header(req, "Content-Type: application/x-www-form-urlencoded");
	return prov_basic_auth(req, pc->api_key, pc->token, err, errlen);
}

static void
twilio_classify(const struct provider_conf *pc, const struct http_resp *r,
    struct prov_result *res)
{
	json_t *root, *v;
	const char *msg;
	long long code = 0;

	res->retry_after = -1;
	root = r->body ? json_loadb(r->body, r->bodylen, 0, NULL) : NULL;
	if (r->status >= 200 && r->status < 300) {
		if ((v = json_object_get(root, "sid")) != NULL &&
		    json_is_string(v))
			snprintf(res->provider_id, sizeof(res->provider_id),
			    "%s", json_string_value(v));
		prov_result_set(res, PROV_OK, NULL);
	} else if (r->status == 429 || r->status >= 500 || r->status == 0) {
		res->retry_after = r->retry_after;
		prov_result_set(res, PROV_RETRY, "HTTP %ld", r->status);
	} else {
		if ((v = json_object_get(root, "code")) != NULL &&
		    json_is_integer(v))
			code = json_integer_value(v);
		msg = json_string_value(json_object_get(root, "message"));
		prov_result_set(res, PROV_FAIL, "Twilio %lld (HTTP %ld): %s",
		    code, r->status, msg ? msg : "error");
	}
	json_decref(root);
}
