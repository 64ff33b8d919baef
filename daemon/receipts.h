/*
 * receipts.h: recording what a provider's callback reported.
 */
#ifndef NV_RECEIPTS_H
#define NV_RECEIPTS_H

struct nvd;
struct provider_conf;
struct receipt;

int	receipts_record(struct nvd *, const struct provider_conf *,
	    const struct receipt *, int);

#endif
