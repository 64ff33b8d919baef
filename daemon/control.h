/*
 * control.h: the control listeners, HTTP over a unix socket (the CLI's
 * way in) and optionally TCP with a bearer token, serving the admin API.
 */
#ifndef NV_CONTROL_H
#define NV_CONTROL_H

#include <stddef.h>

struct control;
struct event_base;
struct nvd;

struct control	*control_new(struct event_base *, struct nvd *,
		    const char *path, int (*reload)(void *), void *reload_arg,
		    char *err, size_t errlen);
void		 control_free(struct control *);

#endif
