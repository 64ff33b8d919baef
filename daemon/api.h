/*
 * api.h: the admin API's routes, behind whichever listener control.c
 * opened for them.
 */
#ifndef NV_API_H
#define NV_API_H

#include <time.h>

struct nvd;
struct pubmsg_req;
struct pubresp;

struct api {
	struct nvd	*d;
	time_t		 started;
	/* Re-reads the configuration: 0 taken, -1 refused (logged). */
	int		(*reload)(void *);
	void		*reload_arg;
};

/* 1 if PATH is the API's (the answer is in RESP), 0 if not. */
int	api_handle(struct api *, const struct pubmsg_req *,
	    struct pubresp *resp, const char *path, const char *query);

#endif
