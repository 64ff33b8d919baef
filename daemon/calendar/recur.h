/*
 * recur.h: recurring schedules.  A schedule is an RFC 5545 RRULE with a
 * local DTSTART, expanded by libical; the shorthands people type
 * ("weekly mon 08:00", "monthly last", "quarterly 20", "annual 25/11")
 * are translated to RRULEs first.
 */
#ifndef NV_RECUR_H
#define NV_RECUR_H

#include <stddef.h>
#include <time.h>

int	recur_shorthand(const char *spec, char *rrule, size_t rrlen,
	    int *tod, char *err, size_t errlen);
int	recur_check(const char *rrule, char *err, size_t errlen);
int	recur_next(const char *rrule, time_t dtstart, time_t after,
	    time_t *next);
void	recur_describe(const char *rrule, char *buf, size_t len);

#endif
