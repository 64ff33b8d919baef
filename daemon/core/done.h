/*
 * done.h: the operator's changes every door (the CLI, the admin API, an
 * ack link, an SMS or Zalo reply) makes the same way: marking a task's
 * occurrence done, and retrying or cancelling a message.
 */
#ifndef NV_DONE_H
#define NV_DONE_H

#include <stdint.h>
#include <time.h>

#include "state.h"

struct config;
struct store;

struct done_result {
	int64_t		 occ_id;
	int64_t		 task_id;
	char		 ack_code[16];
	time_t		 due_at;	/* of the occurrence found */
	enum occ_state	 state;		/* after the call */
	int		 changed;	/* 0: it was already done or cancelled */
	int		 jobs_cancelled;
};

/*
 * 1 done now or before (see changed), 0 no such task or code, 2 (by task
 * id) a series whose next occurrence, in *R, is not due yet, -1 error.
 */
int	done_mark(struct store *, const struct config *, int64_t task_id,
	    const char *ack_code, const char *by, const char *via,
	    const char *note, time_t now, struct done_result *);
/* done_mark, with who did it (ACTOR, e.g. "web:lan") in the audit log. */
int	done_mark_by(struct store *, const struct config *, int64_t task_id,
	    const char *ack_code, const char *by, const char *via,
	    const char *note, const char *actor, time_t now,
	    struct done_result *);

/*
 * Retries (VERB "retry") or cancels ("cancel") message ID, with an event
 * row.  0 done, 1 the message is not in a state that allows it, -1
 * store error.
 */
int	msg_change(struct store *, int64_t id, const char *verb, time_t now);

#endif
