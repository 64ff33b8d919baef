/*
 * ackpage.h: the page behind an ack link (/a/TOKEN).
 */
#ifndef NV_ACKPAGE_H
#define NV_ACKPAGE_H

struct nvd;
struct pubmsg_req;
struct pubresp;

void	ackpage_handle(struct nvd *, const struct pubmsg_req *,
	    struct pubresp *, const char *token);

#endif
