/*
 * phrase-build.c: the last step of reading a timing phrase: the parts
 * the constructions found are grouped into clauses (at commas, brackets,
 * "và"), each clause gives its schedules, and the schedules are put
 * together: a window bounds the recurrence beside it, a start joins the
 * deadline after it, and what remains several is a multi reading.
 *
 * The conventions are those of the Civil Code 2015, arts. 144-148, as
 * civil servants apply them: "trước ngày X" is due the day before X;
 * "chậm nhất (là) ngày X", "đến (hết) ngày X" and a bare date on X; a
 * month, quarter (31/3, 30/6, 30/9, 31/12), half (30/6, 31/12) or year is
 * a window due on its last day; "trước năm Y" is due on 31/12 of Y-1;
 * "đầu/giữa/cuối" tháng or năm are the 1st, the 15th (30/6) and the last
 * day, always flagged.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrase-int.h"
#include "xmalloc.h"

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

static void
flag(struct phrase *ph, const char *fmt, const char *arg)
{
	ph->ambiguous = 1;
	phrase_note(ph, fmt, arg);
}

static void
set(struct ymd *t, int y, int m, int d)
{
	t->y = y;
	t->m = m;
	t->d = d;
}

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
		set(&s->a, y, p->b, p->a);
		s->b = s->a;
		break;
	case PT_MONTH:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		set(&s->a, y, p->a, 1);
		set(&s->b, y, p->b, ymd_days_in(y, p->b));
		s->unit = CY_MONTHLY;
		break;
	case PT_QUARTER:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		set(&s->a, y, p->a * 3 - 2, 1);
		set(&s->b, y, p->a * 3, ymd_days_in(y, p->a * 3));
		s->unit = CY_QUARTERLY;
		break;
	case PT_HALF:
		y = year_of(ps, p->c, &assumed) + (p->c == 0 ? next : 0);
		set(&s->a, y, p->a == 1 ? 1 : 7, 1);
		set(&s->b, y, p->a == 1 ? 6 : 12, p->a == 1 ? 30 : 31);
		s->unit = CY_HALF;
		break;
	case PT_YEAR:
		set(&s->a, p->c, 1, 1);
		set(&s->b, p->d, 12, 31);
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

static struct sched *
sched_new(struct phrase *ph, enum phrase_kind kind)
{
	struct sched *s;

	if (ph->nsched == PHRASE_MAXSCHED) {
		flag(ph, "more schedules than %s kept", "six");
		return NULL;
	}
	s = &ph->sched[ph->nsched++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->tod = -1;
	return s;
}

static int
has(const struct part *p, int n, enum part_type t)
{
	int k, c = 0;

	for (k = 0; k < n; k++)
		c += p[k].type == t;
	return c;
}

static const struct part *
first(const struct part *p, int n, enum part_type t)
{
	int k;

	for (k = 0; k < n; k++)
		if (p[k].type == t)
			return &p[k];
	return NULL;
}

static int
is_head(enum part_type t)
{
	return t == PT_DATE || t == PT_MONTH || t == PT_QUARTER ||
	    t == PT_HALF || t == PT_YEAR || t == PT_REL ||
	    t == PT_EVENT || t == PT_STANDING || t == PT_STATUS ||
	    t == PT_QMONTH;
}

static int
is_head_part(const struct part *p)
{
	return p->type == PT_CYCLE ? p->a != CY_PERIODIC : is_head(p->type);
}

static const char *const bydays[] = { "", "MO", "TU", "WE", "TH", "FR",
    "SA", "SU" };

/*
 * A recurrence of cycle CY, anchored by the clause's days, weekdays,
 * months, dates and times.
 */
static void
build_cycle(struct parse *ps, const struct part *p, int n, int cy)
{
	struct phrase *ph = ps->ph;
	const struct part *day = first(p, n, PT_DAY), *wd = NULL, *qm = first(p, n, PT_QMONTH), *tm = first(p, n,
	    PT_TIME), *q = first(p, n, PT_QUOTA), *mo = NULL, *vg;
	const struct part *dates[4];
	struct sched *s;
	int k, nd = 0, before = 0, from = 0, next = has(p, n, PT_NEXTYEAR) > 0;
	char r[128];

	struct part wdm;

	memset(&wdm, 0, sizeof(wdm));
	for (k = 0; k < n; k++) {
		/* "thứ ba, tuần thứ ba": the day and the week, together. */
		if (p[k].type == PT_WEEKDAY) {
			if (p[k].a != 0)
				wdm.a = p[k].a;
			if (p[k].b != 0)
				wdm.b = p[k].b;
			wd = &wdm;
		}
		if (p[k].type == PT_BOUND && p[k].a == BD_BEFORE)
			before = 1;
		if (p[k].type == PT_BOUND && p[k].a == BD_FROM)
			from = 1;
		if (p[k].type == PT_DATE && p[k].c == 0 && nd < 4)
			dates[nd++] = &p[k];
		if (p[k].type == PT_MONTH && p[k].c == 0 && mo == NULL)
			mo = &p[k];
	}
	if ((s = sched_new(ph, PH_RECUR)) == NULL)
		return;
	if (q != NULL)
		s->quota = q->a;
	if (tm != NULL)
		s->tod = tm->a == 24 * 3600 ? -1 : tm->a;
	r[0] = '\0';
	if (nd == 2 && from && cy == CY_YEARLY) {
		/* "từ ngày 01 tháng 11 đến hết ngày 31 tháng 12 hằng năm". */
		snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;BYMONTHDAY=%d",
		    dates[1]->b, dates[1]->a);
		phrase_note(ph, "each year from %02d/%02d", dates[0]->a,
		    dates[0]->b);
		nd = 1;
		dates[0] = dates[1];
		goto done;
	}
	if (nd > 1) {
		flag(ph, "%s", "several dates for one recurrence: the first "
		    "chosen");
		nd = 1;
	}
	switch (cy) {
	case CY_DAILY:
		snprintf(r, sizeof(r), "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
		phrase_note(ph, "daily: on working days");
		break;
	case CY_WEEKLY:
		if (wd != NULL && wd->a > 0)
			snprintf(r, sizeof(r), "FREQ=WEEKLY;BYDAY=%s",
			    bydays[wd->a]);
		else {
			snprintf(r, sizeof(r), "FREQ=WEEKLY;BYDAY=FR");
			phrase_note(ph, "no weekday given: due on Fridays, "
			    "the week's last working day");
		}
		if (before && tm == NULL && wd != NULL) {
			flag(ph, "%s", "\"trước thứ ...\": due on that day");
		}
		break;
	case CY_MONTHLY:
		if (wd != NULL && wd->a > 0 && wd->b != 0)
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYDAY=%s;"
			    "BYSETPOS=%d", bydays[wd->a], wd->b);
		else if (wd != NULL && wd->b != 0 && day == NULL) {
			/* "tuần đầu tiên của tháng": by that week's Friday. */
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYDAY=FR;"
			    "BYSETPOS=%d", wd->b);
			flag(ph, "%s", "a week with no weekday: its Friday "
			    "chosen");
		} else if (day != NULL && !from && has(p, n, PT_DAY) > 1) {
			/* "ngày 15 hằng tháng và ngày cuối tháng": both. */
			size_t o = (size_t)snprintf(r, sizeof(r),
			    "FREQ=MONTHLY;BYMONTHDAY=");
			int nd2 = 0;

			for (k = 0; k < n && o < sizeof(r); k++)
				if (p[k].type == PT_DAY) {
					int d = p[k].a - (before && tm == NULL &&
					    p[k].a > 0);

					o += (size_t)snprintf(r + o, sizeof(r) - o,
					    "%s%d", nd2++ ? "," : "",
					    d <= 0 || d == 31 ? -1 : d);
					if (d > 28 && d < 31)
						flag(ph, "%s", "not every month "
						    "has that day: those months "
						    "are skipped");
				}
		} else if (day != NULL) {
			int d = day->a;

			/* "Từ ngày 25 đến ngày 30 hằng tháng": due the 30th. */
			if (from && has(p, n, PT_DAY) > 1) {
				for (k = n - 1; p[k].type != PT_DAY; k--)
					;
				phrase_note(ph, "each month from the %d",
				    day->a);
				d = p[k].a;
			}

			if (before && tm == NULL && d > 0)
				d--;
			if (d == 0 || d == -1 || d == 31)
				snprintf(r, sizeof(r), "FREQ=MONTHLY;"
				    "BYMONTHDAY=-1");
			else {
				snprintf(r, sizeof(r), "FREQ=MONTHLY;"
				    "BYMONTHDAY=%d", d);
				if (d > 28)
					flag(ph, "%s", "not every month has "
					    "that day: those months are "
					    "skipped");
			}
		} else if (nd == 1) {
			flag(ph, "%s", "a date for a monthly cycle: its day "
			    "chosen");
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=%d",
			    dates[0]->a - (before && tm == NULL));
		} else {
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=-1");
			if (wd != NULL)
				flag(ph, "%s", "a weekday with no week of the "
				    "month: the month's last day chosen");
			else
				phrase_note(ph, "no day given: due on the "
				    "month's last day");
		}
		break;
	case CY_QUARTERLY:
		if (day != NULL) {
			int d = day->a - (before && tm == NULL && day->a > 0);
			int m0 = qm != NULL ? qm->a : 3;

			if (qm == NULL)
				flag(ph, "%s", "a day with no month of the "
				    "quarter: the quarter's last month chosen");
			if (m0 == 4 || m0 == 1)
				snprintf(r, sizeof(r), "FREQ=YEARLY;"
				    "BYMONTH=1,4,7,10;BYMONTHDAY=%d", d ? d :
				    1);
			else
				snprintf(r, sizeof(r), "FREQ=YEARLY;"
				    "BYMONTH=3,6,9,12;BYMONTHDAY=%d", d ? d :
				    -1);
			if (d == 0)
				flag(ph, "%s", "\"trước ngày 01\": the day before "
				    "is in another month");
		} else if (nd == 1) {
			int m = dates[0]->b, d = dates[0]->a;

			if (before && tm == NULL && --d == 0)
				d = -1;
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d,%d,%d,%d;"
			    "BYMONTHDAY=%d", (m - 1) % 3 + 1, (m - 1) % 3 + 4,
			    (m - 1) % 3 + 7, (m - 1) % 3 + 10, d);
		} else {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=3,6,9,12;"
			    "BYMONTHDAY=-1");
			phrase_note(ph, "no day given: due on the quarter's "
			    "last day");
		}
		break;
	case CY_HALF:
	case CY_YEARLY:
		if (nd == 1) {
			struct ymd t;

			set(&t, 2001, dates[0]->b, dates[0]->a);
			if (before && tm == NULL) {
				s->limit = t;
				ymd_prev(&t);
			}
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=%d", t.m, t.d);
			if (cy == CY_HALF)
				phrase_note(ph, "the half-year's report, once a "
				    "year on that date");
		} else if (mo != NULL) {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=-1", mo->b);
		} else if (first(p, n, PT_QUARTER) != NULL &&
		    first(p, n, PT_QUARTER)->c == 0) {
			/* "Quý I hằng năm": the quarter's last day. */
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=-1", first(p, n, PT_QUARTER)->a * 3);
		} else if (first(p, n, PT_HALF) != NULL &&
		    first(p, n, PT_HALF)->c == 0) {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=-1", first(p, n, PT_HALF)->a * 6);
		} else if (cy == CY_HALF)
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=6,12;"
			    "BYMONTHDAY=-1");
		else {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=12;"
			    "BYMONTHDAY=31");
			if (day != NULL)
				flag(ph, "%s", "a day with no month for a yearly "
				    "cycle: 31/12 chosen");
			else
				phrase_note(ph, "no day given: due on 31/12");
		}
		if (next)
			phrase_note(ph, "of the following year");
		break;
	default:
		snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=3,6,9,12;"
		    "BYMONTHDAY=-1");
		flag(ph, "%s", "\"định kỳ\" with no period: quarterly chosen");
		break;
	}
done:
	if ((vg = first(p, n, PT_VAGUE)) != NULL && vg->a != VG_WORD &&
	    day == NULL && nd == 0) {
		/* "cuối tháng", "đầu quý" inside a cycle: the legal day. */
		if (cy == CY_MONTHLY && vg->b == CY_MONTHLY)
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=%s",
			    vg->a == VG_START ? "1" : vg->a == VG_MIDDLE ?
			    "15" : "-1");
	}
	snprintf(s->rrule, sizeof(s->rrule), "%s", r);
}

/* The date-like parts of a clause, with the bound before each. */
struct item {
	struct span	 sp;
	int		 bound;
	int		 tod;
	int		 tfrom;		/* "từ 07h00 đến 19h00 ngày X" */
	const struct part *p;
};

static void
build_dates(struct parse *ps, const struct part *p, int n, int dated)
{
	struct phrase *ph = ps->ph;
	struct item it[8];
	struct sched *s;
	const struct part *vg = NULL;
	int k, ni = 0, bound = 0, tod = -1, next = has(p, n, PT_NEXTYEAR) > 0;
	int tfrom = -1;
	int soft = has(p, n, PT_SOFT) > 0, follow = has(p, n, PT_FOLLOWING);

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
				flag(ph, "%s", ps->year == 0 ? "a date with no "
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
						set(&it[ni].sp.b, it[ni].sp.a.y,
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
		    (s = sched_new(ph, PH_ONCE)) != NULL) {
			set(&s->due, ps->year, vg->a == VG_START ? 1 :
			    vg->a == VG_MIDDLE ? 6 : 12, vg->a == VG_START ? 1 :
			    vg->a == VG_MIDDLE ? 30 : 31);
			ph->year_assumed = 1;
			flag(ph, "\"%s\": the Civil Code's day chosen (art. 146)",
			    vg->text);
			return;
		}
		flag(ph, "\"%s\" with no period named", vg->text);
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
				flag(ph, "%s", "a day with no month or cycle");
				memmove(&it[k], &it[k + 1], (size_t)(ni - k - 1) *
				    sizeof(it[0]));
				ni--;
				k--;
			}
		}
	/* "Từ 7h00 đến 17h00": hours of a day given elsewhere. */
	if (ni == 0 && tod >= 0 && !dated) {
		if ((s = sched_new(ph, PH_WINDOW)) != NULL)
			s->tod = tod;
		flag(ph, "%s", "hours with no date: the day comes from "
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
			if ((s = sched_new(ph, PH_WINDOW)) == NULL)
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
					flag(ph, "%s", "a range that ends "
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
				if ((s = sched_new(ph, PH_ONGOING)) == NULL)
					return;
				s->from = a->sp.a;
				s->open_end = 1;
				flag(ph, "%s", "a start with no end: a standing "
				    "duty from then, with no horizon");
				continue;
			}
			if ((s = sched_new(ph, PH_ONCE)) == NULL)
				return;
			if (a->sp.noyear)
				ph->year_assumed = 1;
			s->due = a->sp.a;
			s->tod = a->tod;
			s->start = 1;
			continue;
		}
		if ((s = sched_new(ph, a->sp.unit == 0 || a->bound ==
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

/*
 * Whether a clause holds only what anchors a cycle: days, dates with no
 * year, bounds, times.
 */
static int
anchors_only(const struct part *p, int n)
{
	int k, dates = 0;

	for (k = 0; k < n; k++) {
		if ((p[k].type == PT_DATE && p[k].c == 0) ||
		    p[k].type == PT_DAY)
			dates++;
		else if (p[k].type != PT_BOUND && p[k].type != PT_TIME &&
		    p[k].type != PT_VAGUE && p[k].type != PT_QMONTH &&
		    p[k].type != PT_NEXTYEAR)
			return 0;
	}
	return dates > 0;
}

/* A clause: parts P[0..N-1], between separators. */
static void
build_clause(struct parse *ps, const struct part *p, int n)
{
	struct phrase *ph = ps->ph;
	struct sched *s;
	int k, cy[8], ncy = 0, j, start = ph->nsched;

	for (k = 0; k < n; k++) {
		if (p[k].type == PT_REL && p[k].d && ph->nsched > 0 &&
		    ph->sched[ph->nsched - 1].kind == PH_RELATIVE) {
			phrase_note(ph, "at most %g %s after: %s", p[k].f,
			    p[k].a == REL_WORKDAYS ? "working days" : p[k].a ==
			    REL_MONTHS ? "months" : p[k].a == REL_HOURS ?
			    "hours" : "days", p[k].text);
			continue;
		}
		if (p[k].type == PT_REL) {
			if ((s = sched_new(ph, PH_RELATIVE)) == NULL)
				return;
			s->rel_n = p[k].f * p[k].b;
			s->rel_unit = p[k].a;
			snprintf(s->trigger, sizeof(s->trigger), "%s",
			    p[k].text);
			if (p[k].text[0] == '\0')
				flag(ph, "%s", "a period with no trigger named: "
				    "it starts when the task is started");
			if (p[k].f != (int)p[k].f)
				phrase_note(ph, "a fraction of a working day: "
				    "0.25 day is two office hours");
		} else if (p[k].type == PT_EVENT) {
			if ((s = sched_new(ph, PH_RELATIVE)) == NULL)
				return;
			snprintf(s->trigger, sizeof(s->trigger), "%s",
			    p[k].text);
			if (p[k].b) {
				s->kind = PH_ONGOING;
				s->open_end = 1;
				flag(ph, "%s", "until an event: a standing duty "
				    "with no horizon");
			} else
				phrase_note(ph, "after an event, no period: due "
				    "when the task is started");
		} else if (p[k].type == PT_CYCLE && p[k].a != CY_PERIODIC) {
			for (j = 0; j < ncy && cy[j] != p[k].a; j++)
				;
			if (j == ncy && ncy < 8)
				cy[ncy++] = p[k].a;
		}
	}
	if (ncy == 0 && has(p, n, PT_QMONTH))
		cy[ncy++] = CY_QUARTERLY;
	/*
	 * "ngày 31 tháng 01 của năm sau liền kề": a day of the year after
	 * each reference year, so once a year.
	 */
	if (ncy == 0 && ps->yearly && ((first(p, n, PT_DATE) != NULL &&
	    first(p, n, PT_DATE)->c == 0) || (first(p, n, PT_MONTH) != NULL &&
	    first(p, n, PT_MONTH)->c == 0))) {
		/* "Trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm". */
		cy[ncy++] = CY_YEARLY;
		phrase_note(ph, "\"hằng năm\" covers every date named");
	}
	if (ncy == 0 && ps->nextyear && first(p, n, PT_DATE) != NULL &&
	    first(p, n, PT_DATE)->c == 0) {
		cy[ncy++] = CY_YEARLY;
		phrase_note(ph, "the year after each reference year: yearly");
	}
	/* "Định kỳ" naming no period is not read: no cycle is guessed. */
	if (ncy == 0 && has(p, n, PT_CYCLE) && !ps->cycles)
		flag(ph, "%s", "\"định kỳ\" names no period");
	if (has(p, n, PT_STANDING)) {
		if ((s = sched_new(ph, PH_ONGOING)) == NULL)
			return;
		if (has(p, n, PT_FOLLOWING))
			s->open_end = 1;
	}
	/* A weekday with no cycle: "vào thứ 6" with nothing else. */
	if (ncy == 0 && has(p, n, PT_WEEKDAY) && !has(p, n, PT_DATE))
		flag(ph, "%s", "a weekday with no cycle or date");
	for (k = 0; k < ncy; k++)
		build_cycle(ps, p, n, cy[k]);
	if (ncy > 1)
		phrase_note(ph, "one schedule for each period named");
	if (ncy == 0 && !has(p, n, PT_REL) && !has(p, n, PT_EVENT))
		build_dates(ps, p, n, 0);
	else if (ncy > 0) {
		/* Dated bounds of a recurrence: "từ 16/4/2025 - 31/10/2025". */
		int before = ph->nsched;

		build_dates(ps, p, n, 1);
		for (k = before; k < ph->nsched; k++)
			if (ph->sched[k].kind != PH_WINDOW)
				break;
		(void)start;
	}
	if (has(p, n, PT_STATUS) && ph->nsched == start) {
		const struct part *st = first(p, n, PT_STATUS);

		if ((s = sched_new(ph, PH_NONE)) == NULL)
			return;
		snprintf(s->trigger, sizeof(s->trigger), "%s", st->text);
		flag(ph, "not a schedule (\"%s\"): imported without a deadline",
		    st->text);
	}
}

static int
same(const struct ymd *a, const struct ymd *b)
{
	return a->y == b->y && a->m == b->m && a->d == b->d;
}

static int
before(const struct ymd *a, const struct ymd *b)
{
	return a->y != b->y ? a->y < b->y : a->m != b->m ? a->m < b->m :
	    a->d < b->d;
}

static void
drop(struct phrase *ph, int k)
{
	memmove(&ph->sched[k], &ph->sched[k + 1], (size_t)(ph->nsched - k -
	    1) * sizeof(ph->sched[0]));
	ph->nsched--;
}

/* Puts the schedules of the clauses together. */
static void
combine(struct parse *ps)
{
	struct phrase *ph = ps->ph;
	int k, j, nrec = 0, win = -1, nwin = 0, follow = 0, std = -1;

	for (k = 0; k < ps->np; k++) {
		if (ps->p[k].type == PT_FOLLOWING)
			follow = 1;
		/* "... và các năm tiếp theo đến năm 2030": an end after all. */
		if (follow && ps->p[k].type == PT_BOUND &&
		    ps->p[k].a == BD_UNTIL)
			follow = 0;
	}
	for (k = 0; k < ph->nsched; k++) {
		if (ph->sched[k].kind == PH_RECUR)
			nrec++;
		if (ph->sched[k].kind == PH_WINDOW) {
			win = k;
			nwin++;
		}
		if (ph->sched[k].kind == PH_ONGOING)
			std = k;
	}
	/* "và các năm tiếp theo": open-ended from the first year named. */
	if (follow) {
		if (nwin >= 1 && ph->sched[win].due.y > ph->sched[0].from.y &&
		    win > 0 && ph->sched[0].kind == PH_WINDOW &&
		    ph->sched[0].from.y == ph->sched[0].due.y &&
		    ph->sched[0].due.m == 12) {
			/* "năm 2025 và các năm tiếp theo đến năm 2030". */
			ph->sched[win].from = ph->sched[0].from;
			drop(ph, 0);
			return;
		}
		if (std == -1 && nwin >= 1) {
			ph->sched[win].kind = PH_ONGOING;
			ph->sched[win].open_end = 1;
			memset(&ph->sched[win].due, 0, sizeof(struct ymd));
		} else if (std == -1 && nrec == 0 && ph->nsched == 0) {
			flag(ph, "%s", "\"các năm tiếp theo\" with no first "
			    "year");
			return;
		}
		for (k = 0; k < ph->nsched; k++)
			if (ph->sched[k].kind == PH_RECUR ||
			    ph->sched[k].kind == PH_ONGOING)
				ph->sched[k].open_end = 1;
		flag(ph, "%s", "\"và các năm tiếp theo\": no end; it does not "
		    "end with the plan's period");
	}
	/* A dated window bounds the recurrences beside it. */
	if (nwin == 1 && nrec > 0 && ph->sched[win].from.y != 0 &&
	    !ph->sched[win].noyear) {
		for (k = 0; k < ph->nsched; k++)
			if (ph->sched[k].kind == PH_RECUR) {
				ph->sched[k].from = ph->sched[win].from;
				ph->sched[k].until = ph->sched[win].due;
			}
		phrase_note(ph, "the recurrence runs from %02d/%02d/%04d to "
		    "%02d/%02d/%04d", ph->sched[win].from.d,
		    ph->sched[win].from.m, ph->sched[win].from.y,
		    ph->sched[win].due.d, ph->sched[win].due.m,
		    ph->sched[win].due.y);
		drop(ph, win);
	}
	/* "bắt đầu từ tháng 4/2020, hoàn thành trước ngày 30/6/2020". */
	for (k = 0; k + 1 < ph->nsched; k++) {
		struct sched *a = &ph->sched[k], *b = &ph->sched[k + 1];

		if (a->kind == PH_ONCE && a->start && (b->kind == PH_ONCE ||
		    b->kind == PH_WINDOW) && !b->soft && !b->start &&
		    before(&a->due, &b->due)) {
			b->from = a->due;
			b->kind = PH_WINDOW;
			drop(ph, k);
			k--;
		}
	}
	/* "Năm 2025 (hoàn thành trước 30/6/2025)": the year is context. */
	for (k = 0; k < ph->nsched; k++) {
		struct sched *w = &ph->sched[k];

		if (w->kind != PH_WINDOW || w->from.m != 1 || w->from.d != 1 ||
		    w->due.m != 12 || w->due.d != 31 || w->from.y != w->due.y)
			continue;
		for (j = 0; j < ph->nsched; j++)
			if (j != k && (ph->sched[j].kind == PH_ONCE ||
			    (ph->sched[j].kind == PH_WINDOW &&
			    ph->sched[j].from.y == w->from.y &&
			    ph->sched[j].due.y == w->due.y &&
			    !same(&ph->sched[j].due, &w->due))) &&
			    ph->sched[j].due.y == w->due.y)
				break;
		if (j < ph->nsched) {
			phrase_note(ph, "the year %d is the context of the "
			    "date in it", w->due.y);
			drop(ph, k);
			k--;
		}
	}
	/* The same schedule twice ("hàng năm ... hàng năm"). */
	for (k = 0; k < ph->nsched; k++)
		for (j = k + 1; j < ph->nsched; j++)
			if (ph->sched[k].kind == ph->sched[j].kind &&
			    strcmp(ph->sched[k].rrule, ph->sched[j].rrule) ==
			    0 && same(&ph->sched[k].due, &ph->sched[j].due) &&
			    strcmp(ph->sched[k].trigger,
			    ph->sched[j].trigger) == 0) {
				drop(ph, j);
				j--;
			}
	for (k = 0; k < ph->nsched && ph->nsched > 1; k++)
		if (ph->sched[k].kind == PH_RELATIVE) {
			flag(ph, "%s", "a deadline beside an event: check "
			    "which one applies");
			break;
		}
	for (k = 0; k < ph->nsched; k++) {
		if (ph->sched[k].kind == PH_ONCE && ph->sched[k].start)
			flag(ph, "%s", "a start with no end: due on the start "
			    "day");
		if (ph->sched[k].soft)
			phrase_note(ph, "\"phấn đấu\": a target");
	}
}

void
phrase_build(struct parse *ps)
{
	struct phrase *ph = ps->ph;
	int k, c0 = 0, nheads, ci;
	size_t note0 = 0;
	int clause[PH_MAXPART + 2], nc = 0;
	struct part merged[PH_MAXPART];

	for (k = 0; k < ps->np; k++) {
		if ((ps->p[k].type == PT_CYCLE && ps->p[k].a != CY_PERIODIC) ||
		    ps->p[k].type == PT_QMONTH)
			ps->cycles++;
		if (ps->p[k].type == PT_NEXTYEAR)
			ps->nextyear = 1;
		if (ps->p[k].type == PT_CYCLE && ps->p[k].a == CY_YEARLY)
			ps->yearly = 1;
	}
	/*
	 * "tháng 3 và tháng 9/2025", "Quý III, Quý IV/2025": a list shares
	 * the year written at its end.
	 */
	for (k = 0; k < ps->np; k++) {
		struct part *a = &ps->p[k];
		int j, sep = 0;

		if ((a->type != PT_DATE && a->type != PT_MONTH &&
		    a->type != PT_QUARTER) || a->c != 0)
			continue;
		for (j = k + 1; j < ps->np && (ps->p[j].type == PT_SEP ||
		    ps->p[j].type == PT_ALT); j++)
			sep = 1;
		if (sep && j < ps->np && ps->p[j].type == a->type &&
		    ps->p[j].c != 0)
			a->c = ps->p[j].c;
	}
	/* Clause starts. */
	clause[nc++] = 0;
	for (k = 0; k < ps->np; k++)
		if (ps->p[k].type == PT_SEP)
			clause[nc++] = k + 1;
	clause[nc] = ps->np + 1;
	/*
	 * A clause with no head of its own ("trước 17h00," before "thứ 6
	 * hằng tuần") goes with the next clause, or the one before.
	 */
	for (ci = 0; ci < nc; ci++) {
		int a = clause[ci], b = clause[ci + 1] - 1, m = 0;

		nheads = 0;
		for (k = a; k < b; k++)
			nheads += is_head_part(&ps->p[k]);
		if (nheads == 0 && ci + 1 < nc) {
			int na = clause[ci + 1], nb = clause[ci + 2] - 1, h = 0;

			for (k = na; k < nb; k++)
				h += is_head_part(&ps->p[k]);
			if (h > 0 && b > a) {
				/* Keep the bound and time for the next one. */
				for (k = a; k < b; k++)
					merged[m++] = ps->p[k];
				for (k = na; k < nb; k++)
					merged[m++] = ps->p[k];
				build_clause(ps, merged, m);
				ci++;
				continue;
			}
		}
		if (ci > 0 && b > a && anchors_only(&ps->p[a], b - a) &&
		    has(&ps->p[clause[ci - 1]], clause[ci] - 1 - clause[ci - 1],
		    PT_CYCLE) && !has(&ps->p[clause[ci - 1]], clause[ci] - 1 -
		    clause[ci - 1], PT_DATE) && !has(&ps->p[clause[ci - 1]],
		    clause[ci] - 1 - clause[ci - 1], PT_DAY))
			nheads = 0;	/* "Định kỳ 06 tháng (trước ngày 05 tháng 6)" */
		if (nheads == 0 && b > a && ci > 0 && (has(&ps->p[a], b - a,
		    PT_TIME) || has(&ps->p[a], b - a, PT_WEEKDAY) ||
		    has(&ps->p[a], b - a, PT_QUOTA) || has(&ps->p[a], b - a,
		    PT_DAY) || has(&ps->p[a], b - a, PT_DATE))) {
			/* Re-build the clause before with these too. */
			int pa = clause[ci - 1], pb = clause[ci] - 1;

			for (k = pa; k < pb; k++)
				merged[m++] = ps->p[k];
			for (k = a; k < b; k++)
				merged[m++] = ps->p[k];
			/* What the first reading of that clause said goes. */
			ph->nsched = c0;
			ph->note[note0] = '\0';
			build_clause(ps, merged, m);
			continue;
		}
		c0 = ph->nsched;
		note0 = strlen(ph->note);
		/* "Trước ngày 05 tháng 7 và ngày 05 tháng 01": both before. */
		if (b > a && ci > 0 && ps->p[a - 1].a == 1 &&
		    (ps->p[a].type == PT_DATE || ps->p[a].type == PT_DAY)) {
			const struct part *bd = NULL;

			for (k = clause[ci - 1]; k < a - 1; k++)
				if (ps->p[k].type == PT_BOUND)
					bd = &ps->p[k];
			if (bd != NULL) {
				merged[m++] = *bd;
				for (k = a; k < b; k++)
					merged[m++] = ps->p[k];
				build_clause(ps, merged, m);
				continue;
			}
		}
		if (b > a)
			build_clause(ps, &ps->p[a], b - a);
	}
	combine(ps);
	for (k = 0; k < ps->np; k++)
		if (ps->p[k].type == PT_STATUS && ps->p[k].a) {
			/* "Nghỉ Tết", "hoán đổi ngày làm việc": no task. */
			struct sched *s;

			ph->nsched = 0;
			if ((s = sched_new(ph, PH_NONE)) != NULL)
				snprintf(s->trigger, sizeof(s->trigger), "%s",
				    ps->p[k].text);
			flag(ph, "a change of the calendar (\"%s\"), not a "
			    "task", ps->p[k].text);
			break;
		}
	for (ci = 0; ci < ph->nsched && ph->nsched > 1; ci++)
		if (ph->sched[ci].kind == PH_NONE) {
			drop(ph, ci);
			ci--;
		}
	for (k = 0; k < ps->np; k++) {
		if (ps->p[k].type == PT_VAGUE) {
			ph->ambiguous = 1;
			phrase_note(ph, "\"%s\" is vague", ps->p[k].text);
		} else if (ps->p[k].type == PT_ALT) {
			/* One of them is meant, not all: the first is kept. */
			ph->ambiguous = 1;
			phrase_note(ph, "\"hoặc\": alternatives; the first "
			    "read chosen");
			if (ph->nsched > 1)
				ph->nsched = 1;
		} else if (ps->p[k].type == PT_STATUS && ph->nsched > 1)
			flag(ph, "\"%s\" beside a schedule", ps->p[k].text);
	}
}
