/*
 * dispatch.h: sends claimed messages through their providers, over the
 * libcurl multi interface driven by libevent (the hiperfifo pattern) on an
 * I/O thread of its own, with a concurrency limit and a token bucket per
 * provider.  Every function here is for the loop's thread.
 */
#ifndef NV_DISPATCH_H
#define NV_DISPATCH_H

#include <stdint.h>

struct event_base;
struct dispatch;
struct outmsg;
struct provider_conf;

/* Called once per attempt, from the event loop, with om->res filled in. */
typedef void	(*dispatch_done_cb)(void *arg, struct outmsg *);

struct dispatch	*dispatch_new(struct event_base *, dispatch_done_cb, void *);
void		 dispatch_free(struct dispatch *);
int		 dispatch_capacity(struct dispatch *,
		    const struct provider_conf *, int64_t now_ms,
		    int64_t *wait_ms);
void		 dispatch_take(struct dispatch *, const struct provider_conf *,
		    int n);
void		 dispatch_start(struct dispatch *, struct outmsg *);
int		 dispatch_inflight(struct dispatch *);
void		 dispatch_collect(struct dispatch *);
int		 dispatch_abandon(struct dispatch *);
void		 dispatch_unpause(struct dispatch *);
void		 dispatch_foreach(struct dispatch *, void (*)(void *,
		    const char *provider, int paused, int64_t config_failures),
		    void *);

#endif
