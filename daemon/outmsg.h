/*
 * outmsg.h: a message claimed from the outbox and on its way out.  It
 * owns copies of everything it needs, so the store's statements can move
 * on while the request is in flight, and holds a reference to the config
 * it was claimed under, which a reload cannot free from under it.
 */
#ifndef NV_OUTMSG_H
#define NV_OUTMSG_H

#include <sys/queue.h>

#include <stdint.h>
#include <time.h>

#include "config.h"
#include "provider.h"

struct msg_row;

struct outmsg {
	TAILQ_ENTRY(outmsg) entry;
	struct config	*conf;		/* referenced */
	const struct provider_conf *pc;	/* inside conf */
	struct prov_msg	 pm;		/* points into strs below */
	char		*strs[20];
	int		 nstrs;
	int		 channel;
	time_t		 created_at;
	int64_t		 started_ms;
	/* an OAuth refresh rather than a message */
	int		 is_refresh;
	char		*refresh_token;
	struct prov_tokens tokens;
	int		 refresh_rc;	/* 0, -1 try later, -2 dead */
	int		 is_moved;	/* never sent: its provider cannot */
	int		 is_direct;	/* an answer to a reply: not stored */
	int		 is_digest;	/* carries others, which follow it */
	/* filled in when the attempt ends */
	struct prov_result res;
	long		 status;
	int64_t		 latency_ms;
};

TAILQ_HEAD(outmsg_list, outmsg);

struct outmsg	*outmsg_new(const struct msg_row *, struct config *,
		    const struct provider_conf *);
struct outmsg	*outmsg_refresh(struct config *, const struct provider_conf *,
		    const char *refresh_token);
struct outmsg	*outmsg_direct(struct config *, const struct provider_conf *,
		    const char *address, const char *text);
void		 outmsg_free(struct outmsg *);

#endif
