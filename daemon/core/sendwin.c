/*
 * sendwin.c: a policy's send windows and deadline rule applied to instants.
 *
 * Reminders and escalations land on officials' phones, so they respect
 * working days, quiet hours and office hours.  A send time outside them
 * moves to the nearest allowed moment: earlier for a reminder (better a
 * little early than late, but never before the previous working day's
 * window, or it would read as a different day's news), later for an
 * escalation (the lead keeps every minute it was given).  Nothing is ever
 * placed inside a quiet window: a reminder with no earlier room goes to
 * the next allowed moment instead.  A deadline on a day off follows the
 * policy's rule; by default it rolls forward to the next working day, as
 * Civil Code 2015 art. 148 does for time limits.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "holiday.h"
#include "sendwin.h"
#include "tztime.h"
#include "workday.h"

#define SEARCH_DAYS	60	/* Tết plus weekends stays far below this */
#define DAY_SECS	86400
#define NBOUNDS		6	/* midnight, quiet and office edges, midnight */

static int
local_tod(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

/* True if TOD lies in the window START-END (which may wrap midnight). */
static int
in_window(int tod, int start, int end)
{
	if (start <= end)
		return tod >= start && tod < end;
	return tod >= start || tod < end;
}

/* May a message of policy P go out at time of day TOD (day aside)? */
static int
tod_allowed(const struct policy *p, int tod)
{
	if (p->quiet_start != p->quiet_end &&
	    in_window(tod, p->quiet_start, p->quiet_end))
		return 0;
	if (p->office_start != p->office_end &&
	    !in_window(tod, p->office_start, p->office_end))
		return 0;
	return 1;
}

/* May a message of policy P go out at T? */
int
wd_allowed(const struct calendar *cal, const struct policy *p, time_t t)
{
	if (p->workdays_only && !wd_is_workday(cal, t))
		return 0;
	return tod_allowed(p, local_tod(t));
}

/*
 * The edges of P's windows in a day, sorted, from 0 to DAY_SECS: between
 * two of them the send rule cannot change, so each stretch is tested
 * once at its start instead of minute by minute.
 */
static int
day_bounds(const struct policy *p, int *b)
{
	int n = 0, i, j, v;

	b[n++] = 0;
	if (p->quiet_start != p->quiet_end) {
		b[n++] = p->quiet_start;
		b[n++] = p->quiet_end;
	}
	if (p->office_start != p->office_end) {
		b[n++] = p->office_start;
		b[n++] = p->office_end;
	}
	b[n++] = DAY_SECS;
	for (i = 1; i < n; i++)		/* insertion sort of at most six */
		for (j = i; j > 0 && b[j - 1] > b[j]; j--) {
			v = b[j];
			b[j] = b[j - 1];
			b[j - 1] = v;
		}
	return n;
}

/*
 * The allowed moment of the day starting at DAY nearest to the policy's
 * remind_at (a later one on a tie), or -1 if the day has none.  A send
 * moved to another day lands where that day's whole-day messages do,
 * not at the first or last minute the windows would allow.
 */
static time_t
nearest_remind_at(const struct policy *p, const int *b, int nb, time_t day)
{
	time_t best = -1, c;
	int k, dist, bestd = DAY_SECS + 1, s, e;

	for (k = 0; k < nb - 1; k++) {
		s = b[k];
		e = b[k + 1];
		if (s == e || !tod_allowed(p, s))
			continue;
		if (p->remind_at >= s && p->remind_at < e) {
			c = p->remind_at;
			dist = 0;
		} else if (s > p->remind_at) {
			c = s;
			dist = s - p->remind_at;
		} else {
			c = e - 60 >= s ? e - 60 : s;
			dist = p->remind_at - (int)c + 1;	/* ties: later */
		}
		if (dist < bestd) {
			bestd = dist;
			best = local_day_at(day, 0, (int)c);
		}
	}
	return best;
}

/*
 * T itself if allowed, else the last allowed minute before T on its day,
 * else the allowed moment nearest remind_at on the previous working day
 * (the previous day when the policy sends on days off too), and no
 * further back.  With none of those, the next allowed moment after T:
 * late is better than at night.
 */
time_t
wd_earlier(const struct calendar *cal, const struct policy *p, time_t t)
{
	int b[NBOUNDS], nb, i, k;
	time_t day, s, e, c;

	if (wd_allowed(cal, p, t))
		return t;
	nb = day_bounds(p, b);
	for (i = 0; i < SEARCH_DAYS; i++) {
		day = local_day_at(t, -i, 0);
		if (p->workdays_only && !wd_is_workday(cal, day))
			continue;
		if (i > 0) {
			if ((c = nearest_remind_at(p, b, nb, day)) != -1)
				return c;
			break;
		}
		for (k = nb - 2; k >= 0; k--) {
			if (b[k] == b[k + 1] || !tod_allowed(p, b[k]))
				continue;
			s = local_day_at(day, 0, b[k]);
			e = b[k + 1] == DAY_SECS ? local_day_at(day, 1, 0) :
			    local_day_at(day, 0, b[k + 1]);
			if (s >= t)
				continue;
			c = e < t ? e : t;
			/* A whole minute before, so it reads as a time of day. */
			c -= 60;
			if (c < s)
				return s;
			return c - (c - s) % 60;
		}
	}
	return wd_later(cal, p, t);
}

/*
 * T itself if allowed, else the first allowed moment after T on its day,
 * else the allowed moment nearest remind_at on the next day that has one.
 */
time_t
wd_later(const struct calendar *cal, const struct policy *p, time_t t)
{
	int b[NBOUNDS], nb, i, k;
	time_t day, s, e, c;

	if (wd_allowed(cal, p, t))
		return t;
	nb = day_bounds(p, b);
	for (i = 0; i < SEARCH_DAYS; i++) {
		day = local_day_at(t, i, 0);
		if (p->workdays_only && !wd_is_workday(cal, day))
			continue;
		if (i > 0) {
			if ((c = nearest_remind_at(p, b, nb, day)) != -1)
				return c;
			continue;
		}
		for (k = 0; k < nb - 1; k++) {
			if (b[k] == b[k + 1] || !tod_allowed(p, b[k]))
				continue;
			s = local_day_at(day, 0, b[k]);
			e = b[k + 1] == DAY_SECS ? local_day_at(day, 1, 0) :
			    local_day_at(day, 0, b[k + 1]);
			if (e <= t)
				continue;
			return s > t ? s : t;
		}
	}
	return t;	/* no allowed moment at all; the config check refuses */
}

/*
 * Whether P leaves any minute of a day to send in; fills WHY when not.
 * A policy whose office hours lie inside its quiet hours could never
 * send anything, which is refused rather than ignored.
 */
int
wd_check_windows(const struct policy *p, char *why, size_t whylen)
{
	int b[NBOUNDS], nb, k;

	nb = day_bounds(p, b);
	for (k = 0; k < nb - 1; k++)
		if (b[k] < b[k + 1] && tod_allowed(p, b[k]))
			return 0;
	snprintf(why, whylen, "office_hours: with its quiet_hours, [policy "
	    "%s] leaves no time of day to send in", p->name);
	return -1;
}

/*
 * A warning (0 if none) when P's remind_at lies where nothing may be
 * sent: every whole-day reminder would then move off the time the
 * policy names.
 */
int
wd_warn_remind_at(const struct policy *p, char *why, size_t whylen)
{
	int h = p->remind_at / 3600, m = p->remind_at % 3600 / 60;

	if (p->quiet_start != p->quiet_end &&
	    in_window(p->remind_at, p->quiet_start, p->quiet_end)) {
		snprintf(why, whylen, "[policy %s]: remind_at %02d:%02d lies "
		    "in quiet_hours; whole-day reminders will move earlier, "
		    "escalations later", p->name, h, m);
		return -1;
	}
	if (p->office_start != p->office_end &&
	    !in_window(p->remind_at, p->office_start, p->office_end)) {
		snprintf(why, whylen, "[policy %s]: remind_at %02d:%02d lies "
		    "outside office_hours; whole-day reminders will move "
		    "earlier, escalations later", p->name, h, m);
		return -1;
	}
	return 0;
}

/*
 * Applies the policy's deadline_rule to a deadline on a day off; WHY says
 * what was done (empty if nothing was).
 */
time_t
wd_deadline(const struct calendar *cal, const struct policy *p, time_t due,
    char *why, size_t whylen)
{
	char from[32], to[32], name[96];
	struct tm tm;
	time_t d = due;
	int i;

	why[0] = '\0';
	if (p->deadline_rule == DEADLINE_KEEP || wd_is_workday(cal, due))
		return due;
	for (i = 1; i <= SEARCH_DAYS; i++) {
		d = local_day_at(due, p->deadline_rule == DEADLINE_BEFORE ? -i :
		    i, local_tod(due));
		if (wd_is_workday(cal, d))
			break;
	}
	fmt_local_date(due, from, sizeof(from));
	fmt_local_date(d, to, sizeof(to));
	localtime_r(&due, &tm);
	calendar_day_off_name(cal, tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, name, sizeof(name));
	snprintf(why, whylen, "deadline %s is a day off (%s); moved to %s by "
	    "deadline_rule = %s%s", from, name[0] ? name : "nghỉ", to,
	    p->deadline_rule == DEADLINE_BEFORE ? "before" : "forward",
	    p->deadline_rule == DEADLINE_BEFORE ? "" :
	    " (Civil Code 2015 art. 148)");
	return d;
}
