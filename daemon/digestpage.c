/*
 * digestpage.c: the page behind an SMS digest's link, /l/TOKEN on the
 * public listener.  An SMS has room for the counts and the most urgent
 * tasks only; this lists them all, each with its deadline, its ack code
 * and its own ack link (the /a/ page, where confirming takes a button
 * press).  The token is signed for one digest and one contact, and the
 * page only shows: it changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "ack.h"
#include "ackpage.h"
#include "clock.h"
#include "config.h"
#include "digest.h"
#include "digestpage.h"
#include "log.h"
#include "nvd.h"
#include "pubmsg.h"
#include "store.h"
#include "tztime.h"

struct list_ctx {
	const struct config *conf;
	struct evbuffer	*b;
	int64_t		 contact;
	int		 is_digest;	/* the token's message is a digest */
	int		 mine;		/* ... sent to the token's contact */
	int		 n;
	time_t		 now;
	char		 last[16];	/* steps of one task are listed once */
};

static void
digest_cb(void *arg, const struct msg_row *m)
{
	struct list_ctx *l = arg;

	l->is_digest = m->is_digest;
	l->mine = m->contact_id == l->contact;
}

static void
item_cb(void *arg, const struct msg_row *m)
{
	struct list_ctx *l = arg;
	char due[32], phrase[48], url[512];

	if (strcmp(l->last, m->ack_code) == 0)
		return;
	snprintf(l->last, sizeof(l->last), "%s", m->ack_code);
	fmt_local(m->due_at, due, sizeof(due));
	evbuffer_add_printf(l->b, "<li><b>");
	ackpage_esc(l->b, m->task_title);
	evbuffer_add_printf(l->b, "</b><br>Hạn %s, %s. Mã: ", due,
	    digest_due_phrase(m->due_at, l->now, phrase, sizeof(phrase)));
	ackpage_esc(l->b, m->ack_code);
	if (ack_link(l->conf->public_url, l->conf->ack_key,
	    (time_t)l->conf->ack_ttl, m->ack_code, l->contact, m->due_at,
	    l->now, url, sizeof(url)) != NULL) {
		evbuffer_add_printf(l->b, "<br><a href=\"");
		ackpage_esc(l->b, url);
		evbuffer_add_printf(l->b, "\">Xác nhận hoàn thành</a>");
	}
	evbuffer_add_printf(l->b, "</li>");
	l->n++;
}

void
digestpage_handle(struct nvd *d, struct pubresp *req,
    const char *token)
{
	struct list_ctx l;
	int64_t id;
	int rc;

	memset(&l, 0, sizeof(l));
	l.conf = d->conf;
	l.now = clock_now();
	if (d->conf->ack_key == NULL) {
		ackpage_simple(req, 404, "Not Found", "Không tìm thấy",
		    "Máy chủ này không dùng liên kết.");
		return;
	}
	if ((rc = digest_list_token_parse(d->conf->ack_key, token, l.now, &id,
	    &l.contact)) == -1) {
		log_warnx("digest link refused: the token is not ours");
		ackpage_simple(req, 403, "Forbidden", "Liên kết không hợp lệ",
		    "Liên kết này không đúng hoặc đã bị sửa.");
		return;
	}
	if (rc == -2) {
		ackpage_simple(req, 410, "Gone", "Liên kết đã hết hạn",
		    "Liên kết này đã hết hạn. Hãy dùng mã xác nhận trong tin "
		    "nhắn.");
		return;
	}
	if (store_msg_get(d->store, id, digest_cb, &l) == -1) {
		ackpage_simple(req, 503, "Unavailable", "Máy chủ đang bận",
		    "Xin thử lại sau ít phút.");
		return;
	}
	if (!l.is_digest || !l.mine) {
		ackpage_simple(req, 404, "Not Found", "Không tìm thấy",
		    "Danh sách của liên kết này không còn trong hệ thống.");
		return;
	}
	if ((l.b = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	ackpage_start(l.b, "Danh sách nhiệm vụ");
	evbuffer_add_printf(l.b, "<ol id=\"tasks\">");
	if (store_digest_members(d->store, id, item_cb, &l) == -1) {
		evbuffer_free(l.b);
		ackpage_simple(req, 503, "Unavailable", "Máy chủ đang bận",
		    "Xin thử lại sau ít phút.");
		return;
	}
	evbuffer_add_printf(l.b, "</ol><p><small>%d nhiệm vụ. Trả lời tin "
	    "nhắn \"XONG &lt;mã&gt;\" hoặc mở liên kết của từng nhiệm vụ để "
	    "xác nhận hoàn thành.</small></p>", l.n);
	ackpage_send(req, 200, "OK", l.b);
	evbuffer_free(l.b);
}
