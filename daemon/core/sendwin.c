/*
 * sendwin.c: a policy's send windows and deadline rule applied to instants.
 *
 * Reminders and escalations land on officials' phones, so they respect
 * working days and quiet hours: a reminder that would fall outside the
 * window moves earlier (better a day early than late), an escalation
 * later, to the next working morning.  A deadline on a day off follows
 * the policy's rule; by default it rolls forward to the next working day,
 * as Civil Code 2015 art. 148 does for time limits.
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

/* May a message of policy P go out at T? */
int
wd_allowed(const struct calendar *cal, const struct policy *p, time_t t)
{
	int tod = local_tod(t);

	if (p->workdays_only && !wd_is_workday(cal, t))
		return 0;
	if (p->quiet_start != p->quiet_end &&
	    in_window(tod, p->quiet_start, p->quiet_end))
		return 0;
	if (p->office_start != p->office_end &&
	    !in_window(tod, p->office_start, p->office_end))
		return 0;
	return 1;
}

/*
 * T itself if allowed, else the latest send time (remind_at) of an
 * allowed day before T.  Falls back to T if no such day is near.
 */
time_t
wd_earlier(const struct calendar *cal, const struct policy *p, time_t t)
{
	time_t c;
	int i;

	if (wd_allowed(cal, p, t))
		return t;
	for (i = 0; i < SEARCH_DAYS; i++) {
		c = local_day_at(t, -i, p->remind_at);
		if (c < t && wd_allowed(cal, p, c))
			return c;
	}
	return t;
}

/* T itself if allowed, else the next allowed morning (remind_at). */
time_t
wd_later(const struct calendar *cal, const struct policy *p, time_t t)
{
	time_t c;
	int i;

	if (wd_allowed(cal, p, t))
		return t;
	for (i = 0; i < SEARCH_DAYS; i++) {
		c = local_day_at(t, i, p->remind_at);
		if (c > t && wd_allowed(cal, p, c))
			return c;
	}
	return t;
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
