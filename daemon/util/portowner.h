/*
 * portowner.h: who holds a TCP port (Linux /proc), for listen errors.
 */
#ifndef NV_PORTOWNER_H
#define NV_PORTOWNER_H

#include <stddef.h>

int	port_owner(int port, char *buf, size_t len);

#endif
