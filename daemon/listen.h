/*
 * listen.h: binding evhttp servers to "host:port", and replying.
 */
#ifndef NV_LISTEN_H
#define NV_LISTEN_H

#include <stddef.h>

struct evhttp;
struct evhttp_request;

int	listen_socket(const char *hostport, const char *what, char *err,
	    size_t errlen);
int	listen_tcp(struct evhttp *, const char *hostport, const char *what,
	    char *err, size_t errlen);
void	http_reply(struct evhttp_request *, int code, const char *reason,
	    const char *type, const char *body, size_t len);

#endif
