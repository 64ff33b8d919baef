/*
 * plan.h: planning an occurrence's jobs from its policy.  The arithmetic
 * (plan_jobs) is pure so it can be tested alone; plan_occurrence writes
 * the occurrence and its jobs through the store.
 */
#ifndef NV_PLAN_H
#define NV_PLAN_H

#include <stdint.h>
#include <time.h>

#include "config.h"

#define ACK_CODE_LEN	5
#define PLAN_EXPAND_MAX	64	/* occurrences planned per task per pass */
#define PLAN_MAX_JOBS	(3 * CONF_MAX_STEPS + 2 * CONF_MAX_REPEATS)

struct calendar;
struct expand_row;
struct store;

/* What plan_occurrence did. */
struct plan_result {
	int64_t		 occ_id;
	char		 ack[ACK_CODE_LEN + 1];
	time_t		 due;		/* after the policy's deadline_rule */
	int		 planned;	/* jobs planned, stored or deferred */
	int		 past;		/* jobs already past at planning time */
	char		 why[200];	/* how the deadline moved, or "" */
};

struct planned_job {
	enum job_kind	 kind;
	int		 step;		/* 1, 2, ... per kind, in time order */
	time_t		 fire_at;
	char		 target[80];	/* lead, parent or agency:CODE */
};

/*
 * What the occurrences of one large import share (plan.c says why): ack
 * codes handed out in ascending runs, and the plans of deadlines already
 * met whose jobs are stored later.  Zeroed to start; one policy set.
 */
struct occ_memo;
struct occ_batch {
	char		(*code)[ACK_CODE_LEN + 1];
	int		 n, next;
	struct occ_memo	*memo;
};

time_t	plan_offset(const struct calendar *, const struct offset *,
	    time_t due, int remind_at);
int	plan_jobs(const struct policy *, const struct calendar *, time_t due,
	    struct planned_job *, int max);
int	plan_ack_code(char *buf, size_t len);
int	plan_occurrence(struct store *, const struct policy *,
	    const struct calendar *, int64_t task_id, time_t due, time_t now,
	    struct plan_result *);
int	plan_occurrence_from(struct store *, const struct policy *,
	    const struct calendar *, int64_t task_id, time_t due, time_t now,
	    int recorded, struct occ_batch *, struct plan_result *);
int	occ_batch_code(struct occ_batch *, char *buf, size_t len);
void	occ_batch_free(struct occ_batch *);
int	plan_occ_jobs(struct store *, const struct policy *,
	    const struct calendar *, int64_t occ_id, time_t due, time_t now,
	    int *planned, int *past);
int	plan_unstored(const struct policy *, const struct calendar *,
	    time_t due, time_t plan_at, struct planned_job *);
int	plan_due(struct store *, const struct config *, time_t until,
	    int limit);
int	plan_expand(struct store *, const struct policy *,
	    const struct calendar *, const struct expand_row *, time_t now,
	    time_t until, int *created);

#endif
