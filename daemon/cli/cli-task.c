/*
 * cli-task.c: adding, listing and showing tasks, and marking them done.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "done.h"
#include "cli.h"
#include "rowjson.h"
#include "config.h"
#include "plan.h"
#include "recur.h"
#include "store.h"
#include "safetext.h"
#include "taskadd.h"
#include "taskstart.h"
#include "tztime.h"
#include "nls.h"

struct next_ctx {
	time_t	 due;
	char	 ack[16];
	int	 n;
};

static void
first_open(void *arg, const struct occ_row *o)
{
	struct next_ctx *nc = arg;

	if (o->state == OCC_OPEN && nc->n++ == 0) {
		nc->due = o->due_at;
		snprintf(nc->ack, sizeof(nc->ack), "%s", o->ack_code);
	}
}

/* Reports a recurring or ongoing task just added. */
static int
recurring_added(struct cli *c, int64_t task_id, enum sched_kind sched,
    const char *rrule, time_t dtstart, int created, int woke)
{
	struct next_ctx nc;
	char when[32] = "-";

	memset(&nc, 0, sizeof(nc));
	if (store_occ_list(c->store, task_id, first_open, &nc) == -1)
		return cli_store_err(c);
	if (nc.n > 0)
		fmt_local(nc.due, when, sizeof(when));
	if (c->json) {
		cli_print_json(json_pack("{s:I, s:s, s:o, s:I, s:i, s:o, s:o, "
		    "s:b}", "task", (json_int_t)task_id, "schedule",
		    sched_kind_name(sched),
		    "rrule", cli_jstr(rrule), "dtstart", (json_int_t)dtstart,
		    "occurrences", created, "next_due", nc.n ?
		    json_integer(nc.due) : json_null(), "next_ack_code",
		    cli_jstr(nc.n ? nc.ack : NULL), "daemon_notified", woke));
		return 0;
	}
	if (rrule == NULL) {
		printf(_("task %lld added: ongoing, with no periodic report\n"),
		    (long long)task_id);
		return 0;
	}
	printf(_("task %lld added: %s RRULE:%s; %d occurrence(s) planned "
	    "ahead, next due %s (ack code %s)\n"), (long long)task_id,
	    sched_kind_name(sched),
	    rrule, created, when, nc.n ? nc.ack : "-");
	if (!woke)
		printf(_("note: the daemon is not running; reminders go out "
		    "once it starts\n"));
	return 0;
}

int
cmd_task_add(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ "lead", required_argument, NULL, 'l' },
		{ "cooperate", required_argument, NULL, 'c' },
		{ "ref", required_argument, NULL, 'r' },
		{ "policy", required_argument, NULL, 'P' },
		{ "due", required_argument, NULL, 'd' },
		{ "every", required_argument, NULL, 'e' },
		{ "rrule", required_argument, NULL, 'R' },
		{ "start", required_argument, NULL, 's' },
		{ "ongoing", no_argument, NULL, 'o' },
		{ "report", required_argument, NULL, 'b' },
		{ "quota", required_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct task_spec t;
	struct task_added r;
	char err[256], due_txt[32];
	int ch, rc, woke;
	time_t now = clock_now();

	memset(&t, 0, sizeof(t));
	t.via = "command line";
	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'p': t.plan = optarg; break;
		case 't': t.title = optarg; break;
		case 'l': t.lead = optarg; break;
		case 'c': t.cooperate = optarg; break;
		case 'r': t.ref = optarg; break;
		case 'P': t.policy = optarg; break;
		case 'd': t.due = optarg; break;
		case 'e': t.every = optarg; break;
		case 'R': t.rrule = optarg; break;
		case 's': t.start = optarg; break;
		case 'o': t.ongoing = 1; break;
		case 'b': t.report = optarg; break;
		case 'q': t.quota = optarg; break;
		default:
			return cli_usage("task", "add");
		}
	}
	if (optind != argc || t.plan == NULL || t.title == NULL ||
	    t.lead == NULL || (t.due != NULL) + (t.every != NULL) +
	    (t.rrule != NULL) + t.ongoing != 1 ||
	    (t.report != NULL && !t.ongoing))
		return cli_err(EX_USAGE, _("task add needs --plan, --title, "
		    "--lead and one of --due, --every, --rrule or --ongoing "
		    "[--report SPEC]"));
	if ((rc = task_add(c->store, c->conf, &t, now, &r, err,
	    sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "--%s", err);
	woke = cli_wake(c);
	if (t.due == NULL)
		return recurring_added(c, r.task_id, r.sched, r.rrule[0] ?
		    r.rrule : NULL, r.dtstart, r.occurrences, woke);
	fmt_local(r.due, due_txt, sizeof(due_txt));
	if (c->json) {
		cli_print_json(json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:i, "
		    "s:b, s:o}", "task", (json_int_t)r.task_id, "occurrence",
		    (json_int_t)r.occ_id, "ack_code", r.ack, "due",
		    (json_int_t)r.due, "policy", r.policy, "jobs",
		    r.planned, "jobs_in_past", r.past, "daemon_notified",
		    woke, "deadline_moved", cli_jstr(r.why[0] ? r.why :
		    NULL)));
		return 0;
	}
	if (r.why[0] != '\0')
		printf(_("warning: %s\n"), r.why);
	printf(_("task %lld added: ack code %s, due %s, policy %s, %d job(s) "
	    "planned\n"), (long long)r.task_id, r.ack, due_txt, r.policy,
	    r.planned);
	if (r.due < now)
		printf(_("note: the deadline has already passed\n"));
	if (r.past > 0)
		printf(_("note: %d job(s) of the policy fell before now and "
		    "were not planned\n"), r.past);
	if (!woke)
		printf(_("note: the daemon is not running; reminders go out "
		    "once it starts\n"));
	return 0;
}

struct list_ctx {
	json_t	*arr;
	time_t	 now;
};

static void
task_row(void *arg, const struct task_row *t)
{
	struct list_ctx *lc = arg;
	char due[32];
	int overdue = t->occ_id != 0 && t->occ_state == OCC_OPEN &&
	    t->due_at < lc->now;

	if (lc->arr != NULL) {
		json_array_append_new(lc->arr, task_json(t, lc->now));
		return;
	}
	if (t->occ_id)
		fmt_local(t->due_at, due, sizeof(due));
	else
		snprintf(due, sizeof(due), "-");
	printf("%-5lld %-16s %-7s %-9s %-8s %-12s %s\n", (long long)t->id, due,
	    t->ack_code ? t->ack_code : "-",
	    overdue ? "OVERDUE" : t->occ_id ? occ_state_name(t->occ_state) :
	    t->wait_unit != NULL && t->started_at == 0 ? "waiting" :
	    sched_kind_name(t->sched),
	    t->ref ? text_tty(t->ref) : "-", text_tty(t->lead_code),
	    text_tty(t->title));
	/* A relative deadline waits for its trigger: say which. */
	if (t->wait_unit != NULL && t->started_at == 0)
		printf(_("      waiting for: %s (then %g %s; nhacviec task "
		    "start %lld)\n"), t->wait_trigger && *t->wait_trigger ?
		    text_tty(t->wait_trigger) : "its trigger", t->wait_n,
		    t->wait_unit, (long long)t->id);
}

int
cmd_task_list(struct cli *c, int argc, char **argv)
{
	static const char *const heads[] = { N_("ID"), N_("DUE"), N_("ACK"),
	    N_("STATE"), N_("REF"), N_("LEAD"), N_("TITLE") };
	static const int widths[] = { 5, 16, 7, 9, 8, 12 };
	static const struct option o[] = {
		{ "overdue", no_argument, NULL, 'o' },
		{ "agency", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct list_ctx lc = { NULL, clock_now() };
	const char *agency = NULL;
	int ch, overdue = 0;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'o')
			overdue = 1;
		else if (ch == 'a')
			agency = optarg;
		else
			return cli_usage("task", "list");
	}
	if (optind != argc)
		return cli_usage("task", "list");
	if (c->json)
		lc.arr = json_array();
	else
		cli_header(7, heads, widths);
	if (store_task_list(c->store, overdue, agency, lc.now, task_row,
	    &lc) == -1) {
		json_decref(lc.arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(lc.arr);
	return 0;
}

int
cmd_task_start(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "on", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct task_added r;
	const char *on_txt = NULL;
	char err[256], due[32], *end;
	time_t now = clock_now(), on = now;
	long long id;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'o')
			on_txt = optarg;
		else
			return cli_usage("task", "start");
	}
	if (optind + 1 != argc)
		return cli_usage("task", "start");
	id = strtoll(argv[optind], &end, 10);
	if (*end != '\0' || id <= 0)
		return cli_err(EX_USAGE, _("ID: a task number, not \"%s\""),
		    argv[optind]);
	if (on_txt != NULL && parse_when(on_txt, now, 0, &on, err,
	    sizeof(err)) == -1)
		return cli_err(EX_USAGE, _("--on: \"%s\": %s"), on_txt, err);
	if ((rc = task_start(c->store, c->conf, (int64_t)id, on, now, &r, err,
	    sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "%s", err);
	(void)cli_wake(c);
	fmt_local(r.due, due, sizeof(due));
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:I}", "id",
		    (json_int_t)id, "occurrence", (json_int_t)r.occ_id, "ack",
		    r.ack, "due", (json_int_t)r.due));
	else
		printf(_("task %lld started: due %s, ack %s%s%s\n"), id, due,
		    r.ack, r.why[0] ? "; " : "", r.why);
	return 0;
}

/* The occurrences listed; the one whose jobs are shown is kept. */
struct occ_ctx {
	json_t		*arr;
	int64_t		 want;
	time_t		 due;
	time_t		 plan_at;
};

static void
show_occ(void *arg, const struct occ_row *o)
{
	struct occ_ctx *oc = arg;
	json_t *arr = oc->arr;
	char due[32], done[32];

	if (o->id == oc->want) {
		oc->due = o->due_at;
		oc->plan_at = o->plan_at;
	}
	if (arr != NULL) {
		json_array_append_new(arr, occ_json(o));
		return;
	}
	fmt_local(o->due_at, due, sizeof(due));
	printf(_("  occurrence %lld: due %s, %s, ack %s"), (long long)o->id,
	    due, occ_state_name(o->state), o->ack_code);
	if (o->done_at) {
		fmt_local(o->done_at, done, sizeof(done));
		if (o->done_by != NULL)
			printf(_(" (done %s by %s via %s)"), done, o->done_by,
			    o->done_via ? o->done_via : "?");
		else
			printf(_(" (done %s via %s)"), done, o->done_via ?
			    o->done_via : "?");
	}
	putchar('\n');
	if (o->note != NULL && *o->note != '\0')
		printf(_("    note: %s\n"), o->note);
}

static void
show_job(void *arg, const struct job_row *j)
{
	json_t *arr = arg;
	char at[32];

	if (arr != NULL) {
		/* A job not stored yet has no id. */
		json_array_append_new(arr, json_pack("{s:o, s:s, s:i, s:s, "
		    "s:I, s:s, s:o}", "id", j->id != 0 ?
		    json_integer(j->id) : json_null(), "kind",
		    job_kind_name(j->kind), "step", j->step, "target",
		    j->target, "fire_at", (json_int_t)j->fire_at, "state",
		    job_state_name(j->state), "note",
		    cli_jstr(j->note)));
		return;
	}
	fmt_local(j->fire_at, at, sizeof(at));
	printf(_("    %-16s %-10s #%-2d to %-14s %-9s %s\n"), at,
	    job_kind_name(j->kind), j->step, j->target,
	    job_state_name(j->state), j->note ? j->note : "");
}

/*
 * The jobs of an occurrence far ahead, not stored until they come within
 * the policy's horizon: listed as they will be, pending.
 */
static void
show_unstored(const struct config *conf, const char *policy,
    const struct occ_ctx *oc, json_t *arr)
{
	struct planned_job jobs[PLAN_MAX_JOBS];
	const struct policy *p;
	struct job_row r;
	int i, n;

	if ((p = config_policy(conf, policy)) == NULL)
		p = config_policy(conf, conf->default_policy);
	n = plan_unstored(p, conf->calendar, oc->due, oc->plan_at, jobs);
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.kind = jobs[i].kind;
		r.step = jobs[i].step;
		r.target = jobs[i].target;
		r.fire_at = jobs[i].fire_at;
		r.state = JOB_PENDING;
		show_job(arr, &r);
	}
}

struct show_ctx {
	struct cli	*c;
	json_t		*obj;
	int64_t		 occ_id;
	char		 policy[64];
};

static void
show_task(void *arg, const struct task_row *t)
{
	struct show_ctx *sc = arg;

	sc->occ_id = t->occ_id;
	snprintf(sc->policy, sizeof(sc->policy), "%s", t->policy);
	if (sc->obj != NULL) {
		json_object_set_new(sc->obj, "id", json_integer(t->id));
		json_object_set_new(sc->obj, "plan", json_string(t->plan_code));
		json_object_set_new(sc->obj, "ref", cli_jstr(t->ref));
		json_object_set_new(sc->obj, "title", json_string(t->title));
		json_object_set_new(sc->obj, "lead", json_string(t->lead_code));
		json_object_set_new(sc->obj, "cooperating", cli_jstr(t->coop));
		json_object_set_new(sc->obj, "policy", json_string(t->policy));
		json_object_set_new(sc->obj, "schedule",
		    json_string(sched_kind_name(t->sched)));
		json_object_set_new(sc->obj, "rrule", cli_jstr(t->rrule));
		json_object_set_new(sc->obj, "quota", cli_jstr(t->quota));
		json_object_set_new(sc->obj, "form", cli_jstr(t->form));
		json_object_set_new(sc->obj, "note", cli_jstr(t->note));
		json_object_set_new(sc->obj, "content", cli_jstr(t->content));
		json_object_set_new(sc->obj, "section", cli_jstr(t->section));
		return;
	}
	printf(_("task %lld: %s\n  plan %s%s%s, lead %s (%s), policy %s\n"),
	    (long long)t->id, text_tty(t->title), text_tty(t->plan_code),
	    t->ref ? _(", ref ") : "", t->ref ? text_tty(t->ref) : "",
	    text_tty(t->lead_code), text_tty(t->lead_name), t->policy);
	if (t->sched != SCHED_ONCE)
		printf(_("  schedule: %s%s%s\n"), sched_kind_name(t->sched),
		    t->rrule ? ", RRULE:" :
		    _(", no periodic report"), t->rrule ? t->rrule : "");
	if (t->quota != NULL)
		printf(_("  quota: %s\n"), text_tty(t->quota));
	if (t->coop != NULL)
		printf(_("  cooperating: %s\n"), text_tty(t->coop));
	if (t->form != NULL)
		printf(_("  form: %s\n"), text_tty(t->form));
	if (t->note != NULL)
		printf(_("  note: %s\n"), text_tty(t->note));
	if (t->section != NULL)
		printf(_("  section: %s\n"), text_tty(t->section));
	if (t->content != NULL)
		printf(_("  content: %s\n"), text_tty(t->content));
}

static void
history(void *arg, time_t at, enum event_kind kind, int64_t occ,
    const char *detail)
{
	json_t *arr = arg;
	char when[32];

	if (arr != NULL) {
		json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:o}",
		    "at", (json_int_t)at, "kind", event_kind_name(kind),
		    "occurrence",
		    (json_int_t)occ, "detail", cli_jstr(detail)));
		return;
	}
	fmt_local(at, when, sizeof(when));
	printf(_("    %s  %-10s occ %-4lld %s\n"), when, event_kind_name(kind),
	    (long long)occ, detail ? text_tty(detail) : "");
}

int
cmd_task_show(struct cli *c, int argc, char **argv)
{
	struct show_ctx sc = { c, NULL, 0, "" };
	struct occ_ctx oc;
	json_t *occs = NULL, *jobs = NULL;
	char *end;
	long long id;
	int rc;

	if (argc != 2)
		return cli_usage("task", "show");
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id <= 0)
		return cli_err(EX_USAGE, _("task id must be a number"));
	if (c->json)
		sc.obj = json_object();
	if ((rc = store_task_get(c->store, id, show_task, &sc)) != 1) {
		json_decref(sc.obj);
		return rc == -1 ? cli_store_err(c) :
		    cli_err(EX_NOINPUT, _("no task %lld"), id);
	}
	if (c->json) {
		occs = json_array();
		jobs = json_array();
	}
	memset(&oc, 0, sizeof(oc));
	oc.arr = occs;
	oc.want = sc.occ_id;
	if (store_occ_list(c->store, id, show_occ, &oc) == -1 ||
	    (sc.occ_id != 0 && !c->json && printf(_("  jobs of occurrence "
	    "%lld:\n"), (long long)sc.occ_id) < 0) ||
	    (sc.occ_id != 0 && store_job_list(c->store, sc.occ_id, show_job,
	    jobs) == -1)) {
		json_decref(sc.obj);
		json_decref(occs);
		json_decref(jobs);
		return cli_store_err(c);
	}
	if (oc.plan_at != 0)
		show_unstored(c->conf, sc.policy, &oc, jobs);
	if (c->json) {
		json_t *hist = json_array();

		if (store_task_events(c->store, id, history, hist) == -1) {
			json_decref(hist);
			json_decref(occs);
			json_decref(jobs);
			json_decref(sc.obj);
			return cli_store_err(c);
		}
		json_object_set_new(sc.obj, "occurrences", occs);
		json_object_set_new(sc.obj, "jobs", jobs);
		json_object_set_new(sc.obj, "history", hist);
		cli_print_json(sc.obj);
		return 0;
	}
	printf(_("  history:\n"));
	if (store_task_events(c->store, id, history, NULL) == -1)
		return cli_store_err(c);
	return 0;
}

/* An argument of digits only is a task id; anything else an ack code. */
/* Says what "done" did (R), in text or JSON. */
static int
done_print(struct cli *c, const struct done_result *r)
{
	char due[32];

	fmt_local(r->due_at, due, sizeof(due));
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:s, s:b, s:i}",
		    "occurrence", (json_int_t)r->occ_id, "task",
		    (json_int_t)r->task_id, "ack_code", r->ack_code, "state",
		    occ_state_name(r->state), "changed", r->changed,
		    "jobs_cancelled", r->jobs_cancelled));
	else if (!r->changed)
		printf(_("occurrence %lld (ack %s) is already %s\n"),
		    (long long)r->occ_id, r->ack_code, occ_state_name(r->state));
	else
		printf(_("task %lld, occurrence due %s (ack %s), marked done; "
		    "%d pending job(s) cancelled\n"), (long long)r->task_id, due,
		    r->ack_code, r->jobs_cancelled);
	return 0;
}

/*
 * "done" for a user who may only read the database: the daemon marks it
 * (POST /v1/done), as the web page or an SMS reply would.
 */
static int
done_via_daemon(struct cli *c, long long id, const char *arg,
    const char *by, const char *note)
{
	struct done_result r;
	json_t *body, *j;
	long status;

	body = id ? json_pack("{s:I}", "task", (json_int_t)id) :
	    json_pack("{s:s}", "ack_code", arg);
	if (by != NULL)
		json_object_set_new(body, "by", json_string(by));
	if (note != NULL)
		json_object_set_new(body, "note", json_string(note));
	status = cli_api(c, "POST", "/v1/done", body, &j);
	json_decref(body);
	if (status == -1) {
		json_decref(j);
		return cli_no_daemon(c);
	}
	if (status == 404) {
		json_decref(j);
		return id ? cli_err(EX_NOINPUT, _("no task \"%s\""), arg) :
		    cli_err(EX_NOINPUT, _("no ack code \"%s\""), arg);
	}
	if (status != 200)
		return cli_api_err(status, j);
	memset(&r, 0, sizeof(r));
	r.occ_id = json_integer_value(json_object_get(j, "occurrence"));
	r.task_id = json_integer_value(json_object_get(j, "task"));
	r.due_at = json_integer_value(json_object_get(j, "due"));
	r.changed = json_is_true(json_object_get(j, "changed"));
	r.jobs_cancelled = json_integer_value(json_object_get(j,
	    "jobs_cancelled"));
	snprintf(r.ack_code, sizeof(r.ack_code), "%s", json_string_value(
	    json_object_get(j, "ack_code")) ? json_string_value(
	    json_object_get(j, "ack_code")) : "");
	if (occ_state_parse(json_string_value(json_object_get(j, "state")) ?
	    json_string_value(json_object_get(j, "state")) : "",
	    &r.state) == -1) {
		json_decref(j);
		return cli_err(EX_SOFTWARE, "%s", _("the daemon's answer was "
		    "not understood"));
	}
	json_decref(j);
	return done_print(c, &r);
}

int
cmd_done(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct done_result r;
	const char *by = NULL, *note = NULL, *arg;
	char *end, due[32];
	long long id = 0;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'b')
			by = optarg;
		else if (ch == 'n')
			note = optarg;
		else
			return cli_usage("done", NULL);
	}
	if (optind + 1 != argc)
		return cli_usage("done", NULL);
	arg = argv[optind];
	id = strtoll(arg, &end, 10);
	if (*end != '\0')
		id = 0;
	if (c->readonly)
		return done_via_daemon(c, id, arg, by, note);
	rc = done_mark(c->store, c->conf, id, arg, by, "cli", note, clock_now(),
	    &r);
	if (rc == -1)
		return cli_store_err(c);
	if (rc == 0)
		return id ? cli_err(EX_NOINPUT, _("no task \"%s\""), arg) :
		    cli_err(EX_NOINPUT, _("no ack code \"%s\""), arg);
	fmt_local(r.due_at, due, sizeof(due));
	if (rc == 2)
		return cli_err(EX_DATAERR, _("task %lld: no period is due yet; "
		    "the next, due %s, has ack code %s (nhacviec done %s closes "
		    "it ahead of time)"), (long long)r.task_id, due, r.ack_code,
		    r.ack_code);
	if (r.changed)
		cli_wake(c);
	return done_print(c, &r);
}
