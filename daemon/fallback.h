/*
 * fallback.h: the next channel for a message that did not get through.
 */
#ifndef NV_FALLBACK_H
#define NV_FALLBACK_H

#include <stdint.h>
#include <time.h>

struct nvd;

int	fallback_queue(struct nvd *, int64_t id, const char *reason,
	    time_t now);

#endif
