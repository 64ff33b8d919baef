/*
 * transfer.c: one attempt's request through the libcurl multi interface,
 * on the dispatcher's I/O thread and its event base.
 *
 * curl tells us which sockets to watch (sock_cb) and when to wake it
 * (timer_cb); libevent tells curl when a socket is ready (event_cb) or the
 * timer fired (timeout_cb).  After each action finished transfers are
 * drained from curl_multi_info_read and turned into verdicts.
 * Connections stay in curl's cache between requests, so a busy provider
 * is spoken to over kept-alive links.  The request itself is built on
 * the loop (transfer_new), which has time to spare while it waits for a
 * commit; everything that touches curl runs on the I/O thread.
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "dispatch-int.h"
#include "log.h"
#include "outmsg.h"
#include "provider.h"
#include "xmalloc.h"

#define RESP_MAX	(64 * 1024)	/* more of a reply is never needed */
#define IDLE_LINKS	256	/* kept-alive links kept open, at most */

struct sockctx {
	struct event	*ev;
	curl_socket_t	 fd;
};

static int	sock_cb(CURL *, curl_socket_t, int, void *, void *);
static int	timer_cb(CURLM *, long, void *);
static void	event_cb(evutil_socket_t, short, void *);
static void	timeout_cb(evutil_socket_t, short, void *);

static size_t
write_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct transfer *t = userdata;
	size_t n = size * nmemb, keep = n;

	if (t->resplen + keep > RESP_MAX)
		keep = RESP_MAX - t->resplen;
	if (keep > 0) {
		t->resp = xreallocarray(t->resp, 1, t->resplen + keep + 1);
		memcpy(t->resp + t->resplen, ptr, keep);
		t->resplen += keep;
		t->resp[t->resplen] = '\0';
	}
	return n;
}

/*
 * Reads response headers: X-Rate-Limit-Reset (SpeedSMS), and the words
 * of the server for a failure's reason: an HTTP status line, or the SMTP
 * reply that refused (curl hands SMTP replies to this callback too).
 */
static size_t
header_cb(char *buf, size_t size, size_t nitems, void *userdata)
{
	struct transfer *t = userdata;
	size_t n = size * nitems;
	static const char name[] = "x-rate-limit-reset:";
	char val[32];
	long long v;

	if (n > sizeof(name) - 1 && n - (sizeof(name) - 1) < sizeof(val) &&
	    strncasecmp(buf, name, sizeof(name) - 1) == 0) {
		memcpy(val, buf + sizeof(name) - 1, n - (sizeof(name) - 1));
		val[n - (sizeof(name) - 1)] = '\0';
		/* Seconds to wait; an epoch time would be far too large. */
		if (sscanf(val, "%lld", &v) == 1 && v >= 0 && v < 86400)
			t->rate_reset = v;
	}
	if (t->req.mail_from != NULL && n >= 4 && buf[0] >= '4' &&
	    buf[0] <= '5' && !t->refused) {
		/*
		 * The first refusal is the answer; the QUIT's "221" after it
		 * is not.  A multi-line one ("550-...") keeps its last line.
		 */
		snprintf(t->said, sizeof(t->said), "%.*s", (int)n, buf);
		t->said[strcspn(t->said, "\r\n")] = '\0';
		t->refused = buf[3] == ' ';
	} else if (t->req.mail_from == NULL && n > 5 &&
	    strncmp(buf, "HTTP/", 5) == 0) {
		snprintf(t->said, sizeof(t->said), "%.*s", (int)n, buf);
		t->said[strcspn(t->said, "\r\n")] = '\0';
	}
	return n;
}

static void
setup_method(struct transfer *t)
{
	if (t->req.method != NULL && strcmp(t->req.method, "GET") == 0) {
		curl_easy_setopt(t->easy, CURLOPT_HTTPGET, 1L);
		return;
	}
	curl_easy_setopt(t->easy, CURLOPT_POST, 1L);
	curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, t->req.body ?
	    t->req.body : "");
	curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)t->req.bodylen);
	if (t->req.method != NULL)
		curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, t->req.method);
}

/* Feeds the message to curl's SMTP upload. */
static size_t
read_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t left = t->req.bodylen - t->sent, want = size * n;

	if (want > left)
		want = left;
	memcpy(buf, t->req.body + t->sent, want);
	t->sent += want;
	return want;
}

/*
 * SMTP: the envelope, AUTH, and TLS.  smtps:// is TLS throughout; on
 * smtp:// STARTTLS is demanded unless the provider's check allowed a
 * relay on this host in the clear.
 */
static void
setup_smtp(struct transfer *t)
{
	t->rcpt = curl_slist_append(NULL, t->req.mail_rcpt);
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(t->easy, CURLOPT_MAIL_FROM, t->req.mail_from);
	curl_easy_setopt(t->easy, CURLOPT_MAIL_RCPT, t->rcpt);
	curl_easy_setopt(t->easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(t->easy, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)t->req.bodylen);
	curl_easy_setopt(t->easy, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(t->easy, CURLOPT_READDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_USE_SSL, t->req.starttls ?
	    (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
	if (t->req.user != NULL) {
		curl_easy_setopt(t->easy, CURLOPT_USERNAME, t->req.user);
		curl_easy_setopt(t->easy, CURLOPT_PASSWORD, t->req.pass);
	}
}

/*
 * On the loop: builds OM's request.  NULL if it cannot be built, with
 * the verdict in OM.
 */
struct transfer *
transfer_new(struct dispatch *d, struct outmsg *om)
{
	const struct provider_conf *pc = om->pc;
	const struct provider_ops *ops = pc->ops;
	struct transfer *t;
	char err[256];

	t = xcalloc(1, sizeof(*t));
	t->d = d;
	t->om = om;
	if ((om->is_refresh ? ops->refresh_build(pc, om->refresh_token,
	    &t->req, err, sizeof(err)) : ops->build(pc, &om->pm, &t->req, err,
	    sizeof(err))) == -1) {
		prov_result_set(&om->res, PROV_FAIL, "cannot build request: %s",
		    err);
		http_req_free(&t->req);
		free(t);
		return NULL;
	}
	return t;
}

/* On the I/O thread: hands T, counted in flight, to curl. */
void
transfer_start(struct transfer *t)
{
	struct dispatch *d = t->d;
	const struct provider_conf *pc = t->om->pc;
	int i;

	/* A reset handle skips curl_easy_init's allocations. */
	if (d->npool > 0)
		t->easy = d->pool[--d->npool];
	else if ((t->easy = curl_easy_init()) == NULL)
		fatalx("curl_easy_init failed");
	for (i = 0; i < t->req.nheaders; i++)
		t->hdrs = curl_slist_append(t->hdrs, t->req.headers[i]);
	/* An empty Expect stops curl waiting for "100 Continue". */
	t->hdrs = curl_slist_append(t->hdrs, "Expect:");
	curl_easy_setopt(t->easy, CURLOPT_URL, t->req.url);
	if (t->req.mail_from != NULL)
		setup_smtp(t);
	else {
		curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->hdrs);
		setup_method(t);
	}
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
	t->rate_reset = -1;
	curl_easy_setopt(t->easy, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(t->easy, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, (long)pc->timeout * 1000);
	curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(pc->timeout < 10 ? pc->timeout : 10) * 1000);
	curl_easy_setopt(t->easy, CURLOPT_USERAGENT, "nhacviec/"
	    NHACVIEC_VERSION);
	/* A private CA is trusted in addition to nothing: verification stays. */
	if (pc->ca_file != NULL)
		curl_easy_setopt(t->easy, CURLOPT_CAINFO, pc->ca_file);
	if (pc->ca_path != NULL)
		curl_easy_setopt(t->easy, CURLOPT_CAPATH, pc->ca_path);
	TAILQ_INSERT_TAIL(&d->transfers, t, entry);
	t->started = 1;
	if (curl_multi_add_handle(d->multi, t->easy) != CURLM_OK) {
		prov_result_set(&t->om->res, PROV_RETRY, "curl refused handle");
		dispatch_ended(t, 1);
	}
}

/*
 * Frees T and takes it out of curl, if started; its message is the
 * caller's.  Started ones only on the I/O thread, or once it stopped.
 */
void
transfer_free(struct transfer *t)
{
	struct dispatch *d = t->d;

	if (t->started) {
		curl_multi_remove_handle(d->multi, t->easy);
		if (d->npool < POOL_MAX) {
			curl_easy_reset(t->easy);
			d->pool[d->npool++] = t->easy;
		} else
			curl_easy_cleanup(t->easy);
		TAILQ_REMOVE(&d->transfers, t, entry);
	}
	curl_slist_free_all(t->hdrs);
	curl_slist_free_all(t->rcpt);
	http_req_free(&t->req);
	free(t->resp);
	free(t);
}

/* On the I/O thread: curl's multi handle and its timer. */
void
transfer_init(struct dispatch *d)
{
	TAILQ_INIT(&d->transfers);
	if ((d->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	if ((d->timer = evtimer_new(d->iobase, timeout_cb, d)) == NULL)
		fatalx("evtimer_new failed");
	/*
	 * curl's default keeps four idle links per transfer in flight at
	 * the moment: after a lull, a burst found them closed and connected
	 * anew (a tenth of the thread's time at 64 connections).
	 */
	curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, (long)IDLE_LINKS);
	curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, d);
	curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, d);
}

/* Once the I/O thread stopped and every transfer is freed. */
void
transfer_cleanup(struct dispatch *d)
{
	while (d->npool > 0)
		curl_easy_cleanup(d->pool[--d->npool]);
	curl_multi_cleanup(d->multi);
	event_free(d->timer);
}

/*
 * Whether curl's RC says the provider cannot work as configured, rather
 * than that it did not answer this time.
 */
static const char *
config_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_CRL_BADFILE:
		return "TLS";
	case CURLE_USE_SSL_FAILED:
		return "STARTTLS";
	case CURLE_LOGIN_DENIED:
	case CURLE_AUTH_ERROR:
		return "login";
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "DNS";
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return "URL";
	default:
		return NULL;
	}
}

/*
 * Turns a finished transfer into a verdict.  The server's own words (the
 * SMTP reply, the HTTP status line) go to the provider with the answer.
 */
static void
complete(struct transfer *t, CURLcode rc)
{
	struct outmsg *om = t->om;
	struct http_resp resp;
	curl_off_t ra = -1;
	long status = 0;
	const char *kind;
	char said[PROV_REASON_TEXT];

	memset(&resp, 0, sizeof(resp));
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	om->status = status;
	resp.retry_after = resp.rate_reset = -1;
	if (rc != CURLE_OK && !om->is_refresh &&
	    (kind = config_failure(rc)) != NULL &&
	    !(t->req.mail_from != NULL && status >= 400)) {
		prov_clean_text(t->said, strlen(t->said), said, sizeof(said));
		prov_result_set(&om->res, PROV_CONFIG, "%s: %s%s%s", kind,
		    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc),
		    said[0] ? "; the server said: " : "", said);
	} else if (rc != CURLE_OK && t->req.mail_from != NULL &&
	    status >= 400) {
		/* An SMTP refusal is an answer: its reply code says which. */
		resp.status = status;
		resp.body = t->said[0] ? t->said : t->errbuf;
		resp.bodylen = strlen(resp.body);
		om->pc->ops->classify(om->pc, &resp, &om->res);
	} else if (rc != CURLE_OK) {
		/* Timeouts, refusals, resets: the provider never answered. */
		om->res.retry_after = -1;
		prov_result_set(&om->res, PROV_RETRY, "%s",
		    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
	} else {
		if (curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &ra) !=
		    CURLE_OK)
			ra = -1;
		resp.status = status;
		resp.body = t->resp;
		resp.bodylen = t->resplen;
		resp.status_line = t->said[0] ? t->said : NULL;
		resp.retry_after = ra > 0 ? (int64_t)ra : -1;
		resp.rate_reset = t->rate_reset;
		if (om->is_refresh)
			om->refresh_rc = om->pc->ops->refresh_parse(om->pc,
			    &resp, &om->tokens, om->res.reason,
			    sizeof(om->res.reason));
		else
			om->pc->ops->classify(om->pc, &resp, &om->res);
	}
	dispatch_ended(t, 1);
}

static void
drain(struct dispatch *d)
{
	struct transfer *t;
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(d->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		    (char **)&t);
		complete(t, msg->data.result);
	}
}

static void
event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dispatch *d = arg;
	int action = 0, running;

	if (what & EV_READ)
		action |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(d->multi, fd, action, &running);
	drain(d);
}

static void
timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dispatch *d = arg;
	int running;

	curl_multi_socket_action(d->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	drain(d);
}

/* CURLMOPT_TIMERFUNCTION: one non-repeating timer; -1 deletes it. */
static int
timer_cb(CURLM *multi, long timeout_ms, void *clientp)
{
	struct dispatch *d = clientp;
	struct timeval tv;

	if (timeout_ms < 0) {
		evtimer_del(d->timer);
		return 0;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	/* Never call curl from here: a zero timeout is just a timer. */
	evtimer_add(d->timer, &tv);
	return 0;
}

/* CURLMOPT_SOCKETFUNCTION: keeps one libevent event per curl socket. */
static int
sock_cb(CURL *easy, curl_socket_t s, int what, void *clientp, void *socketp)
{
	struct dispatch *d = clientp;
	struct sockctx *sc = socketp;
	short kind;

	if (what == CURL_POLL_REMOVE) {
		if (sc != NULL) {
			event_free(sc->ev);
			free(sc);
			curl_multi_assign(d->multi, s, NULL);
		}
		return 0;
	}
	kind = EV_PERSIST | ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);
	if (sc == NULL) {
		sc = xcalloc(1, sizeof(*sc));
		sc->fd = s;
		if ((sc->ev = event_new(d->iobase, s, kind, event_cb, d)) ==
		    NULL)
			fatalx("event_new failed");
		curl_multi_assign(d->multi, s, sc);
	} else {
		/* Re-aim the same event: no allocation per change of interest. */
		event_del(sc->ev);
		event_assign(sc->ev, d->iobase, s, kind, event_cb, d);
	}
	event_add(sc->ev, NULL);
	return 0;
}
