/*
 * pubparse.h: one HTTP request read off the network by the public
 * listener's child or by a control listener, with every part bounded (the request line, each
 * header, their number and total, the body), parsed by http-parser.
 */
#ifndef NV_PUBPARSE_H
#define NV_PUBPARSE_H

#include <stddef.h>
#include <stdint.h>

#include <http_parser.h>

#include "pubmsg.h"

#define PUBPARSE_MAX_URL	4096
#define PUBPARSE_MAX_NAME	64
#define PUBPARSE_MAX_VALUE	4096

enum pubparse_state {
	PP_MORE,		/* feed more */
	PP_HEADERS,		/* headers complete, body to come (once) */
	PP_DONE,		/* a whole request */
	PP_ERROR,		/* answer status and close */
};

struct evbuffer;
struct pubparse;

/*
 * Called once the headers are complete, before a byte of the body is
 * taken: 0 to go on, or an HTTP status (401...) to refuse with.
 */
typedef int (*pubparse_head_fn)(struct pubparse *, void *arg);

#define PUBPARSE_M(m)		(1u << (m))	/* an enum http_method */
#define PUBPARSE_PUBLIC		(PUBPARSE_M(HTTP_GET) | PUBPARSE_M(HTTP_HEAD) | \
				    PUBPARSE_M(HTTP_POST))

struct pubparse {
	http_parser	 hp;
	size_t		 max_headers;	/* all header bytes */
	size_t		 max_body;
	unsigned	 methods;	/* PUBPARSE_M() bits taken */
	pubparse_head_fn head_fn;
	void		*head_arg;
	enum pubparse_state state;
	int		 status;	/* with PP_ERROR: 400, 405, 413, 431,
					   or what head_fn said */
	int		 headers_done;	/* reported PP_HEADERS already */
	int		 expect_continue;
	char		 method[8];
	char		 url[PUBPARSE_MAX_URL];
	size_t		 urllen;
	char		 name[PUBPARSE_MAX_NAME];
	size_t		 namelen;
	char		 value[PUBPARSE_MAX_VALUE];
	size_t		 valuelen;
	int		 in_value;
	size_t		 hdrbytes;
	int		 nhdr;
	struct evbuffer	*hdrs;		/* "NAME\0VALUE\0" pairs */
	struct evbuffer	*body;
};

void	pubparse_init(struct pubparse *, size_t max_headers, size_t max_body);
void	pubparse_free(struct pubparse *);
/* Another set of methods than GET, HEAD and POST, and a check at the head. */
void	pubparse_methods(struct pubparse *, unsigned);
void	pubparse_on_head(struct pubparse *, pubparse_head_fn, void *);
/* A header's value once the headers are in (NAME lower-case), or NULL. */
const char *pubparse_header(struct pubparse *, const char *name);
/* Feeds LEN bytes; returns the state (PP_HEADERS once, then on). */
enum pubparse_state pubparse_feed(struct pubparse *, const char *, size_t);
/* Appends the request as a PUBMSG_REQ frame for ID to OUT. */
void	pubparse_encode(struct pubparse *, const char *peer, uint32_t id,
	    struct evbuffer *out);

#endif
