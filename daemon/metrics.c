/*
 * metrics.c: GET /metrics in the Prometheus text format (version 0.0.4).
 * Gauges come from the database at scrape time, so they are true even
 * after a restart; counters and latency histograms are the daemon's own
 * since it started, as Prometheus expects of counters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "clock.h"
#include "config.h"
#include "dispatch.h"
#include "metrics.h"
#include "nvd.h"
#include "sched.h"
#include "store.h"
#include "xmalloc.h"

/* Upper bounds in seconds: a local webhook answers in milliseconds, a
 * gateway at its worst in tens of seconds. */
static const double bounds[LAT_NBUCKETS] = {
	0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
};

void
latency_observe(struct latency_list *l, const char *provider, int64_t ms)
{
	struct latency *h;
	double s = (double)ms / 1000.0;
	int i;

	LIST_FOREACH(h, l, entry)
		if (strcmp(h->provider, provider) == 0)
			break;
	if (h == NULL) {
		h = xcalloc(1, sizeof(*h));
		h->provider = xstrdup(provider);
		LIST_INSERT_HEAD(l, h, entry);
	}
	for (i = 0; i < LAT_NBUCKETS; i++)
		if (s <= bounds[i])
			h->bucket[i]++;
	h->count++;
	h->sum += s;
}

void
latency_free(struct latency_list *l)
{
	struct latency *h;

	while ((h = LIST_FIRST(l)) != NULL) {
		LIST_REMOVE(h, entry);
		free(h->provider);
		free(h);
	}
}

/* Label values may hold any text: escape as the format says. */
static void
label(struct evbuffer *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			evbuffer_add_printf(b, "\\%c", *v);
		else if (*v == '\n')
			evbuffer_add(b, "\\n", 2);
		else
			evbuffer_add(b, v, 1);
	}
}

static void
by_provider_cb(void *arg, const char *provider, enum msg_state state,
    int64_t n)
{
	struct evbuffer *b = arg;

	evbuffer_add_printf(b, "nhacviec_messages{provider=\"");
	label(b, provider);
	evbuffer_add_printf(b, "\",state=\"%s\"} %lld\n", msg_state_name(state),
	    (long long)n);
}

struct prov_metric {
	struct evbuffer	*b;
	int		 failures;	/* this pass prints the counter */
};

static void
provider_cb(void *arg, const char *provider, int paused, int64_t failures)
{
	struct prov_metric *pm = arg;

	evbuffer_add_printf(pm->b, "%s{provider=\"", pm->failures ?
	    "nhacviec_provider_config_failures_total" :
	    "nhacviec_provider_paused");
	label(pm->b, provider);
	evbuffer_add_printf(pm->b, "\"} %lld\n", pm->failures ?
	    (long long)failures : (long long)paused);
}

static void
counter(struct evbuffer *b, const char *name, const char *help, int64_t v)
{
	evbuffer_add_printf(b, "# HELP %s %s\n# TYPE %s counter\n%s %lld\n",
	    name, help, name, name, (long long)v);
}

static void
gauge(struct evbuffer *b, const char *name, const char *help, double v)
{
	evbuffer_add_printf(b, "# HELP %s %s\n# TYPE %s gauge\n%s %.17g\n",
	    name, help, name, name, v);
}

/* Returns 0, or -1 when the database could not be read. */
int
metrics_render(struct nvd *d, struct evbuffer *b)
{
	struct store_counts c;
	struct prov_metric pm;
	struct latency *h;
	time_t now = clock_now(), oldest = 0;
	int64_t now_ms = clock_now_ms();
	int i, has;

	if (store_counts(d->store, now, &c) == -1 ||
	    (has = store_oldest_queued(d->store, &oldest)) == -1)
		return -1;
	evbuffer_add_printf(b, "# HELP nhacviec_messages Messages in the "
	    "outbox by provider and state.\n# TYPE nhacviec_messages gauge\n");
	if (store_msg_count_by_provider(d->store, by_provider_cb, b) == -1)
		return -1;
	gauge(b, "nhacviec_queue_depth", "Messages waiting to be sent "
	    "(queued or sending).", (double)(c.msgs[MSG_QUEUED] +
	    c.msgs[MSG_SENDING]));
	gauge(b, "nhacviec_oldest_queued_age_seconds", "Age of the oldest "
	    "queued message; 0 when none waits.", has == 1 && now > oldest ?
	    (double)(now - oldest) : 0);
	gauge(b, "nhacviec_occurrences_open", "Task occurrences not yet "
	    "done.", (double)c.occ_open);
	gauge(b, "nhacviec_occurrences_overdue", "Open occurrences past "
	    "their deadline.", (double)c.occ_overdue);
	gauge(b, "nhacviec_jobs_pending", "Reminders, escalations and alerts "
	    "planned and not yet fired.", (double)c.jobs_pending);
	gauge(b, "nhacviec_next_wakeup_seconds", "Seconds until the "
	    "scheduler's next wake-up; -1 when nothing is due.",
	    d->sched->next_wake_ms < 0 ? -1 :
	    (double)(d->sched->next_wake_ms - now_ms) /
	    1000.0);
	counter(b, "nhacviec_jobs_fired_total", "Jobs fired since start.",
	    d->stats.jobs.fired);
	counter(b, "nhacviec_jobs_skipped_total", "Jobs skipped as too late "
	    "since start.", d->stats.jobs.skipped);
	counter(b, "nhacviec_sends_total", "Messages accepted by providers "
	    "since start.", d->stats.msgs_sent);
	counter(b, "nhacviec_retries_total", "Attempts to be retried since "
	    "start.", d->stats.msgs_retried);
	counter(b, "nhacviec_failures_total", "Messages failed since start.",
	    d->stats.msgs_failed);
	counter(b, "nhacviec_dead_total", "Messages given up since start.",
	    d->stats.msgs_dead);
	counter(b, "nhacviec_delivered_total", "Delivery receipts taken "
	    "since start.", d->stats.msgs_delivered);
	counter(b, "nhacviec_token_refreshes_total", "OAuth token refreshes "
	    "since start.", d->stats.token_refreshes);
	evbuffer_add_printf(b, "# HELP nhacviec_provider_paused 1 while a "
	    "provider is paused after a TLS, login or DNS failure.\n"
	    "# TYPE nhacviec_provider_paused gauge\n");
	pm.b = b;
	pm.failures = 0;
	dispatch_foreach(d->disp, provider_cb, &pm);
	evbuffer_add_printf(b, "# HELP nhacviec_provider_config_failures_total "
	    "Attempts that failed on TLS, login or DNS since start.\n"
	    "# TYPE nhacviec_provider_config_failures_total counter\n");
	pm.failures = 1;
	dispatch_foreach(d->disp, provider_cb, &pm);
	evbuffer_add_printf(b, "# HELP nhacviec_send_latency_seconds Time "
	    "from a request's start to its answer.\n"
	    "# TYPE nhacviec_send_latency_seconds histogram\n");
	LIST_FOREACH(h, &d->latency, entry) {
		for (i = 0; i < LAT_NBUCKETS; i++) {
			evbuffer_add_printf(b, "nhacviec_send_latency_seconds_"
			    "bucket{provider=\"");
			label(b, h->provider);
			evbuffer_add_printf(b, "\",le=\"%g\"} %llu\n", bounds[i],
			    (unsigned long long)h->bucket[i]);
		}
		evbuffer_add_printf(b, "nhacviec_send_latency_seconds_bucket"
		    "{provider=\"");
		label(b, h->provider);
		evbuffer_add_printf(b, "\",le=\"+Inf\"} %llu\n",
		    (unsigned long long)h->count);
		evbuffer_add_printf(b, "nhacviec_send_latency_seconds_sum"
		    "{provider=\"");
		label(b, h->provider);
		evbuffer_add_printf(b, "\"} %.6f\n", h->sum);
		evbuffer_add_printf(b, "nhacviec_send_latency_seconds_count"
		    "{provider=\"");
		label(b, h->provider);
		evbuffer_add_printf(b, "\"} %llu\n",
		    (unsigned long long)h->count);
	}
	return 0;
}
