/*
 * cli-provider.c: "nhacviec provider auth NAME --refresh-token T" seeds
 * the first OAuth token pair of a provider (Zalo): the refresh token from
 * the OA's authorization; the daemon trades it for an access token and
 * from then on keeps rotating the pair itself.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "provider.h"
#include "store.h"

int
cmd_provider_auth(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "refresh-token", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const struct provider_conf *pc;
	const char *token = NULL;
	time_t now = clock_now();
	int ch;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch != 'r')
			return cli_usage("provider", "auth");
		token = optarg;
	}
	if (optind + 1 != argc || token == NULL || *token == '\0')
		return cli_usage("provider", "auth");
	if ((pc = config_provider(c->conf, argv[optind])) == NULL)
		return cli_err(EX_DATAERR, "no [provider %s] in %s",
		    argv[optind], c->conf->path);
	if (pc->auth == NULL)
		return cli_err(EX_DATAERR, "provider %s (type %s) has no "
		    "rotating token", pc->name, pc->type);
	if (pc->auth != pc)
		return cli_err(EX_DATAERR, "provider %s takes its token from "
		    "provider %s: seed that one", pc->name, pc->auth->name);
	if (store_begin(c->store) == -1 ||
	    store_pstate_set(c->store, pc->name, "refresh_token", token,
	    now) == -1 ||
	    store_pstate_set(c->store, pc->name, "access_token", "", now) ==
	    -1 ||
	    store_pstate_set(c->store, pc->name, "expires_at", "0", now) ==
	    -1 ||
	    store_event(c->store, "auth", 0, 0, pc->name, now) == -1 ||
	    store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	cli_wake(c);
	if (c->json)
		cli_print_json(json_pack("{s:s, s:b}", "provider", pc->name,
		    "seeded", 1));
	else
		printf("provider %s: refresh token saved; the daemon fetches an "
		    "access token at its next wake-up\n", pc->name);
	return 0;
}
