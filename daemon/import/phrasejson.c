/*
 * phrasejson.c: a timing phrase's reading as JSON.  The one place that
 * turns a struct phrase into the object shown to users, so that a new
 * reader changes this file and nothing that prints it.  Dates are
 * ISO 8601 (yyyy-mm-dd); "dues" are the first three deadlines (one for
 * a deadline or a period, none for a standing duty without reports);
 * "unread" is what was not understood, null when all of it was.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "phrase.h"
#include "phrasejson.h"
#include "recur.h"
#include "tztime.h"

static json_t *
ymd_json(const struct ymd *d)
{
	char s[16];

	if (d->y == 0)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d-%02d", d->y, d->m, d->d);
	return json_string(s);
}

static const char *
kind_name(enum phrase_kind k)
{
	switch (k) {
	case PH_ONCE:
		return "once";
	case PH_WINDOW:
		return "window";
	case PH_RECUR:
		return "recur";
	case PH_ONGOING:
		return "ongoing";
	default:
		return "unknown";
	}
}

json_t *
phrase_json(const char *text, const struct phrase *ph, int year)
{
	json_t *o, *dues = json_array(), *notes = json_array();
	time_t start, t, next;
	struct tm tm;
	char d[32];
	int i;

	if (ph->kind == PH_ONCE || ph->kind == PH_WINDOW)
		json_array_append_new(dues, ymd_json(&ph->due));
	else if (ph->rrule[0] != '\0') {
		start = local_make(year, 1, 1, 0);
		t = start - 1;
		for (i = 0; i < 3 && recur_next(ph->rrule, start, t, &next) ==
		    1; i++) {
			localtime_r(&next, &tm);
			strftime(d, sizeof(d), "%Y-%m-%d", &tm);
			json_array_append_new(dues, json_string(d));
			t = next;
		}
	}
	if (ph->note[0] != '\0')
		json_array_append_new(notes, json_string(ph->note));
	o = json_pack("{s:s, s:s, s:s?, s:o, s:o, s:o, s:b, s:o, s:o}",
	    "phrase", text ? text : "", "kind", kind_name(ph->kind), "rule",
	    ph->rule, "dues", dues, "from", ph->kind == PH_WINDOW ?
	    ymd_json(&ph->from) : json_null(), "until", ymd_json(&ph->until),
	    "ambiguous", ph->ambiguous, "notes", notes, "unread",
	    ph->kind == PH_UNKNOWN ? json_string(text ? text : "") :
	    json_null());
	if (ph->rrule[0] != '\0' && o != NULL)
		json_object_set_new(o, "rrule", json_string(ph->rrule));
	return o;
}
