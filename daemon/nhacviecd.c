/*
 * nhacviecd.c: the daemon's main.  It reads the config, opens and
 * migrates the database, requeues what a crash left in doubt, then runs
 * the scheduler, the dispatcher and the control socket on one libevent
 * loop until SIGTERM or SIGINT.  SIGHUP reloads the config.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "control.h"
#include "pubchild.h"
#include "public.h"
#include "dispatch.h"
#include "auth.h"
#include "log.h"
#include "notify.h"
#include "nvd.h"
#include "sched.h"
#include "sendwin.h"
#include "store.h"
#include "tztime.h"
#include "nls.h"

#ifndef NHACVIEC_CONF
#define NHACVIEC_CONF	"/etc/nhacviec/nhacviec.ini"
#endif

/* The shared context, and what only main's signal handlers use. */
struct daemon {
	struct nvd	 nvd;
	struct notify	*notify;
	struct event	*grace;
	int		 stops;
};

static void
usage(FILE *f)
{
	fprintf(f,
	    _("usage: nhacviecd [-t] [-c FILE] [-d]\n"
	    "\n"
	    "The nhacviec daemon: reminds agencies of their plan deadlines,\n"
	    "escalates overdue tasks and sends recurring alerts.  It stays in\n"
	    "the foreground and logs to stderr.\n"
	    "\n"
	    "  -c, --config FILE   configuration file (default $NHACVIEC_CONFIG,\n"
	    "                      else %s)\n"
	    "  -t, --test          check the configuration and exit\n"
	    "  -d, --debug         log at debug level\n"
	    "      --keys          list every configuration key and exit\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "Signals: SIGHUP reloads the configuration; SIGTERM and SIGINT\n"
	    "stop after in-flight requests finish (shutdown_grace).\n"
	    "See nhacviecd(8) and nhacviec.ini(5).\n"), NHACVIEC_CONF);
}

static void
on_grace(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	int n = dispatch_abandon(d->nvd.disp);

	sched_flush(d->nvd.sched);
	if (n > 0)
		log_warnx("%d request(s) still in flight after the grace "
		    "period; they stay in doubt and are resent at the next "
		    "start", n);
	event_base_loopbreak(d->nvd.base);
}

static void
on_stop(evutil_socket_t sig, short what, void *arg)
{
	struct daemon *d = arg;
	struct timeval tv;

	if (d->stops++ > 0) {
		log_warnx("second signal: stopping now");
		on_grace(-1, 0, d);
		return;
	}
	log_info("signal %d: stopping; %d request(s) in flight", (int)sig,
	    dispatch_inflight(d->nvd.disp));
	notify_stopping(d->notify);
	sched_stop(d->nvd.sched);
	tv.tv_sec = d->nvd.conf->shutdown_grace;
	tv.tv_usec = 0;
	evtimer_add(d->grace, &tv);
}

/* Whether two optional settings differ. */
static int
changed(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/*
 * Reloads the config (SIGHUP, POST /v1/reload): 0 done, -1 when the new
 * file is bad, which leaves the running one in force.
 */
static int
reload(void *arg)
{
	struct daemon *d = arg;
	struct config *nc, *oc = d->nvd.conf;
	char err[CONF_ERRLEN];

	notify_reloading(d->notify);
	if ((nc = config_load(oc->path, err, sizeof(err))) == NULL) {
		log_error("reload failed, keeping the running config: %s", err);
		notify_ready(d->notify);
		return -1;
	}
	if (tz_set(nc->timezone, err, sizeof(err)) == -1) {
		log_error("reload failed, keeping the running config: %s: "
		    "timezone: %s", nc->path, err);
		tz_set(oc->timezone, err, sizeof(err));
		config_unref(nc);
		notify_ready(d->notify);
		return -1;
	}
	if (strcmp(nc->database, oc->database) != 0 ||
	    strcmp(nc->control_socket, oc->control_socket) != 0 ||
	    changed(nc->public_listen, oc->public_listen) ||
	    changed(nc->admin_listen, oc->admin_listen))
		log_warnx("reload: database, control_socket, public_listen and "
		    "admin_listen changes take effect at the next restart");
	log_setlevel(nc->log_level);
	/* Attempts in flight keep the config they started with (outmsg). */
	d->nvd.conf = nc;
	config_unref(oc);
	/* A provider paused on TLS or a login may have been fixed. */
	dispatch_unpause(d->nvd.disp);
	sched_kick(d->nvd.sched);
	log_info("configuration reloaded from %s", nc->path);
	notify_ready(d->notify);
	return 0;
}

static void
on_hup(evutil_socket_t sig, short what, void *arg)
{
	(void)reload(arg);
}

/*
 * What -t says about a valid file that will not do what it seems to: a
 * remind_at where nothing may be sent moves every whole-day message.
 */
static void
warn_windows(const struct config *c, const char *path)
{
	const struct policy *p;
	char why[256];

	TAILQ_FOREACH(p, &c->policies, entry)
		if (wd_warn_remind_at(p, why, sizeof(why)) == -1)
			fprintf(stderr, _("nhacviecd: %s:%d: warning: %s\n"),
			    path, p->line, why);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "test", no_argument, NULL, 't' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon d;
	struct nvd *n = &d.nvd;
	struct control *ctl = NULL;
	struct public *pub = NULL;
	struct event *ev_term = NULL, *ev_int = NULL, *ev_hup = NULL;
	const char *path = NULL;
	char err[CONF_ERRLEN];
	int ch, test = 0, debug = 0, rc = 1;
	int64_t doubt = 0;

	/* The public listener's child: see pubchild.c. */
	if (argc == 8 && strcmp(argv[1], "--public-child") == 0) {
		struct pubchild_limits lim;

		lim.max_conns = atoi(argv[2]);
		lim.max_per_addr = atoi(argv[3]);
		lim.header_timeout = atoi(argv[4]);
		lim.body_timeout = atoi(argv[5]);
		lim.log_level = atoi(argv[6]);
		lim.upload_max = atol(argv[7]);
		return pubchild_main(&lim);
	}
	nls_init();
	/*
	 * Each statement that changes many rows keeps an in-memory journal
	 * and frees it at its end; glibc then gave the top of the heap back
	 * to the kernel with brk(), to take it again at the next statement:
	 * an eighth of the loop's time under load.  A few MiB kept costs less.
	 */
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
	memset(&d, 0, sizeof(d));
	LIST_INIT(&n->auths);
	LIST_INIT(&n->latency);
	while ((ch = getopt_long(argc, argv, "c:tdhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 't':
			test = 1;
			break;
		case 'd':
			debug = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("nhacviecd %s\n", NHACVIEC_VERSION);
			return 0;
		case 'K':
			config_dump_keys(stdout);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	/* The same file as the CLI's, so both sides agree on one database. */
	if (path == NULL && (path = getenv("NHACVIEC_CONFIG")) == NULL)
		path = NHACVIEC_CONF;
	log_init("nhacviecd", debug ? LOG_LVL_DEBUG : LOG_LVL_INFO);
	if (clock_init(err, sizeof(err)) == -1) {
		log_error("%s", err);
		return EX_CONFIG;
	}
	if ((n->conf = config_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "nhacviecd: %s\n", err);
		return EX_CONFIG;
	}
	if (tz_set(n->conf->timezone, err, sizeof(err)) == -1) {
		fprintf(stderr, _("nhacviecd: %s: timezone: %s\n"), path, err);
		config_unref(n->conf);
		return EX_CONFIG;
	}
	if (test) {
		warn_windows(n->conf, path);
		printf(_("nhacviecd: configuration %s is valid\n"), path);
		config_unref(n->conf);
		return 0;
	}
	if (!debug)
		log_setlevel(n->conf->log_level);
	if (clock_is_fake())
		log_warnx("running on a fake clock (test build)");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init failed");

	/*
	 * Whatever started it, nothing it makes is for others: the database
	 * is at most 0640, for the group nhacviec to read (a stricter mask
	 * is kept).
	 */
	umask(umask(0) | 027);
	if ((n->store = store_open(n->conf->database, 0, err, sizeof(err))) ==
	    NULL) {
		log_error("database %s", err);
		goto out;
	}
	if (store_begin(n->store) == -1 ||
	    store_recover_in_doubt(n->store, clock_now(), &doubt) == -1 ||
	    (doubt > 0 && store_event(n->store, EV_IN_DOUBT, 0, 0,
	    "messages left sending at the last stop were requeued",
	    clock_now()) == -1) ||
	    store_commit(n->store) == -1) {
		log_error("database: %s", store_error(n->store));
		goto out;
	}
	if (doubt > 0)
		log_warnx("%lld message(s) were in flight when the daemon last "
		    "stopped; resending them with the same idempotency keys",
		    (long long)doubt);

	if ((n->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	n->stats.in_doubt = doubt;
	n->sched = sched_new(n);
	if ((ctl = control_new(n->base, n, n->conf->control_socket, reload,
	    &d, err, sizeof(err))) == NULL) {
		log_error("control socket %s", err);
		goto out;
	}
	if (n->conf->public_listen != NULL && (pub = public_new(n->base,
	    n, n->conf->public_listen, err, sizeof(err))) == NULL) {
		log_error("%s", err);
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Past a file-size limit (ulimit -f, LimitFSIZE=) a write then fails
	 * with EFBIG, which the store retries as it does a full disk, rather
	 * than the signal killing the daemon mid-transaction.
	 */
	signal(SIGXFSZ, SIG_IGN);
	if ((ev_term = evsignal_new(n->base, SIGTERM, on_stop, &d)) == NULL ||
	    (ev_int = evsignal_new(n->base, SIGINT, on_stop, &d)) == NULL ||
	    (ev_hup = evsignal_new(n->base, SIGHUP, on_hup, &d)) == NULL ||
	    (d.grace = evtimer_new(n->base, on_grace, &d)) == NULL)
		fatalx("cannot create signal events");
	evsignal_add(ev_term, NULL);
	evsignal_add(ev_int, NULL);
	evsignal_add(ev_hup, NULL);

	log_info("nhacviecd %s started: database %s, control %s",
	    NHACVIEC_VERSION, n->conf->database, n->conf->control_socket);
	d.notify = notify_new(n->base, n);
	notify_ready(d.notify);
	sched_kick(n->sched);
	if (event_base_dispatch(n->base) == -1)
		log_error("event loop failed");
	sched_flush(n->sched);
	log_info("stopped");
	rc = 0;
out:
	notify_free(d.notify);
	public_free(pub);
	control_free(ctl);
	if (ev_term != NULL)
		event_free(ev_term);
	if (ev_int != NULL)
		event_free(ev_int);
	if (ev_hup != NULL)
		event_free(ev_hup);
	if (d.grace != NULL)
		event_free(d.grace);
	sched_free(n->sched);
	/* What the context itself holds (not left for LeakSanitizer). */
	auth_free_all(n);
	latency_free(&n->latency);
	if (n->base != NULL)
		event_base_free(n->base);
	store_close(n->store);
	config_unref(n->conf);
	curl_global_cleanup();
	return rc;
}
