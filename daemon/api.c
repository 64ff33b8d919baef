/*
 * api.c: the admin API's routes, JSON in and out (jansson), served by the
 * control listeners (control.c decides who may call them):
 *
 *   GET  /metrics                         Prometheus text
 *   GET  /v1/status                       live counters
 *   POST /v1/wake                         re-run the scheduler now
 *   POST /v1/reload                       re-read the configuration
 *   GET  /v1/agencies, /v1/agencies/CODE  POST /v1/agencies
 *   GET  /v1/agencies/CODE/calendar.ics   the agency's deadlines
 *   GET  /v1/contacts[?agency=CODE]       POST /v1/contacts
 *   GET  /v1/plans                        POST /v1/plans
 *   GET  /v1/tasks[?overdue=1&agency=CODE], /v1/tasks/ID  POST /v1/tasks
 *   GET  /v1/tasks/ID/occurrences
 *   GET  /v1/occurrences/ACK              one occurrence, by its ack code
 *   POST /v1/done                         {"task": ID} or {"ack_code": ...}
 *   GET  /v1/messages[?state=S&limit=N]
 *   POST /v1/messages/ID/retry, /v1/messages/ID/cancel
 *   PATCH /v1/contacts/ID, /v1/agencies/CODE, /v1/plans/CODE,
 *         /v1/tasks/ID    change the fields given (null clears one)
 *   PATCH /v1/occurrences/ACK  {"due": WHEN, "reason": ...}: extend
 *
 * Errors are {"error": "..."} with 400 (bad JSON, wrong types, refused
 * values), 404 (no such route or object), 405 or 503 (database).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#include "api.h"
#include "apireq.h"
#include "clock.h"
#include "directory.h"
#include "dispatch.h"
#include "done.h"
#include "extend.h"
#include "ics.h"
#include "log.h"
#include "metrics.h"
#include "pubmsg.h"
#include "rowjson.h"
#include "nvd.h"
#include "sched.h"
#include "store.h"
#include "taskadd.h"
#include "taskstart.h"
#include "tztime.h"
#include "xmalloc.h"

#define API_MAX_LIST	1000

/* A request and its answer, as the control listener passes them. */
struct io {
	const struct pubmsg_req *in;
	struct pubresp	*out;
};

static void
reply(struct io *req, int code, const char *type,
    const char *body, size_t len)
{
	pubresp_set(req->out, code, code == 200 ? "OK" : code == 201 ?
	    "Created" : code == 400 ? "Bad Request" : code == 404 ?
	    "Not Found" : code == 405 ? "Method Not Allowed" : code == 409 ?
	    "Conflict" : code == 503 ? "Service Unavailable" : "Error", type,
	    body, len);
}

static void
reply_json(struct io *req, int code, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("json_dumps failed");
	reply(req, code, "application/json", s, strlen(s));
	free(s);
}

static void
fail(struct io *req, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct io *req, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	reply_json(req, code, json_pack("{s:s}", "error", msg));
}

static void
store_failed(struct api *a, struct io *req)
{
	log_warnx("admin API: %s", store_error(a->d->store));
	fail(req, 503, "database: %s", store_error(a->d->store));
}

/* The body as a JSON object, or NULL after a 400 has been sent. */
static json_t *
body_object(struct io *req)
{
	size_t len = req->in->bodylen;
	char err[256];
	json_t *j;

	/* The reader says how long a body may be. */
	j = apireq_object(len > API_MAX_BODY ? NULL : req->in->body, len,
	    err, sizeof(err));
	if (j == NULL)
		fail(req, 400, "%s", err);
	return j;
}

static void
updated(struct api *a, struct io *req, int rc, const char *err)
{
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, strncmp(err, "no ", 3) == 0 ? 404 : 400, "%s", err);
	else {
		sched_kick(a->d->sched);
		reply_json(req, 200, json_pack("{s:b}", "updated", 1));
	}
}

/* PATCH /v1/KIND/KEY: KEY a numeric id or a percent-encoded code. */
static void
patch(struct api *a, struct io *req, const char *kind,
    const char *key)
{
	struct store *st = a->d->store;
	struct contact_patch cp;
	struct patch_str f[5];
	json_t *o;
	char err[256], *code;
	int64_t id = apireq_id(key, strlen(key));
	int rc = -1;

	if ((o = body_object(req)) == NULL)
		return;
	if ((code = evhttp_uridecode(key, 0, NULL)) == NULL)
		fatalx("evhttp_uridecode failed");
	if (strcmp(kind, "contacts") == 0 && id != 0) {
		if (apireq_contact_patch(o, &cp, err, sizeof(err)) == -1)
			goto bad;
		rc = dir_contact_update(st, id, &cp, err, sizeof(err));
	} else if (strcmp(kind, "agencies") == 0) {
		static const char *const keys[] = { "name", "parent", NULL };

		if (apireq_patch(o, keys, f, err, sizeof(err)) == -1)
			goto bad;
		rc = dir_agency_update(st, code, &f[0], &f[1], err,
		    sizeof(err));
	} else if (strcmp(kind, "plans") == 0) {
		static const char *const keys[] = { "title", "issuer", "date",
		    "period_from", "period_until", NULL };

		if (apireq_patch(o, keys, f, err, sizeof(err)) == -1)
			goto bad;
		rc = dir_plan_update(st, code, &f[0], &f[1], &f[2], err,
		    sizeof(err));
		/* The period the plan's recurrences end with. */
		if (rc == 0 && (f[3].set || f[4].set))
			rc = dir_plan_period(st, code, f[3].value, f[4].value,
			    err, sizeof(err));
	} else if (strcmp(kind, "occurrences") == 0) {
		struct extend_result er;
		struct extend_req x;

		if (apireq_extend(o, &x, err, sizeof(err)) == -1)
			goto bad;
		rc = occ_extend(st, a->d->conf, 0, code, x.due, x.reason,
		    x.by, clock_now(), &er, err, sizeof(err));
		if (rc == -3) {
			rc = -1;
			snprintf(err, sizeof(err), "no occurrence \"%s\"",
			    code);
		} else if (rc == -1 && strncmp(err, "to:", 3) == 0)
			memcpy(err, "due", 3);	/* the API's name for it */
		else if (rc == 0) {
			/* What moved, as "nhacviec task extend" tells it. */
			sched_kick(a->d->sched);
			reply_json(req, 200, json_pack("{s:b, s:I, s:I, s:s, "
			    "s:I, s:I, s:i, s:i, s:o}", "updated", 1, "task",
			    (json_int_t)er.task_id, "occurrence",
			    (json_int_t)er.occ_id, "ack_code", er.ack, "from",
			    (json_int_t)er.from, "to", (json_int_t)er.to,
			    "jobs_cancelled", er.cancelled, "jobs_planned",
			    er.planned, "deadline_moved", json_str_or_null(
			    er.why[0] ? er.why : NULL)));
			goto out;
		}
	} else if (strcmp(kind, "tasks") == 0 && id != 0) {
		static const char *const keys[] = { "title", "ref", "quota",
		    NULL };

		if (apireq_patch(o, keys, f, err, sizeof(err)) == -1)
			goto bad;
		rc = dir_task_update(st, id, &f[0], &f[1], &f[2], err,
		    sizeof(err));
	} else {
		fail(req, 404, "no %s \"%s\"", kind, code);
		goto out;
	}
	updated(a, req, rc, err);
	goto out;
bad:
	fail(req, 400, "%s", err);
out:
	free(code);
	json_decref(o);
}

static void
add_row(void *arg, json_t *row)
{
	json_t *arr = arg;

	if (json_array_size(arr) < API_MAX_LIST)
		json_array_append_new(arr, row);
	else
		json_decref(row);
}

static void
agency_row_cb(void *arg, const struct agency_row *r)
{
	add_row(arg, agency_json(r));
}

static void
contact_row_cb(void *arg, const struct contact_row *r)
{
	add_row(arg, contact_json(r));
}

static void
plan_row_cb(void *arg, const struct plan_row *r)
{
	add_row(arg, plan_json(r));
}

static void
task_row_cb(void *arg, const struct task_row *r)
{
	add_row(arg, task_json(r, clock_now()));
}

static void
occ_row_cb(void *arg, const struct occ_row *r)
{
	add_row(arg, occ_json(r));
}

static void
msg_row_cb(void *arg, const struct msg_row *r)
{
	add_row(arg, msg_json(r));
}

static void
status(struct api *a, struct io *req)
{
	struct nvd *d = a->d;
	struct store_counts n;

	if (store_counts(d->store, clock_now(), &n) == -1) {
		store_failed(a, req);
		return;
	}
	reply_json(req, 200, json_pack("{s:s, s:i, s:I, s:I, s:I, s:i, "
	    "s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}, "
	    "s:I, s:I, s:I, s:I, s:b}",
	    "version", NHACVIEC_VERSION,
	    "pid", (int)getpid(),
	    "started", (json_int_t)a->started,
	    "now", (json_int_t)clock_now(),
	    "next_wake", (json_int_t)(d->sched->next_wake_ms < 0 ? -1 :
	    d->sched->next_wake_ms / 1000),
	    "inflight", dispatch_inflight(d->disp),
	    "messages", counts_json(&n),
	    "since_start",
	    "jobs_fired", (json_int_t)d->stats.jobs.fired,
	    "jobs_skipped", (json_int_t)d->stats.jobs.skipped,
	    msg_state_name(MSG_SENT), (json_int_t)d->stats.msgs_sent,
	    "retried", (json_int_t)d->stats.msgs_retried,
	    msg_state_name(MSG_FAILED), (json_int_t)d->stats.msgs_failed,
	    msg_state_name(MSG_DEAD), (json_int_t)d->stats.msgs_dead,
	    msg_state_name(MSG_DELIVERED), (json_int_t)d->stats.msgs_delivered,
	    "receipts_refused", (json_int_t)d->stats.receipts_refused,
	    "in_doubt_resent", (json_int_t)d->stats.in_doubt,
	    "in_doubt_total", (json_int_t)n.in_doubt,
	    "jobs_pending", (json_int_t)n.jobs_pending,
	    "occurrences_open", (json_int_t)n.occ_open,
	    "occurrences_overdue", (json_int_t)n.occ_overdue,
	    "fake_clock", clock_is_fake()));
}

static void
metrics(struct api *a, struct io *req)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		fatalx("evbuffer_new failed");
	if (metrics_render(a->d, b) == -1) {
		evbuffer_free(b);
		store_failed(a, req);
		return;
	}
	reply(req, 200, "text/plain; version=0.0.4; charset=utf-8",
	    (const char *)evbuffer_pullup(b, -1), evbuffer_get_length(b));
	evbuffer_free(b);
}

static void
created(struct api *a, struct io *req, int rc, int64_t id,
    const char *err)
{
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, 400, "%s", err);
	else {
		sched_kick(a->d->sched);
		reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
	}
}

/* POST /v1/agencies, /v1/contacts, /v1/plans: read, add, answer 201. */
static void
directory_post(struct api *a, struct io *req, const char *kind)
{
	struct agency_req ar;
	struct contact_row cr;
	struct plan_row pr;
	const char *agency;
	json_t *o;
	char err[256];
	int64_t id = 0;
	time_t now = clock_now();
	int rc;

	if ((o = body_object(req)) == NULL)
		return;
	if (strcmp(kind, "agencies") == 0)
		rc = apireq_agency(o, &ar, err, sizeof(err)) == -1 ? -1 :
		    dir_agency_add(a->d->store, ar.code, ar.name,
		    ar.parent, ar.groups, ar.ngroups, now, &id, err,
		    sizeof(err));
	else if (strcmp(kind, "contacts") == 0)
		rc = apireq_contact(o, &agency, &cr, err, sizeof(err)) == -1 ?
		    -1 : dir_contact_add(a->d->store, agency, &cr, now, &id,
		    err, sizeof(err));
	else
		rc = apireq_plan(o, &pr, err, sizeof(err)) == -1 ? -1 :
		    dir_plan_add(a->d->store, &pr, now, &id, err,
		    sizeof(err));
	created(a, req, rc, id, err);
	json_decref(o);
}

static void
task_post(struct api *a, struct io *req)
{
	struct task_spec t;
	struct task_added r;
	json_t *o;
	char err[256];
	int rc;

	if ((o = body_object(req)) == NULL)
		return;
	if (apireq_task(o, &t, err, sizeof(err)) == -1) {
		fail(req, 400, "%s", err);
		goto out;
	}
	rc = task_add(a->d->store, a->d->conf, &t, clock_now(), &r,
	    err, sizeof(err));
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, 400, "%s", err);
	else {
		sched_kick(a->d->sched);
		if (t.due != NULL)
			reply_json(req, 201, json_pack("{s:I, s:I, s:s, s:I, "
			    "s:s, s:i, s:o}", "task", (json_int_t)r.task_id,
			    "occurrence", (json_int_t)r.occ_id, "ack_code",
			    r.ack, "due", (json_int_t)r.due, "policy",
			    r.policy, "jobs", r.planned, "deadline_moved",
			    json_str_or_null(r.why[0] ? r.why : NULL)));
		else
			reply_json(req, 201, json_pack("{s:I, s:s, s:o, s:i}",
			    "task", (json_int_t)r.task_id, "schedule",
			    sched_kind_name(r.sched),
			    "rrule", json_str_or_null(r.rrule[0] ? r.rrule :
			    NULL), "occurrences", r.occurrences));
	}
out:
	json_decref(o);
}

static void
done_post(struct api *a, struct io *req)
{
	struct done_result r;
	struct done_req d;
	json_t *o;
	char err[256];
	int rc;

	if ((o = body_object(req)) == NULL)
		return;
	if (apireq_done(o, &d, err, sizeof(err)) == -1) {
		fail(req, 400, "%s", err);
		goto out;
	}
	rc = done_mark(a->d->store, a->d->conf, d.task, d.ack, d.by, "api",
	    d.note, clock_now(), &r);
	if (rc == -1)
		store_failed(a, req);
	else if (rc == 0)
		fail(req, 404, "no %s", d.task ? "such task" :
		    "such ack code");
	else if (rc == 2)
		fail(req, 409, "task %lld: no period is due yet; the next has "
		    "ack code %s", (long long)r.task_id, r.ack_code);
	else {
		if (r.changed)
			sched_kick(a->d->sched);
		reply_json(req, 200, json_pack("{s:I, s:I, s:s, s:I, s:s, "
		    "s:b, s:i}", "occurrence", (json_int_t)r.occ_id, "task",
		    (json_int_t)r.task_id, "ack_code", r.ack_code, "due",
		    (json_int_t)r.due_at, "state", occ_state_name(r.state),
		    "changed", r.changed, "jobs_cancelled", r.jobs_cancelled));
	}
out:
	json_decref(o);
}

static void
message_change(struct api *a, struct io *req, int64_t id,
    const char *verb)
{
	int rc;

	if ((rc = msg_change(a->d->store, id, verb, clock_now())) == -1) {
		store_failed(a, req);
		return;
	}
	if (rc == 1) {
		fail(req, 404, "no message %lld that can be %s", (long long)id,
		    strcmp(verb, "retry") == 0 ? "retried (failed, dead, "
		    "cancelled or queued)" : "cancelled (queued, failed or "
		    "dead)");
		return;
	}
	sched_kick(a->d->sched);
	reply_json(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id,
	    "state", msg_state_name(strcmp(verb, "retry") == 0 ? MSG_QUEUED :
	    MSG_CANCELLED)));
}


/* Runs a list query into an array and replies with it. */
static void
list_reply(struct api *a, struct io *req, json_t *arr, int rc)
{
	if (rc == -1) {
		json_decref(arr);
		store_failed(a, req);
		return;
	}
	reply_json(req, 200, arr);
}

/* One call: the request, its query, and what the route's pattern took. */
struct call {
	struct api	*a;
	struct io *req;
	struct evkeyvalq q;
	const char	*path;
	const char	*seg;		/* the path's "*" or "#" segment */
	size_t		 seglen;
	int64_t		 id;		/* a "#" segment, as a number */
};

static void
r_metrics(struct call *c)
{
	metrics(c->a, c->req);
}

static void
r_status(struct call *c)
{
	status(c->a, c->req);
}

static void
r_wake(struct call *c)
{
	sched_kick(c->a->d->sched);
	reply_json(c->req, 200, json_pack("{s:b}", "ok", 1));
}

static void
r_reload(struct call *c)
{
	struct api *a = c->a;

	if (a->reload == NULL || a->reload(a->reload_arg) == -1)
		fail(c->req, 400, "the new configuration was refused; the "
		    "running one stays (see the log)");
	else
		reply_json(c->req, 200, json_pack("{s:b}", "ok", 1));
}

/* The "*" segment, percent-decoded: codes may be Vietnamese ("SỞ-NV"). */
static char *
seg_decode(struct call *c)
{
	char *raw = xstrndup(c->seg, c->seglen), *s;

	if ((s = evhttp_uridecode(raw, 0, NULL)) == NULL)
		fatalx("evhttp_uridecode failed");
	free(raw);
	return s;
}

static void
r_agencies(struct call *c)
{
	json_t *arr = json_array();

	list_reply(c->a, c->req, arr, store_agency_list(c->a->d->store,
	    agency_row_cb, arr));
}

static void
r_agency(struct call *c)
{
	struct store *st = c->a->d->store;
	json_t *arr = json_array();
	char *code = seg_decode(c);
	int64_t aid;
	int rc = store_agency_get(st, code, &aid, NULL);

	if (rc == 1)
		rc = store_agency_by_id(st, aid, agency_row_cb, arr);
	if (rc == -1)
		store_failed(c->a, c->req);
	else if (json_array_size(arr) == 0)
		fail(c->req, 404, "no agency \"%s\"", code);
	else
		reply_json(c->req, 200, json_incref(json_array_get(arr, 0)));
	json_decref(arr);
	free(code);
}

static void
r_agency_ics(struct call *c)
{
	char *code = seg_decode(c), *ics;

	if ((ics = ics_agency(c->a->d->store, code,
	    c->a->d->conf->public_url, clock_now())) == NULL)
		store_failed(c->a, c->req);
	else {
		reply(c->req, 200, "text/calendar; charset=utf-8", ics,
		    strlen(ics));
		free(ics);
	}
	free(code);
}

static void
r_contacts(struct call *c)
{
	json_t *arr = json_array();

	list_reply(c->a, c->req, arr, store_contact_list(c->a->d->store,
	    evhttp_find_header(&c->q, "agency"), contact_row_cb, arr));
}

static void
r_plans(struct call *c)
{
	json_t *arr = json_array();

	list_reply(c->a, c->req, arr, store_plan_list(c->a->d->store,
	    plan_row_cb, arr));
}

static void
r_agency_post(struct call *c)
{
	directory_post(c->a, c->req, "agencies");
}

static void
r_contact_post(struct call *c)
{
	directory_post(c->a, c->req, "contacts");
}

static void
r_plan_post(struct call *c)
{
	directory_post(c->a, c->req, "plans");
}

static void
r_tasks(struct call *c)
{
	const char *od = evhttp_find_header(&c->q, "overdue");
	json_t *arr = json_array();

	list_reply(c->a, c->req, arr, store_task_list(c->a->d->store,
	    od != NULL && strcmp(od, "1") == 0,
	    evhttp_find_header(&c->q, "agency"), clock_now(), task_row_cb,
	    arr));
}

static void
r_task_post(struct call *c)
{
	task_post(c->a, c->req);
}

static void
r_task(struct call *c)
{
	struct store *st = c->a->d->store;
	json_t *arr = json_array(), *occ = json_array(), *t;
	int rc = store_task_get(st, c->id, task_row_cb, arr);

	if (rc != -1 && json_array_size(arr) == 1)
		rc = store_occ_list(st, c->id, occ_row_cb, occ);
	if (rc == -1)
		store_failed(c->a, c->req);
	else if (json_array_size(arr) == 0)
		fail(c->req, 404, "no task %lld", (long long)c->id);
	else {
		t = json_incref(json_array_get(arr, 0));
		json_object_set(t, "occurrences", occ);
		reply_json(c->req, 200, t);
	}
	json_decref(occ);
	json_decref(arr);
}

/*
 * POST /v1/tasks/ID/start {"on": "YYYY-MM-DD"}: the trigger of a relative
 * deadline happened ("on" absent: now); the deadline is planned.
 */
static void
r_task_start(struct call *c)
{
	struct task_added r;
	json_t *o, *on;
	char err[256];
	time_t now = clock_now(), at = now;
	int rc;

	if ((o = body_object(c->req)) == NULL)
		return;
	on = json_object_get(o, "on");
	if (on != NULL && (!json_is_string(on) || parse_when(
	    json_string_value(on), now, 0, &at, err, sizeof(err)) == -1)) {
		fail(c->req, 400, "on: a date YYYY-MM-DD");
		goto out;
	}
	rc = task_start(c->a->d->store, c->a->d->conf, c->id, at, now, &r, err,
	    sizeof(err));
	if (rc == -2)
		store_failed(c->a, c->req);
	else if (rc == -1)
		fail(c->req, 409, "%s", err);
	else {
		sched_kick(c->a->d->sched);
		reply_json(c->req, 200, json_pack("{s:I, s:I, s:s, s:I}",
		    "task", (json_int_t)c->id, "occurrence",
		    (json_int_t)r.occ_id, "ack_code", r.ack, "due",
		    (json_int_t)r.due));
	}
out:
	json_decref(o);
}

static void
r_task_occs(struct call *c)
{
	json_t *arr = json_array();

	list_reply(c->a, c->req, arr, store_occ_list(c->a->d->store, c->id,
	    occ_row_cb, arr));
}

static void
r_occurrence(struct call *c)
{
	struct store *st = c->a->d->store;
	struct occ_row occ;
	json_t *arr = json_array(), *v, *hit = NULL;
	char ack[16], *code = xstrndup(c->seg, c->seglen);
	size_t i;
	int rc = store_occ_find(st, 0, code, &occ, ack, sizeof(ack));

	if (rc == 1 && store_occ_list(st, occ.task_id, occ_row_cb, arr) == -1)
		rc = -1;
	if (rc == -1)
		store_failed(c->a, c->req);
	else {
		json_array_foreach(arr, i, v)
			if (rc == 1 && json_integer_value(json_object_get(v,
			    "id")) == occ.id)
				hit = v;
		if (hit == NULL)
			fail(c->req, 404, "no occurrence \"%s\"", code);
		else {
			json_object_set_new(hit, "task",
			    json_integer(occ.task_id));
			reply_json(c->req, 200, json_incref(hit));
		}
	}
	json_decref(arr);
	free(code);
}

static void
r_done(struct call *c)
{
	done_post(c->a, c->req);
}

static void
r_messages(struct call *c)
{
	const char *lim = evhttp_find_header(&c->q, "limit");
	const char *state = evhttp_find_header(&c->q, "state");
	int limit = lim ? atoi(lim) : 100;
	enum msg_state ms;
	json_t *arr;

	if (limit <= 0 || limit > API_MAX_LIST) {
		fail(c->req, 400, "limit: 1 to %d", API_MAX_LIST);
		return;
	}
	if (state != NULL && msg_state_parse(state, &ms) == -1) {
		fail(c->req, 400, "state: no message state \"%s\"", state);
		return;
	}
	arr = json_array();
	list_reply(c->a, c->req, arr, store_msg_list(c->a->d->store,
	    state != NULL ? &ms : NULL, limit, msg_row_cb, arr));
}

static void
r_retry(struct call *c)
{
	message_change(c->a, c->req, c->id, "retry");
}

static void
r_cancel(struct call *c)
{
	message_change(c->a, c->req, c->id, "cancel");
}

/* PATCH /v1/KIND/KEY: the kind is the route's second segment. */
static void
r_patch(struct call *c)
{
	const char *kind = c->path + 4;	/* past "/v1/" */
	char buf[16], *key = xstrndup(c->seg, c->seglen);

	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(kind, "/"), kind);
	patch(c->a, c->req, buf, key);
	free(key);
}

/*
 * The routes.  In a pattern, "*" takes one path segment and "#" one that
 * must be a positive id; a path a pattern matches under another method
 * is a 405, any other path under /v1/ a 404.
 */
static const struct route {
	const char	*method;
	const char	*pattern;
	void		(*fn)(struct call *);
} routes[] = {
	{ "GET",   "/metrics",                    r_metrics },
	{ "GET",   "/v1/status",                  r_status },
	{ "POST",  "/v1/wake",                    r_wake },
	{ "POST",  "/v1/reload",                  r_reload },
	{ "GET",   "/v1/agencies",                r_agencies },
	{ "POST",  "/v1/agencies",                r_agency_post },
	{ "GET",   "/v1/agencies/*/calendar.ics", r_agency_ics },
	{ "GET",   "/v1/agencies/*",              r_agency },
	{ "PATCH", "/v1/agencies/*",              r_patch },
	{ "GET",   "/v1/contacts",                r_contacts },
	{ "POST",  "/v1/contacts",                r_contact_post },
	{ "PATCH", "/v1/contacts/*",              r_patch },
	{ "GET",   "/v1/plans",                   r_plans },
	{ "POST",  "/v1/plans",                   r_plan_post },
	{ "PATCH", "/v1/plans/*",                 r_patch },
	{ "GET",   "/v1/tasks",                   r_tasks },
	{ "POST",  "/v1/tasks",                   r_task_post },
	{ "GET",   "/v1/tasks/#",                 r_task },
	{ "PATCH", "/v1/tasks/*",                 r_patch },
	{ "GET",   "/v1/tasks/#/occurrences",     r_task_occs },
	{ "POST",  "/v1/tasks/#/start",           r_task_start },
	{ "GET",   "/v1/occurrences/*",           r_occurrence },
	{ "PATCH", "/v1/occurrences/*",           r_patch },
	{ "POST",  "/v1/done",                    r_done },
	{ "GET",   "/v1/messages",                r_messages },
	{ "POST",  "/v1/messages/#/retry",        r_retry },
	{ "POST",  "/v1/messages/#/cancel",       r_cancel },
};

/* Whether PATH fits PATTERN, taking its "*" or "#" segment into C. */
static int
route_match(const char *pattern, const char *path, struct call *c)
{
	size_t n;

	while (*pattern != '\0') {
		if (*pattern == '*' || *pattern == '#') {
			n = strcspn(path, "/");
			if (n == 0)
				return 0;
			if (*pattern == '#' && (c->id = apireq_id(path, n)) == 0)
				return 0;
			c->seg = path;
			c->seglen = n;
			pattern++;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *path == '\0';
}

/*
 * Serves PATH if it is one of the admin API's: 1 answered, 0 not ours
 * (the caller answers 404).
 */
int
api_handle(struct api *a, const struct pubmsg_req *in, struct pubresp *out,
    const char *path, const char *query)
{
	const struct route *r, *hit = NULL;
	struct io io = { in, out }, *req = &io;
	struct call c;
	int other_method = 0;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.req = req;
	c.path = path;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]) && hit == NULL;
	    i++) {
		r = &routes[i];
		if (!route_match(r->pattern, path, &c))
			continue;
		if (strcmp(r->method, in->method) == 0)
			hit = r;
		else
			other_method = 1;
	}
	if (hit != NULL) {
		TAILQ_INIT(&c.q);
		if (query != NULL)
			evhttp_parse_query_str(query, &c.q);
		hit->fn(&c);
		evhttp_clear_headers(&c.q);
		return 1;
	}
	if (other_method) {
		fail(req, 405, "%s: no such route for this method", path);
		return 1;
	}
	if (strncmp(path, "/v1/", 4) == 0) {
		fail(req, 404, "no route %s", path);
		return 1;
	}
	return 0;
}
