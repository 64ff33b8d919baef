/*
 * policysel.c: choosing a task's policy from what it is.  A province
 * writes once that the weekly segments of radio and television stations
 * get the "broadcast" policy (for_groups = dai-truyen-thanh, for_kinds =
 * weekly) instead of passing --policy for each row.  Policies are tried
 * in the order of the file; one with neither key is never chosen this
 * way, so the default stays the default.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "policysel.h"

/* Whether LIST (words separated by commas or spaces) has WORD. */
static int
listed(const char *list, const char *word, size_t wlen)
{
	const char *p = list;
	size_t n;

	while (*p != '\0') {
		p += strspn(p, ", ");
		n = strcspn(p, ", ");
		if (n > 0 && n == wlen && strncmp(p, word, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* Whether one word of A is in B. */
static int
meet(const char *a, const char *b)
{
	const char *p = a;
	size_t n;

	while (*p != '\0') {
		p += strspn(p, ", ");
		n = strcspn(p, ", ");
		if (n > 0 && listed(b, p, n))
			return 1;
		p += n;
	}
	return 0;
}

const char *
policy_kind_of(const char *sched, const char *rrule)
{
	if (sched == NULL || strcmp(sched, "once") == 0)
		return "once";
	if (rrule == NULL || *rrule == '\0')
		return strcmp(sched, "ongoing") == 0 ? "ongoing" : "once";
	if (strstr(rrule, "FREQ=DAILY") != NULL)
		return "daily";
	if (strstr(rrule, "FREQ=WEEKLY") != NULL)
		return "weekly";
	if (strstr(rrule, "FREQ=MONTHLY") != NULL)
		return strstr(rrule, "INTERVAL=3") ? "quarterly" :
		    strstr(rrule, "INTERVAL=6") ? "half-yearly" : "monthly";
	if (strstr(rrule, "FREQ=YEARLY") != NULL) {
		const char *bm = strstr(rrule, "BYMONTH=");

		/* Four months listed: one a quarter. */
		if (bm != NULL && strchr(bm, ',') != NULL)
			return "quarterly";
		return "yearly";
	}
	return "once";
}

const char *
policy_select(const struct config *c, const char *groups, const char *kind)
{
	const struct policy *p;

	TAILQ_FOREACH(p, &c->policies, entry) {
		if (p->for_groups == NULL && p->for_kinds == NULL)
			continue;
		if (p->for_groups != NULL && (groups == NULL ||
		    !meet(groups, p->for_groups)))
			continue;
		if (p->for_kinds != NULL && (kind == NULL ||
		    !listed(p->for_kinds, kind, strlen(kind))))
			continue;
		return p->name;
	}
	return NULL;
}
