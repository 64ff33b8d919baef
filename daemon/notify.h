/*
 * notify.h: telling systemd how the daemon is (sd_notify), and keeping
 * its watchdog fed from the event loop.
 */
#ifndef NV_NOTIFY_H
#define NV_NOTIFY_H

struct event_base;
struct notify;
struct nvd;

struct notify	*notify_new(struct event_base *, struct nvd *);
void		 notify_ready(struct notify *);
void		 notify_reloading(struct notify *);
void		 notify_stopping(struct notify *);
void		 notify_free(struct notify *);

#endif
