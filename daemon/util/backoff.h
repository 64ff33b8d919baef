/*
 * backoff.h: when to try a message again, as pure arithmetic on stored
 * fields (attempts, when it was queued, now), so it is testable alone.
 */
#ifndef NV_BACKOFF_H
#define NV_BACKOFF_H

#include <stdint.h>
#include <time.h>

int64_t	backoff_delay(int attempts, int64_t base, int64_t max, uint32_t rnd);
int	backoff_next(time_t now, time_t created_at, int attempts,
	    int64_t retry_after, int64_t base, int64_t max, int64_t lifetime,
	    uint32_t rnd, time_t *next);

#endif
