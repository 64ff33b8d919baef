/*
 * state.c: the name tables of state.h.  Each table is indexed by its
 * enum, and the words are those of the schema's CHECK constraints
 * (store-schema.c), which the database keeps as they are.
 */
#include <string.h>

#include "state.h"

static const char *const msg_names[MSG_NSTATES] = {
	[MSG_QUEUED] = "queued",
	[MSG_SENDING] = "sending",
	[MSG_SENT] = "sent",
	[MSG_DELIVERED] = "delivered",
	[MSG_FAILED] = "failed",
	[MSG_DEAD] = "dead",
	[MSG_CANCELLED] = "cancelled",
};

static const char *const occ_names[OCC_NSTATES] = {
	[OCC_OPEN] = "open",
	[OCC_DONE] = "done",
	[OCC_CANCELLED] = "cancelled",
};

static const char *const job_names[JOB_NSTATES] = {
	[JOB_PENDING] = "pending",
	[JOB_FIRED] = "fired",
	[JOB_SKIPPED] = "skipped",
	[JOB_CANCELLED] = "cancelled",
};

static const char *const sched_names[SCHED_NKINDS] = {
	[SCHED_ONCE] = "once",
	[SCHED_RRULE] = "rrule",
	[SCHED_ONGOING] = "ongoing",
};

static const char *const job_kind_names[JOB_NKINDS] = {
	[JOB_REMINDER] = "reminder",
	[JOB_ESCALATION] = "escalation",
	[JOB_ALERT] = "alert",
};

static const char *const event_names[EV_NKINDS] = {
	[EV_CREATED] = "created",
	[EV_DONE] = "done",
	[EV_CANCELLED] = "cancelled",
	[EV_EXTENDED] = "extended",
	[EV_SKIPPED] = "skipped",
	[EV_REMINDED] = "reminded",
	[EV_ESCALATED] = "escalated",
	[EV_ALERTED] = "alerted",
	[EV_FAILED] = "failed",
	[EV_DEAD] = "dead",
	[EV_UNDELIVERED] = "undelivered",
	[EV_ALERT] = "alert",
	[EV_TOKEN] = "token",
	[EV_AUTH] = "auth",
	[EV_IN_DOUBT] = "in-doubt",
	[EV_REPLY_REFUSED] = "reply-refused",
	[EV_RETRY] = "retry",
	[EV_CANCEL] = "cancel",
	[EV_WEB_LOGIN] = "web-login",
	[EV_WEB_REFUSED] = "web-refused",
	[EV_WEB_USER] = "web-user",
	[EV_WEB_LINK] = "web-link",
	[EV_PROGRESS] = "progress",
	[EV_EXT_REQUESTED] = "extension-requested",
	[EV_EXT_APPROVED] = "extension-approved",
	[EV_EXT_DECLINED] = "extension-declined",
	[EV_RESENT] = "resent",
	[EV_REFUSAL_ANSWERED] = "refusal-answered",
	[EV_WEB_IMPORT] = "web-import",
};

static const char *const web_role_names[WR_NROLES] = {
	[WR_NONE] = "none",
	[WR_VIEWER] = "viewer",
	[WR_OFFICE] = "office",
	[WR_AGENCY] = "agency",
};

static const char *const ext_names[EXT_NSTATES] = {
	[EXT_PENDING] = "pending",
	[EXT_APPROVED] = "approved",
	[EXT_DECLINED] = "declined",
	[EXT_WITHDRAWN] = "withdrawn",
};

static const char *const report_names[RPT_NKINDS] = {
	[RPT_PROGRESS] = "progress",
	[RPT_DONE] = "done",
};

static const char *
name_of(const char *const *names, int n, int v)
{
	return (v >= 0 && v < n) ? names[v] : "?";
}

/* The index of S in NAMES, or -1. */
static int
index_of(const char *const *names, int n, const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

#define NAME_TABLE(type, prefix, names, n)				\
const char *								\
prefix##_name(enum type v)						\
{									\
	return name_of(names, n, (int)v);				\
}									\
									\
int									\
prefix##_parse(const char *s, enum type *out)				\
{									\
	int i;								\
									\
	if ((i = index_of(names, n, s)) == -1)				\
		return -1;						\
	*out = (enum type)i;						\
	return 0;							\
}

NAME_TABLE(msg_state, msg_state, msg_names, MSG_NSTATES)
NAME_TABLE(occ_state, occ_state, occ_names, OCC_NSTATES)
NAME_TABLE(job_state, job_state, job_names, JOB_NSTATES)
NAME_TABLE(sched_kind, sched_kind, sched_names, SCHED_NKINDS)
NAME_TABLE(job_kind, job_kind, job_kind_names, JOB_NKINDS)
NAME_TABLE(event_kind, event_kind, event_names, EV_NKINDS)
NAME_TABLE(web_role, web_role, web_role_names, WR_NROLES)
NAME_TABLE(ext_state, ext_state, ext_names, EXT_NSTATES)
NAME_TABLE(report_kind, report_kind, report_names, RPT_NKINDS)
