/*
 * phrase-cons.h: what the construction files of the timing-phrase grammar
 * share: looking at the tokens around a position, adding parts, and the
 * constructions themselves, which phrase-cons.c lists in one table.
 */
#ifndef NV_PHRASE_CONS_H
#define NV_PHRASE_CONS_H

#include <string.h>

#include "phrase-int.h"

static inline struct part *
part_add(struct parse *ps, enum part_type type, int tok)
{
	struct part *p;

	if (ps->np == PH_MAXPART)
		return NULL;
	p = &ps->p[ps->np++];
	memset(p, 0, sizeof(*p));
	p->type = type;
	p->tok = tok;
	return p;
}

static inline void
use(struct parse *ps, int i, int n)
{
	int k;

	for (k = i; k < i + n && k < ps->lx.n; k++)
		ps->lx.t[k].used = 1;
}

static inline const struct tok *
tk(const struct parse *ps, int i)
{
	static const struct tok none = { .type = TK_PUNCT };

	return i >= 0 && i < ps->lx.n ? &ps->lx.t[i] : &none;
}

static inline int
is(const struct parse *ps, int i, const char *w)
{
	return tok_is(&ps->lx, i, w);
}

static inline int
seq(const struct parse *ps, int i, const char *w)
{
	return tok_seq(&ps->lx, i, w);
}

static inline int
punct(const struct parse *ps, int i, char c)
{
	return tk(ps, i)->type == TK_PUNCT && tk(ps, i)->w[0] == c;
}

static inline int
num(const struct parse *ps, int i)
{
	return tk(ps, i)->type == TK_NUM && tk(ps, i)->val == tk(ps, i)->n[0];
}

static inline int
year_ok(int y, int nd)
{
	return nd == 4 && y >= 1900 && y <= 2199;
}

/* A four-digit year at I: "2019". */
static inline int
year_at(const struct parse *ps, int i, int *y)
{
	if (!num(ps, i) || !year_ok(tk(ps, i)->n[0], tk(ps, i)->nd[0]))
		return 0;
	*y = tk(ps, i)->n[0];
	return 1;
}

/*
 * The year after a period: "/2019", "-2025", ".2020", " năm 2026",
 * " 2025".  Returns the tokens taken (0: no year, *Y = 0).
 */
static inline int
period_year(const struct parse *ps, int i, int *y)
{
	*y = 0;
	if ((punct(ps, i, '/') || punct(ps, i, '-') || punct(ps, i, '.')) &&
	    year_at(ps, i + 1, y))
		return 2;
	if (is(ps, i, "nam") && year_at(ps, i + 1, y))
		return 2;
	if (year_at(ps, i, y))
		return 1;
	return 0;
}

static inline int
roman(const char *w)
{
	static const char *const r[] = { "i", "ii", "iii", "iv" };
	int k;

	for (k = 0; k < 4; k++)
		if (strcmp(w, r[k]) == 0)
			return k + 1;
	return 0;
}

/* Shared by several constructions. */
int	c_spelled(struct parse *, int);
int	cycle_unit(const struct parse *, int, int *);
int	cycle_part(struct parse *, int, int);

/* The constructions, in the order phrase-cons.c tries them. */
int	c_status(struct parse *, int);
int	c_standing(struct parse *, int);
int	c_following(struct parse *, int);
int	c_nextyear(struct parse *, int);
int	c_every(struct parse *, int);
int	c_relative(struct parse *, int);
int	c_sameday(struct parse *, int);
int	c_event(struct parse *, int);
int	c_tet(struct parse *, int);
int	c_half(struct parse *, int);
int	c_span(struct parse *, int);
int	c_quota(struct parse *, int);
int	c_cycle(struct parse *, int);
int	c_minutes(struct parse *, int);
int	c_time(struct parse *, int);
int	c_nthweek(struct parse *, int);
int	c_weekday(struct parse *, int);
int	c_prevperiod(struct parse *, int);
int	c_month(struct parse *, int);
int	c_quarter(struct parse *, int);
int	c_date(struct parse *, int);
int	c_year(struct parse *, int);
int	c_vague(struct parse *, int);
int	c_soft(struct parse *, int);
int	c_alt(struct parse *, int);
int	c_ie(struct parse *, int);
int	c_bound(struct parse *, int);
int	c_sep(struct parse *, int);

#endif
