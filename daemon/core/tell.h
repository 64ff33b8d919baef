/*
 * tell.h: telling an agency's contacts a text that is not a planned
 * reminder (the office's decision on a request for more time, a
 * personal link to the web pages), durably: the messages go into the
 * outbox like any reminder, under a job written already fired, and the
 * loop sends, retries and falls back as usual.
 */
#ifndef NV_TELL_H
#define NV_TELL_H

#include <stdint.h>
#include <time.h>

struct config;
struct store;

/*
 * The step of a told job.  Planned jobs count their steps from 1, so 0
 * marks a message that must stand alone: a digest never gathers it.
 */
#define TELL_STEP	0

struct tell_result {
	int64_t		 job_id;
	int		 queued;	/* messages put in the outbox */
	int		 unreachable;	/* contacts no channel could reach */
};

/*
 * Queues TEXT about occurrence OCC_ID to the contacts of AGENCY_ID that
 * its task's policy reminds (0: the task's lead), or to CONTACT_ID alone
 * when it is not 0.  Each gets it on the first channel of the policy
 * that reaches them and carries free text (a channel that sends approved
 * templates only cannot).  Runs in the caller's transaction; WHAT names
 * the message in the job's note.  0, or -1 on a store error (1: no such
 * occurrence).
 */
int	tell_agency(struct store *, const struct config *, int64_t occ_id,
	    int64_t agency_id, int64_t contact_id, const char *what,
	    const char *text, time_t now, struct tell_result *);

/*
 * The occurrence a message about AGENCY itself (not one deadline) hangs
 * on, since every message belongs to a job of one: 1, 0 when the agency
 * leads no task, -1.
 */
int	tell_anchor(struct store *, int64_t agency_id, int64_t *occ_id);

#endif
