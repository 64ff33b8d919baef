/*
 * webdash.c: the tracking office's dashboard, its first page: per lead
 * agency, what falls due this week, what is overdue and what was done
 * on time or late in a period, narrowed by plan and agency group (a GET
 * form, so a filtered view is a link one can share); then the overdue
 * deadlines, oldest first, each with its lead, the working days it is
 * late and the last message sent about it.  The period's counts are
 * those of "nhacviec report" for the same dates.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "config.h"
#include "store.h"
#include "store-webdash.h"
#include "tztime.h"
#include "webhtml.h"
#include "webpages.h"
#include "webtrack.h"

#define OVERDUE_MAX	200	/* rows of the overdue list */

struct dash {
	struct web_call	*c;
	struct evbuffer	*b;
	struct dash_row	 sum;
	int64_t		 plan_id;
	const char	*group;
	char		 groups[64][64];
	int		 ngroups;
	int		 rows;
};

/* A date field: local midnight, +1 day when END; 0 empty, -1 malformed. */
static int
date_field(struct web_call *c, const char *name, int end, time_t *t)
{
	const char *s = web_form_raw(&c->query, name);
	int y, m, d, n;

	if (s == NULL || *s == '\0')
		return 0;
	n = parse_date(s, &y, &m, &d);
	if (n == 0 || s[n] != '\0')
		return -1;
	*t = local_make(y, m, d + (end ? 1 : 0), 0);
	return 1;
}

static void
plan_opt(void *arg, const struct dash_plan *p)
{
	struct dash *d = arg;

	evbuffer_add_printf(d->b, "<option value=\"%lld\"%s>",
	    (long long)p->id, p->id == d->plan_id ? " selected" : "");
	web_esc(d->b, p->code);
	evbuffer_add_printf(d->b, "</option>");
}

/* Collects the distinct group names of the directory. */
static void
group_names(void *arg, const struct agency_row *a)
{
	struct dash *d = arg;
	const char *p = a->groups, *e;
	char g[64];
	int i;

	while (p != NULL && *p != '\0') {
		e = strchr(p, ',');
		snprintf(g, sizeof(g), "%.*s", (int)(e ? e - p :
		    (ptrdiff_t)strlen(p)), p);
		p = e ? e + 1 : NULL;
		for (i = 0; i < d->ngroups && strcmp(d->groups[i], g); i++)
			;
		if (i == d->ngroups && d->ngroups < 64 && g[0] != '\0')
			snprintf(d->groups[d->ngroups++], sizeof(d->groups[0]),
			    "%s", g);
	}
}

static void
count_row(void *arg, const struct dash_row *r)
{
	struct dash *d = arg;
	struct evbuffer *b = d->b;
	char seg[400];

	d->rows++;
	d->sum.due += r->due;
	d->sum.on_time += r->on_time;
	d->sum.late += r->late;
	d->sum.overdue += r->overdue;
	d->sum.pending += r->pending;
	d->sum.this_week += r->this_week;
	evbuffer_add_printf(b, "<tr><td data-l=\"Đơn vị\">"
	    "<a href=\"/w/agencies/");
	web_esc(b, wt_seg(r->code, seg, sizeof(seg)));
	evbuffer_add_printf(b, "\">");
	web_esc(b, r->name);
	evbuffer_add_printf(b, "</a> <span class=\"muted\">");
	web_esc(b, r->code);
	evbuffer_add_printf(b, "</span></td>"
	    "<td class=\"num\" data-l=\"Đến hạn trong kỳ\">%lld</td>"
	    "<td class=\"num%s\" data-l=\"Đúng hạn\">%lld</td>"
	    "<td class=\"num\" data-l=\"Hoàn thành muộn\">%lld</td>"
	    "<td class=\"num%s\" data-l=\"Quá hạn\">%lld</td>"
	    "<td class=\"num\" data-l=\"Chưa đến hạn\">%lld</td>"
	    "<td class=\"num\" data-l=\"Đến hạn tuần này\">%lld</td></tr>",
	    (long long)r->due, r->on_time ? " ok" : "", (long long)r->on_time,
	    (long long)r->late,
	    r->overdue ? " late" : "", (long long)r->overdue,
	    (long long)r->pending, (long long)r->this_week);
}

static void
overdue_row(void *arg, const struct dash_overdue *o)
{
	struct dash *d = arg;
	struct evbuffer *b = d->b;
	int late = wt_days_late(d->c->ctx->conf->calendar, o->due_at,
	    d->c->ctx->now);

	d->rows++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Nhiệm vụ\">"
	    "<a href=\"/w/tasks/%lld\">", (long long)o->task_id);
	web_esc(b, o->title);
	evbuffer_add_printf(b, "</a> <span class=\"muted\">");
	web_esc(b, o->plan);
	evbuffer_add_printf(b, "</span></td><td data-l=\"Chủ trì\">");
	web_esc(b, o->lead_name);
	evbuffer_add_printf(b, "</td><td data-l=\"Hạn\">");
	web_time(b, o->due_at);
	evbuffer_add_printf(b, "</td><td class=\"num\" "
	    "data-l=\"Trễ (ngày làm việc)\"><span class=\"late\">%d</span>"
	    "</td><td data-l=\"Tin cuối\">", late);
	if (o->msg_id == 0)
		evbuffer_add_printf(b, "<span class=\"muted\">chưa gửi tin "
		    "nào</span>");
	else {
		web_esc(b, wt_job_kind(o->msg_kind));
		evbuffer_add_printf(b, " → ");
		web_esc(b, o->msg_contact);
		evbuffer_add_printf(b, " (");
		web_esc(b, o->msg_provider);
		evbuffer_add_printf(b, ") ");
		wt_badge(b, wt_msg_class(o->msg_state),
		    wt_msg_state(o->msg_state));
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_time(b, o->msg_at);
		evbuffer_add_printf(b, "</span>");
	}
	evbuffer_add_printf(b, "</td></tr>");
}

static void
stat(struct evbuffer *b, const char *id, const char *cls, int64_t n,
    const char *label)
{
	evbuffer_add_printf(b, "<div class=\"stat %s\" id=\"%s\"><b>%lld</b>",
	    cls, id, (long long)n);
	web_esc(b, label);
	evbuffer_add_printf(b, "</div>");
}

void
page_dashboard(struct web_call *c)
{
	struct dash_filter f;
	struct dash d;
	struct evbuffer *b;
	const char *plan;
	char from_s[16], to_s[16], y[8];
	int i, rf, rt;

	memset(&d, 0, sizeof(d));
	memset(&f, 0, sizeof(f));
	d.c = c;
	f.now = c->ctx->now;
	f.week_end = wt_week_end(f.now);
	plan = web_form_raw(&c->query, "plan");
	if (plan != NULL && *plan != '\0') {
		char *end;

		d.plan_id = strtoll(plan, &end, 10);
		if (*end != '\0' || d.plan_id <= 0) {
			web_message(c->resp, c->who, 400, "Không nhận được",
			    "Trường \"plan\" (kế hoạch) phải là số của một "
			    "kế hoạch.");
			return;
		}
	}
	d.group = web_form_text(&c->query, "group", "Nhóm đơn vị", 60, 0, 0);
	if (d.group == NULL) {
		web_message(c->resp, c->who, 400, "Không nhận được",
		    c->query.err);
		return;
	}
	if ((rf = date_field(c, "from", 0, &f.from)) == -1 ||
	    (rt = date_field(c, "to", 1, &f.to)) == -1) {
		web_message(c->resp, c->who, 400, "Không nhận được",
		    "Ngày \"từ\"/\"đến\" phải viết YYYY-MM-DD hoặc "
		    "dd/mm/yyyy.");
		return;
	}
	/* By default, the whole year: what a yearly plan is judged on. */
	wt_ymd(f.now, y, sizeof(y));
	if (rf == 0)
		f.from = local_make(atoi(y), 1, 1, 0);
	if (rt == 0)
		f.to = local_make(atoi(y) + 1, 1, 1, 0);
	if (f.to <= f.from) {
		web_message(c->resp, c->who, 400, "Không nhận được",
		    "Ngày \"đến\" phải sau ngày \"từ\".");
		return;
	}
	f.plan_id = d.plan_id;
	f.group = *d.group != '\0' ? d.group : NULL;
	if ((b = evbuffer_new()) == NULL)
		return;
	d.b = b;
	wt_ymd(f.from, from_s, sizeof(from_s));
	wt_ymd(f.to - 1, to_s, sizeof(to_s));
	web_page_begin(b, "Tổng quan", c->who);
	evbuffer_add_printf(b, "<h1>Tổng quan</h1>"
	    "<form method=\"get\" action=\"/w/\" class=\"filters card\">"
	    "<div><label for=\"plan\">Kế hoạch</label><select id=\"plan\" "
	    "name=\"plan\"><option value=\"\">Tất cả</option>");
	if (store_dash_plans(c->ctx->store, f.now, plan_opt, &d) == -1 ||
	    store_agency_list(c->ctx->store, group_names, &d) == -1)
		goto fail;
	evbuffer_add_printf(b, "</select></div><div><label for=\"group\">"
	    "Nhóm đơn vị</label><select id=\"group\" name=\"group\">"
	    "<option value=\"\">Tất cả</option>");
	for (i = 0; i < d.ngroups; i++) {
		evbuffer_add_printf(b, "<option value=\"");
		web_esc(b, d.groups[i]);
		evbuffer_add_printf(b, "\"%s>", f.group != NULL &&
		    strcmp(f.group, d.groups[i]) == 0 ? " selected" : "");
		web_esc(b, d.groups[i]);
		evbuffer_add_printf(b, "</option>");
	}
	evbuffer_add_printf(b, "</select></div><div><label for=\"from\">"
	    "Hạn từ ngày</label><input type=\"date\" id=\"from\" name=\"from\" "
	    "value=\"%s\"></div><div><label for=\"to\">đến ngày</label>"
	    "<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></div>"
	    "<div><button>Lọc</button></div></form>", from_s, to_s);

	/* The table first, into its own buffer: the totals come before it. */
	d.b = evbuffer_new();
	if (d.b == NULL)
		goto fail;
	if (store_dash_counts(c->ctx->store, &f, count_row, &d) == -1) {
		evbuffer_free(d.b);
		goto fail;
	}
	evbuffer_add_printf(b, "<div class=\"stats\">");
	stat(b, "n-week", "wait", d.sum.this_week, "đến hạn tuần này");
	stat(b, "n-overdue", "late", d.sum.overdue, "quá hạn");
	stat(b, "n-ontime", "ok", d.sum.on_time, "hoàn thành đúng hạn");
	stat(b, "n-late", "", d.sum.late, "hoàn thành muộn");
	evbuffer_add_printf(b, "</div><p class=\"muted\">Hạn trong kỳ từ "
	    "%s đến %s (như <code>nhacviec report --from %s --to %s</code>); "
	    "“tuần này” là đến hết Chủ nhật.</p>", from_s, to_s, from_s, to_s);
	evbuffer_add_printf(b, "<h2>Theo đơn vị chủ trì</h2>");
	if (d.rows == 0)
		evbuffer_add_printf(b, "<p class=\"card\">Không có nhiệm vụ "
		    "nào trong kỳ này.</p>");
	else {
		evbuffer_add_printf(b, "<div class=\"wrap\"><table "
		    "class=\"stack\" id=\"counts\"><thead><tr><th>Đơn vị</th>"
		    "<th class=\"num\">Đến hạn trong kỳ</th>"
		    "<th class=\"num\">Đúng hạn</th>"
		    "<th class=\"num\">Hoàn thành muộn</th>"
		    "<th class=\"num\">Quá hạn</th>"
		    "<th class=\"num\">Chưa đến hạn</th>"
		    "<th class=\"num\">Tuần này</th></tr></thead><tbody>");
		evbuffer_add_buffer(b, d.b);
		evbuffer_add_printf(b, "</tbody><tfoot><tr><th>Cộng</th>"
		    "<th class=\"num\">%lld</th><th class=\"num\">%lld</th>"
		    "<th class=\"num\">%lld</th><th class=\"num\">%lld</th>"
		    "<th class=\"num\">%lld</th><th class=\"num\">%lld</th>"
		    "</tr></tfoot></table></div>", (long long)d.sum.due,
		    (long long)d.sum.on_time, (long long)d.sum.late,
		    (long long)d.sum.overdue, (long long)d.sum.pending,
		    (long long)d.sum.this_week);
	}
	evbuffer_free(d.b);
	d.b = b;
	d.rows = 0;
	evbuffer_add_printf(b, "<h2>Nhiệm vụ quá hạn</h2><div class=\"wrap\">"
	    "<table class=\"stack\" id=\"overdue\"><thead><tr>"
	    "<th>Nhiệm vụ</th><th>Chủ trì</th><th>Hạn</th>"
	    "<th class=\"num\">Trễ (ngày làm việc)</th><th>Tin nhắn cuối</th>"
	    "</tr></thead><tbody>");
	if (store_dash_overdue(c->ctx->store, &f, OVERDUE_MAX, overdue_row,
	    &d) == -1)
		goto fail;
	if (d.rows == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"5\">Không có nhiệm "
		    "vụ nào quá hạn.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	if (d.rows == OVERDUE_MAX)
		evbuffer_add_printf(b, "<p class=\"muted\">Chỉ hiện %d nhiệm "
		    "vụ quá hạn lâu nhất; thu hẹp bộ lọc để xem thêm.</p>",
		    OVERDUE_MAX);
	evbuffer_add_printf(b, "<h2>Báo cáo và lịch</h2><p>"
	    "<a href=\"/w/reports?from=%s&amp;to=%s\">Báo cáo kỳ này "
	    "(CSV, bản in HTML)</a> · <a href=\"/w/agencies\">Lịch theo dõi "
	    "(iCalendar) của từng đơn vị</a> · <a href=\"/w/extensions\">"
	    "Đề nghị gia hạn chờ duyệt</a></p>", from_s, to_s);
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
	return;
fail:
	evbuffer_free(b);
	web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
	    "Cơ sở dữ liệu đang bận; xin thử lại sau ít phút.");
}
