/*
 * sched.c: the scheduler's wake-up (tick), job firing, the recording of
 * attempt outcomes and the arming of the one timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "backoff.h"
#include "clock.h"
#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "fire.h"
#include "outmsg.h"
#include "plan.h"
#include "provider.h"
#include "sched.h"
#include "store.h"
#include "tmpl.h"
#include "tztime.h"
#include "xmalloc.h"

static void	tick(evutil_socket_t, short, void *);
static void	arm(struct sched *, int64_t now_ms, int more);
static void	on_done(void *, struct outmsg *);

struct sched *
sched_new(struct event_base *base, struct store *store, struct config *conf)
{
	struct sched *s = xcalloc(1, sizeof(*s));

	s->base = base;
	s->store = store;
	config_ref(conf);
	s->conf = conf;
	s->next_wake_ms = -1;
	TAILQ_INIT(&s->results);
	s->disp = dispatch_new(base, on_done, s);
	if ((s->timer = evtimer_new(base, tick, s)) == NULL ||
	    (s->kick_ev = event_new(base, -1, 0, tick, s)) == NULL)
		fatalx("cannot create scheduler events");
	return s;
}

void
sched_free(struct sched *s)
{
	struct outmsg *om;

	if (s == NULL)
		return;
	dispatch_free(s->disp);
	while ((om = TAILQ_FIRST(&s->results)) != NULL) {
		TAILQ_REMOVE(&s->results, om, entry);
		outmsg_free(om);
	}
	event_free(s->timer);
	event_free(s->kick_ev);
	config_unref(s->conf);
	free(s);
}

/* Runs a tick on the next loop turn; many kicks in one turn make one. */
void
sched_kick(struct sched *s)
{
	event_active(s->kick_ev, 0, 0);
}

/* Takes a new config (reload); attempts in flight keep their old one. */
void
sched_set_config(struct sched *s, struct config *conf)
{
	config_ref(conf);
	config_unref(s->conf);
	s->conf = conf;
	sched_kick(s);
}

/* No new jobs or sends from now on; outcomes are still recorded. */
void
sched_stop(struct sched *s)
{
	s->stopping = 1;
	evtimer_del(s->timer);
	sched_kick(s);
}

/* True when nothing is in flight and no outcome waits to be recorded. */
int
sched_idle(struct sched *s)
{
	return dispatch_inflight(s->disp) == 0 && TAILQ_EMPTY(&s->results);
}

static void
on_done(void *arg, struct outmsg *om)
{
	struct sched *s = arg;

	TAILQ_INSERT_TAIL(&s->results, om, entry);
	sched_kick(s);
}

static void
next_channel_cb(void *arg, const struct msg_row *m)
{
	struct recipient *r = arg;

	r->id = m->channel;
	r->name = xstrdup(m->policy);
	r->fields[0] = fire_dup(m->phone);
	r->fields[1] = fire_dup(m->zalo);
	r->fields[2] = fire_dup(m->email);
	r->fields[3] = fire_dup(m->telegram);
}

/* Moves a message to its policy's next usable channel: 1 moved, 0 none. */
static int
next_channel(struct sched *s, struct outmsg *om, time_t now)
{
	struct recipient r;
	const struct policy *p;
	const char *addr;
	int ch, rc = 0, i;

	memset(&r, 0, sizeof(r));
	if (store_msg_get(s->store, om->pm.id, next_channel_cb, &r) != 1)
		return 0;
	if ((p = config_policy(s->conf, r.name)) != NULL &&
	    (ch = fire_pick_channel(s->conf, p, &r, om->channel + 1,
	    &addr)) !=
	    -1) {
		rc = store_msg_switch(s->store, om->pm.id, ch, p->channels[ch],
		    addr, now) == 0;
		if (rc)
			log_info("message %lld: %s cannot reach %s (%s); "
			    "trying %s", (long long)om->pm.id, om->pc->name,
			    om->pm.contact_name, om->res.reason,
			    p->channels[ch]);
	}
	free(r.name);
	for (i = 0; i < 4; i++)
		free(r.fields[i]);
	return rc;
}

/*
 * Records one attempt's outcome; the caller holds the transaction.  Retry
 * times count from NOW rounded up to the next second, so a Retry-After of
 * N seconds is never cut short by the stored times being whole seconds.
 */
static int
record(struct sched *s, struct outmsg *om, int64_t now_ms)
{
	time_t now = (time_t)(now_ms / 1000);
	time_t now_up = (time_t)((now_ms + 999) / 1000);
	const struct provider_conf *pc = om->pc;
	struct prov_result *r = &om->res;
	time_t next;
	char why[300];

	switch (r->outcome) {
	case PROV_OK:
		s->stats.msgs_sent++;
		log_debug("message %lld sent via %s in %lld ms",
		    (long long)om->pm.id, pc->name, (long long)om->latency_ms);
		return store_msg_update(s->store, om->pm.id, "sent", now,
		    NULL, r->provider_id[0] ? r->provider_id : NULL, now);
	case PROV_NEXT_CHANNEL:
		if (next_channel(s, om, now))
			return 0;
		snprintf(why, sizeof(why), "%s; no further channel",
		    r->reason);
		goto failed;
	case PROV_FAIL:
		snprintf(why, sizeof(why), "%s", r->reason);
failed:
		s->stats.msgs_failed++;
		log_warnx("message %lld to %s via %s failed: %s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why);
		if (store_event(s->store, "failed", om->pm.occurrence_id,
		    om->pm.id, why, now) == -1)
			return -1;
		return store_msg_update(s->store, om->pm.id, "failed", now,
		    why, NULL, now);
	case PROV_RETRY:
	case PROV_REAUTH:
		if (backoff_next(now_up, om->created_at, om->pm.attempts,
		    r->retry_after, pc->retry_base, pc->retry_max,
		    pc->max_lifetime, arc4random(), &next)) {
			s->stats.msgs_retried++;
			log_info("message %lld via %s: %s; retry %d in %llds",
			    (long long)om->pm.id, pc->name, r->reason,
			    om->pm.attempts + 1, (long long)(next - now));
			return store_msg_update(s->store, om->pm.id, "queued",
			    next, r->reason, NULL, now);
		}
		s->stats.msgs_dead++;
		snprintf(why, sizeof(why), "%s; gave up after %d attempts "
		    "(max_lifetime %llds)", r->reason, om->pm.attempts,
		    (long long)pc->max_lifetime);
		log_error("message %lld to %s via %s is dead: %s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why);
		if (store_event(s->store, "dead", om->pm.occurrence_id,
		    om->pm.id, why, now) == -1)
			return -1;
		return store_msg_update(s->store, om->pm.id, "dead", now, why,
		    NULL, now);
	}
	return 0;
}

struct expand_ctx {
	struct sched	*s;
	time_t		 now;
	int		 failed;
};

/* Plans the next occurrences of one recurring task. */
static void
expand_cb(void *arg, const struct expand_row *row)
{
	struct expand_ctx *ec = arg;
	struct sched *s = ec->s;
	const struct policy *p;
	int created;

	if (ec->failed)
		return;
	if ((p = config_policy(s->conf, row->policy)) == NULL)
		p = config_policy(s->conf, s->conf->default_policy);
	if (plan_expand(s->store, p, s->conf->calendar, row, ec->now, 0,
	    &created) == -1) {
		ec->failed = 1;
		return;
	}
	if (created > 0)
		log_info("task %lld: %d occurrence(s) planned ahead",
		    (long long)row->id, created);
}

struct claim_ctx {
	struct sched	*s;
	const struct provider_conf *pc;
	struct outmsg_list *list;
};

static void
claim_cb(void *arg, const struct msg_row *m)
{
	struct claim_ctx *cc = arg;
	struct outmsg *om = outmsg_new(m, cc->s->conf, cc->pc);

	TAILQ_INSERT_TAIL(cc->list, om, entry);
}

/*
 * One wake-up.  Everything it changes is committed together; the
 * requests for claimed messages start only after that COMMIT, so a
 * message is never on the wire without "sending" being durable first.
 */
static void
tick(evutil_socket_t fd, short what, void *arg)
{
	struct sched *s = arg;
	struct outmsg_list claimed;
	struct outmsg *om;
	struct provider_conf *pc;
	struct fire_ctx fc;
	int64_t now_ms = clock_now_ms(), wait;
	time_t now = (time_t)(now_ms / 1000);
	int more = 0, more_exp = 0, budget, cap, n, nres = 0;

	s->last_tick_ms = now_ms;
	TAILQ_INIT(&claimed);
	if (TAILQ_EMPTY(&s->results) && s->stopping) {
		if (sched_idle(s))
			event_base_loopbreak(s->base);
		return;
	}
	if (store_begin(s->store) == -1)
		goto fail;
	TAILQ_FOREACH(om, &s->results, entry) {
		if (record(s, om, now_ms) == -1)
			goto fail;
		nres++;
	}
	if (!s->stopping) {
		struct expand_ctx ec = { s, now, 0 };

		/* New periods first, so their due jobs fire in this tick. */
		if ((n = store_tasks_to_expand(s->store, now, s->conf->batch,
		    expand_cb, &ec)) == -1 || ec.failed)
			goto fail;
		if (n == s->conf->batch)
			more_exp = 1;
		fire_ctx_init(&fc, s->store, s->conf, &s->stats, now, 0);
		n = store_jobs_due(s->store, now, s->conf->batch, fire_job, &fc,
		    &more);
		fire_ctx_done(&fc);
		if (n == -1)
			goto fail;
		budget = s->conf->batch;
		TAILQ_FOREACH(pc, &s->conf->providers, entry) {
			cap = dispatch_capacity(s->disp, pc, now_ms, &wait);
			if (cap > budget)
				cap = budget;
			if (cap <= 0)
				continue;
			struct claim_ctx cc = { s, pc, &claimed };
			if ((n = store_msgs_claim(s->store, pc->name, now, cap,
			    claim_cb, &cc)) == -1)
				goto fail;
			dispatch_take(s->disp, pc, n);
			budget -= n;
			if (n == cap && budget == 0)
				more = 1;
		}
	}
	if (store_commit(s->store) == -1)
		goto fail;
	s->stats.commits++;
	while ((om = TAILQ_FIRST(&s->results)) != NULL) {
		TAILQ_REMOVE(&s->results, om, entry);
		outmsg_free(om);
	}
	while ((om = TAILQ_FIRST(&claimed)) != NULL) {
		TAILQ_REMOVE(&claimed, om, entry);
		dispatch_start(s->disp, om);
	}
	if (s->stopping) {
		if (sched_idle(s))
			event_base_loopbreak(s->base);
		return;
	}
	arm(s, now_ms, more || more_exp);
	return;
fail:
	/*
	 * Nothing of this tick is kept: outcomes stay in memory to be
	 * recorded next time, claimed messages stay queued in the database.
	 */
	s->stats.store_errors++;
	log_warnx("store: %s; retrying in 1s", store_error(s->store));
	store_rollback(s->store);
	while ((om = TAILQ_FIRST(&claimed)) != NULL) {
		TAILQ_REMOVE(&claimed, om, entry);
		outmsg_free(om);
	}
	if (nres > 0 || !s->stopping) {
		struct timeval tv = { 1, 0 };
		evtimer_add(s->timer, &tv);
	}
}

/* Arms the one timer at the earliest moment anything becomes due. */
static void
arm(struct sched *s, int64_t now_ms, int more)
{
	struct provider_conf *pc;
	struct timeval tv;
	int64_t when = -1, wait, t_ms;
	time_t t;

	if (more)
		when = now_ms;
	if (when == -1 && store_next_job_at(s->store, &t) == 1)
		when = (int64_t)t * 1000;
	if (store_next_expand_at(s->store, &t) == 1 &&
	    (when == -1 || (int64_t)t * 1000 < when))
		when = (int64_t)t * 1000;
	TAILQ_FOREACH(pc, &s->conf->providers, entry) {
		if (store_next_msg_at(s->store, pc->name, &t) != 1)
			continue;
		t_ms = (int64_t)t * 1000;
		if (dispatch_capacity(s->disp, pc, now_ms, &wait) <= 0) {
			if (wait < 0)
				continue;	/* a completion will kick us */
			if (t_ms < now_ms + wait)
				t_ms = now_ms + wait;
		}
		if (when == -1 || t_ms < when)
			when = t_ms;
	}
	s->next_wake_ms = when;
	if (when == -1) {
		evtimer_del(s->timer);
		log_debug("nothing due; sleeping until woken");
		return;
	}
	if (when < now_ms)
		when = now_ms;
	tv.tv_sec = (when - now_ms) / 1000;
	tv.tv_usec = ((when - now_ms) % 1000) * 1000;
	evtimer_add(s->timer, &tv);
}

/* Records outcomes still waiting; used on the way out of the loop. */
void
sched_flush(struct sched *s)
{
	if (!TAILQ_EMPTY(&s->results))
		tick(-1, 0, s);
}
