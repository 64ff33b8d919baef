/*
 * done.c: marks an occurrence done in one transaction: its state, who
 * and how, the pending jobs cancelled, the queued messages withdrawn and
 * an event row.  Doing it twice is harmless (the second call changes
 * nothing and says so), since a link may be clicked twice and a reply
 * may arrive after the CLI was used.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "done.h"
#include "plan.h"
#include "store.h"
#include "store-web.h"
#include "tztime.h"

struct task_of {
	char		 series;
	char		 policy[64];
};

static void
sched_cb(void *arg, const struct task_row *t)
{
	struct task_of *to = arg;

	to->series = t->sched != SCHED_ONCE;
	snprintf(to->policy, sizeof(to->policy), "%s", t->policy);
}

int
done_mark(struct store *s, const struct config *conf, int64_t task_id,
    const char *ack_code, const char *by, const char *via, const char *note,
    time_t now, struct done_result *r)
{
	return done_mark_by(s, conf, task_id, ack_code, by, via, note, NULL,
	    now, r);
}

int
done_mark_by(struct store *s, const struct config *conf, int64_t task_id,
    const char *ack_code, const char *by, const char *via, const char *note,
    const char *actor, time_t now, struct done_result *r)
{
	struct occ_row occ;
	struct task_of to;
	struct planned_job jobs[PLAN_MAX_JOBS];
	const struct policy *p;
	char detail[200];
	int rc;

	memset(r, 0, sizeof(*r));
	if (store_begin(s) == -1)
		return -1;
	rc = store_occ_find(s, task_id, task_id ? NULL : ack_code, &occ,
	    r->ack_code, sizeof(r->ack_code));
	if (rc != 1) {
		store_rollback(s);
		return rc;
	}
	r->occ_id = occ.id;
	r->task_id = occ.task_id;
	r->due_at = occ.due_at;
	r->state = occ.state;
	/*
	 * By task id, a series closes only the period that is due (today)
	 * or overdue: the next one is not finished by finishing this one.
	 * Its ack code names a later period when that is really meant.
	 */
	memset(&to, 0, sizeof(to));
	if ((task_id != 0 || occ.plan_at != 0) && store_task_get(s,
	    occ.task_id, sched_cb, &to) == -1)
		goto fail;
	if (task_id != 0 && to.series && occ.due_at >= local_day_at(now, 1, 0)) {
		store_rollback(s);
		return 2;
	}
	if ((rc = store_occ_done(s, occ.id, by, via, note, now,
	    &r->jobs_cancelled)) == -1)
		goto fail;
	if (rc == 1) {		/* already done or cancelled */
		store_rollback(s);
		return 1;
	}
	/* Jobs not stored yet are cancelled all the same: none will be. */
	if (occ.plan_at != 0) {
		if ((p = config_policy(conf, to.policy)) == NULL)
			p = config_policy(conf, conf->default_policy);
		r->jobs_cancelled += plan_unstored(p, conf->calendar,
		    occ.due_at, occ.plan_at, jobs);
	}
	snprintf(detail, sizeof(detail), "done via %s%s%s; %d pending "
	    "job(s) cancelled", via, by ? " by " : "", by ? by : "",
	    r->jobs_cancelled);
	if ((actor != NULL ? store_event_by(s, EV_DONE, occ.id, actor, detail,
	    now) : store_event(s, EV_DONE, occ.id, 0, detail, now)) == -1 ||
	    store_commit(s) == -1)
		goto fail;
	r->state = OCC_DONE;
	r->changed = 1;
	return 1;
fail:
	store_rollback(s);
	return -1;
}

int
msg_change(struct store *s, int64_t id, const char *verb, time_t now)
{
	char detail[64];
	int rc, retry;

	if (store_begin(s) == -1)
		return -1;
	retry = strcmp(verb, "retry") == 0;
	rc = retry ? store_msg_retry(s, id, now) : store_msg_cancel(s, id, now);
	snprintf(detail, sizeof(detail), "%s by operator", verb);
	if (rc == -1 || (rc == 0 && (store_event(s, retry ? EV_RETRY :
	    EV_CANCEL, 0, id, detail, now) == -1 ||
	    store_commit(s) == -1))) {
		store_rollback(s);
		return -1;
	}
	if (rc == 1)
		store_rollback(s);
	return rc;
}
