/*
 * plan.c: turns a policy and a deadline into the jobs of an occurrence:
 * reminders before the deadline, escalations after it.  Whole-day
 * offsets land on a local date at the policy's remind_at, because "one
 * day before" means the morning of that day to an official, not exactly
 * 24 hours earlier.  Working-day offsets ("-5wd") count only days state
 * agencies work, and the policy's send window moves a reminder earlier
 * and an escalation later when it would land on a day off or at night.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "log.h"
#include "plan.h"
#include "recur.h"
#include "store.h"
#include "tztime.h"
#include "sendwin.h"
#include "workday.h"
#include "xmalloc.h"

/* When an offset from DUE falls, before any send-window adjustment. */
time_t
plan_offset(const struct calendar *cal, const struct offset *o, time_t due,
    int remind_at)
{
	if (o->is_workdays)
		return wd_shift(cal, due, o->days, remind_at);
	if (o->is_days)
		return local_day_at(due, o->days, remind_at);
	return due + o->secs;
}

static int
cmp_fire(const void *a, const void *b)
{
	const struct planned_job *x = a, *y = b;

	if (x->fire_at != y->fire_at)
		return x->fire_at < y->fire_at ? -1 : 1;
	/* Equal times: reminders, then escalations, then alerts. */
	return (int)x->kind - (int)y->kind;
}

/* The Kth repeat of offset R after LAST, moved later out of closed hours. */
static time_t
repeat_at(const struct policy *p, const struct calendar *cal,
    const struct offset *r, int k, time_t last)
{
	struct offset o = *r;

	o.days *= k;
	o.secs *= k;
	return wd_later(cal, p, plan_offset(cal, &o, last, p->remind_at));
}

/*
 * Nagging: after the last escalation (or the deadline, with none), the
 * lead hears again every p->repeat and the parent every p->repeat_parent,
 * up to max_repeats times each; the parent's repeats stop with the
 * lead's, since a slower cadence is the point.  They are planned ahead
 * like every other job, so closing the occurrence cancels them all.
 * Appends to OUT (N used of MAX); returns the new count.
 */
static int
plan_repeats(const struct policy *p, const struct calendar *cal, time_t due,
    struct planned_job *out, int n, int max)
{
	time_t last = due, end = 0, t;
	int i, k;

	if (p->max_repeats <= 0)
		return n;
	for (i = 0; i < n; i++)
		if (out[i].kind == JOB_ESCALATION && out[i].fire_at > last)
			last = out[i].fire_at;
	if (p->repeat.days > 0 || p->repeat.secs > 0)
		for (k = 1; k <= p->max_repeats && n < max; k++, n++) {
			out[n].kind = JOB_ESCALATION;
			out[n].fire_at = end = repeat_at(p, cal, &p->repeat, k,
			    last);
			snprintf(out[n].target, sizeof(out[n].target), "lead");
		}
	if (p->repeat_parent.days > 0 || p->repeat_parent.secs > 0)
		for (k = 1; k <= p->max_repeats && n < max; k++, n++) {
			t = repeat_at(p, cal, &p->repeat_parent, k, last);
			if (end != 0 && t > end)
				break;
			out[n].kind = JOB_ESCALATION;
			out[n].fire_at = t;
			snprintf(out[n].target, sizeof(out[n].target),
			    "parent");
		}
	return n;
}

/*
 * Fills OUT with the jobs POLICY plans for a deadline DUE, in time order,
 * numbering steps per kind.  Returns how many (at most MAX).
 */
int
plan_jobs(const struct policy *p, const struct calendar *cal, time_t due,
    struct planned_job *out, int max)
{
	const struct esc_step *e;
	time_t t;
	int i, n = 0, first;

	/* Reminders and alerts come before; a send window moves them earlier. */
	for (i = 0; i < p->nremind && n < max; i++, n++) {
		out[n].kind = JOB_REMINDER;
		/*
		 * A "-0d" style offset could land after a deadline set before
		 * remind_at; a reminder must never come after the deadline,
		 * and the window applies to the time it is finally given.
		 */
		t = plan_offset(cal, &p->remind[i], due, p->remind_at);
		out[n].fire_at = wd_earlier(cal, p, t > due ? due : t);
		snprintf(out[n].target, sizeof(out[n].target), "lead");
	}
	for (i = 0; i < p->nalert && n < max; i++, n++) {
		out[n].kind = JOB_ALERT;
		t = plan_offset(cal, &p->alert[i], due, p->remind_at);
		out[n].fire_at = wd_earlier(cal, p, t > due ? due : t);
		snprintf(out[n].target, sizeof(out[n].target), "lead");
	}
	for (i = 0; i < p->nescalate && n < max; i++, n++) {
		e = &p->escalate[i];
		out[n].kind = JOB_ESCALATION;
		out[n].fire_at = plan_offset(cal, &e->off, due, p->remind_at);
		if (out[n].fire_at < due)
			out[n].fire_at = due;
		out[n].fire_at = wd_later(cal, p, out[n].fire_at);
		if (e->target == TARGET_LEAD)
			snprintf(out[n].target, sizeof(out[n].target), "lead");
		else if (e->target == TARGET_PARENT)
			snprintf(out[n].target, sizeof(out[n].target),
			    "parent");
		else
			snprintf(out[n].target, sizeof(out[n].target),
			    "agency:%s", e->agency);
	}
	n = plan_repeats(p, cal, due, out, n, max);
	/* Time order overall, steps numbered 1, 2, ... within each kind. */
	qsort(out, (size_t)n, sizeof(*out), cmp_fire);
	/*
	 * Two reminders moved onto the same moment (say -1d and -3d both
	 * pushed back over a weekend) would only repeat each other.
	 */
	for (i = 1; i < n; i++)
		if (out[i].kind != JOB_ESCALATION &&
		    out[i].kind == out[i - 1].kind &&
		    out[i].fire_at == out[i - 1].fire_at) {
			memmove(&out[i], &out[i + 1], (size_t)(n - i - 1) *
			    sizeof(*out));
			n--;
			i--;
		}
	for (first = 0; first < JOB_NKINDS; first++) {
		int step = 1;

		for (i = 0; i < n; i++)
			if ((int)out[i].kind == first)
				out[i].step = step++;
	}
	return n;
}

/*
 * The next random byte, drawn from OpenSSL's generator a block at a
 * time: an import makes a code per row, and one RAND_bytes call per code
 * cost as much as the rest of making it.  A forked process draws its own,
 * never the bytes its parent has left.  -1 when none can be had.
 */
static unsigned char pool[4096];
static size_t pool_left;

/* In a forked child: the parent's bytes are the parent's. */
static void
pool_forget(void)
{
	OPENSSL_cleanse(pool, sizeof(pool));
	pool_left = 0;
}

static int
rand_byte(void)
{
	static int armed;

	/* Told at fork rather than asking getpid(), a system call, a code. */
	if (!armed) {
		if (pthread_atfork(NULL, NULL, pool_forget) != 0)
			return -1;
		armed = 1;
	}
	if (pool_left == 0) {
		if (RAND_bytes(pool, sizeof(pool)) != 1)
			return -1;
		pool_left = sizeof(pool);
	}
	return pool[--pool_left];
}

/*
 * Makes a short code people can read out and type on a phone: no 0/O or
 * 1/I/L to confuse, and at least one letter so it never looks like an id.
 */
int
plan_ack_code(char *buf, size_t len)
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	const int na = sizeof(alphabet) - 1;
	size_t i, n = 0;
	int letter, r;

	if (len < ACK_CODE_LEN + 1)
		return -1;
	while (n < ACK_CODE_LEN) {
		if ((r = rand_byte()) == -1)
			return -1;
		/* Rejection keeps the draw uniform over the alphabet. */
		if (r >= 256 - 256 % na)
			continue;
		buf[n++] = alphabet[r % na];
		if (n == ACK_CODE_LEN) {
			for (i = 0, letter = 0; i < n; i++)
				letter |= buf[i] >= 'A' && buf[i] <= 'Z';
			if (!letter)
				n = 0;
		}
	}
	buf[n] = '\0';
	return 0;
}

/*
 * Codes for a large import, drawn ACK_BATCH at a time and sorted, so that
 * consecutive occurrences take ascending codes and the ack index grows in
 * runs through neighbouring leaves rather than at a random leaf per row,
 * a tenth of a million-row import's time.  Each code is as random as
 * plan_ack_code makes it; only the order of handing them out is chosen.
 * A code is a label to read out, not a secret: a link carries a MAC, and
 * a reply counts only from the agency the task concerns (reply.c).
 */
#define ACK_BATCH	65536

static int
by_code(const void *a, const void *b)
{
	return memcmp(a, b, ACK_CODE_LEN + 1);
}

int
occ_batch_code(struct occ_batch *b, char *buf, size_t len)
{
	int i, m;

	if (len < ACK_CODE_LEN + 1)
		return -1;
	if (b->next == b->n) {
		if (b->code == NULL)
			b->code = xcalloc(ACK_BATCH, sizeof(*b->code));
		for (i = 0; i < ACK_BATCH; i++)
			if (plan_ack_code(b->code[i], sizeof(b->code[i])) == -1)
				return -1;
		qsort(b->code, ACK_BATCH, sizeof(*b->code), by_code);
		/* The same code twice in one batch goes once. */
		for (i = 1, m = 1; i < ACK_BATCH; i++)
			if (by_code(b->code[i], b->code[m - 1]) != 0)
				memcpy(b->code[m++], b->code[i],
				    sizeof(b->code[i]));
		b->n = m;
		b->next = 0;
	}
	memcpy(buf, b->code[b->next++], ACK_CODE_LEN + 1);
	return 0;
}

void
occ_batch_free(struct occ_batch *b)
{
	free(b->code);
	free(b->memo);
	memset(b, 0, sizeof(*b));
}

/*
 * A deadline's plan when its jobs are stored later: the moved deadline
 * and why, how many jobs, how many past, and when they are stored.  A
 * million rows name a few hundred deadlines, and working the calendar
 * out for each row was a twelfth of the import.  The key is everything
 * the plan is a function of; the policy stays the same object for the
 * batch's life.
 */
#define OCC_MEMO	512

struct occ_memo {
	const struct policy *p;
	time_t		 due_in, from, now;
	time_t		 due, plan_at;
	int		 n, past;
	char		 why[200];
};

static struct occ_memo *
memo_slot(struct occ_batch *b, const struct policy *p, time_t due,
    time_t from, time_t now)
{
	uint64_t k = (uint64_t)due ^ ((uint64_t)(uintptr_t)p << 17) ^
	    (uint64_t)from ^ ((uint64_t)now << 7);

	if (b->memo == NULL)
		b->memo = xcalloc(OCC_MEMO, sizeof(*b->memo));
	return &b->memo[((k * 0x9e3779b97f4a7c15ULL) >> 40) % OCC_MEMO];
}

/*
 * The jobs POLICY plans for a deadline DUE from FROM on, in OUT (at most
 * PLAN_MAX_JOBS); those before FROM are counted in *PAST.  Returns how
 * many.
 */
static int
jobs_from(const struct policy *p, const struct calendar *cal, time_t due,
    time_t from, struct planned_job *out, int *past)
{
	int i, n, m = 0;

	n = plan_jobs(p, cal, due, out, PLAN_MAX_JOBS);
	for (i = 0; i < n; i++) {
		if (out[i].fire_at < from) {
			if (past != NULL)
				(*past)++;
			continue;
		}
		out[m++] = out[i];
	}
	return m;
}

/*
 * When jobs JOBS (N, in time order) planned at NOW are to be stored: 0
 * now, when the first lies within the policy's horizon, else as it comes
 * within it.  Until then they are only computed, so an import of a
 * year's plan writes its occurrences and not five times as many jobs.
 */
static time_t
store_from(const struct policy *p, const struct planned_job *jobs, int n,
    time_t now)
{
	if (n == 0 || jobs[0].fire_at - p->horizon <= now)
		return 0;
	return jobs[0].fire_at - p->horizon;
}

static int
jobs_store(struct store *s, int64_t occ_id, const struct planned_job *jobs,
    int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (store_job_add(s, occ_id, jobs[i].kind, jobs[i].step,
		    jobs[i].target, jobs[i].fire_at) == -1)
			return -1;
	return 0;
}

/*
 * Creates an occurrence of TASK_ID due at DUE with all its jobs, inside
 * the caller's transaction.  A deadline on a day off first follows the
 * policy's deadline_rule (R->why says so).  Jobs whose time has already
 * passed at NOW are not planned (counted in R->past): a new task should
 * not fire a burst of stale reminders.  Jobs beyond the horizon are
 * counted as planned and stored when they come within it.
 */
static int
occ_create(struct store *s, const struct policy *p,
    const struct calendar *cal, int64_t task_id, time_t due, time_t now,
    time_t jobs_from_t, struct occ_batch *batch, struct plan_result *r)
{
	struct planned_job jobs[PLAN_MAX_JOBS];
	struct occ_memo *m;
	time_t plan_at;
	int rc, tries, n;

	memset(r, 0, sizeof(*r));
	m = batch != NULL ? memo_slot(batch, p, due, jobs_from_t, now) : NULL;
	if (m != NULL && m->p == p && m->due_in == due &&
	    m->from == jobs_from_t && m->now == now) {
		r->due = due = m->due;
		snprintf(r->why, sizeof(r->why), "%s", m->why);
		r->past = m->past;
		n = m->n;
		plan_at = m->plan_at;
	} else {
		r->due = wd_deadline(cal, p, due, r->why, sizeof(r->why));
		n = jobs_from(p, cal, r->due, jobs_from_t, jobs, &r->past);
		plan_at = store_from(p, jobs, n, now);
		/* Only a plan stored later: the jobs themselves are not kept. */
		if (m != NULL && plan_at != 0) {
			m->p = p;
			m->due_in = due;
			m->from = jobs_from_t;
			m->now = now;
			m->due = r->due;
			m->plan_at = plan_at;
			m->n = n;
			m->past = r->past;
			snprintf(m->why, sizeof(m->why), "%s", r->why);
		}
		due = r->due;
	}
	for (tries = 0; tries < 20; tries++) {
		/* A code taken already is followed by one drawn alone. */
		if ((batch != NULL && tries == 0 ? occ_batch_code(batch, r->ack,
		    sizeof(r->ack)) : plan_ack_code(r->ack,
		    sizeof(r->ack))) == -1) {
			log_warnx("no random bytes for an ack code");
			return -1;
		}
		if ((rc = store_occ_add_at(s, task_id, due, r->ack, now,
		    plan_at, &r->occ_id)) != 1)
			break;
	}
	if (rc != 0) {
		if (rc == 1)
			log_warnx("could not find a free ack code");
		return -1;
	}
	r->planned = n;
	if (plan_at != 0)
		return 0;
	return jobs_store(s, r->occ_id, jobs, n);
}

int
plan_occurrence(struct store *s, const struct policy *p,
    const struct calendar *cal, int64_t task_id, time_t due, time_t now,
    struct plan_result *r)
{
	return occ_create(s, p, cal, task_id, due, now, now, NULL, r);
}

/*
 * As plan_occurrence, with what BATCH shares (NULL: none).  RECORDED:
 * a deadline that had passed before the task was imported; the
 * occurrence is recorded, owed, but none of its jobs is planned, so
 * nothing stale is ever sent.
 */
int
plan_occurrence_from(struct store *s, const struct policy *p,
    const struct calendar *cal, int64_t task_id, time_t due, time_t now,
    int recorded, struct occ_batch *batch, struct plan_result *r)
{
	return occ_create(s, p, cal, task_id, due, now, recorded ?
	    (time_t)INT64_MAX : now, batch, r);
}

/*
 * Plans the jobs of occurrence OCC_ID due at DUE: all of them, except
 * those already past at NOW (counted in *PAST); those beyond the horizon
 * are stored when they come within it.
 */
int
plan_occ_jobs(struct store *s, const struct policy *p,
    const struct calendar *cal, int64_t occ_id, time_t due, time_t now,
    int *planned, int *past)
{
	struct planned_job jobs[PLAN_MAX_JOBS];
	time_t plan_at;
	int n;

	n = jobs_from(p, cal, due, now, jobs, past);
	plan_at = store_from(p, jobs, n, now);
	*planned += n;
	if (store_occ_defer(s, occ_id, plan_at) == -1)
		return -1;
	return plan_at != 0 ? 0 : jobs_store(s, occ_id, jobs, n);
}

/*
 * The jobs of an occurrence not yet stored (its plan_at set), as they
 * will be stored: what "task show" lists and closing it counts.
 */
int
plan_unstored(const struct policy *p, const struct calendar *cal,
    time_t due, time_t plan_at, struct planned_job *out)
{
	return jobs_from(p, cal, due, plan_at, out, NULL);
}

struct plan_due_ctx {
	struct store	*s;
	const struct config *conf;
	int		 failed;
};

static void
plan_one(void *arg, const struct unplanned_row *u)
{
	struct plan_due_ctx *pc = arg;
	struct planned_job jobs[PLAN_MAX_JOBS];
	const struct policy *p;
	int n;

	if (pc->failed)
		return;
	if ((p = config_policy(pc->conf, u->policy)) == NULL)
		p = config_policy(pc->conf, pc->conf->default_policy);
	/*
	 * From plan_at, not from now: a job the daemon was down for is
	 * stored all the same, and firing it late decides (max_lateness)
	 * as for any other job.
	 */
	n = plan_unstored(p, pc->conf->calendar, u->due_at, u->plan_at, jobs);
	if (jobs_store(pc->s, u->id, jobs, n) == -1 ||
	    store_occ_defer(pc->s, u->id, 0) == -1)
		pc->failed = 1;
}

/*
 * Stores the jobs of up to LIMIT occurrences that have come within their
 * policy's reach by UNTIL.  Returns how many occurrences, or -1.
 */
int
plan_due(struct store *s, const struct config *conf, time_t until, int limit)
{
	struct plan_due_ctx pc = { s, conf, 0 };
	int n;

	if ((n = store_occs_to_plan(s, until, limit, plan_one, &pc)) == -1 ||
	    pc.failed)
		return -1;
	return n;
}

/*
 * Plans the occurrences of a recurring task up to NOW plus the policy's
 * horizon (or UNTIL, if later: a preview looks further), and always the
 * next one after NOW, then records how far it
 * got and when to look again.  A new task starts from its next instance:
 * periods before it was added are not invented as overdue.  Periods
 * missed while the daemon was down are planned (and stay overdue until
 * closed); each is tracked on its own.
 */
int
plan_expand(struct store *s, const struct policy *p,
    const struct calendar *cal, const struct expand_row *row, time_t now,
    time_t until, int *created)
{
	struct plan_result pr;
	time_t after, next, last = row->last_instance;
	time_t reach = now + p->horizon > until ? now + p->horizon : until;
	int rc;

	*created = 0;
	if (row->rrule == NULL || row->rrule[0] == '\0')
		return store_task_expanded(s, row->id, last, 0);
	after = last != 0 ? last : (row->dtstart - 1 > now - 1 ?
	    row->dtstart - 1 : now - 1);
	while (*created < PLAN_EXPAND_MAX) {
		if ((rc = recur_next(row->rrule, row->dtstart, after, &next)) ==
		    -1) {
			log_warnx("task %lld: cannot expand \"%s\"; no further "
			    "occurrences planned", (long long)row->id,
			    row->rrule);
			return store_task_expanded(s, row->id, last, 0);
		}
		if (rc == 0)	/* the rule has ended (COUNT or UNTIL) */
			return store_task_expanded(s, row->id, last, 0);
		if (next > reach && last > now)
			return store_task_expanded(s, row->id, last,
			    next - p->horizon);
		if (plan_occurrence(s, p, cal, row->id, next, now, &pr) == -1)
			return -1;
		if (pr.why[0] != '\0' && store_event(s, EV_EXTENDED, pr.occ_id,
		    0, pr.why, now) == -1)
			return -1;
		last = after = next;
		(*created)++;
	}
	/* More to plan than one pass allows: carry on at the next wake-up. */
	return store_task_expanded(s, row->id, last, now);
}
