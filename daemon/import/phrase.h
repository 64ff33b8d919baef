/*
 * phrase.h: reading the "Thời gian thực hiện" column of a plan: the
 * Vietnamese timing phrases ("trước ngày 31/01/2023", "Quý III/2019",
 * "mỗi tuần ít nhất 01 lần", "Thường xuyên") as schedules.
 */
#ifndef NV_PHRASE_H
#define NV_PHRASE_H

#include <stddef.h>

enum phrase_kind {
	PH_UNKNOWN = 0,	/* not read: reason in note */
	PH_ONCE,	/* a deadline: due */
	PH_WINDOW,	/* a period from .. due (its last day) */
	PH_RECUR,	/* rrule, with quota per period if stated */
	PH_ONGOING,	/* a standing duty; rrule is its report cycle, if any */
};

struct ymd {
	int		 y, m, d;
};

struct phrase {
	enum phrase_kind kind;
	struct ymd	 due;		/* ONCE, WINDOW */
	int		 tod;		/* ONCE: seconds into the day, or -1 */
	struct ymd	 from;		/* WINDOW */
	struct ymd	 until;		/* ONGOING with an end, else 0 */
	char		 rrule[128];	/* RECUR, ONGOING's reports */
	int		 quota;		/* per period, 0 if none stated */
	const char	*rule;		/* the rule that read it */
	int		 ambiguous;	/* a default was chosen: see note */
	int		 year_assumed;	/* the year came from the default */
	char		 note[200];
};

/* Reads TEXT; YEAR is used when the phrase gives none.  Returns kind. */
enum phrase_kind phrase_parse(const char *text, int year, struct phrase *);
/* The reading in plain Vietnamese and in English. */
void	phrase_describe(const struct phrase *, char *vi, size_t vilen,
	    char *en, size_t enlen);

#endif
