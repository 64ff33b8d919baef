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

#include "outmsg.h"
#include "store.h"

struct event;
struct nvd;

struct sched {
	struct nvd	*d;
	struct event	*timer;
	struct event	*kick_ev;
	struct outmsg_list results;	/* attempts that ended, to record */
	int		 stopping;
	int		 dirty;		/* woken from outside: look at everything */
	int		 more;		/* the last wake-up left work behind */
	int64_t		 next_due_ms;	/* earliest job or expansion, known */
	int64_t		 next_wake_ms;	/* -1: nothing due */
	int64_t		 last_tick_ms;
	/* messages sent, recorded together (store_msgs_sent) */
	int64_t		 sent[STORE_SENT_BATCH];
	int		 nsent;
};

struct sched	*sched_new(struct nvd *);
void		 sched_free(struct sched *);
void		 sched_kick(struct sched *);
void		 sched_stop(struct sched *);
int		 sched_idle(struct sched *);
void		 sched_flush(struct sched *);

#endif
