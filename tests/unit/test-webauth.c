/*
 * test-webauth.c: who may use the web pages.  Passwords (argon2id),
 * personal-link tokens, and sessions through web_handle on a real
 * SQLite file: signing in sets a cookie the next request is known by,
 * a form without the session's CSRF token changes nothing, a wrong
 * password locks the account after five tries, and revoking a contact's
 * links ends the sessions they opened.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "ack.h"
#include "config.h"
#include "password.h"
#include "store.h"
#include "store-web.h"
#include "web.h"
#include "weblink.h"
#include "websess.h"

#define KEY	"0123456789abcdef0123456789abcdef"
#define NOW	1800000000

static char dbpath[64];
static struct store *st;
static struct config conf;
static int64_t contact_id;

static int
setup(void **state)
{
	struct contact_row c;
	char err[256];
	int64_t ag;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/nv-test-webauth.XXXXXX");
	if ((fd = mkstemp(dbpath)) == -1)
		return -1;
	close(fd);
	if ((st = store_open(dbpath, 0, err, sizeof(err))) == NULL)
		return -1;
	memset(&conf, 0, sizeof(conf));
	conf.public_url = (char *)"https://nhacviec.example.gov.vn";
	conf.ack_key = (char *)KEY;
	if (store_agency_add(st, "SNV", "Sở Nội vụ", NULL, NULL, 0, NOW,
	    &ag) == -1)
		return -1;
	memset(&c, 0, sizeof(c));
	c.agency_id = ag;
	c.name = "Giám đốc";
	c.role = "head";
	c.phone = "+84912345678";
	c.active = 1;
	return store_contact_add(st, &c, NOW, &contact_id);
}

static int
teardown(void **state)
{
	char p[80];

	store_close(st);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	/* The providers' tokens, kept apart (store-tokens.c). */
	snprintf(p, sizeof(p), "%s.tokens", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tokens-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tokens-shm", dbpath);
	unlink(p);
	return 0;
}

/* One request and its answer. */
struct hdrs {
	const char	*cookie;
	const char	*origin;
};

struct answer {
	int		 code;
	char		 cookie[160];	/* "nv_session=..." as set */
	char		 location[128];
	char		*body;
};

static const char *
get_header(const void *arg, const char *name)
{
	const struct hdrs *h = arg;

	if (strcasecmp(name, "Cookie") == 0)
		return h->cookie;
	if (strcasecmp(name, "Origin") == 0)
		return h->origin;
	if (strcasecmp(name, "Content-Type") == 0)
		return "application/x-www-form-urlencoded";
	return NULL;
}

static void
request(const char *method, const char *path, const char *cookie,
    const char *body, time_t now, struct answer *a)
{
	struct web_ctx ctx;
	struct web_req req;
	struct web_resp resp;
	struct hdrs h = { cookie, "https://nhacviec.example.gov.vn" };
	size_t n;
	char *p, *end;

	memset(&ctx, 0, sizeof(ctx));
	ctx.store = st;
	ctx.conf = &conf;
	ctx.state_dir = "/nonexistent";
	ctx.now = now;
	memset(&req, 0, sizeof(req));
	req.method = method;
	req.path = path;
	req.peer = "192.0.2.7";
	req.header = get_header;
	req.hctx = &h;
	req.body = body != NULL ? body : "";
	req.bodylen = strlen(req.body);
	resp.code = 0;
	resp.hdrs = evbuffer_new();
	resp.body = evbuffer_new();
	web_handle(&ctx, &req, &resp);
	memset(a, 0, sizeof(*a));
	a->code = resp.code;
	n = evbuffer_get_length(resp.hdrs);
	p = (char *)evbuffer_pullup(resp.hdrs, -1);
	for (end = p + n; p < end; p += strlen(p) + 1) {
		const char *name = p;

		p += strlen(p) + 1;
		if (strcmp(name, "Set-Cookie") == 0)
			snprintf(a->cookie, sizeof(a->cookie), "%.*s",
			    (int)strcspn(p, ";"), p);
		else if (strcmp(name, "Location") == 0)
			snprintf(a->location, sizeof(a->location), "%s", p);
	}
	n = evbuffer_get_length(resp.body);
	a->body = malloc(n + 1);
	evbuffer_remove(resp.body, a->body, n);
	a->body[n] = '\0';
	evbuffer_free(resp.hdrs);
	evbuffer_free(resp.body);
}

/* The CSRF token in a page's forms. */
static void
csrf_of(const char *page, char *out, size_t len)
{
	const char *p = strstr(page, "name=\"csrf\" value=\"");

	assert_non_null(p);
	p += strlen("name=\"csrf\" value=\"");
	snprintf(out, len, "%.*s", (int)strcspn(p, "\""), p);
}

static void
add_office(const char *name, const char *pw)
{
	char hash[PASSWORD_HASH_MAX];

	assert_int_equal(password_hash(pw, hash, sizeof(hash)), 0);
	assert_int_equal(store_wuser_add(st, name, WR_OFFICE, 0, hash, NOW,
	    NULL), 0);
}

static void
test_password(void **state)
{
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];

	assert_int_equal(password_hash("mật khẩu của văn phòng", h1,
	    sizeof(h1)), 0);
	assert_int_equal(password_hash("mật khẩu của văn phòng", h2,
	    sizeof(h2)), 0);
	assert_memory_equal(h1, "$argon2id$", 10);
	/* Salted: the same password never hashes the same. */
	assert_string_not_equal(h1, h2);
	assert_int_equal(password_verify(h1, "mật khẩu của văn phòng"), 1);
	assert_int_equal(password_verify(h1, "mật khẩu của văn phòng "), 0);
	assert_int_equal(password_verify("$2y$10$bcrypt", "x"), -1);
	assert_null(password_weak("mười ký tự ok"));
	/* Ten characters, not ten bytes: "mậtkhẩu" is 7 characters. */
	assert_null(password_weak("mậtkhẩuabc"));
	assert_non_null(password_weak("mậtkhẩu"));
	assert_non_null(password_weak("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7"
	    "\xf6\xf5"));
}

static void
test_link_token(void **state)
{
	struct weblink_claim c = { 42, 3, NOW + 86400 }, out;
	struct ack_claim ac;
	char tok[ACK_TOKEN_MAX + 1], url[256];

	assert_int_equal(weblink_token(KEY, &c, tok, sizeof(tok)), 0);
	assert_int_equal(weblink_parse(KEY, tok, NOW, &out), 0);
	assert_int_equal(out.contact_id, 42);
	assert_int_equal(out.version, 3);
	assert_int_equal(weblink_parse(KEY, tok, NOW + 86400, &out), -2);
	assert_int_equal(weblink_parse("another key of thirty-two bytes!",
	    tok, NOW, &out), -1);
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	assert_int_equal(weblink_parse(KEY, tok, NOW, &out), -1);
	/* An ack token is not a link, nor a link an ack token. */
	memset(&ac, 0, sizeof(ac));
	snprintf(ac.ack_code, sizeof(ac.ack_code), "K7QX2M");
	ac.contact_id = 42;
	ac.expires = NOW + 86400;
	assert_int_equal(ack_token_make(KEY, &ac, tok, sizeof(tok)), 0);
	assert_int_equal(weblink_parse(KEY, tok, NOW, &out), -1);
	assert_int_equal(weblink_token(KEY, &c, tok, sizeof(tok)), 0);
	assert_int_not_equal(ack_token_parse(KEY, tok, NOW, &ac), 0);
	assert_non_null(weblink_url("https://x.example/", KEY, &c, url,
	    sizeof(url)));
	assert_memory_equal(url, "https://x.example/w/l/", 22);
}

static void
test_same_origin(void **state)
{
	const char *pu = "https://nhacviec.example.gov.vn/base";

	assert_true(web_same_origin(pu, "same-origin", NULL, NULL));
	assert_false(web_same_origin(pu, "cross-site",
	    "https://nhacviec.example.gov.vn", NULL));
	assert_true(web_same_origin(pu, NULL,
	    "https://nhacviec.example.gov.vn", NULL));
	assert_false(web_same_origin(pu, NULL,
	    "https://nhacviec.example.gov.vn.evil.example", NULL));
	assert_true(web_same_origin(NULL, NULL, "http://127.0.0.1:8080",
	    "127.0.0.1:8080"));
	assert_false(web_same_origin(NULL, NULL, "http://evil.example",
	    "127.0.0.1:8080"));
}

static void
test_sign_in_and_csrf(void **state)
{
	struct answer a, home;
	char cookie[160], csrf[64], body[128];

	add_office("lan", "mật khẩu của văn phòng");
	request("GET", "/w/", NULL, NULL, NOW, &a);
	assert_int_equal(a.code, 303);
	assert_string_equal(a.location, "/w/login");
	free(a.body);

	request("POST", "/w/login", NULL, "name=lan&password=sai+r%E1%BB%93i",
	    NOW, &a);
	assert_int_equal(a.code, 401);
	assert_string_equal(a.cookie, "");
	free(a.body);

	request("POST", "/w/login", NULL, "name=lan&password=m%E1%BA%ADt+"
	    "kh%E1%BA%A9u+c%E1%BB%A7a+v%C4%83n+ph%C3%B2ng", NOW, &a);
	assert_int_equal(a.code, 303);
	assert_memory_equal(a.cookie, "nv_session=", 11);
	snprintf(cookie, sizeof(cookie), "%s", a.cookie);
	free(a.body);

	request("GET", "/w/", cookie, NULL, NOW + 10, &home);
	assert_int_equal(home.code, 200);
	assert_non_null(strstr(home.body, "<span class=\"who\">lan</span>"));
	csrf_of(home.body, csrf, sizeof(csrf));
	free(home.body);

	/* A forged cookie is nobody; a form without the token, refused. */
	request("GET", "/w/", "nv_session=00000000000000000000000000000000"
	    "00000000000000000000000000000000", NULL, NOW + 10, &a);
	assert_int_equal(a.code, 303);
	free(a.body);
	request("POST", "/w/logout", cookie, "csrf=00", NOW + 20, &a);
	assert_int_equal(a.code, 403);
	free(a.body);
	request("GET", "/w/", cookie, NULL, NOW + 30, &a);
	assert_int_equal(a.code, 200);
	free(a.body);

	snprintf(body, sizeof(body), "csrf=%s", csrf);
	request("POST", "/w/logout", cookie, body, NOW + 40, &a);
	assert_int_equal(a.code, 303);
	free(a.body);
	request("GET", "/w/", cookie, NULL, NOW + 50, &a);
	assert_int_equal(a.code, 303);
	free(a.body);

	/* Expired after a working day. */
	request("POST", "/w/login", NULL, "name=lan&password=m%E1%BA%ADt+"
	    "kh%E1%BA%A9u+c%E1%BB%A7a+v%C4%83n+ph%C3%B2ng", NOW, &a);
	snprintf(cookie, sizeof(cookie), "%s", a.cookie);
	free(a.body);
	request("GET", "/w/", cookie, NULL, NOW + WEB_SESSION_SECS, &a);
	assert_int_equal(a.code, 303);
	free(a.body);
}

static void
test_lockout(void **state)
{
	struct answer a;
	int i;

	add_office("hoa", "mật khẩu của văn phòng");
	/* Later seconds: the checks a second are bounded too. */
	for (i = 0; i < 5; i++) {
		request("POST", "/w/login", NULL, "name=hoa&password=sai+roi+nhe",
		    NOW + 100 + i, &a);
		assert_int_equal(a.code, 401);
		free(a.body);
	}
	/* Locked: the right password is refused too, and reads the same. */
	request("POST", "/w/login", NULL, "name=hoa&password=m%E1%BA%ADt+"
	    "kh%E1%BA%A9u+c%E1%BB%A7a+v%C4%83n+ph%C3%B2ng", NOW + 110, &a);
	assert_int_equal(a.code, 401);
	free(a.body);
	/* Until the lock ends; other addresses would count separately. */
	request("POST", "/w/login", NULL, "name=hoa&password=m%E1%BA%ADt+"
	    "kh%E1%BA%A9u+c%E1%BB%A7a+v%C4%83n+ph%C3%B2ng", NOW + 110 + 15 * 60,
	    &a);
	assert_int_equal(a.code, 303);
	free(a.body);
}

static void
test_link_session_revoked(void **state)
{
	struct weblink_claim c;
	struct answer a;
	char tok[ACK_TOKEN_MAX + 1], path[160], cookie[160];
	int64_t v;

	assert_int_equal(store_link_version(st, contact_id, &v), 1);
	c.contact_id = contact_id;
	c.version = v;
	c.expires = NOW + 86400;
	assert_int_equal(weblink_token(KEY, &c, tok, sizeof(tok)), 0);
	snprintf(path, sizeof(path), "/w/l/%s", tok);

	/* GET shows whose link it is and opens nothing (link previews). */
	request("GET", path, NULL, NULL, NOW, &a);
	assert_int_equal(a.code, 200);
	assert_string_equal(a.cookie, "");
	assert_non_null(strstr(a.body, "Giám đốc"));
	free(a.body);

	request("POST", path, NULL, "csrf=", NOW, &a);
	assert_int_equal(a.code, 303);
	snprintf(cookie, sizeof(cookie), "%s", a.cookie);
	free(a.body);
	request("GET", "/w/", cookie, NULL, NOW + 5, &a);
	assert_int_equal(a.code, 200);
	assert_non_null(strstr(a.body, "Nhiệm vụ của đơn vị"));
	free(a.body);

	/* The office's pages are not an agency's. */
	request("GET", "/w/login", cookie, NULL, NOW + 6, &a);
	assert_int_equal(a.code, 303);
	free(a.body);

	assert_int_equal(store_link_bump(st, contact_id), 1);
	request("GET", "/w/", cookie, NULL, NOW + 10, &a);
	assert_int_equal(a.code, 303);
	free(a.body);
	request("POST", path, NULL, "csrf=", NOW + 10, &a);
	assert_int_equal(a.code, 403);
	assert_string_equal(a.cookie, "");
	free(a.body);

	/* Expired, but genuine: said so. */
	c.version = v + 1;
	c.expires = NOW + 60;
	assert_int_equal(weblink_token(KEY, &c, tok, sizeof(tok)), 0);
	snprintf(path, sizeof(path), "/w/l/%s", tok);
	request("GET", path, NULL, NULL, NOW + 61, &a);
	assert_int_equal(a.code, 410);
	free(a.body);
}

static void
test_routes(void **state)
{
	struct answer a;

	request("GET", "/w/nowhere", NULL, NULL, NOW, &a);
	assert_int_equal(a.code, 404);
	free(a.body);
	request("POST", "/w/", NULL, "", NOW, &a);
	assert_int_equal(a.code, 405);
	free(a.body);
	request("GET", "/w/s.css", NULL, NULL, NOW, &a);
	assert_int_equal(a.code, 200);
	free(a.body);
	/* Nothing but stylesheets and forms of this site. */
	request("GET", "/w/login", NULL, NULL, NOW, &a);
	assert_int_equal(a.code, 200);
	assert_null(strstr(a.body, "<script"));
	assert_null(strstr(a.body, "style="));
	free(a.body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_link_token),
		cmocka_unit_test(test_same_origin),
		cmocka_unit_test_setup_teardown(test_sign_in_and_csrf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_session_revoked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_routes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
