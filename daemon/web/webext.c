/*
 * webext.c: the agencies' requests for more time, as the office decides
 * them.  Approving moves the deadline exactly as "nhacviec task extend"
 * does (core/extend.c: the policy's deadline rule, the jobs still to
 * come cancelled and planned again); declining keeps it.  Either way
 * the request records who decided, when and why, the audit log says so,
 * and the lead agency's contacts are told through the outbox
 * (core/tell.c), all in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "extend.h"
#include "store.h"
#include "store-web.h"
#include "store-webdash.h"
#include "tell.h"
#include "tztime.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"
#include "webtrack.h"

struct xpage {
	struct web_call	*c;
	struct evbuffer	*b;
	int		 n;
};

static void
db_busy(struct web_call *c)
{
	web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
	    "Cơ sở dữ liệu đang bận; xin thử lại sau ít phút.");
}

static void
ext_row(void *arg, const struct dash_ext *x)
{
	struct xpage *p = arg;
	struct evbuffer *b = p->b;
	char action[80];

	p->n++;
	evbuffer_add_printf(b, "<tr id=\"x%lld\"><td data-l=\"Nhiệm vụ\">"
	    "<a href=\"/w/tasks/%lld\">", (long long)x->id,
	    (long long)x->task_id);
	web_esc(b, x->task_title);
	evbuffer_add_printf(b, "</a><br><span class=\"muted\">");
	web_esc(b, x->lead_name);
	if (x->by != NULL) {
		evbuffer_add_printf(b, " — ");
		web_esc(b, x->by);
	}
	evbuffer_add_printf(b, ", ");
	web_time(b, x->created_at);
	evbuffer_add_printf(b, "</span></td><td data-l=\"Hạn\">");
	web_time(b, x->due_now);
	evbuffer_add_printf(b, " → <b>");
	web_time(b, x->new_due);
	evbuffer_add_printf(b, "</b></td><td data-l=\"Lý do\" "
	    "class=\"body\">");
	web_esc(b, x->reason);
	evbuffer_add_printf(b, "</td><td data-l=\"Quyết định\">");
	if (p->c->who->role == WR_OFFICE) {
		snprintf(action, sizeof(action), "/w/extensions/%lld/approve",
		    (long long)x->id);
		web_form_open(b, p->c->who, action, 0);
		evbuffer_add_printf(b, "<input name=\"note\" maxlength=\"300\" "
		    "placeholder=\"Ghi chú (không bắt buộc)\" "
		    "aria-label=\"Ghi chú khi đồng ý\">"
		    "<button class=\"approve\">Đồng ý</button></form> ");
		snprintf(action, sizeof(action), "/w/extensions/%lld/decline",
		    (long long)x->id);
		web_form_open(b, p->c->who, action, 0);
		evbuffer_add_printf(b, "<input name=\"note\" maxlength=\"300\" "
		    "required placeholder=\"Lý do không đồng ý\" "
		    "aria-label=\"Lý do không đồng ý\">"
		    "<button class=\"danger decline\">Không đồng ý</button>"
		    "</form>");
	} else
		wt_badge(b, "wait", wt_ext_state(x->state));
	evbuffer_add_printf(b, "</td></tr>");
}

void
page_extensions(struct web_call *c)
{
	struct xpage p;
	struct evbuffer *b = evbuffer_new();
	const char *done = web_form_raw(&c->query, "done");

	if (b == NULL)
		return;
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.b = b;
	web_page_begin(b, "Đề nghị gia hạn", c->who);
	evbuffer_add_printf(b, "<h1>Đề nghị gia hạn chờ duyệt</h1>");
	if (done != NULL && strcmp(done, "approve") == 0)
		evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">Đã đồng "
		    "ý gia hạn: hạn đã đổi, lời nhắc được lập lại và đơn vị "
		    "được báo tin.</p>");
	else if (done != NULL && strcmp(done, "decline") == 0)
		evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">Đã "
		    "không đồng ý gia hạn; đơn vị được báo tin.</p>");
	evbuffer_add_printf(b, "<div class=\"wrap\"><table class=\"stack\" "
	    "id=\"pending\"><thead><tr><th>Nhiệm vụ</th><th>Hạn hiện tại → "
	    "hạn xin</th><th>Lý do</th><th>Quyết định</th></tr></thead>"
	    "<tbody>");
	if (store_dash_exts(c->ctx->store, 0, 1, ext_row, &p) == -1) {
		evbuffer_free(b);
		db_busy(c);
		return;
	}
	if (p.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Không có đề nghị "
		    "nào chờ duyệt.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}

struct ext_copy {
	int		 found;
	int64_t		 occ_id, task_id;
	enum ext_state	 state;
	enum occ_state	 occ_state;
	time_t		 new_due;
	char		 ack[16];
	char		 title[512];
};

static void
ext_copy_cb(void *arg, const struct dash_ext *x)
{
	struct ext_copy *e = arg;

	e->found = 1;
	e->occ_id = x->occ_id;
	e->task_id = x->task_id;
	e->state = x->state;
	e->occ_state = x->occ_state;
	e->new_due = x->new_due;
	snprintf(e->ack, sizeof(e->ack), "%s", x->ack_code);
	snprintf(e->title, sizeof(e->title), "%s", x->task_title);
}

/* Decides request C->id: APPROVE or not, with the form's note. */
static void
decide(struct web_call *c, int approve)
{
	struct store *s = c->ctx->store;
	struct extend_result r;
	struct tell_result tr;
	struct ext_copy e;
	const char *note;
	char actor[160], to[32], when[32], err[256], text[1024], detail[600];
	char msg[320];
	int rc;

	if ((note = web_form_text(&c->form, "note", approve ? "Ghi chú" :
	    "Lý do không đồng ý", 300, !approve, 0)) == NULL) {
		web_message(c->resp, c->who, 400, "Chưa làm được",
		    c->form.err);
		return;
	}
	websess_actor(c->who, actor, sizeof(actor));
	memset(&e, 0, sizeof(e));
	if (store_begin(s) == -1)
		goto busy;
	if ((rc = store_dash_ext(s, c->id, ext_copy_cb, &e)) == -1)
		goto rollback;
	if (rc == 0) {
		store_rollback(s);
		web_message(c->resp, c->who, 404, "Không có đề nghị này",
		    "Đề nghị gia hạn không có hoặc đã bị xóa.");
		return;
	}
	if (e.state != EXT_PENDING || e.occ_state != OCC_OPEN) {
		store_rollback(s);
		web_message(c->resp, c->who, 409, "Chưa làm được",
		    e.state != EXT_PENDING ? "Đề nghị này đã được quyết định "
		    "trước đó." : "Kỳ hạn của nhiệm vụ đã đóng (hoàn thành "
		    "hoặc hủy).");
		return;
	}
	if (approve) {
		/* As the CLI is given it: a local date and time. */
		struct tm tm;

		localtime_r(&e.new_due, &tm);
		strftime(to, sizeof(to), "%Y-%m-%d %H:%M", &tm);
		snprintf(detail, sizeof(detail), "request %lld approved%s%s",
		    (long long)c->id, *note ? ": " : "", note);
		rc = occ_extend_by_in(s, c->ctx->conf, e.task_id, e.ack, to,
		    detail, c->who->name, actor, c->ctx->now, &r, err,
		    sizeof(err));
		if (rc == -1) {
			store_rollback(s);
			snprintf(msg, sizeof(msg), "Không đổi được hạn: %s",
			    err);
			web_message(c->resp, c->who, 409, "Chưa làm được",
			    msg);
			return;
		}
		if (rc != 0)
			goto rollback;
		fmt_local(r.to, when, sizeof(when));
		snprintf(text, sizeof(text), "[Nhắc việc] Văn phòng đồng ý gia "
		    "hạn nhiệm vụ \"%s\" đến %s.%s%s", e.title, when,
		    *note ? " Ghi chú: " : "", note);
	} else {
		snprintf(detail, sizeof(detail), "request %lld declined: %s",
		    (long long)c->id, note);
		snprintf(text, sizeof(text), "[Nhắc việc] Văn phòng không đồng "
		    "ý gia hạn nhiệm vụ \"%s\"; hạn giữ nguyên. Lý do: %s",
		    e.title, note);
	}
	if (store_dash_ext_decide(s, c->id, approve ? EXT_APPROVED :
	    EXT_DECLINED, c->who->user_id, note, c->ctx->now) != 0 ||
	    store_event_by(s, approve ? EV_EXT_APPROVED : EV_EXT_DECLINED,
	    e.occ_id, actor, detail, c->ctx->now) == -1 ||
	    tell_agency(s, c->ctx->conf, e.occ_id, 0, 0, "extension decision",
	    text, c->ctx->now, &tr) != 0 || store_commit(s) == -1)
		goto rollback;
	c->ctx->flags |= WEB_WAKE;
	web_redirect(c->resp, approve ? "/w/extensions?done=approve" :
	    "/w/extensions?done=decline");
	return;
rollback:
	store_rollback(s);
busy:
	db_busy(c);
}

void
page_ext_approve(struct web_call *c)
{
	decide(c, 1);
}

void
page_ext_decline(struct web_call *c)
{
	decide(c, 0);
}
