/*
 * webplan.c: the office's plan pages: every plan with how many tasks it
 * has and how many deadlines are open, overdue and done; and one plan's
 * tasks, each with the deadline that matters now and its state.
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "store-webdash.h"
#include "webhtml.h"
#include "webpages.h"
#include "webtrack.h"

struct plist {
	struct web_call	*c;
	struct evbuffer	*b;
	int		 n;
};

static void
plan_row(void *arg, const struct dash_plan *p)
{
	struct plist *l = arg;
	struct evbuffer *b = l->b;

	l->n++;
	evbuffer_add_printf(b, "<tr><td data-l=\"Kế hoạch\">"
	    "<a href=\"/w/plans/%lld\">", (long long)p->id);
	web_esc(b, p->code);
	evbuffer_add_printf(b, "</a></td><td data-l=\"Tên\">");
	web_esc(b, p->title);
	evbuffer_add_printf(b, "</td><td class=\"num\" data-l=\"Nhiệm vụ\">"
	    "%lld</td><td class=\"num\" data-l=\"Đang thực hiện\">%lld</td>"
	    "<td class=\"num%s\" data-l=\"Quá hạn\">%lld</td>"
	    "<td class=\"num ok\" data-l=\"Hoàn thành\">%lld</td></tr>",
	    (long long)p->tasks, (long long)p->open, p->overdue ? " late" : "",
	    (long long)p->overdue, (long long)p->done);
}

void
page_plans(struct web_call *c)
{
	struct plist l;
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.b = b;
	web_page_begin(b, "Kế hoạch", c->who);
	evbuffer_add_printf(b, "<h1>Kế hoạch</h1><div class=\"wrap\"><table "
	    "class=\"stack\" id=\"plans\"><thead><tr><th>Kế hoạch</th>"
	    "<th>Tên</th><th class=\"num\">Nhiệm vụ</th>"
	    "<th class=\"num\">Đang thực hiện</th><th class=\"num\">Quá hạn"
	    "</th><th class=\"num\">Hoàn thành</th></tr></thead><tbody>");
	if (store_dash_plans(c->ctx->store, c->ctx->now, plan_row, &l) == -1) {
		evbuffer_free(b);
		web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
		    "Cơ sở dữ liệu đang bận; xin thử lại sau ít phút.");
		return;
	}
	if (l.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"6\">Chưa có kế "
		    "hoạch nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}

/* A row of a list of tasks: shared with the agency pages. */
void
web_task_row(struct evbuffer *b, const struct dash_task *t, time_t now,
    int show_plan)
{
	evbuffer_add_printf(b, "<tr><td data-l=\"Nhiệm vụ\">"
	    "<a href=\"/w/tasks/%lld\">", (long long)t->id);
	if (t->ref != NULL) {
		web_esc(b, t->ref);
		evbuffer_add_printf(b, ". ");
	}
	web_esc(b, t->title);
	evbuffer_add_printf(b, "</a>");
	if (show_plan) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_esc(b, t->plan);
		evbuffer_add_printf(b, "</span>");
	}
	evbuffer_add_printf(b, "</td><td data-l=\"Chủ trì\">");
	web_esc(b, t->lead_name);
	if (t->coop)
		evbuffer_add_printf(b, " <span class=\"muted\">(phối hợp)"
		    "</span>");
	evbuffer_add_printf(b, "</td><td data-l=\"Hạn\">");
	if (t->occ_id != 0)
		web_time(b, t->due_at);
	else
		evbuffer_add_printf(b, "<span class=\"muted\">chờ sự kiện"
		    "</span>");
	evbuffer_add_printf(b, "</td><td data-l=\"Tình trạng\">");
	if (t->occ_id != 0)
		wt_occ_badge(b, t->state, t->due_at, now);
	evbuffer_add_printf(b, "</td></tr>");
}

void
web_task_head(struct evbuffer *b, const char *id)
{
	evbuffer_add_printf(b, "<div class=\"wrap\"><table class=\"stack\" "
	    "id=\"%s\"><thead><tr><th>Nhiệm vụ</th><th>Chủ trì</th>"
	    "<th>Hạn</th><th>Tình trạng</th></tr></thead><tbody>", id);
}

static void
task_row(void *arg, const struct dash_task *t)
{
	struct plist *l = arg;

	l->n++;
	web_task_row(l->b, t, l->c->ctx->now, 0);
}

static void
plan_head(void *arg, const struct dash_plan *p)
{
	struct plist *l = arg;
	struct evbuffer *b = l->b;

	web_page_begin(b, p->code, l->c->who);
	evbuffer_add_printf(b, "<h1>");
	web_esc(b, p->code);
	evbuffer_add_printf(b, "</h1><p>");
	web_esc(b, p->title);
	evbuffer_add_printf(b, "</p><div class=\"stats\">"
	    "<div class=\"stat\"><b>%lld</b>nhiệm vụ</div>"
	    "<div class=\"stat wait\"><b>%lld</b>đang thực hiện</div>"
	    "<div class=\"stat ok\"><b>%lld</b>hoàn thành</div></div>"
	    "<p><a href=\"/w/?plan=%lld\">Tổng quan của kế hoạch này</a></p>",
	    (long long)p->tasks, (long long)p->open, (long long)p->done,
	    (long long)p->id);
}

void
page_plan(struct web_call *c)
{
	struct plist l;
	struct evbuffer *b = evbuffer_new();
	int rc;

	if (b == NULL)
		return;
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.b = b;
	if ((rc = store_dash_plan(c->ctx->store, c->id, plan_head, &l)) != 1) {
		evbuffer_free(b);
		if (rc == 0)
			web_message(c->resp, c->who, 404, "Không có kế hoạch "
			    "này", "Kế hoạch không có hoặc đã bị xóa.");
		else
			web_message(c->resp, c->who, 503, "Chưa đọc được dữ "
			    "liệu", "Cơ sở dữ liệu đang bận; xin thử lại.");
		return;
	}
	evbuffer_add_printf(b, "<h2>Nhiệm vụ</h2>");
	web_task_head(b, "tasks");
	if (store_dash_tasks(c->ctx->store, c->id, 0, task_row, &l) == -1) {
		evbuffer_free(b);
		web_message(c->resp, c->who, 503, "Chưa đọc được dữ liệu",
		    "Cơ sở dữ liệu đang bận; xin thử lại.");
		return;
	}
	if (l.n == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"4\">Kế hoạch chưa có "
		    "nhiệm vụ nào.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}
