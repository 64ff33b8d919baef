/*
 * listen.c: what the daemon's HTTP listeners share: binding a socket to
 * a config's "host:port" (port 0 takes a free port and the log line says
 * which, as the tests need), for an evhttp server or the public
 * listener's child, and sending an evhttp reply.
 */
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "listen.h"
#include "log.h"

/*
 * Binds and listens on HOSTPORT: the descriptor (non-blocking, closed on
 * exec), or -1 with ERR naming WHAT (the config key).
 */
int
listen_socket(const char *hostport, const char *what, char *err,
    size_t errlen)
{
	const char *colon = strrchr(hostport, ':');
	struct addrinfo hints, *res = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[256], serv[16];
	int fd = -1, on = 1, e;

	if (colon == NULL || colon == hostport || (size_t)(colon - hostport) >=
	    sizeof(host) || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    strlen(colon + 1) > 5 || strtol(colon + 1, NULL, 10) > 65535) {
		snprintf(err, errlen, "%s: \"%s\" is not host:port", what,
		    hostport);
		return -1;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(colon - hostport),
	    hostport);
	/* [::1]:8470 */
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((e = getaddrinfo(host, colon + 1, &hints, &res)) != 0) {
		snprintf(err, errlen, "%s: %s: %s", what, hostport,
		    gai_strerror(e));
		return -1;
	}
	if ((fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, res->ai_protocol)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) == -1 ||
	    listen(fd, 511) == -1) {
		snprintf(err, errlen, "%s: cannot listen on %s: %s", what,
		    hostport, strerror(errno));
		if (fd != -1)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
	    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		log_info("%s: listening on %s port %s", what, host, serv);
	return fd;
}

/* Returns 0, or -1 with ERR naming WHAT (the config key). */
int
listen_tcp(struct evhttp *http, const char *hostport, const char *what,
    char *err, size_t errlen)
{
	int fd;

	if ((fd = listen_socket(hostport, what, err, errlen)) == -1)
		return -1;
	if (evhttp_accept_socket_with_handle(http, fd) == NULL) {
		snprintf(err, errlen, "%s: cannot accept on %s", what,
		    hostport);
		close(fd);
		return -1;
	}
	return 0;
}

/*
 * Replies CODE with BODY (LEN bytes) of Content-Type TYPE.  A HEAD request
 * gets the same status and headers, Content-Length included, and no body.
 */
void
http_reply(struct evhttp_request *req, int code, const char *reason,
    const char *type, const char *body, size_t len)
{
	struct evbuffer *b = evbuffer_new();
	char clen[32];

	if (b == NULL)
		fatalx("evbuffer_new failed");
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", type);
	if (evhttp_request_get_command(req) == EVHTTP_REQ_HEAD) {
		snprintf(clen, sizeof(clen), "%zu", len);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Length", clen);
		len = 0;
	}
	evbuffer_add(b, body, len);
	evhttp_send_reply(req, code, reason, b);
	evbuffer_free(b);
}
