/*
 * cli-queue.c: the outbox seen from the command line (queue list, retry,
 * cancel) and "status", which asks the running daemon when it can.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "cli.h"
#include "done.h"
#include "rowjson.h"
#include "config.h"
#include "store.h"
#include "tztime.h"

static void
msg_row(void *arg, const struct msg_row *m)
{
	json_t *arr = arg;
	char next[32];

	if (arr != NULL) {
		json_array_append_new(arr, msg_json(m));
		return;
	}
	fmt_local(m->next_attempt_at, next, sizeof(next));
	/* The name goes last: padding by bytes would misalign UTF-8. */
	printf("%-6lld %-9s %-10s %-2d %-10s %-4d %-16s %-24s %s\n",
	    (long long)m->id, msg_state_name(m->state), m->is_digest ?
	    "digest" : job_kind_name(m->kind),
	    m->step, m->provider, m->attempts, m->state == MSG_QUEUED ? next :
	    "-",
	    m->last_error ? m->last_error : "-", m->contact_name);
}

int
cmd_queue_list(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "state", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	enum msg_state state, *want = NULL;
	json_t *arr = NULL;
	char names[128] = "";
	int ch, i, limit = 100;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 's') {
			if (msg_state_parse(optarg, &state) == -1) {
				for (i = 0; i < MSG_NSTATES; i++)
					snprintf(names + strlen(names),
					    sizeof(names) - strlen(names),
					    "%s%s", i ? ", " : "",
					    msg_state_name(i));
				return cli_err(EX_USAGE, "--state: one of %s",
				    names);
			}
			want = &state;
		} else if (ch == 'l') {
			if ((limit = atoi(optarg)) <= 0)
				return cli_err(EX_USAGE, "--limit: a positive "
				    "number");
		} else
			return cli_usage("queue", "list");
	}
	if (optind != argc)
		return cli_usage("queue", "list");
	if (c->json)
		arr = json_array();
	else
		printf("%-6s %-9s %-10s %-2s %-10s %-4s %-16s %-24s %s\n", "ID",
		    "STATE", "KIND", "#", "PROVIDER", "TRY", "NEXT",
		    "LAST ERROR", "TO");
	if (store_msg_list(c->store, want, limit, msg_row, arr) == -1) {
		json_decref(arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(arr);
	return 0;
}

/* queue retry / queue cancel: both take one message id. */
static int
queue_change(struct cli *c, int argc, char **argv, const char *verb)
{
	char *end;
	long long id;
	int rc, retry = strcmp(verb, "retry") == 0;

	if (argc != 2)
		return cli_usage("queue", verb);
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id <= 0)
		return cli_err(EX_USAGE, "message id must be a number");
	if ((rc = msg_change(c->store, id, verb, clock_now())) == -1)
		return cli_store_err(c);
	if (rc == 1)
		return cli_err(EX_DATAERR, "message %lld does not exist or "
		    "cannot be %s in its state", id, retry ? "retried" :
		    msg_state_name(MSG_CANCELLED));
	cli_wake(c);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s}", "id", (json_int_t)id,
		    "state", msg_state_name(retry ? MSG_QUEUED :
		    MSG_CANCELLED)));
	else
		printf("message %lld %s%s\n", id, msg_state_name(retry ?
		    MSG_QUEUED : MSG_CANCELLED), retry ? " again" : "");
	return 0;
}

int
cmd_queue_retry(struct cli *c, int argc, char **argv)
{
	return queue_change(c, argc, argv, "retry");
}

int
cmd_queue_cancel(struct cli *c, int argc, char **argv)
{
	return queue_change(c, argc, argv, "cancel");
}

struct chain_ctx {
	int64_t	 prev;
	int	 found;
	json_t	*arr;
	int64_t	 asked;
};

static void
chain_row(void *arg, const struct msg_row *m)
{
	struct chain_ctx *cc = arg;
	char when[32];

	cc->found = 1;
	cc->prev = m->prev_id;
	if (cc->arr != NULL) {
		json_array_append_new(cc->arr, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:i, s:o, s:o, s:s}", "id", (json_int_t)m->id, "provider",
		    m->provider, "to", m->address, "state",
		    msg_state_name(m->state),
		    "attempts", m->attempts, "last_error",
		    cli_jstr(m->last_error), "provider_msg_id",
		    cli_jstr(m->provider_msg_id), "idempotency_key",
		    m->idem_key));
		return;
	}
	fmt_local(m->next_attempt_at, when, sizeof(when));
	printf("%s message %lld via %s to %s: %s after %d attempt(s)%s%s%s%s\n",
	    m->id == cc->asked ? "*" : " ", (long long)m->id, m->provider,
	    m->address, msg_state_name(m->state), m->attempts,
	    m->last_error ? " — " : "",
	    m->last_error ? m->last_error : "", m->provider_msg_id ?
	    ", provider id " : "", m->provider_msg_id ? m->provider_msg_id :
	    "");
}

/* queue show ID: a message and the channels it went through. */
int
cmd_queue_show(struct cli *c, int argc, char **argv)
{
	struct chain_ctx cc;
	char *end;
	int64_t id, root, next;
	int rc, n;

	if (argc != 2)
		return cli_usage("queue", "show");
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id <= 0)
		return cli_err(EX_USAGE, "message id must be a number");
	memset(&cc, 0, sizeof(cc));
	cc.asked = id;
	/* Walk back to where the chain began ... */
	for (root = id, n = 0; n < 64; n++) {
		cc.found = 0;
		cc.prev = 0;
		if (store_msg_get(c->store, root, chain_row, &cc) == -1)
			return cli_store_err(c);
		if (!cc.found)
			return cli_err(EX_NOINPUT, "no message %lld",
			    (long long)id);
		if (cc.prev == 0)
			break;
		root = cc.prev;
	}
	if (c->json)
		cc.arr = json_array();
	else
		printf("path of message %lld, first channel first:\n",
		    (long long)id);
	/* ... then print it forward. */
	for (next = root, n = 0; n < 64; n++) {
		if (store_msg_get(c->store, next, chain_row, &cc) == -1 ||
		    (rc = store_msg_next_in_chain(c->store, next, &next)) ==
		    -1) {
			json_decref(cc.arr);
			return cli_store_err(c);
		}
		if (rc == 0)
			break;
	}
	if (c->json)
		cli_print_json(cc.arr);
	return 0;
}

int
cmd_status(struct cli *c, int argc, char **argv)
{
	struct store_counts n;
	enum msg_state ms;
	json_t *d, *out;
	time_t now = clock_now(), next = -1, t;
	struct provider_conf *pc;
	char when[32];
	long long nw;
	int64_t t_ms;
	int running;

	if (argc > 1)
		return cli_usage("status", NULL);
	if (store_counts(c->store, now, &n) == -1)
		return cli_store_err(c);
	d = cli_daemon_status(c);
	running = d != NULL;
	if (d != NULL) {
		nw = json_integer_value(json_object_get(d, "next_wake"));
		next = nw >= 0 ? (time_t)nw : -1;
	} else {
		/* Not running: when it would wake, from the database alone. */
		if (store_next_job_at(c->store, &t) == 1)
			next = t;
		TAILQ_FOREACH(pc, &c->conf->providers, entry)
			if (store_next_msg_ms(c->store, pc->name, &t_ms) == 1 &&
			    (next == -1 || t_ms / 1000 < next))
				next = (time_t)(t_ms / 1000);
	}
	if (c->json) {
		out = json_pack("{s:b, s:o, s:I, s:I, s:I, s:I, s:o, s:o}",
		    "daemon_running", d != NULL,
		    "messages", counts_json(&n),
		    "in_doubt", (json_int_t)n.in_doubt,
		    "jobs_pending", (json_int_t)n.jobs_pending,
		    "occurrences_open", (json_int_t)n.occ_open,
		    "occurrences_overdue", (json_int_t)n.occ_overdue,
		    "next_wake", next >= 0 ? json_integer(next) : json_null(),
		    "daemon", d != NULL ? d : json_null());
		cli_print_json(out);
		return running ? 0 : EX_UNAVAILABLE;
	}
	if (d != NULL)
		printf("daemon:     running (pid %lld, %lld request(s) in "
		    "flight)\n",
		    (long long)json_integer_value(json_object_get(d, "pid")),
		    (long long)json_integer_value(json_object_get(d,
		    "inflight")));
	else
		printf("daemon:     not running (no answer on %s)\n",
		    c->conf->control_socket);
	if (next >= 0) {
		fmt_local(next, when, sizeof(when));
		printf("next wake:  %s%s\n", when, next <= now ? " (now)" : "");
	} else
		printf("next wake:  none (nothing scheduled)\n");
	printf("messages:  ");
	for (ms = 0; ms < MSG_NSTATES; ms++)
		printf("%s %lld %s", ms ? "," : "", (long long)n.msgs[ms],
		    msg_state_name(ms));
	printf("\n");
	printf("in doubt:   %lld message(s) resent after a crash or stop\n",
	    (long long)n.in_doubt);
	printf("tasks:      %lld open occurrence(s), %lld overdue; %lld job(s) "
	    "pending\n", (long long)n.occ_open, (long long)n.occ_overdue,
	    (long long)n.jobs_pending);
	json_decref(d);
	/* Scripts and monitors read the exit code: down is not "fine". */
	return running ? 0 : EX_UNAVAILABLE;
}
