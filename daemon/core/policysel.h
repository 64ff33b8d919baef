/*
 * policysel.h: the policy an imported task gets when no --policy says:
 * the first [policy] whose for_groups and for_kinds fit the task.
 */
#ifndef NV_POLICYSEL_H
#define NV_POLICYSEL_H

struct config;

/* "weekly", "monthly", ... for an RRULE; "once" etc. for the others. */
const char	*policy_kind_of(const char *sched, const char *rrule);
/*
 * The name of the first policy whose for_groups (if set) names one of
 * GROUPS (comma-separated, the lead's) and whose for_kinds (if set)
 * names KIND; NULL when none sets either and fits: the default applies.
 */
const char	*policy_select(const struct config *, const char *groups,
		    const char *kind);

#endif
