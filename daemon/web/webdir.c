/*
 * webdir.c: the office's agency pages: every agency with its tasks and
 * contacts counted, and one agency's tasks (led and cooperated on), its
 * contacts, its calendar feed and the messages to it that failed of
 * late.  The office may send a contact a personal link through the
 * contact's usual channel (through the outbox, core/tell.c) and revoke
 * every link a contact holds.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "ics.h"
#include "store.h"
#include "store-web.h"
#include "store-webdash.h"
#include "tell.h"
#include "tztime.h"
#include "webhtml.h"
#include "weblink.h"
#include "webpages.h"
#include "websess.h"
#include "webtrack.h"

#define FAILURE_DAYS	30	/* how far back "recent failures" look */
#define FAILURE_MAX	20

struct dir {
	struct web_call	*c;
	struct evbuffer	*b;
	int		 n;
	int64_t		 agency_id;
	char		 code[128];
	char		 name[256];
};

static void
agency_row(void *arg, const struct dash_agency *a)
{
	struct dir *d = arg;
	struct evbuffer *b = d->b;
	char seg[400];

	d->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Đơn vị\"><a href=\"/w/"
	    "agencies/");
	web_esc(b, wt_seg(a->code, seg, sizeof(seg)));
	evbuffer_add_printf(b, "\">");
	web_esc(b, a->name);
	evbuffer_add_printf(b, "</a> <span class=\"muted\">");
	web_esc(b, a->code);
	evbuffer_add_printf(b, "</span></td><td data-l=\"Nhóm\">");
	web_esc(b, a->groups != NULL ? a->groups : "");
	evbuffer_add_printf(b, "</td><td class=\"num\" data-l=\"Chủ trì\">"
	    "%lld</td><td class=\"num\" data-l=\"Đang thực hiện\">%lld</td>"
	    "<td class=\"num%s\" data-l=\"Quá hạn\">%lld</td>"
	    "<td class=\"num\" data-l=\"Người nhận tin\">%lld</td></tr>",
	    (long long)a->led, (long long)a->open, a->overdue ? " late" : "",
	    (long long)a->overdue, (long long)a->contacts);
}

static void
db_busy(struct web_call *c)
{
	web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
	    "Cơ sở dữ liệu đang bận; xin thử lại sau ít phút.");
}

void
page_agencies(struct web_call *c)
{
	struct dir d;
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.c = c;
	d.b = b;
	web_page_begin(b, "Đơn vị", c->who);
	evbuffer_add_printf(b, "<h1>Đơn vị</h1><div class=\"wrap\"><table "
	    "class=\"stack\" id=\"agencies\"><thead><tr><th>Đơn vị</th>"
	    "<th>Nhóm</th><th class=\"num\">Nhiệm vụ chủ trì</th>"
	    "<th class=\"num\">Đang thực hiện</th><th class=\"num\">Quá hạn"
	    "</th><th class=\"num\">Người nhận tin</th></tr></thead><tbody>");
	if (store_dash_agencies(c->ctx->store, 0, c->ctx->now, agency_row,
	    &d) == -1) {
		evbuffer_free(b);
		db_busy(c);
		return;
	}
	if (d.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"6\">Danh bạ chưa có "
		    "đơn vị nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}

static void
agency_head(void *arg, const struct dash_agency *a)
{
	struct dir *d = arg;

	snprintf(d->code, sizeof(d->code), "%s", a->code);
	snprintf(d->name, sizeof(d->name), "%s", a->name);
	evbuffer_add_printf(d->b, "<div class=\"stats\">"
	    "<div class=\"stat\"><b>%lld</b>nhiệm vụ chủ trì</div>"
	    "<div class=\"stat wait\"><b>%lld</b>đang thực hiện</div>"
	    "<div class=\"stat late\"><b>%lld</b>quá hạn</div></div>",
	    (long long)a->led, (long long)a->open, (long long)a->overdue);
	if (a->groups != NULL) {
		evbuffer_add_printf(d->b, "<p class=\"muted\">Nhóm: ");
		web_esc(d->b, a->groups);
		evbuffer_add_printf(d->b, "</p>");
	}
}

static void
task_row(void *arg, const struct dash_task *t)
{
	struct dir *d = arg;

	d->n++;
	web_task_row(d->b, t, d->c->ctx->now, 1);
}

static void
contact_row(void *arg, const struct contact_row *r)
{
	struct dir *d = arg;
	struct evbuffer *b = d->b;
	const char *const f[] = { r->phone, r->zalo, r->email, r->telegram };
	const char *const lab[] = { "ĐT", "Zalo", "Email", "Telegram" };
	char action[512], seg[400];
	int i;

	d->n++;
	evbuffer_add_printf(b, "<tr id=\"contact-%lld\"><td data-l=\"Người "
	    "nhận\">", (long long)r->id);
	web_esc(b, r->name);
	evbuffer_add_printf(b, " <span class=\"muted\">(%s%s)</span></td>"
	    "<td data-l=\"Liên lạc\">", strcmp(r->role, "head") == 0 ?
	    "thủ trưởng" : strcmp(r->role, "deputy") == 0 ? "cấp phó" :
	    "đầu mối", r->active ? "" : ", ngừng nhận");
	for (i = 0; i < 4; i++)
		if (f[i] != NULL) {
			evbuffer_add_printf(b, "%s: ", lab[i]);
			web_esc(b, f[i]);
			evbuffer_add_printf(b, "<br>");
		}
	evbuffer_add_printf(b, "</td><td data-l=\"Đường dẫn riêng\">");
	if (d->c->who->role == WR_OFFICE && r->active) {
		snprintf(action, sizeof(action), "/w/agencies/%s/link",
		    wt_seg(d->code, seg, sizeof(seg)));
		web_form_open(b, d->c->who, action, 0);
		evbuffer_add_printf(b, "<input type=\"hidden\" name=\"contact\""
		    " value=\"%lld\"><button class=\"send-link\">Gửi đường dẫn"
		    "</button></form> ", (long long)r->id);
		snprintf(action, sizeof(action), "/w/agencies/%s/revoke",
		    wt_seg(d->code, seg, sizeof(seg)));
		web_form_open(b, d->c->who, action, 0);
		evbuffer_add_printf(b, "<input type=\"hidden\" name=\"contact\""
		    " value=\"%lld\"><button class=\"danger\">Thu hồi"
		    "</button></form>", (long long)r->id);
	}
	evbuffer_add_printf(b, "</td></tr>");
}

static void
failure_row(void *arg, const struct dash_msg *m)
{
	struct dir *d = arg;
	struct evbuffer *b = d->b;

	d->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Lúc\">");
	web_time(b, m->updated_at);
	evbuffer_add_printf(b, "</td><td data-l=\"Nhiệm vụ\"><a href=\"/w/"
	    "tasks/%lld\">", (long long)m->task_id);
	web_esc(b, m->task_title);
	evbuffer_add_printf(b, "</a></td><td data-l=\"Người nhận\">");
	web_esc(b, m->contact);
	evbuffer_add_printf(b, " (");
	web_esc(b, m->provider);
	evbuffer_add_printf(b, ")</td><td data-l=\"Tình trạng\">");
	wt_badge(b, wt_msg_class(m->state), wt_msg_state(m->state));
	if (m->error != NULL) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_esc(b, m->error);
		evbuffer_add_printf(b, "</span>");
	}
	evbuffer_add_printf(b, "</td></tr>");
}

void
page_agency(struct web_call *c)
{
	struct dir d;
	struct evbuffer *b;
	const char *done = web_form_raw(&c->query, "done");
	const struct config *conf = c->ctx->conf;
	struct store *s = c->ctx->store;
	char tok[256];
	int64_t id, parent, v;
	int rc;

	if ((rc = store_agency_get(s, c->seg, &id, &parent)) != 1) {
		if (rc == 0)
			web_message(c->resp, c->who, 404, "Không có đơn vị "
			    "này", "Mã đơn vị không có trong danh bạ.");
		else
			db_busy(c);
		return;
	}
	if ((b = evbuffer_new()) == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.c = c;
	d.b = b;
	d.agency_id = id;
	snprintf(d.code, sizeof(d.code), "%s", c->seg);
	/* The head is drawn after the counts are read: the name is in them. */
	if ((d.b = evbuffer_new()) == NULL) {
		evbuffer_free(b);
		return;
	}
	if (store_dash_agencies(s, id, c->ctx->now, agency_head, &d) == -1)
		goto fail;
	web_page_begin(b, d.name, c->who);
	evbuffer_add_printf(b, "<h1>");
	web_esc(b, d.name);
	evbuffer_add_printf(b, " <span class=\"muted\">");
	web_esc(b, d.code);
	evbuffer_add_printf(b, "</span></h1>");
	if (done != NULL && strcmp(done, "link") == 0)
		evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">Đã đưa "
		    "đường dẫn riêng vào hàng gửi tin; người nhận sẽ nhận qua "
		    "kênh thường dùng.</p>");
	else if (done != NULL && strcmp(done, "revoke") == 0)
		evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">Đã thu "
		    "hồi mọi đường dẫn riêng và phiên của người nhận này.</p>");
	evbuffer_add_buffer(b, d.b);
	evbuffer_free(d.b);
	d.b = b;
	if (conf->public_url != NULL && conf->ack_key != NULL &&
	    store_agency_feed_version(s, d.code, &v) == 1 &&
	    ics_token_make(conf->ack_key, d.code, v, tok, sizeof(tok)) == 0) {
		evbuffer_add_printf(b, "<p>Lịch theo dõi (iCalendar) của đơn "
		    "vị: <code id=\"feed\">");
		web_esc(b, conf->public_url);
		evbuffer_add_printf(b, "/ics/");
		web_esc(b, tok);
		evbuffer_add_printf(b, "</code></p>");
	}
	evbuffer_add_printf(b, "<h2>Nhiệm vụ</h2>");
	web_task_head(b, "tasks");
	d.n = 0;
	if (store_dash_tasks(s, 0, id, task_row, &d) == -1)
		goto fail_b;
	if (d.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Đơn vị chưa có "
		    "nhiệm vụ nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div><h2>Người nhận tin</h2>"
	    "<div class=\"wrap\"><table class=\"stack\" id=\"contacts\">"
	    "<thead><tr><th>Người nhận</th><th>Liên lạc</th>"
	    "<th>Đường dẫn riêng</th></tr></thead><tbody>");
	d.n = 0;
	if (store_contact_list(s, d.code, contact_row, &d) == -1)
		goto fail_b;
	if (d.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"3\">Chưa có người "
		    "nhận tin nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div><h2>Tin gửi lỗi %d "
	    "ngày qua</h2><div class=\"wrap\"><table class=\"stack\" "
	    "id=\"failures\"><thead><tr><th>Lúc</th><th>Nhiệm vụ</th>"
	    "<th>Người nhận</th><th>Tình trạng</th></tr></thead><tbody>",
	    FAILURE_DAYS);
	d.n = 0;
	if (store_dash_failures(s, id, c->ctx->now - FAILURE_DAYS * 86400,
	    FAILURE_MAX, failure_row, &d) == -1)
		goto fail_b;
	if (d.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Không có tin nào "
		    "gửi lỗi.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
	return;
fail:
	evbuffer_free(d.b);
fail_b:
	evbuffer_free(b);
	db_busy(c);
}

struct owner {
	int64_t		 agency_id;
	int		 active;
	int		 found;
};

static void
contact_owner(void *arg, const struct contact_row *r)
{
	struct owner *o = arg;

	o->agency_id = r->agency_id;
	o->active = r->active;
	o->found = 1;
}

/* The contact the form names, checked to belong to the page's agency. */
static int64_t
form_contact(struct web_call *c, int64_t *agency_id, int *active)
{
	struct owner o;
	int64_t contact, parent;

	memset(&o, 0, sizeof(o));
	if (store_agency_get(c->ctx->store, c->seg, agency_id, &parent) != 1 ||
	    (contact = web_form_id(&c->form, "contact", "Người nhận")) == 0 ||
	    store_contact_get(c->ctx->store, contact, contact_owner, &o) ==
	    -1 || !o.found || o.agency_id != *agency_id) {
		web_message(c->resp, c->who, 404, "Không có người nhận này",
		    "Người nhận không thuộc đơn vị này.");
		return 0;
	}
	*active = o.active;
	return contact;
}

static void
back(struct web_call *c, const char *what)
{
	char url[512], seg[400];

	snprintf(url, sizeof(url), "/w/agencies/%s?done=%s",
	    wt_seg(c->seg, seg, sizeof(seg)), what);
	web_redirect(c->resp, url);
}

void
page_agency_link(struct web_call *c)
{
	const struct config *conf = c->ctx->conf;
	struct store *s = c->ctx->store;
	struct weblink_claim cl;
	struct tell_result tr;
	char url[512], text[768], until[32], actor[160], detail[96];
	int64_t agency, contact, occ;
	int active, rc;

	if ((contact = form_contact(c, &agency, &active)) == 0)
		return;
	if (!active || conf->public_url == NULL || conf->ack_key == NULL) {
		web_message(c->resp, c->who, 409, "Không gửi được",
		    !active ? "Người nhận này đã ngừng nhận tin." :
		    "Cấu hình chưa có public_url và ack_key_file nên chưa "
		    "tạo được đường dẫn riêng.");
		return;
	}
	if ((rc = tell_anchor(s, agency, &occ)) != 1) {
		if (rc == 0)
			web_message(c->resp, c->who, 409, "Không gửi được",
			    "Đơn vị chưa chủ trì nhiệm vụ nào: đường dẫn "
			    "chưa có gì để mở.");
		else
			db_busy(c);
		return;
	}
	memset(&cl, 0, sizeof(cl));
	cl.contact_id = contact;
	cl.expires = c->ctx->now + WEBLINK_DAYS * 86400;
	if (store_link_version(s, contact, &cl.version) != 1 ||
	    weblink_url(conf->public_url, conf->ack_key, &cl, url,
	    sizeof(url)) == NULL) {
		db_busy(c);
		return;
	}
	fmt_local_date(cl.expires, until, sizeof(until));
	snprintf(text, sizeof(text), "[Nhắc việc] Đường dẫn riêng để xem và "
	    "báo cáo nhiệm vụ của đơn vị: %s (dùng đến %s, không chuyển "
	    "cho người khác).", url, until);
	snprintf(detail, sizeof(detail), "link issued for %d days to contact "
	    "%lld and sent", WEBLINK_DAYS, (long long)contact);
	if (store_begin(s) == -1)
		goto fail;
	if (tell_agency(s, conf, occ, agency, contact, "personal link", text,
	    c->ctx->now, &tr) != 0 || store_event_by(s, EV_WEB_LINK, 0,
	    websess_actor(c->who, actor, sizeof(actor)), detail,
	    c->ctx->now) == -1) {
		store_rollback(s);
		goto fail;
	}
	if (tr.queued == 0) {
		store_rollback(s);
		web_message(c->resp, c->who, 409, "Không gửi được",
		    "Người nhận không có địa chỉ nào trên các kênh gửi được "
		    "tin thường.");
		return;
	}
	if (store_commit(s) == -1)
		goto fail;
	c->ctx->flags |= WEB_WAKE;
	back(c, "link");
	return;
fail:
	db_busy(c);
}

void
page_agency_revoke(struct web_call *c)
{
	struct store *s = c->ctx->store;
	char actor[160], detail[64];
	int64_t agency, contact;
	int active;

	if ((contact = form_contact(c, &agency, &active)) == 0)
		return;
	snprintf(detail, sizeof(detail), "links of contact %lld revoked",
	    (long long)contact);
	if (store_begin(s) == -1 || store_link_bump(s, contact) == -1 ||
	    store_event_by(s, EV_WEB_LINK, 0, websess_actor(c->who, actor,
	    sizeof(actor)), detail, c->ctx->now) == -1 ||
	    store_commit(s) == -1) {
		store_rollback(s);
		db_busy(c);
		return;
	}
	back(c, "revoke");
}
