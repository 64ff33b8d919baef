/*
 * pubchild.c: the public listener's child process, after OpenSMTPD's
 * privilege separation.  It is the only part of nhacviec that reads
 * bytes from the internet, so it holds nothing worth stealing: it is a
 * fresh exec of nhacviecd with no database handle, no configuration and
 * so no secrets (neither the ack key nor any provider credential), and
 * a seccomp filter with no_new_privs that allows no socket(), connect()
 * or open(): it cannot reach the network or the disk.
 *
 * It accepts connections on the listening socket the main process
 * bound, bounds each one (a cap on connections in all and per client
 * address, a total deadline for the request headers and one for the
 * body, sizes in pubparse.c; a web form with files may be as large as
 * the upload limit, a few at a time), hands each whole request to the main
 * process as one framed message (pubmsg.h) and writes the answer back,
 * one request per connection.  The main process verifies tokens and
 * secrets and makes every change; if this process dies it is logged and
 * started again, and the scheduler never notices.
 *
 * Running out of descriptors and the summary of refusals are the guard's
 * that the control listeners use too (connguard.c).
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <seccomp.h>

#include "connguard.h"
#include "httpstatus.h"
#include "log.h"
#include "pubchild.h"
#include "pubmsg.h"
#include "pubparse.h"
#include "xmalloc.h"

#define MAX_HEADERS	(16 * 1024)
#define MAX_BODY	(16 * 1024)
#define WRITE_TIMEOUT	60	/* for the client to take the answer */
#define ANSWER_TIMEOUT	30	/* for the main process to answer */
/*
 * Connections sending a form with files at once: each may buffer up to
 * the upload limit, so a few, not the connection cap, bound the memory.
 */
#define MAX_UPLOADS	4
/* Descriptors kept back from the cap: listener, socketpair, spare, log. */
#define FD_RESERVE	16

enum conn_state { C_READ, C_WAIT, C_WRITE };

struct conn {
	TAILQ_ENTRY(conn) entry;
	struct child	*c;
	struct bufferevent *bev;
	struct event	*deadline;
	struct pubparse	 pp;
	enum conn_state	 state;
	uint32_t	 id;
	int		 head;		/* HEAD: headers only */
	int		 upload;	/* counted in nuploads */
	char		 peer[INET6_ADDRSTRLEN];
};
TAILQ_HEAD(conn_list, conn);

struct child {
	struct event_base *base;
	struct evconnlistener *lis;
	struct bufferevent *up;		/* to the main process */
	struct conn_list conns;
	int		 nuploads;	/* connections sending files */
	uint32_t	 next_id;
	struct pubchild_limits lim;
	struct connguard g;
};

static void	conn_free(struct conn *);

int
pubchild_cap(long nofile, int max)
{
	long cap = nofile - FD_RESERVE;

	if (cap < 1)
		cap = 1;
	if (max > 0 && max < cap)
		cap = max;
	return cap > 1000000 ? 1000000 : (int)cap;
}

/* An answer the child gives by itself, before the main process sees any. */
static void
conn_error(struct conn *cn, int code)
{
	struct evbuffer *out = bufferevent_get_output(cn->bev);

	evbuffer_add_printf(out, "HTTP/1.1 %d %s\r\nContent-Type: text/plain"
	    "\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s\n", code,
	    http_reason(code), strlen(http_reason(code)) + 1,
	    http_reason(code));
	cn->state = C_WRITE;
	bufferevent_disable(cn->bev, EV_READ);
	evtimer_del(cn->deadline);
}

static void
arm(struct conn *cn, int secs)
{
	struct timeval tv = { secs, 0 };

	evtimer_add(cn->deadline, &tv);
}

static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct conn *cn = arg;

	if (cn->state == C_READ) {
		cn->c->g.r.timeouts++;
		conn_error(cn, 408);
		return;
	}
	/* The main process did not answer, or the client did not read. */
	conn_free(cn);
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct conn *cn = arg;
	struct child *c = cn->c;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_iovec v[4];
	int i, n;

	while (cn->state == C_READ && evbuffer_get_length(in) > 0) {
		n = evbuffer_peek(in, -1, NULL, v, 4);
		for (i = 0; i < n && i < 4 && cn->state == C_READ; i++) {
			switch (pubparse_feed(&cn->pp, v[i].iov_base,
			    v[i].iov_len)) {
			case PP_HEADERS:
				if (cn->pp.upload &&
				    c->nuploads >= MAX_UPLOADS) {
					c->g.r.busy++;
					conn_error(cn, 503);
					break;
				}
				if (cn->pp.upload) {
					cn->upload = 1;
					c->nuploads++;
				}
				/* The body gets a deadline of its own. */
				arm(cn, c->lim.body_timeout);
				if (cn->pp.expect_continue)
					evbuffer_add_printf(
					    bufferevent_get_output(bev),
					    "HTTP/1.1 100 Continue\r\n\r\n");
				break;
			case PP_DONE:
				cn->state = C_WAIT;
				cn->head = strcmp(cn->pp.method, "HEAD") == 0;
				bufferevent_disable(bev, EV_READ);
				pubparse_encode(&cn->pp, cn->peer, cn->id,
				    bufferevent_get_output(c->up));
				pubparse_free(&cn->pp);
				arm(cn, ANSWER_TIMEOUT);
				break;
			case PP_ERROR:
				c->g.r.bad++;
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
		cn->c->g.r.timeouts++;
	conn_free(cn);
}

static void
conn_free(struct conn *cn)
{
	struct child *c = cn->c;

	TAILQ_REMOVE(&c->conns, cn, entry);
	c->g.nconns--;
	if (cn->upload)
		c->nuploads--;
	pubparse_free(&cn->pp);
	event_free(cn->deadline);
	bufferevent_free(cn->bev);
	free(cn);
}

static void
on_accept(struct evconnlistener *lis, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct child *c = arg;
	struct conn *cn, *o;
	char peer[INET6_ADDRSTRLEN] = "?";
	int same = 0;

	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)sa)->sin_addr, peer,
		    sizeof(peer));
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)sa)->sin6_addr,
		    peer, sizeof(peer));
	TAILQ_FOREACH(o, &c->conns, entry)
		if (strcmp(o->peer, peer) == 0 && ++same >= c->lim.max_per_addr)
			break;
	if (same >= c->lim.max_per_addr) {
		c->g.r.per_peer++;
		connguard_refuse(fd, 429);
		return;
	}
	/*
	 * At the cap, the connection that has been sending its request the
	 * longest makes room: slow clients lose their place, new ones get
	 * in.  Only when every connection is past its request is it 503.
	 */
	if (c->g.nconns >= c->lim.max_conns) {
		TAILQ_FOREACH(o, &c->conns, entry)
			if (o->state == C_READ)
				break;
		if (o == NULL) {
			c->g.r.busy++;
			connguard_refuse(fd, 503);
			return;
		}
		c->g.r.evicted++;
		conn_error(o, 503);
		conn_free(o);
	}
	cn = xcalloc(1, sizeof(*cn));
	cn->c = c;
	cn->id = ++c->next_id;
	snprintf(cn->peer, sizeof(cn->peer), "%s", peer);
	pubparse_init(&cn->pp, MAX_HEADERS, MAX_BODY);
	if (c->lim.upload_max > MAX_BODY)
		pubparse_allow_upload(&cn->pp, (size_t)c->lim.upload_max);
	if ((cn->bev = bufferevent_socket_new(c->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL ||
	    (cn->deadline = evtimer_new(c->base, on_deadline, cn)) == NULL)
		fatalx("cannot set up a connection");
	bufferevent_setcb(cn->bev, conn_read, conn_write, conn_event, cn);
	bufferevent_enable(cn->bev, EV_READ);
	/* Headers in all, however slowly they trickle in, get this long. */
	arm(cn, c->lim.header_timeout);
	TAILQ_INSERT_TAIL(&c->conns, cn, entry);
	c->g.nconns++;
}

static void
on_accept_error(struct evconnlistener *lis, void *arg)
{
	struct child *c = arg;

	connguard_accept_error(&c->g, lis);
}

static struct conn *
conn_by_id(struct child *c, uint32_t id)
{
	struct conn *cn;

	TAILQ_FOREACH(cn, &c->conns, entry)
		if (cn->id == id)
			return cn;
	return NULL;
}

/* Writes the main process's answer to the client, as HTTP/1.1. */
static void
answer(struct conn *cn, const struct pubmsg_resp *r)
{
	struct evbuffer *out = bufferevent_get_output(cn->bev);
	int i;

	evbuffer_add_printf(out, "HTTP/1.1 %d %s\r\n", r->code, r->reason);
	for (i = 0; i < r->nhdr; i++)
		evbuffer_add_printf(out, "%s: %s\r\n", r->hdr[i].name,
		    r->hdr[i].value);
	evbuffer_add_printf(out, "Content-Length: %zu\r\nConnection: close"
	    "\r\n\r\n", r->bodylen);
	if (!cn->head)
		evbuffer_add(out, r->body, r->bodylen);
	cn->state = C_WRITE;
	evtimer_del(cn->deadline);
	bufferevent_set_timeouts(cn->bev, NULL,
	    &(struct timeval){ WRITE_TIMEOUT, 0 });
	bufferevent_enable(cn->bev, EV_WRITE);
}

static void
up_read(struct bufferevent *bev, void *arg)
{
	struct child *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct pubmsg_resp r;
	struct conn *cn;
	uint32_t type, id;
	size_t len;
	char *buf;
	int rc;

	while ((rc = pubmsg_peek(in, &type, &id, &len)) == 1) {
		if (type != PUBMSG_RESP)
			fatalx("public: the main process sent a request");
		evbuffer_drain(in, PUBMSG_HDRLEN);
		buf = xmalloc(len + 1);
		evbuffer_remove(in, buf, len);
		buf[len] = '\0';
		if (pubmsg_resp_decode(buf, len, &r) == -1)
			fatalx("public: the main process sent a malformed answer");
		if ((cn = conn_by_id(c, id)) != NULL && cn->state == C_WAIT)
			answer(cn, &r);
		free(buf);
	}
	if (rc == -1)
		fatalx("public: the main process sent a malformed frame");
}

static void
up_event(struct bufferevent *bev, short what, void *arg)
{
	/* The main process is gone or stopping: so is this one. */
	exit(0);
}

#define ALLOW(call) do {						\
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(call), 0) < 0) \
		fatalx("seccomp: cannot allow %s", #call);		\
} while (0)

/*
 * From here on the process can only do what serving connections takes:
 * no socket(), connect(), open() or exec, so nothing that parsing gets
 * wrong can reach the network, the disk or the database.
 */
static void
sandbox(void)
{
	scmp_filter_ctx ctx;
	const struct scmp_arg_cmp fionread = { .arg = 1, .op = SCMP_CMP_EQ,
	    .datum_a = FIONREAD, .datum_b = 0 };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("prctl(PR_SET_NO_NEW_PRIVS)");
	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL)
		fatalx("seccomp_init failed");
	ALLOW(read); ALLOW(readv); ALLOW(write); ALLOW(writev);
	ALLOW(recvfrom); ALLOW(recvmsg); ALLOW(sendto); ALLOW(sendmsg);
	ALLOW(accept); ALLOW(accept4); ALLOW(close); ALLOW(shutdown);
	ALLOW(dup); ALLOW(fcntl); ALLOW(setsockopt); ALLOW(getsockopt);
	ALLOW(getsockname); ALLOW(getpeername);
	ALLOW(epoll_wait); ALLOW(epoll_pwait); ALLOW(epoll_ctl);
	ALLOW(brk); ALLOW(mmap); ALLOW(munmap); ALLOW(mremap); ALLOW(madvise);
	ALLOW(clock_gettime); ALLOW(gettimeofday); ALLOW(time);
	ALLOW(getpid); ALLOW(getrandom); ALLOW(futex);
	ALLOW(rt_sigreturn); ALLOW(rt_sigprocmask); ALLOW(restart_syscall);
	ALLOW(newfstatat); ALLOW(fstat); ALLOW(lseek);
	ALLOW(exit); ALLOW(exit_group);
	/* evbuffer_read asks how much is waiting; nothing else. */
	if (seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
	    &fionread) < 0)
		fatalx("seccomp: cannot allow ioctl");
	if (seccomp_load(ctx) < 0)
		fatalx("seccomp_load failed");
	seccomp_release(ctx);
}

int
pubchild_main(const struct pubchild_limits *lim)
{
	struct child c;
	struct rlimit rl;

	memset(&c, 0, sizeof(c));
	TAILQ_INIT(&c.conns);
	c.lim = *lim;
	log_init("nhacviecd[public]", lim->log_level);
	/* Dies with the main process, whatever kills that. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1 ||
	    getppid() == 1)
		return 1;
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		fatal("getrlimit");
	c.lim.max_conns = pubchild_cap(rl.rlim_cur == RLIM_INFINITY ?
	    1000000 : (long)rl.rlim_cur, lim->max_conns);
	if (c.lim.max_per_addr < 1 || c.lim.max_per_addr > c.lim.max_conns)
		c.lim.max_per_addr = c.lim.max_conns;
	c.g.what = "public";
	c.g.per = "address";
	c.g.bad = "malformed";
	c.g.max_conns = c.lim.max_conns;
	c.g.max_per_peer = c.lim.max_per_addr;
	/* The sandbox opens no file later: the spare is a copy of one. */
	c.g.spare_from = PUBCHILD_MAIN_FD;
	if ((c.base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	evutil_make_socket_nonblocking(PUBCHILD_LISTEN_FD);
	evutil_make_socket_nonblocking(PUBCHILD_MAIN_FD);
	if ((c.lis = evconnlistener_new(c.base, on_accept, &c,
	    LEV_OPT_CLOSE_ON_EXEC, -1, PUBCHILD_LISTEN_FD)) == NULL)
		fatalx("public: cannot accept on the listening socket");
	evconnlistener_set_error_cb(c.lis, on_accept_error);
	if (connguard_init(&c.g, c.base) == -1)
		fatal("public: cannot set up the guard");
	if ((c.up = bufferevent_socket_new(c.base, PUBCHILD_MAIN_FD, 0)) ==
	    NULL)
		fatalx("public: cannot set up the child");
	bufferevent_setcb(c.up, up_read, NULL, up_event, &c);
	bufferevent_enable(c.up, EV_READ);
	connguard_watch(&c.g, c.lis);
	log_debug("public: child ready: %d connection(s) at most, %d per "
	    "address, headers %d s, body %d s", c.lim.max_conns,
	    c.lim.max_per_addr, c.lim.header_timeout, c.lim.body_timeout);
	/* The log's timestamps need the zone file: read it while we may. */
	tzset();
	sandbox();
	event_base_dispatch(c.base);
	return 0;
}
