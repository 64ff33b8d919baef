/*
 * dispatch.c: the libcurl multi interface on libevent.
 *
 * curl tells us which sockets to watch (sock_cb) and when to wake it
 * (timer_cb); libevent tells curl when a socket is ready (event_cb) or the
 * timer fired (timeout_cb).  After each action finished transfers are
 * drained from curl_multi_info_read.  Connections stay in curl's cache
 * between requests, so a busy provider is spoken to over kept-alive links.
 *
 * Per provider (by name, so the counts survive a reload) we keep how many
 * requests are in flight and a token bucket; the scheduler asks
 * dispatch_capacity() before it claims messages for a provider, which is
 * what keeps one slow provider from holding up another.
 *
 * The transfers run on a thread of their own with its own event base, so
 * that building requests and the kernel's work of sending them go on
 * while the daemon's loop waits for a commit's fdatasync or runs the
 * store's statements: on one core the loop did both in turn.  The loop
 * hands claimed messages over (dispatch_start) and gets verdicts back
 * (the done callback, always on the loop's thread), each way through a
 * list under one mutex and an eventfd that wakes the other side when its
 * list stops being empty.  The counts that dispatch_capacity reads are
 * under the same mutex; curl, its sockets, its timer and the transfers
 * belong to the thread alone.  Providers' build and classify are pure
 * functions of the config, which an attempt holds a reference to.
 *
 * A failure that says the provider cannot work as configured (TLS, its
 * certificate or hostname, STARTTLS refused, a login refused, a name that
 * does not resolve) is not retried: waiting does not fix a config.  It is
 * classified here, once for every provider: the message goes to its next
 * channel, one alert is raised, and the provider is paused, its claimed
 * messages moved on at once, until a reload or tls_retry has passed.
 */
#include <sys/eventfd.h>
#include <sys/queue.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "outmsg.h"
#include "provider.h"
#include "xmalloc.h"

#define RESP_MAX	(64 * 1024)	/* more of a reply is never needed */

/* Under the dispatcher's mutex, but for WAITING: the I/O thread's. */
struct prov_rt {
	LIST_ENTRY(prov_rt) entry;
	char		*name;
	int		 inflight;
	int		 nwaiting;	/* handed over or in WAITING */
	struct outmsg_list waiting;	/* claimed, to start as slots free */
	double		 tokens;
	int64_t		 refill_ms;
	int64_t		 paused_until_ms;	/* 0: not paused */
	char		 pause_why[256];
	int64_t		 config_failures;	/* for /metrics */
};

struct transfer {
	TAILQ_ENTRY(transfer) entry;
	int64_t		 rate_reset;	/* X-Rate-Limit-Reset, or -1 */
	struct dispatch	*d;
	struct outmsg	*om;
	struct prov_rt	*rt;
	CURL		*easy;
	struct curl_slist *hdrs;
	struct curl_slist *rcpt;	/* SMTP */
	size_t		 sent;		/* SMTP: bytes uploaded */
	char		 said[512];	/* SMTP: the refusal; HTTP: status line */
	int		 refused;	/* SMTP: said holds a whole refusal */
	struct http_req	 req;
	char		*resp;
	size_t		 resplen;
	char		 errbuf[CURL_ERROR_SIZE];
};

struct sockctx {
	struct event	*ev;
	curl_socket_t	 fd;
};

#define POOL_MAX	64	/* idle easy handles kept for reuse */
#define WAITING_MAX	64	/* claimed beyond max_inflight, at most */

struct dispatch {
	/* The daemon's loop: verdicts are handed to DONE there. */
	struct event_base *base;
	dispatch_done_cb done;
	void		*arg;
	int		 loop_fd;	/* eventfd: verdicts wait */
	struct event	*loop_ev;

	/* The I/O thread's alone while it runs. */
	struct event_base *iobase;
	CURL		*pool[POOL_MAX];
	int		 npool;
	CURLM		*multi;
	struct event	*timer;
	TAILQ_HEAD(, transfer) transfers;
	int		 io_fd;		/* eventfd: messages handed over */
	struct event	*io_ev;
	pthread_t	 thread;
	int		 running;

	/* Shared: under MU. */
	pthread_mutex_t	 mu;
	int		 inflight;
	int		 nwaiting;
	int		 ndone;		/* verdicts not yet handed back */
	int		 stop;
	LIST_HEAD(, prov_rt) rts;
	struct outmsg_list handed;	/* to start, for the I/O thread */
	struct outmsg_list verdicts;	/* ended, for the loop */
};

static int	sock_cb(CURL *, curl_socket_t, int, void *, void *);
static int	timer_cb(CURLM *, long, void *);
static void	event_cb(evutil_socket_t, short, void *);
static void	timeout_cb(evutil_socket_t, short, void *);
static void	drain(struct dispatch *);
static void	finish(struct transfer *, int report);
static void	start_http(struct dispatch *, struct outmsg *, struct prov_rt *);

static void
lock(struct dispatch *d)
{
	if (pthread_mutex_lock(&d->mu) != 0)
		fatalx("dispatch: cannot lock");
}

static void
unlock(struct dispatch *d)
{
	pthread_mutex_unlock(&d->mu);
}

/* Wakes the side that reads FD; its counter saturating is still a wake. */
static void
poke(int fd)
{
	uint64_t one = 1;

	while (write(fd, &one, sizeof(one)) == -1 && errno == EINTR)
		;
}

static void
unpoke(int fd)
{
	uint64_t n;

	while (read(fd, &n, sizeof(n)) == -1 && errno == EINTR)
		;
}

/* The caller holds the mutex, as for every prov_rt function. */
static struct prov_rt *
rt_get(struct dispatch *d, const char *name)
{
	struct prov_rt *rt;

	LIST_FOREACH(rt, &d->rts, entry)
		if (strcmp(rt->name, name) == 0)
			return rt;
	rt = xcalloc(1, sizeof(*rt));
	rt->name = xstrdup(name);
	rt->tokens = -1;	/* full on first use */
	TAILQ_INIT(&rt->waiting);
	LIST_INSERT_HEAD(&d->rts, rt, entry);
	return rt;
}

/* Whether RT is paused at NOW_MS; a pause that ran out is lifted here. */
static int
rt_paused(struct prov_rt *rt, int64_t now_ms)
{
	if (rt->paused_until_ms == 0)
		return 0;
	if (now_ms < rt->paused_until_ms)
		return 1;
	log_info("provider %s: tls_retry has passed; trying it again",
	    rt->name);
	rt->paused_until_ms = 0;
	return 0;
}

/*
 * Pauses OM's provider after a config failure.  The first failure of a
 * pause is the one that alerts: transfers already in flight that fail
 * the same way only move their messages on.
 */
static void
rt_pause(struct prov_rt *rt, struct outmsg *om)
{
	int64_t now_ms = clock_now_ms();

	rt->config_failures++;
	if (rt_paused(rt, now_ms))
		return;
	rt->paused_until_ms = now_ms + om->pc->tls_retry * 1000;
	snprintf(rt->pause_why, sizeof(rt->pause_why), "%s", om->res.reason);
	om->res.alert = 1;
	/* Cut if need be: the cause comes first, and it is what counts. */
	if (snprintf(om->res.reason, sizeof(om->res.reason), "%s; provider "
	    "%s paused for %llds (tls_retry) or until a reload, its messages "
	    "go to the next channel", rt->pause_why, rt->name,
	    (long long)om->pc->tls_retry) >= (int)sizeof(om->res.reason))
		log_debug("provider %s: alert reason cut", rt->name);
}

/* Lifts every pause: the config was reloaded, perhaps fixed. */
void
dispatch_unpause(struct dispatch *d)
{
	struct prov_rt *rt;

	lock(d);
	LIST_FOREACH(rt, &d->rts, entry)
		if (rt->paused_until_ms != 0) {
			log_info("provider %s: reloaded; trying it again",
			    rt->name);
			rt->paused_until_ms = 0;
		}
	unlock(d);
}

/* Calls FN for each provider seen: paused or not, config failures. */
void
dispatch_foreach(struct dispatch *d, void (*fn)(void *, const char *, int,
    int64_t), void *arg)
{
	struct prov_rt *rt;
	int64_t now_ms = clock_now_ms();

	lock(d);
	LIST_FOREACH(rt, &d->rts, entry)
		fn(arg, rt->name, rt->paused_until_ms > now_ms,
		    rt->config_failures);
	unlock(d);
}

/* Back on the loop: verdicts are handed to the done callback. */
static void
loop_wake(evutil_socket_t fd, short what, void *arg)
{
	struct dispatch *d = arg;

	unpoke(d->loop_fd);
	dispatch_collect(d);
}

static void	io_start(struct dispatch *, struct outmsg *);
static int	drop_all(struct dispatch *);

/* On the I/O thread: messages handed over, or the word to stop. */
static void
io_wake(evutil_socket_t fd, short what, void *arg)
{
	struct dispatch *d = arg;
	struct outmsg_list in;
	struct outmsg *om;
	int stop;

	unpoke(d->io_fd);
	TAILQ_INIT(&in);
	lock(d);
	if (!(stop = d->stop))
		TAILQ_CONCAT(&in, &d->handed, entry);
	unlock(d);
	if (stop) {
		event_base_loopbreak(d->iobase);
		return;
	}
	while ((om = TAILQ_FIRST(&in)) != NULL) {
		TAILQ_REMOVE(&in, om, entry);
		io_start(d, om);
	}
}

static void *
io_main(void *arg)
{
	struct dispatch *d = arg;

	if (event_base_dispatch(d->iobase) == -1)
		log_error("dispatch: the I/O thread's loop failed");
	return NULL;
}

struct dispatch *
dispatch_new(struct event_base *base, dispatch_done_cb done, void *arg)
{
	struct dispatch *d = xcalloc(1, sizeof(*d));
	sigset_t all, old;
	int rc;

	d->base = base;
	d->done = done;
	d->arg = arg;
	LIST_INIT(&d->rts);
	TAILQ_INIT(&d->transfers);
	TAILQ_INIT(&d->handed);
	TAILQ_INIT(&d->verdicts);
	if (pthread_mutex_init(&d->mu, NULL) != 0)
		fatalx("dispatch: cannot create a mutex");
	if ((d->io_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1 ||
	    (d->loop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1)
		fatal("dispatch: eventfd");
	if ((d->iobase = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	if ((d->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	if ((d->timer = evtimer_new(d->iobase, timeout_cb, d)) == NULL ||
	    (d->io_ev = event_new(d->iobase, d->io_fd, EV_READ | EV_PERSIST,
	    io_wake, d)) == NULL ||
	    (d->loop_ev = event_new(base, d->loop_fd, EV_READ | EV_PERSIST,
	    loop_wake, d)) == NULL)
		fatalx("dispatch: cannot create events");
	event_add(d->io_ev, NULL);
	event_add(d->loop_ev, NULL);
	curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, d);
	curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, d);
	/* Signals are the loop's: the thread starts with all of them blocked. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&d->thread, NULL, io_main, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatalx("dispatch: cannot start the I/O thread: %s",
		    strerror(rc));
	d->running = 1;
	return d;
}

/* Stops the I/O thread and waits for it; what it held is then ours. */
static void
io_stop(struct dispatch *d)
{
	if (!d->running)
		return;
	lock(d);
	d->stop = 1;
	unlock(d);
	poke(d->io_fd);
	pthread_join(d->thread, NULL);
	d->running = 0;
}

void
dispatch_free(struct dispatch *d)
{
	struct prov_rt *rt;
	struct outmsg *om;

	if (d == NULL)
		return;
	io_stop(d);
	drop_all(d);
	/* Normally none: the loop stops once every verdict was recorded. */
	while ((om = TAILQ_FIRST(&d->verdicts)) != NULL) {
		TAILQ_REMOVE(&d->verdicts, om, entry);
		outmsg_free(om);
	}
	while (d->npool > 0)
		curl_easy_cleanup(d->pool[--d->npool]);
	curl_multi_cleanup(d->multi);
	event_free(d->timer);
	event_free(d->io_ev);
	event_free(d->loop_ev);
	event_base_free(d->iobase);
	close(d->io_fd);
	close(d->loop_fd);
	while ((rt = LIST_FIRST(&d->rts)) != NULL) {
		LIST_REMOVE(rt, entry);
		free(rt->name);
		free(rt);
	}
	pthread_mutex_destroy(&d->mu);
	free(d);
}

/*
 * How many more messages of PC may be claimed now.  Up to max_inflight
 * are in flight and more wait, already claimed, so a freed slot is
 * refilled at once instead of after another transaction; a claim is then
 * one commit for many messages.  The waiting ones must last the I/O
 * thread through the loop's next commit (some 30 to 60 messages at full
 * speed here), so there are up to 64 of them, but no more than four per
 * slot: a slow provider's claimed messages would only wait long in the
 * state sending.  The token bucket bounds it too.  If
 * the bucket alone says no, *WAIT_MS is how long until a token is back;
 * otherwise it is -1 (wait for a completion).
 */
int
dispatch_capacity(struct dispatch *d, const struct provider_conf *pc,
    int64_t now_ms, int64_t *wait_ms)
{
	struct prov_rt *rt;
	int cap, wait;

	lock(d);
	rt = rt_get(d, pc->name);
	wait = 4 * pc->max_inflight < WAITING_MAX ? 4 * pc->max_inflight :
	    WAITING_MAX;
	if (wait < pc->max_inflight)
		wait = pc->max_inflight;
	cap = pc->max_inflight + wait - rt->inflight - rt->nwaiting;
	*wait_ms = -1;
	/* Paused: its messages are only moved on, no request is made. */
	if (cap <= 0 || rt_paused(rt, now_ms) || pc->rate <= 0) {
		unlock(d);
		return cap > 0 ? cap : 0;
	}
	if (rt->tokens < 0 || rt->tokens > pc->burst) {
		rt->tokens = pc->burst;
		rt->refill_ms = now_ms;
	}
	rt->tokens += (double)(now_ms - rt->refill_ms) * pc->rate / 1000.0;
	if (rt->tokens > pc->burst)
		rt->tokens = pc->burst;
	rt->refill_ms = now_ms;
	if (rt->tokens < 1.0) {
		*wait_ms = (int64_t)((1.0 - rt->tokens) * 1000.0 / pc->rate) +
		    1;
		cap = 0;
	} else if ((double)cap > rt->tokens)
		cap = (int)rt->tokens;
	unlock(d);
	return cap;
}

/* Spends N tokens of PC's bucket. */
void
dispatch_take(struct dispatch *d, const struct provider_conf *pc, int n)
{
	struct prov_rt *rt;

	lock(d);
	rt = rt_get(d, pc->name);
	if (pc->rate > 0 && !rt_paused(rt, clock_now_ms()))
		rt->tokens -= n;
	unlock(d);
}

/*
 * Requests on the wire, claimed messages waiting for a slot, and
 * verdicts not yet handed back to the loop.
 */
int
dispatch_inflight(struct dispatch *d)
{
	int n;

	lock(d);
	n = d->inflight + d->nwaiting + d->ndone;
	unlock(d);
	return n;
}

/* On the loop: hands every verdict waiting to the done callback. */
void
dispatch_collect(struct dispatch *d)
{
	struct outmsg_list got;
	struct outmsg *om;

	TAILQ_INIT(&got);
	lock(d);
	TAILQ_CONCAT(&got, &d->verdicts, entry);
	d->ndone = 0;
	unlock(d);
	while ((om = TAILQ_FIRST(&got)) != NULL) {
		TAILQ_REMOVE(&got, om, entry);
		d->done(d->arg, om);
	}
}

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

/* On the I/O thread: queues OM's verdict for the loop. */
static void
report_now(struct dispatch *d, struct outmsg *om)
{
	int first;

	om->latency_ms = clock_now_ms() - om->started_ms;
	lock(d);
	first = d->ndone++ == 0;
	TAILQ_INSERT_TAIL(&d->verdicts, om, entry);
	unlock(d);
	if (first)
		poke(d->loop_fd);
}

/*
 * Starts one attempt.  Local providers deliver at once, on the loop;
 * HTTP providers' messages go to the I/O thread, which builds the request
 * and hands it to curl.  Either way the verdict comes back through the
 * done callback, on the loop.
 */
void
dispatch_start(struct dispatch *d, struct outmsg *om)
{
	const struct provider_conf *pc = om->pc;
	struct prov_rt *rt;
	int first;

	om->started_ms = clock_now_ms();
	om->res.retry_after = -1;
	if (pc->ops->deliver != NULL) {
		pc->ops->deliver(pc, &om->pm, &om->res);
		om->latency_ms = clock_now_ms() - om->started_ms;
		d->done(d->arg, om);
		return;
	}
	lock(d);
	rt = rt_get(d, pc->name);
	rt->nwaiting++;
	d->nwaiting++;
	first = TAILQ_EMPTY(&d->handed);
	TAILQ_INSERT_TAIL(&d->handed, om, entry);
	unlock(d);
	if (first)
		poke(d->io_fd);
}

/* On the I/O thread: starts a message handed over, or lets it wait. */
static void
io_start(struct dispatch *d, struct outmsg *om)
{
	const struct provider_conf *pc = om->pc;
	struct prov_rt *rt;

	lock(d);
	rt = rt_get(d, pc->name);
	/* A token refresh still goes: it may be what shows the fix. */
	if (!om->is_refresh && rt_paused(rt, om->started_ms)) {
		rt->nwaiting--;
		d->nwaiting--;
		prov_result_set(&om->res, PROV_NEXT_CHANNEL, "provider %s is "
		    "paused: %s", pc->name, rt->pause_why);
		unlock(d);
		report_now(d, om);
		return;
	}
	/* A refresh never waits behind the messages that need it. */
	if (rt->inflight >= pc->max_inflight && !om->is_refresh) {
		TAILQ_INSERT_TAIL(&rt->waiting, om, entry);
		unlock(d);
		return;
	}
	/* Counted in flight before its request is built: no over-claim. */
	rt->nwaiting--;
	d->nwaiting--;
	rt->inflight++;
	d->inflight++;
	unlock(d);
	start_http(d, om, rt);
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
 * Builds the request of OM, already counted in flight on RT, and hands
 * it to curl.
 */
static void
start_http(struct dispatch *d, struct outmsg *om, struct prov_rt *rt)
{
	const struct provider_conf *pc = om->pc;
	const struct provider_ops *ops = pc->ops;
	struct transfer *t;
	char err[256];
	int i;

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
		lock(d);
		rt->inflight--;
		d->inflight--;
		unlock(d);
		report_now(d, om);
		return;
	}
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
	t->rt = rt;
	TAILQ_INSERT_TAIL(&d->transfers, t, entry);
	if (curl_multi_add_handle(d->multi, t->easy) != CURLM_OK) {
		prov_result_set(&om->res, PROV_RETRY, "curl refused handle");
		finish(t, 1);
	}
}

/* Removes a transfer; with REPORT, hands its verdict to the scheduler. */
static void
finish(struct transfer *t, int report)
{
	struct dispatch *d = t->d;
	struct outmsg *om = t->om, *next = NULL;
	struct prov_rt *rt = t->rt;

	curl_multi_remove_handle(d->multi, t->easy);
	if (d->npool < POOL_MAX) {
		curl_easy_reset(t->easy);
		d->pool[d->npool++] = t->easy;
	} else
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->hdrs);
	curl_slist_free_all(t->rcpt);
	http_req_free(&t->req);
	free(t->resp);
	TAILQ_REMOVE(&d->transfers, t, entry);
	free(t);
	lock(d);
	rt->inflight--;
	d->inflight--;
	/* The freed slot goes to the next claimed message, if any. */
	if (report && (next = TAILQ_FIRST(&rt->waiting)) != NULL &&
	    rt->inflight < next->pc->max_inflight) {
		TAILQ_REMOVE(&rt->waiting, next, entry);
		rt->nwaiting--;
		d->nwaiting--;
		rt->inflight++;
		d->inflight++;
	} else
		next = NULL;
	unlock(d);
	if (report)
		report_now(d, om);
	else
		outmsg_free(om);
	if (next != NULL) {
		next->started_ms = clock_now_ms();
		start_http(d, next, rt);
	}
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
 * SMTP reply, the HTTP status line) go to the provider with the answer;
 * a config failure pauses the provider, whoever classified it.
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
	if (!om->is_refresh && om->res.outcome == PROV_CONFIG) {
		lock(t->d);
		rt_pause(t->rt, om);
		unlock(t->d);
	}
	finish(t, 1);
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

/* With the I/O thread stopped: drops what it held, returns how many. */
static int
drop_all(struct dispatch *d)
{
	struct transfer *t;
	struct prov_rt *rt;
	struct outmsg *om;
	int n = 0;

	while ((t = TAILQ_FIRST(&d->transfers)) != NULL) {
		finish(t, 0);
		n++;
	}
	lock(d);
	LIST_FOREACH(rt, &d->rts, entry)
		while ((om = TAILQ_FIRST(&rt->waiting)) != NULL) {
			TAILQ_REMOVE(&rt->waiting, om, entry);
			outmsg_free(om);
			rt->nwaiting--;
			d->nwaiting--;
			n++;
		}
	while ((om = TAILQ_FIRST(&d->handed)) != NULL) {
		TAILQ_REMOVE(&d->handed, om, entry);
		rt_get(d, om->pc->name)->nwaiting--;
		d->nwaiting--;
		outmsg_free(om);
		n++;
	}
	unlock(d);
	return n;
}

/*
 * Drops every transfer still in flight without a verdict, and every
 * claimed message still waiting for a slot: at shutdown after the grace
 * period.  Their messages stay MSG_SENDING in the database and are resent,
 * in doubt, at the next start (the waiting ones never left, so for them
 * the resend is the first send).  The I/O thread is stopped first, and
 * the verdicts it reached go to the done callback, to be recorded.
 * Returns how many were dropped.
 */
int
dispatch_abandon(struct dispatch *d)
{
	io_stop(d);
	dispatch_collect(d);
	return drop_all(d);
}
