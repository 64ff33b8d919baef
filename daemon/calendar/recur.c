/*
 * recur.c: RRULE parsing and expansion through libical, and the
 * shorthands of the CLI.  Times are expanded as floating local times and
 * then placed in the configured zone, so "08:00 every Monday" stays 08:00
 * whatever the zone's offset.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libical/ical.h>

#include "recur.h"
#include "tztime.h"
#include "nls.h"

#define MAX_STEPS_SCAN	100000	/* instances walked to find the next one */

static const char *const days_en[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };
static const char *const days_ical[] = { "MO", "TU", "WE", "TH", "FR",
    "SA", "SU" };

/* Parses a 1..31 day of month, or "last" (-1). */
static int
month_day(const char *w, int *d)
{
	char *end;
	long v;

	if (strcasecmp(w, "last") == 0) {
		*d = -1;
		return 0;
	}
	v = strtol(w, &end, 10);
	if (*end != '\0' || v < 1 || v > 31)
		return -1;
	*d = (int)v;
	return 0;
}

/*
 * Turns a shorthand into an RRULE.  *TOD is the time of day it names, or
 * -1 for "the policy's deadline_time".
 */
int
recur_shorthand(const char *spec, char *rrule, size_t rrlen, int *tod,
    char *err, size_t errlen)
{
	char buf[128], *w[4], *p = buf, *t;
	int n = 0, i, d, m;

	*tod = -1;
	snprintf(buf, sizeof(buf), "%s", spec);
	while (n < 4 && (t = strsep(&p, " \t")) != NULL)
		if (*t != '\0')
			w[n++] = t;
	if (p != NULL || n == 0)
		goto bad;
	/* A trailing HH:MM is the time of day. */
	if (n > 1 && strchr(w[n - 1], ':') != NULL) {
		if (parse_time_of_day(w[n - 1], tod) == -1)
			goto bad;
		n--;
	}
	if (strcasecmp(w[0], "daily") == 0 && n == 1) {
		snprintf(rrule, rrlen, "FREQ=DAILY");
		return 0;
	}
	if (strcasecmp(w[0], "weekly") == 0 && n == 2) {
		for (i = 0; i < 7; i++)
			if (strcasecmp(w[1], days_en[i]) == 0)
				break;
		if (i == 7)
			goto bad;
		snprintf(rrule, rrlen, "FREQ=WEEKLY;BYDAY=%s", days_ical[i]);
		return 0;
	}
	if (strcasecmp(w[0], "monthly") == 0 && n == 2 &&
	    month_day(w[1], &d) == 0) {
		snprintf(rrule, rrlen, "FREQ=MONTHLY;BYMONTHDAY=%d", d);
		return 0;
	}
	/* The DAY of each quarter's last month (reports fall due then). */
	if (strcasecmp(w[0], "quarterly") == 0 && n == 2 &&
	    month_day(w[1], &d) == 0) {
		snprintf(rrule, rrlen, "FREQ=YEARLY;BYMONTH=3,6,9,12;"
		    "BYMONTHDAY=%d", d);
		return 0;
	}
	if (strcasecmp(w[0], "semiannual") == 0 && (n == 1 || (n == 2 &&
	    month_day(w[1], &d) == 0))) {
		snprintf(rrule, rrlen, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=%d",
		    n == 1 ? -1 : d);
		return 0;
	}
	if (strcasecmp(w[0], "annual") == 0 && n == 2 &&
	    sscanf(w[1], "%d/%d", &d, &m) == 2 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= 31) {
		snprintf(rrule, rrlen, "FREQ=YEARLY;BYMONTH=%d;BYMONTHDAY=%d",
		    m, d);
		return 0;
	}
bad:
	snprintf(err, errlen, _("\"%s\": expected daily, weekly DAY, monthly "
	    "N|last, quarterly N|last, semiannual [N|last] or annual DD/MM, "
	    "optionally followed by HH:MM"), spec);
	return -1;
}

/* 0 if libical accepts RRULE and it yields at least one instance. */
int
recur_check(const char *rrule, char *err, size_t errlen)
{
	struct icalrecurrencetype r;

	icalerror_set_errno(ICAL_NO_ERROR);
	r = icalrecurrencetype_from_string(rrule);
	/* libical hands RSCALE's value over to us (and it is ours to free). */
	if (r.rscale != NULL) {
		free(r.rscale);
		icalerror_set_errno(ICAL_NO_ERROR);
		snprintf(err, errlen, _("\"%s\": RSCALE is not supported "
		    "(rules follow the Gregorian calendar)"), rrule);
		return -1;
	}
	if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		icalerror_set_errno(ICAL_NO_ERROR);
		snprintf(err, errlen, _("not a valid RRULE: \"%s\""), rrule);
		return -1;
	}
	if (r.freq == ICAL_SECONDLY_RECURRENCE ||
	    r.freq == ICAL_MINUTELY_RECURRENCE ||
	    r.freq == ICAL_HOURLY_RECURRENCE) {
		snprintf(err, errlen, _("\"%s\": a plan's duty recurs daily at "
		    "most"), rrule);
		return -1;
	}
	return 0;
}

static struct icaltimetype
to_ical(time_t t)
{
	struct icaltimetype it = icaltime_null_time();
	struct tm tm;

	localtime_r(&t, &tm);
	it.year = tm.tm_year + 1900;
	it.month = tm.tm_mon + 1;
	it.day = tm.tm_mday;
	it.hour = tm.tm_hour;
	it.minute = tm.tm_min;
	it.second = tm.tm_sec;
	return it;
}

/*
 * The first instance of RRULE (starting at DTSTART) strictly after
 * AFTER: 1 with *NEXT set, 0 when the rule has ended, -1 on error.
 */
int
recur_next(const char *rrule, time_t dtstart, time_t after, time_t *next)
{
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	struct icaltimetype i;
	time_t t;
	int n, found = 0;

	r = icalrecurrencetype_from_string(rrule);
	if (r.rscale != NULL) {		/* refused by recur_check */
		free(r.rscale);
		return -1;
	}
	if (r.freq == ICAL_NO_RECURRENCE)
		return -1;
	if ((it = icalrecur_iterator_new(r, to_ical(dtstart))) == NULL)
		return -1;
	/* Jump close to AFTER when libical can; otherwise walk. */
	if (after > dtstart && r.count == 0)
		(void)icalrecur_iterator_set_start(it, to_ical(after));
	for (n = 0; n < MAX_STEPS_SCAN; n++) {
		i = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(i))
			break;
		t = local_make(i.year, i.month, i.day,
		    i.hour * 3600 + i.minute * 60 + i.second);
		if (t > after) {
			*next = t;
			found = 1;
			break;
		}
	}
	icalrecur_iterator_free(it);
	return found;
}

/* A short human description: the RRULE itself, which is unambiguous. */
void
recur_describe(const char *rrule, char *buf, size_t len)
{
	snprintf(buf, len, "RRULE:%s", rrule);
}
