/*
 * phrase-build-dates.c: a clause of dates and periods becomes deadlines
 * and windows: each date, month, quarter, half or year with the bound
 * before it ("trước", "chậm nhất", "đến hết", "từ", "-"), ranges from the
 * first to the last, a start alone, the Civil Code's day for "đầu/giữa/
 * cuối" (flagged), and a year taken from the plan when none is written.
 */
#include <stdio.h>
#include <string.h>

#include "phrase-int.h"

/* The span of a date-like part: its first and last day. */
struct span {
	struct ymd	 a, b;
	int		 unit;		/* 0 a day, else the enum cycle */
	int		 noyear;
};

static int
year_of(struct parse *ps, int y, int *assumed)
{
	if (y != 0)
		return y;
	*assumed = 1;
	return ps->year;
}

static int
span_of(struct parse *ps, const struct part *p, int next, struct span *s)
{
	int y, assumed = 0;

	memset(s, 0, sizeof(*s));
	switch (p->type) {
	case PT_DATE:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		if (!ymd_valid(y, p->b, p->a))
			return 0;
		ymd_set(&s->a, y, p->b, p->a);
		s->b = s->a;
		break;
	case PT_MONTH:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		ymd_set(&s->a, y, p->a, 1);
		ymd_set(&s->b, y, p->b, ymd_days_in(y, p->b));
		s->unit = CY_MONTHLY;
		break;
	case PT_QUARTER:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		ymd_set(&s->a, y, p->a * 3 - 2, 1);
		ymd_set(&s->b, y, p->a * 3, ymd_days_in(y, p->a * 3));
		s->unit = CY_QUARTERLY;
		break;
	case PT_HALF:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		ymd_set(&s->a, y, p->a == 1 ? 1 : 7, 1);
		ymd_set(&s->b, y, p->a == 1 ? 6 : 12, p->a == 1 ? 30 : 31);
		s->unit = CY_HALF;
		break;
	case PT_YEAR:
		ymd_set(&s->a, p->c, 1, 1);
		ymd_set(&s->b, p->d, 12, 31);
		s->unit = CY_YEARLY;
		break;
	default:
		return 0;
	}
	if (assumed) {
		if (ps->year == 0)
			return 0;
		s->noyear = 1;
	} else if (ps->year != 0 && s->b.y < ps->year) {
		/* "Quý III/2019" in a plan for 2020: probably a typo. */
		ps->ph->ambiguous = 1;
		phrase_note(ps->ph, "%04d is before the plan's year %d", s->b.y,
		    ps->year);
	}
	return ymd_valid(s->a.y, s->a.m, s->a.d) && ymd_valid(s->b.y, s->b.m,
	    s->b.d);
}

/* The date-like parts of a clause, with the bound before each. */
struct item {
	struct span	 sp;
	int		 bound;
	int		 tod;
	int		 tfrom;		/* "từ 07h00 đến 19h00 ngày X" */
	const struct part *p;
};

void
build_dates(struct parse *ps, const struct part *p, int n, int dated)
{
	struct phrase *ph = ps->ph;
	struct item it[8];
	struct sched *s;
	const struct part *vg = NULL;
	int k, ni = 0, bound = 0, tod = -1, next = ph_has(p, n, PT_NEXTYEAR) > 0;
	int tfrom = -1;
	int soft = ph_has(p, n, PT_SOFT) > 0, follow = ph_has(p, n, PT_FOLLOWING);

	for (k = 0; k < n && ni < 8; k++) {
		/* Beside a cycle only dated periods bound it. */
		if (dated && (p[k].type == PT_DAY || p[k].type == PT_VAGUE ||
		    ((p[k].type == PT_DATE || p[k].type == PT_MONTH ||
		    p[k].type == PT_QUARTER || p[k].type == PT_HALF) &&
		    p[k].c == 0)))
			continue;
		switch (p[k].type) {
		case PT_BOUND:
			/* "chậm nhất trong tháng 01/2026": the month. */
			bound = p[k].a;
			break;
		case PT_TIME:
			/* "07 giờ 30 ngày X", "từ 8h00 ngày X". */
			if (tod >= 0 && bound == BD_UNTIL)
				tfrom = tod;
			tod = p[k].a;
			if (ni > 0 && it[ni - 1].tod == -1 && (k + 1 == n ||
			    p[k + 1].type != PT_DATE))
				it[ni - 1].tod = tod, tod = -1;
			break;
		case PT_VAGUE:
			if (p[k].a != VG_WORD)
				vg = &p[k];
			break;
		case PT_DAY:
			/* "Từ ngày 05 đến 31/5/2021": month from the end. */
			memset(&it[ni], 0, sizeof(it[ni]));
			it[ni].p = &p[k];
			it[ni].bound = bound;
			it[ni].tod = tod;
			it[ni].tfrom = tfrom;
			tfrom = -1;
			it[ni].sp.unit = -1;
			it[ni].sp.a.d = it[ni].sp.b.d = p[k].a;
			ni++;
			bound = 0;
			tod = -1;
			break;
		case PT_DATE:
		case PT_MONTH:
		case PT_QUARTER:
		case PT_HALF:
		case PT_YEAR:
			if (!span_of(ps, &p[k], next, &it[ni].sp)) {
				ph_flag(ph, "%s", ps->year == 0 ? "a date with no "
				    "year, and no year known" : "a date that "
				    "does not exist");
				break;
			}
			it[ni].p = &p[k];
			it[ni].bound = bound;
			it[ni].tod = tod;
			it[ni].tfrom = tfrom;
			tfrom = -1;
			if (vg != NULL && it[ni].sp.unit != 0) {
				/* "cuối tháng 6/2025": the legal day. */
				if (vg->a == VG_START)
					it[ni].sp.b = it[ni].sp.a;
				else if (vg->a == VG_MIDDLE) {
					if (it[ni].sp.unit == CY_MONTHLY)
						it[ni].sp.b.d = 15;
					else if (it[ni].sp.unit == CY_YEARLY)
						ymd_set(&it[ni].sp.b, it[ni].sp.a.y,
						    6, 30);
				}
				it[ni].sp.unit = 0;
				it[ni].sp.a = it[ni].sp.b;
				vg = NULL;
			}
			ni++;
			bound = 0;
			tod = -1;
			break;
		default:
			break;
		}
	}
	if (vg != NULL && ni == 0) {
		/* "Cuối năm" alone: of the plan's year, the legal day. */
		if (vg->b == CY_YEARLY && ps->year != 0 &&
		    (s = ph_sched_new(ph, PH_ONCE)) != NULL) {
			ymd_set(&s->due, ps->year, vg->a == VG_START ? 1 :
			    vg->a == VG_MIDDLE ? 6 : 12, vg->a == VG_START ? 1 :
			    vg->a == VG_MIDDLE ? 30 : 31);
			ph->year_assumed = 1;
			ph_flag(ph, "\"%s\": the Civil Code's day chosen (art. 146)",
			    vg->text);
			return;
		}
		ph_flag(ph, "\"%s\" with no period named", vg->text);
		return;
	}
	/* Days inherit month and year from the date after them. */
	for (k = 0; k < ni; k++)
		if (it[k].sp.unit == -1) {
			if (k + 1 < ni && it[k + 1].sp.unit == 0 &&
			    it[k].sp.a.d <= ymd_days_in(it[k + 1].sp.a.y,
			    it[k + 1].sp.a.m) && it[k].sp.a.d > 0) {
				it[k].sp.a.y = it[k].sp.b.y = it[k + 1].sp.a.y;
				it[k].sp.a.m = it[k].sp.b.m = it[k + 1].sp.a.m;
				it[k].sp.unit = 0;
			} else {
				ph_flag(ph, "%s", "a day with no month or cycle");
				memmove(&it[k], &it[k + 1], (size_t)(ni - k - 1) *
				    sizeof(it[0]));
				ni--;
				k--;
			}
		}
	/* "Từ 7h00 đến 17h00": hours of a day given elsewhere. */
	if (ni == 0 && tod >= 0 && !dated) {
		if ((s = ph_sched_new(ph, PH_WINDOW)) != NULL)
			s->tod = tod;
		ph_flag(ph, "%s", "hours with no date: the day comes from "
		    "elsewhere, so no deadline");
		return;
	}
	for (k = 0; k < ni; k++) {
		struct item *a = &it[k], *b = k + 1 < ni ? &it[k + 1] : NULL;

		/* A range: "từ X đến Y", "X - Y", "Quý IV/2025- Quý II/2026". */
		if (b != NULL && (b->bound == BD_UNTIL || b->bound == BD_TO ||
		    (b->bound == BD_BEFORE && a->bound == BD_FROM)) &&
		    (a->bound == BD_FROM || a->bound == 0 ||
		    a->bound == BD_WITHIN)) {
			if ((s = ph_sched_new(ph, PH_WINDOW)) == NULL)
				return;
			if (a->sp.noyear && !b->sp.noyear) {
				/* "từ tháng 6 đến tháng 9/2026". */
				a->sp.a.y = b->sp.a.y;
				if (!ymd_valid(a->sp.a.y, a->sp.a.m, a->sp.a.d))
					a->sp.a.d = 28;
			}
			if (b->sp.noyear)
				ph->year_assumed = s->noyear = 1;
			s->from = a->sp.a;
			if (a->sp.a.y > b->sp.b.y || (a->sp.a.y == b->sp.b.y &&
			    (a->sp.a.m > b->sp.b.m || (a->sp.a.m == b->sp.b.m &&
			    a->sp.a.d > b->sp.b.d)))) {
				if (a->p->type == PT_DATE && a->p->c == 0)
					s->from.y--;
				else
					ph_flag(ph, "%s", "a range that ends "
					    "before it starts");
			}
			s->due = b->sp.b;
			s->tod = b->tod == 24 * 3600 ? -1 : b->tod;
			if (b->bound == BD_BEFORE) {
				s->limit = s->due = b->sp.a;
				if (b->tod < 0)
					ymd_prev(&s->due);
			}
			s->soft = soft;
			k++;
			continue;
		}
		/* "năm 2025 trước ngày 08/4/2025": the year is context. */
		if (a->sp.unit == CY_YEARLY && a->bound == 0 && a->sp.a.y ==
		    a->sp.b.y) {
			int j, ctx = 0;

			for (j = 0; j < ni; j++)
				ctx |= j != k && it[j].sp.unit == 0 &&
				    it[j].sp.a.y == a->sp.a.y;
			if (ctx)
				continue;
		}
		if (a->bound == BD_FROM) {
			if (follow && a->sp.unit == CY_YEARLY)
				continue;
			if (a->sp.unit == CY_YEARLY) {
				if ((s = ph_sched_new(ph, PH_ONGOING)) == NULL)
					return;
				s->from = a->sp.a;
				s->open_end = 1;
				ph_flag(ph, "%s", "a start with no end: a standing "
				    "duty from then, with no horizon");
				continue;
			}
			if ((s = ph_sched_new(ph, PH_ONCE)) == NULL)
				return;
			if (a->sp.noyear)
				ph->year_assumed = 1;
			s->due = a->sp.a;
			s->tod = a->tod;
			s->start = 1;
			continue;
		}
		if ((s = ph_sched_new(ph, a->sp.unit == 0 || a->bound ==
		    BD_BEFORE ? PH_ONCE : PH_WINDOW)) == NULL)
			return;
		if (a->sp.noyear)
			ph->year_assumed = s->noyear = 1;
		s->soft = soft;
		s->tod = a->tod == 24 * 3600 ? -1 : a->tod;
		if (a->bound == BD_BEFORE) {
			/* X excluded: due the day before, X the hard limit. */
			s->limit = a->sp.a;
			s->due = a->sp.a;
			if (a->tod < 0)
				ymd_prev(&s->due);
			continue;
		}
		s->from = a->sp.a;
		s->due = a->sp.b;
		if (a->sp.unit == 0 && a->tfrom >= 0)
			s->kind = PH_WINDOW;	/* "từ 07h00 đến 19h00 ngày X" */
		else if (a->sp.unit == 0)
			memset(&s->from, 0, sizeof(s->from));
		else if (a->bound == BD_UNTIL || a->bound == BD_LATEST) {
			/* "Đến hết quý I": a deadline at the period's end. */
			s->kind = PH_ONCE;
			memset(&s->from, 0, sizeof(s->from));
		}
	}
}
