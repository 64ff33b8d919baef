/*
 * public.c: the public listener.  Providers call back with delivery
 * receipts at /cb/PROVIDER/SECRET, where SECRET is that provider's
 * callback_secret.  It is the one door the daemon opens to the network,
 * so it believes nothing before the secret matches (compared in constant
 * time, by digest, so neither its bytes nor its length leak through
 * timing), bounds bodies and time, and answers anything it does not
 * understand with 400 rather than guessing.
 *
 * It also serves the ack links' pages at /a/TOKEN (ackpage.c).  The
 * listener usually sits behind the site's TLS proxy (nginx), which is why
 * public_url, the address providers and officials use, is configured
 * separately.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ackpage.h"
#include "clock.h"
#include "config.h"
#include "ics.h"
#include "listen.h"
#include "log.h"
#include "provider.h"
#include "public.h"
#include "nvd.h"
#include "receipts.h"
#include "xmalloc.h"

struct public {
	struct evhttp	*http;
	struct nvd	*d;
};

static void
reply(struct evhttp_request *req, int code, const char *reason,
    const char *body)
{
	http_reply(req, code, reason, "text/plain", body, strlen(body));
}

/* Whether GIVEN is WANT, in time that depends on neither. */
int
public_secret_eq(const char *given, const char *want)
{
	unsigned char a[EVP_MAX_MD_SIZE], b[EVP_MAX_MD_SIZE];
	unsigned int la = 0, lb = 0;
	int eq;

	if (EVP_Digest(given, strlen(given), a, &la, EVP_sha256(), NULL) !=
	    1 || EVP_Digest(want, strlen(want), b, &lb, EVP_sha256(), NULL) !=
	    1)
		fatalx("EVP_Digest failed");
	eq = la == lb && CRYPTO_memcmp(a, b, la) == 0;
	explicit_bzero(b, sizeof(b));
	return eq;
}

static void
refuse(struct public *p, struct evhttp_request *req, int code,
    const char *why)
{
	char host[64] = "?";
	char *addr = NULL;
	ev_uint16_t port;

	evhttp_connection_get_peer(evhttp_request_get_connection(req), &addr,
	    &port);
	if (addr != NULL)
		snprintf(host, sizeof(host), "%s", addr);
	p->d->stats.receipts_refused++;
	log_warnx("callback from %s refused (%d): %s", host, code, why);
	reply(req, code, code == 400 ? "Bad Request" : code == 403 ?
	    "Forbidden" : code == 503 ? "Unavailable" : "Not Found",
	    code == 403 ? "forbidden\n" : code == 503 ? "try again\n" :
	    "bad request\n");
}

/* A calendar feed by its token: /ics/TOKEN. */
static void
feed(struct public *p, struct evhttp_request *req, const char *token)
{
	const struct config *conf = p->d->conf;
	char agency[80], *ics;

	if (conf->ack_key == NULL || ics_token_parse(conf->ack_key, token,
	    agency, sizeof(agency)) == -1) {
		refuse(p, req, 403, "calendar feed token not ours");
		return;
	}
	if ((ics = ics_agency(p->d->store, agency, conf->public_url,
	    clock_now())) == NULL) {
		refuse(p, req, 503, "the database did not answer");
		return;
	}
	http_reply(req, 200, "OK", "text/calendar; charset=utf-8", ics,
	    strlen(ics));
	free(ics);
}

static void
handle(struct evhttp_request *req, void *arg)
{
	struct public *p = arg;
	const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
	const struct config *conf = p->d->conf;
	const struct provider_conf *pc;
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	struct receipt rc[PROV_MAX_RECEIPTS];
	struct cb_req cb;
	enum evhttp_cmd_type m = evhttp_request_get_command(req);
	const char *path = u ? evhttp_uri_get_path(u) : NULL;
	char name[64], secret[256], err[256], *body = NULL, *url = NULL;
	size_t len;
	int n;

	memset(&cb, 0, sizeof(cb));
	memset(rc, 0, sizeof(rc));
	if (path != NULL && strncmp(path, "/a/", 3) == 0 &&
	    strchr(path + 3, '/') == NULL) {
		ackpage_handle(p->d, req, path + 3);
		return;
	}
	if (path != NULL && strncmp(path, "/ics/", 5) == 0) {
		feed(p, req, path + 5);
		return;
	}
	if (path == NULL || sscanf(path, "/cb/%63[^/]/%255[^/]", name,
	    secret) != 2) {
		refuse(p, req, 404, "not a /cb/PROVIDER/SECRET path");
		return;
	}
	/* Unknown provider and wrong secret look the same from outside. */
	if ((pc = config_provider(conf, name)) == NULL ||
	    pc->callback_secret == NULL || pc->ops->receipt == NULL ||
	    !public_secret_eq(secret, pc->callback_secret)) {
		explicit_bzero(secret, sizeof(secret));
		refuse(p, req, 403, "unknown provider or wrong secret");
		return;
	}
	explicit_bzero(secret, sizeof(secret));
	if (m != EVHTTP_REQ_GET && m != EVHTTP_REQ_POST) {
		refuse(p, req, 400, "method is neither GET nor POST");
		return;
	}
	len = evbuffer_get_length(in);
	body = xmalloc(len + 1);
	evbuffer_copyout(in, body, len);
	body[len] = '\0';
	xasprintf(&url, "%s%s", conf->public_url ? conf->public_url : "",
	    evhttp_request_get_uri(req));
	cb.method = m == EVHTTP_REQ_GET ? "GET" : "POST";
	cb.url = url;
	cb.query = evhttp_uri_get_query(u);
	cb.body = body;
	cb.bodylen = len;
	cb.signature = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "X-Twilio-Signature");
	n = pc->ops->receipt(pc, &cb, rc, err, sizeof(err));
	if (n < 0) {
		char why[300];

		snprintf(why, sizeof(why), "provider %s: %s", pc->name, err);
		refuse(p, req, n == -2 ? 403 : 400, why);
	} else if (n > 0 && receipts_record(p->d, pc, rc, n) == -1)
		/* The provider retries; nothing is lost by saying so. */
		refuse(p, req, 503, "the database did not take the receipt");
	else
		reply(req, 200, "OK", "ok\n");
	free(body);
	free(url);
}

struct public *
public_new(struct event_base *base, struct nvd *d, const char *listen,
    char *err, size_t errlen)
{
	struct public *p;

	p = xcalloc(1, sizeof(*p));
	p->d = d;
	if ((p->http = evhttp_new(base)) == NULL)
		fatalx("evhttp_new failed");
	/* Receipts are small; nobody needs to hold a connection long. */
	evhttp_set_max_body_size(p->http, 16 * 1024);
	evhttp_set_max_headers_size(p->http, 16 * 1024);
	evhttp_set_timeout(p->http, 10);
	/* HEAD: link checkers and calendar apps probe the feed with it. */
	evhttp_set_allowed_methods(p->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD);
	evhttp_set_gencb(p->http, handle, p);
	if (listen_tcp(p->http, listen, "public_listen", err, errlen) == -1) {
		public_free(p);
		return NULL;
	}
	return p;
}

void
public_free(struct public *p)
{
	if (p == NULL)
		return;
	evhttp_free(p->http);
	free(p);
}
