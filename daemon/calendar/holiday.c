/*
 * holiday.c: which days state agencies work.
 *
 * The statutory days are computed for any year; what the Prime Minister
 * fixes each year (the five Tết days, the day next to 2/9) is estimated
 * until a notice is entered in [calendar], and then the notice wins.
 * A holiday that falls on Saturday or Sunday gives the next working day
 * off (nghỉ bù); several can land back to back, as in 2023.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "holiday.h"
#include "lunar.h"
#include "xmalloc.h"

#define MAX_ENTRIES	1024
#define MAX_YEAR_DAYS	128

struct entry {
	enum day_kind	 kind;
	int		 year;		/* 0: every year (extra holidays) */
	int		 month, day;
	char		 name[96];
};

struct range {
	int		 year;
	long		 from, to;	/* Julian day numbers */
};

struct calendar {
	struct entry	 e[MAX_ENTRIES];
	int		 n;
	struct range	 tet[64];
	int		 ntet;
	struct range	 nat[64];	/* from == to: the day next to 2/9 */
	int		 nnat;
};

const char *
day_kind_name(enum day_kind k)
{
	switch (k) {
	case DAY_HOLIDAY:
		return "holiday";
	case DAY_IN_LIEU:
		return "in-lieu";
	case DAY_DECREED_OFF:
		return "decreed-off";
	case DAY_MAKEUP_WORK:
		return "make-up-work";
	}
	return "?";
}

struct calendar *
calendar_new(void)
{
	return xcalloc(1, sizeof(struct calendar));
}

void
calendar_free(struct calendar *c)
{
	free(c);
}

/* Adds a decreed day off, a make-up working day or an extra holiday. */
int
calendar_add(struct calendar *c, enum day_kind k, int year, int month,
    int day, const char *name)
{
	struct entry *e;

	if (c->n == MAX_ENTRIES)
		return -1;
	e = &c->e[c->n++];
	e->kind = k;
	e->year = year;
	e->month = month;
	e->day = day;
	snprintf(e->name, sizeof(e->name), "%s", name ? name : "");
	return 0;
}

/* The official Tết days of YEAR, from M1/D1 to M2/D2 of that year. */
int
calendar_set_tet(struct calendar *c, int year, int m1, int d1, int m2,
    int d2)
{
	if (c->ntet == 64)
		return -1;
	c->tet[c->ntet].year = year;
	c->tet[c->ntet].from = lunar_jd(d1, m1, year);
	c->tet[c->ntet].to = lunar_jd(d2, m2, year);
	if (c->tet[c->ntet].to < c->tet[c->ntet].from ||
	    c->tet[c->ntet].to - c->tet[c->ntet].from > 15)
		return -1;
	c->ntet++;
	return 0;
}

/* The official day next to National Day (1/9 or 3/9) of YEAR. */
int
calendar_set_national_day(struct calendar *c, int year, int month, int day)
{
	if (c->nnat == 64 || month != 9 || (day != 1 && day != 3))
		return -1;
	c->nat[c->nnat].year = year;
	c->nat[c->nnat].from = c->nat[c->nnat].to = lunar_jd(day, month, year);
	c->nnat++;
	return 0;
}

/* 0 = Monday ... 6 = Sunday. */
static int
weekday(long jd)
{
	return (int)(jd % 7);
}

struct day_set {
	struct cal_day	 d[MAX_YEAR_DAYS];
	long		 jd[MAX_YEAR_DAYS];
	int		 n;
};

static int
find(const struct day_set *s, long jd)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->jd[i] == jd)
			return i;
	return -1;
}

static void
put(struct day_set *s, long jd, enum day_kind k, int provisional,
    const char *name)
{
	struct cal_day *d;

	if (find(s, jd) != -1 || s->n == MAX_YEAR_DAYS)
		return;
	d = &s->d[s->n];
	lunar_jd_to_date(jd, &d->day, &d->month, &d->year);
	d->kind = k;
	d->provisional = provisional;
	snprintf(d->name, sizeof(d->name), "%s", name);
	s->jd[s->n++] = jd;
}

/* True if JD is off: a weekend not made a working day, or listed off. */
static int
is_off(const struct day_set *s, long jd)
{
	int i = find(s, jd);

	if (i != -1)
		return s->d[i].kind != DAY_MAKEUP_WORK;
	return weekday(jd) >= 5;
}

static int
cmp_day(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;

	if (x->year != y->year)
		return x->year - y->year;
	if (x->month != y->month)
		return x->month - y->month;
	return x->day - y->day;
}

/* Builds the special days of YEAR (holidays, days off, make-up days). */
static void
build_year(const struct calendar *c, int year, struct day_set *s)
{
	struct lunar_date ld = { 1, 1, year, 0 };
	long tet1, from = 0, to = 0, jd, nat = 0, lieu;
	int i, d, m, y, official = 0, nat_official = 0, nholidays;
	long holidays[64];
	char name[96];

	memset(s, 0, sizeof(*s));
	/* Decreed days come first: they are the year's notices. */
	for (i = 0; i < c->n; i++)
		if (c->e[i].year == year && c->e[i].kind != DAY_HOLIDAY)
			put(s, lunar_jd(c->e[i].day, c->e[i].month, year),
			    c->e[i].kind, 0, c->e[i].name[0] ? c->e[i].name :
			    c->e[i].kind == DAY_MAKEUP_WORK ? "Làm bù" :
			    "Nghỉ theo thông báo");
	nholidays = 0;
	put(s, lunar_jd(1, 1, year), DAY_HOLIDAY, 0, "Tết Dương lịch");
	holidays[nholidays++] = lunar_jd(1, 1, year);

	/* Tết: the notice's days, or the eve and mùng 1-4 until then. */
	lunar_to_solar(&ld, LUNAR_TZ_VN, &d, &m, &y);
	tet1 = lunar_jd(d, m, y);
	for (i = 0; i < c->ntet; i++)
		if (c->tet[i].year == year) {
			from = c->tet[i].from;
			to = c->tet[i].to;
			official = 1;
		}
	if (!official) {
		from = tet1 - 1;
		to = tet1 + 3;
	}
	for (jd = from; jd <= to; jd++) {
		if (jd < tet1)
			snprintf(name, sizeof(name), "Tết Nguyên đán (%s)",
			    jd == tet1 - 1 ? "giao thừa" : "cuối năm");
		else
			snprintf(name, sizeof(name), "Tết Nguyên đán (mùng %ld)",
			    jd - tet1 + 1);
		put(s, jd, DAY_HOLIDAY, !official, name);
		/* A notice already places Tết around the weekend. */
		if (!official && nholidays < 64)
			holidays[nholidays++] = jd;
	}

	if (year >= 2007) {
		ld.day = 10;
		ld.month = 3;
		lunar_to_solar(&ld, LUNAR_TZ_VN, &d, &m, &y);
		put(s, lunar_jd(d, m, y), DAY_HOLIDAY, 0,
		    "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
		holidays[nholidays++] = lunar_jd(d, m, y);
	}
	put(s, lunar_jd(30, 4, year), DAY_HOLIDAY, 0,
	    "Ngày Chiến thắng (30/4)");
	holidays[nholidays++] = lunar_jd(30, 4, year);
	put(s, lunar_jd(1, 5, year), DAY_HOLIDAY, 0, "Quốc tế Lao động (1/5)");
	holidays[nholidays++] = lunar_jd(1, 5, year);
	put(s, lunar_jd(2, 9, year), DAY_HOLIDAY, 0, "Quốc khánh (2/9)");
	holidays[nholidays++] = lunar_jd(2, 9, year);
	if (year >= 2021) {
		for (i = 0; i < c->nnat; i++)
			if (c->nat[i].year == year) {
				nat = c->nat[i].from;
				nat_official = 1;
			}
		/*
		 * Until the notice: the day before, or the Friday after when
		 * 2/9 is a Thursday, which is how recent years fell.
		 */
		if (!nat_official)
			nat = weekday(lunar_jd(2, 9, year)) == 3 ?
			    lunar_jd(3, 9, year) : lunar_jd(1, 9, year);
		put(s, nat, DAY_HOLIDAY, !nat_official,
		    "Quốc khánh (ngày liền kề)");
		holidays[nholidays++] = nat;
	}
	for (i = 0; i < c->n && nholidays < 64; i++) {
		if (c->e[i].kind != DAY_HOLIDAY ||
		    (c->e[i].year != 0 && c->e[i].year != year))
			continue;
		jd = lunar_jd(c->e[i].day, c->e[i].month, year);
		put(s, jd, DAY_HOLIDAY, 0, c->e[i].name);
		holidays[nholidays++] = jd;
	}

	/* Nghỉ bù, in date order so that chains land one after another. */
	for (i = 1; i < nholidays; i++) {
		long t = holidays[i];
		int j = i;

		while (j > 0 && holidays[j - 1] > t) {
			holidays[j] = holidays[j - 1];
			j--;
		}
		holidays[j] = t;
	}
	for (i = 0; i < nholidays; i++) {
		jd = holidays[i];
		if (weekday(jd) < 5 || find(s, jd) == -1 ||
		    s->d[find(s, jd)].kind != DAY_HOLIDAY)
			continue;
		for (lieu = jd + 1; is_off(s, lieu); lieu++)
			;
		snprintf(name, sizeof(name), "Nghỉ bù %.80s",
		    s->d[find(s, jd)].name);
		put(s, lieu, DAY_IN_LIEU, s->d[find(s, jd)].provisional, name);
	}
}

/* Fills OUT with YEAR's special days in date order; returns the count. */
int
calendar_year(const struct calendar *c, int year, struct cal_day *out,
    int max)
{
	struct day_set *s = xmalloc(sizeof(*s));
	int i, n = 0;

	build_year(c, year, s);
	for (i = 0; i < s->n && n < max; i++)
		if (s->d[i].year == year)
			out[n++] = s->d[i];
	free(s);
	qsort(out, (size_t)n, sizeof(*out), cmp_day);
	return n;
}

/* 1 if state agencies work on that date, else 0. */
int
calendar_day_off_name(const struct calendar *c, int year, int month, int day,
    char *buf, size_t len)
{
	struct cal_day days[128];
	int i, n;

	buf[0] = '\0';
	if (calendar_is_workday(c, year, month, day))
		return 0;
	n = calendar_year(c, year, days, 128);
	for (i = 0; i < n; i++)
		if (days[i].month == month && days[i].day == day &&
		    days[i].kind != DAY_MAKEUP_WORK) {
			snprintf(buf, len, "%s", days[i].name);
			return 1;
		}
	snprintf(buf, len, "%s", lunar_jd(day, month, year) % 7 == 5 ?
	    "Thứ Bảy" : lunar_jd(day, month, year) % 7 == 6 ? "Chủ nhật" :
	    "ngày nghỉ");
	return 1;
}

int
calendar_is_workday(const struct calendar *c, int year, int month, int day)
{
	struct day_set *s = xmalloc(sizeof(*s));
	long jd = lunar_jd(day, month, year);
	int off;

	build_year(c, year, s);
	off = is_off(s, jd);
	/* Nghỉ bù of a late-December holiday can spill into January. */
	if (!off && month == 1 && day <= 7) {
		build_year(c, year - 1, s);
		off = find(s, jd) != -1 && s->d[find(s, jd)].kind !=
		    DAY_MAKEUP_WORK;
	}
	free(s);
	return !off;
}
