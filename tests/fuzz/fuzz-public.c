/*
 * fuzz-public.c: libFuzzer target for what the public listener's child
 * reads from the network (pubparse.c, over http-parser) and for the
 * frames the two processes exchange (pubmsg.c).  Besides not crashing,
 * it checks the bounds: a request taken is within every limit, and the
 * frame it becomes decodes back to the same method, URL and body.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "pubmsg.h"
#include "pubparse.h"

#define MAX_HEADERS	(16 * 1024)
#define MAX_BODY	(16 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_request(struct pubparse *p)
{
	struct evbuffer *out = evbuffer_new();
	struct pubmsg_req r;
	uint32_t type, id;
	size_t len, bodylen = evbuffer_get_length(p->body);
	char method[8], url[PUBPARSE_MAX_URL], *buf;

	if (bodylen > MAX_BODY || p->hdrbytes > MAX_HEADERS ||
	    p->nhdr > PUBMSG_MAX_HEADERS || p->urllen >= PUBPARSE_MAX_URL)
		abort();
	snprintf(method, sizeof(method), "%s", p->method);
	memcpy(url, p->url, p->urllen + 1);
	pubparse_encode(p, "192.0.2.1", 7, out);
	if (pubmsg_peek(out, &type, &id, &len) != 1 || type != PUBMSG_REQ ||
	    id != 7 || len > PUBMSG_MAX_REQ)
		abort();
	evbuffer_drain(out, PUBMSG_HDRLEN);
	buf = malloc(len + 1);
	evbuffer_remove(out, buf, len);
	buf[len] = '\0';
	if (pubmsg_req_decode(buf, len, &r) == -1 ||
	    strcmp(r.method, method) != 0 || strcmp(r.url, url) != 0 ||
	    strcmp(r.peer, "192.0.2.1") != 0 || r.bodylen != bodylen)
		abort();
	free(buf);
	evbuffer_free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pubparse p;
	struct pubmsg_req rq;
	struct pubmsg_resp rs;
	enum pubparse_state st = PP_MORE;
	size_t i, step;
	char *copy;

	/* The same bytes as the network might split them: in pieces. */
	pubparse_init(&p, MAX_HEADERS, MAX_BODY);
	step = size > 0 ? 1 + data[0] % 64 : 1;
	for (i = 0; i < size && (st == PP_MORE || st == PP_HEADERS);
	    i += step)
		st = pubparse_feed(&p, (const char *)data + i,
		    size - i < step ? size - i : step);
	if (st == PP_ERROR && (p.status < 400 || p.status > 499))
		abort();
	if (st == PP_DONE)
		check_request(&p);
	pubparse_free(&p);

	/* The same bytes as a frame's payload, from either side. */
	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (pubmsg_req_decode(copy, size, &rq) == 0) {
		if (rq.url[0] != '/' || strpbrk(rq.url, "\r\n ") != NULL)
			abort();
		for (i = 0; i < (size_t)rq.nhdr; i++)
			if (!pubmsg_header_ok(rq.hdr[i].name, rq.hdr[i].value))
				abort();
	}
	memcpy(copy, data, size);
	if (pubmsg_resp_decode(copy, size, &rs) == 0) {
		if (rs.code < 100 || rs.code > 999 ||
		    strpbrk(rs.reason, "\r\n") != NULL)
			abort();
		for (i = 0; i < (size_t)rs.nhdr; i++)
			if (!pubmsg_header_ok(rs.hdr[i].name, rs.hdr[i].value))
				abort();
	}
	free(copy);
	return 0;
}
