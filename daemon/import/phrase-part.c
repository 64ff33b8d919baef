/*
 * phrase-part.c: what the builders of a reading share: calendar days,
 * the notes of a reading (each said once), its flag, a new schedule, and
 * looking up the parts of a clause.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "phrase-int.h"

int
ymd_days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int
ymd_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= ymd_days_in(y, m);
}

void
ymd_prev(struct ymd *t)
{
	if (--t->d > 0)
		return;
	if (--t->m == 0) {
		t->m = 12;
		t->y--;
	}
	t->d = ymd_days_in(t->y, t->m);
}

void
ymd_next(struct ymd *t)
{
	if (++t->d <= ymd_days_in(t->y, t->m))
		return;
	t->d = 1;
	if (++t->m == 13) {
		t->m = 1;
		t->y++;
	}
}

void
phrase_note(struct phrase *ph, const char *fmt, ...)
{
	size_t n = strlen(ph->note);
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* A clause read again says the same things once. */
	if (strstr(ph->note, buf) != NULL || n + 3 >= sizeof(ph->note))
		return;
	if (n > 0) {
		memcpy(ph->note + n, "; ", 3);
		n += 2;
	}
	snprintf(ph->note + n, sizeof(ph->note) - n, "%s", buf);
}

void
ph_flag(struct phrase *ph, const char *fmt, const char *arg)
{
	ph->ambiguous = 1;
	phrase_note(ph, fmt, arg);
}

struct sched *
ph_sched_new(struct phrase *ph, enum phrase_kind kind)
{
	struct sched *s;

	if (ph->nsched == PHRASE_MAXSCHED) {
		ph_flag(ph, "more schedules than %s kept", "six");
		return NULL;
	}
	s = &ph->sched[ph->nsched++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->tod = -1;
	return s;
}

int
ph_has(const struct part *p, int n, enum part_type t)
{
	int k, c = 0;

	for (k = 0; k < n; k++)
		c += p[k].type == t;
	return c;
}

const struct part *
ph_first(const struct part *p, int n, enum part_type t)
{
	int k;

	for (k = 0; k < n; k++)
		if (p[k].type == t)
			return &p[k];
	return NULL;
}

int
ymd_same(const struct ymd *a, const struct ymd *b)
{
	return a->y == b->y && a->m == b->m && a->d == b->d;
}

int
ymd_before(const struct ymd *a, const struct ymd *b)
{
	return a->y != b->y ? a->y < b->y : a->m != b->m ? a->m < b->m :
	    a->d < b->d;
}
