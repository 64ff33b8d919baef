/*
 * pubparse.c: reading one request for the public listener's child, and
 * for the control listeners in the main process (ctlsrv.c), with
 * http-parser (pubparse.h).  The library does the HTTP; this file keeps
 * what the main process needs, and refuses as soon as a bound is passed
 * rather than after buffering it: a long URL or header is 431 (414 for
 * the URL), a long body 413 as soon as Content-Length says so, a method
 * not taken (GET, HEAD and POST unless told otherwise) 405, anything the
 * parser rejects 400, and whatever the caller's check at the end of the
 * headers refuses (a missing token: 401) before any of the body is read.
 * Header names are lower-cased, and one the main process would read
 * twice (Content-Length, Host...) is kept as the parser saw it.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>

#include "log.h"
#include "pubparse.h"

static int
fail(struct pubparse *p, int status)
{
	p->state = PP_ERROR;
	p->status = status;
	return -1;
}

static int
on_url(http_parser *hp, const char *at, size_t len)
{
	struct pubparse *p = hp->data;

	if (len >= sizeof(p->url) - p->urllen)
		return fail(p, 414);
	memcpy(p->url + p->urllen, at, len);
	p->urllen += len;
	p->url[p->urllen] = '\0';
	return 0;
}

/* Stores the header just read, if any. */
static int
flush_header(struct pubparse *p)
{
	size_t i;

	if (p->namelen == 0)
		return 0;
	if (p->nhdr == PUBMSG_MAX_HEADERS)
		return fail(p, 431);
	for (i = 0; i < p->namelen; i++)
		p->name[i] = (char)tolower((unsigned char)p->name[i]);
	p->name[p->namelen] = '\0';
	p->value[p->valuelen] = '\0';
	/* http-parser has refused CR, LF and NUL already; check anyway. */
	if (!pubmsg_header_ok(p->name, p->value) ||
	    memchr(p->value, '\0', p->valuelen) != NULL)
		return fail(p, 400);
	if (strcmp(p->name, "expect") == 0) {
		if (strcasecmp(p->value, "100-continue") != 0)
			return fail(p, 417);
		p->expect_continue = 1;
	}
	evbuffer_add(p->hdrs, p->name, p->namelen + 1);
	evbuffer_add(p->hdrs, p->value, p->valuelen + 1);
	p->nhdr++;
	p->namelen = p->valuelen = 0;
	p->in_value = 0;
	return 0;
}

static int
count(struct pubparse *p, size_t len)
{
	p->hdrbytes += len;
	return p->hdrbytes > p->max_headers ? fail(p, 431) : 0;
}

static int
on_field(http_parser *hp, const char *at, size_t len)
{
	struct pubparse *p = hp->data;

	if (p->in_value && flush_header(p) == -1)
		return -1;
	if (count(p, len) == -1)
		return -1;
	if (len >= sizeof(p->name) - p->namelen)
		return fail(p, 431);
	memcpy(p->name + p->namelen, at, len);
	p->namelen += len;
	return 0;
}

static int
on_value(http_parser *hp, const char *at, size_t len)
{
	struct pubparse *p = hp->data;

	p->in_value = 1;
	if (count(p, len) == -1)
		return -1;
	if (len >= sizeof(p->value) - p->valuelen)
		return fail(p, 431);
	memcpy(p->value + p->valuelen, at, len);
	p->valuelen += len;
	return 0;
}

static int
on_headers(http_parser *hp)
{
	struct pubparse *p = hp->data;
	const char *m;
	int status;

	if (flush_header(p) == -1)
		return -1;
	if (hp->method >= 32 || (p->methods & PUBPARSE_M(hp->method)) == 0)
		return fail(p, 405);
	if (p->urllen == 0 || p->url[0] != '/' ||
	    strpbrk(p->url, " \r\n") != NULL)
		return fail(p, 400);
	/*
	 * Here, and not later: no byte of the body has been taken yet, and
	 * a client the check refuses learns nothing more (not even 413).
	 */
	if (p->head_fn != NULL && (status = p->head_fn(p, p->head_arg)) != 0)
		return fail(p, status);
	if ((hp->flags & F_CONTENTLENGTH) && hp->content_length > p->max_body)
		return fail(p, 413);
	m = http_method_str((enum http_method)hp->method);
	snprintf(p->method, sizeof(p->method), "%s", m);
	if (hp->upgrade)
		return fail(p, 400);
	return 0;
}

static int
on_body(http_parser *hp, const char *at, size_t len)
{
	struct pubparse *p = hp->data;

	if (evbuffer_get_length(p->body) + len > p->max_body)
		return fail(p, 413);
	evbuffer_add(p->body, at, len);
	return 0;
}

static int
on_complete(http_parser *hp)
{
	struct pubparse *p = hp->data;

	p->state = PP_DONE;
	/* One request per connection: stop here. */
	http_parser_pause(hp, 1);
	return 0;
}

static const http_parser_settings settings = {
	.on_url = on_url,
	.on_header_field = on_field,
	.on_header_value = on_value,
	.on_headers_complete = on_headers,
	.on_body = on_body,
	.on_message_complete = on_complete,
};

void
pubparse_init(struct pubparse *p, size_t max_headers, size_t max_body)
{
	memset(p, 0, sizeof(*p));
	http_parser_init(&p->hp, HTTP_REQUEST);
	p->hp.data = p;
	p->max_headers = max_headers;
	p->max_body = max_body;
	p->methods = PUBPARSE_PUBLIC;
	p->state = PP_MORE;
	if ((p->hdrs = evbuffer_new()) == NULL ||
	    (p->body = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
}

void
pubparse_free(struct pubparse *p)
{
	if (p->hdrs != NULL)
		evbuffer_free(p->hdrs);
	if (p->body != NULL)
		evbuffer_free(p->body);
	p->hdrs = p->body = NULL;
}

void
pubparse_methods(struct pubparse *p, unsigned methods)
{
	p->methods = methods;
}

void
pubparse_on_head(struct pubparse *p, pubparse_head_fn fn, void *arg)
{
	p->head_fn = fn;
	p->head_arg = arg;
}

const char *
pubparse_header(struct pubparse *p, const char *name)
{
	size_t len = evbuffer_get_length(p->hdrs), n;
	const char *s = (const char *)evbuffer_pullup(p->hdrs, -1), *end;

	if (s == NULL)
		return NULL;
	/* Each pair is NAME NUL VALUE NUL, as flush_header() stored it. */
	for (end = s + len; s < end; s += n + 1) {
		n = strlen(s);
		if (strcmp(s, name) == 0)
			return s + n + 1;
		s += n + 1;
		n = strlen(s);
	}
	return NULL;
}

enum pubparse_state
pubparse_feed(struct pubparse *p, const char *buf, size_t len)
{
	size_t n;

	if (p->state == PP_DONE || p->state == PP_ERROR)
		return p->state;
	n = http_parser_execute(&p->hp, &settings, buf, len);
	if (p->state == PP_ERROR || p->state == PP_DONE)
		return p->state;
	if (HTTP_PARSER_ERRNO(&p->hp) != HPE_OK || n != len) {
		fail(p, 400);
		return p->state;
	}
	if (!p->headers_done && p->method[0] != '\0') {
		p->headers_done = 1;
		return PP_HEADERS;
	}
	return PP_MORE;
}

void
pubparse_encode(struct pubparse *p, const char *peer, uint32_t id,
    struct evbuffer *out)
{
	size_t hl = evbuffer_get_length(p->hdrs), bl =
	    evbuffer_get_length(p->body);
	size_t len = strlen(p->method) + 1 + strlen(peer) + 1 + p->urllen + 1 +
	    hl + 1 + bl;

	pubmsg_frame(out, PUBMSG_REQ, id, len);
	evbuffer_add(out, p->method, strlen(p->method) + 1);
	evbuffer_add(out, peer, strlen(peer) + 1);
	evbuffer_add(out, p->url, p->urllen + 1);
	evbuffer_add_buffer(out, p->hdrs);
	evbuffer_add(out, "", 1);
	evbuffer_add_buffer(out, p->body);
}
