/*
 * websess.c: sessions.  The cookie is 32 random bytes; the store keeps
 * only their SHA-256, with the form token, the expiry and, for a session
 * opened by a personal link, the link version it was opened under, so
 * revoking the contact's links also ends its sessions.  Every request
 * reads its session again: a disabled account or a revoked link stops
 * at the next click, not at the cookie's expiry.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "config.h"
#include "log.h"
#include "store.h"
#include "store-web.h"
#include "weblink.h"
#include "webform.h"
#include "webhtml.h"
#include "websess.h"

#define COOKIE_BYTES	32
/* The last-seen time is written at most this often per session. */
#define SEEN_EVERY	60

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The store's name of cookie VALUE: its digest, in hex. */
static void
digest_of(const char *value, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_Digest(value, strlen(value), md, &n, EVP_sha256(), NULL);
	hex(md, 32, out);
}

/* The session cookie's value in the Cookie header, or 0. */
static int
cookie_value(const char *h, char *out, size_t len)
{
	size_t nl = strlen(WEB_COOKIE), vl;

	while (h != NULL && *h != '\0') {
		h += strspn(h, " \t;");
		if (strncmp(h, WEB_COOKIE, nl) == 0 && h[nl] == '=') {
			h += nl + 1;
			vl = strcspn(h, "; \t");
			if (vl != 2 * COOKIE_BYTES || vl >= len ||
			    strspn(h, "0123456789abcdef") < vl)
				return 0;
			memcpy(out, h, vl);
			out[vl] = '\0';
			return 1;
		}
		h = strchr(h, ';');
	}
	return 0;
}

struct load {
	struct web_ctx	*ctx;
	struct web_who	*who;
	struct wsess_row s;
	char		 csrf[48];
	int		 found;
	int		 ok;
	int64_t		 version;
};

static void
sess_cb(void *arg, const struct wsess_row *r)
{
	struct load *l = arg;

	l->s = *r;
	snprintf(l->csrf, sizeof(l->csrf), "%s", r->csrf);
	l->s.csrf = l->csrf;
	l->found = 1;
}

static void
user_cb(void *arg, const struct wuser_row *u)
{
	struct load *l = arg;

	if (u->disabled)
		return;
	l->who->role = u->role;
	l->who->user_id = u->id;
	l->who->agency_id = u->agency_id;
	snprintf(l->who->name, sizeof(l->who->name), "%s", u->name);
	l->ok = 1;
}

static void
sess_contact_cb(void *arg, const struct contact_row *c)
{
	struct load *l = arg;

	if (!c->active)
		return;
	l->who->role = WR_AGENCY;
	l->who->contact_id = c->id;
	l->who->agency_id = c->agency_id;
	snprintf(l->who->name, sizeof(l->who->name), "%s — %s", c->name,
	    c->agency_code);
	l->ok = 1;
}

/* Fills WHO from the session the store names ID. */
static void
load_id(struct web_ctx *ctx, const char *id, struct web_who *who)
{
	struct load l;
	int rc;

	memset(who, 0, sizeof(*who));
	who->role = WR_NONE;
	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.who = who;
	if (store_wsess_get(ctx->store, id, sess_cb, &l) == -1 || !l.found)
		return;
	if (ctx->now >= l.s.expires_at) {
		(void)store_wsess_del(ctx->store, id);
		return;
	}
	if (l.s.user_id != 0)
		rc = store_wuser_by_id(ctx->store, l.s.user_id, user_cb, &l);
	else if ((rc = store_link_version(ctx->store, l.s.contact_id,
	    &l.version)) == 1 && l.version == l.s.link_version)
		rc = store_contact_get(ctx->store, l.s.contact_id,
		    sess_contact_cb, &l);
	if (rc == -1 || !l.ok) {
		memset(who, 0, sizeof(*who));
		who->role = WR_NONE;
		return;
	}
	snprintf(who->csrf, sizeof(who->csrf), "%s", l.csrf);
	snprintf(who->session, sizeof(who->session), "%s", id);
	if (ctx->now - l.s.seen_at >= SEEN_EVERY)
		(void)store_wsess_seen(ctx->store, id, ctx->now);
}

void
websess_load(struct web_ctx *ctx, const struct web_req *req,
    struct web_who *who)
{
	char value[2 * COOKIE_BYTES + 1], id[65];

	memset(who, 0, sizeof(*who));
	who->role = WR_NONE;
	if (!cookie_value(web_header(req, "Cookie"), value, sizeof(value)))
		return;
	digest_of(value, id);
	load_id(ctx, id, who);
}

/* Whether the cookie must say Secure: the site is reached over TLS. */
static int
secure_site(const struct web_ctx *ctx, const struct web_req *req)
{
	const char *u = ctx->conf != NULL ? ctx->conf->public_url : NULL;

	return req->tls || (u != NULL && strncasecmp(u, "https://", 8) == 0);
}

int
websess_open(struct web_ctx *ctx, const struct web_req *req,
    struct web_resp *resp, int64_t user_id, int64_t contact_id,
    int64_t link_version, struct web_who *who)
{
	unsigned char raw[COOKIE_BYTES], rc[16];
	char value[2 * COOKIE_BYTES + 1], id[65], csrf[33], cookie[256];
	time_t life = user_id != 0 ? WEB_SESSION_SECS : WEB_LINK_SESSION_SECS;

	if (RAND_bytes(raw, sizeof(raw)) != 1 ||
	    RAND_bytes(rc, sizeof(rc)) != 1)
		return -1;
	hex(raw, sizeof(raw), value);
	hex(rc, sizeof(rc), csrf);
	digest_of(value, id);
	OPENSSL_cleanse(raw, sizeof(raw));
	(void)store_wsess_purge(ctx->store, ctx->now);
	if (store_wsess_add(ctx->store, id, user_id, contact_id, link_version,
	    csrf, req->peer, ctx->now, ctx->now + life) == -1)
		return -1;
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/w/; Max-Age=%lld; "
	    "HttpOnly; SameSite=Strict%s", WEB_COOKIE, value, (long long)life,
	    secure_site(ctx, req) ? "; Secure" : "");
	web_resp_header(resp, "Set-Cookie", cookie);
	OPENSSL_cleanse(value, sizeof(value));
	OPENSSL_cleanse(cookie, sizeof(cookie));
	/* Who the next request will be: the page may draw its menu now. */
	load_id(ctx, id, who);
	return 0;
}

void
websess_close(struct web_ctx *ctx, struct web_resp *resp,
    const struct web_who *who)
{
	char cookie[128];

	if (who->session[0] != '\0')
		(void)store_wsess_del(ctx->store, who->session);
	snprintf(cookie, sizeof(cookie), "%s=; Path=/w/; Max-Age=0; "
	    "HttpOnly; SameSite=Strict", WEB_COOKIE);
	web_resp_header(resp, "Set-Cookie", cookie);
}

/*
 * Whether the browser says the form was sent from this site:
 * Sec-Fetch-Site, or else Origin, which must be public_url's or the
 * Host the request came to.  Clients that send neither (old browsers,
 * curl) are judged by the CSRF token alone.
 */
int
web_same_origin(const char *public_url, const char *sfs, const char *origin,
    const char *host)
{
	const char *end, *o;
	size_t n;

	if (sfs != NULL)
		return strcmp(sfs, "same-origin") == 0 ||
		    strcmp(sfs, "none") == 0;
	if (origin == NULL)
		return 1;
	if (public_url != NULL) {
		/* public_url's scheme://host[:port], without its path. */
		end = strstr(public_url, "://");
		end = end != NULL ? strchr(end + 3, '/') : NULL;
		n = end != NULL ? (size_t)(end - public_url) :
		    strlen(public_url);
		if (strlen(origin) == n &&
		    strncasecmp(origin, public_url, n) == 0)
			return 1;
	}
	o = strstr(origin, "://");
	return host != NULL && o != NULL && strcasecmp(o + 3, host) == 0;
}

int
websess_post_ok(struct web_ctx *ctx, const struct web_req *req,
    const struct web_who *who, struct web_form *form, struct web_resp *resp)
{
	const char *t = web_form_raw(form, "csrf");
	size_t n = strlen(who->csrf);

	if (!web_same_origin(ctx->conf != NULL ? ctx->conf->public_url : NULL,
	    web_header(req, "Sec-Fetch-Site"), web_header(req, "Origin"),
	    web_header(req, "Host")))
		goto refuse;
	/* Signing in has no session yet: the origin is the check. */
	if (who->role == WR_NONE)
		return 0;
	if (t != NULL && n > 0 && strlen(t) == n &&
	    CRYPTO_memcmp(t, who->csrf, n) == 0)
		return 0;
refuse:
	web_message(resp, who, 403, "Không được phép",
	    "Biểu mẫu đã cũ hoặc không gửi từ trang này. Xin mở lại trang "
	    "và gửi lại.");
	return -1;
}

const char *
websess_actor(const struct web_who *who, char *buf, size_t len)
{
	if (who->user_id != 0)
		snprintf(buf, len, "web:%s", who->name);
	else if (who->contact_id != 0)
		snprintf(buf, len, "contact:%lld", (long long)who->contact_id);
	else
		snprintf(buf, len, "web:anonymous");
	return buf;
}

struct link_load {
	struct web_link_contact *l;
	int		 found;
};

static void
link_contact_cb(void *arg, const struct contact_row *r)
{
	struct link_load *ll = arg;

	if (!r->active)
		return;
	ll->found = 1;
	ll->l->agency_id = r->agency_id;
	snprintf(ll->l->name, sizeof(ll->l->name), "%s", r->name);
	snprintf(ll->l->agency, sizeof(ll->l->agency), "%s", r->agency_code);
}

int
websess_link_contact(struct web_ctx *ctx, const struct weblink_claim *cl,
    struct web_link_contact *l)
{
	struct link_load ll = { l, 0 };
	int64_t version = 0;
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = store_link_version(ctx->store, cl->contact_id, &version)) !=
	    1)
		return rc;
	if (version != cl->version)
		return 0;
	if (store_contact_get(ctx->store, cl->contact_id, link_contact_cb,
	    &ll) == -1)
		return -1;
	return ll.found;
}
