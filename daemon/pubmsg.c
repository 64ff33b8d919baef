/*
 * pubmsg.c: framing and decoding of the messages between the public
 * listener's child and the main process (pubmsg.h).  Decoding is strict:
 * every string must end inside the payload, header names must be tokens,
 * values must hold no CR or LF, and a response's code must be three
 * digits, so that neither side can be made to write something it did
 * not mean to.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>

#include "log.h"
#include "pubmsg.h"

void
pubmsg_frame(struct evbuffer *b, uint32_t type, uint32_t id, size_t len)
{
	uint32_t h[3];

	h[0] = (uint32_t)len;
	h[1] = type;
	h[2] = id;
	evbuffer_add(b, h, sizeof(h));
}

/*
 * Looks at the frame at the head of B: 1 with its fields set when the
 * whole frame is there, 0 when more is needed, -1 when the header is
 * not one of ours (too long, unknown type).
 */
int
pubmsg_peek(struct evbuffer *b, uint32_t *type, uint32_t *id, size_t *len)
{
	uint32_t h[3];

	if (evbuffer_get_length(b) < PUBMSG_HDRLEN)
		return 0;
	evbuffer_copyout(b, h, sizeof(h));
	if ((h[1] != PUBMSG_REQ || h[0] > PUBMSG_MAX_REQ) &&
	    (h[1] != PUBMSG_RESP || h[0] > PUBMSG_MAX_RESP))
		return -1;
	*len = h[0];
	*type = h[1];
	*id = h[2];
	return evbuffer_get_length(b) - PUBMSG_HDRLEN >= *len ? 1 : 0;
}

/* The next NUL-terminated string at *P before END, or NULL. */
static const char *
next(char **p, char *end)
{
	char *s = *p, *z;

	if (s >= end || (z = memchr(s, '\0', (size_t)(end - s))) == NULL)
		return NULL;
	*p = z + 1;
	return s;
}

static int
is_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("!#$%&'*+-.^_`|~",
		    *s) == NULL)
			return 0;
	return 1;
}

int
pubmsg_header_ok(const char *name, const char *value)
{
	return is_token(name) && strpbrk(value, "\r\n") == NULL;
}

static int
headers(char **p, char *end, struct pubmsg_kv *kv, int *n)
{
	const char *name, *value;

	*n = 0;
	for (;;) {
		if ((name = next(p, end)) == NULL)
			return -1;
		if (*name == '\0')
			return 0;
		if ((value = next(p, end)) == NULL || *n == PUBMSG_MAX_HEADERS ||
		    !pubmsg_header_ok(name, value))
			return -1;
		kv[*n].name = name;
		kv[(*n)++].value = value;
	}
}

int
pubmsg_req_decode(char *payload, size_t len, struct pubmsg_req *r)
{
	char *p = payload, *end = payload + len;

	memset(r, 0, sizeof(*r));
	if ((r->method = next(&p, end)) == NULL || !is_token(r->method) ||
	    (r->peer = next(&p, end)) == NULL ||
	    (r->url = next(&p, end)) == NULL || r->url[0] != '/' ||
	    strpbrk(r->url, " \r\n") != NULL ||
	    headers(&p, end, r->hdr, &r->nhdr) == -1)
		return -1;
	r->body = p;
	r->bodylen = (size_t)(end - p);
	return 0;
}

int
pubmsg_resp_decode(char *payload, size_t len, struct pubmsg_resp *r)
{
	char *p = payload, *end = payload + len;
	const char *code;

	memset(r, 0, sizeof(*r));
	if ((code = next(&p, end)) == NULL || strlen(code) != 3 ||
	    strspn(code, "0123456789") != 3 || code[0] < '1' ||
	    (r->reason = next(&p, end)) == NULL ||
	    strpbrk(r->reason, "\r\n") != NULL ||
	    headers(&p, end, r->hdr, &r->nhdr) == -1)
		return -1;
	r->code = atoi(code);
	r->body = p;
	r->bodylen = (size_t)(end - p);
	return 0;
}

const char *
pubmsg_req_header(const struct pubmsg_req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nhdr; i++)
		if (strcasecmp(r->hdr[i].name, name) == 0)
			return r->hdr[i].value;
	return NULL;
}

void
pubresp_init(struct pubresp *r)
{
	memset(r, 0, sizeof(*r));
	r->code = 500;
	r->reason = "Internal Server Error";
	if ((r->hdrs = evbuffer_new()) == NULL ||
	    (r->body = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
}

void
pubresp_clear(struct pubresp *r)
{
	if (r->hdrs != NULL)
		evbuffer_free(r->hdrs);
	if (r->body != NULL)
		evbuffer_free(r->body);
	r->hdrs = r->body = NULL;
}

/* A header the child would refuse is a bug here: it is dropped, logged. */
void
pubresp_header(struct pubresp *r, const char *name, const char *value)
{
	if (!pubmsg_header_ok(name, value)) {
		log_warnx("public: header %s dropped: it would split the "
		    "answer", name);
		return;
	}
	evbuffer_add(r->hdrs, name, strlen(name) + 1);
	evbuffer_add(r->hdrs, value, strlen(value) + 1);
}

void
pubresp_set(struct pubresp *r, int code, const char *reason,
    const char *type, const char *body, size_t len)
{
	r->code = code;
	r->reason = reason;
	pubresp_header(r, "Content-Type", type);
	evbuffer_drain(r->body, evbuffer_get_length(r->body));
	evbuffer_add(r->body, body, len);
}

void
pubresp_encode(struct pubresp *r, uint32_t id, struct evbuffer *out)
{
	char code[8];
	size_t len;

	snprintf(code, sizeof(code), "%03d", r->code);
	len = strlen(code) + 1 + strlen(r->reason) + 1 +
	    evbuffer_get_length(r->hdrs) + 1 + evbuffer_get_length(r->body);
	pubmsg_frame(out, PUBMSG_RESP, id, len);
	evbuffer_add(out, code, strlen(code) + 1);
	evbuffer_add(out, r->reason, strlen(r->reason) + 1);
	evbuffer_add_buffer(out, r->hdrs);
	evbuffer_add(out, "", 1);
	evbuffer_add_buffer(out, r->body);
}

void
pubresp_http(struct pubresp *r, int head, struct evbuffer *out)
{
	size_t len = evbuffer_get_length(r->hdrs), n;
	const char *s = (const char *)evbuffer_pullup(r->hdrs, -1), *end;

	evbuffer_add_printf(out, "HTTP/1.1 %d %s\r\n", r->code, r->reason);
	/* NAME NUL VALUE NUL, each checked by pubresp_header(). */
	for (end = s + len; s != NULL && s < end; s += n + 1) {
		n = strlen(s);
		evbuffer_add_printf(out, "%s: %s\r\n", s, s + n + 1);
		s += n + 1;
		n = strlen(s);
	}
	evbuffer_add_printf(out, "Content-Length: %zu\r\nConnection: close"
	    "\r\n\r\n", evbuffer_get_length(r->body));
	if (!head)
		evbuffer_add_buffer(out, r->body);
}
