/*
 * listen.c: what the daemon's three HTTP listeners share: binding an
 * evhttp server to a config's "host:port" (port 0 takes a free port and
 * the log line says which, as the tests need), and sending a reply.
 */
#include <sys/socket.h>

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "listen.h"
#include "log.h"

/* Returns 0, or -1 with ERR naming WHAT (the config key). */
int
listen_tcp(struct evhttp *http, const char *hostport, const char *what,
    char *err, size_t errlen)
{
	const char *colon = strrchr(hostport, ':');
	struct evhttp_bound_socket *h;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[256], serv[16];
	long port;

	if (colon == NULL || colon == hostport || (size_t)(colon - hostport) >=
	    sizeof(host) || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    (port = strtol(colon + 1, NULL, 10)) > 65535) {
		snprintf(err, errlen, "%s: \"%s\" is not host:port", what,
		    hostport);
		return -1;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(colon - hostport),
	    hostport);
	if ((h = evhttp_bind_socket_with_handle(http, host,
	    (ev_uint16_t)port)) == NULL) {
		snprintf(err, errlen, "%s: cannot listen on %s", what,
		    hostport);
		return -1;
	}
	if (getsockname(evhttp_bound_socket_get_fd(h), (struct sockaddr *)&ss,
	    &sl) == 0 && getnameinfo((struct sockaddr *)&ss, sl, host,
	    sizeof(host), serv, sizeof(serv), NI_NUMERICHOST |
	    NI_NUMERICSERV) == 0)
		log_info("%s: listening on %s port %s", what, host, serv);
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
