/*
 * listen.h: binding the daemon's listeners to "host:port".
 */
#ifndef NV_LISTEN_H
#define NV_LISTEN_H

#include <stddef.h>

int	listen_socket(const char *hostport, const char *what, char *err,
	    size_t errlen);

#endif
