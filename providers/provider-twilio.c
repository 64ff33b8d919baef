/*
 * provider-twilio.c: Twilio Programmable Messaging (Messages.json, form
 * encoded, HTTP Basic with the Account SID and Auth Token), to E.164
 * numbers.  A 429 is never processed by Twilio and always safe to retry;
 * any other 4xx fails with Twilio's own error code in the reason.
 *
 * Status callbacks are signed: X-Twilio-Signature is the base64 HMAC-SHA1,
 * keyed by the Auth Token, of the full callback URL followed by each POST
 * parameter's name and value, sorted by name.  A callback that does not
 * verify is refused before anything in it is believed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "log.h"
#include "provider.h"
#include "xmalloc.h"

#define TWILIO_API	"https://api.twilio.com"

static int	twilio_check(const struct provider_conf *, char *, size_t);
static int	twilio_build(const struct provider_conf *,
		    const struct prov_msg *, struct http_req *, char *, size_t);
static void	twilio_classify(const struct provider_conf *,
		    const struct http_resp *, struct prov_result *);
static int	twilio_receipt(const struct provider_conf *,
		    const struct cb_req *, struct receipt *, char *, size_t);

const struct provider_ops provider_twilio = {
	.name = "twilio",
	.flags = PROV_F_SIGNED,
	.address = "phone",
	.sms = 1,
	.check = twilio_check,
	.build = twilio_build,
	.classify = twilio_classify,
	.deliver = NULL,
	.receipt = twilio_receipt,
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

	enc = prov_url_escape(value);
	xasprintf(&nb, "%s%s%s=%s", *body ? *body : "", *body ? "&" : "",
	    name, enc);
	free(enc);
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
	if (pc->callback_url != NULL)
		form_add(&req->body, "StatusCallback", pc->callback_url);
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
		prov_result_http(res, PROV_RETRY, r);
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

#define TW_MAX_PARAMS	64

struct tw_params {
	char	*name[TW_MAX_PARAMS];
	char	*value[TW_MAX_PARAMS];
	int	 n;
	int	 overflow;
};

static void
tw_param(void *arg, const char *k, const char *v)
{
	struct tw_params *p = arg;

	if (p->n >= TW_MAX_PARAMS) {
		p->overflow = 1;
		return;
	}
	p->name[p->n] = xstrdup(k);
	p->value[p->n++] = xstrdup(v);
}

static const char *
tw_get(const struct tw_params *p, const char *k)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->name[i], k) == 0)
			return p->value[i];
	return NULL;
}

/* Twilio's order: by name, then by value for repeated names. */
static int
tw_before(const struct tw_params *p, int a, int b)
{
	int c = strcmp(p->name[a], p->name[b]);

	return c < 0 || (c == 0 && strcmp(p->value[a], p->value[b]) < 0);
}

/* Whether SIG is the signature of URL and P under the Auth Token. */
static int
tw_verify(const struct provider_conf *pc, const char *url,
    const struct tw_params *p, const char *sig)
{
	unsigned char mac[EVP_MAX_MD_SIZE], b64[64];
	unsigned int maclen = 0;
	int order[TW_MAX_PARAMS], i, j, t, ok;
	size_t len;
	char *data, *pos;

	for (i = 0; i < p->n; i++)
		order[i] = i;
	for (i = 1; i < p->n; i++)	/* a few dozen at most */
		for (j = i; j > 0 && tw_before(p, order[j], order[j - 1]);
		    j--)
			t = order[j], order[j] = order[j - 1], order[j - 1] = t;
	len = strlen(url) + 1;
	for (i = 0; i < p->n; i++)
		len += strlen(p->name[i]) + strlen(p->value[i]);
	data = xmalloc(len);
	pos = stpcpy(data, url);
	for (i = 0; i < p->n; i++) {
		pos = stpcpy(pos, p->name[order[i]]);
		pos = stpcpy(pos, p->value[order[i]]);
	}
	if (HMAC(EVP_sha1(), pc->token, (int)strlen(pc->token),
	    (unsigned char *)data, (size_t)(pos - data), mac, &maclen) == NULL)
		fatalx("HMAC failed");
	free(data);
	EVP_EncodeBlock(b64, mac, (int)maclen);
	ok = strlen(sig) == strlen((char *)b64) &&
	    CRYPTO_memcmp(sig, b64, strlen(sig)) == 0;
	explicit_bzero(mac, sizeof(mac));
	return ok;
}

/*
 * The StatusCallback: delivered is final, undelivered and failed carry
 * an ErrorCode (30003 unreachable, 30005 unknown, ...); queued, sent and
 * the rest are on the way.
 */
static int
twilio_receipt(const struct provider_conf *pc, const struct cb_req *cb,
    struct receipt *r, char *err, size_t errlen)
{
	struct tw_params p;
	const char *sid, *st, *code;
	int i, n = -1;

	memset(&p, 0, sizeof(p));
	if (cb->body != NULL)
		prov_form_parse(cb->body, cb->bodylen, tw_param, &p);
	if (cb->signature == NULL || p.overflow ||
	    !tw_verify(pc, cb->url, &p, cb->signature)) {
		snprintf(err, errlen, "Twilio callback with %s "
		    "X-Twilio-Signature", cb->signature ? "a wrong" : "no");
		n = -2;
		goto out;
	}
	sid = tw_get(&p, "MessageSid");
	st = tw_get(&p, "MessageStatus");
	/* The number's inbound webhook: an SMS someone sent us. */
	if (st == NULL && tw_get(&p, "Body") != NULL &&
	    tw_get(&p, "From") != NULL) {
		r->is_reply = 1;
		snprintf(r->from, sizeof(r->from), "%s", tw_get(&p, "From"));
		snprintf(r->text, sizeof(r->text), "%s", tw_get(&p, "Body"));
		n = 1;
		goto out;
	}
	if (sid == NULL || st == NULL) {
		snprintf(err, errlen, "Twilio callback without MessageSid and "
		    "MessageStatus");
		goto out;
	}
	snprintf(r->provider_id, sizeof(r->provider_id), "%s", sid);
	r->reason[0] = '\0';
	if (strcmp(st, "delivered") == 0)
		r->delivered = 1;
	else if (strcmp(st, "undelivered") == 0 || strcmp(st, "failed") == 0) {
		r->delivered = 0;
		code = tw_get(&p, "ErrorCode");
		snprintf(r->reason, sizeof(r->reason), "Twilio: %s (error "
		    "%s)", st, code ? code : "?");
	} else
		r->delivered = -1;
	n = 1;
out:
	for (i = 0; i < p.n; i++) {
		free(p.name[i]);
		free(p.value[i]);
	}
	return n;
}
