/*
 * tztime.c: the configured time zone, local dates, and the parsers for
 * what people type: deadlines ("2023-01-31", "31/01/2023 17:00", "+3d")
 * and durations ("90s", "10m", "2h", "3d").
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tztime.h"
#include "nls.h"

/*
 * mktime and localtime_r take the zone's lock and walk its transitions
 * on every call, a tenth of a large import that asks them the same few
 * hundred dates a million times.  For one zone the answers never change,
 * so the last ones are kept, per thread, and dropped when tz_set names
 * another zone.
 */
#define TZ_SLOTS	256
static unsigned tz_gen = 1;
static __thread struct make_slot {
	unsigned	 gen;
	int		 y, m, d, s;
	time_t		 t;
} make_slots[TZ_SLOTS];
static __thread struct tm_slot {
	unsigned	 gen;
	time_t		 t;
	struct tm	 tm;
} tm_slots[TZ_SLOTS];

static unsigned
slot_of(uint64_t k)
{
	return (unsigned)((k * 0x9e3779b97f4a7c15ULL) >> 56) % TZ_SLOTS;
}

/* localtime_r, remembered. */
static void
local_tm(time_t t, struct tm *out)
{
	struct tm_slot *sl = &tm_slots[slot_of((uint64_t)t)];

	if (sl->gen != tz_gen || sl->t != t) {
		localtime_r(&t, &sl->tm);
		sl->t = t;
		sl->gen = tz_gen;
	}
	*out = sl->tm;
}

/* Makes ZONE the process time zone; it must name an installed tz file. */
int
tz_set(const char *zone, char *err, size_t errlen)
{
	char path[512], tz[300];

	if (zone == NULL || *zone == '\0' || strstr(zone, "..") != NULL ||
	    zone[0] == '/') {
		snprintf(err, errlen, _("bad time zone name"));
		return -1;
	}
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if (strcmp(zone, "UTC") != 0 && access(path, R_OK) == -1) {
		snprintf(err, errlen, _("unknown time zone \"%s\" (no %s; is "
		    "tzdata installed?)"), zone, path);
		return -1;
	}
	snprintf(tz, sizeof(tz), ":%s", zone);
	setenv("TZ", tz, 1);
	tzset();
	tz_gen++;
	return 0;
}

/* Local wall time to UTC seconds; day and month overflow normalise. */
time_t
local_make(int year, int mon, int mday, int secs_of_day)
{
	struct make_slot *sl;
	struct tm tm;

	sl = &make_slots[slot_of(((uint64_t)(uint32_t)year << 40) ^
	    ((uint64_t)(uint32_t)mon << 32) ^ ((uint64_t)(uint32_t)mday << 20) ^
	    (uint32_t)secs_of_day)];
	if (sl->gen == tz_gen && sl->y == year && sl->m == mon &&
	    sl->d == mday && sl->s == secs_of_day)
		return sl->t;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = mday;
	tm.tm_hour = secs_of_day / 3600;
	tm.tm_min = (secs_of_day / 60) % 60;
	tm.tm_sec = secs_of_day % 60;
	tm.tm_isdst = -1;
	sl->t = mktime(&tm);
	sl->y = year;
	sl->m = mon;
	sl->d = mday;
	sl->s = secs_of_day;
	sl->gen = tz_gen;
	return sl->t;
}

/* The local date of T moved by DAY_DELTA days, at SECS_OF_DAY local. */
time_t
local_day_at(time_t t, int day_delta, int secs_of_day)
{
	struct tm tm;

	local_tm(t, &tm);
	return local_make(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday + day_delta, secs_of_day);
}

/* Whole local calendar days from FROM's date to TO's date. */
int
local_days_between(time_t from, time_t to)
{
	struct tm a, b;
	time_t da, db;

	local_tm(from, &a);
	local_tm(to, &b);
	/* Noon avoids any DST edge; Vietnam has none, other zones may. */
	da = local_make(a.tm_year + 1900, a.tm_mon + 1, a.tm_mday, 12 * 3600);
	db = local_make(b.tm_year + 1900, b.tm_mon + 1, b.tm_mday, 12 * 3600);
	return (int)((db - da + (db >= da ? 43200 : -43200)) / 86400);
}

/* "31/01/2023 17:00": the form Vietnamese documents use. */
void
fmt_local(time_t t, char *buf, size_t len)
{
	struct tm tm;

	local_tm(t, &tm);
	strftime(buf, len, "%d/%m/%Y %H:%M", &tm);
}

void
fmt_local_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	local_tm(t, &tm);
	strftime(buf, len, "%d/%m/%Y", &tm);
}

/* ISO 8601 with the local offset, e.g. 2023-01-31T17:00:00+07:00. */
void
fmt_iso8601(time_t t, char *buf, size_t len)
{
	struct tm tm;
	char z[24];
	long off;

	local_tm(t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(z, sizeof(z), "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	strncat(buf, z, len - strlen(buf) - 1);
}

/* Checks that Y-M-D is a real calendar date. */
static int
valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap;

	if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Parses YYYY-MM-DD or dd/mm/yyyy; returns the characters consumed or 0. */
int
parse_date(const char *s, int *y, int *m, int *d)
{
	int n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) == 3 && n == 10)
		;
	else if (sscanf(s, "%2d/%2d/%4d%n", d, m, y, &n) == 3 && n >= 8)
		;
	else
		return 0;
	if (!valid_date(*y, *m, *d))
		return 0;
	return n;
}

/* Parses "HH:MM" or "HH:MM:SS" into seconds after local midnight. */
int
parse_time_of_day(const char *s, int *secs)
{
	int h, mi, sec = 0, n = 0;

	if (sscanf(s, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) == 3 &&
	    s[n] == '\0')
		;
	else if (sec = 0, n = 0, sscanf(s, "%2d:%2d%n", &h, &mi, &n) == 2 &&
	    s[n] == '\0')
		;
	else
		return -1;
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	*secs = h * 3600 + mi * 60 + sec;
	return 0;
}

/* Parses "90", "90s", "10m", "2h" or "3d" into seconds (non-negative). */
int
parse_duration(const char *s, int64_t *secs)
{
	char *end;
	long long v;
	int64_t mul = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || v < 0)
		return -1;
	switch (*end) {
	case '\0':
	case 's':
		break;
	case 'm':
		mul = 60;
		break;
	case 'h':
		mul = 3600;
		break;
	case 'd':
		mul = 86400;
		break;
	default:
		return -1;
	}
	if (*end != '\0' && end[1] != '\0')
		return -1;
	if (v > INT64_MAX / mul / 2)
		return -1;
	*secs = v * mul;
	return 0;
}

/*
 * Parses a deadline: an absolute local date (then DEADLINE_TIME applies),
 * a local date and time, or "+N[smhd]" from NOW.
 */
int
parse_when(const char *s, time_t now, int deadline_time, time_t *out,
    char *err, size_t errlen)
{
	int y, m, d, n, tod;
	int64_t rel;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+') {
		if (parse_duration(s + 1, &rel) == -1)
			goto bad;
		*out = now + rel;
		return 0;
	}
	if ((n = parse_date(s, &y, &m, &d)) == 0)
		goto bad;
	s += n;
	if (*s == '\0') {
		*out = local_make(y, m, d, deadline_time);
		return 0;
	}
	if (*s != ' ' && *s != 'T')
		goto bad;
	if (parse_time_of_day(s + 1, &tod) == -1)
		goto bad;
	*out = local_make(y, m, d, tod);
	return 0;
bad:
	snprintf(err, errlen, _("expected YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], "
	    "dd/mm/yyyy [HH:MM] or +N[s|m|h|d]"));
	return -1;
}
