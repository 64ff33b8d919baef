/*
 * workday.h: time arithmetic in the working days of state agencies, for
 * instants in the configured time zone.
 */
#ifndef NV_WORKDAY_H
#define NV_WORKDAY_H

#include <stddef.h>
#include <time.h>

struct calendar;

int	wd_is_workday(const struct calendar *, time_t);
time_t	wd_shift(const struct calendar *, time_t, int n, int secs_of_day);

#endif
