/*
 * store-tell.h: what telling an agency's contacts a text needs from the
 * store: the occurrence the message is about (its task's policy and
 * lead), an occurrence to carry a message that is about the agency
 * rather than one deadline, and the job every message must belong to.
 */
#ifndef NV_STORE_TELL_H
#define NV_STORE_TELL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

/* Occurrence ID's task: 1 found, 0 none, -1 error. */
int	store_tell_occ(struct store *, int64_t occ_id, int64_t *task_id,
	    int64_t *lead_id, char *policy, size_t policylen);
/*
 * The occurrence a message about AGENCY itself hangs on: its earliest
 * open one among the tasks it leads, else its latest.  1, 0 (the agency
 * leads no task), -1.
 */
int	store_tell_anchor(struct store *, int64_t agency_id, int64_t *occ_id);
/*
 * A job of KIND and STEP for OCC_ID at NOW, pending: the caller finishes
 * it (store_job_finish) in the same transaction.
 */
int	store_tell_job(struct store *, int64_t occ_id, int kind, int step,
	    const char *target, time_t now, int64_t *id);

#endif
