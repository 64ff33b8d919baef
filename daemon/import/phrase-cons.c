/*
 * phrase-cons.c: the constructions of the timing-phrase grammar, one
 * small function each, tried in table order at every token not yet used.
 * A construction that matches marks its tokens used and adds parts (a
 * date, a period, a cycle, a bound, a relative period, ...); the builder
 * (phrase-build.c) turns the parts into the reading.  Words that no
 * construction wants are looked up in the filler table (phrase-filler.c);
 * what is in neither stays unread and flags the reading.  The
 * constructions live by subject in phrase-cons-date.c, -cycle.c, -rel.c
 * and -word.c.
 *
 * To extend the grammar: write a function that recognises the new
 * wording at position I and returns the number of tokens it consumed,
 * declare it in phrase-cons.h, add it to the table "constructions" below,
 * before any shorter construction
 * that would catch its first words, and add the phrase to the tests.
 * Words that carry timing (trước, sau, đầu, cuối, tuần, tháng, quý,
 * năm, ngày, khi, ...) must never be fillers.
 */
#include <stddef.h>

#include "phrase-cons.h"

typedef int (*cons_fn)(struct parse *, int);

static const cons_fn constructions[] = {
	c_spelled,
	c_status,
	c_standing,
	c_following,
	c_nextyear,
	c_every,
	c_sameday,
	c_relative,
	c_event,
	c_tet,
	c_half,
	c_span,
	c_quota,
	c_cycle,
	c_minutes,
	c_time,
	c_nthweek,
	c_weekday,
	c_prevperiod,
	c_month,
	c_quarter,
	c_date,
	c_year,
	c_vague,
	c_soft,
	c_alt,
	c_ie,
	c_bound,
	c_sep,
};

void
phrase_scan(struct parse *ps)
{
	size_t k;
	int i, n;

	for (i = 0; i < ps->lx.n;) {
		if (ps->lx.t[i].used) {
			i++;
			continue;
		}
		for (k = 0; k < sizeof(constructions) /
		    sizeof(constructions[0]); k++)
			if ((n = constructions[k](ps, i)) > 0)
				break;
		if (k < sizeof(constructions) / sizeof(constructions[0])) {
			use(ps, i, n);
			i += n;
			continue;
		}
		if ((n = phrase_filler_len(&ps->lx, i)) > 0) {
			int j;

			for (j = i; j < i + n; j++)
				ps->lx.t[j].filler = 1;
			i += n;
			continue;
		}
		/* A lone punctuation mark carries nothing. */
		if (ps->lx.t[i].type == TK_PUNCT && ps->lx.t[i].w[0] != '~')
			ps->lx.t[i].filler = 1;
		i++;
	}
}
