/*
 * workday.h: time arithmetic in working days and send windows: the
 * policy's view of the calendar (which days count, quiet hours, office
 * hours) applied to instants in the configured time zone.
 */
#ifndef NV_WORKDAY_H
#define NV_WORKDAY_H

#include <stddef.h>
#include <time.h>

struct calendar;
struct policy;

int	wd_is_workday(const struct calendar *, time_t);
time_t	wd_shift(const struct calendar *, time_t, int n, int secs_of_day);
int	wd_allowed(const struct calendar *, const struct policy *, time_t);
time_t	wd_earlier(const struct calendar *, const struct policy *, time_t);
time_t	wd_later(const struct calendar *, const struct policy *, time_t);
time_t	wd_deadline(const struct calendar *, const struct policy *, time_t,
	    char *why, size_t whylen);

#endif
