/*
 * webreport.c: the report of "nhacviec report" on the web, for the
 * office and its viewers: GET /w/reports shows it for a period (and one
 * agency, if chosen) as a page that prints cleanly; GET /w/reports.csv
 * hands out the same CSV as "nhacviec report --format csv", byte for
 * byte, since both come from core/report.c.  Both only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "log.h"
#include "report.h"
#include "store.h"
#include "tztime.h"
#include "webhtml.h"
#include "webpages.h"

struct rep_query {
	time_t		 from, to;
	const char	*agency;	/* NULL: every agency */
	const char	*from_s, *to_s;	/* as given, for the links */
};

/* The period and agency of C's query; NULL, or what was wrong. */
static const char *
rep_query(struct web_call *c, struct rep_query *q)
{
	struct web_form *f = &c->query;

	memset(q, 0, sizeof(q[0]));
	if ((q->from_s = web_form_text(f, "from", "Từ ngày", 10, 0, 0)) ==
	    NULL || (q->to_s = web_form_text(f, "to", "Đến ngày", 10, 0, 0)) ==
	    NULL || (q->agency = web_form_text(f, "agency", "Cơ quan", 63, 0,
	    0)) == NULL)
		return f->err;
	if (*q->from_s != '\0' && report_day(q->from_s, 0, &q->from) == -1)
		return "“Từ ngày” không phải một ngày (năm-tháng-ngày).";
	if (*q->to_s != '\0' && report_day(q->to_s, 1, &q->to) == -1)
		return "“Đến ngày” không phải một ngày (năm-tháng-ngày).";
	/* As the CLI: by default the year so far. */
	if (q->from == 0)
		q->from = report_year_start(c->ctx->now);
	if (q->to == 0)
		q->to = c->ctx->now + 1;
	if (q->to <= q->from)
		return "“Đến ngày” ở trước “Từ ngày”.";
	if (*q->agency == '\0')
		q->agency = NULL;
	return NULL;
}

/* T as YYYY-MM-DD, for a date input. */
static void
iso_date(struct evbuffer *b, time_t t)
{
	char d[32];

	fmt_local(t, d, sizeof(d));	/* dd/mm/yyyy hh:mm */
	evbuffer_add_printf(b, "%.4s-%.2s-%.2s", d + 6, d + 3, d);
}

struct agency_pick {
	struct evbuffer	*b;
	const char	*chosen;
};

static void
agency_option_cb(void *arg, const struct agency_row *a)
{
	struct agency_pick *ap = arg;

	evbuffer_add_printf(ap->b, "<option value=\"");
	web_esc(ap->b, a->code);
	evbuffer_add_printf(ap->b, "\"%s>", ap->chosen != NULL &&
	    strcmp(ap->chosen, a->code) == 0 ? " selected" : "");
	web_esc(ap->b, a->name);
	evbuffer_add_printf(ap->b, " (");
	web_esc(ap->b, a->code);
	evbuffer_add_printf(ap->b, ")</option>");
}

static void
filters(struct web_call *c, struct evbuffer *b, const struct rep_query *q)
{
	struct agency_pick ap = { b, q->agency };

	evbuffer_add_printf(b, "<form method=\"get\" action=\"/w/reports\" "
	    "class=\"filters card\"><label>Từ ngày<input type=\"date\" "
	    "name=\"from\" id=\"from\" value=\"");
	iso_date(b, q->from);
	evbuffer_add_printf(b, "\"></label><label>Đến ngày<input "
	    "type=\"date\" name=\"to\" id=\"to\" value=\"");
	iso_date(b, q->to - 1);
	evbuffer_add_printf(b, "\"></label><label>Cơ quan<select "
	    "name=\"agency\" id=\"agency\"><option value=\"\">Tất cả"
	    "</option>");
	if (store_agency_list(c->ctx->store, agency_option_cb, &ap) == -1)
		log_warnx("web report: %s", store_error(c->ctx->store));
	evbuffer_add_printf(b, "</select></label><button>Xem</button>"
	    "</form>");
}

static void
summary(struct evbuffer *b, const struct report *rp)
{
	struct report_line tot;
	const struct report_line *l;
	char r[16];
	int i;

	evbuffer_add_printf(b, "<div class=\"wrap\"><table class=\"stack "
	    "report\" id=\"summary\"><thead><tr><th>Cơ quan</th>"
	    "<th class=\"num\">Đến hạn</th><th class=\"num\">Đúng hạn</th>"
	    "<th class=\"num\">Trễ hạn</th><th class=\"num\">Quá hạn</th>"
	    "<th class=\"num\">Chưa đến hạn</th><th class=\"num\">Tỷ lệ "
	    "đúng hạn</th></tr></thead><tbody>");
	report_totals(rp, &tot);
	for (i = 0; i <= rp->nline; i++) {
		if (i == rp->nline && rp->nline == 0)
			break;
		l = i < rp->nline ? &rp->line[i] : &tot;
		report_rate(l, r, sizeof(r));
		evbuffer_add_printf(b, "<tr%s><td data-l=\"Cơ quan\">",
		    i == rp->nline ? " class=\"total\"" : "");
		web_esc(b, l->name);
		if (i < rp->nline) {
			evbuffer_add_printf(b, " <span class=\"muted\">(");
			web_esc(b, l->code);
			evbuffer_add_printf(b, ")</span>");
		}
		evbuffer_add_printf(b, "</td><td class=\"num\" "
		    "data-l=\"Đến hạn\">%lld</td><td class=\"num\" "
		    "data-l=\"Đúng hạn\">%lld</td><td class=\"num\" "
		    "data-l=\"Trễ hạn\">%lld</td><td class=\"num%s\" "
		    "data-l=\"Quá hạn\">%lld</td><td class=\"num\" "
		    "data-l=\"Chưa đến hạn\">%lld</td><td class=\"num\" "
		    "data-l=\"Tỷ lệ đúng hạn\">%s</td></tr>",
		    (long long)l->due, (long long)l->on_time,
		    (long long)l->late, l->overdue > 0 ? " late" : "",
		    (long long)l->overdue, (long long)l->pending, r);
	}
	if (rp->nline == 0)
		evbuffer_add_printf(b, "<tr><td colspan=\"7\">Không có nhiệm "
		    "vụ đến hạn trong kỳ.</td></tr>");
	evbuffer_add_printf(b, "</tbody></table></div>");
}

static void
overdue(struct evbuffer *b, const struct report *rp)
{
	char late[32];
	int i;

	if (rp->nover == 0)
		return;
	evbuffer_add_printf(b, "<h2>Quá hạn, chưa hoàn thành</h2>"
	    "<div class=\"wrap\"><table class=\"stack\" id=\"overdue\">"
	    "<thead><tr><th>Cơ quan</th><th>Nhiệm vụ</th><th>Kế hoạch</th>"
	    "<th>Hạn</th><th>Quá</th><th>Mã</th></tr></thead><tbody>");
	for (i = 0; i < rp->nover; i++) {
		evbuffer_add_printf(b, "<tr><td data-l=\"Cơ quan\">");
		web_esc(b, rp->over[i].agency);
		evbuffer_add_printf(b, "</td><td data-l=\"Nhiệm vụ\">");
		web_esc(b, rp->over[i].title);
		evbuffer_add_printf(b, "</td><td data-l=\"Kế hoạch\">");
		web_esc(b, rp->over[i].plan);
		evbuffer_add_printf(b, "</td><td data-l=\"Hạn\">");
		web_time(b, rp->over[i].due_at);
		evbuffer_add_printf(b, "</td><td data-l=\"Quá\" class=\"late\">"
		    "%s</td><td data-l=\"Mã\">", report_late(rp, &rp->over[i],
		    1, late, sizeof(late)));
		web_esc(b, rp->over[i].ack);
		evbuffer_add_printf(b, "</td></tr>");
	}
	evbuffer_add_printf(b, "</tbody></table></div>");
}

void
page_reports(struct web_call *c)
{
	struct evbuffer *b;
	struct rep_query q;
	struct report rp;
	const char *why;
	char period[128];

	if ((why = rep_query(c, &q)) != NULL) {
		web_message(c->resp, c->who, 400, "Không nhận được", why);
		return;
	}
	if (report_load(c->ctx->store, q.from, q.to, c->ctx->now, q.agency,
	    &rp) == -1) {
		log_warnx("web report: %s", store_error(c->ctx->store));
		report_free(&rp);
		web_message(c->resp, c->who, 503, "Chưa xem được",
		    "Không đọc được cơ sở dữ liệu; xin thử lại sau.");
		return;
	}
	if ((b = evbuffer_new()) == NULL) {
		report_free(&rp);
		return;
	}
	report_period(&rp, period, sizeof(period));
	web_page_begin(b, "Báo cáo", c->who);
	evbuffer_add_printf(b, "<h1>Báo cáo thực hiện nhiệm vụ</h1>");
	filters(c, b, &q);
	evbuffer_add_printf(b, "<p id=\"period\">");
	web_esc(b, period);
	if (q.agency != NULL) {
		evbuffer_add_printf(b, ", cơ quan ");
		web_esc(b, q.agency);
	}
	evbuffer_add_printf(b, "</p>");
	summary(b, &rp);
	overdue(b, &rp);
	evbuffer_add_printf(b, "<p class=\"noprint\"><a class=\"button\" "
	    "id=\"csv\" href=\"/w/reports.csv?from=");
	iso_date(b, q.from);
	evbuffer_add_printf(b, "&amp;to=");
	iso_date(b, q.to - 1);
	if (q.agency != NULL) {
		char *enc = evhttp_encode_uri(q.agency);

		evbuffer_add_printf(b, "&amp;agency=");
		web_esc(b, enc != NULL ? enc : "");
		free(enc);
	}
	evbuffer_add_printf(b, "\">Tải CSV (Excel)</a></p>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
	report_free(&rp);
}

void
page_reports_csv(struct web_call *c)
{
	struct rep_query q;
	struct report rp;
	const char *why;
	char *buf = NULL, name[96], a[32], z[32], disp[160];
	size_t len = 0;
	FILE *f;

	if ((why = rep_query(c, &q)) != NULL) {
		web_message(c->resp, c->who, 400, "Không nhận được", why);
		return;
	}
	if (report_load(c->ctx->store, q.from, q.to, c->ctx->now, q.agency,
	    &rp) == -1 || (f = open_memstream(&buf, &len)) == NULL) {
		log_warnx("web report: %s", store_error(c->ctx->store));
		report_free(&rp);
		web_message(c->resp, c->who, 503, "Chưa xem được",
		    "Không đọc được cơ sở dữ liệu; xin thử lại sau.");
		return;
	}
	report_csv(f, &rp);
	fclose(f);
	report_free(&rp);
	evbuffer_add(c->resp->body, buf, len);
	free(buf);
	fmt_local(q.from, a, sizeof(a));
	fmt_local(q.to - 1, z, sizeof(z));
	snprintf(name, sizeof(name), "bao-cao-%.4s%.2s%.2s-%.4s%.2s%.2s.csv",
	    a + 6, a + 3, a, z + 6, z + 3, z);
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", name);
	c->resp->code = 200;
	c->resp->reason = "OK";
	web_resp_header(c->resp, "Content-Type", "text/csv; charset=utf-8");
	web_resp_header(c->resp, "Content-Disposition", disp);
	web_resp_header(c->resp, "Cache-Control", "no-store");
	web_resp_header(c->resp, "X-Content-Type-Options", "nosniff");
}
