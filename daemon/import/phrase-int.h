/*
 * phrase-int.h: what the parts of the timing-phrase grammar share.
 *
 *   phrase-norm.c   folds the text: no diacritics, lower case, one kind
 *                   of space and dash, "hàng" = "hằng", spelled-out
 *                   numbers in brackets checked against their digits;
 *   phrase-lex.c    cuts it into tokens: words, numbers, number groups
 *                   ("15/4", "01/11/2023", "2025-2030"), clock times;
 *   phrase-cons.c   the table of constructions (phrase-cons-date.c,
 *                   -cycle.c, -rel.c, -word.c): each looks at the tokens
 *                   from one position, and when it matches marks them
 *                   used and adds a part (a date, a cycle, a bound, ...);
 *                   words no construction wants are looked up in the one
 *                   table of fillers (phrase-filler.c), and anything else
 *                   stays unread;
 *   phrase-build.c  groups the parts into clauses and builds the reading
 *                   (phrase-build-cycle.c for recurrences, -dates.c for
 *                   deadlines and windows, phrase-part.c what they share).
 */
#ifndef NV_PHRASE_INT_H
#define NV_PHRASE_INT_H

#include "phrase.h"

#define PH_MAXTOK	256
#define PH_MAXPART	64

enum tok_type {
	TK_WORD,
	TK_NUM,		/* 15, 0,25 */
	TK_GROUP,	/* 15/4, 01/11/2023, 2025-2030, 10-12/2026 */
	TK_TIME,	/* 17h00, 08:00 (words "giờ" are joined later) */
	TK_PUNCT,
};

struct tok {
	enum tok_type	 type;
	char		 w[24];		/* the folded word, or the punct */
	int		 n[3];		/* NUM: n[0]; GROUP: the numbers */
	int		 nd[3];		/* their digit counts */
	char		 sep[2];	/* GROUP: the separators */
	int		 nn;		/* GROUP: 2 or 3 */
	double		 val;		/* NUM: with a decimal comma */
	int		 tod;		/* TIME: seconds into the day */
	size_t		 off, len;	/* in the folded text */
	int		 used;		/* consumed by a construction */
	int		 filler;	/* a known filler word */
	int		 vague;		/* a vague word: always flags */
};

struct lex {
	char		*text;		/* folded */
	const char	*orig;		/* as written */
	size_t		*ostart, *oend;	/* each folded byte's character */
	struct tok	 t[PH_MAXTOK];
	int		 n;
	int		 overflow;
};

enum part_type {
	PT_DATE,	/* a = d, b = m, c = y (0: none given) */
	PT_DAY,		/* "ngày N" with no month: a = N */
	PT_MONTH,	/* a = m, b = last month of a range, c = y */
	PT_QUARTER,	/* a = q, c = y */
	PT_HALF,	/* a = 1 or 2, c = y */
	PT_YEAR,	/* c = first year, d = last year */
	PT_CYCLE,	/* a = enum cycle */
	PT_WEEKDAY,	/* a = 1 (Mon) .. 7 (Sun), b = nth (0, 1..5, -1) */
	PT_QMONTH,	/* a = 3: the quarter's last month; 4: the next's first */
	PT_TIME,	/* a = seconds into the day */
	PT_REL,		/* f = n, a = unit, b = -1 before, text = trigger */
	PT_EVENT,	/* after an event, no offset: text = trigger */
	PT_STANDING,	/* thường xuyên */
	PT_FOLLOWING,	/* và các năm tiếp theo */
	PT_NEXTYEAR,	/* năm sau, năm liền kề, năm kế tiếp */
	PT_QUOTA,	/* a = count */
	PT_VAGUE,	/* a = enum vague, b = unit (cycle), c = which */
	PT_SOFT,	/* phấn đấu */
	PT_STATUS,	/* not a schedule: text = why */
	PT_BOUND,	/* a = enum bound */
	PT_SEP,		/* a clause ends here */
	PT_ALT,		/* "hoặc": alternatives, never chosen silently */
};

enum cycle {
	CY_DAILY = 1,
	CY_WEEKLY,
	CY_MONTHLY,
	CY_QUARTERLY,
	CY_HALF,
	CY_YEARLY,
	CY_PERIODIC,	/* "định kỳ" with no period */
};

enum bound {
	BD_BEFORE = 1,	/* trước: exclusive */
	BD_LATEST,	/* chậm nhất, hạn: inclusive */
	BD_UNTIL,	/* đến, đến hết, cho đến: inclusive end */
	BD_FROM,	/* từ, kể từ, bắt đầu từ, tính từ */
	BD_WITHIN,	/* trong: the period itself */
	BD_TO,		/* "-" between two periods */
};

enum vague {
	VG_START = 1,	/* đầu */
	VG_MIDDLE,	/* giữa */
	VG_END,		/* cuối */
	VG_WORD,	/* dự kiến, sớm, kịp thời, khi có yêu cầu, ... */
};

struct part {
	enum part_type	 type;
	int		 a, b, c, d;
	double		 f;
	int		 tok;		/* where it starts */
	char		 text[120];
};

struct parse {
	struct lex	 lx;
	struct part	 p[PH_MAXPART];
	int		 np;
	int		 year;		/* the plan's, for dates without one */
	int		 cycles;	/* cycles with a period named */
	int		 nextyear;	/* "năm sau" somewhere in the phrase */
	int		 yearly;	/* "hằng năm" somewhere in the phrase */
	struct phrase	*ph;
};

/* phrase-norm.c */
char	*phrase_fold(const char *text);
char	*phrase_fold_map(const char *text, size_t **start, size_t **end);
/* phrase.c: tokens A..B as written, in BUF. */
void	 phrase_orig(const struct lex *, int a, int b, char *buf, size_t len);
/* phrase-lex.c */
void	 phrase_lex(struct lex *, const char *folded);
int	 tok_is(const struct lex *, int i, const char *word);
int	 tok_seq(const struct lex *, int i, const char *words);
/* phrase-cons.c */
void	 phrase_scan(struct parse *);
int	 phrase_filler_len(const struct lex *, int i);
/* phrase-build.c, phrase-build-cycle.c, phrase-build-dates.c */
void	 phrase_build(struct parse *);
void	 build_cycle(struct parse *, const struct part *, int n, int cycle);
void	 build_dates(struct parse *, const struct part *, int n, int dated);
/* phrase-part.c */
void	 phrase_note(struct phrase *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 ph_flag(struct phrase *, const char *fmt, const char *arg);
struct sched *ph_sched_new(struct phrase *, enum phrase_kind);
int	 ph_has(const struct part *, int n, enum part_type);
const struct part *ph_first(const struct part *, int n, enum part_type);
int	 ymd_days_in(int y, int m);
int	 ymd_valid(int y, int m, int d);
void	 ymd_prev(struct ymd *);
void	 ymd_next(struct ymd *);
int	 ymd_same(const struct ymd *, const struct ymd *);
int	 ymd_before(const struct ymd *, const struct ymd *);

static inline void
ymd_set(struct ymd *t, int y, int m, int d)
{
	t->y = y;
	t->m = m;
	t->d = d;
}

#endif
