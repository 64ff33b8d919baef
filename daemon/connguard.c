/*
 * connguard.c: the part of guarding a listener that does not depend on
 * what its connections carry (connguard.h).  When descriptors run out
 * (EMFILE, ENFILE) it gives back the spare one to accept and close the
 * waiting connection, and stops accepting for a moment, as nginx and
 * Go's http.Server do, instead of spinning on an accept that cannot
 * succeed.  Refusals are logged as one summary a minute with counts,
 * never a line each: a flood must not become a flood of the log.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "connguard.h"
#include "httpstatus.h"
#include "log.h"

#define EMFILE_PAUSE_MS	100
#define SUMMARY_SECS	60

static int
spare_open(const struct connguard *g)
{
	return g->spare_from >= 0 ? dup(g->spare_from) :
	    open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void
connguard_refuse(int fd, int code)
{
	http_say_no(fd, code);
	close(fd);
}

static void
on_resume(evutil_socket_t fd, short what, void *arg)
{
	struct connguard *g = arg;

	if (g->spare == -1)
		g->spare = spare_open(g);
	evconnlistener_enable(g->lis);
}

void
connguard_accept_error(struct connguard *g, struct evconnlistener *lis)
{
	struct timeval tv = { 0, EMFILE_PAUSE_MS * 1000 };
	int e = EVUTIL_SOCKET_ERROR(), fd;

	if (e != EMFILE && e != ENFILE && e != ENOBUFS && e != ENOMEM) {
		log_warnx("%s: accept: %s", g->what, strerror(e));
		return;
	}
	g->r.nofile++;
	/* Take the waiting connection with the spare and close it. */
	if (g->spare != -1) {
		close(g->spare);
		g->spare = -1;
		if ((fd = accept(evconnlistener_get_fd(lis), NULL, NULL)) != -1)
			connguard_refuse(fd, 503);
	}
	evconnlistener_disable(lis);
	evtimer_add(g->resume, &tv);
}

static void
on_summary(evutil_socket_t fd, short what, void *arg)
{
	struct connguard *g = arg;
	struct refusals *r = &g->r;

	if (r->busy + r->evicted + r->per_peer + r->timeouts + r->bad +
	    r->nofile > 0)
		log_warnx("%s: in the last %d s: %ld connection(s) refused and "
		    "%ld slow one(s) closed at the cap of %d, %ld refused at "
		    "the cap of %d per %s, %ld timed out, %ld %s, %ld "
		    "accept(s) out of descriptors; %d open now", g->what,
		    SUMMARY_SECS, r->busy, r->evicted, g->max_conns,
		    r->per_peer, g->max_per_peer, g->per, r->timeouts, r->bad,
		    g->bad, r->nofile, g->nconns);
	memset(r, 0, sizeof(*r));
}

int
connguard_init(struct connguard *g, struct event_base *base)
{
	g->lis = NULL;
	g->resume = g->summary = NULL;
	if ((g->spare = spare_open(g)) == -1 ||
	    (g->resume = evtimer_new(base, on_resume, g)) == NULL ||
	    (g->summary = event_new(base, -1, EV_PERSIST, on_summary, g)) ==
	    NULL) {
		connguard_clear(g);
		if (errno == 0)
			errno = ENOMEM;
		return -1;
	}
	return 0;
}

void
connguard_watch(struct connguard *g, struct evconnlistener *lis)
{
	struct timeval tv = { SUMMARY_SECS, 0 };

	g->lis = lis;
	evtimer_add(g->summary, &tv);
}

void
connguard_clear(struct connguard *g)
{
	if (g->resume != NULL)
		event_free(g->resume);
	if (g->summary != NULL)
		event_free(g->summary);
	if (g->spare != -1)
		close(g->spare);
	g->resume = g->summary = NULL;
	g->spare = -1;
}
