/*
 * phrase.h: reading the "Thời gian thực hiện" column of a plan: the
 * Vietnamese timing phrases ("trước ngày 31/01/2023", "Quý III/2019",
 * "Chậm nhất ngày 25 hằng tháng", "trong vòng 07 ngày làm việc kể từ
 * ngày nhận được văn bản", "Thường xuyên") as schedules.
 *
 * The reader is a small grammar (phrase-norm.c, phrase-lex.c,
 * phrase-cons.c, phrase-build.c): every word of a phrase is either
 * consumed by a construction or a known filler; anything else is listed
 * in unread and the reading is flagged ambiguous, never silently dropped.
 */
#ifndef NV_PHRASE_H
#define NV_PHRASE_H

#include <stddef.h>

enum phrase_kind {
	PH_UNKNOWN = 0,	/* not read: reason in note */
	PH_ONCE,	/* a deadline: due */
	PH_RECUR,	/* rrule, with quota per period if stated */
	PH_WINDOW,	/* a period from .. due (its last day) */
	PH_ONGOING,	/* a standing duty; rrule is its report cycle, if any */
	PH_RELATIVE,	/* rel_n units after the trigger */
	PH_MULTI,	/* several schedules: sched[0..nsched-1] */
	PH_NONE,	/* no schedule: imported without deadline, flagged */
};

enum rel_unit {
	REL_DAYS = 0,
	REL_WORKDAYS,
	REL_MONTHS,
	REL_HOURS,
};

struct ymd {
	int		 y, m, d;
};

/* One schedule.  A reading has one, or several when it is PH_MULTI. */
struct sched {
	enum phrase_kind kind;		/* never PH_MULTI */
	struct ymd	 due;		/* ONCE, WINDOW: the deadline */
	struct ymd	 limit;		/* "trước ngày X": X, else 0 */
	int		 tod;		/* seconds into the day, or -1 */
	struct ymd	 from;		/* WINDOW; RECUR, ONGOING: first day */
	struct ymd	 until;		/* RECUR, ONGOING: last day, or 0 */
	int		 open_end;	/* "và các năm tiếp theo" */
	char		 rrule[128];	/* RECUR, ONGOING's reports */
	int		 quota;		/* per period, 0 if none stated */
	double		 rel_n;		/* RELATIVE: how many units after */
	enum rel_unit	 rel_unit;
	char		 trigger[120];	/* RELATIVE: the event named */
	int		 soft;		/* "phấn đấu": a target, not a limit */
	int		 start;		/* ONCE: a start or go-live instant */
	int		 noyear;	/* its year is the plan's, not written */
};

#define PHRASE_MAXSCHED	6

struct phrase {
	enum phrase_kind kind;
	int		 nsched;
	struct sched	 sched[PHRASE_MAXSCHED];
	char		 rule[96];	/* the constructions that read it */
	int		 ambiguous;	/* a default was chosen: see note */
	int		 year_assumed;	/* the year came from the default */
	char		 note[400];	/* "; "-separated */
	char		 unread[200];	/* words neither read nor filler */
	/* The first schedule's fields, as single-schedule callers use them. */
	struct ymd	 due, from, until;
	int		 tod, quota;
	char		 rrule[128];
};

/*
 * Reads TEXT; YEAR is used when the phrase gives none (0: none known).
 * Returns kind.
 */
enum phrase_kind phrase_parse(const char *text, int year, struct phrase *);
/* The reading in plain Vietnamese and in English. */
void	phrase_describe(const struct phrase *, char *vi, size_t vilen,
	    char *en, size_t enlen);
/* One schedule in Vietnamese and English. */
void	phrase_sched_describe(const struct sched *, char *vi, size_t vilen,
	    char *en, size_t enlen);
/* "once", "recurring", "window", "standing", "relative", "multi", "none". */
const char *phrase_kind_name(enum phrase_kind);
/*
 * The first MAX due days of schedule S from the plan's start FROM (a
 * recurrence is expanded from there): returns how many were written.
 */
int	phrase_dues(const struct sched *, struct ymd from, struct ymd *out,
	    int max);

struct config;
/*
 * Whether due day DUE of S moves off a day off under POLICY (NULL: the
 * default): 1 with *TO and "30/01/2026 → 02/02/2026 (Tết)" in BUF.
 */
int	phrase_move(const struct config *, const char *policy,
	    const struct sched *, struct ymd due, struct ymd *to, char *buf,
	    size_t len);

/* The grammar's own check, for tests: every word consumed or filler. */
int	phrase_invariant(const char *text, char *why, size_t len);

#endif
