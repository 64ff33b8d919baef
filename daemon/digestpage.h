/*
 * digestpage.h: the full list behind an SMS digest's link (/l/TOKEN).
 */
#ifndef NV_DIGESTPAGE_H
#define NV_DIGESTPAGE_H

struct nvd;
struct pubresp;

void	digestpage_handle(struct nvd *, struct pubresp *,
	    const char *token);

#endif
