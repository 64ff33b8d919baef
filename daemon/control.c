/*
 * control.c: the control socket.  evhttp serves it over a unix socket, so
 * only local users the socket's mode lets in can reach it:
 *
 *   GET  /healthz    200 when the database takes writes, else 503
 *   POST /v1/wake    re-run the scheduler now (after a CLI change)
 *   GET  /v1/status  live counters as JSON
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <jansson.h>

#include "clock.h"
#include "control.h"
#include "dispatch.h"
#include "log.h"
#include "sched.h"
#include "store.h"
#include "xmalloc.h"

struct control {
	struct evhttp	*http;
	struct sched	*sched;
	char		*path;
	time_t		 started;
};

static void
reply(struct evhttp_request *req, int code, const char *reason,
    const char *type, const char *body)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		fatalx("evbuffer_new failed");
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", type);
	evbuffer_add(b, body, strlen(body));
	evhttp_send_reply(req, code, reason, b);
	evbuffer_free(b);
}

static void
reply_json(struct evhttp_request *req, int code, const char *reason,
    json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		fatalx("json_dumps failed");
	reply(req, code, reason, "application/json", s);
	free(s);
}

static void
status_json(struct control *c, struct evhttp_request *req)
{
	struct sched *s = c->sched;
	struct store_counts n;
	json_t *j;

	if (store_counts(s->store, clock_now(), &n) == -1) {
		reply(req, 503, "Unavailable", "text/plain", "store error\n");
		return;
	}
	j = json_pack("{s:s, s:i, s:I, s:I, s:I, s:i, s:{s:I, s:I, s:I, "
	    "s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
	    "s:I, s:I}, "
	    "s:I, s:I, s:I, s:b}",
	    "version", NHACVIEC_VERSION,
	    "pid", (int)getpid(),
	    "started", (json_int_t)c->started,
	    "now", (json_int_t)clock_now(),
	    "next_wake", (json_int_t)(s->next_wake_ms < 0 ? -1 :
	    s->next_wake_ms / 1000),
	    "inflight", dispatch_inflight(s->disp),
	    "messages",
	    "queued", (json_int_t)n.queued,
	    "sending", (json_int_t)n.sending,
	    "sent", (json_int_t)n.sent,
	    "delivered", (json_int_t)n.delivered,
	    "failed", (json_int_t)n.failed,
	    "dead", (json_int_t)n.dead,
	    "cancelled", (json_int_t)n.cancelled,
	    "since_start",
	    "jobs_fired", (json_int_t)s->stats.jobs_fired,
	    "jobs_skipped", (json_int_t)s->stats.jobs_skipped,
	    "sent", (json_int_t)s->stats.msgs_sent,
	    "retried", (json_int_t)s->stats.msgs_retried,
	    "failed", (json_int_t)s->stats.msgs_failed,
	    "dead", (json_int_t)s->stats.msgs_dead,
	    "delivered", (json_int_t)s->stats.msgs_delivered,
	    "receipts_refused", (json_int_t)s->stats.receipts_refused,
	    "in_doubt_resent", (json_int_t)s->stats.in_doubt,
	    "in_doubt_total", (json_int_t)n.in_doubt,
	    "jobs_pending", (json_int_t)n.jobs_pending,
	    "occurrences_overdue", (json_int_t)n.occ_overdue,
	    "fake_clock", clock_is_fake());
	reply_json(req, 200, "OK", j);
}

static void
handle(struct evhttp_request *req, void *arg)
{
	struct control *c = arg;
	const char *uri = evhttp_request_get_uri(req);
	enum evhttp_cmd_type m = evhttp_request_get_command(req);

	if (strcmp(uri, "/healthz") == 0 && m == EVHTTP_REQ_GET) {
		if (store_healthy(c->sched->store))
			reply(req, 200, "OK", "text/plain", "ok\n");
		else
			reply(req, 503, "Unavailable", "text/plain",
			    "database not writable\n");
	} else if (strcmp(uri, "/v1/wake") == 0 && m == EVHTTP_REQ_POST) {
		sched_kick(c->sched);
		reply_json(req, 200, "OK", json_pack("{s:b}", "ok", 1));
	} else if (strcmp(uri, "/v1/status") == 0 && m == EVHTTP_REQ_GET) {
		status_json(c, req);
	} else if (strcmp(uri, "/healthz") == 0 ||
	    strcmp(uri, "/v1/wake") == 0 || strcmp(uri, "/v1/status") == 0) {
		reply(req, 405, "Method Not Allowed", "text/plain",
		    "method not allowed\n");
	} else
		reply(req, 404, "Not Found", "text/plain", "not found\n");
}

/*
 * Binds PATH.  A socket file left by a crash is removed, but one that
 * still answers means another daemon runs on it, which is an error.
 */
static int
bind_unix(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "%s: path too long for a socket", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		goto syserr;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
		close(fd);
		snprintf(err, errlen, "%s: another nhacviecd is running on "
		    "this socket", path);
		return -1;
	}
	unlink(path);
	/* 0660: the socket's group (nhacviec) may use the CLI. */
	umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(0022);
		goto syserr;
	}
	umask(0022);
	if (listen(fd, 64) == -1 || evutil_make_socket_nonblocking(fd) == -1)
		goto syserr;
	return fd;
syserr:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

struct control *
control_new(struct event_base *base, struct sched *s, const char *path,
    char *err, size_t errlen)
{
	struct control *c;
	int fd;

	if ((fd = bind_unix(path, err, errlen)) == -1)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->sched = s;
	c->path = xstrdup(path);
	c->started = clock_now();
	if ((c->http = evhttp_new(base)) == NULL)
		fatalx("evhttp_new failed");
	evhttp_set_max_body_size(c->http, 64 * 1024);
	evhttp_set_timeout(c->http, 30);
	evhttp_set_gencb(c->http, handle, c);
	if (evhttp_accept_socket(c->http, fd) == -1) {
		snprintf(err, errlen, "%s: cannot accept", path);
		close(fd);
		control_free(c);
		return NULL;
	}
	return c;
}

void
control_free(struct control *c)
{
	if (c == NULL)
		return;
	evhttp_free(c->http);
	unlink(c->path);
	free(c->path);
	free(c);
}
