/*
 * cli-import.c: "nhacviec import agencies FILE [--dry-run] [--skip-bad]".
 */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "import.h"
#include "store.h"
#include "tztime.h"

/*
 * Shows an import's progress on the terminal, on one line that is cleared
 * at the end; only for imports long enough to make someone wait.
 */
static void
show_progress(void *arg, const char *what, int done, int total)
{
	if (total < 1000 || !isatty(2))
		return;
	if (done < total)
		fprintf(stderr, "\r  %s: %d/%d", what, done, total);
	else
		fprintf(stderr, "\r%40s\r", "");
}

static const struct import_progress progress = { show_progress, NULL };

int
cmd_import_agencies(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_stats st;
	char msg[512];
	int ch, dry = 0, skip = 0;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'n')
			dry = 1;
		else if (ch == 's')
			skip = 1;
		else
			return cli_usage("import", "agencies");
	}
	if (optind + 1 != argc)
		return cli_usage("import", "agencies");
	if (import_agencies(c->store, argv[optind], dry, skip, clock_now(),
	    stdout, stderr, &progress, &st, msg, sizeof(msg)) == -1)
		return cli_err(EX_DATAERR, "%s", msg);
	if (c->json) {
		cli_print_json(json_pack("{s:i, s:i, s:i, s:i, s:i, s:b}",
		    "rows", st.rows, "bad", st.bad, "added", st.added,
		    "updated", st.updated, "contacts", st.contacts,
		    "dry_run", dry));
		return 0;
	}
	if (dry)
		printf("dry run: %d row(s) read, %d bad; nothing written\n",
		    st.rows, st.bad);
	else
		printf("%d agencies imported (%d new, %d updated), %d new "
		    "contact(s)%s\n", st.added + st.updated, st.added,
		    st.updated, st.contacts, st.bad ? "; bad rows skipped" :
		    "");
	if (!dry)
		cli_wake(c);
	return 0;
}

struct plan_year {
	const char	*code;
	int		 year;
};

static void
plan_year_cb(void *arg, const struct plan_row *p)
{
	struct plan_year *py = arg;

	/* The year the plan is for: its period's, else its date's. */
	if (strcmp(p->code, py->code) == 0 && p->period_from != NULL)
		py->year = atoi(p->period_from);
	else if (strcmp(p->code, py->code) == 0 && p->issued_on != NULL)
		py->year = atoi(p->issued_on);
}

int
cmd_import_tasks(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "year", required_argument, NULL, 'y' },
		{ "policy", required_argument, NULL, 'P' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ "table", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_stats st;
	struct plan_year py = { NULL, 0 };
	int table = 0;
	const char *policy = NULL;
	char msg[512], now_s[32];
	int ch, dry = 0, skip = 0, year = 0;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'p': py.code = optarg; break;
		case 'y':
			if ((year = atoi(optarg)) < 1990 || year > 2100)
				return cli_err(EX_USAGE, "--year: a year such "
				    "as 2023");
			break;
		case 'P': policy = optarg; break;
		case 'n': dry = 1; break;
		case 's': skip = 1; break;
		case 't':
			if ((table = atoi(optarg)) < 1)
				return cli_err(EX_USAGE, "--table: a table's "
				    "number, from 1");
			break;
		default:
			return cli_usage("import", "tasks");
		}
	}
	if (optind + 1 != argc || py.code == NULL)
		return cli_usage("import", "tasks");
	if (policy != NULL && config_policy(c->conf, policy) == NULL)
		return cli_err(EX_DATAERR, "--policy: no [policy %s] in %s",
		    policy, c->conf->path);
	/*
	 * Dates without a year: --year, else the plan's period's, else its
	 * date's, else this year.
	 */
	if (year == 0) {
		if (store_plan_list(c->store, plan_year_cb, &py) == -1)
			return cli_store_err(c);
		year = py.year;
	}
	if (year == 0) {
		fmt_local(clock_now(), now_s, sizeof(now_s));
		year = atoi(now_s + 6);
	}
	if (import_tasks(c->store, c->conf, argv[optind], py.code, year,
	    policy, dry, skip, table, c->json && dry, clock_now(), stdout,
	    stderr, &progress, &st, msg, sizeof(msg)) == -1)
		return cli_err(EX_DATAERR, "%s", msg);
	if (c->json && dry)
		return 0;	/* the rows were the output */
	if (c->json) {
		cli_print_json(json_pack("{s:i, s:i, s:i, s:i, s:i, s:b}",
		    "rows", st.rows, "bad", st.bad, "added", st.added,
		    "updated", st.updated, "ambiguous", st.ambiguous,
		    "dry_run", dry));
		return 0;
	}
	if (!dry) {
		printf("%d task(s) added, %d updated from %d row(s)%s\n",
		    st.added, st.updated, st.rows, st.bad ? "; rows not "
		    "understood were skipped" : "");
		cli_wake(c);
	}
	return 0;
}
