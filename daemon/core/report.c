/*
 * report.c: per lead agency, the tasks due in a period, done on time,
 * done late, overdue now (with how many days) and the on-time rate: the
 * figures the Department of Home Affairs puts in its periodic reports
 * on the plan.  The CLI ("nhacviec report") and the web's report page
 * both read them here, and hand out the same CSV (UTF-8 with a
 * byte-order mark, so Excel shows the Vietnamese).
 *
 * The rate counts only deadlines that have passed: a task still ahead of
 * its deadline has been neither met nor missed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "report.h"
#include "safetext.h"
#include "store.h"
#include "tztime.h"
#include "xmalloc.h"

static void
line_cb(void *arg, const struct report_row *r)
{
	struct report *rp = arg;
	struct report_line *l;

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
	struct report *rp = arg;
	struct report_over *o;

	rp->over = xreallocarray(rp->over, rp->nover + 1, sizeof(*rp->over));
	o = &rp->over[rp->nover++];
	o->agency = xstrdup(r->agency);
	o->task_id = r->task_id;
	o->title = xstrdup(r->title);
	o->plan = xstrdup(r->plan);
	o->due_at = r->due_at;
	o->ack = xstrdup(r->ack_code);
}

int
report_load(struct store *s, time_t from, time_t to, time_t now,
    const char *agency, struct report *rp)
{
	int rc;

	memset(rp, 0, sizeof(*rp));
	rp->now = now;
	rp->from = from;
	rp->to = to;
	if ((rc = store_report(s, from, to, now, agency, line_cb, rp)) == 0)
		rc = store_report_overdue(s, from, to, now, agency, over_cb,
		    rp);
	return rc == -1 ? -1 : 0;
}

void
report_free(struct report *rp)
{
	int i;

	for (i = 0; i < rp->nline; i++) {
		free(rp->line[i].code);
		free(rp->line[i].name);
	}
	for (i = 0; i < rp->nover; i++) {
		free(rp->over[i].agency);
		free(rp->over[i].title);
		free(rp->over[i].plan);
		free(rp->over[i].ack);
	}
	free(rp->line);
	free(rp->over);
	rp->line = NULL;
	rp->over = NULL;
	rp->nline = rp->nover = 0;
}

void
report_rate(const struct report_line *l, char *buf, size_t len)
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

const char *
report_late(const struct report *rp, const struct report_over *o, int bare,
    char *buf, size_t len)
{
	int d = local_days_between(o->due_at, rp->now);

	if (d <= 0)
		snprintf(buf, len, bare ? "hôm nay" : "quá hạn hôm nay");
	else
		snprintf(buf, len, bare ? "%d ngày" : "quá %d ngày", d);
	return buf;
}

void
report_totals(const struct report *rp, struct report_line *t)
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

void
report_period(const struct report *rp, char *buf, size_t len)
{
	char a[32], b[32], made[32], *p;

	fmt_local(rp->from, a, sizeof(a));
	fmt_local(rp->to - 1, b, sizeof(b));
	fmt_local(rp->now, made, sizeof(made));
	/* Dates only: "01/01/2026 00:00" reads better as "01/01/2026". */
	if ((p = strchr(a, ' ')) != NULL)
		*p = '\0';
	if ((p = strchr(b, ' ')) != NULL)
		*p = '\0';
	snprintf(buf, len, "từ %s đến %s (lập lúc %s)", a, b, made);
}

/* One cell, neutralized against CSV injection (text_csv_cell). */
static void
csv_field(FILE *f, const char *s, int last)
{
	char *g = text_csv_cell(s);

	csv_fwrite(f, g, strlen(g));
	fputc(last ? '\n' : ',', f);
	free(g);
}

static void
csv_num(FILE *f, int64_t n, int last)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", (long long)n);
	csv_field(f, b, last);
}

static void
csv_line(FILE *f, const char *code, const struct report_line *l)
{
	char r[16];

	report_rate(l, r, sizeof(r));
	csv_field(f, code, 0);
	csv_field(f, l->name, 0);
	csv_num(f, l->due, 0);
	csv_num(f, l->on_time, 0);
	csv_num(f, l->late, 0);
	csv_num(f, l->overdue, 0);
	csv_num(f, l->pending, 0);
	csv_field(f, r, 1);
}

void
report_csv(FILE *f, const struct report *rp)
{
	struct report_line tot;
	int i;

	fputs("\xef\xbb\xbf", f);	/* BOM: Excel then reads UTF-8 */
	csv_field(f, "Mã cơ quan", 0);
	csv_field(f, "Cơ quan", 0);
	csv_field(f, "Đến hạn", 0);
	csv_field(f, "Đúng hạn", 0);
	csv_field(f, "Trễ hạn", 0);
	csv_field(f, "Quá hạn", 0);
	csv_field(f, "Chưa đến hạn", 0);
	csv_field(f, "Tỷ lệ đúng hạn", 1);
	for (i = 0; i < rp->nline; i++)
		csv_line(f, rp->line[i].code, &rp->line[i]);
	if (rp->nline == 0)
		return;
	report_totals(rp, &tot);
	csv_line(f, "", &tot);
}

int
report_day(const char *s, int end, time_t *t)
{
	int y, m, d, n = parse_date(s, &y, &m, &d);

	if (n == 0 || s[n] != '\0')
		return -1;
	*t = local_make(y, m, d + (end ? 1 : 0), 0);
	return 0;
}

time_t
report_year_start(time_t now)
{
	char a[32];

	fmt_local(now, a, sizeof(a));	/* dd/mm/yyyy hh:mm */
	return local_make(atoi(a + 6), 1, 1, 0);
}
