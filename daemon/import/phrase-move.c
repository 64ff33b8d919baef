/*
 * phrase-move.c: how a due day read from a phrase will move when it falls
 * on a day off, in the words people check a plan with: "30/01 → 03/02
 * (Tết Nguyên đán)".  The move is the one the import makes: the policy's
 * deadline_rule over the working-day calendar of the configuration.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "holiday.h"
#include "phrase.h"
#include "sendwin.h"
#include "tztime.h"

int
phrase_move(const struct config *conf, const char *policy,
    const struct sched *s, struct ymd due, struct ymd *to, char *buf,
    size_t len)
{
	const struct policy *p;
	char why[200], name[96];
	time_t t, m;
	struct tm tm;

	buf[0] = '\0';
	*to = due;
	p = config_policy(conf, policy ? policy : conf->default_policy);
	if (p == NULL || due.y == 0)
		return 0;
	t = local_make(due.y, due.m, due.d, s->tod >= 0 ? s->tod :
	    p->deadline_time);
	if ((m = wd_deadline(conf->calendar, p, t, why, sizeof(why))) == t)
		return 0;
	localtime_r(&m, &tm);
	to->y = tm.tm_year + 1900;
	to->m = tm.tm_mon + 1;
	to->d = tm.tm_mday;
	calendar_day_off_name(conf->calendar, due.y, due.m, due.d, name,
	    sizeof(name));
	snprintf(buf, len, "%02d/%02d/%04d → %02d/%02d/%04d (%s)%s", due.d,
	    due.m, due.y, to->d, to->m, to->y, name, s->limit.y != 0 &&
	    (to->y > s->limit.y || (to->y == s->limit.y && (to->m > s->limit.m ||
	    (to->m == s->limit.m && to->d >= s->limit.d)))) ?
	    "; this reaches the excluded day of \"trước\": deadline_rule = "
	    "before keeps it earlier" : "");
	return 1;
}
