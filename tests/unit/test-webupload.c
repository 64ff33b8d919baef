/*
 * test-webupload.c: the multipart/form-data reader (webupload.c): the
 * fields and files of a well-formed body as a browser sends it, file
 * names cut to their last segment and read from filename*, and each
 * malformed or oversized body refused with its status and no field or
 * file left behind.
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

#include "webupload.h"

#define CT	"multipart/form-data; boundary=XyZ"

struct t {
	struct web_ctx	 ctx;
	struct web_req	 req;
	struct web_who	 who;
	struct web_resp	 resp;
	struct web_call	 c;
};

static int
parse(struct t *t, const char *ct, const char *body, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->req.method = "POST";
	t->req.path = "/w/import";
	t->req.body = body;
	t->req.bodylen = len;
	t->resp.hdrs = evbuffer_new();
	t->resp.body = evbuffer_new();
	t->c.ctx = &t->ctx;
	t->c.req = &t->req;
	t->c.who = &t->who;
	t->c.resp = &t->resp;
	web_form_init(&t->c.form);
	return web_upload_parse(&t->c, ct);
}

static void
done(struct t *t)
{
	web_form_free(&t->c.form);
	web_upload_free(&t->c);
	evbuffer_free(t->resp.hdrs);
	evbuffer_free(t->resp.body);
}

/* The status BODY (a string) is refused with; 0 if taken. */
static int
refused(const char *ct, const char *body)
{
	struct t t;
	int code = 0;

	if (parse(&t, ct, body, strlen(body)) == -1) {
		code = t.resp.code;
		/* Nothing half-read is left for a page. */
		assert_int_equal(t.c.nfiles, 0);
		assert_null(t.c.files);
		assert_null(web_form_raw(&t.c.form, "csrf"));
	}
	done(&t);
	return code;
}

static void
test_browser(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n"
	    "\r\n"
	    "tok123\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "Kế hoạch\r\nnăm 2026\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"C:\\Users\\x\\kế hoạch.docx\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "PK\x03\x04\r\n--Xy\0bin\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n";
	const struct web_upload *u;
	struct t t;

	assert_int_equal(parse(&t, CT, body, sizeof(body) - 1), 0);
	assert_string_equal(web_form_raw(&t.c.form, "csrf"), "tok123");
	/* A textarea's CRLF arrives as LF. */
	assert_string_equal(web_form_raw(&t.c.form, "title"),
	    "Kế hoạch\nnăm 2026");
	/* The empty file input is no file. */
	assert_int_equal(t.c.nfiles, 1);
	u = web_upload_file(&t.c, "file");
	assert_non_null(u);
	assert_string_equal(u->name, "kế hoạch.docx");
	assert_int_equal(u->len, 14);
	assert_memory_equal(u->data, "PK\x03\x04\r\n--Xy\0bin", 14);
	assert_true(u->data > body && u->data + u->len < body + sizeof(body));
	assert_null(web_upload_file(&t.c, "empty"));
	done(&t);
}

static void
test_boundary(void **state)
{
	static const char body[] =
	    "--a b:c?\r\n"
	    "Content-Disposition: form-data; name=x\r\n"
	    "\r\n"
	    "1\r\n"
	    "--a b:c?--";
	char big[128];
	struct t t;
	int n;

	/* Quoted, with a space and characters a token cannot have. */
	assert_int_equal(parse(&t, "multipart/form-data; charset=utf-8; "
	    "boundary=\"a b:c?\"", body, sizeof(body) - 1), 0);
	assert_string_equal(web_form_raw(&t.c.form, "x"), "1");
	done(&t);
	assert_int_equal(refused("multipart/form-data", "--\r\n"), 400);
	assert_int_equal(refused("multipart/form-data; boundary=", "x"), 400);
	assert_int_equal(refused("multipart/form-data; boundary=\"a \"",
	    "--a \r\n"), 400);
	assert_int_equal(refused("multipart/form-data; boundary=a; "
	    "boundary=b", "--a--"), 400);
	assert_int_equal(refused("multipart/form-data; boundary=\"a\\\"b\"",
	    "--a--"), 400);
	/* 70 characters are the most RFC 2046 allows. */
	n = snprintf(big, sizeof(big), "multipart/form-data; boundary=");
	memset(big + n, 'b', 71);
	big[n + 71] = '\0';
	assert_int_equal(refused(big, "--x--"), 400);
	big[n + 70] = '\0';
	assert_int_equal(refused(big, "--x--"), 400);	/* not its delimiter */
	/* No parts at all is a well-formed, empty form. */
	assert_int_equal(refused(CT, "--XyZ--"), 0);
}

static void
test_malformed(void **state)
{
	/* A preamble. */
	assert_int_equal(refused(CT, "hi\r\n--XyZ--"), 400);
	/* Bare LF instead of CRLF. */
	assert_int_equal(refused(CT, "--XyZ\n"
	    "Content-Disposition: form-data; name=a\n\n1\n--XyZ--"), 400);
	/* No close delimiter. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n1"), 400);
	/* Something after it. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ--\r\nmore"), 400);
	/* No name; not form-data; folded header; bad header. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data\r\n\r\n1\r\n--XyZ--"), 400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: attachment; name=a\r\n\r\n1\r\n--XyZ--"),
	    400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n--XyZ--"),
	    400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Bad Header: x\r\nContent-Disposition: form-data; name=a\r\n"
	    "\r\n1\r\n--XyZ--"), 400);
	/* A transfer encoding we would have to undo. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--XyZ--"), 400);
	/* A field twice (two CSRF tokens: which one?). */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=csrf\r\n\r\na\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=csrf\r\n\r\nb\r\n--XyZ--"),
	    400);
	/* A field that is not UTF-8, or holds a control character. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n\xff\r\n--XyZ--"),
	    400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n\x1b[2J\r\n"
	    "--XyZ--"), 400);
	/* An unclosed quote. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--"),
	    400);
}

static void
test_file_names(void **state)
{
	static const char star[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; filename=\"fallback\"; "
	    "filename*=UTF-8''k%E1%BA%BF%20ho%E1%BA%A1ch.xlsx\r\n"
	    "\r\n"
	    "data\r\n"
	    "--XyZ--\r\n";
	static const char unix[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename=\"../../etc/passwd\"\r\n\r\nx\r\n--XyZ--";
	struct t t;

	assert_int_equal(parse(&t, CT, star, sizeof(star) - 1), 0);
	assert_int_equal(t.c.nfiles, 1);
	assert_string_equal(t.c.files[0].name, "kế hoạch.xlsx");
	assert_string_equal(t.c.files[0].field, "f");
	done(&t);
	/* Unix paths and ../ lose their directories. */
	assert_int_equal(parse(&t, CT, unix, sizeof(unix) - 1), 0);
	assert_string_equal(t.c.files[0].name, "passwd");
	done(&t);
	/* Only a path; a control character; another charset; bad %XX. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; filename=\"a/..\"\r\n\r\n"
	    "x\r\n--XyZ--"), 400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename*=UTF-8''a%0Ab\r\n\r\nx\r\n--XyZ--"), 400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename*=ISO-8859-1''a%E9\r\n\r\nx\r\n--XyZ--"), 400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename*=UTF-8''a%G1\r\n\r\nx\r\n--XyZ--"), 400);
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename*=UTF-8''%FF\r\n\r\nx\r\n--XyZ--"), 400);
	/* Content without a name. */
	assert_int_equal(refused(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=f; filename=\"\"\r\n\r\n"
	    "x\r\n--XyZ--"), 400);
}

static void
test_limits(void **state)
{
	struct evbuffer *b = evbuffer_new();
	char *s;
	int i;

	/* One file more than the bound. */
	for (i = 0; i <= WEB_UPLOAD_MAX_FILES; i++)
		evbuffer_add_printf(b, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=f%d; filename=\"a%d\"\r\n\r\nx\r\n", i, i);
	evbuffer_add_printf(b, "--XyZ--");
	evbuffer_add(b, "", 1);
	s = (char *)evbuffer_pullup(b, -1);
	assert_int_equal(refused(CT, s), 413);
	evbuffer_drain(b, evbuffer_get_length(b));
	/* Too many parts. */
	for (i = 0; i < 40; i++)
		evbuffer_add_printf(b, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=f%d\r\n\r\nx\r\n", i);
	evbuffer_add_printf(b, "--XyZ--");
	evbuffer_add(b, "", 1);
	s = (char *)evbuffer_pullup(b, -1);
	assert_int_equal(refused(CT, s), 413);
	evbuffer_drain(b, evbuffer_get_length(b));
	/* A part's headers beyond their bound. */
	evbuffer_add_printf(b, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n");
	for (i = 0; i < 300; i++)
		evbuffer_add_printf(b, "X-Pad: 0123456789\r\n");
	evbuffer_add_printf(b, "\r\n1\r\n--XyZ--");
	evbuffer_add(b, "", 1);
	s = (char *)evbuffer_pullup(b, -1);
	assert_int_equal(refused(CT, s), 413);
	evbuffer_drain(b, evbuffer_get_length(b));
	/* A field name beyond 63 bytes. */
	evbuffer_add_printf(b, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=%064d\r\n\r\n1\r\n--XyZ--", 0);
	evbuffer_add(b, "", 1);
	s = (char *)evbuffer_pullup(b, -1);
	assert_int_equal(refused(CT, s), 413);
	evbuffer_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_browser),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests_name("webupload", tests, NULL, NULL);
}
