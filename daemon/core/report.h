/*
 * report.h: the figures of "nhacviec report" and of the web's report
 * page, computed once for both: per lead agency, the deadlines of a
 * period met, missed and still owed, the on-time rate, and the overdue
 * list; and the CSV both hand out, byte for byte the same.
 */
#ifndef NV_REPORT_H
#define NV_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct store;

struct report_line {
	char		*code;
	char		*name;
	int64_t		 due, on_time, late, overdue, pending;
};

struct report_over {
	char		*agency;
	int64_t		 task_id;
	char		*title;
	char		*plan;
	time_t		 due_at;
	char		*ack;
};

struct report {
	struct report_line *line;
	int		 nline;
	struct report_over *over;
	int		 nover;
	time_t		 now;
	time_t		 from, to;	/* [from, to) */
};

/*
 * The report of deadlines in [FROM, TO) as at NOW, for AGENCY's tasks
 * only (NULL: every agency), into R; free with report_free.  0, or -1
 * on a store error.
 */
int	report_load(struct store *, time_t from, time_t to, time_t now,
	    const char *agency, struct report *);
void	report_free(struct report *);
/* The totals row: every agency's figures added up. */
void	report_totals(const struct report *, struct report_line *);
/* "87,5%" in the Vietnamese way, or "—" when no deadline has passed. */
void	report_rate(const struct report_line *, char *buf, size_t len);
/* "quá 3 ngày" ("3 ngày" when BARE), or "quá hạn hôm nay". */
const char *report_late(const struct report *, const struct report_over *,
	    int bare, char *buf, size_t len);
/* "từ 01/01/2026 đến 31/01/2026 (lập lúc ...)". */
void	report_period(const struct report *, char *buf, size_t len);
/* The CSV: UTF-8 with a byte-order mark, every cell neutralized. */
void	report_csv(FILE *, const struct report *);
/*
 * A date (YYYY-MM-DD or dd/mm/yyyy) as local midnight into *T; END adds
 * a day, for an inclusive end.  0, or -1 if S is no date.
 */
int	report_day(const char *s, int end, time_t *t);
/* The default period: from the first of January of NOW's year to NOW. */
time_t	report_year_start(time_t now);

#endif
