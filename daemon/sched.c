/*
 * sched.c: the scheduler's wake-up (tick), job firing, the recording of
 * attempt outcomes and the arming of the one timer.  What it shares with
 * the rest of the loop (store, config, dispatcher, tokens, counters) is
 * the daemon's context, struct nvd.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "backoff.h"
#include "clock.h"
#include "config.h"
#include "auth.h"
#include "digest.h"
#include "dispatch.h"
#include "fallback.h"
#include "log.h"
#include "fire.h"
#include "outmsg.h"
#include "plan.h"
#include "provider.h"
#include "nvd.h"
#include "sched.h"
#include "store.h"
#include "tmpl.h"
#include "tztime.h"
#include "xmalloc.h"

static void	tick(evutil_socket_t, short, void *);
static void	arm(struct sched *, int64_t now_ms, int more);
static void	on_done(void *, struct outmsg *);

struct sched *
sched_new(struct nvd *d)
{
	struct sched *s = xcalloc(1, sizeof(*s));

	s->d = d;
	s->next_wake_ms = -1;
	s->dirty = 1;
	s->next_due_ms = 0;
	TAILQ_INIT(&s->results);
	d->disp = dispatch_new(d->base, on_done, s);
	if ((s->timer = evtimer_new(d->base, tick, s)) == NULL ||
	    (s->kick_ev = event_new(d->base, -1, 0, tick, s)) == NULL)
		fatalx("cannot create scheduler events");
	return s;
}

void
sched_free(struct sched *s)
{
	struct outmsg *om;

	if (s == NULL)
		return;
	dispatch_free(s->d->disp);
	s->d->disp = NULL;
	while ((om = TAILQ_FIRST(&s->results)) != NULL) {
		TAILQ_REMOVE(&s->results, om, entry);
		outmsg_free(om);
	}
	event_free(s->timer);
	event_free(s->kick_ev);
	free(s);
}

/* Runs a tick on the next loop turn; many kicks in one turn make one. */
void
sched_kick(struct sched *s)
{
	s->dirty = 1;	/* the database may have changed under us */
	event_active(s->kick_ev, 0, 0);
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
	return dispatch_inflight(s->d->disp) == 0 && TAILQ_EMPTY(&s->results);
}

static void
on_done(void *arg, struct outmsg *om)
{
	struct sched *s = arg;

	TAILQ_INSERT_TAIL(&s->results, om, entry);
	/* Only outcomes to record: no need to look for new jobs. */
	event_active(s->kick_ev, 0, 0);
}

/*
 * Records one attempt's outcome; the caller holds the transaction.  The
 * next attempt is stored to the millisecond, counted from NOW_MS (after
 * the answer came), so a Retry-After of N seconds means N.0 s, never less.
 */
static int
record(struct sched *s, struct outmsg *om, int64_t now_ms)
{
	const struct provider_conf *pc = om->pc;
	struct prov_result *r = &om->res;
	time_t next;
	char why[300];
	int fb;
	time_t now = (time_t)(now_ms / 1000);

	if (om->is_refresh)
		return auth_refreshed(s->d, om, now);
	if (om->is_direct) {
		log_info("answer to %s via %s: %s%s%s", om->pm.address,
		    pc->name, prov_outcome_name(r->outcome),
		    r->reason[0] ? ": " : "", r->reason);
		return 0;
	}
	/* Answers only: a message never sent (no token, moved on) has none. */
	if (om->status != 0 || r->outcome == PROV_OK)
		latency_observe(&s->d->latency, pc->name, om->latency_ms);
	if (r->notice[0] != '\0')
		log_warnx("provider %s: %s", pc->name, r->notice);
	if (r->alert) {
		log_error("ALERT message %lld via %s: %s", (long long)om->pm.id,
		    pc->name, r->reason);
		if (store_event(s->d->store, EV_ALERT, om->pm.occurrence_id,
		    om->pm.id, r->reason, now) == -1)
			return -1;
	}
	if (r->outcome == PROV_REAUTH && pc->auth != NULL)
		auth_get(s->d, pc->auth->name)->reauth = 1;
	switch (r->outcome) {
	case PROV_OK:
		s->d->stats.msgs_sent++;
		log_debug("message %lld sent via %s in %lld ms",
		    (long long)om->pm.id, pc->name, (long long)om->latency_ms);
		/* Most outcomes: recorded a batch at a time, one statement. */
		if (!om->is_digest && r->provider_id[0] == '\0') {
			s->sent[s->nsent++] = om->pm.id;
			if (s->nsent < STORE_SENT_BATCH)
				return 0;
			s->nsent = 0;
			return store_msgs_sent(s->d->store, s->sent,
			    STORE_SENT_BATCH, now_ms, now);
		}
		return store_msg_update(s->d->store, om->pm.id, MSG_SENT, now_ms,
		    NULL, r->provider_id[0] ? r->provider_id : NULL, now);
	case PROV_NEXT_CHANNEL:
	case PROV_CONFIG:
	case PROV_FAIL:
		/* This message ends here; the next channel gets a linked one. */
		snprintf(why, sizeof(why), "%s", r->reason);
		if (store_msg_update(s->d->store, om->pm.id, MSG_FAILED, now_ms,
		    why, NULL, now) == -1 ||
		    (fb = fallback_queue(s->d, om->pm.id, why, now)) == -1)
			return -1;
		if (fb == 1 && r->outcome != PROV_FAIL)
			return 0;
		s->d->stats.msgs_failed++;
		log_warnx("message %lld to %s via %s failed: %s%s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why,
		    fb ? "" : "; no further channel");
		return store_event(s->d->store, EV_FAILED, om->pm.occurrence_id,
		    om->pm.id, why, now);
	case PROV_RETRY:
	case PROV_REAUTH:
		if (backoff_next(now, om->created_at, om->pm.attempts,
		    r->retry_after, pc->retry_base, pc->retry_max,
		    pc->max_lifetime, arc4random(), &next)) {
			s->d->stats.msgs_retried++;
			log_info("message %lld via %s: %s; retry %d in %llds",
			    (long long)om->pm.id, pc->name, r->reason,
			    om->pm.attempts + 1, (long long)(next - now));
			return store_msg_update(s->d->store, om->pm.id,
			    MSG_QUEUED, now_ms + (int64_t)(next - now) * 1000,
			    r->reason, NULL, now);
		}
		s->d->stats.msgs_dead++;
		snprintf(why, sizeof(why), "%s; gave up after %d attempts "
		    "(max_lifetime %llds)", r->reason, om->pm.attempts,
		    (long long)pc->max_lifetime);
		log_error("message %lld to %s via %s is dead: %s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why);
		if (store_event(s->d->store, EV_DEAD, om->pm.occurrence_id,
		    om->pm.id, why, now) == -1 ||
		    store_msg_update(s->d->store, om->pm.id, MSG_DEAD, now_ms,
		    why, NULL, now) == -1)
			return -1;
		/* Out of time on this channel: the next one may still reach. */
		return fallback_queue(s->d, om->pm.id, why, now) == -1 ? -1 : 0;
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
	if ((p = config_policy(s->d->conf, row->policy)) == NULL)
		p = config_policy(s->d->conf, s->d->conf->default_policy);
	if (plan_expand(s->d->store, p, s->d->conf->calendar, row, ec->now, 0,
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
	const char	*access;	/* OAuth providers' token, or NULL */
	int		 dead;		/* provider unusable: move them on */
};

static void
claim_cb(void *arg, const struct msg_row *m)
{
	struct claim_ctx *cc = arg;
	struct outmsg *om = outmsg_new(m, cc->s->d->conf, cc->pc);

	if (cc->access != NULL)
		om->pm.access_token = om->strs[om->nstrs++] =
		    xstrdup(cc->access);
	if (cc->dead) {
		om->res.retry_after = -1;
		prov_result_set(&om->res, PROV_NEXT_CHANNEL, "provider %s is "
		    "not authorized", cc->pc->name);
		om->is_moved = 1;
	}
	TAILQ_INSERT_TAIL(cc->list, om, entry);
}

/*
 * One wake-up.  Everything it changes is committed together; the
 * requests for claimed messages start only after that COMMIT, so a
 * message is never on the wire without MSG_SENDING being durable first.
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
	int more = 0, more_exp = 0, budget, cap, n, nres = 0, ndig = 0;

	s->last_tick_ms = now_ms;
	TAILQ_INIT(&claimed);
	if (TAILQ_EMPTY(&s->results) && s->stopping) {
		if (sched_idle(s))
			event_base_loopbreak(s->d->base);
		return;
	}
	if (store_begin(s->d->store) == -1)
		goto fail;
	s->nsent = 0;
	TAILQ_FOREACH(om, &s->results, entry) {
		if (record(s, om, now_ms) == -1)
			goto fail;
		nres++;
	}
	if (store_msgs_sent(s->d->store, s->sent, s->nsent, now_ms,
	    now) == -1)
		goto fail;
	s->nsent = 0;
	if (!s->stopping) {
		struct expand_ctx ec = { s, now, 0 };
		/*
		 * Periods and jobs are looked for only when one is due or the
		 * database changed: a wake-up that just records outcomes and
		 * refills slots (most of them, under load) skips both queries.
		 */
		int look = s->dirty || s->more || now_ms >= s->next_due_ms;

		s->dirty = 0;
		/* New periods first, so their due jobs fire in this tick. */
		if (look && ((n = store_tasks_to_expand(s->d->store, now,
		    s->d->conf->batch, expand_cb, &ec)) == -1 || ec.failed))
			goto fail;
		if (look && n == s->d->conf->batch)
			more_exp = 1;
		/* Jobs of occurrences come within reach, early as they fire. */
		if (look && (n = plan_due(s->d->store, s->d->conf, now +
		    digest_lookahead(s->d->conf), s->d->conf->batch)) == -1)
			goto fail;
		if (look && n == s->d->conf->batch)
			more_exp = 1;
		if (look) {
			int64_t fired = s->d->stats.jobs.fired;

			fire_ctx_init(&fc, s->d->store, s->d->conf, &s->d->stats.jobs, now,
			    0);
			/* Early by the digest window, so a digest can gather. */
			n = store_jobs_due(s->d->store, now +
			    digest_lookahead(s->d->conf), s->d->conf->batch,
			    fire_job, &fc, &more);
			fire_ctx_done(&fc);
			if (n == -1 || (s->d->stats.jobs.fired > fired &&
			    digest_gather(s->d->store, s->d->conf, now,
			    &ndig) == -1))
				goto fail;
			if (ndig > 0)
				log_info("%d digest(s) gathered", ndig);
		}
		/* What leaves now says only what still stands now. */
		if (digest_render_due(s->d->store, s->d->conf, now, now) == -1)
			goto fail;
		budget = s->d->conf->batch;
		TAILQ_FOREACH(pc, &s->d->conf->providers, entry) {
			struct claim_ctx cc = { s, pc, &claimed, NULL, 0 };
			int ready = 1;

			if (pc->auth != NULL) {
				if ((ready = auth_ready(s->d, pc->auth, now)) == -2)
					goto fail;
				if (ready == 0)
					continue;
				if (ready == 1)
					cc.access = auth_get(s->d,
					    pc->auth->name)->access;
				cc.dead = ready == -1;
			}
			cap = cc.dead ? budget : dispatch_capacity(s->d->disp, pc,
			    now_ms, &wait);
			if (cap > budget)
				cap = budget;
			if (cap <= 0)
				continue;
			if ((n = store_msgs_claim(s->d->store, pc->name, now_ms,
			    cap,
			    claim_cb, &cc)) == -1)
				goto fail;
			if (!cc.dead)
				dispatch_take(s->d->disp, pc, n);
			budget -= n;
			if (n == cap && budget == 0)
				more = 1;
		}
	}
	if (store_commit(s->d->store) == -1)
		goto fail;
	s->d->stats.commits++;
	while ((om = TAILQ_FIRST(&s->results)) != NULL) {
		TAILQ_REMOVE(&s->results, om, entry);
		outmsg_free(om);
	}
	while ((om = TAILQ_FIRST(&claimed)) != NULL) {
		TAILQ_REMOVE(&claimed, om, entry);
		if (om->is_moved)	/* its provider cannot send: next channel */
			on_done(s, om);
		else
			dispatch_start(s->d->disp, om);
	}
	if (s->stopping) {
		if (sched_idle(s))
			event_base_loopbreak(s->d->base);
		return;
	}
	s->more = more || more_exp;
	arm(s, now_ms, s->more);
	return;
fail:
	s->dirty = 1;
	/*
	 * Nothing of this tick is kept: outcomes stay in memory to be
	 * recorded next time, claimed messages stay queued in the database.
	 */
	s->d->stats.store_errors++;
	log_warnx("store: %s; retrying in 1s", store_error(s->d->store));
	store_rollback(s->d->store);
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
	s->next_due_ms = INT64_MAX;
	if (store_next_job_at(s->d->store, &t) == 1)
		s->next_due_ms = ((int64_t)t - digest_lookahead(s->d->conf)) *
		    1000;
	if (store_next_expand_at(s->d->store, &t) == 1 &&
	    (int64_t)t * 1000 < s->next_due_ms)
		s->next_due_ms = (int64_t)t * 1000;
	if (store_next_plan_at(s->d->store, &t) == 1 &&
	    ((int64_t)t - digest_lookahead(s->d->conf)) * 1000 <
	    s->next_due_ms)
		s->next_due_ms = ((int64_t)t - digest_lookahead(s->d->conf)) *
		    1000;
	if (s->next_due_ms != INT64_MAX && (when == -1 ||
	    s->next_due_ms < when))
		when = s->next_due_ms;
	TAILQ_FOREACH(pc, &s->d->conf->providers, entry) {
		if (store_next_msg_ms(s->d->store, pc->name, &t_ms) != 1)
			continue;
		if (pc->auth != NULL) {
			struct auth *a = auth_get(s->d, pc->auth->name);

			/* A refresh under way kicks us when it ends. */
			if (a->state == AUTH_REFRESHING)
				continue;
			if (a->retry_at * 1000 > t_ms)
				t_ms = a->retry_at * 1000;
		}
		if (dispatch_capacity(s->d->disp, pc, now_ms, &wait) <= 0) {
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
	/* Verdicts the I/O thread reached, not yet handed back, count too. */
	dispatch_collect(s->d->disp);
	if (!TAILQ_EMPTY(&s->results))
		tick(-1, 0, s);
}
