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
#include "taskadd.h"
#include "tztime.h"
#include "xmalloc.h"

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
			snprintf(err, errlen, "cooperate: at most %d "
			    "cooperating agencies", MAX_COOP);
			n = -1;
			break;
		}
		if ((rc = store_agency_get(s, w, &ids[n], NULL)) != 1) {
			if (rc == 0)
				snprintf(err, errlen, "cooperate: unknown "
				    "agency \"%s\"", w);
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

int
task_add(struct store *s, const struct config *conf,
    const struct task_spec *t, time_t now, struct task_added *out,
    char *err, size_t errlen)
{
	const struct policy *pol;
	const char *pname = t->policy ? t->policy : conf->default_policy;
	char e[200], detail[64];
	struct plan_result pr;
	struct new_task nt;
	struct expand_row er;
	int64_t plan_id, lead_id, ids[MAX_COOP];
	int kinds, tod = -1, rc, ncoop = 0;
	time_t due = 0, dtstart = 0;

	memset(out, 0, sizeof(*out));
	/* An ongoing duty may carry its report cycle as an RRULE. */
	kinds = (t->due != NULL) + (t->every != NULL) + (t->rrule != NULL &&
	    !t->ongoing) + t->ongoing;
	if (t->plan == NULL || t->title == NULL || t->lead == NULL ||
	    kinds != 1 || (t->report != NULL && (!t->ongoing || t->rrule))) {
		snprintf(err, errlen, "a task needs plan, title, lead and one "
		    "of due, every, rrule or ongoing (with report)");
		return -1;
	}
	if ((pol = config_policy(conf, pname)) == NULL) {
		snprintf(err, errlen, "policy: no [policy %s] in %s", pname,
		    conf->path);
		return -1;
	}
	out->policy = pol->name;
	if (t->due != NULL && parse_when(t->due, now, pol->deadline_time, &due,
	    e, sizeof(e)) == -1) {
		snprintf(err, errlen, "due: \"%s\": %s", t->due, e);
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
			snprintf(err, errlen, "rrule: %s", e);
			return -1;
		}
		snprintf(out->rrule, sizeof(out->rrule), "%s", t->rrule);
	}
	if (out->rrule[0] != '\0') {
		/* DTSTART: start, else today; the time from the rule or policy. */
		if (t->start != NULL && parse_when(t->start, now, tod >= 0 ? tod :
		    pol->deadline_time, &dtstart, e, sizeof(e)) == -1) {
			snprintf(err, errlen, "start: \"%s\": %s", t->start, e);
			return -1;
		}
		if (t->start == NULL)
			dtstart = local_day_at(now, 0, tod >= 0 ? tod :
			    pol->deadline_time);
		else if (tod >= 0 && strchr(t->start, ':') == NULL)
			dtstart = local_day_at(dtstart, 0, tod);
	}
	out->dtstart = dtstart;
	out->sched = t->due != NULL ? "once" : t->ongoing ? "ongoing" :
	    "rrule";
	if (!t->in_txn && store_begin(s) == -1)
		return -2;
	if ((rc = store_plan_get(s, t->plan, &plan_id)) != 1) {
		rollback(s, t);
		if (rc == -1)
			return -2;
		snprintf(err, errlen, "plan: unknown plan \"%s\" (add it "
		    "first)", t->plan);
		return -1;
	}
	if ((rc = store_agency_get(s, t->lead, &lead_id, NULL)) != 1) {
		rollback(s, t);
		if (rc == -1)
			return -2;
		snprintf(err, errlen, "lead: unknown agency \"%s\"", t->lead);
		return -1;
	}
	if (t->cooperate != NULL && (ncoop = coop_ids(s, t->cooperate, ids,
	    err, errlen)) < 0) {
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
	nt.dtstart = dtstart;
	nt.quota = t->quota;
	nt.coop = ids;
	nt.ncoop = ncoop;
	memset(&pr, 0, sizeof(pr));
	if (store_task_add(s, &nt, now, &out->task_id) == -1)
		goto fail;
	snprintf(detail, sizeof(detail), "task added from the %s",
	    t->via ? t->via : "command line");
	if (t->due != NULL) {
		if (plan_occurrence(s, pol, conf->calendar, out->task_id, due,
		    now, &pr) == -1 ||
		    store_event(s, "created", pr.occ_id, 0, detail, now) == -1 ||
		    (pr.why[0] != '\0' && store_event(s, "extended", pr.occ_id,
		    0, pr.why, now) == -1))
			goto fail;
		out->occ_id = pr.occ_id;
		snprintf(out->ack, sizeof(out->ack), "%s", pr.ack);
		out->due = pr.due;
		out->planned = pr.planned;
		out->past = pr.past;
		snprintf(out->why, sizeof(out->why), "%s", pr.why);
	} else {
		memset(&er, 0, sizeof(er));
		er.id = out->task_id;
		er.policy = pol->name;
		er.rrule = nt.rrule;
		er.dtstart = dtstart;
		if (plan_expand(s, pol, conf->calendar, &er, now, 0,
		    &out->occurrences) == -1)
			goto fail;
	}
	return t->in_txn ? 0 : store_commit(s) == -1 ? -2 : 0;
fail:
	rollback(s, t);
	return -2;
}
