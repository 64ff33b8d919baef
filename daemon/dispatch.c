/*
 * dispatch.c: the dispatcher as the daemon's loop sees it, and the I/O
 * thread that runs its transfers (transfer.c).
 *
 * Per provider (by name, so the counts survive a reload) we keep how many
 * requests are in flight and a token bucket; the scheduler asks
 * dispatch_capacity() before it claims messages for a provider, which is
 * what keeps one slow provider from holding up another.
 *
 * The transfers run on a thread of their own with its own event base, so
 * that the kernel's work of sending requests goes on while the daemon's
 * loop waits for a commit's fdatasync or runs the store's statements: on
 * one core the loop did both in turn.  The loop builds each request and
 * hands it over (dispatch_start) and gets verdicts back (the done
 * callback, always on the loop's thread), each way through a list under
 * one mutex and an eventfd that wakes the other side when its list stops
 * being empty.  The counts that dispatch_capacity reads are under the
 * same mutex; curl, its sockets, its timer and the transfers in it belong
 * to the thread alone.  Providers' build and classify are pure functions
 * of the config, which an attempt holds a reference to.
 *
 * A failure that says the provider cannot work as configured (TLS, its
 * certificate or hostname, STARTTLS refused, a login refused, a name that
 * does not resolve) is not retried: waiting does not fix a config.  It is
 * classified once for every provider (transfer.c), and here the message
 * goes to its next channel, one alert is raised, and the provider is
 * paused, its claimed messages moved on at once, until a reload or
 * tls_retry has passed.
 */
#include <sys/eventfd.h>
#include <sys/queue.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "dispatch-int.h"
#include "log.h"
#include "outmsg.h"
#include "provider.h"
#include "xmalloc.h"

#define WAITING_MAX	64	/* claimed beyond max_inflight, at most */

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

/* On the I/O thread: queues OM's verdict for the loop. */
static void
report(struct dispatch *d, struct outmsg *om)
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

/* On the I/O thread: starts a transfer handed over, or lets it wait. */
static void
io_start(struct dispatch *d, struct transfer *t)
{
	struct outmsg *om = t->om;
	struct prov_rt *rt = t->rt;

	lock(d);
	/* A token refresh still goes: it may be what shows the fix. */
	if (!om->is_refresh && rt_paused(rt, om->started_ms)) {
		rt->nwaiting--;
		d->nwaiting--;
		prov_result_set(&om->res, PROV_NEXT_CHANNEL, "provider %s is "
		    "paused: %s", om->pc->name, rt->pause_why);
		unlock(d);
		transfer_free(t);
		report(d, om);
		return;
	}
	/* A refresh never waits behind the messages that need it. */
	if (rt->inflight >= om->pc->max_inflight && !om->is_refresh) {
		TAILQ_INSERT_TAIL(&rt->waiting, t, entry);
		unlock(d);
		return;
	}
	rt->nwaiting--;
	d->nwaiting--;
	rt->inflight++;
	d->inflight++;
	unlock(d);
	transfer_start(t);
}

/* On the I/O thread: transfers handed over, or the word to stop. */
static void
io_wake(evutil_socket_t fd, short what, void *arg)
{
	struct dispatch *d = arg;
	struct transfer_list in;
	struct transfer *t;
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
	while ((t = TAILQ_FIRST(&in)) != NULL) {
		TAILQ_REMOVE(&in, t, entry);
		io_start(d, t);
	}
}

/*
 * On the I/O thread: T ended, its verdict in its message; with REPORT it
 * goes to the loop, else the message is dropped (at shutdown).  A config
 * failure pauses the provider, whoever classified it.
 */
void
dispatch_ended(struct transfer *t, int report_it)
{
	struct dispatch *d = t->d;
	struct outmsg *om = t->om;
	struct prov_rt *rt = t->rt;
	struct transfer *next = NULL;

	transfer_free(t);
	lock(d);
	if (report_it && !om->is_refresh && om->res.outcome == PROV_CONFIG)
		rt_pause(rt, om);
	rt->inflight--;
	d->inflight--;
	/* The freed slot goes to the next claimed message, if any. */
	if (report_it && (next = TAILQ_FIRST(&rt->waiting)) != NULL &&
	    rt->inflight < next->om->pc->max_inflight) {
		TAILQ_REMOVE(&rt->waiting, next, entry);
		rt->nwaiting--;
		d->nwaiting--;
		rt->inflight++;
		d->inflight++;
	} else
		next = NULL;
	unlock(d);
	if (report_it)
		report(d, om);
	else
		outmsg_free(om);
	if (next != NULL) {
		next->om->started_ms = clock_now_ms();
		transfer_start(next);
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
	TAILQ_INIT(&d->handed);
	TAILQ_INIT(&d->verdicts);
	if (pthread_mutex_init(&d->mu, NULL) != 0)
		fatalx("dispatch: cannot create a mutex");
	if ((d->io_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1 ||
	    (d->loop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1)
		fatal("dispatch: eventfd");
	if ((d->iobase = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	transfer_init(d);
	if ((d->io_ev = event_new(d->iobase, d->io_fd, EV_READ | EV_PERSIST,
	    io_wake, d)) == NULL ||
	    (d->loop_ev = event_new(base, d->loop_fd, EV_READ | EV_PERSIST,
	    loop_wake, d)) == NULL)
		fatalx("dispatch: cannot create events");
	event_add(d->io_ev, NULL);
	event_add(d->loop_ev, NULL);
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

/* With the I/O thread stopped: drops what it held, returns how many. */
static int
drop_all(struct dispatch *d)
{
	struct transfer *t;
	struct prov_rt *rt;
	int n = 0;

	while ((t = TAILQ_FIRST(&d->transfers)) != NULL) {
		dispatch_ended(t, 0);
		n++;
	}
	lock(d);
	LIST_FOREACH(rt, &d->rts, entry)
		while ((t = TAILQ_FIRST(&rt->waiting)) != NULL) {
			TAILQ_REMOVE(&rt->waiting, t, entry);
			TAILQ_INSERT_TAIL(&d->handed, t, entry);
		}
	while ((t = TAILQ_FIRST(&d->handed)) != NULL) {
		TAILQ_REMOVE(&d->handed, t, entry);
		t->rt->nwaiting--;
		d->nwaiting--;
		outmsg_free(t->om);
		transfer_free(t);
		n++;
	}
	unlock(d);
	return n;
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
	transfer_cleanup(d);
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

/* On the loop: T goes to the I/O thread, counted as waiting for a slot. */
static void
hand_over(struct dispatch *d, struct transfer *t)
{
	int first;

	lock(d);
	t->rt = rt_get(d, t->om->pc->name);
	t->rt->nwaiting++;
	d->nwaiting++;
	first = TAILQ_EMPTY(&d->handed);
	TAILQ_INSERT_TAIL(&d->handed, t, entry);
	unlock(d);
	if (first)
		poke(d->io_fd);
}

/*
 * Starts one attempt.  Local providers deliver at once, on the loop.
 * For HTTP providers the request is built here, on the loop, and handed
 * to the I/O thread.  Either way the verdict comes back through the
 * done callback, on the loop; so does a request that cannot be built.
 */
void
dispatch_start(struct dispatch *d, struct outmsg *om)
{
	const struct provider_conf *pc = om->pc;
	struct transfer *t;

	om->started_ms = clock_now_ms();
	om->res.retry_after = -1;
	if (pc->ops->deliver != NULL)
		pc->ops->deliver(pc, &om->pm, &om->res);
	else if ((t = transfer_new(d, om)) != NULL) {
		hand_over(d, t);
		return;
	}
	om->latency_ms = clock_now_ms() - om->started_ms;
	d->done(d->arg, om);
}
