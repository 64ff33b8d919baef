/*
 * cli-preview.c: "nhacviec preview": every reminder, escalation and alert
 * that would go out in the next N days, with its time, recipient, channel
 * and rendered text.  It runs the daemon's own planning and firing code
 * inside a transaction that it rolls back, so what it shows is what the
 * daemon would do (holidays, quiet hours, channel fallback included, the
 * jobs of occurrences far ahead stored as they come within reach) and
 * nothing is changed.  Messages a digest gathers show as that digest.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "digest.h"
#include "fire.h"
#include "plan.h"
#include "store.h"
#include "tztime.h"
#include "nls.h"

struct preview {
	struct cli	*c;
	time_t		 now;
	time_t		 until;
	int64_t		 task;		/* 0: all */
	const char	*agency;	/* NULL: all */
	json_t		*arr;
	int		 shown;
	int		 failed;
};

static void
expand_one(void *arg, const struct expand_row *row)
{
	struct preview *pv = arg;
	const struct policy *p;
	int created;

	if ((p = config_policy(pv->c->conf, row->policy)) == NULL)
		p = config_policy(pv->c->conf, pv->c->conf->default_policy);
	if (plan_expand(pv->c->store, p, pv->c->conf->calendar, row, pv->now,
	    pv->until, &created) == -1)
		pv->failed = 1;
}

static void
show(void *arg, const struct msg_row *m)
{
	struct preview *pv = arg;
	char when[32], due[32], moved[256];

	if (pv->task != 0 && m->task_id != pv->task)
		return;
	if (pv->agency != NULL && strcmp(pv->agency, m->agency_code) != 0)
		return;
	/*
	 * A message goes out inside its digest, so the digest is shown; with
	 * --task, whose digest may be headed by another task, the task's own
	 * messages are shown instead, each saying it travels in a digest.
	 */
	if (pv->task != 0 ? m->is_digest : m->digest_id != 0)
		return;
	pv->shown++;
	/* A deadline moved off a day off says so ("Tết", "Chủ nhật"). */
	if (store_occ_moved(pv->c->store, m->occ_id, moved,
	    sizeof(moved)) != 1)
		moved[0] = '\0';
	if (pv->arr != NULL) {
		json_array_append_new(pv->arr, json_pack("{s:I, s:s, s:i, s:I, "
		    "s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:o}",
		    "at", (json_int_t)m->next_attempt_at,
		    "kind", m->is_digest ? "digest" : job_kind_name(m->kind),
		    "step", m->step, "task", (json_int_t)m->task_id,
		    "agency", m->agency_code, "contact", m->contact_name,
		    "channel", m->provider, "to", m->address, "text", m->body,
		    "due", (json_int_t)m->due_at, "ack_code", m->ack_code,
		    "occurrence", (json_int_t)m->occ_id, "in_digest",
		    m->digest_id ? json_integer(m->digest_id) : json_null()));
		json_object_set_new(json_array_get(pv->arr,
		    json_array_size(pv->arr) - 1), "due_moved", moved[0] ?
		    json_string(moved) : json_null());
		return;
	}
	fmt_local(m->next_attempt_at, when, sizeof(when));
	fmt_local(m->due_at, due, sizeof(due));
	if (m->is_digest) {
		printf(_("%s  digest\n    to %s (%s, %s) via %s%s%s\n    %s\n"),
		    when, m->contact_name, m->contact_role, m->agency_code,
		    m->provider, *m->address ? " " : "", m->address, m->body);
		return;
	}
	printf(_("%s  %s #%d  task %lld (due %s)\n"
	    "    to %s (%s, %s) via %s%s%s\n    %s\n"), when,
	    job_kind_name(m->kind), m->step,
	    (long long)m->task_id, due, m->contact_name, m->contact_role,
	    m->agency_code, m->provider, *m->address ? " " : "", m->address,
	    m->body);
	if (moved[0] != '\0')
		printf("    (%s)\n", moved);
	if (m->digest_id != 0)
		printf(_("    (goes out in a digest with other tasks)\n"));
}

int
cmd_preview(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "days", required_argument, NULL, 'd' },
		{ "agency", required_argument, NULL, 'a' },
		{ "task", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct preview pv;
	struct fire_ctx fc;
	int64_t max_id;
	int ch, days = 14, more, n, rounds;

	memset(&pv, 0, sizeof(pv));
	pv.c = c;
	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if ((days = atoi(optarg)) < 1 || days > 366)
				return cli_err(EX_USAGE, _("--days: 1 to 366"));
			break;
		case 'a':
			pv.agency = optarg;
			break;
		case 't':
			if ((pv.task = atoll(optarg)) <= 0)
				return cli_err(EX_USAGE, _("--task: a task "
				    "id"));
			break;
		default:
			return cli_usage("preview", NULL);
		}
	}
	if (optind != argc)
		return cli_usage("preview", NULL);
	pv.now = clock_now();
	pv.until = pv.now + (time_t)days * 86400;
	if (c->json)
		pv.arr = json_array();
	if (store_begin(c->store) == -1 ||
	    store_max_msg_id(c->store, &max_id) == -1)
		goto fail;
	/* Plan the recurring periods that fall in the window ... */
	for (rounds = 0; rounds < 100; rounds++) {
		if ((n = store_tasks_to_expand(c->store, pv.until, 1000,
		    expand_one, &pv)) == -1 || pv.failed)
			goto fail;
		if (n == 0)
			break;
	}
	/* ... store the jobs of occurrences that come within reach ... */
	while ((n = plan_due(c->store, c->conf, pv.until, 1000)) == 1000)
		;
	if (n == -1)
		goto fail;
	/* ... then fire every job due in it, each at its own time. */
	fire_ctx_init(&fc, c->store, c->conf, NULL, pv.now, 1);
	do {
		if (store_jobs_due(c->store, pv.until, 1000, fire_job, &fc,
		    &more) == -1) {
			fire_ctx_done(&fc);
			goto fail;
		}
	} while (more);
	fire_ctx_done(&fc);
	/* ... and gather them into digests as the daemon would. */
	if (digest_gather(c->store, c->conf, pv.now, &n) == -1 ||
	    digest_render_due(c->store, c->conf, pv.until, pv.now) == -1)
		goto fail;
	if (!c->json)
		printf(_("Messages nhacviecd would send in the next %d day(s), "
		    "as of now; nothing has been changed.\n\n"), days);
	if (store_msg_list_after(c->store, max_id, show, &pv) == -1)
		goto fail;
	store_rollback(c->store);
	if (c->json)
		cli_print_json(pv.arr);
	else
		printf(_("%d message(s).\n"), pv.shown);
	return 0;
fail:
	store_rollback(c->store);
	json_decref(pv.arr);
	return cli_store_err(c);
}
