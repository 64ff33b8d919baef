/*
 * sendwin.h: a policy's view of the calendar: which instants a message may
 * go out at (working days, quiet hours, office hours), and where a
 * deadline on a day off lands.
 */
#ifndef NV_SENDWIN_H
#define NV_SENDWIN_H

#include <stddef.h>
#include <time.h>

struct calendar;
struct policy;

int	wd_allowed(const struct calendar *, const struct policy *, time_t);
time_t	wd_earlier(const struct calendar *, const struct policy *, time_t);
time_t	wd_later(const struct calendar *, const struct policy *, time_t);
int	wd_check_windows(const struct policy *, char *why, size_t whylen);
int	wd_warn_remind_at(const struct policy *, char *why, size_t whylen);
time_t	wd_deadline(const struct calendar *, const struct policy *, time_t,
	    char *why, size_t whylen);

#endif
