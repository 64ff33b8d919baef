/*
 * nhacviec.c: the admin command line.  It works on the same database as
 * the daemon (SQLite in WAL mode lets both in) and wakes the daemon over
 * its control socket after a change, so the change takes effect at once.
 * For a member of the group nhacviec, who may only read the database,
 * the changes it can make go through that socket instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#include <getopt.h>

#include <curl/curl.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "log.h"
#include "nls.h"
#include "store.h"
#include "tztime.h"

#ifndef NHACVIEC_CONF
#define NHACVIEC_CONF	"/etc/nhacviec/nhacviec.ini"
#endif

/*
 * jemalloc's options, read once by the allocator the tool is linked with
 * (glibc's ignores the name).  A large import holds the whole transaction
 * in SQLite's page cache, hundreds of megabytes of pages touched once and
 * written once at the commit.  On 4 KiB pages that costs a page fault per
 * page and a TLB miss per page copied; on 2 MiB pages (transparent huge
 * pages, which a kernel set to "madvise" gives only to memory that asks)
 * a million rows go in a fifth faster.  The tool runs for seconds, so the
 * larger pages cost it nothing worth keeping.
 */
const char *malloc_conf = "thp:always,metadata_thp:auto";

static void
usage(FILE *f)
{
	const struct cli_cmd *cmd;

	fprintf(f, _("usage: nhacviec [-c FILE] [--json] COMMAND [ARGS]\n\n"
	    "The nhacviec admin tool: agencies, contacts, plans, tasks and the\n"
	    "message queue.  Commands:\n\n"));
	for (cmd = cli_cmds; cmd->noun != NULL; cmd++)
		fprintf(f, "  %s%s%s %s\n", cmd->noun, cmd->verb ? " " : "",
		    cmd->verb ? cmd->verb : "", cli_usage_text(cmd));
	fprintf(f, _("\nOptions:\n"
	    "  -c, --config FILE  configuration (default $NHACVIEC_CONFIG or\n"
	    "                     %s)\n"
	    "  --json             machine-readable output\n"
	    "  -h, --help         this help;  -V, --version  the version\n\n"
	    "WHEN (task add --due) is YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS],\n"
	    "dd/mm/yyyy [HH:MM] in local time, or +90s, +10m, +2h, +3d.\n"
	    "Exit codes follow sysexits(3).  See nhacviec(1).\n"),
	    NHACVIEC_CONF);
}

/* True if ARGS asks for help before any "--" (an argument may be "-h"). */
static int
wants_help(int n, char **args)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(args[i], "--") == 0)
			return 0;
		if (strcmp(args[i], "--help") == 0 || strcmp(args[i], "-h") == 0)
			return 1;
	}
	return 0;
}

/* "nhacviec NOUN [VERB] --help": the usage lines, on stdout, exit 0. */
static int
sub_help(const char *noun, const char *verb)
{
	const struct cli_cmd *cmd;

	for (cmd = cli_cmds; cmd->noun != NULL; cmd++)
		if (strcmp(cmd->noun, noun) == 0 && (verb == NULL ||
		    cmd->verb == NULL || strcmp(cmd->verb, verb) == 0))
			printf(_("usage: nhacviec %s%s%s %s\n"), cmd->noun,
			    cmd->verb ? " " : "", cmd->verb ? cmd->verb : "",
			    cli_usage_text(cmd));
	printf(_("\nSee nhacviec(1) for what each option means.\n"));
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli c;
	const struct cli_cmd *cmd, *found = NULL;
	const char *path = getenv("NHACVIEC_CONFIG");
	char err[CONF_ERRLEN], **args;
	int i, n = 0, rc, noun_known = 0;

	nls_init();
	memset(&c, 0, sizeof(c));
	if (path == NULL || *path == '\0')
		path = NHACVIEC_CONF;
	/* Global options come first; --json is taken anywhere. */
	args = calloc((size_t)argc + 1, sizeof(*args));
	if (args == NULL)
		return cli_err(EX_OSERR, "%s", _("out of memory"));
	args[n++] = argv[0];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			c.json = 1;
		else if (n == 1 && (strcmp(argv[i], "-c") == 0 ||
		    strcmp(argv[i], "--config") == 0)) {
			if (++i == argc) {
				free(args);
				return cli_err(EX_USAGE, "%s", _("-c needs a "
				    "file"));
			}
			path = argv[i];
		} else if (n == 1 && (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)) {
			usage(stdout);
			free(args);
			return 0;
		} else if (n == 1 && (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0)) {
			printf("nhacviec %s\n", NHACVIEC_VERSION);
			free(args);
			return 0;
		} else
			args[n++] = argv[i];
	}
	if (n < 2) {
		usage(stderr);
		free(args);
		return EX_USAGE;
	}
	for (cmd = cli_cmds; cmd->noun != NULL && found == NULL; cmd++) {
		if (strcmp(cmd->noun, args[1]) != 0)
			continue;
		noun_known = 1;
		if (cmd->verb == NULL || (n > 2 && strcmp(cmd->verb,
		    args[2]) == 0))
			found = cmd;
	}
	/* Help needs neither the config nor the database. */
	if (noun_known && wants_help(n - 2, args + 2)) {
		rc = sub_help(args[1], found != NULL ? found->verb : NULL);
		free(args);
		return rc;
	}
	if (found == NULL) {
		rc = noun_known ? cli_usage(args[1], NULL) : cli_err(EX_USAGE,
		    _("unknown command \"%s\" (see nhacviec --help)"), args[1]);
		free(args);
		return rc;
	}
	log_init("nhacviec", LOG_LVL_WARN);
	if (clock_init(err, sizeof(err)) == -1) {
		free(args);
		return cli_err(EX_CONFIG, "%s", err);
	}
	if ((c.conf = config_load(path, err, sizeof(err))) == NULL &&
	    strcmp(found->noun, "phrase") == 0) {
		/* A phrase can be checked with no configuration at hand. */
		if (tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)) == -1) {
			free(args);
			return cli_err(EX_CONFIG, "timezone: %s", err);
		}
		optind = 0;
		rc = found->fn(&c, n - 1, args + 1);
		free(args);
		return rc;
	}
	if (c.conf == NULL) {
		free(args);
		return cli_err(EX_CONFIG, "%s", err);
	}
	if (tz_set(c.conf->timezone, err, sizeof(err)) == -1) {
		config_unref(c.conf);
		free(args);
		return cli_err(EX_CONFIG, _("%s: timezone: %s"), path, err);
	}
	/*
	 * A member of the group nhacviec may read the database, not write
	 * it: reads are direct, changes go through the daemon, and a
	 * command that can only write directly is refused here, saying why.
	 */
	c.readonly = access(c.conf->database, F_OK) == 0 &&
	    access(c.conf->database, W_OK) == -1;
	if (c.readonly && found->access == CLI_WRITES) {
		rc = cli_err(EX_NOPERM, _("\"%s%s%s\" changes the database "
		    "directly, and the database %s is read-only for this user "
		    "(uid %u): run it as root or as the user nhacviecd runs "
		    "as (\"done\" and \"task extend\" go through the daemon)"),
		    found->noun, found->verb ? " " : "", found->verb ?
		    found->verb : "", c.conf->database, (unsigned)getuid());
		config_unref(c.conf);
		free(args);
		return rc;
	}
	if ((c.store = store_open(c.conf->database, c.readonly, err,
	    sizeof(err))) == NULL) {
		config_unref(c.conf);
		free(args);
		return cli_err(EX_CANTCREAT, _("database %s"), err);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* getopt_long restarts on the subcommand's own arguments. */
	optind = 0;
	i = found->verb ? 2 : 1;
	rc = found->fn(&c, n - i, args + i);
	store_close(c.store);
	config_unref(c.conf);
	curl_global_cleanup();
	free(args);
	return rc;
}
