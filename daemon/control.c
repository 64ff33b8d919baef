/*
 * control.c: the control listeners.  The admin API (api.c) is served on a
 * unix socket, where the socket's mode (0660, group nhacviec) is the
 * access control, and, if admin_listen is set, on a TCP port where every
 * route but /healthz needs "Authorization: Bearer TOKEN", the token
 * compared in constant time.  Both are served by ctlsrv.c, which bounds
 * every connection; the token is checked as soon as the headers are in,
 * so a client without it is answered 401 before a byte of its body is
 * read.
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

#include <event2/event.h>
#include <event2/http.h>

#include "api.h"
#include "apireq.h"
#include "clock.h"
#include "control.h"
#include "ctlsrv.h"
#include "listen.h"
#include "log.h"
#include "public.h"
#include "pubmsg.h"
#include "pubparse.h"
#include "nvd.h"
#include "sched.h"
#include "store.h"
#include "xmalloc.h"

/*
 * The bounds of a control connection.  The CLI sends its request at
 * once; a client that takes longer than this for its headers, or for a
 * body of at most twice what the API takes, is not one of ours.
 */
#define CTL_HEADER_TIMEOUT	10
#define CTL_BODY_TIMEOUT	10
#define CTL_MAX_HEADERS		(16 * 1024)
/* Twice the API's bound, so a body a little too long gets its 400. */
#define CTL_MAX_BODY		(2 * API_MAX_BODY)

struct control;

/* One listener: the unix socket (trusted) or TCP (token required). */
struct door {
	struct control	*c;
	struct ctlsrv	*srv;
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
reply(struct pubresp *resp, int code, const char *reason, const char *body)
{
	pubresp_set(resp, code, reason, "text/plain", body, strlen(body));
}

/* A request's URL parsed as evhttp's server did (the caller's to free). */
static struct evhttp_uri *
parse_url(const char *url)
{
	return evhttp_uri_parse_with_flags(url, EVHTTP_URI_NONCONFORMANT);
}

static int
is_healthz(const char *url)
{
	struct evhttp_uri *u = parse_url(url);
	const char *path = u ? evhttp_uri_get_path(u) : NULL;
	int yes = path != NULL && strcmp(path, "/healthz") == 0;

	if (u != NULL)
		evhttp_uri_free(u);
	return yes;
}

/* Whether the headers carry the admin token. */
static int
authorized(struct control *c, struct pubparse *pp)
{
	const char *h = pubparse_header(pp, "authorization");
	const char *want = c->api.d->conf->admin_token;

	/* The scheme is case-insensitive (RFC 9110, 11.1). */
	if (h == NULL || want == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	while (*h == ' ')
		h++;
	return public_secret_eq(h, want);
}

/*
 * At the end of the headers, before any of the body: over TCP, anything
 * but /healthz without the token is refused here.
 */
static int
head(void *arg, const char *peer, struct pubparse *pp)
{
	struct door *door = arg;
	struct control *c = door->c;
	long held;

	if (!door->need_token || is_healthz(pp->url) || authorized(c, pp))
		return 0;
	/* Who tried: a guesser shows up, at most a line a second. */
	c->refused++;
	if (log_rate_ok(&c->refused_rate, &held))
		log_warnx("admin API: request from %s without a valid token "
		    "refused (%ld more since the last such line)", peer, held);
	return 401;
}

static void
serve(void *arg, const struct pubmsg_req *req, struct pubresp *resp)
{
	struct door *door = arg;
	struct control *c = door->c;
	struct nvd *d = c->api.d;
	struct evhttp_uri *u = parse_url(req->url);
	const char *path = u ? evhttp_uri_get_path(u) : NULL;
	int64_t idle;

	if (path == NULL || *path == '\0')
		reply(resp, 400, "Bad Request", "bad request\n");
	else if (strcmp(path, "/healthz") == 0) {
		/*
		 * Answering at all shows the loop turns; a loop whose last
		 * wake-up is long overdue (its timer lost) is not healthy.
		 */
		idle = d->sched->next_wake_ms >= 0 ? clock_now_ms() -
		    d->sched->next_wake_ms : 0;
		if (strcmp(req->method, "GET") != 0)
			reply(resp, 405, "Method Not Allowed",
			    "method not allowed\n");
		else if (!store_healthy(d->store))
			reply(resp, 503, "Unavailable",
			    "database not writable\n");
		else if (idle > 60 * 1000)
			reply(resp, 503, "Unavailable", "scheduler stalled\n");
		else
			reply(resp, 200, "OK", "ok\n");
	} else if (!api_handle(&c->api, req, resp, path,
	    evhttp_uri_get_query(u)))
		reply(resp, 404, "Not Found", "not found\n");
	if (u != NULL)
		evhttp_uri_free(u);
}

/*
 * Binds PATH.  A socket file left by a crash is removed, but one that
 * still answers means another daemon runs on it, which is an error.
 */
static int
bind_unix(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	mode_t mask;
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
	mask = umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(mask);
		goto syserr;
	}
	umask(mask);
	if (listen(fd, 511) == -1 || evutil_make_socket_nonblocking(fd) == -1)
		goto syserr;
	return fd;
syserr:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

static int
door_open(struct door *d, struct control *c, struct event_base *base,
    int fd, int need_token, const char *what, char *err, size_t errlen)
{
	struct ctlsrv_conf sc;

	d->c = c;
	d->need_token = need_token;
	memset(&sc, 0, sizeof(sc));
	sc.what = what;
	sc.local = !need_token;
	sc.header_timeout = CTL_HEADER_TIMEOUT;
	sc.body_timeout = CTL_BODY_TIMEOUT;
	sc.max_headers = CTL_MAX_HEADERS;
	sc.max_body = CTL_MAX_BODY;
	sc.methods = PUBPARSE_M(HTTP_GET) | PUBPARSE_M(HTTP_POST) |
	    PUBPARSE_M(HTTP_PATCH);
	sc.head = head;
	sc.serve = serve;
	sc.arg = d;
	return (d->srv = ctlsrv_new(base, fd, &sc, err, errlen)) == NULL ?
	    -1 : 0;
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
	if (door_open(&c->local, c, base, fd, 0, "control_socket", err,
	    errlen) == -1) {
		control_free(c);
		return NULL;
	}
	if (conf->admin_listen == NULL)
		return c;
	if ((fd = listen_socket(conf->admin_listen, "admin_listen", err,
	    errlen)) == -1 || door_open(&c->tcp, c, base, fd, 1,
	    "admin_listen", err, errlen) == -1) {
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
	ctlsrv_free(c->local.srv);
	ctlsrv_free(c->tcp.srv);
	unlink(c->path);
	free(c->path);
	free(c);
}
