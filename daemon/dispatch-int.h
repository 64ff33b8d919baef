/*
 * dispatch-int.h: what the dispatcher's two files share (dispatch.c, the
 * loop's side and the I/O thread; transfer.c, the requests through curl).
 * The rest of the daemon sees only dispatch.h.
 */
#ifndef NV_DISPATCH_INT_H
#define NV_DISPATCH_INT_H

#include <sys/queue.h>

#include <pthread.h>
#include <stdint.h>

#include <curl/curl.h>

#include "dispatch.h"
#include "outmsg.h"
#include "provider.h"

struct event;
struct event_base;

TAILQ_HEAD(transfer_list, transfer);

/* Under the dispatcher's mutex, but for WAITING: the I/O thread's. */
struct prov_rt {
	LIST_ENTRY(prov_rt) entry;
	char		*name;
	int		 inflight;
	int		 nwaiting;	/* handed over or in WAITING */
	struct transfer_list waiting;	/* claimed, to start as slots free */
	double		 tokens;
	int64_t		 refill_ms;
	int64_t		 paused_until_ms;	/* 0: not paused */
	char		 pause_why[256];
	int64_t		 config_failures;	/* for /metrics */
};

/* One attempt: handed over, waiting for a slot, then in curl. */
struct transfer {
	TAILQ_ENTRY(transfer) entry;	/* in one of those lists at a time */
	int64_t		 rate_reset;	/* X-Rate-Limit-Reset, or -1 */
	struct dispatch	*d;
	struct outmsg	*om;
	struct prov_rt	*rt;
	int		 started;	/* in curl and in d->transfers */
	CURL		*easy;
	struct curl_slist *hdrs;
	struct curl_slist *rcpt;	/* SMTP */
	size_t		 sent;		/* SMTP: bytes uploaded */
	char		 said[512];	/* SMTP: the refusal; HTTP: status line */
	int		 refused;	/* SMTP: said holds a whole refusal */
	struct http_req	 req;
	char		*resp;
	size_t		 resplen;
	char		 errbuf[CURL_ERROR_SIZE];
};

#define POOL_MAX	64	/* idle easy handles kept for reuse */

struct dispatch {
	/* The daemon's loop: verdicts are handed to DONE there. */
	struct event_base *base;
	dispatch_done_cb done;
	void		*arg;
	int		 loop_fd;	/* eventfd: verdicts wait */
	struct event	*loop_ev;

	/* The I/O thread's alone while it runs. */
	struct event_base *iobase;
	CURL		*pool[POOL_MAX];
	int		 npool;
	CURLM		*multi;
	struct event	*timer;
	struct transfer_list transfers;	/* in curl */
	int		 io_fd;		/* eventfd: transfers handed over */
	struct event	*io_ev;
	pthread_t	 thread;
	int		 running;

	/* Shared: under MU. */
	pthread_mutex_t	 mu;
	int		 inflight;
	int		 nwaiting;
	int		 ndone;		/* verdicts not yet handed back */
	int		 stop;
	LIST_HEAD(, prov_rt) rts;
	struct transfer_list handed;	/* to start, for the I/O thread */
	struct outmsg_list verdicts;	/* ended, for the loop */
};

/* dispatch.c, on the I/O thread: T's verdict is in its message. */
void		 dispatch_ended(struct transfer *, int report);

/* transfer.c */
void		 transfer_init(struct dispatch *);
void		 transfer_cleanup(struct dispatch *);
struct transfer	*transfer_new(struct dispatch *, struct outmsg *);
void		 transfer_start(struct transfer *);
void		 transfer_free(struct transfer *);

#endif
