/*
 * test-pubparse.c: the listeners' request reader (pubparse.c) and the
 * frames between the public listener's process and the main one
 * (pubmsg.c): each bound answered with its status, a request split
 * anywhere read the same, the check at the end of the headers refusing
 * before any of the body is taken, and frames that decode back to what
 * was sent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "pubmsg.h"
#include "pubparse.h"

#define H	(16 * 1024)
#define B	(16 * 1024)

static enum pubparse_state
feed_all(struct pubparse *p, const char *s, size_t step)
{
	enum pubparse_state st = PP_MORE;
	size_t i, n = strlen(s);

	for (i = 0; i < n && (st == PP_MORE || st == PP_HEADERS); i += step)
		st = pubparse_feed(p, s + i, n - i < step ? n - i : step);
	return st;
}

static int
status_of(const char *req)
{
	struct pubparse p;
	int st;

	pubparse_init(&p, H, B);
	st = feed_all(&p, req, 4096) == PP_ERROR ? p.status : 0;
	pubparse_free(&p);
	return st;
}

static void
test_bounds(void **state)
{
	char *big;

	assert_int_equal(status_of("PUT /a/x HTTP/1.1\r\nHost: x\r\n\r\n"),
	    405);
	assert_int_equal(status_of("POST /cb/x/y HTTP/1.1\r\n"
	    "Content-Length: 20000\r\n\r\n"), 413);
	assert_int_equal(status_of("GET http://evil/ HTTP/1.1\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\n\r\n"), 400);
	assert_int_equal(status_of("\x16\x03\x01 garbage\r\n\r\n"), 400);
	big = malloc(20000);
	memset(big, 'a', 19999);
	big[19999] = '\0';
	memcpy(big, "GET /", 5);
	assert_int_equal(status_of(big), 414);
	snprintf(big, 20000, "GET / HTTP/1.1\r\nX-A: %0*d\r\n\r\n", 17000, 0);
	assert_int_equal(status_of(big), 431);
	free(big);
}

/* One request, split at every size, reads the same; the rest is left. */
static void
test_split(void **state)
{
	const char *req = "POST /cb/speed/SECRET?x=1 HTTP/1.1\r\n"
	    "Host: nv.example\r\nX-Twilio-Signature: abc\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
	    "GET /second HTTP/1.1\r\n\r\n";
	struct pubparse p;
	struct evbuffer *out;
	struct pubmsg_req r;
	uint32_t type, id;
	size_t step, len;
	char *buf;

	for (step = 1; step < 64; step++) {
		pubparse_init(&p, H, B);
		assert_int_equal(feed_all(&p, req, step), PP_DONE);
		assert_string_equal(p.method, "POST");
		assert_string_equal(p.url, "/cb/speed/SECRET?x=1");
		out = evbuffer_new();
		pubparse_encode(&p, "198.51.100.7", 42, out);
		assert_int_equal(pubmsg_peek(out, &type, &id, &len), 1);
		assert_int_equal(type, PUBMSG_REQ);
		assert_int_equal(id, 42);
		evbuffer_drain(out, PUBMSG_HDRLEN);
		buf = malloc(len + 1);
		evbuffer_remove(out, buf, len);
		buf[len] = '\0';
		assert_int_equal(pubmsg_req_decode(buf, len, &r), 0);
		assert_string_equal(r.peer, "198.51.100.7");
		assert_string_equal(pubmsg_req_header(&r, "X-Twilio-Signature"),
		    "abc");
		assert_int_equal(r.bodylen, 11);
		assert_memory_equal(r.body, "hello world", 11);
		free(buf);
		evbuffer_free(out);
		pubparse_free(&p);
	}
}

static void
test_expect(void **state)
{
	struct pubparse p;

	pubparse_init(&p, H, B);
	assert_int_equal(feed_all(&p, "POST /cb/x/y HTTP/1.1\r\n"
	    "Content-Length: 3\r\nExpect: 100-continue\r\n\r\n", 4096),
	    PP_HEADERS);
	assert_int_equal(p.expect_continue, 1);
	assert_int_equal(pubparse_feed(&p, "abc", 3), PP_DONE);
	pubparse_free(&p);
	assert_int_equal(status_of("POST / HTTP/1.1\r\nExpect: x\r\n"
	    "Content-Length: 1\r\n\r\n"), 417);
}

/* Answers: what the child would write is only what was meant. */
static void
test_resp(void **state)
{
	struct pubresp r;
	struct pubmsg_resp d;
	struct evbuffer *out = evbuffer_new();
	uint32_t type, id;
	size_t len;
	char *buf, bad[16] = "503\0x\r\ny\0\0";

	pubresp_init(&r);
	pubresp_set(&r, 200, "OK", "text/plain", "ok\n", 3);
	pubresp_header(&r, "ETag", "\"abc\"");
	/* Refused here, never sent: it would split the answer. */
	pubresp_header(&r, "X-Evil", "a\r\nSet-Cookie: x=1");
	pubresp_encode(&r, 9, out);
	pubresp_clear(&r);
	assert_int_equal(pubmsg_peek(out, &type, &id, &len), 1);
	assert_int_equal(type, PUBMSG_RESP);
	evbuffer_drain(out, PUBMSG_HDRLEN);
	buf = malloc(len + 1);
	evbuffer_remove(out, buf, len);
	buf[len] = '\0';
	assert_int_equal(pubmsg_resp_decode(buf, len, &d), 0);
	assert_int_equal(d.code, 200);
	assert_int_equal(d.nhdr, 2);
	assert_string_equal(d.hdr[1].name, "ETag");
	assert_int_equal(d.bodylen, 3);
	free(buf);
	evbuffer_free(out);
	/* A reason with CR LF in a frame is refused by the reader. */
	assert_int_equal(pubmsg_resp_decode(bad, 10, &d), -1);
}

/* The check at the head: sees the headers, refuses before the body. */
static int
need_token(struct pubparse *p, void *arg)
{
	const char *h = pubparse_header(p, "authorization");

	*(int *)arg += 1;
	return h != NULL && strcmp(h, "Bearer good") == 0 ? 0 : 401;
}

static void
test_head_check(void **state)
{
	static const char body[] = "{\"code\":\"x\"}";
	struct pubparse p;
	char req[512];
	int calls = 0;

	snprintf(req, sizeof(req), "POST /v1/plans HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer bad\r\nContent-Length: 1048576\r\n\r\n%s",
	    body);
	pubparse_init(&p, H, B);
	pubparse_on_head(&p, need_token, &calls);
	/* 401 rather than 413: a stranger learns nothing about bounds. */
	assert_int_equal(pubparse_feed(&p, req, strlen(req)), PP_ERROR);
	assert_int_equal(p.status, 401);
	assert_int_equal(calls, 1);
	assert_int_equal(evbuffer_get_length(p.body), 0);
	pubparse_free(&p);

	snprintf(req, sizeof(req), "POST /v1/plans HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer good\r\nContent-Length: %zu\r\n\r\n%s",
	    strlen(body), body);
	pubparse_init(&p, H, B);
	pubparse_on_head(&p, need_token, &calls);
	assert_int_equal(feed_all(&p, req, 7), PP_DONE);
	assert_int_equal(calls, 2);
	assert_int_equal(evbuffer_get_length(p.body), strlen(body));
	assert_string_equal(pubparse_header(&p, "host"), "x");
	assert_null(pubparse_header(&p, "cookie"));
	pubparse_free(&p);
}

/* PATCH only where it is asked for (the admin API). */
static void
test_methods(void **state)
{
	static const char req[] = "PATCH /v1/tasks/1 HTTP/1.1\r\n"
	    "Content-Length: 2\r\n\r\n{}";
	struct pubparse p;

	assert_int_equal(status_of(req), 405);
	pubparse_init(&p, H, B);
	pubparse_methods(&p, PUBPARSE_M(HTTP_GET) | PUBPARSE_M(HTTP_PATCH));
	assert_int_equal(feed_all(&p, req, 4096), PP_DONE);
	assert_string_equal(p.method, "PATCH");
	pubparse_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_resp),
		cmocka_unit_test(test_head_check),
		cmocka_unit_test(test_methods),
	};

	return cmocka_run_group_tests_name("pubparse", tests, NULL, NULL);
}
