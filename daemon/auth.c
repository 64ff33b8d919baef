/*
 * auth.c: the rotating OAuth tokens of providers that need them (Zalo).
 *
 * Zalo's refresh token is single-use: each refresh returns a new pair that
 * must be saved before anything uses it, or a crash would leave the OA
 * with a token nobody has.  So the pair is written in the scheduler's
 * transaction, and a refresh token Zalo refused is never tried again: the
 * provider stops with an alert until a person authorizes the OA anew.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "nvd.h"
#include "outmsg.h"
#include "provider.h"
#include "store.h"
#include "xmalloc.h"

struct auth *
auth_get(struct nvd *d, const char *provider)
{
	struct auth *a;

	LIST_FOREACH(a, &d->auths, entry)
		if (strcmp(a->provider, provider) == 0)
			return a;
	a = xcalloc(1, sizeof(*a));
	a->provider = xstrdup(provider);
	LIST_INSERT_HEAD(&d->auths, a, entry);
	return a;
}

/* Reads a provider's saved tokens (inside the tick's transaction). */
static int
auth_load(struct nvd *d, struct auth *a)
{
	char buf[32];

	a->access[0] = a->refresh[0] = '\0';
	a->expires_at = 0;
	if (store_pstate_get(d->store, a->provider, "access_token", a->access,
	    sizeof(a->access)) == -1 ||
	    store_pstate_get(d->store, a->provider, "refresh_token",
	    a->refresh, sizeof(a->refresh)) == -1 ||
	    store_pstate_get(d->store, a->provider, "expires_at", buf,
	    sizeof(buf)) == -1)
		return -1;
	a->expires_at = atoll(buf);
	/* A token Zalo refused stays dead until someone seeds a new one. */
	if (a->refresh[0] == '\0' || strcmp(a->refresh, a->dead_refresh) == 0) {
		if (a->state != AUTH_DEAD && a->refresh[0] == '\0')
			log_error("provider %s is not authorized: run "
			    "\"nhacviec provider auth %s --refresh-token T\" "
			    "with a refresh token from the Zalo OA; its "
			    "messages go to the next channel meanwhile",
			    a->provider, a->provider);
		a->state = AUTH_DEAD;
	} else
		a->state = AUTH_READY;
	return 0;
}

/*
 * Records a refresh's outcome.  The new pair is written in the tick's
 * transaction, which commits before any request uses it; a dead refresh
 * token stops the provider with a loud alert instead of retrying.
 */
int
auth_refreshed(struct nvd *d, struct outmsg *om, time_t now)
{
	struct auth *a = auth_get(d, om->pc->name);
	char buf[32], why[400];

	if (om->refresh_rc == 0) {
		snprintf(buf, sizeof(buf), "%lld", (long long)(now +
		    om->tokens.expires_in));
		if (store_pstate_set(d->store, a->provider, "access_token",
		    om->tokens.access, now) == -1 ||
		    store_pstate_set(d->store, a->provider, "refresh_token",
		    om->tokens.refresh, now) == -1 ||
		    store_pstate_set(d->store, a->provider, "expires_at", buf,
		    now) == -1 ||
		    store_event(d->store, EV_TOKEN, 0, 0, a->provider,
		    now) == -1)
			return -1;
		snprintf(a->access, sizeof(a->access), "%s", om->tokens.access);
		snprintf(a->refresh, sizeof(a->refresh), "%s",
		    om->tokens.refresh);
		a->expires_at = now + om->tokens.expires_in;
		a->state = AUTH_READY;
		a->reauth = 0;
		d->stats.token_refreshes++;
		log_info("provider %s: access token refreshed (valid %llds)",
		    a->provider, (long long)om->tokens.expires_in);
		return 0;
	}
	if (om->refresh_rc == -2) {
		a->state = AUTH_DEAD;
		snprintf(a->dead_refresh, sizeof(a->dead_refresh), "%s",
		    om->refresh_token);
		snprintf(why, sizeof(why), "%s; the refresh token is no longer "
		    "valid: authorize the OA again and run \"nhacviec provider "
		    "auth %s --refresh-token T\"", om->res.reason, a->provider);
		log_error("ALERT provider %s: %s; its messages go to the next "
		    "channel meanwhile", a->provider, why);
		return store_event(d->store, EV_ALERT, 0, 0, why, now);
	}
	a->state = AUTH_READY;
	a->retry_at = now + 60;
	log_warnx("provider %s: token refresh failed (%s); trying again in "
	    "60s", a->provider, om->res.reason);
	return 0;
}

/*
 * Decides whether an OAuth provider can send now, starting a refresh
 * when its token is missing, near expiry or refused.  Returns 1 usable,
 * 0 not yet, -1 dead (its messages must move on), -2 on store errors.
 */
int
auth_ready(struct nvd *d, const struct provider_conf *pc, time_t now)
{
	struct auth *a = auth_get(d, pc->name);
	struct outmsg *om;

	/* A dead provider is re-read, to notice "nhacviec provider auth". */
	if (a->state == AUTH_UNLOADED || a->state == AUTH_DEAD) {
		if (auth_load(d, a) == -1)
			return -2;
		if (a->state == AUTH_DEAD)
			return -1;
	}
	if (a->state == AUTH_REFRESHING)
		return 0;
	if ((a->access[0] == '\0' || a->expires_at - now < 3600 ||
	    a->reauth) && now >= a->retry_at) {
		a->state = AUTH_REFRESHING;
		a->reauth = 0;
		om = outmsg_refresh(d->conf, pc, a->refresh);
		dispatch_start(d->disp, om);
		return 0;
	}
	return a->access[0] != '\0' && a->expires_at > now ? 1 : 0;
}

/* The access token of PC's token provider, if usable now, else NULL. */
const char *
auth_token(struct nvd *d, const struct provider_conf *pc)
{
	struct auth *a = auth_get(d, pc->name);

	if (a->access[0] == '\0' || a->state == AUTH_DEAD)
		return NULL;
	return a->access;
}

void
auth_free_all(struct nvd *d)
{
	struct auth *a;

	while ((a = LIST_FIRST(&d->auths)) != NULL) {
		LIST_REMOVE(a, entry);
		/* The tokens are secrets: not left behind in freed memory. */
		explicit_bzero(a->access, sizeof(a->access));
		explicit_bzero(a->refresh, sizeof(a->refresh));
		explicit_bzero(a->dead_refresh, sizeof(a->dead_refresh));
		free(a->provider);
		free(a);
	}
}
