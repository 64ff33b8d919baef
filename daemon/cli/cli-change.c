/*
 * cli-change.c: changing a task after the fact: "task extend" moves an
 * occurrence's deadline and re-plans its jobs, "task cancel" stops a
 * task or one occurrence of a series.  Each change goes to the event log
 * with who made it and why, and "task show" prints that history.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "extend.h"
#include "plan.h"
#include "store.h"
#include "tztime.h"
#include "workday.h"
#include "nls.h"

struct change {
	struct cli	*c;
	int64_t		 task;
	const char	*occ_ack;	/* --occurrence */
	const char	*by;
	const char	*reason;
	char		 policy[64];
	int		 found;
};

static void
task_policy(void *arg, const struct task_row *t)
{
	struct change *ch = arg;

	snprintf(ch->policy, sizeof(ch->policy), "%s", t->policy);
	ch->found = 1;
}

/*
 * Finds the occurrence to change: the one named by --occurrence, which
 * must belong to the task, or else the task's earliest open one.
 */
static int
find_occ(struct change *ch, struct occ_row *occ, char *ack, size_t acklen)
{
	int rc;

	rc = store_occ_find(ch->c->store, ch->task, ch->occ_ack, occ, ack,
	    acklen);
	if (rc == -1)
		return cli_store_err(ch->c);
	if (rc == 0 || occ->task_id != ch->task)
		return ch->occ_ack ? cli_err(EX_NOINPUT, _("task %lld has no "
		    "occurrence %s"), (long long)ch->task, ch->occ_ack) :
		    cli_err(EX_NOINPUT, _("task %lld has no occurrence"),
		    (long long)ch->task);
	if (occ->state != OCC_OPEN)
		return cli_err(EX_DATAERR, _("occurrence %s of task %lld is %s "
		    "already"), ack, (long long)ch->task,
		    occ_state_name(occ->state));
	return 0;
}

/* Parses the options shared by extend and cancel; returns 0 or an exit. */
static int
parse_common(struct change *ch, int argc, char **argv, const char *verb,
    const char **to)
{
	static const struct option o[] = {
		{ "to", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "by", required_argument, NULL, 'b' },
		{ "occurrence", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 't':
			if (to == NULL)
				return cli_usage("task", verb);
			*to = optarg;
			break;
		case 'r':
			ch->reason = optarg;
			break;
		case 'b':
			ch->by = optarg;
			break;
		case 'o':
			ch->occ_ack = optarg;
			break;
		default:
			return cli_usage("task", verb);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("task", verb);
	ch->task = strtoll(argv[optind], &end, 10);
	if (*end != '\0' || ch->task <= 0)
		return cli_err(EX_USAGE, _("task id must be a number"));
	if (store_task_get(ch->c->store, ch->task, task_policy, ch) == -1)
		return cli_store_err(ch->c);
	if (!ch->found)
		return cli_err(EX_NOINPUT, _("no task %lld"),
		    (long long)ch->task);
	return 0;
}

/* What "task extend" did, in text or JSON. */
static int
extend_print(struct cli *c, const struct extend_result *r)
{
	char from_s[32], to_s[32];

	if (c->json) {
		cli_print_json(json_pack("{s:I, s:I, s:s, s:I, s:I, s:i, s:i}",
		    "task", (json_int_t)r->task_id, "occurrence",
		    (json_int_t)r->occ_id, "ack_code", r->ack, "from",
		    (json_int_t)r->from, "to", (json_int_t)r->to,
		    "jobs_cancelled", r->cancelled, "jobs_planned", r->planned));
		return 0;
	}
	fmt_local(r->from, from_s, sizeof(from_s));
	fmt_local(r->to, to_s, sizeof(to_s));
	if (r->why[0] != '\0')
		printf(_("warning: %s\n"), r->why);
	printf(_("task %lld (ack %s): deadline %s -> %s; %d job(s) cancelled, "
	    "%d planned\n"), (long long)r->task_id, r->ack, from_s, to_s,
	    r->cancelled, r->planned);
	return 0;
}

/*
 * "task extend" for a user who may only read the database: the
 * occurrence is looked up here and moved by the daemon (PATCH
 * /v1/occurrences/ACK), with the same rules.
 */
static int
extend_via_daemon(struct change *ch, const char *to)
{
	struct cli *c = ch->c;
	struct extend_result r;
	struct occ_row occ;
	char ack[16], path[64];
	const char *why;
	json_t *body, *j;
	long status;
	int rc;

	rc = store_occ_find(c->store, ch->task, ch->occ_ack, &occ, ack,
	    sizeof(ack));
	if (rc == -1)
		return cli_store_err(c);
	if (rc == 0 || occ.task_id != ch->task || ack[0] == '\0' ||
	    strspn(ack, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789") != strlen(ack))
		return ch->occ_ack ? cli_err(EX_NOINPUT, _("task %lld has no "
		    "occurrence %s"), (long long)ch->task, ch->occ_ack) :
		    cli_err(EX_NOINPUT, _("task %lld has no open occurrence"),
		    (long long)ch->task);
	body = json_pack("{s:s, s:s}", "due", to, "reason", ch->reason);
	if (ch->by != NULL)
		json_object_set_new(body, "by", json_string(ch->by));
	snprintf(path, sizeof(path), "/v1/occurrences/%s", ack);
	status = cli_api(c, "PATCH", path, body, &j);
	json_decref(body);
	if (status == -1) {
		json_decref(j);
		return cli_no_daemon(c);
	}
	if (status != 200)
		return cli_api_err(status, j);
	memset(&r, 0, sizeof(r));
	r.task_id = json_integer_value(json_object_get(j, "task"));
	r.occ_id = json_integer_value(json_object_get(j, "occurrence"));
	snprintf(r.ack, sizeof(r.ack), "%s", ack);
	r.from = json_integer_value(json_object_get(j, "from"));
	r.to = json_integer_value(json_object_get(j, "to"));
	r.cancelled = json_integer_value(json_object_get(j, "jobs_cancelled"));
	r.planned = json_integer_value(json_object_get(j, "jobs_planned"));
	if ((why = json_string_value(json_object_get(j, "deadline_moved"))) !=
	    NULL)
		snprintf(r.why, sizeof(r.why), "%s", why);
	json_decref(j);
	return extend_print(c, &r);
}

int
cmd_task_extend(struct cli *c, int argc, char **argv)
{
	struct change ch;
	struct extend_result r;
	const char *to = NULL;
	char err[256];
	int rc;

	memset(&ch, 0, sizeof(ch));
	ch.c = c;
	if ((rc = parse_common(&ch, argc, argv, "extend", &to)) != 0)
		return rc;
	if (to == NULL || ch.reason == NULL)
		return cli_err(EX_USAGE, _("task extend needs --to WHEN and "
		    "--reason TEXT"));
	if (c->readonly)
		return extend_via_daemon(&ch, to);
	rc = occ_extend(c->store, c->conf, ch.task, ch.occ_ack, to, ch.reason,
	    ch.by, clock_now(), &r, err, sizeof(err));
	if (rc == -2)
		return cli_store_err(c);
	if (rc == -3)
		return ch.occ_ack ? cli_err(EX_NOINPUT, _("task %lld has no "
		    "occurrence %s"), (long long)ch.task, ch.occ_ack) :
		    cli_err(EX_NOINPUT, _("task %lld has no open occurrence"),
		    (long long)ch.task);
	if (rc == -1)
		return cli_err(EX_DATAERR, "--%s", err);
	cli_wake(c);
	return extend_print(c, &r);
}

struct open_list {
	int64_t	 ids[512];
	int	 n;
};

static void
collect_open(void *arg, const struct occ_row *o)
{
	struct open_list *ol = arg;

	if (o->state == OCC_OPEN && ol->n < 512)
		ol->ids[ol->n++] = o->id;
}

int
cmd_task_cancel(struct cli *c, int argc, char **argv)
{
	struct change ch;
	struct occ_row occ;
	struct open_list ol;
	char ack[16], detail[512];
	time_t now = clock_now();
	int rc, i, jobs = 0, n;

	memset(&ch, 0, sizeof(ch));
	memset(&ol, 0, sizeof(ol));
	ch.c = c;
	if ((rc = parse_common(&ch, argc, argv, "cancel", NULL)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "cancelled%s%s%s%s", ch.by ? " by " :
	    "", ch.by ? ch.by : "", ch.reason ? ": " : "", ch.reason ?
	    ch.reason : "");
	if (store_begin(c->store) == -1)
		return cli_store_err(c);
	if (ch.occ_ack != NULL) {
		if ((rc = find_occ(&ch, &occ, ack, sizeof(ack))) != 0) {
			store_rollback(c->store);
			return rc;
		}
		ol.ids[ol.n++] = occ.id;
	} else if (store_occ_list(c->store, ch.task, collect_open, &ol) == -1 ||
	    store_task_stop(c->store, ch.task) == -1)
		goto fail;
	for (i = 0; i < ol.n; i++) {
		if (store_occ_close(c->store, ol.ids[i], OCC_CANCELLED, ch.by,
		    "cli", ch.reason, now, &n) == -1 ||
		    store_event(c->store, EV_CANCELLED, ol.ids[i], 0, detail,
		    now) == -1)
			goto fail;
		jobs += n;
	}
	if (store_commit(c->store) == -1)
		goto fail;
	cli_wake(c);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:i, s:i, s:b}", "task",
		    (json_int_t)ch.task, "occurrences_cancelled", ol.n,
		    "jobs_cancelled", jobs, "series_stopped",
		    ch.occ_ack == NULL));
	else
		printf(_("task %lld: %d occurrence(s) cancelled, %d pending "
		    "job(s) cancelled%s\n"), (long long)ch.task, ol.n, jobs,
		    ch.occ_ack == NULL ? _("; no further occurrences") : "");
	return 0;
fail:
	store_rollback(c->store);
	return cli_store_err(c);
}
