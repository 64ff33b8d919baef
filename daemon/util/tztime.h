/*
 * tztime.h: local-time arithmetic.  Times are stored as UTC seconds and
 * only become local (the configured zone, Asia/Ho_Chi_Minh by default)
 * when parsed from or shown to people.
 */
#ifndef NV_TZTIME_H
#define NV_TZTIME_H

#include <stdint.h>
#include <time.h>

int	 tz_set(const char *zone, char *err, size_t errlen);
time_t	 local_make(int year, int mon, int mday, int secs_of_day);
time_t	 local_day_at(time_t t, int day_delta, int secs_of_day);
int	 local_days_between(time_t from, time_t to);
void	 fmt_local(time_t, char *buf, size_t len);
void	 fmt_local_date(time_t, char *buf, size_t len);
void	 fmt_iso8601(time_t, char *buf, size_t len);
int	 parse_when(const char *s, time_t now, int deadline_time,
	    time_t *out, char *err, size_t errlen);
int	 parse_date(const char *s, int *y, int *m, int *d);
int	 parse_duration(const char *s, int64_t *secs);
int	 parse_time_of_day(const char *s, int *secs);

#endif
