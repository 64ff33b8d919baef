/*
 * backoff.c: exponential backoff with full jitter.  Full jitter (a random
 * delay between zero and the exponential cap) spreads the retries of many
 * messages that failed together, so a recovering provider is not hit by
 * a synchronised wave.
 */
#include "backoff.h"

/*
 * The delay before retry number ATTEMPTS (1 for the first retry): uniform
 * in [1, min(MAX, BASE * 2^(ATTEMPTS-1))], drawn with RND.
 */
int64_t
backoff_delay(int attempts, int64_t base, int64_t max, uint32_t rnd)
{
	int64_t cap = base;
	int i;

	for (i = 1; i < attempts && cap < max; i++)
		cap *= 2;
	if (cap > max)
		cap = max;
	if (cap < 1)
		cap = 1;
	return 1 + (int64_t)(rnd % (uint64_t)cap);
}

/*
 * Decides a retry: returns 1 with *NEXT set, or 0 when the next try
 * would fall past the message's lifetime (it is then dead).  A provider's
 * Retry-After (RETRY_AFTER >= 0) is honoured as given.
 */
int
backoff_next(time_t now, time_t created_at, int attempts,
    int64_t retry_after, int64_t base, int64_t max, int64_t lifetime,
    uint32_t rnd, time_t *next)
{
	int64_t d;

	if (retry_after >= 0)
		d = retry_after > 0 ? retry_after : 1;
	else
		d = backoff_delay(attempts, base, max, rnd);
	if (now + d > created_at + lifetime)
		return 0;
	*next = now + d;
	return 1;
}
