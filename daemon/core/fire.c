/*
 * fire.c: expanding a due job into messages: who receives it (the lead,
 * its parent or a fixed agency, and the cooperating agencies if the policy
 * copies them), on which channel (the first of the policy's channels that
 * has an address for the contact), and with what text.  The scheduler
 * calls it inside its wake-up transaction; "nhacviec preview" calls it
 * inside a transaction it rolls back, so a preview is exactly what the
 * daemon would send.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ack.h"
#include "config.h"
#include "fire.h"
#include "log.h"
#include "provider.h"
#include "sendwin.h"
#include "store.h"
#include "store-web.h"
#include "tmpl.h"
#include "tztime.h"
#include "weblink.h"
#include "xmalloc.h"

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
int
fire_pick_channel(const struct config *c, const struct policy *p,
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

char *
fire_dup(const char *s)
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
	r->fields[0] = fire_dup(c->phone);
	r->fields[1] = fire_dup(c->zalo);
	r->fields[2] = fire_dup(c->email);
	r->fields[3] = fire_dup(c->telegram);
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
	const struct template *t = config_template(fc->conf, p->template);
	struct tmpl_vars v;
	struct new_msg nm;
	const char *addr, *inst;
	char due[32], days[16], step[16], key[80], quota[160];
	char url[512], wurl[512];
	struct weblink_claim wl;
	int64_t id;
	time_t at;
	int i, ch, n = 0, kind = j->kind, with_web;

	fc->nrcp = 0;
	/* Allocated on first use: most wake-ups fire no job at all. */
	if (fc->rcp == NULL)
		fc->rcp = xcalloc(MAX_RECIPIENTS, sizeof(*fc->rcp));
	if (store_agency_by_id(fc->store, agency, agency_name_cb, fc) == -1 ||
	    store_contacts_for(fc->store, agency, roles, collect_contact,
	    fc) == -1)
		return -1;
	/*
	 * A job fires up to a digest window early, so its message waits for
	 * the job's own time; one fired late (the daemon was down) still
	 * waits out quiet hours rather than waking anyone.
	 */
	at = fc->now > j->fire_at ? fc->now : j->fire_at;
	at = wd_later(fc->conf->calendar, p, at);
	fmt_local(j->due_at, due, sizeof(due));
	snprintf(days, sizeof(days), "%d", local_days_between(at,
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
	/* A personal link costs a read per contact: only for texts with one. */
	with_web = strstr(t->text[kind], "web_url") != NULL;
	for (i = 0; i < fc->nrcp; i++) {
		if ((ch = fire_pick_channel(fc->conf, p, &fc->rcp[i], 0, &addr)) ==
		    -1) {
			(*unreachable)++;
			log_warnx("job %lld: contact %lld (%s) has no address "
			    "for any channel of policy %s", (long long)j->id,
			    (long long)fc->rcp[i].id, fc->rcp[i].name, p->name);
			continue;
		}
		memset(&nm, 0, sizeof(nm));
		/*
		 * The install id keeps two installations' keys apart at a
		 * receiver they share (a webhook, a gateway's dedup).
		 */
		inst = store_install_id(fc->store);
		snprintf(key, sizeof(key), "nv-%s%s%lld-%lld", inst,
		    inst[0] ? "-" : "", (long long)j->id,
		    (long long)fc->rcp[i].id);
		nm.job_id = j->id;
		nm.contact_id = fc->rcp[i].id;
		nm.channel = ch;
		nm.provider = p->channels[ch];
		nm.address = addr;
		v.v[TV_ACK_URL] = ack_link(fc->conf->public_url,
		    fc->conf->ack_key, (time_t)fc->conf->ack_ttl, j->ack_code,
		    fc->rcp[i].id, j->due_at, fc->now, url, sizeof(url));
		v.v[TV_WEB_URL] = NULL;
		if (with_web && store_link_version(fc->store, fc->rcp[i].id,
		    &wl.version) == 1) {
			wl.contact_id = fc->rcp[i].id;
			wl.expires = fc->now + WEBLINK_DAYS * 86400;
			v.v[TV_WEB_URL] = weblink_url(fc->conf->public_url,
			    fc->conf->ack_key, &wl, wurl, sizeof(wurl));
		}
		nm.body = tmpl_render(t->text[kind], &v);
		nm.idem_key = key;
		nm.now = fc->now;
		nm.at = at;
		if (store_msg_add(fc->store, &nm, &id) == -1) {
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
int
fire_job(void *arg, const struct due_job *j, struct job_outcome *out)
{
	struct fire_ctx *fc = arg;
	const struct policy *p;
	int64_t agency, coop[64], parent;
	int roles, n = 0, k, ncoop, i, unreachable = 0;
	enum job_kind kind = j->kind;
	char detail[200];

	if ((p = config_policy(fc->conf, j->policy)) == NULL) {
		log_warnx("task %lld: policy \"%s\" is not in the config; "
		    "using %s", (long long)j->task_id, j->policy,
		    fc->conf->default_policy);
		p = config_policy(fc->conf, fc->conf->default_policy);
	}
	if (fc->preview)
		fc->now = j->fire_at;
	if (fc->now - j->fire_at > p->max_lateness) {
		out->state = JOB_SKIPPED;
		snprintf(out->note, sizeof(out->note), "missed by %llds, more "
		    "than max_lateness %llds", (long long)(fc->now - j->fire_at),
		    (long long)p->max_lateness);
		log_warnx("job %lld (%s %d of task %lld) skipped: %s",
		    (long long)j->id, job_kind_name(kind), j->step,
		    (long long)j->task_id,
		    out->note);
		if (fc->counts != NULL)
			fc->counts->skipped++;
		return store_event(fc->store, EV_SKIPPED, j->occ_id, 0,
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
		if ((k = store_agency_get(fc->store, j->target + 7, &agency,
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
		if ((ncoop = store_coop_ids(fc->store, j->task_id, coop, 64)) ==
		    -1)
			return -1;
		for (i = 0; i < ncoop; i++) {
			if ((k = queue_for_agency(fc, j, p, coop[i], roles,
			    &unreachable)) == -1)
				return -1;
			n += k;
		}
	}
	if (fc->counts != NULL)
		fc->counts->fired++;
	snprintf(detail, sizeof(detail), "%s %d to %s: %d message(s)%s",
	    job_kind_name(kind), j->step, j->target, n, unreachable ?
	    ", some contacts "
	    "unreachable" : "");
	if (n == 0) {
		log_warnx("job %lld (%s %d of task %lld): no recipient with a "
		    "usable address", (long long)j->id, job_kind_name(kind),
		    j->step,
		    (long long)j->task_id);
		if (out->note[0] == '\0')
			snprintf(out->note, sizeof(out->note), "no recipient");
	} else
		log_info("%s %d of task %lld (%s): %d message(s) queued",
		    job_kind_name(kind), j->step, (long long)j->task_id,
		    j->task_title, n);
	return store_event(fc->store, kind == JOB_REMINDER ? EV_REMINDED :
	    kind == JOB_ESCALATION ? EV_ESCALATED : EV_ALERTED, j->occ_id, 0,
	    detail, fc->now);
}


void
fire_ctx_init(struct fire_ctx *fc, struct store *store, struct config *conf,
    struct fire_counts *counts, time_t now, int preview)
{
	memset(fc, 0, sizeof(*fc));
	fc->store = store;
	fc->conf = conf;
	fc->counts = counts;
	fc->now = now;
	fc->preview = preview;
}

void
fire_ctx_done(struct fire_ctx *fc)
{
	if (fc->rcp != NULL)
		free_recipients(fc);
	free(fc->rcp);
	free(fc->agency_name);
	fc->rcp = NULL;
	fc->agency_name = NULL;
}

