/*
 * ackpage.c: the page behind an ack link, /a/TOKEN on the public
 * listener.  GET only shows the task and a "Xác nhận hoàn thành" button:
 * link scanners and chat previews open links, so looking must never
 * confirm.  POST confirms, as the contact the link was sent to, through
 * the same done_mark as every other door, and says so; a second POST
 * says it was already done.  A forged token (403), an expired one (410),
 * a task already closed (409 on POST) each get a page that says what
 * happened, and change nothing.
 *
 * The page is one small document in Vietnamese with its CSS inline and
 * no script, legible on a phone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>

#include "ack.h"
#include "ackpage.h"
#include "clock.h"
#include "config.h"
#include "done.h"
#include "log.h"
#include "nvd.h"
#include "pubmsg.h"
#include "sched.h"
#include "store.h"
#include "tztime.h"
#include "websess.h"
#include "xmalloc.h"

struct ack_ctx {
	int64_t		 occ_id;
	char		*done_by;	/* of the occurrence, if done */
	char		*title;
	char		*plan;
	char		*lead;
	char		*contact;
};

static void
ack_task_cb(void *arg, const struct task_row *t)
{
	struct ack_ctx *a = arg;

	a->title = xstrdup(t->title);
	a->plan = xstrdup(t->plan_code);
	a->lead = xstrdup(t->lead_name);
}

/* store_occ_find leaves out who closed it; the list has it. */
static void
ack_occ_cb(void *arg, const struct occ_row *o)
{
	struct ack_ctx *a = arg;

	if (o->id == a->occ_id && o->done_by != NULL)
		a->done_by = xstrdup(o->done_by);
}

static void
ack_contact_cb(void *arg, const struct contact_row *c)
{
	struct ack_ctx *a = arg;

	a->contact = xstrdup(c->name);
}

/* Text into HTML: the five characters that matter. */
static void
esc(struct evbuffer *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': evbuffer_add(b, "&amp;", 5); break;
		case '<': evbuffer_add(b, "&lt;", 4); break;
		case '>': evbuffer_add(b, "&gt;", 4); break;
		case '"': evbuffer_add(b, "&quot;", 6); break;
		case '\'': evbuffer_add(b, "&#39;", 5); break;
		default: evbuffer_add(b, s, 1); break;
		}
	}
}

static void
page_start(struct evbuffer *b, const char *heading)
{
	evbuffer_add_printf(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">"
	    "<meta name=\"robots\" content=\"noindex\">"
	    "<title>");
	esc(b, heading);
	evbuffer_add_printf(b, " — Nhắc việc</title><style>"
	    "body{font-family:system-ui,sans-serif;margin:0;padding:1.2em;"
	    "background:#f4f6f8;color:#1d2733;line-height:1.5}"
	    "main{max-width:32em;margin:auto;background:#fff;padding:1.2em;"
	    "border-radius:8px;box-shadow:0 1px 3px #0002}"
	    "h1{font-size:1.25em;margin-top:0}"
	    "dt{color:#5b6775;font-size:.9em}dd{margin:0 0 .6em 0}"
	    "button{font-size:1.1em;padding:.7em 1.2em;width:100%%;"
	    "border:0;border-radius:6px;background:#0b6e3f;color:#fff}"
	    ".ok{color:#0b6e3f}.warn{color:#a33}"
	    "</style></head><body><main><h1 id=\"heading\">");
	esc(b, heading);
	evbuffer_add_printf(b, "</h1>");
}

static void
send_page(struct pubresp *resp, int code, const char *reason,
    struct evbuffer *b)
{
	evbuffer_add_printf(b, "</main></body></html>\n");
	resp->code = code;
	resp->reason = reason;
	pubresp_header(resp, "Content-Type", "text/html; charset=utf-8");
	/* The page holds a capability: keep it out of caches and frames. */
	pubresp_header(resp, "Cache-Control", "no-store");
	pubresp_header(resp, "X-Frame-Options", "DENY");
	pubresp_header(resp, "Referrer-Policy", "no-referrer");
	pubresp_header(resp, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
	evbuffer_add_buffer(resp->body, b);
}

static void
simple_page(struct pubresp *req, int code, const char *reason,
    const char *heading, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		fatalx("evbuffer_new failed");
	page_start(b, heading);
	evbuffer_add_printf(b, "<p id=\"message\" class=\"warn\">");
	esc(b, text);
	evbuffer_add_printf(b, "</p>");
	send_page(req, code, reason, b);
	evbuffer_free(b);
}

static void
details(struct evbuffer *b, const struct ack_ctx *a, const struct occ_row *o)
{
	char due[32];

	fmt_local(o->due_at, due, sizeof(due));
	evbuffer_add_printf(b, "<dl><dt>Nhiệm vụ</dt><dd id=\"task\">");
	esc(b, a->title);
	evbuffer_add_printf(b, "</dd><dt>Kế hoạch</dt><dd>");
	esc(b, a->plan);
	evbuffer_add_printf(b, "</dd><dt>Cơ quan chủ trì</dt><dd>");
	esc(b, a->lead);
	evbuffer_add_printf(b, "</dd><dt>Hạn</dt><dd id=\"due\">%s</dd>"
	    "<dt>Mã xác nhận</dt><dd>", due);
	esc(b, o->ack_code);
	evbuffer_add_printf(b, "</dd></dl>");
}

/*
 * Whether a POST comes from the page itself (websess.c judges it as it
 * does for the web pages).  Clients that send neither Sec-Fetch-Site nor
 * Origin (old browsers, curl) are let through: the token is the
 * capability.
 */
static int
same_origin(const struct config *conf, const struct pubmsg_req *r)
{
	return web_same_origin(conf->public_url,
	    pubmsg_req_header(r, "sec-fetch-site"),
	    pubmsg_req_header(r, "origin"), pubmsg_req_header(r, "host"));
}

void
ackpage_handle(struct nvd *d, const struct pubmsg_req *in,
    struct pubresp *req, const char *token)
{
	const struct config *conf = d->conf;
	struct ack_claim c;
	struct ack_ctx a;
	struct occ_row occ;
	struct done_result r;
	struct evbuffer *b;
	int post = strcmp(in->method, "POST") == 0;
	char ack[16], when[32];
	int rc;

	memset(&a, 0, sizeof(a));
	if (conf->ack_key == NULL) {
		simple_page(req, 404, "Not Found", "Không tìm thấy",
		    "Máy chủ này không dùng liên kết xác nhận.");
		return;
	}
	if (post && !same_origin(conf, in)) {
		simple_page(req, 403, "Forbidden", "Không xác nhận được",
		    "Yêu cầu xác nhận này không đến từ trang của liên kết. "
		    "Không có gì thay đổi. Hãy mở lại liên kết và bấm nút.");
		return;
	}
	rc = ack_token_parse(conf->ack_key, token, clock_now(), &c);
	if (rc == -1) {
		log_debug("ack link refused: the token is not ours");
		simple_page(req, 403, "Forbidden", "Liên kết không hợp lệ",
		    "Liên kết này không đúng hoặc đã bị sửa. Không có gì thay "
		    "đổi. Hãy dùng mã xác nhận trong tin nhắn.");
		return;
	}
	if (rc == -2) {
		simple_page(req, 410, "Gone", "Liên kết đã hết hạn",
		    "Liên kết này đã hết hạn. Không có gì thay đổi. Hãy liên "
		    "hệ đơn vị theo dõi hoặc dùng mã xác nhận trong tin nhắn.");
		return;
	}
	if ((rc = store_occ_find(d->store, 0, c.ack_code, &occ, ack,
	    sizeof(ack))) == 1) {
		a.occ_id = occ.id;
		if ((rc = store_task_get(d->store, occ.task_id, ack_task_cb,
		    &a)) != -1)
			rc = store_occ_list(d->store, occ.task_id, ack_occ_cb, &a);
	}
	if (rc != -1 && store_contact_get(d->store, c.contact_id, ack_contact_cb,
	    &a) == -1)
		rc = -1;
	if (rc == -1 || a.title == NULL) {
		simple_page(req, rc == -1 ? 503 : 404, rc == -1 ?
		    "Unavailable" : "Not Found", "Không tìm thấy nhiệm vụ",
		    rc == -1 ? "Máy chủ đang bận, xin thử lại sau ít phút." :
		    "Nhiệm vụ của liên kết này không còn trong hệ thống.");
		goto out;
	}
	if ((b = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	if (post && occ.state == OCC_OPEN) {
		rc = done_mark(d->store, d->conf, 0, c.ack_code, a.contact,
		    "link", NULL, clock_now(), &r);
		if (rc == -1) {
			evbuffer_free(b);
			simple_page(req, 503, "Unavailable", "Chưa ghi được",
			    "Máy chủ chưa ghi được xác nhận. Xin thử lại sau "
			    "ít phút.");
			goto out;
		}
		sched_kick(d->sched);
		log_info("task %lld (ack %s) confirmed done by link, by %s",
		    (long long)r.task_id, r.ack_code, a.contact ? a.contact :
		    "?");
		page_start(b, "Đã xác nhận hoàn thành");
		details(b, &a, &occ);
		evbuffer_add_printf(b, "<p id=\"message\" class=\"ok\">Cảm ơn. "
		    "Nhiệm vụ đã được ghi nhận hoàn thành; các nhắc nhở tiếp "
		    "theo đã được hủy.</p>");
		send_page(req, 200, "OK", b);
	} else if (occ.state != OCC_OPEN) {
		fmt_local(occ.done_at, when, sizeof(when));
		page_start(b, occ.state == OCC_DONE ?
		    "Nhiệm vụ đã hoàn thành" : "Nhiệm vụ đã đóng");
		details(b, &a, &occ);
		evbuffer_add_printf(b, "<p id=\"message\">");
		if (occ.state == OCC_DONE) {
			evbuffer_add_printf(b, "Đã được xác nhận hoàn thành lúc "
			    "%s", when);
			if (a.done_by != NULL) {
				evbuffer_add_printf(b, " bởi ");
				esc(b, a.done_by);
			}
			evbuffer_add_printf(b, ". Không cần làm gì thêm.");
		} else
			evbuffer_add_printf(b, "Nhiệm vụ này đã được hủy hoặc "
			    "thay thế. Không có gì thay đổi.");
		evbuffer_add_printf(b, "</p>");
		/* Looking is fine (200); confirming again is a conflict. */
		send_page(req, post ? 409 : 200,
		    post ? "Conflict" : "OK", b);
	} else {
		page_start(b, "Xác nhận hoàn thành nhiệm vụ");
		details(b, &a, &occ);
		evbuffer_add_printf(b, "<form method=\"post\">"
		    "<button id=\"confirm\" type=\"submit\">Xác nhận hoàn "
		    "thành</button></form><p><small>Chỉ bấm khi nhiệm vụ đã "
		    "hoàn thành. Người xác nhận: ");
		esc(b, a.contact ? a.contact : "?");
		evbuffer_add_printf(b, ".</small></p>");
		send_page(req, 200, "OK", b);
	}
	evbuffer_free(b);
out:
	free(a.done_by);
	free(a.title);
	free(a.plan);
	free(a.lead);
	free(a.contact);
}

/* The page frame, for digestpage.c's list of a digest's tasks. */
void
ackpage_start(struct evbuffer *b, const char *heading)
{
	page_start(b, heading);
}

void
ackpage_send(struct pubresp *resp, int code, const char *reason,
    struct evbuffer *b)
{
	send_page(resp, code, reason, b);
}

void
ackpage_simple(struct pubresp *resp, int code, const char *reason,
    const char *heading, const char *text)
{
	simple_page(resp, code, reason, heading, text);
}

void
ackpage_esc(struct evbuffer *b, const char *s)
{
	esc(b, s);
}
