/*
 * connguard.h: what the public child and the control listeners share in
 * guarding a listener: the count of its connections, the refusals
 * counted between two summaries, and the spare descriptor that keeps
 * accept from spinning when descriptors run out.
 */
#ifndef CONNGUARD_H
#define CONNGUARD_H

#include <event2/event.h>
#include <event2/listener.h>

/* Counted between two summaries. */
struct refusals {
	long		 busy;		/* over the cap in all */
	long		 evicted;	/* slow, made room at the cap */
	long		 per_peer;	/* over the cap of one client */
	long		 timeouts;	/* headers or body too slow */
	long		 bad;		/* refused by the parser (or the check) */
	long		 nofile;	/* accept found no descriptor */
};

struct connguard {
	const char	*what;		/* the listener's name, for the log */
	const char	*per;		/* "client", "address": the cap's unit */
	const char	*bad;		/* what refusals.bad counts, in words */
	int		 max_conns;
	int		 max_per_peer;
	int		 nconns;	/* open now, counted by the owner */
	struct refusals	 r;
	/* Below: the guard's own. */
	struct evconnlistener *lis;
	struct event	*resume;
	struct event	*summary;
	int		 spare;
	int		 spare_from;	/* dup'd for the spare; -1: /dev/null */
};

/*
 * Sets up G's spare descriptor and timers on BASE, with the fields above
 * "the guard's own" filled in by the caller.  0, or -1 with errno.
 */
int	connguard_init(struct connguard *g, struct event_base *base);
/* Watches LIS, resumed after a pause; a summary of refusals a minute. */
void	connguard_watch(struct connguard *g, struct evconnlistener *lis);
/*
 * LIS's accept failed: out of descriptors, the waiting connection is
 * refused with the spare and accepting pauses.  For the owner's error
 * callback, which libevent calls with the owner's argument.
 */
void	connguard_accept_error(struct connguard *g,
	    struct evconnlistener *lis);
/* Says no to a connection without waiting for the client, and closes it. */
void	connguard_refuse(int fd, int code);
/* The guard's timers and spare; the listener stays the caller's. */
void	connguard_clear(struct connguard *g);

#endif
