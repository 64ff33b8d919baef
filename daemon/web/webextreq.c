/*
 * webextreq.c: an agency asks for more time on a task it leads, at
 * /w/tasks/ID/extension: a reason and a new date, which must come
 * after the current deadline.  The request waits, one at a time per
 * deadline, for the office to approve or decline it on its own pages;
 * the deadline moves only then.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "log.h"
#include "store.h"
#include "store-wagency.h"
#include "store-web.h"
#include "tztime.h"
#include "webagency.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"

#define REASON_MAX	2000
/* A request reaches at most this far from now. */
#define EXT_HORIZON	(366 * 86400)

static void
ext_form(struct web_call *c, const struct wa_task *t, int code,
    const char *error)
{
	struct evbuffer *b = evbuffer_new();
	const char *reason = web_form_raw(&c->form, "reason");
	const char *date = web_form_raw(&c->form, "date");
	char action[64];

	if (b == NULL)
		return;
	web_page_begin(b, "Xin gia hạn", c->who);
	evbuffer_add_printf(b, "<h1>Xin gia hạn</h1>");
	wa_task_head(b, t, c->ctx->now);
	evbuffer_add_printf(b, "<div class=\"card\">");
	if (error != NULL)
		wa_error(b, error);
	snprintf(action, sizeof(action), "/w/tasks/%lld/extension",
	    (long long)t->id);
	web_form_open(b, c->who, action, 0);
	evbuffer_add_printf(b, "<input type=\"hidden\" name=\"occ\" "
	    "value=\"%lld\"><label for=\"date\">Đề nghị hạn mới (ngày/tháng/"
	    "năm)</label><input id=\"date\" name=\"date\" required "
	    "inputmode=\"numeric\" maxlength=\"10\" placeholder=\"dd/mm/yyyy\" "
	    "value=\"", (long long)t->occ);
	web_esc(b, date != NULL ? date : "");
	evbuffer_add_printf(b, "\"><label for=\"reason\">Lý do</label>"
	    "<textarea id=\"reason\" name=\"reason\" required "
	    "maxlength=\"%d\">", REASON_MAX);
	web_esc(b, reason != NULL ? reason : "");
	evbuffer_add_printf(b, "</textarea><p class=\"muted\">Hạn chỉ đổi khi "
	    "văn phòng theo dõi duyệt; đơn vị sẽ nhận tin báo kết quả.</p>"
	    "<button id=\"send\">Gửi đề nghị</button> <a href=\"/w/\">Quay "
	    "lại</a></form></div>");
	web_page_end(c->resp, b, code);
	evbuffer_free(b);
}

/* Whether T's deadline has a request waiting: answered 409 if so. */
static int
ext_waiting(struct web_call *c, const struct wa_task *t)
{
	time_t until = 0;
	char text[200], d[40];
	int rc;

	if ((rc = store_ext_pending(c->ctx->store, t->occ, &until)) == -1) {
		web_message(c->resp, c->who, 503, "Máy chủ đang bận",
		    "Xin thử lại sau giây lát.");
		return 1;
	}
	if (rc == 0)
		return 0;
	fmt_local_date(until, d, sizeof(d));
	snprintf(text, sizeof(text), "Đơn vị đã xin gia hạn hạn này đến %s; "
	    "đề nghị đang chờ văn phòng duyệt.", d);
	web_message(c->resp, c->who, 409, "Đã có đề nghị gia hạn", text);
	return 1;
}

void
page_ext_form(struct web_call *c)
{
	struct wa_task t;

	if (wa_task_load(c, &t) == 0 && !ext_waiting(c, &t))
		ext_form(c, &t, 200, NULL);
}

void
page_ext(struct web_call *c)
{
	struct store *s = c->ctx->store;
	const char *reason, *date;
	char actor[160], detail[300], d[40];
	struct wa_task t;
	struct tm tm;
	time_t to;
	int y, m, day, n, rc;
	int64_t id;

	if (wa_task_load(c, &t) == -1 || ext_waiting(c, &t))
		return;
	if ((date = web_form_text(&c->form, "date", "Hạn mới", 10, 1, 0)) ==
	    NULL || (reason = web_form_text(&c->form, "reason", "Lý do",
	    REASON_MAX, 1, 1)) == NULL) {
		ext_form(c, &t, 400, c->form.err);
		return;
	}
	if ((n = parse_date(date, &y, &m, &day)) == 0 || date[n] != '\0') {
		ext_form(c, &t, 400, "Hạn mới phải là một ngày có thật, viết "
		    "ngày/tháng/năm, ví dụ 30/06/2026.");
		return;
	}
	/* The new day, at the hour the deadline has now. */
	localtime_r(&t.due_at, &tm);
	to = local_make(y, m, day, tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec);
	if (local_days_between(t.due_at, to) < 1 || to <= c->ctx->now) {
		fmt_local_date(t.due_at, d, sizeof(d));
		snprintf(detail, sizeof(detail), "Hạn mới phải sau hạn hiện "
		    "tại (%s) và sau hôm nay.", d);
		ext_form(c, &t, 400, detail);
		return;
	}
	if (to - c->ctx->now > EXT_HORIZON) {
		ext_form(c, &t, 400, "Hạn mới xa quá một năm; xin kiểm tra "
		    "lại năm.");
		return;
	}
	websess_actor(c->who, actor, sizeof(actor));
	fmt_local_date(to, d, sizeof(d));
	snprintf(detail, sizeof(detail), "asked until %s: %.200s", d, reason);
	if (store_begin(s) == -1)
		goto busy;
	/* Another tab may have asked meanwhile: checked again, locked. */
	if ((rc = store_ext_pending(s, t.occ, NULL)) != 0) {
		store_rollback(s);
		if (rc == -1)
			goto busy;
		ext_waiting(c, &t);
		return;
	}
	if (store_ext_add(s, t.occ, t.due_at, to, reason, c->who->contact_id,
	    c->who->user_id, c->ctx->now, &id) == -1 ||
	    store_event_by(s, EV_EXT_REQUESTED, t.occ, actor, detail,
	    c->ctx->now) == -1 || store_commit(s) == -1) {
		store_rollback(s);
		goto busy;
	}
	log_info("task %lld: extension %lld until %s asked on the web by %s",
	    (long long)t.id, (long long)id, d, actor);
	web_redirect(c->resp, "/w/?sent=extension");
	return;
busy:
	log_warnx("web: extension on task %lld: %s", (long long)t.id,
	    store_error(s));
	web_message(c->resp, c->who, 503, "Chưa ghi được",
	    "Máy chủ chưa ghi được đề nghị. Xin thử lại sau ít phút.");
}
