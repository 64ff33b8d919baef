/*
 * cli-export.c: "nhacviec export ics --agency CODE": the deadlines of the
 * tasks an agency leads, as an iCalendar file; with --url, the address a
 * head subscribes to instead, which the daemon serves at /ics/TOKEN.
 * "nhacviec feed revoke CODE" makes every such address given out so far
 * stop working (a head left, a URL leaked); --url then gives a new one.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ack.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "ics.h"
#include "store.h"

int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ "url", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const char *agency = NULL;
	char tok[ACK_TOKEN_MAX + 1], *ics;
	int ch, url = 0, rc;
	int64_t id, v = 0;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch == 'a')
			agency = optarg;
		else if (ch == 'u')
			url = 1;
		else
			return cli_usage("export", "ics");
	}
	if (optind != argc || agency == NULL)
		return cli_usage("export", "ics");
	if ((rc = store_agency_get(c->store, agency, &id, NULL)) != 1)
		return rc == -1 ? cli_store_err(c) : cli_err(EX_DATAERR,
		    "--agency: unknown agency \"%s\"", agency);
	if (url) {
		if (c->conf->public_url == NULL || c->conf->ack_key == NULL)
			return cli_err(EX_CONFIG, "a feed URL needs [daemon] "
			    "public_url and ack_key_file in %s", c->conf->path);
		if (store_agency_feed_version(c->store, agency, &v) == -1)
			return cli_store_err(c);
		if (ics_token_make(c->conf->ack_key, agency, v, tok,
		    sizeof(tok)) == -1)
			return cli_err(EX_DATAERR, "--agency: \"%s\" is too "
			    "long for a feed token", agency);
		printf("%s/ics/%s\n", c->conf->public_url, tok);
		return 0;
	}
	if ((ics = ics_agency(c->store, agency,
	    c->conf->public_url, clock_now())) == NULL)
		return cli_store_err(c);
	fputs(ics, stdout);
	free(ics);
	return 0;
}

int
cmd_feed_revoke(struct cli *c, int argc, char **argv)
{
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("feed", "revoke");
	if (store_begin(c->store) == -1 ||
	    (rc = store_agency_feed_revoke(c->store, argv[1])) == -1 ||
	    store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	if (rc == 0)
		return cli_err(EX_DATAERR, "unknown agency \"%s\" / không có "
		    "cơ quan \"%s\"", argv[1], argv[1]);
	printf("feed URLs of %s revoked; \"nhacviec export ics --agency %s "
	    "--url\" gives the new one\n", argv[1], argv[1]);
	return 0;
}
