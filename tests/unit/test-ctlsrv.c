/*
 * test-ctlsrv.c: the control listeners' server (ctlsrv.c) on a unix
 * socket in one process: a request the check at the head refuses gets
 * that status and never reaches the handler, one it takes reaches it
 * whole, a method not taken is 405, and the caps follow the descriptor
 * limit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "ctlsrv.h"
#include "pubmsg.h"
#include "pubparse.h"

struct seen {
	int	 heads;
	int	 served;
	char	 body[64];
};

static int
head(void *arg, const char *peer, struct pubparse *pp)
{
	struct seen *s = arg;
	const char *h = pubparse_header(pp, "authorization");

	s->heads++;
	return h != NULL && strcmp(h, "Bearer good") == 0 ? 0 : 401;
}

static void
serve(void *arg, const struct pubmsg_req *req, struct pubresp *resp)
{
	struct seen *s = arg;

	s->served++;
	snprintf(s->body, sizeof(s->body), "%.*s", (int)req->bodylen,
	    req->body);
	pubresp_set(resp, 200, "OK", "text/plain", "ok\n", 3);
}

/* Sends REQ to the server at PATH and returns the status it answers. */
static int
ask(struct event_base *base, const char *path, const char *req)
{
	struct sockaddr_un sun;
	char buf[512];
	ssize_t n;
	int fd, code = 0, i;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_not_equal(fd, -1);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (i = 0; i < 200 && code == 0; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		if ((n = read(fd, buf, sizeof(buf) - 1)) > 12) {
			buf[n] = '\0';
			sscanf(buf, "HTTP/1.1 %d", &code);
		} else
			usleep(5000);
	}
	close(fd);
	return code;
}

static void
test_head_and_serve(void **state)
{
	struct event_base *base = event_base_new();
	struct ctlsrv_conf conf;
	struct sockaddr_un sun;
	struct ctlsrv *srv;
	struct seen seen;
	char path[64], err[256];
	int fd;

	memset(&seen, 0, sizeof(seen));
	snprintf(path, sizeof(path), "/tmp/nv-test-ctlsrv.%d", (int)getpid());
	unlink(path);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(fd, 8), 0);
	memset(&conf, 0, sizeof(conf));
	conf.what = "test";
	conf.local = 1;
	conf.header_timeout = conf.body_timeout = 5;
	conf.max_headers = 4096;
	conf.max_body = 1024;
	conf.methods = PUBPARSE_M(HTTP_GET) | PUBPARSE_M(HTTP_POST);
	conf.head = head;
	conf.serve = serve;
	conf.arg = &seen;
	srv = ctlsrv_new(base, fd, &conf, err, sizeof(err));
	assert_non_null(srv);

	/* Refused at the head: 401 with the body never handed on. */
	assert_int_equal(ask(base, path, "POST /v1/plans HTTP/1.1\r\n"
	    "Authorization: Bearer bad\r\nContent-Length: 1000000\r\n\r\n"
	    "{\"x\":1}"), 401);
	assert_int_equal(seen.heads, 1);
	assert_int_equal(seen.served, 0);
	/* Taken: the body arrives whole. */
	assert_int_equal(ask(base, path, "POST /v1/plans HTTP/1.1\r\n"
	    "Authorization: Bearer good\r\nContent-Length: 7\r\n\r\n"
	    "{\"x\":1}"), 200);
	assert_int_equal(seen.served, 1);
	assert_string_equal(seen.body, "{\"x\":1}");
	/* Past the bound: 413 once the head is taken. */
	assert_int_equal(ask(base, path, "POST /v1/plans HTTP/1.1\r\n"
	    "Authorization: Bearer good\r\nContent-Length: 2000\r\n\r\n"), 413);
	assert_int_equal(ask(base, path, "PATCH /v1/tasks/1 HTTP/1.1\r\n"
	    "Authorization: Bearer good\r\nContent-Length: 2\r\n\r\n{}"), 405);
	assert_int_equal(seen.served, 1);
	ctlsrv_free(srv);
	event_base_free(base);
	unlink(path);
}

static void
test_cap(void **state)
{
	/* A quarter of what the reserve of 64 leaves: 240 at 1,024. */
	assert_int_equal(ctlsrv_cap(1024), 240);
	assert_int_equal(ctlsrv_cap(4096), 1008);
	assert_int_equal(ctlsrv_cap(10), 4);
	assert_int_equal(ctlsrv_cap(1L << 30), 100000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_head_and_serve),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
