/*
 * ctlsrv.c: the control listeners' HTTP server (ctlsrv.h).  It replaces
 * evhttp there because evhttp 2.1 can neither cap connections nor look
 * at a request before its body is read: here the request is read with
 * the public listener's bounded parser (pubparse.c), and the caller's
 * check runs when the headers are complete, so a client without the
 * admin token gets its 401 before the daemon takes a byte of the body.
 *
 * A connection is bounded as in the public listener's child: a total
 * deadline for the headers however slowly they trickle in, one for the
 * body, a cap on connections in all (derived from the descriptor
 * limit) and per client (its address, or on the unix socket its uid;
 * root, who can stop the daemon anyway, is not capped there).  At the
 * cap the connection that has been sending its request the longest
 * makes room.  Running out of descriptors and the summary of refusals
 * are the guard's that the public child uses too (connguard.c).
 */
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "connguard.h"
#include "ctlsrv.h"
#include "httpstatus.h"
#include "log.h"
#include "pubmsg.h"
#include "pubparse.h"
#include "xmalloc.h"

#define WRITE_TIMEOUT	60	/* for the client to take the answer */
#define READ_CHUNK	4096	/* what one read may take off a socket */
/*
 * The main process also holds the database, the outgoing connections
 * of the sends and the public listener's socketpair: each control
 * listener gets a quarter of what is left past this reserve.
 */
#define FD_RESERVE	64

enum conn_state { C_READ, C_WRITE };

struct conn {
	TAILQ_ENTRY(conn) entry;
	struct ctlsrv	*s;
	struct bufferevent *bev;
	struct event	*deadline;
	struct pubparse	 pp;
	enum conn_state	 state;
	int		 capped;	/* counts against the per-client cap */
	char		 peer[INET6_ADDRSTRLEN + 8];
};
TAILQ_HEAD(conn_list, conn);

struct ctlsrv {
	struct ctlsrv_conf conf;
	struct event_base *base;
	struct evconnlistener *lis;
	struct conn_list conns;
	struct connguard g;
};

static void	conn_free(struct conn *);

int
ctlsrv_cap(long nofile)
{
	long cap = (nofile - FD_RESERVE) / 4;

	if (cap < 4)
		cap = 4;
	return cap > 100000 ? 100000 : (int)cap;
}

static void
arm(struct conn *cn, int secs)
{
	struct timeval tv = { secs, 0 };

	evtimer_add(cn->deadline, &tv);
}

/* Stops reading: the answer queued is written, then the connection closed. */
static void
conn_answer(struct conn *cn)
{
	cn->state = C_WRITE;
	bufferevent_disable(cn->bev, EV_READ);
	evtimer_del(cn->deadline);
	bufferevent_set_timeouts(cn->bev, NULL,
	    &(struct timeval){ WRITE_TIMEOUT, 0 });
	bufferevent_enable(cn->bev, EV_WRITE);
}

/* An answer the server gives by itself: the request went no further. */
static void
conn_error(struct conn *cn, int code)
{
	struct evbuffer *out = bufferevent_get_output(cn->bev);
	const char *why = http_reason(code);

	evbuffer_add_printf(out, "HTTP/1.1 %d %s\r\n%sContent-Type: "
	    "text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n"
	    "%s\n", code, why, code == 401 ? "WWW-Authenticate: Bearer\r\n" :
	    "", strlen(why) + 1, why);
	conn_answer(cn);
}

static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct conn *cn = arg;

	cn->s->g.r.timeouts++;
	conn_error(cn, 408);
}

/* The request is whole: handed to the caller as the child would hand it. */
static void
conn_serve(struct conn *cn)
{
	struct ctlsrv *s = cn->s;
	struct evbuffer *frame;
	struct pubmsg_req req;
	struct pubresp resp;
	char *buf;
	size_t len;
	int head = strcmp(cn->pp.method, "HEAD") == 0;

	if ((frame = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	pubparse_encode(&cn->pp, cn->peer, 0, frame);
	pubparse_free(&cn->pp);
	evbuffer_drain(frame, PUBMSG_HDRLEN);
	len = evbuffer_get_length(frame);
	evbuffer_add(frame, "", 1);
	buf = (char *)evbuffer_pullup(frame, -1);
	pubresp_init(&resp);
	if (buf == NULL || pubmsg_req_decode(buf, len, &req) == -1) {
		s->g.r.bad++;
		pubresp_set(&resp, 400, "Bad Request", "text/plain",
		    "bad request\n", 12);
	} else
		s->conf.serve(s->conf.arg, &req, &resp);
	pubresp_http(&resp, head, bufferevent_get_output(cn->bev));
	pubresp_clear(&resp);
	evbuffer_free(frame);
	conn_answer(cn);
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct conn *cn = arg;
	struct ctlsrv *s = cn->s;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_iovec v[4];
	int i, n;

	while (cn->state == C_READ && evbuffer_get_length(in) > 0) {
		n = evbuffer_peek(in, -1, NULL, v, 4);
		for (i = 0; i < n && i < 4 && cn->state == C_READ; i++) {
			switch (pubparse_feed(&cn->pp, v[i].iov_base,
			    v[i].iov_len)) {
			case PP_HEADERS:
				arm(cn, s->conf.body_timeout);
				if (cn->pp.expect_continue)
					evbuffer_add_printf(
					    bufferevent_get_output(bev),
					    "HTTP/1.1 100 Continue\r\n\r\n");
				break;
			case PP_DONE:
				conn_serve(cn);
				break;
			case PP_ERROR:
				s->g.r.bad++;
				conn_error(cn, cn->pp.status);
				break;
			case PP_MORE:
				break;
			}
		}
		evbuffer_drain(in, evbuffer_get_length(in));
	}
}

static void
conn_write(struct bufferevent *bev, void *arg)
{
	struct conn *cn = arg;

	if (cn->state == C_WRITE &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		conn_free(cn);
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn *cn = arg;

	if (what & BEV_EVENT_TIMEOUT)
		cn->s->g.r.timeouts++;
	conn_free(cn);
}

static void
conn_free(struct conn *cn)
{
	struct ctlsrv *s = cn->s;

	TAILQ_REMOVE(&s->conns, cn, entry);
	s->g.nconns--;
	pubparse_free(&cn->pp);
	event_free(cn->deadline);
	bufferevent_free(cn->bev);
	free(cn);
}

/*
 * Who the client is, for the cap per client: its address, or on the
 * unix socket its uid.  0 if it is not capped (root on the socket).
 */
static int
peer_of(struct ctlsrv *s, evutil_socket_t fd, struct sockaddr *sa,
    char *peer, size_t len)
{
	struct ucred uc;
	socklen_t ul = sizeof(uc);

	snprintf(peer, len, "?");
	if (s->conf.local) {
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &ul) == -1)
			return 1;
		snprintf(peer, len, "uid %u", (unsigned)uc.uid);
		return uc.uid != 0;
	}
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)sa)->sin_addr, peer,
		    (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)sa)->sin6_addr,
		    peer, (socklen_t)len);
	return 1;
}

/* pubparse's check at the end of the headers, with the client's name. */
static int
conn_head(struct pubparse *pp, void *arg)
{
	struct conn *cn = arg;

	return cn->s->conf.head != NULL ? cn->s->conf.head(cn->s->conf.arg,
	    cn->peer, pp) : 0;
}

static void
on_accept(struct evconnlistener *lis, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct ctlsrv *s = arg;
	struct conn *cn, *o;
	char peer[sizeof(cn->peer)];
	int same = 0, capped;

	capped = peer_of(s, fd, sa, peer, sizeof(peer));
	if (capped) {
		TAILQ_FOREACH(o, &s->conns, entry)
			if (o->capped && strcmp(o->peer, peer) == 0 &&
			    ++same >= s->conf.max_per_peer)
				break;
		if (same >= s->conf.max_per_peer) {
			s->g.r.per_peer++;
			connguard_refuse(fd, 429);
			return;
		}
	}
	if (s->g.nconns >= s->conf.max_conns) {
		TAILQ_FOREACH(o, &s->conns, entry)
			if (o->state == C_READ)
				break;
		if (o == NULL) {
			s->g.r.busy++;
			connguard_refuse(fd, 503);
			return;
		}
		s->g.r.evicted++;
		http_say_no(bufferevent_getfd(o->bev), 503);
		conn_free(o);
	}
	cn = xcalloc(1, sizeof(*cn));
	cn->s = s;
	cn->capped = capped;
	memcpy(cn->peer, peer, sizeof(cn->peer));
	pubparse_init(&cn->pp, s->conf.max_headers, s->conf.max_body);
	pubparse_methods(&cn->pp, s->conf.methods);
	pubparse_on_head(&cn->pp, conn_head, cn);
	if ((cn->bev = bufferevent_socket_new(s->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL ||
	    (cn->deadline = evtimer_new(s->base, on_deadline, cn)) == NULL)
		fatalx("%s: cannot set up a connection", s->conf.what);
	/* A small read at a time: little of a refused body reaches us. */
	bufferevent_set_max_single_read(cn->bev, READ_CHUNK);
	bufferevent_setcb(cn->bev, conn_read, conn_write, conn_event, cn);
	bufferevent_enable(cn->bev, EV_READ);
	arm(cn, s->conf.header_timeout);
	TAILQ_INSERT_TAIL(&s->conns, cn, entry);
	s->g.nconns++;
}

static void
on_accept_error(struct evconnlistener *lis, void *arg)
{
	struct ctlsrv *s = arg;

	connguard_accept_error(&s->g, lis);
}

struct ctlsrv *
ctlsrv_new(struct event_base *base, int fd, const struct ctlsrv_conf *conf,
    char *err, size_t errlen)
{
	struct ctlsrv *s;
	struct rlimit rl;

	s = xcalloc(1, sizeof(*s));
	s->conf = *conf;
	s->base = base;
	TAILQ_INIT(&s->conns);
	if (s->conf.max_conns <= 0) {
		if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
			rl.rlim_cur = 1024;
		s->conf.max_conns = ctlsrv_cap(rl.rlim_cur == RLIM_INFINITY ?
		    1000000 : (long)rl.rlim_cur);
	}
	/* One client may hold an eighth of the listener, and a few at least. */
	if (s->conf.max_per_peer <= 0)
		s->conf.max_per_peer = s->conf.max_conns / 8 < 4 ? 4 :
		    s->conf.max_conns / 8;
	s->g.what = s->conf.what;
	s->g.per = "client";
	s->g.bad = "refused (malformed or without the token)";
	s->g.max_conns = s->conf.max_conns;
	s->g.max_per_peer = s->conf.max_per_peer;
	s->g.spare_from = -1;
	if (connguard_init(&s->g, base) == -1) {
		snprintf(err, errlen, "%s: cannot set up the listener: %s",
		    conf->what, strerror(errno));
		close(fd);
		ctlsrv_free(s);
		return NULL;
	}
	evutil_make_socket_nonblocking(fd);
	if ((s->lis = evconnlistener_new(base, on_accept, s,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd)) == NULL) {
		snprintf(err, errlen, "%s: the event loop refused the socket",
		    conf->what);
		close(fd);
		ctlsrv_free(s);
		return NULL;
	}
	evconnlistener_set_error_cb(s->lis, on_accept_error);
	connguard_watch(&s->g, s->lis);
	log_debug("%s: %d connection(s) at most, %d per client, headers %d s, "
	    "body %d s", s->conf.what, s->conf.max_conns, s->conf.max_per_peer,
	    s->conf.header_timeout, s->conf.body_timeout);
	return s;
}

void
ctlsrv_free(struct ctlsrv *s)
{
	struct conn *cn;

	if (s == NULL)
		return;
	while ((cn = TAILQ_FIRST(&s->conns)) != NULL)
		conn_free(cn);
	if (s->lis != NULL)
		evconnlistener_free(s->lis);
	connguard_clear(&s->g);
	free(s);
}
