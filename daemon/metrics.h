/*
 * metrics.h: the Prometheus text exposition of the daemon's state, and
 * the send-latency histograms it is built from.
 */
#ifndef NV_METRICS_H
#define NV_METRICS_H

#include <sys/queue.h>

#include <stdint.h>

#define LAT_NBUCKETS	12

/* Send latency of one provider, in the exposition's cumulative form. */
struct latency {
	LIST_ENTRY(latency) entry;
	char		*provider;
	uint64_t	 bucket[LAT_NBUCKETS];	/* counts <= each bound */
	uint64_t	 count;
	double		 sum;			/* seconds */
};
LIST_HEAD(latency_list, latency);

struct nvd;
struct evbuffer;

void	latency_observe(struct latency_list *, const char *provider,
	    int64_t ms);
void	latency_free(struct latency_list *);
int	metrics_render(struct nvd *, struct evbuffer *);

#endif
