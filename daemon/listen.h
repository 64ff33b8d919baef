/*
 * listen.h: binding an evhttp server to a "host:port" from the config.
 */
#ifndef NV_LISTEN_H
#define NV_LISTEN_H

#include <stddef.h>

struct evhttp;

int	listen_tcp(struct evhttp *, const char *hostport, const char *what,
	    char *err, size_t errlen);

#endif
