/*
 * cli-import.c: "nhacviec import agencies FILE [--dry-run] [--skip-bad]".
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "import.h"

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
	    stdout, stderr, &st, msg, sizeof(msg)) == -1)
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
