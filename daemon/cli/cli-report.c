/*
 * cli-report.c: "nhacviec report": per lead agency, the tasks due in a
 * period, done on time, done late, overdue now (with how many days) and
 * the on-time rate: the figures the Department of Home Affairs puts in
 * its periodic reports on the plan.  Text for the terminal, CSV (UTF-8
 * with a byte-order mark, so Excel shows the Vietnamese) for the
 * spreadsheet, or one self-contained HTML file to send on.
 *
 * The rate counts only deadlines that have passed: a task still ahead of
 * its deadline has been neither met nor missed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <csv.h>

#include "cli.h"
#include "safetext.h"
#include "clock.h"
#include "store.h"
#include "tztime.h"
#include "xmalloc.h"
#include "nls.h"

enum { FMT_TEXT, FMT_CSV, FMT_HTML };

struct rep_line {
	char		*code;
	char		*name;
	int64_t		 due, on_time, late, overdue, pending;
};

struct rep_over {
	char		*agency;
	int64_t		 task_id;
	char		*title;
	char		*plan;
	time_t		 due_at;
	char		*ack;
};

struct rep {
	struct rep_line	*line;
	int		 nline;
	struct rep_over	*over;
	int		 nover;
	time_t		 now;
};

static void
line_cb(void *arg, const struct report_row *r)
{
	struct rep *rp = arg;
	struct rep_line *l;

	rp->line = xreallocarray(rp->line, rp->nline + 1, sizeof(*rp->line));
	l = &rp->line[rp->nline++];
	l->code = xstrdup(r->code);
	l->name = xstrdup(r->name);
	l->due = r->due;
	l->on_time = r->on_time;
	l->late = r->late;
	l->overdue = r->overdue;
	l->pending = r->pending;
}

static void
over_cb(void *arg, const struct overdue_row *r)
{
	struct rep *rp = arg;
	struct rep_over *o;

	rp->over = xreallocarray(rp->over, rp->nover + 1, sizeof(*rp->over));
	o = &rp->over[rp->nover++];
	o->agency = xstrdup(r->agency);
	o->task_id = r->task_id;
	o->title = xstrdup(r->title);
	o->plan = xstrdup(r->plan);
	o->due_at = r->due_at;
	o->ack = xstrdup(r->ack_code);
}

/* "87,5%" in the Vietnamese way, or "—" when no deadline has passed. */
static void
rate(const struct rep_line *l, char *buf, size_t len)
{
	int64_t passed = l->on_time + l->late + l->overdue;
	char *p;

	if (passed == 0) {
		snprintf(buf, len, "—");
		return;
	}
	snprintf(buf, len, "%.1f%%", 100.0 * (double)l->on_time /
	    (double)passed);
	if ((p = strchr(buf, '.')) != NULL)
		*p = ',';
}

static int
days_late(const struct rep *rp, const struct rep_over *o)
{
	return local_days_between(o->due_at, rp->now);
}

/* "quá 3 ngày", or "quá hạn hôm nay" for a deadline passed this morning. */
static const char *
late_phrase(const struct rep *rp, const struct rep_over *o, int bare,
    char *buf, size_t len)
{
	int d = days_late(rp, o);

	if (d <= 0)
		snprintf(buf, len, bare ? "hôm nay" : "quá hạn hôm nay");
	else
		snprintf(buf, len, bare ? "%d ngày" : "quá %d ngày", d);
	return buf;
}

/* The totals row: every agency's figures added up. */
static void
totals(const struct rep *rp, struct rep_line *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->code = t->name = (char *)"Tổng cộng";
	for (i = 0; i < rp->nline; i++) {
		t->due += rp->line[i].due;
		t->on_time += rp->line[i].on_time;
		t->late += rp->line[i].late;
		t->overdue += rp->line[i].overdue;
		t->pending += rp->line[i].pending;
	}
}

/* One cell, neutralized against CSV injection (text_csv_cell). */
static void
csv_field(const char *s, int last)
{
	char *g = text_csv_cell(s);

	csv_fwrite(stdout, g, strlen(g));
	putchar(last ? '\n' : ',');
	free(g);
}

static void
csv_num(int64_t n, int last)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", (long long)n);
	csv_field(b, last);
}

static void
html(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			fputs("&amp;", stdout);
		else if (*s == '<')
			fputs("&lt;", stdout);
		else if (*s == '>')
			fputs("&gt;", stdout);
		else if (*s == '"')
			fputs("&quot;", stdout);
		else
			putchar(*s);
	}
}

static void
print_text(const struct rep *rp, const char *period)
{
	static const char *const heads[] = { "Đến hạn", "Đúng hạn", "Trễ hạn",
	    "Quá hạn", "Chưa đến hạn", "Tỷ lệ" };
	static const int widths[] = { 8, 9, 8, 8, 13, 7 };
	struct rep_line tot;
	char r[16], due[32], late[32];
	int i;

	printf("Báo cáo thực hiện nhiệm vụ, %s\n\n", period);
	cli_pad("Cơ quan", 14, 0);
	for (i = 0; i < 6; i++) {
		putchar(' ');
		cli_pad(heads[i], widths[i], 1);
	}
	putchar('\n');
	totals(rp, &tot);
	for (i = 0; i <= rp->nline; i++) {
		const struct rep_line *l = i < rp->nline ? &rp->line[i] : &tot;

		if (i == rp->nline && rp->nline == 0)
			break;
		rate(l, r, sizeof(r));
		cli_pad(i < rp->nline ? l->code : "Tổng cộng", 14, 0);
		printf(" %8lld %9lld %8lld %8lld %13lld ", (long long)l->due,
		    (long long)l->on_time, (long long)l->late,
		    (long long)l->overdue, (long long)l->pending);
		cli_pad(r, 7, 1);
		printf("   %s\n", i < rp->nline ? l->name : "");
	}
	if (rp->nline == 0)
		printf("(không có nhiệm vụ đến hạn trong kỳ)\n");
	if (rp->nover == 0)
		return;
	printf("\nQuá hạn, chưa hoàn thành:\n");
	for (i = 0; i < rp->nover; i++) {
		fmt_local(rp->over[i].due_at, due, sizeof(due));
		printf("  %-12s #%lld %s (%s), hạn %s, %s, mã %s\n",
		    rp->over[i].agency, (long long)rp->over[i].task_id,
		    rp->over[i].title, rp->over[i].plan, due,
		    late_phrase(rp, &rp->over[i], 0, late, sizeof(late)),
		    rp->over[i].ack);
	}
}

static void
print_csv(const struct rep *rp)
{
	struct rep_line tot;
	char r[16];
	int i;

	fputs("\xef\xbb\xbf", stdout);	/* BOM: Excel then reads UTF-8 */
	csv_field("Mã cơ quan", 0);
	csv_field("Cơ quan", 0);
	csv_field("Đến hạn", 0);
	csv_field("Đúng hạn", 0);
	csv_field("Trễ hạn", 0);
	csv_field("Quá hạn", 0);
	csv_field("Chưa đến hạn", 0);
	csv_field("Tỷ lệ đúng hạn", 1);
	for (i = 0; i < rp->nline; i++) {
		rate(&rp->line[i], r, sizeof(r));
		csv_field(rp->line[i].code, 0);
		csv_field(rp->line[i].name, 0);
		csv_num(rp->line[i].due, 0);
		csv_num(rp->line[i].on_time, 0);
		csv_num(rp->line[i].late, 0);
		csv_num(rp->line[i].overdue, 0);
		csv_num(rp->line[i].pending, 0);
		csv_field(r, 1);
	}
	if (rp->nline == 0)
		return;
	totals(rp, &tot);
	rate(&tot, r, sizeof(r));
	csv_field("", 0);
	csv_field(tot.name, 0);
	csv_num(tot.due, 0);
	csv_num(tot.on_time, 0);
	csv_num(tot.late, 0);
	csv_num(tot.overdue, 0);
	csv_num(tot.pending, 0);
	csv_field(r, 1);
}

static void
print_html(const struct rep *rp, const char *period)
{
	struct rep_line tot;
	char r[16], due[32], late[32];
	int i;

	printf("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	    "<title>Báo cáo thực hiện nhiệm vụ</title><style>"
	    "body{font-family:system-ui,sans-serif;margin:2em;color:#1d2733}"
	    "table{border-collapse:collapse;margin:1em 0}"
	    "th,td{border:1px solid #ccd;padding:.3em .6em}"
	    "td.n{text-align:right}th{background:#eef}"
	    ".late{color:#a33}</style></head><body>\n"
	    "<h1>Báo cáo thực hiện nhiệm vụ</h1><p>");
	html(period);
	printf("</p>\n<table id=\"summary\"><tr><th>Cơ quan</th><th>Đến hạn"
	    "</th><th>Đúng hạn</th><th>Trễ hạn</th><th>Quá hạn</th>"
	    "<th>Chưa đến hạn</th><th>Tỷ lệ đúng hạn</th></tr>\n");
	for (i = 0; i < rp->nline; i++) {
		rate(&rp->line[i], r, sizeof(r));
		printf("<tr><td>");
		html(rp->line[i].name);
		printf(" (");
		html(rp->line[i].code);
		printf(")</td><td class=\"n\">%lld</td><td class=\"n\">%lld"
		    "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td>"
		    "<td class=\"n\">%lld</td><td class=\"n\">%s</td></tr>\n",
		    (long long)rp->line[i].due, (long long)rp->line[i].on_time,
		    (long long)rp->line[i].late,
		    (long long)rp->line[i].overdue,
		    (long long)rp->line[i].pending, r);
	}
	if (rp->nline > 0) {
		totals(rp, &tot);
		rate(&tot, r, sizeof(r));
		printf("<tr id=\"total\"><th>%s</th><th class=\"n\">%lld</th>"
		    "<th class=\"n\">%lld</th><th class=\"n\">%lld</th>"
		    "<th class=\"n\">%lld</th><th class=\"n\">%lld</th>"
		    "<th class=\"n\">%s</th></tr>\n", tot.name,
		    (long long)tot.due, (long long)tot.on_time,
		    (long long)tot.late, (long long)tot.overdue,
		    (long long)tot.pending, r);
	}
	printf("</table>\n");
	if (rp->nover > 0) {
		printf("<h2>Quá hạn, chưa hoàn thành</h2>\n<table id=\"overdue\">"
		    "<tr><th>Cơ quan</th><th>Nhiệm vụ</th><th>Kế hoạch</th>"
		    "<th>Hạn</th><th>Quá</th><th>Mã</th></tr>\n");
		for (i = 0; i < rp->nover; i++) {
			fmt_local(rp->over[i].due_at, due, sizeof(due));
			printf("<tr><td>");
			html(rp->over[i].agency);
			printf("</td><td>");
			html(rp->over[i].title);
			printf("</td><td>");
			html(rp->over[i].plan);
			printf("</td><td>%s</td><td class=\"n late\">%s</td>"
			    "<td>", due, late_phrase(rp, &rp->over[i], 1, late,
			    sizeof(late)));
			html(rp->over[i].ack);
			printf("</td></tr>\n");
		}
		printf("</table>\n");
	}
	printf("</body></html>\n");
}

/* A date option as local midnight; END adds a day (an inclusive end). */
static int
day_arg(const char *s, int end, time_t *t)
{
	int y, m, d, n = parse_date(s, &y, &m, &d);

	if (n == 0 || s[n] != '\0')
		return -1;
	*t = local_make(y, m, d + (end ? 1 : 0), 0);
	return 0;
}

int
cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "agency", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct rep rp;
	const char *agency = NULL;
	char period[128], a[32], b[32], made[32], *p;
	time_t from = 0, to = 0;
	int ch, fmt = FMT_TEXT, i, rc;

	memset(&rp, 0, sizeof(rp));
	rp.now = clock_now();
	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (day_arg(optarg, 0, &from) == -1)
				return cli_err(EX_USAGE, _("--from: expected "
				    "YYYY-MM-DD or dd/mm/yyyy, not \"%s\""),
				    optarg);
			break;
		case 't':
			if (day_arg(optarg, 1, &to) == -1)
				return cli_err(EX_USAGE, _("--to: expected "
				    "YYYY-MM-DD or dd/mm/yyyy, not \"%s\""),
				    optarg);
			break;
		case 'a':
			agency = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(optarg, "html") == 0)
				fmt = FMT_HTML;
			else
				return cli_err(EX_USAGE, _("--format: text, "
				    "csv or html"));
			break;
		default:
			return cli_usage("report", NULL);
		}
	}
	if (optind != argc)
		return cli_usage("report", NULL);
	/* By default, the year so far: what a yearly plan is judged on. */
	if (from == 0) {
		fmt_local(rp.now, a, sizeof(a));	/* dd/mm/yyyy hh:mm */
		from = local_make(atoi(a + 6), 1, 1, 0);
	}
	if (to == 0)
		to = rp.now + 1;
	if (to <= from)
		return cli_err(EX_USAGE, _("--to is before --from"));
	if ((rc = store_report(c->store, from, to, rp.now, agency, line_cb,
	    &rp)) == 0)
		rc = store_report_overdue(c->store, from, to, rp.now, agency,
		    over_cb, &rp);
	if (rc == -1)
		return cli_store_err(c);
	fmt_local(from, a, sizeof(a));
	fmt_local(to - 1, b, sizeof(b));
	fmt_local(rp.now, made, sizeof(made));
	/* Dates only: "01/01/2026 00:00" reads better as "01/01/2026". */
	if ((p = strchr(a, ' ')) != NULL)
		*p = '\0';
	if ((p = strchr(b, ' ')) != NULL)
		*p = '\0';
	snprintf(period, sizeof(period), "từ %s đến %s (lập lúc %s)", a, b,
	    made);
	if (fmt == FMT_CSV)
		print_csv(&rp);
	else if (fmt == FMT_HTML)
		print_html(&rp, period);
	else
		print_text(&rp, period);
	for (i = 0; i < rp.nline; i++) {
		free(rp.line[i].code);
		free(rp.line[i].name);
	}
	for (i = 0; i < rp.nover; i++) {
		free(rp.over[i].agency);
		free(rp.over[i].title);
		free(rp.over[i].plan);
		free(rp.over[i].ack);
	}
	free(rp.line);
	free(rp.over);
	return 0;
}
