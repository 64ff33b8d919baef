/*
 * cli-report.c: "nhacviec report": the figures of core/report.c (per
 * lead agency, the deadlines of a period met, missed and owed, and the
 * on-time rate) as text for the terminal, CSV for the spreadsheet (the
 * same as the web's), or one self-contained HTML file to send on.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "report.h"
#include "store.h"
#include "tztime.h"
#include "nls.h"

enum { FMT_TEXT, FMT_CSV, FMT_HTML };

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
print_text(const struct report *rp, const char *period)
{
	static const char *const heads[] = { "Đến hạn", "Đúng hạn", "Trễ hạn",
	    "Quá hạn", "Chưa đến hạn", "Tỷ lệ" };
	static const int widths[] = { 8, 9, 8, 8, 13, 7 };
	struct report_line tot;
	char r[16], due[32], late[32];
	int i;

	printf("Báo cáo thực hiện nhiệm vụ, %s\n\n", period);
	cli_pad("Cơ quan", 14, 0);
	for (i = 0; i < 6; i++) {
		putchar(' ');
		cli_pad(heads[i], widths[i], 1);
	}
	putchar('\n');
	report_totals(rp, &tot);
	for (i = 0; i <= rp->nline; i++) {
		const struct report_line *l = i < rp->nline ? &rp->line[i] : &tot;

		if (i == rp->nline && rp->nline == 0)
			break;
		report_rate(l, r, sizeof(r));
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
		    report_late(rp, &rp->over[i], 0, late, sizeof(late)),
		    rp->over[i].ack);
	}
}

static void
print_html(const struct report *rp, const char *period)
{
	struct report_line tot;
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
		report_rate(&rp->line[i], r, sizeof(r));
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
		report_totals(rp, &tot);
		report_rate(&tot, r, sizeof(r));
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
			    "<td>", due, report_late(rp, &rp->over[i], 1, late,
			    sizeof(late)));
			html(rp->over[i].ack);
			printf("</td></tr>\n");
		}
		printf("</table>\n");
	}
	printf("</body></html>\n");
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
	struct report rp;
	const char *agency = NULL;
	char period[128];
	time_t from = 0, to = 0, now = clock_now();
	int ch, fmt = FMT_TEXT;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (report_day(optarg, 0, &from) == -1)
				return cli_err(EX_USAGE, _("--from: expected "
				    "YYYY-MM-DD or dd/mm/yyyy, not \"%s\""),
				    optarg);
			break;
		case 't':
			if (report_day(optarg, 1, &to) == -1)
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
	if (from == 0)
		from = report_year_start(now);
	if (to == 0)
		to = now + 1;
	if (to <= from)
		return cli_err(EX_USAGE, _("--to is before --from"));
	if (report_load(c->store, from, to, now, agency, &rp) == -1)
		return cli_store_err(c);
	report_period(&rp, period, sizeof(period));
	if (fmt == FMT_CSV)
		report_csv(stdout, &rp);
	else if (fmt == FMT_HTML)
		print_html(&rp, period);
	else
		print_text(&rp, period);
	report_free(&rp);
	return 0;
}
