/*
 * webagency.c: "Nhiệm vụ của đơn vị", an agency's home page, opened from
 * its personal link (or an agency account): the open deadlines of the
 * tasks it leads, overdue first, each with what it may do about it,
 * then those it cooperates on, to read only.  Also what the agency's
 * other pages share (webagency.h): which task and deadline a page is
 * about, checked against the agency asking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "log.h"
#include "store.h"
#include "store-wagency.h"
#include "tztime.h"
#include "webagency.h"
#include "webhtml.h"
#include "webpages.h"

/* Soon: within this many days a deadline is shown as coming. */
#define SOON_DAYS	7

void
wa_error(struct evbuffer *b, const char *text)
{
	evbuffer_add_printf(b, "<p class=\"err\" id=\"error\">");
	web_esc(b, text);
	evbuffer_add_printf(b, "</p>");
}

void
wa_due_badge(struct evbuffer *b, time_t due, time_t now)
{
	int days;

	if (due < now) {
		/* Late by calendar days; late today says just that. */
		if ((days = local_days_between(due, now)) > 0)
			evbuffer_add_printf(b, "<span class=\"badge late\">"
			    "Quá hạn %d ngày</span>", days);
		else
			evbuffer_add_printf(b, "<span class=\"badge late\">"
			    "Quá hạn</span>");
		return;
	}
	days = local_days_between(now, due);
	if (days == 0)
		evbuffer_add_printf(b, "<span class=\"badge wait\">Hạn hôm nay"
		    "</span>");
	else
		evbuffer_add_printf(b, "<span class=\"badge%s\">Còn %d ngày"
		    "</span>", days <= SOON_DAYS ? " wait" : "", days);
}

struct occ_pick {
	int64_t		 want;		/* 0: the earliest open */
	int64_t		 id;
	time_t		 due_at;
	char		 ack[16];
	int		 closed;	/* WANT is the task's, but not open */
};

static void
occ_cb(void *arg, const struct occ_row *o)
{
	struct occ_pick *p = arg;

	if (p->want != 0 && o->id != p->want)
		return;
	if (o->state != OCC_OPEN) {
		p->closed = p->want != 0;
		return;
	}
	if (p->id != 0)
		return;
	p->id = o->id;
	p->due_at = o->due_at;
	snprintf(p->ack, sizeof(p->ack), "%s", o->ack_code);
}

static void
task_row_cb(void *arg, const struct task_row *r)
{
	struct wa_task *t = arg;

	snprintf(t->title, sizeof(t->title), "%s", r->title);
	snprintf(t->plan, sizeof(t->plan), "%s", r->plan_code);
	snprintf(t->ref, sizeof(t->ref), "%s", r->ref != NULL ? r->ref : "");
}

int
wa_task_load(struct web_call *c, struct wa_task *t)
{
	struct store *s = c->ctx->store;
	struct occ_pick p;
	const char *occ;
	char *end;
	int rc;

	memset(t, 0, sizeof(*t));
	memset(&p, 0, sizeof(p));
	t->id = c->id;
	if (c->who->role != WR_AGENCY || c->who->agency_id == 0)
		rc = WA_NONE;
	else if ((rc = store_wagency_access(s, c->who->agency_id, t->id)) ==
	    -1)
		goto busy;
	/* Only the lead acts; to anyone else the task is not there. */
	if (rc != WA_LEAD) {
		web_message(c->resp, c->who, 404, "Không có nhiệm vụ này",
		    "Nhiệm vụ này không có trong danh sách của đơn vị.");
		return -1;
	}
	t->access = rc;
	occ = web_form_raw(&c->form, "occ");
	if (occ == NULL)
		occ = web_form_raw(&c->query, "occ");
	if (occ != NULL && *occ != '\0') {
		p.want = strtoll(occ, &end, 10);
		if (*end != '\0' || p.want <= 0) {
			web_message(c->resp, c->who, 400, "Không nhận được",
			    "Địa chỉ có tham số không đọc được.");
			return -1;
		}
	}
	if (store_task_get(s, t->id, task_row_cb, t) == -1 ||
	    store_occ_list(s, t->id, occ_cb, &p) == -1)
		goto busy;
	if (p.id == 0) {
		web_message(c->resp, c->who, p.want != 0 && !p.closed ? 404 :
		    409, "Nhiệm vụ đã đóng", p.want != 0 && !p.closed ?
		    "Hạn này không thuộc nhiệm vụ." :
		    "Hạn này của nhiệm vụ đã hoàn thành hoặc đã đóng; không "
		    "còn gì để báo.");
		return -1;
	}
	t->occ = p.id;
	t->due_at = p.due_at;
	snprintf(t->ack, sizeof(t->ack), "%s", p.ack);
	return 0;
busy:
	log_warnx("web: task %lld: %s", (long long)t->id,
	    store_error(s));
	web_message(c->resp, c->who, 503, "Máy chủ đang bận",
	    "Xin thử lại sau giây lát.");
	return -1;
}

void
wa_task_head(struct evbuffer *b, const struct wa_task *t, time_t now)
{
	evbuffer_add_printf(b, "<div class=\"card taskhead\">"
	    "<p class=\"muted\">");
	web_esc(b, t->plan);
	if (t->ref[0] != '\0') {
		evbuffer_add_printf(b, " · mục ");
		web_esc(b, t->ref);
	}
	evbuffer_add_printf(b, "</p><h2 id=\"task\">");
	web_esc(b, t->title);
	evbuffer_add_printf(b, "</h2><p>Hạn: <b>");
	web_time(b, t->due_at);
	evbuffer_add_printf(b, "</b> ");
	wa_due_badge(b, t->due_at, now);
	evbuffer_add_printf(b, " · <a href=\"/w/tasks/%lld\">Xem nhiệm vụ</a>"
	    "</p></div>", (long long)t->id);
}

static void
report_item(void *arg, const struct wreport_row *r)
{
	struct evbuffer *b = arg;
	const char *f, *tab, *nl;
	char name[256], *enc;
	size_t n;

	evbuffer_add_printf(b, "<li><b>%s</b> · ", r->kind == RPT_DONE ?
	    "Báo hoàn thành" : "Tiến độ");
	web_time(b, r->at);
	if (r->by != NULL) {
		evbuffer_add_printf(b, " · ");
		web_esc(b, r->by);
	}
	if (r->doc_number != NULL) {
		evbuffer_add_printf(b, " · số ");
		web_esc(b, r->doc_number);
	}
	evbuffer_add_printf(b, "<div class=\"body\">");
	web_esc(b, r->body);
	evbuffer_add_printf(b, "</div>");
	/* FILES is "NAME\tSHA\n"...: a link to each, as an attachment. */
	for (f = r->files; f != NULL && *f != '\0'; f = nl) {
		tab = strchr(f, '\t');
		nl = strchr(f, '\n');
		nl = nl != NULL ? nl + 1 : f + strlen(f);
		if (tab == NULL || tab > nl || (n = (size_t)(tab - f)) >=
		    sizeof(name))
			continue;
		memcpy(name, f, n);
		name[n] = '\0';
		if ((enc = evhttp_encode_uri(name)) == NULL)
			continue;
		evbuffer_add_printf(b, "<div>Tệp đính kèm: <a href=\""
		    "/w/files/%.64s?name=", tab + 1);
		web_esc(b, enc);
		evbuffer_add_printf(b, "\">");
		web_esc(b, name);
		evbuffer_add_printf(b, "</a></div>");
		free(enc);
	}
	evbuffer_add_printf(b, "</li>");
}

void
wa_reports(struct evbuffer *b, struct store *s, int64_t occ)
{
	struct evbuffer *items = evbuffer_new();

	if (items == NULL)
		return;
	if (store_wreport_list(s, occ, report_item, items) == -1)
		log_warnx("web: reports of deadline %lld: %s", (long long)occ,
		    store_error(s));
	else if (evbuffer_get_length(items) > 0) {
		evbuffer_add_printf(b, "<div class=\"card\"><h2>Báo cáo đã gửi"
		    "</h2><ul class=\"reports\" id=\"reports\">");
		evbuffer_add_buffer(b, items);
		evbuffer_add_printf(b, "</ul></div>");
	}
	evbuffer_free(items);
}

struct home {
	struct evbuffer	*b;
	time_t		 now;
	int		 coop;
	int		 n;
	int		 late;
};

static void
home_row(void *arg, const struct wtask_row *r)
{
	struct home *h = arg;
	struct evbuffer *b = h->b;

	if (h->n++ == 0)
		evbuffer_add_printf(b, "<div class=\"wrap\"><table class=\""
		    "stack tasks\" id=\"%s\"><thead><tr><th>Nhiệm vụ</th>"
		    "<th>Hạn</th><th>Tình trạng</th><th>%s</th></tr>"
		    "</thead><tbody>", h->coop ? "coop" : "lead",
		    h->coop ? "Đơn vị chủ trì" : "Việc cần làm");
	if (r->due_at < h->now)
		h->late++;
	evbuffer_add_printf(b, "<tr%s><td data-l=\"Nhiệm vụ\">"
	    "<a href=\"/w/tasks/%lld\">", r->due_at < h->now ?
	    " class=\"overdue\"" : "", (long long)r->task_id);
	web_esc(b, r->title);
	evbuffer_add_printf(b, "</a><div class=\"muted\">");
	web_esc(b, r->plan_code);
	if (r->ref != NULL) {
		evbuffer_add_printf(b, " · mục ");
		web_esc(b, r->ref);
	}
	evbuffer_add_printf(b, "</div></td><td data-l=\"Hạn\" class=\"when\">");
	web_time(b, r->due_at);
	evbuffer_add_printf(b, "</td><td data-l=\"Tình trạng\">");
	wa_due_badge(b, r->due_at, h->now);
	if (r->ext_due != 0) {
		evbuffer_add_printf(b, "<div class=\"muted\">Đã xin gia hạn "
		    "đến ");
		web_date(b, r->ext_due);
		evbuffer_add_printf(b, ", chờ duyệt</div>");
	}
	if (r->last_report != 0) {
		evbuffer_add_printf(b, "<div class=\"muted\">%d báo cáo, gần "
		    "nhất ", r->nreports);
		web_date(b, r->last_report);
		evbuffer_add_printf(b, "</div>");
	}
	if (h->coop) {
		evbuffer_add_printf(b, "</td><td data-l=\"Chủ trì\">");
		web_esc(b, r->lead_name);
		evbuffer_add_printf(b, "</td></tr>");
		return;
	}
	evbuffer_add_printf(b, "</td><td data-l=\"Việc cần làm\" "
	    "class=\"todo\"><a href=\"/w/tasks/%lld/report?occ=%lld\">"
	    "Báo cáo tiến độ</a> <a class=\"done\" href=\"/w/tasks/%lld/done?"
	    "occ=%lld\">"
	    "Báo hoàn thành</a>", (long long)r->task_id, (long long)r->occ_id,
	    (long long)r->task_id, (long long)r->occ_id);
	if (r->ext_due == 0)
		evbuffer_add_printf(b, " <a href=\"/w/tasks/%lld/extension?"
		    "occ=%lld\">Xin gia hạn</a>", (long long)r->task_id,
		    (long long)r->occ_id);
	evbuffer_add_printf(b, "</td></tr>");
}

/* What the page just did, from the redirect's "?sent=". */
static void
sent_note(struct evbuffer *b, const char *sent)
{
	const char *text = NULL;

	if (sent == NULL)
		return;
	if (strcmp(sent, "progress") == 0)
		text = "Đã gửi báo cáo tiến độ.";
	else if (strcmp(sent, "done") == 0)
		text = "Đã báo hoàn thành nhiệm vụ; các nhắc nhở của hạn đó "
		    "đã được hủy.";
	else if (strcmp(sent, "extension") == 0)
		text = "Đã gửi đề nghị gia hạn; văn phòng sẽ xem xét và báo "
		    "lại.";
	if (text != NULL)
		evbuffer_add_printf(b, "<p class=\"note\" id=\"sent\">%s</p>",
		    text);
}

void
page_agency_home(struct web_call *c)
{
	struct evbuffer *b = evbuffer_new();
	struct home h;

	if (b == NULL)
		return;
	memset(&h, 0, sizeof(h));
	h.b = b;
	h.now = c->ctx->now;
	web_page_begin(b, "Nhiệm vụ của đơn vị", c->who);
	evbuffer_add_printf(b, "<h1>Nhiệm vụ của đơn vị</h1>");
	sent_note(b, web_form_raw(&c->query, "sent"));
	if (store_wagency_tasks(c->ctx->store, c->who->agency_id, 0, home_row,
	    &h) == -1)
		goto busy;
	if (h.n == 0)
		evbuffer_add_printf(b, "<p class=\"card\" id=\"none\">Đơn vị "
		    "không có nhiệm vụ nào đang mở.</p>");
	else
		evbuffer_add_printf(b, "</tbody></table></div><p class=\""
		    "muted\" id=\"count\">%d nhiệm vụ đang mở, %d quá hạn."
		    "</p>", h.n, h.late);
	evbuffer_add_printf(b, "<h2>Nhiệm vụ phối hợp</h2>");
	h.coop = 1;
	h.n = 0;
	if (store_wagency_tasks(c->ctx->store, c->who->agency_id, 1, home_row,
	    &h) == -1)
		goto busy;
	if (h.n == 0)
		evbuffer_add_printf(b, "<p class=\"muted\">Không có nhiệm vụ "
		    "phối hợp nào đang mở.</p>");
	else
		evbuffer_add_printf(b, "</tbody></table></div><p class=\""
		    "muted\">Đơn vị chủ trì báo cáo các nhiệm vụ này; đơn vị "
		    "phối hợp chỉ xem.</p>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
	return;
busy:
	evbuffer_free(b);
	log_warnx("web: agency %lld's tasks: %s", (long long)
	    c->who->agency_id, store_error(c->ctx->store));
	web_message(c->resp, c->who, 503, "Máy chủ đang bận",
	    "Xin thử lại sau giây lát.");
}
