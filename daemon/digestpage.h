/*
 * digestpage.h: the full list behind an SMS digest's link (/l/TOKEN).
 */
#ifndef NV_DIGESTPAGE_H
#define NV_DIGESTPAGE_H

struct evhttp_request;
struct nvd;

void	digestpage_handle(struct nvd *, struct evhttp_request *,
	    const char *token);

#endif
