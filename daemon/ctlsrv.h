/*
 * ctlsrv.h: the HTTP server of the control listeners (the unix socket
 * and admin_listen), in the main process.  Each connection carries one
 * request, read with pubparse.c under the same bounds as the public
 * listener's: connections capped per listener and per client, a total
 * deadline for the headers and one for the body, a check at the end of
 * the headers (the admin token) before a byte of the body is taken.
 */
#ifndef NV_CTLSRV_H
#define NV_CTLSRV_H

#include <stddef.h>

struct event_base;
struct pubmsg_req;
struct pubparse;
struct pubresp;
struct ctlsrv;

struct ctlsrv_conf {
	const char	*what;		/* the config key, for the log */
	int		 local;		/* a unix socket: clients are uids */
	int		 max_conns;	/* 0: from the descriptor limit */
	int		 max_per_peer;	/* 0: from max_conns */
	int		 header_timeout;	/* seconds for all the headers */
	int		 body_timeout;	/* seconds for the body after them */
	size_t		 max_headers;
	size_t		 max_body;
	unsigned	 methods;	/* PUBPARSE_M() bits */
	/* At the end of the headers: 0, or an HTTP status to refuse with. */
	int		(*head)(void *, const char *peer, struct pubparse *);
	/* A whole request, to be answered in RESP before returning. */
	void		(*serve)(void *, const struct pubmsg_req *,
			    struct pubresp *);
	void		*arg;
};

/* Serves the listening socket FD (taken over); NULL with ERR. */
struct ctlsrv	*ctlsrv_new(struct event_base *, int fd,
		    const struct ctlsrv_conf *, char *err, size_t errlen);
void		 ctlsrv_free(struct ctlsrv *);
/* The cap of one control listener for NOFILE descriptors. */
int		 ctlsrv_cap(long nofile);

#endif
