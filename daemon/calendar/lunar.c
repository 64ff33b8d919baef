/*
 * lunar.c: solar <-> lunar dates.
 *
 * A lunar month starts on the local day holding the new moon; month 11
 * holds the winter solstice; in a 13-month year the leap month is the
 * first after month 11 without a major solar term, and repeats the
 * number of the month before it.  The new moons and the sun's longitude
 * come from Meeus's formulas (mean phase plus the main periodic terms; a
 * low-precision solar longitude), which agree with the published
 * Vietnamese tables from 1968 to 2053.  The time zone is a double: the
 * day boundary is local midnight at 105°E, and truncating it to whole
 * hours in integer arithmetic is a known way to get Tết wrong.
 */
#include <math.h>

#include "lunar.h"

#define SYNODIC		29.530588853
#define JD_1900_NM	2415021.076998695	/* a new moon near 1900-01-01 */

/* Julian day number of a Gregorian date. */
long
lunar_jd(int day, int month, int year)
{
	long a = (14 - month) / 12;
	long y = year + 4800 - a;
	long m = month + 12 * a - 3;

	return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 -
	    32045;
}

/* The Gregorian date of a Julian day number. */
void
lunar_jd_to_date(long jd, int *day, int *month, int *year)
{
	long a = jd + 32044;
	long b = (4 * a + 3) / 146097;
	long c = a - 146097 * b / 4;
	long d = (4 * c + 3) / 1461;
	long e = c - 1461 * d / 4;
	long m = (5 * e + 2) / 153;

	*day = (int)(e - (153 * m + 2) / 5 + 1);
	*month = (int)(m + 3 - 12 * (m / 10));
	*year = (int)(100 * b + d - 4800 + m / 10);
}

/* Julian date (fractional, UT) of the K-th new moon after 1900-01-01. */
static double
new_moon(long k)
{
	const double dr = M_PI / 180.0;
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
	double jd, sm, mm, f, c, dt;

	jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 -
	    0.000000155 * t3 +
	    0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
	sm = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
	mm = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
	f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
	c = (0.1734 - 0.000393 * t) * sin(sm * dr) +
	    0.0021 * sin(2 * sm * dr) -
	    0.4068 * sin(mm * dr) + 0.0161 * sin(2 * mm * dr) -
	    0.0004 * sin(3 * mm * dr) + 0.0104 * sin(2 * f * dr) -
	    0.0051 * sin((sm + mm) * dr) - 0.0074 * sin((sm - mm) * dr) +
	    0.0004 * sin((2 * f + sm) * dr) - 0.0004 * sin((2 * f - sm) * dr) -
	    0.0006 * sin((2 * f + mm) * dr) + 0.0010 * sin((2 * f - mm) * dr) +
	    0.0005 * sin((2 * mm + sm) * dr);
	/* ΔT: ephemeris to universal time, in days. */
	if (t < -11)
		dt = 0.001 + 0.000839 * t + 0.0002261 * t2 -
		    0.00000845 * t3 - 0.000000081 * t * t3;
	else
		dt = -0.000278 + 0.000265 * t + 0.000262 * t2;
	return jd + c - dt;
}

/* The sun's apparent longitude, in radians [0, 2π), at Julian date JD. */
static double
sun_longitude(double jd)
{
	const double dr = M_PI / 180.0;
	double t = (jd - 2451545.0) / 36525, t2 = t * t;
	double m, l0, dl, l;

	m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 -
	    0.00000048 * t * t2;
	l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m) +
	    (0.019993 - 0.000101 * t) * sin(2 * dr * m) +
	    0.000290 * sin(3 * dr * m);
	l = (l0 + dl) * dr;
	l -= 2 * M_PI * floor(l / (2 * M_PI));
	return l;
}

/* The local day (Julian day number) holding the K-th new moon. */
static long
new_moon_day(long k, double tz)
{
	return (long)floor(new_moon(k) + 0.5 + tz / 24.0);
}

/* Which 30° sector the sun is in at the local midnight starting JDN. */
static int
sun_sector(long jdn, double tz)
{
	return (int)floor(sun_longitude(jdn - 0.5 - tz / 24.0) / M_PI * 6);
}

/* The first day of the lunar month 11 that holds the solstice of YEAR. */
static long
month11(int year, double tz)
{
	long off = lunar_jd(31, 12, year) - 2415021;
	long k = (long)floor(off / SYNODIC);
	long nm = new_moon_day(k, tz);

	/* Sector 9 starts at 270°, the solstice: not reached yet. */
	if (sun_sector(nm, tz) >= 9)
		nm = new_moon_day(k - 1, tz);
	return nm;
}

/*
 * In the leap year whose month 11 starts at A11: how many months after
 * month 11 the leap month comes (the first month with no major term).
 */
static int
leap_offset(long a11, double tz)
{
	long k = (long)floor((a11 - JD_1900_NM) / SYNODIC + 0.5);
	int i = 1, last, arc = sun_sector(new_moon_day(k + 1, tz), tz);

	do {
		last = arc;
		i++;
		arc = sun_sector(new_moon_day(k + i, tz), tz);
	} while (arc != last && i < 14);
	return i - 1;
}

void
lunar_from_solar(int day, int month, int year, double tz,
    struct lunar_date *out)
{
	long jdn = lunar_jd(day, month, year);
	long k = (long)floor((jdn - JD_1900_NM) / SYNODIC);
	long start = new_moon_day(k + 1, tz), a11, b11;
	int diff, lyear, lmonth, leap = 0, loff;

	if (start > jdn)
		start = new_moon_day(k, tz);
	a11 = b11 = month11(year, tz);
	if (a11 >= start) {
		lyear = year;
		a11 = month11(year - 1, tz);
	} else {
		lyear = year + 1;
		b11 = month11(year + 1, tz);
	}
	diff = (int)floor((start - a11) / 29.0);
	lmonth = diff + 11;
	if (b11 - a11 > 365) {	/* 13 months between two months 11 */
		loff = leap_offset(a11, tz);
		if (diff >= loff) {
			lmonth = diff + 10;
			leap = diff == loff;
		}
	}
	if (lmonth > 12)
		lmonth -= 12;
	if (lmonth >= 11 && diff < 4)
		lyear--;
	out->day = (int)(jdn - start + 1);
	out->month = lmonth;
	out->year = lyear;
	out->leap = leap;
}

/* Returns 0 with the solar date, or -1 if that leap month does not exist. */
int
lunar_to_solar(const struct lunar_date *ld, double tz, int *day, int *month,
    int *year)
{
	long a11, b11, k;
	int off, loff, leap_month;

	if (ld->month < 11) {
		a11 = month11(ld->year - 1, tz);
		b11 = month11(ld->year, tz);
	} else {
		a11 = month11(ld->year, tz);
		b11 = month11(ld->year + 1, tz);
	}
	k = (long)floor(0.5 + (a11 - JD_1900_NM) / SYNODIC);
	off = ld->month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		loff = leap_offset(a11, tz);
		leap_month = loff - 2;
		if (leap_month < 0)
			leap_month += 12;
		if (ld->leap && ld->month != leap_month)
			return -1;
		if (ld->leap || off >= loff)
			off++;
	} else if (ld->leap)
		return -1;
	lunar_jd_to_date(new_moon_day(k + off, tz) + ld->day - 1, day, month,
	    year);
	return 0;
}

/* The leap month of LUNAR_YEAR (1..12), or 0 in a 12-month year. */
int
lunar_leap_month(int lunar_year, double tz)
{
	struct lunar_date ld;
	int d, m, y, mon;

	for (mon = 1; mon <= 12; mon++) {
		ld.day = 1;
		ld.month = mon;
		ld.year = lunar_year;
		ld.leap = 1;
		if (lunar_to_solar(&ld, tz, &d, &m, &y) == 0)
			return mon;
	}
	return 0;
}

/* 29 or 30: the length of a lunar month. */
int
lunar_month_length(int month, int leap, int lunar_year, double tz)
{
	struct lunar_date ld = { 30, month, lunar_year, leap };
	struct lunar_date back;
	int d, m, y;

	if (lunar_to_solar(&ld, tz, &d, &m, &y) == -1)
		return 0;
	lunar_from_solar(d, m, y, tz, &back);
	return back.day == 30 ? 30 : 29;
}
