/*
 * sched.h: the scheduler, the heart of the daemon.  One libevent timer is
 * armed at the earliest moment something is due (a job's fire_at, or a
 * queued message's next_attempt_at when its provider has room); nothing
 * polls.  Each wake-up is one transaction: it records the attempts that
 * ended, fires a bounded batch of due jobs into messages, and claims the
 * messages to send, which leave only after the COMMIT.
 */
#ifndef NV_SCHED_H
#define NV_SCHED_H

#include <sys/queue.h>

#include <stdint.h>
#include <time.h>

#include "fire.h"
#include "metrics.h"
#include "outmsg.h"

struct config;
struct dispatch;
struct event;
struct event_base;
struct store;

struct sched_stats {
	struct fire_counts jobs;	/* fired and skipped */
	int64_t		 msgs_sent;
	int64_t		 msgs_retried;
	int64_t		 msgs_failed;
	int64_t		 msgs_dead;
	int64_t		 msgs_delivered;	/* by receipt */
	int64_t		 receipts_refused;	/* bad secret, signature, body */
	int64_t		 in_doubt;	/* resent after the last start */
	int64_t		 commits;
	int64_t		 store_errors;
	int64_t		 token_refreshes;
};

/* The OAuth token state of one provider (Zalo). */
struct auth {
	LIST_ENTRY(auth) entry;
	char		*provider;
	int		 state;		/* AUTH_* below */
	int		 reauth;	/* a send said the token is bad */
	char		 access[1024];
	char		 refresh[1024];
	char		 dead_refresh[1024];	/* refused: not tried again */
	time_t		 expires_at;
	time_t		 retry_at;	/* after a refresh that failed */
};

#define AUTH_UNLOADED	0	/* not read from the database yet */
#define AUTH_READY	1
#define AUTH_REFRESHING	2
#define AUTH_DEAD	3	/* a person must authorize again */

struct sched {
	LIST_HEAD(, auth) auths;
	struct event_base *base;
	struct store	*store;
	struct config	*conf;
	struct dispatch	*disp;
	struct event	*timer;
	struct event	*kick_ev;
	struct outmsg_list results;	/* attempts that ended, to record */
	int		 stopping;
	int		 dirty;		/* woken from outside: look at everything */
	int		 more;		/* the last wake-up left work behind */
	int64_t		 next_due_ms;	/* earliest job or expansion, known */
	int64_t		 next_wake_ms;	/* -1: nothing due */
	int64_t		 last_tick_ms;
	struct sched_stats stats;
	struct latency_list latency;	/* per provider, for /metrics */
};

struct sched	*sched_new(struct event_base *, struct store *,
		    struct config *);
void		 sched_free(struct sched *);
void		 sched_kick(struct sched *);
void		 sched_set_config(struct sched *, struct config *);
void		 sched_stop(struct sched *);
int		 sched_idle(struct sched *);
void		 sched_flush(struct sched *);
struct receipt;
int		 sched_receipts(struct sched *, const struct provider_conf *,
		    const struct receipt *, int);
void		 sched_send_direct(struct sched *, const struct provider_conf *,
		    const char *address, const char *text);

#endif
