/*
 * ackpage.h: the page behind an ack link (/a/TOKEN).
 */
#ifndef NV_ACKPAGE_H
#define NV_ACKPAGE_H

struct evhttp_request;
struct nvd;

void	ackpage_handle(struct nvd *, struct evhttp_request *,
	    const char *token);

#endif
