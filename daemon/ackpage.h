/*
 * ackpage.h: the page behind an ack link (/a/TOKEN).
 */
#ifndef NV_ACKPAGE_H
#define NV_ACKPAGE_H

struct evbuffer;
struct nvd;
struct pubmsg_req;
struct pubresp;

void	ackpage_handle(struct nvd *, const struct pubmsg_req *,
	    struct pubresp *, const char *token);
void	ackpage_start(struct evbuffer *, const char *heading);
void	ackpage_send(struct pubresp *, int code, const char *reason,
	    struct evbuffer *);
void	ackpage_simple(struct pubresp *, int code, const char *reason,
	    const char *heading, const char *text);
void	ackpage_esc(struct evbuffer *, const char *);

#endif
