/*
 * taskadd.c: adds a task as a person describes it: a one-off deadline
 * ("31/01/2023", "+3d"), a recurrence ("weekly thu 20:00", an RRULE), or
 * an ongoing duty with an optional periodic report.  In one transaction
 * it writes the task, its cooperating agencies and its first occurrence
 * (or the occurrences within the policy's horizon) with their jobs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "plan.h"
#include "recur.h"
#include "store.h"
#include "safetext.h"
#include "taskadd.h"
#include "tztime.h"
#include "xmalloc.h"
#include "nls.h"

#define MAX_COOP	64

/* Resolves "A,B,C" to agency ids: the count, -1 refused, -2 store. */
static int
coop_ids(struct store *s, const char *list, int64_t *ids, char *err,
    size_t errlen)
{
	char *copy = xstrdup(list), *p = copy, *w;
	int n = 0, rc;

	while ((w = strsep(&p, ",;")) != NULL) {
		while (isspace((unsigned char)*w))
			w++;
		if (*w == '\0')
			continue;
		if (n == MAX_COOP) {
			snprintf(err, errlen, _("cooperate: at most %d "
			    "cooperating agencies"), MAX_COOP);
			n = -1;
			break;
		}
		if ((rc = store_agency_get(s, w, &ids[n], NULL)) != 1) {
			if (rc == 0)
				snprintf(err, errlen, _("cooperate: unknown "
				    "agency \"%s\""), w);
			n = rc == -1 ? -2 : -1;
			break;
		}
		n++;
	}
	free(copy);
	return n;
}

/* The caller's transaction is the caller's to end. */
static void
rollback(struct store *s, const struct task_spec *t)
{
	if (!t->in_txn)
		store_rollback(s);
}

enum sched_kind
task_spec_sched(const struct task_spec *t)
{
	return t->due != NULL ? SCHED_ONCE : t->ongoing ? SCHED_ONGOING :
	    SCHED_RRULE;
}

/*
 * Reads what SPEC asks for as task_add and task_resched take it: the
 * policy in *POLP, a one-off deadline in *DUE, and the schedule (kind,
 * RRULE, DTSTART) in OUT.  0, or -1 with ERR naming the field.
 */
static int
spec_read(const struct config *conf, const struct task_spec *t, time_t now,
    const struct policy **polp, time_t *due, struct task_added *out,
    char *err, size_t errlen)
{
	const struct policy *pol;
	const char *pname = t->policy ? t->policy : conf->default_policy;
	char e[200];
	int kinds, tod = -1;
	time_t dtstart = 0;

	*due = 0;
	/* An ongoing duty may carry its report cycle as an RRULE. */
	kinds = (t->due != NULL) + (t->every != NULL) + (t->rrule != NULL &&
	    !t->ongoing) + t->ongoing;
	if (t->plan == NULL || t->title == NULL || t->lead == NULL ||
	    kinds != 1 || (t->report != NULL && (!t->ongoing || t->rrule))) {
		snprintf(err, errlen, _("a task needs plan, title, lead and "
		    "one of due, every, rrule or ongoing (with report)"));
		return -1;
	}
	/* A line break may stay (a plan's cell over lines); no other control. */
	if (text_has_control(t->title, 1) || text_has_control(t->plan, 0) ||
	    text_has_control(t->lead, 0) || (t->ref != NULL &&
	    text_has_control(t->ref, 0))) {
		snprintf(err, errlen, _("title: control characters (tab, "
		    "escape sequences...) are not allowed / không được chứa ký "
		    "tự điều khiển"));
		return -1;
	}
	if ((pol = config_policy(conf, pname)) == NULL) {
		snprintf(err, errlen, _("policy: no [policy %s] in %s"), pname,
		    conf->path);
		return -1;
	}
	*polp = pol;
	out->policy = pol->name;
	if (t->due != NULL && parse_when(t->due, now, pol->deadline_time, due,
	    e, sizeof(e)) == -1) {
		snprintf(err, errlen, _("due: \"%s\": %s"), t->due, e);
		return -1;
	}
	if ((t->every != NULL || t->report != NULL) && recur_shorthand(t->every ?
	    t->every : t->report, out->rrule, sizeof(out->rrule), &tod, e,
	    sizeof(e)) == -1) {
		snprintf(err, errlen, "%s: %s", t->every ? "every" : "report",
		    e);
		return -1;
	}
	if (t->rrule != NULL) {
		if (recur_check(t->rrule, e, sizeof(e)) == -1) {
			snprintf(err, errlen, _("rrule: %s"), e);
			return -1;
		}
		snprintf(out->rrule, sizeof(out->rrule), "%s", t->rrule);
	}
	/* The plan's period (or the phrase) ends the rule. */
	if (out->rrule[0] != '\0' && t->until != NULL &&
	    strstr(out->rrule, "UNTIL=") == NULL &&
	    strstr(out->rrule, "COUNT=") == NULL) {
		int y, m, d, n = parse_date(t->until, &y, &m, &d);
		size_t o = strlen(out->rrule);

		if (n == 0 || t->until[n] != '\0') {
			snprintf(err, errlen, _("until: \"%s\" is not "
			    "YYYY-MM-DD"), t->until);
			return -1;
		}
		snprintf(out->rrule + o, sizeof(out->rrule) - o,
		    ";UNTIL=%04d%02d%02dT235959", y, m, d);
	}
	if (out->rrule[0] != '\0') {
		/* DTSTART: start, else today; the time from the rule or policy. */
		if (t->start != NULL && parse_when(t->start, now, tod >= 0 ? tod :
		    pol->deadline_time, &dtstart, e, sizeof(e)) == -1) {
			snprintf(err, errlen, _("start: \"%s\": %s"), t->start,
			    e);
			return -1;
		}
		if (t->start == NULL)
			dtstart = local_day_at(now, 0, tod >= 0 ? tod :
			    pol->deadline_time);
		else if (tod >= 0 && strchr(t->start, ':') == NULL)
			dtstart = local_day_at(dtstart, 0, tod);
	}
	out->dtstart = dtstart;
	out->sched = task_spec_sched(t);
	return 0;
}

/* What a new one-off's EV_CREATED event says, for a task added via VIA. */
void
task_created_detail(const char *via, char *buf, size_t len)
{
	snprintf(buf, len, "task added from the %s", via ? via :
	    "command line");
}

/*
 * Plans task ID's first occurrence (a one-off due at DUE) or those of its
 * rule within the horizon, with DETAIL in the EV_CREATED event (none
 * with EVENTS_LATER: the caller logs it).
 */
static int
plan_first(struct store *s, const struct config *conf,
    const struct policy *pol, int64_t id, time_t due, time_t now,
    const char *detail, int recorded, int events_later,
    struct occ_batch *batch, struct task_added *out)
{
	struct plan_result pr;
	struct expand_row er;

	out->task_id = id;
	if (out->sched == SCHED_ONCE) {
		memset(&pr, 0, sizeof(pr));
		if (plan_occurrence_from(s, pol, conf->calendar, id, due, now,
		    recorded && due < now, batch, &pr) == -1 ||
		    (!events_later && (store_event(s, EV_CREATED, pr.occ_id, 0,
		    detail, now) == -1 || (pr.why[0] != '\0' &&
		    store_event(s, EV_EXTENDED, pr.occ_id, 0, pr.why,
		    now) == -1))))
			return -1;
		out->occ_id = pr.occ_id;
		snprintf(out->ack, sizeof(out->ack), "%s", pr.ack);
		out->due = pr.due;
		out->planned = pr.planned;
		out->past = pr.past;
		snprintf(out->why, sizeof(out->why), "%s", pr.why);
		return 0;
	}
	memset(&er, 0, sizeof(er));
	er.id = id;
	er.policy = pol->name;
	er.rrule = out->rrule[0] != '\0' ? out->rrule : NULL;
	er.dtstart = out->dtstart;
	return plan_expand(s, pol, conf->calendar, &er, now, 0,
	    &out->occurrences);
}

int
task_add(struct store *s, const struct config *conf,
    const struct task_spec *t, time_t now, struct task_added *out,
    char *err, size_t errlen)
{
	struct task_prep p;

	if (task_prepare(conf, t, now, &p, err, errlen) == -1) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return task_add_prepared(s, conf, t, &p, now, out, err, errlen);
}

int
task_prepare(const struct config *conf, const struct task_spec *t,
    time_t now, struct task_prep *p, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	return spec_read(conf, t, now, &p->pol, &p->due, &p->out, err,
	    errlen);
}

int
task_add_prepared(struct store *s, const struct config *conf,
    const struct task_spec *t, const struct task_prep *p, time_t now,
    struct task_added *out, char *err, size_t errlen)
{
	const struct policy *pol = p->pol;
	char detail[64] = "";
	struct new_task nt;
	int64_t plan_id, lead_id, ids[MAX_COOP];
	int rc, ncoop = 0;
	time_t due = p->due;

	*out = p->out;
	if (!t->in_txn && store_begin(s) == -1)
		return -2;
	if (t->lead_id != 0) {
		plan_id = t->plan_id;
		lead_id = t->lead_id;
		ncoop = t->ncoop < MAX_COOP ? t->ncoop : MAX_COOP;
		if (ncoop > 0)
			memcpy(ids, t->coop_ids, sizeof(ids[0]) * ncoop);
	} else if ((rc = store_plan_get(s, t->plan, &plan_id)) != 1) {
		rollback(s, t);
		if (rc == -1)
			return -2;
		snprintf(err, errlen, _("plan: unknown plan \"%s\" (add it "
		    "first)"), t->plan);
		return -1;
	} else if ((rc = store_agency_get(s, t->lead, &lead_id, NULL)) != 1) {
		rollback(s, t);
		if (rc == -1)
			return -2;
		snprintf(err, errlen, _("lead: unknown agency \"%s\""),
		    t->lead);
		return -1;
	} else if (t->cooperate != NULL && (ncoop = coop_ids(s,
	    t->cooperate, ids, err, errlen)) < 0) {
		rollback(s, t);
		return ncoop;
	}
	memset(&nt, 0, sizeof(nt));
	nt.plan_id = plan_id;
	nt.ref = t->ref;
	nt.title = t->title;
	nt.lead_id = lead_id;
	nt.policy = pol->name;
	nt.sched = out->sched;
	nt.rrule = out->rrule[0] != '\0' ? out->rrule : NULL;
	nt.dtstart = out->dtstart;
	nt.quota = t->quota;
	nt.form = t->form;
	nt.note = t->note;
	nt.content = t->content;
	nt.section = t->section;
	nt.wait_unit = t->wait_unit;
	nt.wait_n = t->wait_n;
	nt.wait_trigger = t->wait_trigger;
	nt.coop = ids;
	nt.ncoop = ncoop;
	if (!t->events_later)
		task_created_detail(t->via, detail, sizeof(detail));
	if (store_task_add(s, &nt, now, &out->task_id) == -1 ||
	    plan_first(s, conf, pol, out->task_id, due, now, detail,
	    t->past_recorded, t->events_later, t->batch, out) == -1)
		goto fail;
	return t->in_txn ? 0 : store_commit(s) == -1 ? -2 : 0;
fail:
	rollback(s, t);
	return -2;
}

/* The open occurrences of a task not yet due, which a new schedule ends. */
struct ahead {
	int64_t		*ids;
	int		 n;
	time_t		 now;
};

static void
collect_ahead(void *arg, const struct occ_row *o)
{
	struct ahead *a = arg;

	if (o->state != OCC_OPEN || o->due_at <= a->now)
		return;
	a->ids = xreallocarray(a->ids, a->n + 1, sizeof(*a->ids));
	a->ids[a->n++] = o->id;
}

int
task_resched(struct store *s, const struct config *conf, int64_t id,
    const struct task_spec *t, time_t now, struct task_added *out,
    int *cancelled, char *err, size_t errlen)
{
	const struct policy *pol;
	struct ahead a;
	char detail[96];
	time_t due;
	int i, n, rc = -2;

	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	*cancelled = 0;
	if (spec_read(conf, t, now, &pol, &due, out, err, errlen) == -1)
		return -1;
	if (!t->in_txn && store_begin(s) == -1)
		return -2;
	/*
	 * What is overdue stays owed under the old schedule; what lies ahead
	 * is replaced by the new one.
	 */
	a.now = now;
	snprintf(detail, sizeof(detail), "another schedule, from the %s",
	    t->via ? t->via : "command line");
	if (store_occ_list(s, id, collect_ahead, &a) == -1)
		goto fail;
	for (i = 0; i < a.n; i++)
		if (store_occ_close(s, a.ids[i], OCC_CANCELLED, NULL, t->via,
		    detail, now, &n) == -1 ||
		    store_event(s, EV_CANCELLED, a.ids[i], 0, detail,
		    now) == -1)
			goto fail;
	*cancelled = a.n;
	if (store_task_resched(s, id, out->sched, out->rrule[0] != '\0' ?
	    out->rrule : NULL, out->dtstart) == -1 ||
	    plan_first(s, conf, pol, id, due, now, detail, t->past_recorded,
	    0, NULL, out) == -1)
		goto fail;
	rc = t->in_txn ? 0 : store_commit(s) == -1 ? -2 : 0;
	free(a.ids);
	return rc;
fail:
	free(a.ids);
	rollback(s, t);
	return -2;
}
