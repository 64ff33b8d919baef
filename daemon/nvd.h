/*
 * nvd.h: the daemon's context.  What every part of nhacviecd's loop
 * shares (the event base, the store, the config in force, the dispatcher,
 * the OAuth tokens, the counters) lives here, so the scheduler is only a
 * scheduler and the listeners do not reach through it.
 */
#ifndef NV_NVD_H
#define NV_NVD_H

#include <stdint.h>
#include <time.h>

#include "auth.h"
#include "fire.h"
#include "metrics.h"

struct config;
struct dispatch;
struct event_base;
struct sched;
struct store;

/* Counted since start, for status and /metrics. */
struct nvd_stats {
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

struct nvd {
	struct event_base *base;
	struct store	*store;
	struct config	*conf;		/* in force; a reload swaps it */
	struct sched	*sched;
	struct dispatch	*disp;
	struct auth_list auths;		/* rotating tokens, per provider */
	struct nvd_stats stats;
	struct latency_list latency;	/* per provider, for /metrics */
};

#endif
