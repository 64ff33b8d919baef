/*
 * pubmsg.h: the messages between the public listener's child process
 * and the main process, over their socketpair.  Each frame is a fixed
 * header (payload length, type, connection id) and a payload of
 * NUL-terminated strings followed by raw bytes:
 *
 *   request  (child to main): METHOD PEER URL (NAME VALUE)* "" BODY
 *   response (main to child): CODE REASON (NAME VALUE)* "" BODY
 *
 * Both sides check every frame against the limits below before they
 * believe a byte of it: the main process trusts the child no more than
 * it trusted the network.
 */
#ifndef NV_PUBMSG_H
#define NV_PUBMSG_H

#include <stddef.h>
#include <stdint.h>

struct evbuffer;

#define PUBMSG_HDRLEN		12
#define PUBMSG_MAX_REQ		(64 * 1024)		/* headers + body */
#define PUBMSG_MAX_RESP		(32 * 1024 * 1024)	/* a large feed */
#define PUBMSG_MAX_HEADERS	48

enum pubmsg_type {
	PUBMSG_REQ = 1,		/* a request, already bounded */
	PUBMSG_RESP = 2,	/* the answer to request ID */
};

struct pubmsg_kv {
	const char	*name;
	const char	*value;
};

/* A request as decoded in place; strings point into the payload. */
struct pubmsg_req {
	const char	*method;
	const char	*peer;
	const char	*url;
	struct pubmsg_kv hdr[PUBMSG_MAX_HEADERS];
	int		 nhdr;
	const char	*body;		/* followed by a NUL, not counted */
	size_t		 bodylen;
};

struct pubmsg_resp {
	int		 code;
	const char	*reason;
	struct pubmsg_kv hdr[PUBMSG_MAX_HEADERS];
	int		 nhdr;
	const char	*body;
	size_t		 bodylen;
};

/* An answer as the main process builds it. */
struct pubresp {
	int		 code;
	const char	*reason;
	struct evbuffer	*hdrs;		/* "NAME\0VALUE\0" pairs */
	struct evbuffer	*body;
};

/* Frame headers. */
void	pubmsg_frame(struct evbuffer *, uint32_t type, uint32_t id,
	    size_t len);
int	pubmsg_peek(struct evbuffer *, uint32_t *type, uint32_t *id,
	    size_t *len);

/*
 * Decoding works in place on PAYLOAD of LEN bytes, which must be
 * followed by one more byte set to NUL.  0, or -1 if malformed.
 */
int	pubmsg_req_decode(char *payload, size_t len, struct pubmsg_req *);
int	pubmsg_resp_decode(char *payload, size_t len, struct pubmsg_resp *);
const char *pubmsg_req_header(const struct pubmsg_req *, const char *name);
/* Whether S is safe as a header name or value (no CR, LF or NUL). */
int	pubmsg_header_ok(const char *name, const char *value);

void	pubresp_init(struct pubresp *);
void	pubresp_clear(struct pubresp *);
void	pubresp_header(struct pubresp *, const char *name, const char *value);
/* Sets the code and a body of LEN bytes of Content-Type TYPE. */
void	pubresp_set(struct pubresp *, int code, const char *reason,
	    const char *type, const char *body, size_t len);
void	pubresp_encode(struct pubresp *, uint32_t id, struct evbuffer *out);
/* The answer as HTTP/1.1 onto OUT (its body moved, none for HEAD). */
void	pubresp_http(struct pubresp *, int head, struct evbuffer *out);

#endif
