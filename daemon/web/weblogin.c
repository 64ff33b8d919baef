/*
 * weblogin.c: signing in and out, and an agency's personal link.
 *
 * Guessing passwords is bounded three ways: an account is locked for a
 * while after five refusals in a row (kept in the store, so a restart
 * does not reset it); an address that was refused ten times in fifteen
 * minutes is answered 429 without a check; and at most five argon2
 * checks run each second in all, since each costs the loop some 15 ms.
 * Every refusal reads the same, whether the name exists
 * or not, and an unknown name costs what a known one does.
 *
 * A personal link opens nothing by GET: link previews (Zalo, Telegram
 * and mail scanners fetch every link they see) would otherwise sign
 * people in.  The page shows whose link it is and a button; the POST
 * from that page opens the session, and, being same-site, carries the
 * SameSite=Strict cookie on from there.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "log.h"
#include "password.h"
#include "store.h"
#include "store-web.h"
#include "weblink.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"

#define LOCK_AFTER	5		/* refusals in a row */
#define LOCK_SECS	(15 * 60)
#define ADDR_SLOTS	256
#define ADDR_MAX	10		/* refusals per address per window */
#define ADDR_WINDOW	(15 * 60)
#define CHECKS_PER_SEC	5

static struct addr_slot {
	char		 peer[64];
	time_t		 since;
	int		 refused;
} addrs[ADDR_SLOTS];

static time_t	checks_second;
static int	checks;

static struct addr_slot *
addr_slot(const char *peer, time_t now)
{
	struct addr_slot *a, *oldest = &addrs[0];
	int i;

	for (i = 0; i < ADDR_SLOTS; i++) {
		a = &addrs[i];
		if (strcmp(a->peer, peer) == 0) {
			if (now - a->since >= ADDR_WINDOW) {
				a->since = now;
				a->refused = 0;
			}
			return a;
		}
		if (a->since < oldest->since)
			oldest = a;
	}
	snprintf(oldest->peer, sizeof(oldest->peer), "%s", peer);
	oldest->since = now;
	oldest->refused = 0;
	return oldest;
}

static void
login_page(struct web_call *c, int code, const char *error)
{
	struct evbuffer *b = evbuffer_new();
	const char *name = web_form_raw(&c->form, "name");

	if (b == NULL)
		return;
	web_page_begin(b, "Đăng nhập", NULL);
	evbuffer_add_printf(b, "<div class=\"card\"><h1>Đăng nhập</h1>");
	if (error != NULL) {
		evbuffer_add_printf(b, "<p class=\"err\" id=\"error\">");
		web_esc(b, error);
		evbuffer_add_printf(b, "</p>");
	}
	web_form_open(b, NULL, "/w/login", 0);
	evbuffer_add_printf(b, "<label for=\"name\">Tên đăng nhập</label>"
	    "<input id=\"name\" name=\"name\" autocomplete=\"username\" "
	    "required maxlength=\"64\" value=\"");
	web_esc(b, name != NULL ? name : "");
	evbuffer_add_printf(b, "\"><label for=\"password\">Mật khẩu</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<button id=\"login\">Đăng nhập</button></form>"
	    "<p class=\"muted\">Các đơn vị mở trang của mình bằng đường dẫn "
	    "trong tin nhắn nhắc việc, không cần mật khẩu.</p></div>");
	web_page_end(c->resp, b, code);
	evbuffer_free(b);
}

void
page_login_form(struct web_call *c)
{
	if (c->who->role != WR_NONE)
		web_redirect(c->resp, "/w/");
	else
		login_page(c, 200, NULL);
}

struct login_user {
	int		 found;
	int64_t		 id;
	int		 disabled;
	int		 failures;
	time_t		 locked_until;
	char		 hash[PASSWORD_HASH_MAX];
	char		 name[80];
};

static void
login_user_cb(void *arg, const struct wuser_row *u)
{
	struct login_user *l = arg;

	l->found = 1;
	l->id = u->id;
	l->disabled = u->disabled;
	l->failures = u->failures;
	l->locked_until = u->locked_until;
	snprintf(l->hash, sizeof(l->hash), "%s", u->pwhash ? u->pwhash : "");
	snprintf(l->name, sizeof(l->name), "%s", u->name);
}

void
page_login(struct web_call *c)
{
	static const char refused[] = "Tên đăng nhập hoặc mật khẩu không "
	    "đúng, hoặc tài khoản đang tạm khoá vì nhập sai nhiều lần.";
	struct web_ctx *ctx = c->ctx;
	const char *name = web_form_text(&c->form, "name", "Tên đăng nhập",
	    64, 1, 0);
	const char *pw = web_form_raw(&c->form, "password");
	struct addr_slot *a = addr_slot(c->req->peer, ctx->now);
	struct login_user u;
	char detail[160];
	int ok = 0, rc;

	if (name == NULL || pw == NULL || strlen(pw) > PASSWORD_MAX) {
		login_page(c, 400, refused);
		return;
	}
	if (a->refused >= ADDR_MAX) {
		login_page(c, 429, "Đã nhập sai quá nhiều lần từ địa chỉ này. "
		    "Xin thử lại sau 15 phút.");
		return;
	}
	if (checks_second != ctx->now) {
		checks_second = ctx->now;
		checks = 0;
	}
	if (++checks > CHECKS_PER_SEC) {
		login_page(c, 429, "Máy chủ đang bận. Xin thử lại sau giây "
		    "lát.");
		return;
	}
	memset(&u, 0, sizeof(u));
	if (store_wuser_get(ctx->store, name, login_user_cb, &u) == -1) {
		login_page(c, 503, "Máy chủ đang bận. Xin thử lại sau.");
		return;
	}
	if (!u.found || u.disabled || u.hash[0] == '\0' ||
	    u.locked_until > ctx->now)
		password_burn(pw);
	else if ((rc = password_verify(u.hash, pw)) == 1)
		ok = 1;
	else if (rc == -1)
		log_warnx("web: account %s has an unusable password hash",
		    u.name);
	if (!ok) {
		a->refused++;
		if (u.found && u.locked_until <= ctx->now) {
			u.failures++;
			(void)store_wuser_failed(ctx->store, u.id, u.failures,
			    u.failures >= LOCK_AFTER ? ctx->now + LOCK_SECS :
			    0);
		}
		snprintf(detail, sizeof(detail), "name %.64s from %.64s",
		    name, c->req->peer);
		(void)store_event_by(ctx->store, EV_WEB_REFUSED, 0,
		    "web:anonymous", detail, ctx->now);
		login_page(c, 401, refused);
		return;
	}
	/* A new session, never the one the browser came with (fixation). */
	if (c->who->session[0] != '\0')
		(void)store_wsess_del(ctx->store, c->who->session);
	if ((u.failures != 0 && store_wuser_failed(ctx->store, u.id, 0, 0) ==
	    -1) || websess_open(ctx, c->req, c->resp, u.id, 0, 0, c->who) ==
	    -1) {
		login_page(c, 503, "Máy chủ đang bận. Xin thử lại sau.");
		return;
	}
	snprintf(detail, sizeof(detail), "from %.64s", c->req->peer);
	snprintf(u.name, sizeof(u.name), "web:%s", name);
	(void)store_event_by(ctx->store, EV_WEB_LOGIN, 0, u.name, detail,
	    ctx->now);
	web_redirect(c->resp, "/w/");
}

void
page_logout(struct web_call *c)
{
	websess_close(c->ctx, c->resp, c->who);
	web_redirect(c->resp, "/w/login");
}

/*
 * Checks C's link: 0 with CL and L filled, or -1 answered (forged,
 * expired, revoked).
 */
static int
link_check(struct web_call *c, struct weblink_claim *cl,
    struct web_link_contact *l)
{
	const char *key = c->ctx->conf != NULL ? c->ctx->conf->ack_key : NULL;
	int rc;

	memset(l, 0, sizeof(*l));
	if (key == NULL || (rc = weblink_parse(key, c->seg, c->ctx->now,
	    cl)) == -1) {
		web_message(c->resp, NULL, 403, "Đường dẫn không hợp lệ",
		    "Đường dẫn này không đúng. Xin mở đường dẫn trong tin "
		    "nhắn nhắc việc mới nhất.");
		return -1;
	}
	if (rc == -2) {
		/* Expired, not forged: it may ask for a new one. */
		page_link_expired(c, cl);
		return -1;
	}
	if (websess_link_contact(c->ctx, cl, l) != 1) {
		web_message(c->resp, NULL, 403, "Đường dẫn đã bị thu hồi",
		    "Đường dẫn này không còn dùng được. Xin mở đường dẫn "
		    "trong tin nhắn nhắc việc mới nhất.");
		return -1;
	}
	return 0;
}

void
page_link(struct web_call *c)
{
	struct weblink_claim cl;
	struct web_link_contact l;
	struct evbuffer *b;
	char action[256];

	if (link_check(c, &cl, &l) == -1 || (b = evbuffer_new()) == NULL)
		return;
	web_page_begin(b, "Trang của đơn vị", NULL);
	evbuffer_add_printf(b, "<div class=\"card\"><h1>Trang nhắc việc của "
	    "đơn vị</h1><p>Đường dẫn riêng của <b>");
	web_esc(b, l.name);
	evbuffer_add_printf(b, "</b> (");
	web_esc(b, l.agency);
	evbuffer_add_printf(b, "). Mở trang để xem nhiệm vụ, báo cáo tiến "
	    "độ, báo hoàn thành hoặc xin gia hạn.</p>");
	snprintf(action, sizeof(action), "/w/l/%s", c->seg);
	web_form_open(b, c->who, action, 0);
	evbuffer_add_printf(b, "<button id=\"open\">Mở trang của đơn vị"
	    "</button></form><p class=\"muted\">Đường dẫn này là của riêng "
	    "người nhận; xin đừng chuyển cho người khác.</p></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}

void
page_link_open(struct web_call *c)
{
	struct weblink_claim cl;
	struct web_link_contact l;
	char actor[48];

	if (link_check(c, &cl, &l) == -1)
		return;
	if (c->who->session[0] != '\0')
		(void)store_wsess_del(c->ctx->store, c->who->session);
	if (websess_open(c->ctx, c->req, c->resp, 0, cl.contact_id,
	    cl.version, c->who) == -1) {
		web_message(c->resp, NULL, 503, "Máy chủ đang bận",
		    "Xin thử lại sau giây lát.");
		return;
	}
	snprintf(actor, sizeof(actor), "contact:%lld",
	    (long long)cl.contact_id);
	(void)store_event_by(c->ctx->store, EV_WEB_LINK, 0, actor,
	    "personal link opened", c->ctx->now);
	web_redirect(c->resp, "/w/");
}
