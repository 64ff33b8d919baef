/*
 * workday.c: moving instants by the working days of state agencies, as
 * the calendar (weekends, holidays, the year's swapped days) defines them.
 * A policy's send windows build on this in core/sendwin.c.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "holiday.h"
#include "tztime.h"
#include "workday.h"

/* True if T's local date is a working day of state agencies. */
int
wd_is_workday(const struct calendar *cal, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return calendar_is_workday(cal, tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/*
 * The N-th working day after (N > 0) or before (N < 0) T's local date, at
 * SECS_OF_DAY.  N = 0 is T's own date.
 */
time_t
wd_shift(const struct calendar *cal, time_t t, int n, int secs_of_day)
{
	int step = n < 0 ? -1 : 1, days = 0, guard = 0;
	time_t d = local_day_at(t, 0, secs_of_day);

	while (n != 0 && guard++ < 366 * 2) {
		d = local_day_at(t, days += step, secs_of_day);
		if (wd_is_workday(cal, d))
			n -= step;
	}
	return d;
}
