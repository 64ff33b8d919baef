/*
 * listen.c: what the daemon's HTTP listeners share: binding a socket to
 * a config's "host:port" (port 0 takes a free port and the log line says
 * which, as the tests need), for the admin listener or the public
 * listener's process.
 */
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "listen.h"
#include "log.h"
#include "portowner.h"

/*
 * A listening socket on HOST:PORT, or -1 with WHY: the system's reason,
 * and for a port in use, who holds it when that can be told, since "the
 * port is taken" alone leaves the operator to go and look.
 */
static int
bind_tcp(const char *host, const char *port, char *why, size_t whylen)
{
	struct addrinfo hints, *res, *ai;
	char owner[128];
	int fd = -1, on = 1, rc, e = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &res)) !=
	    0) {
		snprintf(why, whylen, "%s", gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol)) == -1) {
			e = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		/* A deep queue: a burst waits there rather than being refused. */
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 511) == 0)
			break;
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd != -1)
		return fd;
	if (e == EADDRINUSE && port_owner(atoi(port), owner,
	    sizeof(owner)) == 0)
		snprintf(why, whylen, "the port is in use by %s", owner);
	else if (e == EADDRINUSE)
		snprintf(why, whylen, "the port is in use");
	else if (e == EACCES && atoi(port) < 1024)
		snprintf(why, whylen, "ports below 1024 need root or "
		    "CAP_NET_BIND_SERVICE");
	else if (e == EADDRNOTAVAIL)
		snprintf(why, whylen, "no interface of this host has "
		    "address %s", host);
	else
		snprintf(why, whylen, "%s", strerror(e));
	return -1;
}

/*
 * Binds and listens on HOSTPORT: the descriptor (non-blocking, closed on
 * exec), or -1 with ERR naming WHAT (the config key).
 */
int
listen_socket(const char *hostport, const char *what, char *err,
    size_t errlen)
{
	const char *colon = strrchr(hostport, ':');
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[256], serv[16], why[300];
	int fd;

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
	if ((fd = bind_tcp(host, colon + 1, why, sizeof(why))) == -1) {
		snprintf(err, errlen, "%s: cannot listen on %s: %s", what,
		    hostport, why);
		return -1;
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
	    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		log_info("%s: listening on %s port %s", what, host, serv);
	return fd;
}
