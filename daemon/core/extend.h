/*
 * extend.h: moving an occurrence's deadline, for the CLI ("task extend")
 * and the admin API (PATCH /v1/occurrences/ACK).
 */
#ifndef NV_EXTEND_H
#define NV_EXTEND_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct store;

struct extend_result {
	int64_t		 task_id;
	int64_t		 occ_id;
	char		 ack[16];
	time_t		 from, to;
	int		 cancelled, planned;
	char		 why[200];	/* the deadline rule moved it */
};

/*
 * Moves the open occurrence ACK of TASK (or TASK's earliest open one when
 * ACK is NULL; TASK 0 with ACK finds it by code) to TO and re-plans its
 * jobs.  Returns 0, -1 refused (ERR names the field), -2 store error,
 * -3 no such task or occurrence.
 */
int	occ_extend(struct store *, const struct config *, int64_t task,
	    const char *ack, const char *to, const char *reason,
	    const char *by, time_t now, struct extend_result *, char *err,
	    size_t errlen);

int	occ_extend_in(struct store *, const struct config *, int64_t task,
	    const char *ack, const char *to, const char *reason,
	    const char *by, time_t now, struct extend_result *, char *err,
	    size_t errlen);
/* occ_extend_in with who did it (ACTOR, "web:lan") in the audit log. */
int	occ_extend_by_in(struct store *, const struct config *, int64_t task,
	    const char *ack, const char *to, const char *reason,
	    const char *by, const char *actor, time_t now,
	    struct extend_result *, char *err, size_t errlen);

#endif
