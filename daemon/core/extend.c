/*
 * extend.c: moves an occurrence's deadline.  The new deadline follows the
 * policy's deadline_rule (a day off moves it, and the change says why);
 * the jobs still to come are cancelled and planned again from it; the
 * event log keeps who did it, from when to when, and why.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "extend.h"
#include "plan.h"
#include "store.h"
#include "store-web.h"
#include "tztime.h"
#include "sendwin.h"
#include "workday.h"
#include "nls.h"

static void
task_policy(void *arg, const struct task_row *t)
{
	snprintf(arg, 64, "%s", t->policy);
}

/* occ_extend within the caller's transaction. */
int
occ_extend_in(struct store *s, const struct config *conf, int64_t task,
    const char *ack, const char *to, const char *reason, const char *by,
    time_t now, struct extend_result *r, char *err, size_t errlen)
{
	return occ_extend_by_in(s, conf, task, ack, to, reason, by, NULL, now,
	    r, err, errlen);
}

int
occ_extend_by_in(struct store *s, const struct config *conf, int64_t task,
    const char *ack, const char *to, const char *reason, const char *by,
    const char *actor, time_t now, struct extend_result *r, char *err,
    size_t errlen)
{
	const struct policy *p;
	struct occ_row occ;
	char policy[64] = "", e[200], from_s[32], to_s[32], detail[512];
	struct planned_job jobs[PLAN_MAX_JOBS];
	time_t due;
	int rc, past = 0, unstored = 0;

	memset(r, 0, sizeof(r[0]));
	if (to == NULL || reason == NULL || *reason == '\0') {
		snprintf(err, errlen, _("%s: required"), to == NULL ? "to" :
		    "reason");
		return -1;
	}
	rc = store_occ_find(s, task, ack, &occ, r->ack, sizeof(r->ack));
	if (rc == 1 && task != 0 && occ.task_id != task)
		rc = 0;
	if (rc != 1)
		return rc == -1 ? -2 : -3;
	if (occ.state != OCC_OPEN) {
		snprintf(err, errlen, _("occurrence %s is %s already"), r->ack,
		    occ_state_name(occ.state));
		return -1;
	}
	if (store_task_get(s, occ.task_id, task_policy, policy) == -1)
		return -2;
	if ((p = config_policy(conf, policy)) == NULL)
		p = config_policy(conf, conf->default_policy);
	if (parse_when(to, now, p->deadline_time, &due, e, sizeof(e)) == -1) {
		snprintf(err, errlen, _("to: \"%s\": %s"), to, e);
		return -1;
	}
	due = wd_deadline(conf->calendar, p, due, r->why, sizeof(r->why));
	r->task_id = occ.task_id;
	r->occ_id = occ.id;
	r->from = occ.due_at;
	r->to = due;
	fmt_local(occ.due_at, from_s, sizeof(from_s));
	fmt_local(due, to_s, sizeof(to_s));
	/* Jobs not stored yet are replaced all the same. */
	if (occ.plan_at != 0)
		unstored = plan_unstored(p, conf->calendar, occ.due_at,
		    occ.plan_at, jobs);
	if (store_occ_move(s, occ.id, due, now, &r->cancelled) != 0 ||
	    plan_occ_jobs(s, p, conf->calendar, occ.id, due, now, &r->planned,
	    &past) == -1)
		return -2;
	r->cancelled += unstored;
	snprintf(detail, sizeof(detail), "deadline %s -> %s%s%s: %s%s%s; %d "
	    "job(s) re-planned", from_s, to_s, by ? " by " : "", by ? by : "",
	    reason, r->why[0] ? "; " : "", r->why, r->planned);
	if ((actor != NULL ? store_event_by(s, EV_EXTENDED, occ.id, actor,
	    detail, now) : store_event(s, EV_EXTENDED, occ.id, 0, detail,
	    now)) == -1)
		return -2;
	return 0;
}

int
occ_extend(struct store *s, const struct config *conf, int64_t task,
    const char *ack, const char *to, const char *reason, const char *by,
    time_t now, struct extend_result *r, char *err, size_t errlen)
{
	int rc;

	if (store_begin(s) == -1)
		return -2;
	rc = occ_extend_in(s, conf, task, ack, to, reason, by, now, r, err,
	    errlen);
	if (rc != 0 || store_commit(s) == -1) {
		store_rollback(s);
		return rc != 0 ? rc : -2;
	}
	return 0;
}
