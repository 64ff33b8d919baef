/*
 * notify.c: systemd integration through libsystemd's sd_notify.  READY=1
 * goes out once the database is open and the listeners are up, so
 * "systemctl start" returns when the daemon can really take work;
 * RELOADING=1 and STOPPING=1 bracket SIGHUP and shutdown.
 *
 * The watchdog is fed by a timer on the same event loop that does the
 * work, at half of WATCHDOG_USEC: if the loop hangs (a stuck SQLite lock,
 * a blocking call that should not be there) the pings stop and systemd
 * restarts the service.  Each ping also refreshes the STATUS= line that
 * "systemctl status" shows.  Outside systemd (no NOTIFY_SOCKET) all of
 * this costs nothing and no timer is armed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <event2/event.h>
#include <systemd/sd-daemon.h>

#include "clock.h"
#include "dispatch.h"
#include "log.h"
#include "notify.h"
#include "nvd.h"
#include "store.h"
#include "xmalloc.h"

struct notify {
	struct nvd	*d;
	struct event	*watchdog;
	struct timeval	 every;
};

/* "queued 3, sending 1, sent 120, dead 0; next wake 08:00" */
static void
send_status(struct notify *n, const char *state)
{
	struct store_counts c;

	if (store_counts(n->d->store, clock_now(), &c) == -1) {
		sd_notifyf(0, "%sSTATUS=database error: %s", state,
		    store_error(n->d->store));
		return;
	}
	sd_notifyf(0, "%sSTATUS=%s %lld, %s %lld, %s %lld, %s %lld, %s %lld, "
	    "%s %lld; %lld overdue task(s)", state,
	    msg_state_name(MSG_QUEUED), (long long)c.msgs[MSG_QUEUED],
	    msg_state_name(MSG_SENDING), (long long)c.msgs[MSG_SENDING],
	    msg_state_name(MSG_SENT), (long long)c.msgs[MSG_SENT],
	    msg_state_name(MSG_DELIVERED), (long long)c.msgs[MSG_DELIVERED],
	    msg_state_name(MSG_FAILED), (long long)c.msgs[MSG_FAILED],
	    msg_state_name(MSG_DEAD), (long long)c.msgs[MSG_DEAD],
	    (long long)c.occ_overdue);
}

static void
on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	struct notify *n = arg;

	send_status(n, "WATCHDOG=1\n");
}

struct notify *
notify_new(struct event_base *base, struct nvd *d)
{
	struct notify *n = xcalloc(1, sizeof(*n));
	uint64_t usec = 0;

	n->d = d;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		usec /= 2;
		n->every.tv_sec = (time_t)(usec / 1000000);
		n->every.tv_usec = (suseconds_t)(usec % 1000000);
		if ((n->watchdog = event_new(base, -1, EV_PERSIST, on_watchdog,
		    n)) == NULL)
			fatalx("event_new failed");
		evtimer_add(n->watchdog, &n->every);
		log_info("systemd watchdog: a ping every %lld ms",
		    (long long)(usec / 1000));
	}
	return n;
}

void
notify_ready(struct notify *n)
{
	send_status(n, "READY=1\n");
}

void
notify_reloading(struct notify *n)
{
	sd_notify(0, "RELOADING=1\nSTATUS=reloading the configuration");
}

void
notify_stopping(struct notify *n)
{
	sd_notify(0, "STOPPING=1\nSTATUS=stopping: requests in flight finish");
}

void
notify_free(struct notify *n)
{
	if (n == NULL)
		return;
	if (n->watchdog != NULL)
		event_free(n->watchdog);
	free(n);
}
