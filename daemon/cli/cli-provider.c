/*
 * cli-provider.c: "nhacviec provider auth NAME --refresh-token T" seeds
 * the first OAuth token pair of a provider (Zalo): the refresh token from
 * the OA's authorization; the daemon trades it for an access token and
 * from then on keeps rotating the pair itself.  "nhacviec provider secret"
 * makes a random callback_secret for a provider's receipt URL.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

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
	    store_event(c->store, EV_AUTH, 0, 0, pc->name, now) == -1 ||
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

/*
 * Prints a fresh callback_secret: 32 random bytes, base64url, so it can
 * sit in a URL path unescaped.  With NAME, also the receipt URL the
 * provider is to be given.
 */
int
cmd_provider_secret(struct cli *c, int argc, char **argv)
{
	unsigned char raw[32], b64[64], *p;
	const struct provider_conf *pc = NULL;

	if (argc > 2)
		return cli_usage("provider", "secret");
	if (argc == 2 && (pc = config_provider(c->conf, argv[1])) == NULL)
		return cli_err(EX_DATAERR, "no [provider %s] in %s", argv[1],
		    c->conf->path);
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return cli_err(EX_SOFTWARE, "no random bytes from OpenSSL");
	EVP_EncodeBlock(b64, raw, sizeof(raw));
	explicit_bzero(raw, sizeof(raw));
	for (p = b64; *p != '\0'; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=')
			*p = '\0';
	}
	printf("callback_secret = %s\n", b64);
	if (pc != NULL && c->conf->public_url != NULL)
		printf("; receipt URL for %s: %s/cb/%s/%s\n", pc->name,
		    c->conf->public_url, pc->name, b64);
	explicit_bzero(b64, sizeof(b64));
	return 0;
}
