/*
 * public.c: the public listener, main process side.  Providers call
 * back with delivery receipts at /cb/PROVIDER/SECRET, where SECRET is
 * that provider's callback_secret; officials open ack pages at /a/TOKEN
 * (ackpage.c) and subscribe to calendar feeds at /ics/TOKEN.
 *
 * The network side runs in a child process of its own (pubchild.c),
 * which holds no secret and no database handle.  This file binds the
 * listening socket, starts that child (and starts it again if it dies),
 * and answers the requests it passes over their socketpair: here the
 * secrets are compared (in constant time, by digest, so neither their
 * bytes nor their length leak through timing) and every change is made.
 * Anything not understood is answered 400 rather than guessed at.
 *
 * Refusals are counted and logged once a minute with the last reason,
 * never one line each: a flood of forged callbacks must not drown the
 * daemon's own alerts in the journal.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ackpage.h"
#include "digestpage.h"
#include "clock.h"
#include "config.h"
#include "ics.h"
#include "listen.h"
#include "log.h"
#include "provider.h"
#include "pubchild.h"
#include "public.h"
#include "pubmsg.h"
#include "nvd.h"
#include "receipts.h"
#include "sched.h"
#include "store.h"
#include "web.h"
#include "xmalloc.h"

#define SUMMARY_SECS	60
/* A feed is rendered at most this often per agency; then it is cached. */
#define FEED_TTL	60
#define FEED_CACHE	64

struct feed_cached {
	char		 agency[80];
	char		*ics;
	char		 etag[40];
	time_t		 at;
};
/* A child that dies sooner than this after its start is backed off. */
#define CRASH_WINDOW	10

struct public {
	struct nvd	*d;
	struct event_base *base;
	int		 lfd;		/* the listening socket, kept */
	pid_t		 pid;
	time_t		 started;
	int		 backoff;	/* seconds before the next start */
	struct bufferevent *bev;	/* to the child */
	struct event	*restart;
	struct event	*summary;
	struct pubchild_limits lim;
	struct feed_cached feeds[FEED_CACHE];
	long		 refused;	/* since the last summary */
	char		 last[300];	/* the last refusal's reason */
};

static void	spawn(struct public *);

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
reply(struct pubresp *resp, int code, const char *reason, const char *body)
{
	pubresp_set(resp, code, reason, "text/plain; charset=utf-8", body,
	    strlen(body));
}

/* Counts a refusal for the next summary; the first of a minute is logged. */
static void
note_refusal(struct public *p, const char *peer, int code, const char *why)
{
	if (p->refused++ == 0)
		log_warnx("public: request from %s refused (%d): %s; further "
		    "refusals are counted for %d s", peer, code, why,
		    SUMMARY_SECS);
	snprintf(p->last, sizeof(p->last), "from %s (%d): %s", peer, code, why);
}

static void
on_summary(evutil_socket_t fd, short what, void *arg)
{
	struct public *p = arg;

	if (p->refused > 1)
		log_warnx("public: %ld request(s) refused in the last %d s; "
		    "the last %s", p->refused, SUMMARY_SECS, p->last);
	p->refused = 0;
}

static void
refuse(struct public *p, const struct pubmsg_req *req, struct pubresp *resp,
    int code, const char *why)
{
	p->d->stats.receipts_refused++;
	note_refusal(p, req->peer, code, why);
	reply(resp, code, code == 400 ? "Bad Request" : code == 403 ?
	    "Forbidden" : code == 503 ? "Unavailable" : "Not Found",
	    code == 403 ? "forbidden\n" : code == 503 ? "try again\n" :
	    code == 404 ? "not found\n" : "bad request\n");
}

/*
 * AGENCY's feed, rendered at most once per FEED_TTL seconds: a flood of
 * requests for a large feed costs one rendering a minute, not one each.
 */
static struct feed_cached *
feed_get(struct public *p, const char *agency)
{
	struct feed_cached *f, *old = &p->feeds[0];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	time_t now = clock_now();
	char *ics;

	for (f = p->feeds; f < p->feeds + FEED_CACHE; f++) {
		if (f->ics != NULL && strcmp(f->agency, agency) == 0 &&
		    now - f->at < FEED_TTL && now >= f->at)
			return f;
		if (f->ics == NULL || f->at < old->at ||
		    strcmp(f->agency, agency) == 0)
			old = f;
	}
	if ((ics = ics_agency(p->d->store, agency, p->d->conf->public_url,
	    now)) == NULL)
		return NULL;
	f = old;
	free(f->ics);
	f->ics = ics;
	f->at = now;
	snprintf(f->agency, sizeof(f->agency), "%s", agency);
	if (EVP_Digest(ics, strlen(ics), md, &mdlen, EVP_sha256(), NULL) != 1)
		fatalx("EVP_Digest failed");
	f->etag[0] = '"';
	for (i = 0; i < 16 && i < mdlen; i++)
		snprintf(f->etag + 1 + 2 * i, 3, "%02x", md[i]);
	f->etag[1 + 2 * i] = '"';
	f->etag[2 + 2 * i] = '\0';
	return f;
}

/* A calendar feed by its token: /ics/TOKEN, with an ETag and 304. */
static void
feed(struct public *p, const struct pubmsg_req *req, struct pubresp *resp,
    const char *token)
{
	const struct config *conf = p->d->conf;
	const struct feed_cached *f;
	const char *inm = pubmsg_req_header(req, "if-none-match");
	char agency[80];
	int64_t v, cur = -1;
	int rc;

	if (conf->ack_key == NULL || ics_token_parse(conf->ack_key, token,
	    agency, sizeof(agency), &v) == -1) {
		refuse(p, req, resp, 403, "calendar feed token not ours");
		return;
	}
	/* A revoked token looks like a forged one from outside. */
	if ((rc = store_agency_feed_version(p->d->store, agency, &cur)) ==
	    -1) {
		refuse(p, req, resp, 503, "the database did not answer");
		return;
	}
	if (rc == 0 || v != cur) {
		refuse(p, req, resp, 403, "calendar feed token revoked");
		return;
	}
	if ((f = feed_get(p, agency)) == NULL) {
		refuse(p, req, resp, 503, "the database did not answer");
		return;
	}
	pubresp_header(resp, "ETag", f->etag);
	if (inm != NULL && strstr(inm, f->etag) != NULL) {
		resp->code = 304;
		resp->reason = "Not Modified";
		return;
	}
	pubresp_set(resp, 200, "OK", "text/calendar; charset=utf-8", f->ics,
	    strlen(f->ics));
}

static void
callback(struct public *p, const struct pubmsg_req *req, struct pubresp *resp,
    const struct evhttp_uri *u, const char *path)
{
	const struct config *conf = p->d->conf;
	const struct provider_conf *pc;
	struct receipt rc[PROV_MAX_RECEIPTS];
	struct cb_req cb;
	char name[64], secret[256], err[256], *url = NULL;
	int n, get = strcmp(req->method, "GET") == 0;

	memset(&cb, 0, sizeof(cb));
	memset(rc, 0, sizeof(rc));
	if (sscanf(path, "/cb/%63[^/]/%255[^/]", name, secret) != 2) {
		refuse(p, req, resp, 404, "not a /cb/PROVIDER/SECRET path");
		return;
	}
	/* Unknown provider and wrong secret look the same from outside. */
	if ((pc = config_provider(conf, name)) == NULL ||
	    pc->callback_secret == NULL || pc->ops->receipt == NULL ||
	    !public_secret_eq(secret, pc->callback_secret)) {
		explicit_bzero(secret, sizeof(secret));
		refuse(p, req, resp, 403, "unknown provider or wrong secret");
		return;
	}
	explicit_bzero(secret, sizeof(secret));
	if (config_addr_allowed(pc->callback_from, req->peer) != 1) {
		refuse(p, req, resp, 403, "callback from an address not in "
		    "callback_from");
		return;
	}
	if (!get && strcmp(req->method, "POST") != 0) {
		refuse(p, req, resp, 400, "method is neither GET nor POST");
		return;
	}
	xasprintf(&url, "%s%s", conf->public_url ? conf->public_url : "",
	    req->url);
	cb.method = get ? "GET" : "POST";
	cb.url = url;
	cb.query = evhttp_uri_get_query(u);
	cb.body = req->body;
	cb.bodylen = req->bodylen;
	cb.signature = pubmsg_req_header(req, "x-twilio-signature");
	n = pc->ops->receipt(pc, &cb, rc, err, sizeof(err));
	if (n < 0) {
		char why[300];

		snprintf(why, sizeof(why), "provider %s: %s", pc->name, err);
		refuse(p, req, resp, n == -2 ? 403 : 400, why);
	} else if (n > 0 && receipts_record(p->d, pc, rc, n) == -1)
		/* The provider retries; nothing is lost by saying so. */
		refuse(p, req, resp, 503,
		    "the database did not take the receipt");
	else
		reply(resp, 200, "OK", "ok\n");
	free(url);
}

static const char *
req_header(const void *req, const char *name)
{
	return pubmsg_req_header(req, name);
}

/* The web pages (web/), under /w/: the request as they see it. */
static void
web(struct public *p, const struct pubmsg_req *req, struct pubresp *resp,
    const struct evhttp_uri *u, const char *path)
{
	char dir[4096], *slash;
	struct web_ctx ctx;
	struct web_req wr;
	struct web_resp out;

	snprintf(dir, sizeof(dir), "%s", p->d->conf->database);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	memset(&ctx, 0, sizeof(ctx));
	ctx.store = p->d->store;
	ctx.conf = p->d->conf;
	ctx.state_dir = dir;
	ctx.now = clock_now();
	memset(&wr, 0, sizeof(wr));
	wr.method = req->method;
	wr.path = strcmp(path, "/w") == 0 ? "/w/" : path;
	wr.query = evhttp_uri_get_query(u);
	wr.peer = req->peer;
	wr.header = req_header;
	wr.hctx = req;
	wr.body = req->body;
	wr.bodylen = req->bodylen;
	out.code = 500;
	out.reason = "Error";
	out.hdrs = resp->hdrs;
	out.body = resp->body;
	web_handle(&ctx, &wr, &out);
	resp->code = out.code;
	resp->reason = out.reason;
	if (ctx.flags & WEB_WAKE)
		sched_kick(p->d->sched);
	if (resp->code == 401 || resp->code == 403)
		note_refusal(p, req->peer, resp->code, "web page refused");
}

static void
handle(struct public *p, const struct pubmsg_req *req, struct pubresp *resp)
{
	/* As evhttp's server parsed them: bad escapes are the receipt's. */
	struct evhttp_uri *u = evhttp_uri_parse_with_flags(req->url,
	    EVHTTP_URI_NONCONFORMANT);
	const char *path = u ? evhttp_uri_get_path(u) : NULL;
	int get = strcmp(req->method, "GET") == 0 ||
	    strcmp(req->method, "HEAD") == 0;

	if (path != NULL && strncmp(path, "/a/", 3) == 0 &&
	    strchr(path + 3, '/') == NULL) {
		ackpage_handle(p->d, req, resp, path + 3);
		if (resp->code >= 400 && resp->code < 500)
			note_refusal(p, req->peer, resp->code,
			    "ack link refused");
	} else if (path != NULL && strncmp(path, "/l/", 3) == 0 &&
	    strchr(path + 3, '/') == NULL && get) {
		/* A digest's list only shows: GET and HEAD. */
		digestpage_handle(p->d, resp, path + 3);
		if (resp->code >= 400 && resp->code < 500)
			note_refusal(p, req->peer, resp->code,
			    "digest link refused");
	} else if (path != NULL && strncmp(path, "/ics/", 5) == 0 && get)
		feed(p, req, resp, path + 5);
	else if (path != NULL && strncmp(path, "/cb/", 4) == 0)
		callback(p, req, resp, u, path);
	else if (path != NULL && (strcmp(path, "/w") == 0 ||
	    strncmp(path, "/w/", 3) == 0))
		web(p, req, resp, u, path);
	else
		refuse(p, req, resp, 404, "no such path");
	if (u != NULL)
		evhttp_uri_free(u);
}

/*
 * The child is gone, or sent what it never should (it is then not to be
 * trusted): it is killed if alive, reaped, logged, and started again
 * after a wait that doubles, up to a minute, while it keeps dying young.
 */
static void
child_lost(struct public *p, const char *why)
{
	struct timeval tv = { 0, 0 };
	int st = 0;

	if (clock_now() - p->started >= CRASH_WINDOW)
		p->backoff = 1;
	else
		p->backoff = p->backoff < 30 ? p->backoff * 2 : 60;
	tv.tv_sec = p->backoff;
	bufferevent_free(p->bev);
	p->bev = NULL;
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		while (waitpid(p->pid, &st, 0) == -1 && errno == EINTR)
			;
		if (WIFSIGNALED(st))
			log_warnx("public listener process %d %s: killed by "
			    "signal %d (%s); starting another in %d s", (int)p->pid,
			    why, WTERMSIG(st), strsignal(WTERMSIG(st)),
			    p->backoff);
		else
			log_warnx("public listener process %d %s: exit %d; "
			    "starting another in %d s", (int)p->pid, why,
			    WEXITSTATUS(st), p->backoff);
	}
	p->pid = -1;
	evtimer_add(p->restart, &tv);
}

static void
on_child_read(struct bufferevent *bev, void *arg)
{
	struct public *p = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct pubmsg_req req;
	struct pubresp resp;
	uint32_t type, id;
	size_t len;
	char *buf;
	int rc;

	while ((rc = pubmsg_peek(in, &type, &id, &len)) == 1) {
		if (type != PUBMSG_REQ) {
			child_lost(p, "sent an answer");
			return;
		}
		evbuffer_drain(in, PUBMSG_HDRLEN);
		buf = xmalloc(len + 1);
		evbuffer_remove(in, buf, len);
		buf[len] = '\0';
		if (pubmsg_req_decode(buf, len, &req) == -1) {
			free(buf);
			child_lost(p, "sent a malformed request");
			return;
		}
		pubresp_init(&resp);
		handle(p, &req, &resp);
		if (evbuffer_get_length(resp.body) > PUBMSG_MAX_RESP / 2) {
			log_warnx("public: answer to %s too large (%zu bytes)",
			    req.url, evbuffer_get_length(resp.body));
			pubresp_clear(&resp);
			pubresp_init(&resp);
			reply(&resp, 503, "Unavailable", "too large\n");
		}
		pubresp_encode(&resp, id, bufferevent_get_output(bev));
		pubresp_clear(&resp);
		free(buf);
	}
	if (rc == -1)
		child_lost(p, "sent a malformed frame");
}

static void
on_child_event(struct bufferevent *bev, short what, void *arg)
{
	struct public *p = arg;

	child_lost(p, "died");
}

static void
on_restart(evutil_socket_t fd, short what, void *arg)
{
	spawn(arg);
}

/* Starts the child: a fresh exec, so it inherits no memory of ours. */
static void
spawn(struct public *p)
{
	struct timeval tv = { 0, 0 };
	char a[5][16], *argv[8];
	int sv[2], i;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_warn("public: socketpair");
		goto retry;
	}
	snprintf(a[0], sizeof(a[0]), "%d", p->lim.max_conns);
	snprintf(a[1], sizeof(a[1]), "%d", p->lim.max_per_addr);
	snprintf(a[2], sizeof(a[2]), "%d", p->lim.header_timeout);
	snprintf(a[3], sizeof(a[3]), "%d", p->lim.body_timeout);
	snprintf(a[4], sizeof(a[4]), "%d", log_getlevel());
	argv[0] = (char *)"nhacviecd";
	argv[1] = (char *)"--public-child";
	for (i = 0; i < 5; i++)
		argv[i + 2] = a[i];
	argv[7] = NULL;
	switch ((pid = fork())) {
	case -1:
		log_warn("public: fork");
		close(sv[0]);
		close(sv[1]);
		goto retry;
	case 0:
		/* Descriptors 3 and 4, and nothing else of ours. */
		if ((sv[0] = fcntl(p->lfd, F_DUPFD, 10)) == -1 ||
		    (sv[1] = fcntl(sv[1], F_DUPFD, 10)) == -1 ||
		    dup2(sv[0], PUBCHILD_LISTEN_FD) == -1 ||
		    dup2(sv[1], PUBCHILD_MAIN_FD) == -1 ||
		    close_range(PUBCHILD_MAIN_FD + 1, ~0U, 0) == -1)
			_exit(127);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(sv[1]);
	p->pid = pid;
	p->started = clock_now();
	if ((p->bev = bufferevent_socket_new(p->base, sv[0],
	    BEV_OPT_CLOSE_ON_FREE)) == NULL)
		fatalx("bufferevent_socket_new failed");
	evutil_make_socket_nonblocking(sv[0]);
	bufferevent_setcb(p->bev, on_child_read, NULL, on_child_event, p);
	bufferevent_enable(p->bev, EV_READ | EV_WRITE);
	log_debug("public: listener process %d started", (int)pid);
	return;
retry:
	p->backoff = p->backoff < 30 ? p->backoff * 2 : 60;
	tv.tv_sec = p->backoff;
	evtimer_add(p->restart, &tv);
}

struct public *
public_new(struct event_base *base, struct nvd *d, const char *listen,
    char *err, size_t errlen)
{
	const struct config *conf = d->conf;
	struct public *p;
	struct timeval tv = { SUMMARY_SECS, 0 };

	p = xcalloc(1, sizeof(*p));
	p->d = d;
	p->base = base;
	p->pid = -1;
	p->backoff = 1;
	p->lim.max_conns = conf->public_max_conns;
	p->lim.max_per_addr = conf->public_max_per_addr;
	p->lim.header_timeout = (int)conf->public_header_timeout;
	p->lim.body_timeout = (int)conf->public_body_timeout;
	if ((p->lfd = listen_socket(listen, "public_listen", err, errlen)) ==
	    -1) {
		free(p);
		return NULL;
	}
	if ((p->restart = evtimer_new(base, on_restart, p)) == NULL ||
	    (p->summary = event_new(base, -1, EV_PERSIST, on_summary, p)) ==
	    NULL)
		fatalx("cannot create the public listener's events");
	evtimer_add(p->summary, &tv);
	spawn(p);
	return p;
}

void
public_free(struct public *p)
{
	int st, i;

	if (p == NULL)
		return;
	on_summary(-1, 0, p);
	if (p->bev != NULL)
		bufferevent_free(p->bev);
	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		while (waitpid(p->pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	for (i = 0; i < FEED_CACHE; i++)
		free(p->feeds[i].ics);
	event_free(p->restart);
	event_free(p->summary);
	close(p->lfd);
	free(p);
}
