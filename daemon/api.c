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
#include "listen.h"
#include "log.h"
#include "metrics.h"
#include "rowjson.h"
#include "sched.h"
#include "store.h"
#include "taskadd.h"
#include "taskstart.h"
#include "tztime.h"
#include "xmalloc.h"

#define API_MAX_LIST	1000

static void
reply(struct evhttp_request *req, int code, const char *type,
    const char *body, size_t len)
{
	http_reply(req, code, code == 200 ? "OK" : code == 201 ? "Created" :
	    code == 400 ? "Bad Request" : code == 404 ? "Not Found" :
	    code == 405 ? "Method Not Allowed" : "Error", type, body, len);
}

static void
reply_json(struct evhttp_request *req, int code, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("json_dumps failed");
	reply(req, code, "application/json", s, strlen(s));
	free(s);
}

static void
fail(struct evhttp_request *req, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct evhttp_request *req, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	reply_json(req, code, json_pack("{s:s}", "error", msg));
}

static void
store_failed(struct api *a, struct evhttp_request *req)
{
	log_warnx("admin API: %s", store_error(a->sched->store));
	fail(req, 503, "database: %s", store_error(a->sched->store));
}

/* The body as a JSON object, or NULL after a 400 has been sent. */
static json_t *
body_object(struct evhttp_request *req)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	char err[256];
	json_t *j;

	/* Checked before the pullup, which would copy a huge body. */
	if (len > API_MAX_BODY)
		j = apireq_object(NULL, len, err, sizeof(err));
	else
		j = apireq_object((const char *)evbuffer_pullup(in, -1), len,
		    err, sizeof(err));
	if (j == NULL)
		fail(req, 400, "%s", err);
	return j;
}

static void
updated(struct api *a, struct evhttp_request *req, int rc, const char *err)
{
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, strncmp(err, "no ", 3) == 0 ? 404 : 400, "%s", err);
	else {
		sched_kick(a->sched);
		reply_json(req, 200, json_pack("{s:b}", "updated", 1));
	}
}

/* PATCH /v1/KIND/KEY: KEY a numeric id or a percent-encoded code. */
static void
patch(struct api *a, struct evhttp_request *req, const char *kind,
    const char *key)
{
	struct store *st = a->sched->store;
	struct contact_patch cp;
	struct patch_str f[3];
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
		    NULL };

		if (apireq_patch(o, keys, f, err, sizeof(err)) == -1)
			goto bad;
		rc = dir_plan_update(st, code, &f[0], &f[1], &f[2], err,
		    sizeof(err));
	} else if (strcmp(kind, "occurrences") == 0) {
		struct extend_result er;
		struct extend_req x;

		if (apireq_extend(o, &x, err, sizeof(err)) == -1)
			goto bad;
		rc = occ_extend(st, a->sched->conf, 0, code, x.due, x.reason,
		    x.by, clock_now(), &er, err, sizeof(err));
		if (rc == -3) {
			rc = -1;
			snprintf(err, sizeof(err), "no occurrence \"%s\"",
			    code);
		} else if (rc == -1 && strncmp(err, "to:", 3) == 0)
			memcpy(err, "due", 3);	/* the API's name for it */
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
status(struct api *a, struct evhttp_request *req)
{
	struct sched *s = a->sched;
	struct store_counts n;

	if (store_counts(s->store, clock_now(), &n) == -1) {
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
	    "next_wake", (json_int_t)(s->next_wake_ms < 0 ? -1 :
	    s->next_wake_ms / 1000),
	    "inflight", dispatch_inflight(s->disp),
	    "messages", counts_json(&n),
	    "since_start",
	    "jobs_fired", (json_int_t)s->stats.jobs.fired,
	    "jobs_skipped", (json_int_t)s->stats.jobs.skipped,
	    "sent", (json_int_t)s->stats.msgs_sent,
	    "retried", (json_int_t)s->stats.msgs_retried,
	    "failed", (json_int_t)s->stats.msgs_failed,
	    "dead", (json_int_t)s->stats.msgs_dead,
	    "delivered", (json_int_t)s->stats.msgs_delivered,
	    "receipts_refused", (json_int_t)s->stats.receipts_refused,
	    "in_doubt_resent", (json_int_t)s->stats.in_doubt,
	    "in_doubt_total", (json_int_t)n.in_doubt,
	    "jobs_pending", (json_int_t)n.jobs_pending,
	    "occurrences_open", (json_int_t)n.occ_open,
	    "occurrences_overdue", (json_int_t)n.occ_overdue,
	    "fake_clock", clock_is_fake()));
}

static void
metrics(struct api *a, struct evhttp_request *req)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		fatalx("evbuffer_new failed");
	if (metrics_render(a->sched, b) == -1) {
		evbuffer_free(b);
		store_failed(a, req);
		return;
	}
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
created(struct api *a, struct evhttp_request *req, int rc, int64_t id,
    const char *err)
{
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, 400, "%s", err);
	else {
		sched_kick(a->sched);
		reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
	}
}

/* POST /v1/agencies, /v1/contacts, /v1/plans: read, add, answer 201. */
static void
directory_post(struct api *a, struct evhttp_request *req, const char *kind)
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
		    dir_agency_add(a->sched->store, ar.code, ar.name,
		    ar.parent, ar.groups, ar.ngroups, now, &id, err,
		    sizeof(err));
	else if (strcmp(kind, "contacts") == 0)
		rc = apireq_contact(o, &agency, &cr, err, sizeof(err)) == -1 ?
		    -1 : dir_contact_add(a->sched->store, agency, &cr, now, &id,
		    err, sizeof(err));
	else
		rc = apireq_plan(o, &pr, err, sizeof(err)) == -1 ? -1 :
		    dir_plan_add(a->sched->store, &pr, now, &id, err,
		    sizeof(err));
	created(a, req, rc, id, err);
	json_decref(o);
}

static void
task_post(struct api *a, struct evhttp_request *req)
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
	rc = task_add(a->sched->store, a->sched->conf, &t, clock_now(), &r,
	    err, sizeof(err));
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, 400, "%s", err);
	else {
		sched_kick(a->sched);
		if (t.due != NULL)
			reply_json(req, 201, json_pack("{s:I, s:I, s:s, s:I, "
			    "s:s, s:i, s:o}", "task", (json_int_t)r.task_id,
			    "occurrence", (json_int_t)r.occ_id, "ack_code",
			    r.ack, "due", (json_int_t)r.due, "policy",
			    r.policy, "jobs", r.planned, "deadline_moved",
			    json_str_or_null(r.why[0] ? r.why : NULL)));
		else
			reply_json(req, 201, json_pack("{s:I, s:s, s:o, s:i}",
			    "task", (json_int_t)r.task_id, "schedule", r.sched,
			    "rrule", json_str_or_null(r.rrule[0] ? r.rrule :
			    NULL), "occurrences", r.occurrences));
	}
out:
	json_decref(o);
}

/*
 * POST /v1/tasks/ID/start {"on": "YYYY-MM-DD"}: a relative deadline's
 * trigger happened ("on" absent: now); its deadline is planned.
 */
static void
task_start_post(struct api *a, struct evhttp_request *req, int64_t id)
{
	struct task_added r;
	json_t *o, *on;
	char err[256];
	time_t now = clock_now(), at = now;
	int rc;

	if ((o = body_object(req)) == NULL)
		return;
	on = json_object_get(o, "on");
	if (on != NULL && (!json_is_string(on) || parse_when(
	    json_string_value(on), now, 0, &at, err, sizeof(err)) == -1)) {
		fail(req, 400, "on: a date YYYY-MM-DD");
		goto out;
	}
	rc = task_start(a->sched->store, a->sched->conf, id, at, now, &r, err,
	    sizeof(err));
	if (rc == -2)
		store_failed(a, req);
	else if (rc == -1)
		fail(req, 409, "%s", err);
	else {
		sched_kick(a->sched);
		reply_json(req, 200, json_pack("{s:I, s:I, s:s, s:I}", "task",
		    (json_int_t)id, "occurrence", (json_int_t)r.occ_id,
		    "ack_code", r.ack, "due", (json_int_t)r.due));
	}
out:
	json_decref(o);
}

static void
done_post(struct api *a, struct evhttp_request *req)
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
	rc = done_mark(a->sched->store, d.task, d.ack, d.by, "api", d.note,
	    clock_now(), &r);
	if (rc == -1)
		store_failed(a, req);
	else if (rc == 0)
		fail(req, 404, "no %s", d.task ? "such task" :
		    "such ack code");
	else {
		if (r.changed)
			sched_kick(a->sched);
		reply_json(req, 200, json_pack("{s:I, s:I, s:s, s:s, s:b, "
		    "s:i}", "occurrence", (json_int_t)r.occ_id, "task",
		    (json_int_t)r.task_id, "ack_code", r.ack_code, "state",
		    r.state, "changed", r.changed, "jobs_cancelled",
		    r.jobs_cancelled));
	}
out:
	json_decref(o);
}

static void
message_change(struct api *a, struct evhttp_request *req, int64_t id,
    const char *verb)
{
	int rc;

	if ((rc = msg_change(a->sched->store, id, verb, clock_now())) == -1) {
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
	sched_kick(a->sched);
	reply_json(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id,
	    "state", strcmp(verb, "retry") == 0 ? "queued" : "cancelled"));
}


/* Runs a list query into an array and replies with it. */
static void
list_reply(struct api *a, struct evhttp_request *req, json_t *arr, int rc)
{
	if (rc == -1) {
		json_decref(arr);
		store_failed(a, req);
		return;
	}
	reply_json(req, 200, arr);
}

int
api_handle(struct api *a, struct evhttp_request *req, const char *path,
    const char *query)
{
	struct store *st = a->sched->store;
	enum evhttp_cmd_type m = evhttp_request_get_command(req);
	int get = m == EVHTTP_REQ_GET, post = m == EVHTTP_REQ_POST;
	struct evkeyvalq q;
	const char *agency, *state, *lim, *rest;
	json_t *arr;
	int64_t id;
	size_t n;

	TAILQ_INIT(&q);
	if (query != NULL)
		evhttp_parse_query_str(query, &q);
	agency = evhttp_find_header(&q, "agency");
	state = evhttp_find_header(&q, "state");
	lim = evhttp_find_header(&q, "limit");
	arr = json_array();

	if (strcmp(path, "/metrics") == 0 && get)
		metrics(a, req);
	else if (strcmp(path, "/v1/status") == 0 && get)
		status(a, req);
	else if (strcmp(path, "/v1/wake") == 0 && post) {
		sched_kick(a->sched);
		reply_json(req, 200, json_pack("{s:b}", "ok", 1));
	} else if (strcmp(path, "/v1/reload") == 0 && post) {
		if (a->reload == NULL || a->reload(a->reload_arg) == -1)
			fail(req, 400, "the new configuration was refused; "
			    "the running one stays (see the log)");
		else
			reply_json(req, 200, json_pack("{s:b}", "ok", 1));
	} else if (strcmp(path, "/v1/agencies") == 0 && get)
		list_reply(a, req, json_incref(arr), store_agency_list(st,
		    agency_row_cb, arr));
	else if (strcmp(path, "/v1/agencies") == 0 && post)
		directory_post(a, req, "agencies");
	else if (strncmp(path, "/v1/agencies/", 13) == 0 && get &&
	    (n = strlen(path)) > 13 + 13 &&
	    strcmp(path + n - 13, "/calendar.ics") == 0) {
		char *code = evhttp_uridecode(path + 13, 0, NULL), *ics;

		if (code == NULL || strlen(code) < 13)
			fatalx("evhttp_uridecode failed");
		code[strlen(code) - 13] = '\0';
		if ((ics = ics_agency(st, code, clock_now())) == NULL)
			store_failed(a, req);
		else {
			reply(req, 200, "text/calendar; charset=utf-8", ics,
			    strlen(ics));
			free(ics);
		}
		free(code);
	} else if (strncmp(path, "/v1/agencies/", 13) == 0 && get) {
		/* Codes may be Vietnamese: "SỞ-NV" comes percent-encoded. */
		char *code = evhttp_uridecode(path + 13, 0, NULL);
		int64_t aid;
		int rc = code ? store_agency_get(st, code, &aid, NULL) : 0;

		if (rc == 1)
			rc = store_agency_by_id(st, aid, agency_row_cb, arr);
		if (rc == -1)
			store_failed(a, req);
		else if (json_array_size(arr) == 0)
			fail(req, 404, "no agency \"%s\"", code ? code : "");
		else
			reply_json(req, 200, json_incref(json_array_get(arr,
			    0)));
		free(code);
	} else if (strcmp(path, "/v1/contacts") == 0 && get)
		list_reply(a, req, json_incref(arr), store_contact_list(st,
		    agency, contact_row_cb, arr));
	else if (strcmp(path, "/v1/contacts") == 0 && post)
		directory_post(a, req, "contacts");
	else if (strcmp(path, "/v1/plans") == 0 && get)
		list_reply(a, req, json_incref(arr), store_plan_list(st,
		    plan_row_cb, arr));
	else if (strcmp(path, "/v1/plans") == 0 && post)
		directory_post(a, req, "plans");
	else if (strcmp(path, "/v1/tasks") == 0 && get) {
		const char *od = evhttp_find_header(&q, "overdue");

		list_reply(a, req, json_incref(arr), store_task_list(st,
		    od != NULL && strcmp(od, "1") == 0, agency, clock_now(),
		    task_row_cb, arr));
	} else if (strcmp(path, "/v1/tasks") == 0 && post)
		task_post(a, req);
	else if (strncmp(path, "/v1/tasks/", 10) == 0 && get) {
		rest = path + 10;
		n = strcspn(rest, "/");
		id = apireq_id(rest, n);
		if (id != 0 && strcmp(rest + n, "/occurrences") == 0)
			list_reply(a, req, json_incref(arr), store_occ_list(st,
			    id, occ_row_cb, arr));
		else if (id != 0 && rest[n] == '\0') {
			json_t *occ = json_array();
			int rc = store_task_get(st, id, task_row_cb, arr);

			if (rc != -1 && json_array_size(arr) == 1)
				rc = store_occ_list(st, id, occ_row_cb, occ);
			if (rc == -1) {
				json_decref(occ);
				store_failed(a, req);
			} else if (json_array_size(arr) == 0) {
				json_decref(occ);
				fail(req, 404, "no task %lld", (long long)id);
			} else {
				json_t *t = json_incref(json_array_get(arr, 0));

				json_object_set_new(t, "occurrences", occ);
				reply_json(req, 200, t);
			}
		} else
			fail(req, 404, "no route %s", path);
	} else if (strncmp(path, "/v1/occurrences/", 16) == 0 && get &&
	    strchr(path + 16, '/') == NULL) {
		struct occ_row occ;
		char ack[16];
		int rc = store_occ_find(st, 0, path + 16, &occ, ack,
		    sizeof(ack));

		if (rc == 1 && store_occ_list(st, occ.task_id, occ_row_cb,
		    arr) == -1)
			rc = -1;
		if (rc == -1)
			store_failed(a, req);
		else if (rc == 0)
			fail(req, 404, "no occurrence \"%s\"", path + 16);
		else {
			json_t *v, *hit = NULL;
			size_t i;

			json_array_foreach(arr, i, v)
				if (json_integer_value(json_object_get(v,
				    "id")) == occ.id)
					hit = v;
			if (hit == NULL)
				fail(req, 404, "no occurrence \"%s\"",
				    path + 16);
			else {
				json_object_set_new(hit, "task",
				    json_integer(occ.task_id));
				reply_json(req, 200, json_incref(hit));
			}
		}
	} else if (strncmp(path, "/v1/tasks/", 10) == 0 && post &&
	    (n = strcspn(path + 10, "/")) > 0 &&
	    strcmp(path + 10 + n, "/start") == 0 &&
	    (id = apireq_id(path + 10, n)) != 0)
		task_start_post(a, req, id);
	else if (strcmp(path, "/v1/done") == 0 && post)
		done_post(a, req);
	else if (strcmp(path, "/v1/messages") == 0 && get) {
		int limit = lim ? atoi(lim) : 100;

		if (limit <= 0 || limit > API_MAX_LIST) {
			fail(req, 400, "limit: 1 to %d", API_MAX_LIST);
		} else
			list_reply(a, req, json_incref(arr), store_msg_list(st,
			    state, limit, msg_row_cb, arr));
	} else if (strncmp(path, "/v1/messages/", 13) == 0 && post) {
		rest = path + 13;
		n = strcspn(rest, "/");
		id = apireq_id(rest, n);
		if (id != 0 && strcmp(rest + n, "/retry") == 0)
			message_change(a, req, id, "retry");
		else if (id != 0 && strcmp(rest + n, "/cancel") == 0)
			message_change(a, req, id, "cancel");
		else
			fail(req, 404, "no route %s", path);
	} else if (m == EVHTTP_REQ_PATCH && strncmp(path, "/v1/", 4) == 0 &&
	    (rest = strchr(path + 4, '/')) != NULL && rest[1] != '\0' &&
	    strchr(rest + 1, '/') == NULL) {
		char kind[16];

		snprintf(kind, sizeof(kind), "%.*s", (int)(rest - path - 4),
		    path + 4);
		patch(a, req, kind, rest + 1);
	} else if (strncmp(path, "/v1/", 4) == 0 || strcmp(path,
	    "/metrics") == 0) {
		/* Known paths with the wrong method say so. */
		if (get || post || m == EVHTTP_REQ_PATCH)
			fail(req, strcmp(path, "/v1/done") == 0 ||
			    strcmp(path, "/v1/wake") == 0 ||
			    strcmp(path, "/v1/reload") == 0 ||
			    strcmp(path, "/v1/status") == 0 ||
			    strcmp(path, "/metrics") == 0 ? 405 : 404,
			    "%s %s: no such route", get ? "GET" : post ?
			    "POST" : "PATCH", path);
		else
			fail(req, 405, "only GET, POST and PATCH");
	} else {
		json_decref(arr);
		evhttp_clear_headers(&q);
		return 0;
	}
	json_decref(arr);
	evhttp_clear_headers(&q);
	return 1;
}
