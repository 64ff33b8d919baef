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
#include "outmsg.h"
#include "plan.h"
#include "provider.h"
#include "sched.h"
#include "store.h"
#include "tmpl.h"
#include "tztime.h"
#include "xmalloc.h"

#define MAX_RECIPIENTS	512

/* A contact copied out of the store while a job is expanded. */
struct recipient {
	int64_t		 id;
	char		*name;
	char		*fields[4];	/* phone, zalo, email, telegram */
};

struct fire_ctx {
	struct sched	*s;
	time_t		 now;
	struct recipient *rcp;
	int		 nrcp;
	char		*agency_name;
};

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

static const char *
field_of(const struct recipient *r, const char *address)
{
	static const char *const names[] = { "phone", "zalo", "email",
	    "telegram" };
	int i;

	if (strcmp(address, "any") == 0) {
		for (i = 0; i < 4; i++)
			if (r->fields[i] != NULL)
				return r->fields[i];
		return "";
	}
	for (i = 0; i < 4; i++)
		if (strcmp(address, names[i]) == 0)
			return r->fields[i];
	return NULL;
}

/* The first channel of P, from index FROM, that can reach R; or -1. */
static int
pick_channel(const struct config *c, const struct policy *p,
    const struct recipient *r, int from, const char **addr)
{
	const struct provider_conf *pc;
	int i;

	for (i = from; i < p->nchannels; i++) {
		if ((pc = config_provider(c, p->channels[i])) == NULL)
			continue;
		if ((*addr = field_of(r, pc->address)) != NULL)
			return i;
	}
	return -1;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
collect_contact(void *arg, const struct contact_row *c)
{
	struct fire_ctx *fc = arg;
	struct recipient *r;
	int i;

	for (i = 0; i < fc->nrcp; i++)	/* one message per person */
		if (fc->rcp[i].id == c->id)
			return;
	if (fc->nrcp >= MAX_RECIPIENTS)
		return;
	r = &fc->rcp[fc->nrcp++];
	r->id = c->id;
	r->name = xstrdup(c->name);
	r->fields[0] = dup_or_null(c->phone);
	r->fields[1] = dup_or_null(c->zalo);
	r->fields[2] = dup_or_null(c->email);
	r->fields[3] = dup_or_null(c->telegram);
}

static void
agency_name_cb(void *arg, const struct agency_row *a)
{
	struct fire_ctx *fc = arg;

	free(fc->agency_name);
	fc->agency_name = xstrdup(a->name);
}

static void
free_recipients(struct fire_ctx *fc)
{
	int i, j;

	for (i = 0; i < fc->nrcp; i++) {
		free(fc->rcp[i].name);
		for (j = 0; j < 4; j++)
			free(fc->rcp[i].fields[j]);
	}
	fc->nrcp = 0;
}

/*
 * Queues one message per reachable contact of AGENCY for job J.  Returns
 * how many were queued, or -1 on a store error.
 */
static int
queue_for_agency(struct fire_ctx *fc, const struct due_job *j,
    const struct policy *p, int64_t agency, int roles, int *unreachable)
{
	struct sched *s = fc->s;
	const struct template *t = config_template(s->conf, p->template);
	struct tmpl_vars v;
	struct new_msg nm;
	const char *addr;
	char due[32], days[16], step[16], key[64], quota[160];
	int64_t id;
	int i, ch, n = 0, kind = job_kind_parse(j->kind);

	fc->nrcp = 0;
	if (store_agency_by_id(s->store, agency, agency_name_cb, fc) == -1 ||
	    store_contacts_for(s->store, agency, roles, collect_contact,
	    fc) == -1)
		return -1;
	fmt_local(j->due_at, due, sizeof(due));
	snprintf(days, sizeof(days), "%d", local_days_between(fc->now,
	    j->due_at));
	snprintf(step, sizeof(step), "%d", j->step);
	memset(&v, 0, sizeof(v));
	v.v[TV_TASK] = j->task_title;
	v.v[TV_PLAN] = j->plan_code;
	v.v[TV_AGENCY] = fc->agency_name;
	v.v[TV_LEAD] = j->lead_name;
	v.v[TV_DUE] = due;
	v.v[TV_DAYS_LEFT] = days;
	v.v[TV_ACK_CODE] = j->ack_code;
	v.v[TV_STEP] = step;
	/* Rendered with its label, so templates need no conditionals. */
	if (j->quota != NULL) {
		snprintf(quota, sizeof(quota), " (chỉ tiêu: %s)", j->quota);
		v.v[TV_QUOTA] = quota;
	}
	for (i = 0; i < fc->nrcp; i++) {
		if ((ch = pick_channel(s->conf, p, &fc->rcp[i], 0, &addr)) ==
		    -1) {
			(*unreachable)++;
			log_warnx("job %lld: contact %lld (%s) has no address "
			    "for any channel of policy %s", (long long)j->id,
			    (long long)fc->rcp[i].id, fc->rcp[i].name, p->name);
			continue;
		}
		memset(&nm, 0, sizeof(nm));
		snprintf(key, sizeof(key), "nv-%lld-%lld", (long long)j->id,
		    (long long)fc->rcp[i].id);
		nm.job_id = j->id;
		nm.contact_id = fc->rcp[i].id;
		nm.channel = ch;
		nm.provider = p->channels[ch];
		nm.address = addr;
		nm.body = tmpl_render(t->text[kind], &v);
		nm.idem_key = key;
		nm.now = fc->now;
		if (store_msg_add(s->store, &nm, &id) == -1) {
			free((char *)nm.body);
			return -1;
		}
		free((char *)nm.body);
		n++;
	}
	free_recipients(fc);
	return n;
}

/*
 * Expands one due job into messages, in the tick's transaction.  A job
 * missed by more than max_lateness (the daemon was down) is skipped with
 * a warning and an event: never sent stale, never dropped silently.
 */
static int
fire_job(void *arg, const struct due_job *j, struct job_outcome *out)
{
	struct fire_ctx *fc = arg;
	struct sched *s = fc->s;
	const struct policy *p;
	int64_t agency, coop[64], parent;
	int roles, n = 0, k, ncoop, i, unreachable = 0;
	int kind = job_kind_parse(j->kind);
	char detail[200];

	if ((p = config_policy(s->conf, j->policy)) == NULL) {
		log_warnx("task %lld: policy \"%s\" is not in the config; "
		    "using %s", (long long)j->task_id, j->policy,
		    s->conf->default_policy);
		p = config_policy(s->conf, s->conf->default_policy);
	}
	if (fc->now - j->fire_at > p->max_lateness) {
		out->state = "skipped";
		snprintf(out->note, sizeof(out->note), "missed by %llds, more "
		    "than max_lateness %llds", (long long)(fc->now - j->fire_at),
		    (long long)p->max_lateness);
		log_warnx("job %lld (%s %d of task %lld) skipped: %s",
		    (long long)j->id, j->kind, j->step, (long long)j->task_id,
		    out->note);
		s->stats.jobs_skipped++;
		return store_event(s->store, "skipped", j->occ_id, 0,
		    out->note, fc->now);
	}
	roles = kind == JOB_REMINDER ? p->remind_roles : p->escalate_roles;
	agency = j->lead_id;
	if (strcmp(j->target, "parent") == 0) {
		if (j->lead_parent_id != 0)
			agency = j->lead_parent_id;
		else
			snprintf(out->note, sizeof(out->note), "lead agency "
			    "has no parent; sent to the lead instead");
	} else if (strncmp(j->target, "agency:", 7) == 0) {
		if ((k = store_agency_get(s->store, j->target + 7, &agency,
		    &parent)) == -1)
			return -1;
		if (k == 0) {
			agency = j->lead_id;
			snprintf(out->note, sizeof(out->note), "unknown agency "
			    "%s; sent to the lead instead", j->target + 7);
		}
	}
	if (out->note[0] != '\0')
		log_warnx("job %lld: %s", (long long)j->id, out->note);
	if ((k = queue_for_agency(fc, j, p, agency, roles, &unreachable)) ==
	    -1)
		return -1;
	n += k;
	if (kind == JOB_REMINDER && p->copy_cooperating) {
		if ((ncoop = store_coop_ids(s->store, j->task_id, coop, 64)) ==
		    -1)
			return -1;
		for (i = 0; i < ncoop; i++) {
			if ((k = queue_for_agency(fc, j, p, coop[i], roles,
			    &unreachable)) == -1)
				return -1;
			n += k;
		}
	}
	s->stats.jobs_fired++;
	snprintf(detail, sizeof(detail), "%s %d to %s: %d message(s)%s",
	    j->kind, j->step, j->target, n, unreachable ? ", some contacts "
	    "unreachable" : "");
	if (n == 0) {
		log_warnx("job %lld (%s %d of task %lld): no recipient with a "
		    "usable address", (long long)j->id, j->kind, j->step,
		    (long long)j->task_id);
		if (out->note[0] == '\0')
			snprintf(out->note, sizeof(out->note), "no recipient");
	} else
		log_info("%s %d of task %lld (%s): %d message(s) queued",
		    j->kind, j->step, (long long)j->task_id, j->task_title, n);
	return store_event(s->store, kind == JOB_REMINDER ? "reminded" :
	    kind == JOB_ESCALATION ? "escalated" : "alerted", j->occ_id, 0,
	    detail, fc->now);
}

static void
next_channel_cb(void *arg, const struct msg_row *m)
{
	struct recipient *r = arg;

	r->id = m->channel;
	r->name = xstrdup(m->policy);
	r->fields[0] = dup_or_null(m->phone);
	r->fields[1] = dup_or_null(m->zalo);
	r->fields[2] = dup_or_null(m->email);
	r->fields[3] = dup_or_null(m->telegram);
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
	    (ch = pick_channel(s->conf, p, &r, om->channel + 1, &addr)) !=
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
	if (plan_expand(s->store, p, s->conf->calendar, row, ec->now,
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
		memset(&fc, 0, sizeof(fc));
		fc.s = s;
		fc.now = now;
		fc.rcp = xcalloc(MAX_RECIPIENTS, sizeof(*fc.rcp));
		n = store_jobs_due(s->store, now, s->conf->batch, fire_job, &fc,
		    &more);
		free_recipients(&fc);
		free(fc.rcp);
		free(fc.agency_name);
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
