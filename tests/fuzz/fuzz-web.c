/*
 * fuzz-web.c: libFuzzer target for the web pages' front door: web.c's
 * routes, the form and query parser, the session cookie, the CSRF check
 * and sign-in, on a real SQLite file with one office account.  The input
 * is METHOD\nPATH\nQUERY\nCOOKIE\nBODY.  Besides not crashing, every
 * answer must be one of the codes the pages give, carry no header that
 * could split the response, and echo nothing of the input unescaped:
 * no page ever writes "<script" or an "on...=" handler, so finding one
 * means outside text reached the HTML raw.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "config.h"
#include "password.h"
#include "store.h"
#include "store-web.h"
#include "web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store *st;
static struct config conf;

struct hdrs {
	const char	*cookie;
};

static const char *
get_header(const void *arg, const char *name)
{
	const struct hdrs *h = arg;

	if (strcasecmp(name, "Cookie") == 0)
		return h->cookie;
	if (strcasecmp(name, "Content-Type") == 0)
		return "application/x-www-form-urlencoded";
	return NULL;
}

static void
init(void)
{
	char path[64], err[256], hash[PASSWORD_HASH_MAX];
	int fd;

	snprintf(path, sizeof(path), "/tmp/nv-fuzz-web.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	if ((st = store_open(path, 0, err, sizeof(err))) == NULL)
		abort();
	/* The file goes when the fuzzer does; the handle keeps it. */
	unlink(path);
	conf.public_url = (char *)"https://nhacviec.example.gov.vn";
	conf.ack_key = (char *)"0123456789abcdef0123456789abcdef";
	if (password_hash("mật khẩu văn phòng", hash, sizeof(hash)) == -1 ||
	    store_wuser_add(st, "lan", WR_OFFICE, 0, hash, 1, NULL) == -1)
		abort();
}

/* The next line of IN (cut at '\n'), NUL-terminated in place. */
static char *
next_line(char **in)
{
	char *s = *in, *nl;

	if (s == NULL)
		return NULL;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		*in = nl + 1;
	} else
		*in = NULL;
	return s;
}

static void
check(struct web_resp *r)
{
	static const int codes[] = { 200, 303, 400, 401, 403, 404, 405, 409,
	    410, 413, 415, 429, 503 };
	size_t i, n = evbuffer_get_length(r->hdrs), bl;
	char *p, *end, *body;
	int known = 0;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		known |= r->code == codes[i];
	if (!known)
		abort();
	p = (char *)evbuffer_pullup(r->hdrs, -1);
	for (end = p + n; p != NULL && p < end; p += strlen(p) + 1)
		if (strpbrk(p, "\r\n") != NULL)
			abort();
	bl = evbuffer_get_length(r->body);
	body = malloc(bl + 1);
	evbuffer_copyout(r->body, body, bl);
	body[bl] = '\0';
	/* Bodies are text: a NUL would mean bytes copied raw. */
	if (strlen(body) != bl || strcasestr(body, "<script") != NULL ||
	    strcasestr(body, " onerror=") != NULL ||
	    strcasestr(body, " onload=") != NULL)
		abort();
	free(body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "HEAD" };
	struct web_ctx ctx;
	struct web_req req;
	struct web_resp resp;
	struct hdrs h;
	char *buf, *in, *m, *path, *query, *cookie;

	if (st == NULL)
		init();
	if (size > 8192)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	in = buf;
	m = next_line(&in);
	path = next_line(&in);
	query = next_line(&in);
	cookie = next_line(&in);
	if (m == NULL || path == NULL || strncmp(path, "/w/", 3) != 0) {
		free(buf);
		return 0;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.store = st;
	ctx.conf = &conf;
	ctx.state_dir = "/nonexistent";
	ctx.now = 1800000000;
	memset(&req, 0, sizeof(req));
	req.method = methods[(unsigned char)m[0] % 3];
	req.path = path;
	req.query = query != NULL && *query != '\0' ? query : NULL;
	req.peer = "192.0.2.1";
	h.cookie = cookie;
	req.header = get_header;
	req.hctx = &h;
	req.body = in != NULL ? in : "";
	req.bodylen = strlen(req.body);
	resp.code = 0;
	resp.reason = NULL;
	resp.hdrs = evbuffer_new();
	resp.body = evbuffer_new();
	web_handle(&ctx, &req, &resp);
	check(&resp);
	evbuffer_free(resp.hdrs);
	evbuffer_free(resp.body);
	free(buf);
	return 0;
}
