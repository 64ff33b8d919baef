/*
 * control.c: the control listeners.  The admin API (api.c) is served on a
 * unix socket, where the socket's mode (0660, group nhacviec) is the
 * access control, and, if admin_listen is set, on a TCP port where every
 * route but /healthz needs "Authorization: Bearer TOKEN", the token
 * compared in constant time.
 *
 *   GET  /healthz    200 when the database takes writes and the loop
 *                    turns, else 503 (no token needed)
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>

#include "api.h"
#include "apireq.h"
#include "clock.h"
#include "control.h"
#include "listen.h"
#include "log.h"
#include "public.h"
#include "nvd.h"
#include "sched.h"
#include "store.h"
#include "xmalloc.h"

struct control;

/* One listener: the unix socket (trusted) or TCP (token required). */
struct door {
	struct control	*c;
	struct evhttp	*http;
	int		 need_token;
};

struct control {
	struct log_rate	 refused_rate;
	long		 refused;
	struct door	 local;
	struct door	 tcp;
	struct api	 api;
	char		*path;
};

static void
reply(struct evhttp_request *req, int code, const char *reason,
    const char *body)
{
	http_reply(req, code, reason, "text/plain", body, strlen(body));
}

/* Whether the request carries the admin token. */
static int
authorized(struct control *c, struct evhttp_request *req)
{
	const char *h = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Authorization");
	const char *want = c->api.d->conf->admin_token;

	/* The scheme is case-insensitive (RFC 9110, 11.1). */
	if (h == NULL || want == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	while (*h == ' ')
		h++;
	return public_secret_eq(h, want);
}

static void
handle(struct evhttp_request *req, void *arg)
{
	struct door *door = arg;
	struct control *c = door->c;
	struct nvd *d = c->api.d;
	const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
	const char *path = u ? evhttp_uri_get_path(u) : NULL;
	int64_t idle;

	if (path == NULL) {
		reply(req, 400, "Bad Request", "bad request\n");
		return;
	}
	if (strcmp(path, "/healthz") == 0) {
		/*
		 * Answering at all shows the loop turns; a loop whose last
		 * wake-up is long overdue (its timer lost) is not healthy.
		 */
		idle = d->sched->next_wake_ms >= 0 ? clock_now_ms() -
		    d->sched->next_wake_ms : 0;
		if (evhttp_request_get_command(req) != EVHTTP_REQ_GET)
			reply(req, 405, "Method Not Allowed",
			    "method not allowed\n");
		else if (!store_healthy(d->store))
			reply(req, 503, "Unavailable",
			    "database not writable\n");
		else if (idle > 60 * 1000)
			reply(req, 503, "Unavailable", "scheduler stalled\n");
		else
			reply(req, 200, "OK", "ok\n");
		return;
	}
	if (door->need_token && !authorized(c, req)) {
		char *addr = NULL;
		ev_uint16_t port = 0;
		long held;

		evhttp_connection_get_peer(evhttp_request_get_connection(req),
		    &addr, &port);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "WWW-Authenticate", "Bearer");
		/* Who tried: a guesser shows up, at most a line a second. */
		c->refused++;
		if (log_rate_ok(&c->refused_rate, &held))
			log_warnx("admin API: request from %s without a valid "
			    "token refused (%ld more since the last such line)",
			    addr ? addr : "?", held);
		reply(req, 401, "Unauthorized", "unauthorized\n");
		return;
	}
	if (!api_handle(&c->api, req, path, evhttp_uri_get_query(u)))
		reply(req, 404, "Not Found", "not found\n");
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

static void
door_init(struct door *d, struct control *c, struct event_base *base,
    int need_token)
{
	d->c = c;
	d->need_token = need_token;
	if ((d->http = evhttp_new(base)) == NULL)
		fatalx("evhttp_new failed");
	/*
	 * Admin requests are small JSON.  evhttp stops anything past 1 MiB
	 * (413); api.c answers bodies past API_MAX_BODY with a 400 that
	 * says so.
	 */
	evhttp_set_max_body_size(d->http, 1024 * 1024);
	/*
	 * Over TCP the token is checked once evhttp has read the body (it
	 * has no hook before), so what a client without one can make the
	 * daemon read is bounded near what the API takes at all: twice
	 * that, so a body a little too long still gets the API's 400.
	 */
	if (need_token)
		evhttp_set_max_body_size(d->http, 2 * API_MAX_BODY);
	evhttp_set_max_headers_size(d->http, 16 * 1024);
	evhttp_set_timeout(d->http, 30);
	evhttp_set_allowed_methods(d->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_PATCH);
	evhttp_set_gencb(d->http, handle, d);
}

struct control *
control_new(struct event_base *base, struct nvd *d, const char *path,
    int (*reload)(void *), void *reload_arg, char *err, size_t errlen)
{
	const struct config *conf = d->conf;
	struct control *c;
	int fd;

	if ((fd = bind_unix(path, err, errlen)) == -1)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->refused_rate.interval = 1;
	c->api.d = d;
	c->api.started = clock_now();
	c->api.reload = reload;
	c->api.reload_arg = reload_arg;
	c->path = xstrdup(path);
	door_init(&c->local, c, base, 0);
	if (evhttp_accept_socket(c->local.http, fd) == -1) {
		snprintf(err, errlen, "%s: cannot accept", path);
		close(fd);
		control_free(c);
		return NULL;
	}
	if (conf->admin_listen == NULL)
		return c;
	door_init(&c->tcp, c, base, 1);
	if (listen_tcp(c->tcp.http, conf->admin_listen, "admin_listen", err,
	    errlen) == -1) {
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
	if (c->local.http != NULL)
		evhttp_free(c->local.http);
	if (c->tcp.http != NULL)
		evhttp_free(c->tcp.http);
	unlink(c->path);
	free(c->path);
	free(c);
}
