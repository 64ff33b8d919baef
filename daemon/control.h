/*
 * control.h: the control listener, HTTP over a unix socket, through which
 * the CLI wakes the daemon and reads its live status.
 */
#ifndef NV_CONTROL_H
#define NV_CONTROL_H

struct control;
struct event_base;
struct sched;

struct control	*control_new(struct event_base *, struct sched *,
		    const char *path, char *err, size_t errlen);
void		 control_free(struct control *);

#endif
