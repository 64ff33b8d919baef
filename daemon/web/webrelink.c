/*
 * webrelink.c: a new personal link on request.  A contact whose link has
 * expired (genuine, of the current version, only old) is shown a button
 * that sends a fresh one through the contact's usual channel: a
 * message in the outbox (core's tell.c) like a reminder, sent, retried
 * and fallen back by the loop.  At most one a day per contact, so the
 * button cannot be made to flood anyone's phone; a link that is
 * forged or revoked gets no button at all.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "log.h"
#include "store.h"
#include "store-wagency.h"
#include "store-web.h"
#include "tell.h"
#include "tztime.h"
#include "weblink.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"

#define RELINK_EVERY	86400
#define RELINK_DETAIL	"link sent on request"

/*
 * Whether the expired claim CL may have a new link: its version is the
 * contact's and the contact is active.  1 yes (L filled), 0 no, -1.
 */
static int
relink_ok(struct web_ctx *ctx, const struct weblink_claim *cl,
    struct web_link_contact *l)
{
	memset(l, 0, sizeof(*l));
	if (ctx->conf == NULL || ctx->conf->public_url == NULL)
		return 0;
	return websess_link_contact(ctx, cl, l);
}

void
page_link_expired(struct web_call *c, const struct weblink_claim *cl)
{
	struct web_link_contact l;
	struct evbuffer *b;
	char action[300];

	if (relink_ok(c->ctx, cl, &l) != 1) {
		web_message(c->resp, NULL, 410, "Đường dẫn đã hết hạn",
		    "Đường dẫn này đã hết hạn. Xin mở đường dẫn trong tin "
		    "nhắn nhắc việc mới nhất, hoặc liên hệ văn phòng theo "
		    "dõi.");
		return;
	}
	if ((b = evbuffer_new()) == NULL)
		return;
	web_page_begin(b, "Đường dẫn đã hết hạn", NULL);
	evbuffer_add_printf(b, "<div class=\"card\"><h1>Đường dẫn đã hết hạn"
	    "</h1><p>Đường dẫn riêng của <b>");
	web_esc(b, l.name);
	evbuffer_add_printf(b, "</b> (");
	web_esc(b, l.agency);
	evbuffer_add_printf(b, ") đã hết hạn. Có thể nhận đường dẫn mới qua "
	    "kênh nhắc việc thường dùng (tin nhắn, Zalo, thư).</p>");
	snprintf(action, sizeof(action), "/w/l/%s/new", c->seg);
	web_form_open(b, c->who, action, 0);
	evbuffer_add_printf(b, "<button id=\"relink\">Gửi cho tôi đường dẫn "
	    "mới</button></form><p class=\"muted\">Mỗi ngày gửi được một "
	    "lần.</p></div>");
	web_page_end(c->resp, b, 410);
	evbuffer_free(b);
}

/*
 * Queues the new link for CL's contact: 1 sent, 0 no channel reaches
 * the contact, 2 its agency has no deadline a message could hang on,
 * -1 a store error.
 */
static int
relink_send(struct web_call *c, const struct weblink_claim *cl,
    const struct web_link_contact *l)
{
	struct web_ctx *ctx = c->ctx;
	struct weblink_claim fresh;
	struct tell_result tr;
	char url[512], text[700], actor[48];
	int64_t occ = 0;
	int rc;

	fresh = *cl;
	fresh.expires = ctx->now + WEBLINK_DAYS * 86400;
	if (weblink_url(ctx->conf->public_url, ctx->conf->ack_key, &fresh,
	    url, sizeof(url)) == NULL)
		return -1;
	/* Every message hangs on a deadline: one of the agency's. */
	if ((rc = tell_anchor(ctx->store, l->agency_id, &occ)) != 1)
		return rc == 0 ? 2 : -1;
	snprintf(text, sizeof(text), "[Nhắc việc] Đường dẫn mới vào trang "
	    "nhiệm vụ của %s (dùng trong %d ngày): %s", l->agency,
	    WEBLINK_DAYS, url);
	snprintf(actor, sizeof(actor), "contact:%lld",
	    (long long)cl->contact_id);
	if (store_begin(ctx->store) == -1)
		return -1;
	if (tell_agency(ctx->store, ctx->conf, occ, l->agency_id,
	    cl->contact_id, "personal link", text, ctx->now, &tr) != 0)
		goto fail;
	if (tr.queued == 0) {
		store_rollback(ctx->store);
		return 0;
	}
	if (store_event_by(ctx->store, EV_WEB_LINK, 0, actor, RELINK_DETAIL,
	    ctx->now) == -1 || store_commit(ctx->store) == -1)
		goto fail;
	ctx->flags |= WEB_WAKE;
	return 1;
fail:
	store_rollback(ctx->store);
	return -1;
}

void
page_link_renew(struct web_call *c)
{
	const char *key = c->ctx->conf != NULL ? c->ctx->conf->ack_key : NULL;
	struct weblink_claim cl;
	struct web_link_contact l;
	char actor[48], when[40], text[300], back[300];
	time_t last = 0;
	int rc;

	memset(&cl, 0, sizeof(cl));
	if (key == NULL || (rc = weblink_parse(key, c->seg, c->ctx->now,
	    &cl)) == -1) {
		web_message(c->resp, NULL, 403, "Đường dẫn không hợp lệ",
		    "Đường dẫn này không đúng. Xin mở đường dẫn trong tin "
		    "nhắn nhắc việc mới nhất.");
		return;
	}
	if (rc == 0) {
		/* Still valid: nothing to renew, open it. */
		snprintf(back, sizeof(back), "/w/l/%s", c->seg);
		web_redirect(c->resp, back);
		return;
	}
	if ((rc = relink_ok(c->ctx, &cl, &l)) != 1) {
		web_message(c->resp, NULL, rc == -1 ? 503 : 403, rc == -1 ?
		    "Máy chủ đang bận" : "Đường dẫn đã bị thu hồi", rc == -1 ?
		    "Xin thử lại sau giây lát." : "Đường dẫn này không còn "
		    "dùng được. Xin liên hệ văn phòng theo dõi.");
		return;
	}
	snprintf(actor, sizeof(actor), "contact:%lld",
	    (long long)cl.contact_id);
	if ((rc = store_event_last_by(c->ctx->store, EV_WEB_LINK, actor,
	    RELINK_DETAIL, &last)) == -1)
		goto busy;
	if (rc == 1 && c->ctx->now - last < RELINK_EVERY) {
		fmt_local(last, when, sizeof(when));
		snprintf(text, sizeof(text), "Đường dẫn mới đã được gửi lúc "
		    "%s; xin xem tin nhắn nhắc việc. Mỗi ngày chỉ gửi một "
		    "lần.", when);
		web_message(c->resp, NULL, 429, "Đã gửi đường dẫn mới", text);
		return;
	}
	if ((rc = relink_send(c, &cl, &l)) == -1)
		goto busy;
	if (rc == 0 || rc == 2) {
		web_message(c->resp, NULL, 409, "Chưa gửi được", rc == 0 ?
		    "Chưa có kênh nào gửi được đường dẫn mới cho người này. "
		    "Xin liên hệ văn phòng theo dõi." : "Đơn vị chưa có nhiệm "
		    "vụ nào trong kế hoạch nên chưa gửi được tin. Xin liên hệ "
		    "văn phòng theo dõi.");
		return;
	}
	log_info("web: a new personal link queued for contact %lld on "
	    "request", (long long)cl.contact_id);
	web_message(c->resp, NULL, 200, "Đã gửi đường dẫn mới",
	    "Đường dẫn mới đang được gửi qua kênh nhắc việc thường dùng. "
	    "Xin mở đường dẫn trong tin nhắn đó.");
	return;
busy:
	log_warnx("web: new link for contact %lld: %s",
	    (long long)cl.contact_id, store_error(c->ctx->store));
	web_message(c->resp, NULL, 503, "Máy chủ đang bận",
	    "Chưa gửi được đường dẫn mới. Xin thử lại sau ít phút.");
}
