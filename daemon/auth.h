/*
 * auth.h: the rotating OAuth tokens of providers that need them (Zalo).
 * Each provider's token moves through a small state machine: read from
 * the database, ready, being refreshed, or dead until a person
 * authorizes the OA again.
 */
#ifndef NV_AUTH_H
#define NV_AUTH_H

#include <sys/queue.h>

#include <time.h>

struct nvd;
struct outmsg;
struct provider_conf;

enum auth_state {
	AUTH_UNLOADED = 0,	/* not read from the database yet */
	AUTH_READY,
	AUTH_REFRESHING,
	AUTH_DEAD,		/* a person must authorize again */
};

/* The token state of one provider. */
struct auth {
	LIST_ENTRY(auth) entry;
	char		*provider;
	enum auth_state	 state;
	int		 reauth;	/* a send said the token is bad */
	char		 access[1024];
	char		 refresh[1024];
	char		 dead_refresh[1024];	/* refused: not tried again */
	time_t		 expires_at;
	time_t		 retry_at;	/* after a refresh that failed */
};
LIST_HEAD(auth_list, auth);

struct auth	*auth_get(struct nvd *, const char *provider);
int		 auth_ready(struct nvd *, const struct provider_conf *,
		    time_t now);
int		 auth_refreshed(struct nvd *, struct outmsg *, time_t now);
const char	*auth_token(struct nvd *, const struct provider_conf *);
void		 auth_free_all(struct nvd *);

#endif
