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
#include "reply.h"
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
	s->dirty = 1;
	s->next_due_ms = 0;
	TAILQ_INIT(&s->results);
	LIST_INIT(&s->auths);
	LIST_INIT(&s->latency);
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
	struct auth *a;

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
	latency_free(&s->latency);
	while ((a = LIST_FIRST(&s->auths)) != NULL) {
		LIST_REMOVE(a, entry);
		/* The tokens are secrets: not left behind in freed memory. */
		explicit_bzero(a->access, sizeof(a->access));
		explicit_bzero(a->refresh, sizeof(a->refresh));
		explicit_bzero(a->dead_refresh, sizeof(a->dead_refresh));
		free(a->provider);
		free(a);
	}
	free(s);
}

/* Runs a tick on the next loop turn; many kicks in one turn make one. */
void
sched_kick(struct sched *s)
{
	s->dirty = 1;	/* the database may have changed under us */
	event_active(s->kick_ev, 0, 0);
}

/* Takes a new config (reload); attempts in flight keep their old one. */
void
sched_set_config(struct sched *s, struct config *conf)
{
	config_ref(conf);
	config_unref(s->conf);
	s->conf = conf;
	dispatch_unpause(s->disp);
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
	/* Only outcomes to record: no need to look for new jobs. */
	event_active(s->kick_ev, 0, 0);
}

struct next_ctx {
	struct recipient r;
	int		 channel;
	char		*provider;
	char		*contact;
};

static void
next_channel_cb(void *arg, const struct msg_row *m)
{
	struct next_ctx *nc = arg;

	nc->channel = m->channel;
	nc->provider = xstrdup(m->provider);
	nc->contact = fire_dup(m->contact_name);
	nc->r.id = m->channel;
	nc->r.name = xstrdup(m->policy);
	nc->r.fields[0] = fire_dup(m->phone);
	nc->r.fields[1] = fire_dup(m->zalo);
	nc->r.fields[2] = fire_dup(m->email);
	nc->r.fields[3] = fire_dup(m->telegram);
}

/*
 * Queues a linked message after message ID (which did not reach its
 * contact, for REASON) on the policy's next channel that can reach the
 * contact: 1 queued, 0 no channel left, -1 store error.
 */
static int
next_channel(struct sched *s, int64_t id, const char *reason, time_t now)
{
	int64_t nid;
	struct next_ctx nc;
	const struct policy *p;
	const char *addr;
	int ch, rc = 0, i;

	memset(&nc, 0, sizeof(nc));
	if ((rc = store_msg_get(s->store, id, next_channel_cb, &nc)) != 1)
		return rc == -1 ? -1 : 0;
	rc = 0;
	if ((p = config_policy(s->conf, nc.r.name)) != NULL &&
	    (ch = fire_pick_channel(s->conf, p, &nc.r, nc.channel + 1,
	    &addr)) != -1) {
		if (store_msg_fallback(s->store, id, ch, p->channels[ch],
		    addr, now, &nid) == -1)
			rc = -1;
		else {
			rc = 1;
			log_info("message %lld via %s to %s did not go out "
			    "(%s); message %lld tries %s", (long long)id,
			    nc.provider, nc.contact ? nc.contact : "?", reason,
			    (long long)nid, p->channels[ch]);
		}
	}
	free(nc.r.name);
	free(nc.provider);
	free(nc.contact);
	for (i = 0; i < 4; i++)
		free(nc.r.fields[i]);
	return rc;
}

static struct auth *
auth_get(struct sched *s, const char *provider)
{
	struct auth *a;

	LIST_FOREACH(a, &s->auths, entry)
		if (strcmp(a->provider, provider) == 0)
			return a;
	a = xcalloc(1, sizeof(*a));
	a->provider = xstrdup(provider);
	LIST_INSERT_HEAD(&s->auths, a, entry);
	return a;
}

/* Reads a provider's saved tokens (inside the tick's transaction). */
static int
auth_load(struct sched *s, struct auth *a)
{
	char buf[32];

	a->access[0] = a->refresh[0] = '\0';
	a->expires_at = 0;
	if (store_pstate_get(s->store, a->provider, "access_token", a->access,
	    sizeof(a->access)) == -1 ||
	    store_pstate_get(s->store, a->provider, "refresh_token",
	    a->refresh, sizeof(a->refresh)) == -1 ||
	    store_pstate_get(s->store, a->provider, "expires_at", buf,
	    sizeof(buf)) == -1)
		return -1;
	a->expires_at = atoll(buf);
	/* A token Zalo refused stays dead until someone seeds a new one. */
	if (a->refresh[0] == '\0' || strcmp(a->refresh, a->dead_refresh) == 0) {
		if (a->state != AUTH_DEAD && a->refresh[0] == '\0')
			log_error("provider %s is not authorized: run "
			    "\"nhacviec provider auth %s --refresh-token T\" "
			    "with a refresh token from the Zalo OA; its "
			    "messages go to the next channel meanwhile",
			    a->provider, a->provider);
		a->state = AUTH_DEAD;
	} else
		a->state = AUTH_READY;
	return 0;
}

/*
 * Records a refresh's outcome.  The new pair is written in the tick's
 * transaction, which commits before any request uses it; a dead refresh
 * token stops the provider with a loud alert instead of retrying.
 */
static int
auth_refreshed(struct sched *s, struct outmsg *om, time_t now)
{
	struct auth *a = auth_get(s, om->pc->name);
	char buf[32], why[400];

	if (om->refresh_rc == 0) {
		snprintf(buf, sizeof(buf), "%lld", (long long)(now +
		    om->tokens.expires_in));
		if (store_pstate_set(s->store, a->provider, "access_token",
		    om->tokens.access, now) == -1 ||
		    store_pstate_set(s->store, a->provider, "refresh_token",
		    om->tokens.refresh, now) == -1 ||
		    store_pstate_set(s->store, a->provider, "expires_at", buf,
		    now) == -1 ||
		    store_event(s->store, "token", 0, 0, a->provider, now) == -1)
			return -1;
		snprintf(a->access, sizeof(a->access), "%s", om->tokens.access);
		snprintf(a->refresh, sizeof(a->refresh), "%s",
		    om->tokens.refresh);
		a->expires_at = now + om->tokens.expires_in;
		a->state = AUTH_READY;
		a->reauth = 0;
		s->stats.token_refreshes++;
		log_info("provider %s: access token refreshed (valid %llds)",
		    a->provider, (long long)om->tokens.expires_in);
		return 0;
	}
	if (om->refresh_rc == -2) {
		a->state = AUTH_DEAD;
		snprintf(a->dead_refresh, sizeof(a->dead_refresh), "%s",
		    om->refresh_token);
		snprintf(why, sizeof(why), "%s; the refresh token is no longer "
		    "valid: authorize the OA again and run \"nhacviec provider "
		    "auth %s --refresh-token T\"", om->res.reason, a->provider);
		log_error("ALERT provider %s: %s; its messages go to the next "
		    "channel meanwhile", a->provider, why);
		return store_event(s->store, "alert", 0, 0, why, now);
	}
	a->state = AUTH_READY;
	a->retry_at = now + 60;
	log_warnx("provider %s: token refresh failed (%s); trying again in "
	    "60s", a->provider, om->res.reason);
	return 0;
}

/*
 * Decides whether an OAuth provider can send now, starting a refresh
 * when its token is missing, near expiry or refused.  Returns 1 usable,
 * 0 not yet, -1 dead (its messages must move on), -2 on store errors.
 */
static int
auth_ready(struct sched *s, const struct provider_conf *pc, time_t now)
{
	struct auth *a = auth_get(s, pc->name);
	struct outmsg *om;

	/* A dead provider is re-read, to notice "nhacviec provider auth". */
	if (a->state == AUTH_UNLOADED || a->state == AUTH_DEAD) {
		if (auth_load(s, a) == -1)
			return -2;
		if (a->state == AUTH_DEAD)
			return -1;
	}
	if (a->state == AUTH_REFRESHING)
		return 0;
	if ((a->access[0] == '\0' || a->expires_at - now < 3600 ||
	    a->reauth) && now >= a->retry_at) {
		a->state = AUTH_REFRESHING;
		a->reauth = 0;
		om = outmsg_refresh(s->conf, pc, a->refresh);
		dispatch_start(s->disp, om);
		return 0;
	}
	return a->access[0] != '\0' && a->expires_at > now ? 1 : 0;
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
		return auth_refreshed(s, om, now);
	if (om->is_direct) {
		log_info("answer to %s via %s: %s%s%s", om->pm.address,
		    pc->name, prov_outcome_name(r->outcome),
		    r->reason[0] ? ": " : "", r->reason);
		return 0;
	}
	/* Answers only: a message never sent (no token, moved on) has none. */
	if (om->status != 0 || r->outcome == PROV_OK)
		latency_observe(&s->latency, pc->name, om->latency_ms);
	if (r->alert) {
		log_error("ALERT message %lld via %s: %s", (long long)om->pm.id,
		    pc->name, r->reason);
		if (store_event(s->store, "alert", om->pm.occurrence_id,
		    om->pm.id, r->reason, now) == -1)
			return -1;
	}
	if (r->outcome == PROV_REAUTH && pc->auth != NULL)
		auth_get(s, pc->auth->name)->reauth = 1;
	switch (r->outcome) {
	case PROV_OK:
		s->stats.msgs_sent++;
		log_debug("message %lld sent via %s in %lld ms",
		    (long long)om->pm.id, pc->name, (long long)om->latency_ms);
		return store_msg_update(s->store, om->pm.id, "sent", now_ms,
		    NULL, r->provider_id[0] ? r->provider_id : NULL, now);
	case PROV_NEXT_CHANNEL:
	case PROV_CONFIG:
	case PROV_FAIL:
		/* This message ends here; the next channel gets a linked one. */
		snprintf(why, sizeof(why), "%s", r->reason);
		if (store_msg_update(s->store, om->pm.id, "failed", now_ms, why,
		    NULL, now) == -1 ||
		    (fb = next_channel(s, om->pm.id, why, now)) == -1)
			return -1;
		if (fb == 1 && r->outcome != PROV_FAIL)
			return 0;
		s->stats.msgs_failed++;
		log_warnx("message %lld to %s via %s failed: %s%s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why,
		    fb ? "" : "; no further channel");
		return store_event(s->store, "failed", om->pm.occurrence_id,
		    om->pm.id, why, now);
	case PROV_RETRY:
	case PROV_REAUTH:
		if (backoff_next(now, om->created_at, om->pm.attempts,
		    r->retry_after, pc->retry_base, pc->retry_max,
		    pc->max_lifetime, arc4random(), &next)) {
			s->stats.msgs_retried++;
			log_info("message %lld via %s: %s; retry %d in %llds",
			    (long long)om->pm.id, pc->name, r->reason,
			    om->pm.attempts + 1, (long long)(next - now));
			return store_msg_update(s->store, om->pm.id, "queued",
			    now_ms + (int64_t)(next - now) * 1000, r->reason,
			    NULL, now);
		}
		s->stats.msgs_dead++;
		snprintf(why, sizeof(why), "%s; gave up after %d attempts "
		    "(max_lifetime %llds)", r->reason, om->pm.attempts,
		    (long long)pc->max_lifetime);
		log_error("message %lld to %s via %s is dead: %s",
		    (long long)om->pm.id, om->pm.contact_name, pc->name, why);
		if (store_event(s->store, "dead", om->pm.occurrence_id,
		    om->pm.id, why, now) == -1 ||
		    store_msg_update(s->store, om->pm.id, "dead", now_ms, why,
		    NULL, now) == -1)
			return -1;
		/* Out of time on this channel: the next one may still reach. */
		return next_channel(s, om->pm.id, why, now) == -1 ? -1 : 0;
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
	const char	*access;	/* OAuth providers' token, or NULL */
	int		 dead;		/* provider unusable: move them on */
};

static void
claim_cb(void *arg, const struct msg_row *m)
{
	struct claim_ctx *cc = arg;
	struct outmsg *om = outmsg_new(m, cc->s->conf, cc->pc);

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
		/*
		 * Periods and jobs are looked for only when one is due or the
		 * database changed: a wake-up that just records outcomes and
		 * refills slots (most of them, under load) skips both queries.
		 */
		int look = s->dirty || s->more || now_ms >= s->next_due_ms;

		s->dirty = 0;
		/* New periods first, so their due jobs fire in this tick. */
		if (look && ((n = store_tasks_to_expand(s->store, now,
		    s->conf->batch, expand_cb, &ec)) == -1 || ec.failed))
			goto fail;
		if (look && n == s->conf->batch)
			more_exp = 1;
		if (look) {
			fire_ctx_init(&fc, s->store, s->conf, &s->stats.jobs, now,
			    0);
			n = store_jobs_due(s->store, now, s->conf->batch,
			    fire_job, &fc, &more);
			fire_ctx_done(&fc);
			if (n == -1)
				goto fail;
		}
		budget = s->conf->batch;
		TAILQ_FOREACH(pc, &s->conf->providers, entry) {
			struct claim_ctx cc = { s, pc, &claimed, NULL, 0 };
			int ready = 1;

			if (pc->auth != NULL) {
				if ((ready = auth_ready(s, pc->auth, now)) == -2)
					goto fail;
				if (ready == 0)
					continue;
				if (ready == 1)
					cc.access = auth_get(s,
					    pc->auth->name)->access;
				cc.dead = ready == -1;
			}
			cap = cc.dead ? budget : dispatch_capacity(s->disp, pc,
			    now_ms, &wait);
			if (cap > budget)
				cap = budget;
			if (cap <= 0)
				continue;
			if ((n = store_msgs_claim(s->store, pc->name, now_ms, cap,
			    claim_cb, &cc)) == -1)
				goto fail;
			if (!cc.dead)
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
		if (om->is_moved)	/* its provider cannot send: next channel */
			on_done(s, om);
		else
			dispatch_start(s->disp, om);
	}
	if (s->stopping) {
		if (sched_idle(s))
			event_base_loopbreak(s->base);
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
	s->next_due_ms = INT64_MAX;
	if (store_next_job_at(s->store, &t) == 1)
		s->next_due_ms = (int64_t)t * 1000;
	if (store_next_expand_at(s->store, &t) == 1 &&
	    (int64_t)t * 1000 < s->next_due_ms)
		s->next_due_ms = (int64_t)t * 1000;
	if (s->next_due_ms != INT64_MAX && (when == -1 ||
	    s->next_due_ms < when))
		when = s->next_due_ms;
	TAILQ_FOREACH(pc, &s->conf->providers, entry) {
		if (store_next_msg_ms(s->store, pc->name, &t_ms) != 1)
			continue;
		if (pc->auth != NULL) {
			struct auth *a = auth_get(s, pc->auth->name);

			/* A refresh under way kicks us when it ends. */
			if (a->state == AUTH_REFRESHING)
				continue;
			if (a->retry_at * 1000 > t_ms)
				t_ms = a->retry_at * 1000;
		}
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

/*
 * Records delivery receipts from PC's callback.  Outcomes still waiting
 * are recorded first, so a receipt that overtakes its own "sent" finds
 * the provider's id.  A failed delivery ends that message and queues the
 * next channel, as a refusal at send time does.  Returns how many
 * receipts matched a message, or -1 on store errors.
 */
int
sched_receipts(struct sched *s, const struct provider_conf *pc,
    const struct receipt *rc, int n)
{
	const struct provider_conf *q;
	time_t now = clock_now();
	int64_t id;
	char state[16];
	int i, found, matched = 0, changed;

	sched_flush(s);
	if (store_begin(s->store) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (rc[i].is_reply || rc[i].delivered == -1)
			continue;	/* a reply, or an interim status */
		/* Zalo sends one webhook for every provider of the OA. */
		found = store_msg_by_pid(s->store, pc->name, rc[i].provider_id,
		    &id, state, sizeof(state));
		TAILQ_FOREACH(q, &s->conf->providers, entry) {
			if (found != 0)
				break;
			if (q != pc && pc->auth != NULL && q->auth == pc->auth)
				found = store_msg_by_pid(s->store, q->name,
				    rc[i].provider_id, &id, state,
				    sizeof(state));
		}
		if (found == -1)
			goto fail;
		if (found == 0) {
			log_info("receipt via %s for unknown message %s",
			    pc->name, rc[i].provider_id);
			continue;
		}
		matched++;
		if ((changed = store_msg_receipt(s->store, id,
		    rc[i].delivered, rc[i].delivered ? NULL : rc[i].reason,
		    now)) == -1)
			goto fail;
		if (changed == 0)
			continue;	/* repeated, or already settled */
		if (rc[i].delivered) {
			s->stats.msgs_delivered++;
			log_debug("message %lld delivered (receipt via %s)",
			    (long long)id, pc->name);
			continue;
		}
		s->stats.msgs_failed++;
		log_warnx("message %lld was not delivered: %s", (long long)id,
		    rc[i].reason);
		if (store_event(s->store, "undelivered", 0, id, rc[i].reason,
		    now) == -1 || next_channel(s, id, rc[i].reason, now) == -1)
			goto fail;
	}
	if (store_commit(s->store) == -1)
		goto fail;
	/* Replies run their own transactions, one each. */
	for (i = 0; i < n; i++)
		if (rc[i].is_reply) {
			reply_handle(s, pc, &rc[i]);
			matched++;
		}
	sched_kick(s);
	return matched;
fail:
	log_warnx("receipts via %s: %s", pc->name, store_error(s->store));
	store_rollback(s->store);
	return -1;
}

/*
 * Sends TEXT to ADDRESS through PC now, outside the outbox: the answer
 * to a contact's reply.  A provider with a rotating token sends only if
 * its token is usable; the answer is a courtesy, not worth a wait.
 */
void
sched_send_direct(struct sched *s, const struct provider_conf *pc,
    const char *address, const char *text)
{
	struct outmsg *om;
	struct auth *a;

	om = outmsg_direct(s->conf, pc, address, text);
	if (pc->auth != NULL) {
		a = auth_get(s, pc->auth->name);
		if (a->access[0] == '\0' || a->state == AUTH_DEAD) {
			log_info("answer to %s via %s not sent: no access "
			    "token", address, pc->name);
			outmsg_free(om);
			return;
		}
		om->pm.access_token = om->strs[om->nstrs++] =
		    xstrdup(a->access);
	}
	dispatch_start(s->disp, om);
}
