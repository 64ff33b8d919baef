/*
 * webtask.c: the task page, /w/tasks/ID: a task, its deadlines (the open
 * one first) and their whole history: the reminders and escalations
 * sent and what became of each message, confirmations, requests for
 * more time, progress reports with their files, and the audit log with
 * who did what.  The office acts on the task from here: marks it done
 * with a note, moves its deadline, cancels it, or sends its latest
 * reminder again.  An agency sees the page only for a task it leads
 * (with links to its own forms) or cooperates on (read only); any other
 * task is "no such page", so an id in the address reveals nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "done.h"
#include "extend.h"
#include "store.h"
#include "store-web.h"
#include "store-webdash.h"
#include "tztime.h"
#include "webhtml.h"
#include "webpages.h"
#include "websess.h"
#include "webtrack.h"

#define MAX_OCCS	64	/* deadlines the page lists */

struct occ_copy {
	int64_t		 id;
	time_t		 due_at;
	enum occ_state	 state;
	char		 ack[16];
	time_t		 done_at;
	char		*done_by;
	char		*done_via;
	char		*note;
};

struct tpage {
	struct web_call	*c;
	struct evbuffer	*b;
	int		 found;
	int		 n;
	int64_t		 report_id;	/* of the files being listed */
	struct occ_copy	 occ[MAX_OCCS];
	int		 nocc;
	int		 more;		/* deadlines left out */
	/* files, kept until their reports are drawn */
	struct tfile {
		int64_t	 report_id;
		char	 sha[72];
		char	*name;
	}		*files;
	int		 nfiles;
};

static char *
dup0(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static void
db_busy(struct web_call *c)
{
	web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
	    "Cơ sở dữ liệu đang bận; xin thử lại sau ít phút.");
}

static void
not_found(struct web_call *c)
{
	web_message(c->resp, c->who, 404, "Không có trang này",
	    "Địa chỉ không đúng hoặc đã bị thay đổi.");
}

/*
 * Whether WHO may see task ID: 2 leads (or staff), 1 cooperates, 0 not
 * (answered 404), -1 answered 503.
 */
static int
may_see(struct web_call *c, int64_t id)
{
	int role;

	if (c->who->role != WR_AGENCY)
		return 2;
	if ((role = store_dash_task_role(c->ctx->store, id,
	    c->who->agency_id)) == -1) {
		db_busy(c);
		return -1;
	}
	if (role == 0)
		not_found(c);
	return role;
}

static void
head_cb(void *arg, const struct task_row *t)
{
	struct tpage *p = arg;
	struct evbuffer *b = p->b;

	p->found = 1;
	web_page_begin(b, t->title, p->c->who);
	evbuffer_add_printf(b, "<h1 id=\"title\">");
	web_esc(b, t->title);
	evbuffer_add_printf(b, "</h1><div class=\"card\"><dl class=\"kv\">"
	    "<dt>Kế hoạch</dt><dd>");
	if (p->c->who->role != WR_AGENCY)
		evbuffer_add_printf(b, "<a href=\"/w/plans/%lld\">",
		    (long long)t->plan_id);
	web_esc(b, t->plan_code);
	if (p->c->who->role != WR_AGENCY)
		evbuffer_add_printf(b, "</a>");
	if (t->ref != NULL) {
		evbuffer_add_printf(b, ", mục ");
		web_esc(b, t->ref);
	}
	evbuffer_add_printf(b, "</dd><dt>Chủ trì</dt><dd id=\"lead\">");
	web_esc(b, t->lead_name);
	evbuffer_add_printf(b, "</dd>");
	if (t->coop != NULL && *t->coop != '\0') {
		evbuffer_add_printf(b, "<dt>Phối hợp</dt><dd>");
		web_esc(b, t->coop);
		evbuffer_add_printf(b, "</dd>");
	}
	if (t->form != NULL) {
		evbuffer_add_printf(b, "<dt>Hình thức</dt><dd>");
		web_esc(b, t->form);
		evbuffer_add_printf(b, "</dd>");
	}
	if (t->quota != NULL) {
		evbuffer_add_printf(b, "<dt>Chỉ tiêu</dt><dd>");
		web_esc(b, t->quota);
		evbuffer_add_printf(b, "</dd>");
	}
	if (t->content != NULL) {
		evbuffer_add_printf(b, "<dt>Nội dung</dt><dd class=\"body\">");
		web_esc(b, t->content);
		evbuffer_add_printf(b, "</dd>");
	}
	evbuffer_add_printf(b, "</dl></div>");
}

static void
occ_cb(void *arg, const struct occ_row *o)
{
	struct tpage *p = arg;
	struct occ_copy *c;

	if (p->nocc == MAX_OCCS) {
		p->more++;
		return;
	}
	c = &p->occ[p->nocc++];
	c->id = o->id;
	c->due_at = o->due_at;
	c->state = o->state;
	snprintf(c->ack, sizeof(c->ack), "%s", o->ack_code);
	c->done_at = o->done_at;
	c->done_by = dup0(o->done_by);
	c->done_via = dup0(o->done_via);
	c->note = dup0(o->note);
}

/* Open deadlines first, soonest first; then the others, latest first. */
static int
occ_cmp(const void *a, const void *b)
{
	const struct occ_copy *x = a, *y = b;
	int xo = x->state == OCC_OPEN, yo = y->state == OCC_OPEN;

	if (xo != yo)
		return yo - xo;
	if (x->due_at != y->due_at)
		return (xo ? x->due_at > y->due_at : x->due_at < y->due_at) ?
		    1 : -1;
	return x->id > y->id ? 1 : -1;
}

static const char *
via_word(const char *via)
{
	if (via == NULL)
		return "";
	if (strcmp(via, "web") == 0)
		return "trang web";
	if (strcmp(via, "link") == 0)
		return "đường dẫn xác nhận";
	if (strcmp(via, "cli") == 0)
		return "dòng lệnh";
	if (strcmp(via, "sms") == 0 || strcmp(via, "zalo") == 0 ||
	    strcmp(via, "reply") == 0)
		return "tin trả lời";
	return via;
}

static void
draw_occs(struct tpage *p)
{
	struct evbuffer *b = p->b;
	struct occ_copy *o;
	int i;

	evbuffer_add_printf(b, "<h2>Các kỳ hạn</h2><div class=\"wrap\">"
	    "<table class=\"stack\" id=\"occurrences\"><thead><tr><th>Hạn</th>"
	    "<th>Tình trạng</th><th>Xác nhận</th><th>Mã</th></tr></thead>"
	    "<tbody>");
	for (i = 0; i < p->nocc; i++) {
		o = &p->occ[i];
		evbuffer_add_printf(b, "<tr><td data-l=\"Hạn\">");
		web_time(b, o->due_at);
		evbuffer_add_printf(b, "</td><td data-l=\"Tình trạng\">");
		wt_occ_badge(b, o->state, o->due_at, p->c->ctx->now);
		if (o->state == OCC_OPEN && o->due_at < p->c->ctx->now)
			evbuffer_add_printf(b, " <span class=\"late\">%d ngày "
			    "làm việc</span>", wt_days_late(
			    p->c->ctx->conf->calendar, o->due_at,
			    p->c->ctx->now));
		evbuffer_add_printf(b, "</td><td data-l=\"Xác nhận\">");
		if (o->state == OCC_OPEN)
			evbuffer_add_printf(b, "<span class=\"muted\">chưa"
			    "</span>");
		else if (o->done_at != 0) {
			web_time(b, o->done_at);
			if (o->state == OCC_DONE)
				evbuffer_add_printf(b, o->done_at <=
				    o->due_at ? " (đúng hạn)" :
				    " <span class=\"late\">(muộn)</span>");
			if (o->done_by != NULL) {
				evbuffer_add_printf(b, ", bởi ");
				web_esc(b, o->done_by);
			}
			if (o->done_via != NULL) {
				evbuffer_add_printf(b, ", qua ");
				web_esc(b, via_word(o->done_via));
			}
			if (o->note != NULL) {
				evbuffer_add_printf(b, "<br><span "
				    "class=\"body\">");
				web_esc(b, o->note);
				evbuffer_add_printf(b, "</span>");
			}
		}
		evbuffer_add_printf(b, "</td><td data-l=\"Mã\"><code>");
		web_esc(b, o->ack);
		evbuffer_add_printf(b, "</code></td></tr>");
	}
	if (p->nocc == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Nhiệm vụ chưa có "
		    "hạn (đang chờ sự kiện bắt đầu).</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	if (p->more)
		evbuffer_add_printf(b, "<p class=\"muted\">Và %d kỳ hạn cũ "
		    "hơn.</p>", p->more);
}

static void
draw_actions(struct tpage *p, int64_t id, int role)
{
	struct evbuffer *b = p->b;
	const struct web_who *who = p->c->who;
	char action[96], ymd[16];
	int open = p->nocc > 0 && p->occ[0].state == OCC_OPEN;

	if (who->role == WR_AGENCY) {
		if (role == 2 && open)
			evbuffer_add_printf(b, "<h2>Việc của đơn vị</h2><p "
			    "id=\"agency-actions\"><a class=\"button\" "
			    "href=\"/w/tasks/%lld/report\">Báo cáo tiến độ</a> "
			    "<a class=\"button\" href=\"/w/tasks/%lld/done\">"
			    "Báo hoàn thành</a> <a class=\"button\" href=\"/w/"
			    "tasks/%lld/extension\">Xin gia hạn</a></p>",
			    (long long)id, (long long)id, (long long)id);
		else if (role == 1)
			evbuffer_add_printf(b, "<p class=\"muted\" "
			    "id=\"coop-note\">Đơn vị phối hợp thực hiện "
			    "nhiệm vụ này: chỉ xem.</p>");
		return;
	}
	if (who->role != WR_OFFICE || !open)
		return;
	evbuffer_add_printf(b, "<h2>Xử lý</h2><div class=\"actions\" "
	    "id=\"actions\">");
	snprintf(action, sizeof(action), "/w/tasks/%lld/finish",
	    (long long)id);
	web_form_open(b, who, action, 0);
	evbuffer_add_printf(b, "<h3>Đánh dấu hoàn thành</h3><label "
	    "for=\"f-note\">Ghi chú (văn bản, kết quả)</label><textarea "
	    "id=\"f-note\" name=\"note\" maxlength=\"1000\" required>"
	    "</textarea><button>Hoàn thành</button></form>");
	snprintf(action, sizeof(action), "/w/tasks/%lld/extend",
	    (long long)id);
	web_form_open(b, who, action, 0);
	wt_ymd(p->occ[0].due_at, ymd, sizeof(ymd));
	evbuffer_add_printf(b, "<h3>Gia hạn</h3><label for=\"x-to\">Hạn mới"
	    "</label><input type=\"date\" id=\"x-to\" name=\"to\" value=\"%s\" "
	    "required><label for=\"x-reason\">Lý do</label><input "
	    "id=\"x-reason\" name=\"reason\" maxlength=\"300\" required>"
	    "<button>Gia hạn</button></form>", ymd);
	snprintf(action, sizeof(action), "/w/tasks/%lld/resend",
	    (long long)id);
	web_form_open(b, who, action, 0);
	evbuffer_add_printf(b, "<h3>Nhắc lại</h3><p class=\"muted\">Gửi lại "
	    "lời nhắc gần nhất cho đơn vị chủ trì ngay bây giờ.</p>"
	    "<button class=\"secondary\">Gửi lại lời nhắc</button></form>");
	snprintf(action, sizeof(action), "/w/tasks/%lld/cancel",
	    (long long)id);
	web_form_open(b, who, action, 0);
	evbuffer_add_printf(b, "<h3>Hủy nhiệm vụ</h3><label for=\"c-reason\">"
	    "Lý do</label><input id=\"c-reason\" name=\"reason\" "
	    "maxlength=\"300\" required><button class=\"danger\">Hủy nhiệm vụ"
	    "</button></form></div>");
}

static void
ext_cb(void *arg, const struct dash_ext *x)
{
	struct tpage *p = arg;
	struct evbuffer *b = p->b;

	p->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Ngày xin\">");
	web_time(b, x->created_at);
	evbuffer_add_printf(b, "</td><td data-l=\"Hạn\">");
	web_date(b, x->old_due);
	evbuffer_add_printf(b, " → ");
	web_date(b, x->new_due);
	evbuffer_add_printf(b, "</td><td data-l=\"Lý do\" class=\"body\">");
	web_esc(b, x->reason);
	evbuffer_add_printf(b, "</td><td data-l=\"Người xin\">");
	web_esc(b, x->by != NULL ? x->by : "");
	evbuffer_add_printf(b, "</td><td data-l=\"Quyết định\">");
	wt_badge(b, x->state == EXT_APPROVED ? "ok" : x->state ==
	    EXT_PENDING ? "wait" : "late", wt_ext_state(x->state));
	if (x->decided_at != 0) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_time(b, x->decided_at);
		if (x->decided_by != NULL) {
			evbuffer_add_printf(b, ", ");
			web_esc(b, x->decided_by);
		}
		evbuffer_add_printf(b, "</span>");
	}
	if (x->note != NULL) {
		evbuffer_add_printf(b, "<br>");
		web_esc(b, x->note);
	}
	if (x->state == EXT_PENDING && p->c->who->role == WR_OFFICE)
		evbuffer_add_printf(b, " <a href=\"/w/extensions#x%lld\">Duyệt"
		    "</a>", (long long)x->id);
	evbuffer_add_printf(b, "</td></tr>");
}

static void
file_cb(void *arg, const struct dash_file *f)
{
	struct tpage *p = arg;
	struct tfile *t;

	p->files = realloc(p->files, (size_t)(p->nfiles + 1) *
	    sizeof(*p->files));
	if (p->files == NULL) {
		p->nfiles = 0;
		return;
	}
	t = &p->files[p->nfiles++];
	t->report_id = f->report_id;
	snprintf(t->sha, sizeof(t->sha), "%s", f->sha256);
	t->name = dup0(f->name);
}

static void
report_cb(void *arg, const struct dash_report *r)
{
	struct tpage *p = arg;
	struct evbuffer *b = p->b;
	int i;

	p->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Lúc\">");
	web_time(b, r->created_at);
	evbuffer_add_printf(b, "</td><td data-l=\"Loại\">%s</td>"
	    "<td data-l=\"Nội dung\"><span class=\"body\">", r->kind ==
	    RPT_DONE ? "Hoàn thành" : "Tiến độ");
	web_esc(b, r->body);
	evbuffer_add_printf(b, "</span>");
	if (r->doc_number != NULL) {
		evbuffer_add_printf(b, "<br>Văn bản số ");
		web_esc(b, r->doc_number);
	}
	for (i = 0; i < p->nfiles; i++) {
		if (p->files[i].report_id != r->id)
			continue;
		evbuffer_add_printf(b, "<br><a class=\"file\" href=\"/w/files/"
		    "%s?name=", p->files[i].sha);
		/* The name goes in a query: escaped for the URL, then HTML. */
		{
			const unsigned char *s = (const unsigned char *)
			    (p->files[i].name ? p->files[i].name : "");

			for (; *s != '\0'; s++)
				if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
				    *s <= 'Z') || (*s >= '0' && *s <= '9') ||
				    strchr("-._~", *s) != NULL)
					evbuffer_add(b, s, 1);
				else
					evbuffer_add_printf(b, "%%%02X", *s);
		}
		evbuffer_add_printf(b, "\">");
		web_esc(b, p->files[i].name);
		evbuffer_add_printf(b, "</a>");
	}
	evbuffer_add_printf(b, "</td><td data-l=\"Người báo\">");
	web_esc(b, r->by != NULL ? r->by : "");
	evbuffer_add_printf(b, "</td></tr>");
}

static void
dmsg_cb(void *arg, const struct dash_msg *m)
{
	struct tpage *p = arg;
	struct evbuffer *b = p->b;

	p->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Lúc\">");
	web_time(b, m->sent_at ? m->sent_at : m->created_at);
	evbuffer_add_printf(b, "</td><td data-l=\"Loại\">");
	web_esc(b, wt_job_kind(m->kind));
	if (m->step > 0)
		evbuffer_add_printf(b, " lần %d", m->step);
	evbuffer_add_printf(b, "</td><td data-l=\"Người nhận\">");
	web_esc(b, m->contact);
	evbuffer_add_printf(b, " <span class=\"muted\">");
	web_esc(b, m->provider);
	evbuffer_add_printf(b, ": ");
	web_esc(b, m->address);
	evbuffer_add_printf(b, "</span></td><td data-l=\"Tình trạng\">");
	wt_badge(b, wt_msg_class(m->state), wt_msg_state(m->state));
	if (m->attempts > 1)
		evbuffer_add_printf(b, " <span class=\"muted\">%d lần thử"
		    "</span>", m->attempts);
	if (m->state != MSG_QUEUED && m->updated_at != 0) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_time(b, m->updated_at);
		evbuffer_add_printf(b, "</span>");
	}
	if (m->error != NULL) {
		evbuffer_add_printf(b, "<br><span class=\"muted\">");
		web_esc(b, m->error);
		evbuffer_add_printf(b, "</span>");
	}
	evbuffer_add_printf(b, "</td></tr>");
}

static void
event_cb(void *arg, const struct dash_event *e)
{
	struct tpage *p = arg;
	struct evbuffer *b = p->b;

	p->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Lúc\">");
	web_time(b, e->at);
	evbuffer_add_printf(b, "</td><td data-l=\"Việc\">");
	web_esc(b, wt_event_kind(e->kind));
	evbuffer_add_printf(b, "</td><td data-l=\"Người làm\">");
	web_esc(b, e->actor != NULL ? e->actor : "hệ thống");
	evbuffer_add_printf(b, "</td><td data-l=\"Chi tiết\" class=\"body\">");
	web_esc(b, e->detail != NULL ? e->detail : "");
	evbuffer_add_printf(b, "</td></tr>");
}

static void
done_note(struct evbuffer *b, const char *done)
{
	static const struct {
		const char *key, *text;
	} notes[] = {
		{ "finish", "Đã đánh dấu hoàn thành; các lời nhắc còn lại "
		    "đã hủy." },
		{ "extend", "Đã gia hạn; các lời nhắc được lập lại theo hạn "
		    "mới." },
		{ "cancel", "Đã hủy nhiệm vụ." },
		{ "resend", "Đã đưa lời nhắc vào hàng gửi." },
	};
	size_t i;

	for (i = 0; done != NULL && i < sizeof(notes) / sizeof(notes[0]); i++)
		if (strcmp(done, notes[i].key) == 0)
			evbuffer_add_printf(b, "<p class=\"note\" id=\"done\">%s"
			    "</p>", notes[i].text);
}

static void
tpage_free(struct tpage *p)
{
	int i;

	for (i = 0; i < p->nocc; i++) {
		free(p->occ[i].done_by);
		free(p->occ[i].done_via);
		free(p->occ[i].note);
	}
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i].name);
	free(p->files);
}

void
page_task(struct web_call *c)
{
	struct store *s = c->ctx->store;
	struct tpage *p;
	struct evbuffer *b;
	int role, staff = c->who->role != WR_AGENCY;

	if ((role = may_see(c, c->id)) <= 0)
		return;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return;
	if ((b = evbuffer_new()) == NULL) {
		free(p);
		return;
	}
	p->c = c;
	p->b = b;
	if (store_task_get(s, c->id, head_cb, p) == -1)
		goto fail;
	if (!p->found) {
		evbuffer_free(b);
		tpage_free(p);
		free(p);
		not_found(c);
		return;
	}
	if (store_occ_list(s, c->id, occ_cb, p) == -1)
		goto fail;
	qsort(p->occ, (size_t)p->nocc, sizeof(p->occ[0]), occ_cmp);
	done_note(b, web_form_raw(&c->query, "done"));
	draw_occs(p);
	draw_actions(p, c->id, role);

	evbuffer_add_printf(b, "<h2>Xin gia hạn</h2><div class=\"wrap\">"
	    "<table class=\"stack\" id=\"extensions\"><thead><tr>"
	    "<th>Ngày xin</th><th>Hạn</th><th>Lý do</th><th>Người xin</th>"
	    "<th>Quyết định</th></tr></thead><tbody>");
	p->n = 0;
	if (store_dash_exts(s, c->id, 0, ext_cb, p) == -1)
		goto fail;
	if (p->n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"5\">Chưa có đề nghị "
		    "gia hạn nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div><h2>Báo cáo của đơn vị"
	    "</h2><div class=\"wrap\"><table class=\"stack\" id=\"reports\">"
	    "<thead><tr><th>Lúc</th><th>Loại</th><th>Nội dung</th>"
	    "<th>Người báo</th></tr></thead><tbody>");
	p->n = 0;
	if (store_dash_files(s, c->id, file_cb, p) == -1 ||
	    store_dash_reports(s, c->id, report_cb, p) == -1)
		goto fail;
	if (p->n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Chưa có báo cáo "
		    "nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	/* Who was sent what, and the log, are the office's to read. */
	if (staff) {
		evbuffer_add_printf(b, "<h2>Tin đã gửi</h2><div class=\"wrap\">"
		    "<table class=\"stack\" id=\"messages\"><thead><tr>"
		    "<th>Lúc</th><th>Loại</th><th>Người nhận</th>"
		    "<th>Tình trạng</th></tr></thead><tbody>");
		p->n = 0;
		if (store_dash_task_msgs(s, c->id, dmsg_cb, p) == -1)
			goto fail;
		if (p->n == 0)
			evbuffer_add_printf(b, "<tr><td colspan=\"4\">Chưa gửi "
			    "tin nào.</td></tr>");
		evbuffer_add_printf(b, "</tbody></table></div><h2>Nhật ký</h2>"
		    "<div class=\"wrap\"><table class=\"stack\" id=\"events\">"
		    "<thead><tr><th>Lúc</th><th>Việc</th><th>Người làm</th>"
		    "<th>Chi tiết</th></tr></thead><tbody>");
		if (store_dash_events(s, c->id, event_cb, p) == -1)
			goto fail;
		evbuffer_add_printf(b, "</tbody></table></div>");
	}
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
	tpage_free(p);
	free(p);
	return;
fail:
	evbuffer_free(b);
	tpage_free(p);
	free(p);
	db_busy(c);
}

/* After an action: back to the task page, saying what was done. */
static void
back(struct web_call *c, const char *what)
{
	char url[96];

	snprintf(url, sizeof(url), "/w/tasks/%lld?done=%s", (long long)c->id,
	    what);
	web_redirect(c->resp, url);
}

static void
refused(struct web_call *c, int code, const char *text)
{
	web_message(c->resp, c->who, code, "Chưa làm được", text);
}

void
page_task_finish(struct web_call *c)
{
	struct done_result r;
	const char *note;
	char actor[160];
	int rc;

	if ((note = web_form_text(&c->form, "note", "Ghi chú", 1000, 1,
	    1)) == NULL) {
		refused(c, 400, c->form.err);
		return;
	}
	websess_actor(c->who, actor, sizeof(actor));
	rc = done_mark_by(c->ctx->store, c->ctx->conf, c->id, NULL,
	    c->who->name, "web", note, actor, c->ctx->now, &r);
	if (rc == -1)
		db_busy(c);
	else if (rc == 0)
		not_found(c);
	else if (rc == 2)
		refused(c, 409, "Kỳ tiếp theo của nhiệm vụ định kỳ này chưa "
		    "đến hạn; chưa có kỳ nào để đánh dấu hoàn thành.");
	else if (!r.changed)
		refused(c, 409, "Kỳ hạn này đã hoàn thành hoặc đã hủy trước "
		    "đó.");
	else {
		c->ctx->flags |= WEB_WAKE;
		back(c, "finish");
	}
}

void
page_task_extend(struct web_call *c)
{
	struct extend_result r;
	const char *to, *reason;
	char actor[160], err[256], msg[320];
	int rc;

	if ((to = web_form_text(&c->form, "to", "Hạn mới", 40, 1, 0)) ==
	    NULL || (reason = web_form_text(&c->form, "reason", "Lý do", 300,
	    1, 0)) == NULL) {
		refused(c, 400, c->form.err);
		return;
	}
	websess_actor(c->who, actor, sizeof(actor));
	if (store_begin(c->ctx->store) == -1) {
		db_busy(c);
		return;
	}
	rc = occ_extend_by_in(c->ctx->store, c->ctx->conf, c->id, NULL, to,
	    reason, c->who->name, actor, c->ctx->now, &r, err, sizeof(err));
	if (rc != 0 || store_commit(c->ctx->store) == -1) {
		store_rollback(c->ctx->store);
		if (rc == 0)
			rc = -2;
	}
	if (rc == -2)
		db_busy(c);
	else if (rc == -3)
		refused(c, 409, "Nhiệm vụ không còn kỳ hạn nào đang mở.");
	else if (rc == -1) {
		snprintf(msg, sizeof(msg), "Hạn mới không dùng được: %s", err);
		refused(c, 400, msg);
	} else {
		c->ctx->flags |= WEB_WAKE;
		back(c, "extend");
	}
}

struct open_ids {
	int64_t		 ids[MAX_OCCS];
	int		 n;
};

static void
open_cb(void *arg, const struct occ_row *o)
{
	struct open_ids *ol = arg;

	if (o->state == OCC_OPEN && ol->n < MAX_OCCS)
		ol->ids[ol->n++] = o->id;
}

/* As "nhacviec task cancel": every open deadline, and no more to come. */
void
page_task_cancel(struct web_call *c)
{
	struct store *s = c->ctx->store;
	struct open_ids ol;
	const char *reason;
	char actor[160], detail[512];
	int i, n;

	if ((reason = web_form_text(&c->form, "reason", "Lý do", 300, 1,
	    0)) == NULL) {
		refused(c, 400, c->form.err);
		return;
	}
	websess_actor(c->who, actor, sizeof(actor));
	snprintf(detail, sizeof(detail), "cancelled by %s: %s",
	    c->who->name, reason);
	memset(&ol, 0, sizeof(ol));
	if (store_begin(s) == -1)
		goto fail;
	if (store_occ_list(s, c->id, open_cb, &ol) == -1 ||
	    store_task_stop(s, c->id) == -1)
		goto rollback;
	if (ol.n == 0) {
		store_rollback(s);
		refused(c, 409, "Nhiệm vụ không còn kỳ hạn nào đang mở.");
		return;
	}
	for (i = 0; i < ol.n; i++)
		if (store_occ_close(s, ol.ids[i], OCC_CANCELLED, c->who->name,
		    "web", reason, c->ctx->now, &n) == -1 ||
		    store_event_by(s, EV_CANCELLED, ol.ids[i], actor, detail,
		    c->ctx->now) == -1)
			goto rollback;
	if (store_commit(s) == -1)
		goto rollback;
	c->ctx->flags |= WEB_WAKE;
	back(c, "cancel");
	return;
rollback:
	store_rollback(s);
fail:
	db_busy(c);
}

/*
 * Sends the latest reminder again: a reminder job like it, due now, that
 * the scheduler fires as it fires any other (same recipients, channels
 * and text, new messages).
 */
void
page_task_resend(struct web_call *c)
{
	struct store *s = c->ctx->store;
	struct open_ids ol;
	char actor[160], target[64], detail[128];
	int step = 1, rc;

	memset(&ol, 0, sizeof(ol));
	if (store_begin(s) == -1)
		goto fail;
	if (store_occ_list(s, c->id, open_cb, &ol) == -1)
		goto rollback;
	if (ol.n == 0) {
		store_rollback(s);
		refused(c, 409, "Nhiệm vụ không còn kỳ hạn nào đang mở.");
		return;
	}
	snprintf(target, sizeof(target), "lead");
	if ((rc = store_dash_last_reminder(s, ol.ids[0], &step, target,
	    sizeof(target))) == -1)
		goto rollback;
	snprintf(detail, sizeof(detail), "reminder %d to %s sent again%s",
	    step, target, rc == 0 ? " (none had been sent before)" : "");
	if (store_job_add(s, ol.ids[0], JOB_REMINDER, step, target,
	    c->ctx->now) == -1 || store_event_by(s, EV_RESENT, ol.ids[0],
	    websess_actor(c->who, actor, sizeof(actor)), detail,
	    c->ctx->now) == -1 || store_commit(s) == -1)
		goto rollback;
	c->ctx->flags |= WEB_WAKE;
	back(c, "resend");
	return;
rollback:
	store_rollback(s);
fail:
	db_busy(c);
}
