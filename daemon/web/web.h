/*
 * web.h: the tracking office's and the agencies' web pages, served under
 * /w/ on the public listener.  The network side (the sandboxed child)
 * has already bounded and parsed the request; this layer sees it as a
 * plain struct, decides who is asking (a session cookie, or an agency's
 * personal link), checks that they may, and renders the answer.  It knows
 * nothing of libevent's HTTP, the child or the scheduler: a page that
 * queued messages or moved jobs sets WEB_WAKE and the loop runs the
 * scheduler.
 *
 * Routes (web.c holds the table; each handler lives in the file of its
 * page):
 *   GET  /w/                     the dashboard (office, viewer) or the
 *                                agency's own tasks (agency)
 *   GET  /w/login  POST /w/login  POST /w/logout
 *   GET  /w/l/TOKEN              an agency's personal link: a session
 *   ...  see web.c
 */
#ifndef NV_WEB_H
#define NV_WEB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "state.h"

struct config;
struct evbuffer;
struct store;

/* What the daemon gives the pages. */
struct web_ctx {
	struct store	*store;
	const struct config *conf;
	const char	*state_dir;	/* uploads live under it */
	time_t		 now;
	int		 flags;
#define WEB_WAKE	0x1		/* jobs or messages changed */
};

/* One request, already bounded by the listener. */
struct web_req {
	const char	*method;	/* GET, HEAD or POST */
	const char	*path;		/* decoded path, from "/w/" */
	const char	*query;		/* raw query string or NULL */
	const char	*peer;		/* client address */
	const char	*(*header)(const void *, const char *name);
	const void	*hctx;		/* for header() */
	const char	*body;		/* NUL-terminated after BODYLEN */
	size_t		 bodylen;
	int		 tls;		/* reached us through TLS: Secure cookies */
};

/* The answer; body and headers are evbuffers the caller owns. */
struct web_resp {
	int		 code;
	const char	*reason;
	struct evbuffer	*hdrs;		/* "NAME\0VALUE\0" pairs */
	struct evbuffer	*body;
};

/* Who is asking, as the session says. */
struct web_who {
	enum web_role	 role;		/* WR_NONE: not signed in */
	int64_t		 user_id;	/* a web_user, or 0 */
	int64_t		 contact_id;	/* through a personal link, or 0 */
	int64_t		 agency_id;	/* the agency of an agency session */
	char		 name[128];	/* shown in the header */
	char		 csrf[48];	/* the session's form token */
	char		 session[72];	/* hex digest of the cookie, for audit */
};

/* Answers REQ into RESP.  Never fails: errors are pages. */
void	web_handle(struct web_ctx *, const struct web_req *,
	    struct web_resp *);

/* A header of the request, or NULL. */
const char *web_header(const struct web_req *, const char *name);
/* Adds a response header. */
void	web_resp_header(struct web_resp *, const char *name,
	    const char *value);

#endif
