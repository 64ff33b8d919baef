/*
 * state.h: the states and kinds the store keeps as text (message,
 * occurrence and job states, a task's kind of schedule, job kinds and
 * the kinds of audit events).  The rest of the program handles them as
 * enums; the store turns them into the schema's words and back, and
 * anything shown to a person or written as JSON takes its word from the
 * name functions here, so the words are spelled in one place.
 *
 * Each *_parse returns 0 and sets *OUT when S is one of the names, and -1
 * for anything else; each *_name returns "?" for a value out of range.
 */
#ifndef NV_STATE_H
#define NV_STATE_H

/* A message in the outbox. */
enum msg_state {
	MSG_QUEUED = 0,
	MSG_SENDING,
	MSG_SENT,
	MSG_DELIVERED,
	MSG_FAILED,
	MSG_DEAD,
	MSG_CANCELLED,
	MSG_NSTATES
};

/* One deadline of a task. */
enum occ_state {
	OCC_OPEN = 0,
	OCC_DONE,
	OCC_CANCELLED,
	OCC_NSTATES
};

/* A reminder, escalation or alert planned for a deadline. */
enum job_state {
	JOB_PENDING = 0,
	JOB_FIRED,
	JOB_SKIPPED,
	JOB_CANCELLED,
	JOB_NSTATES
};

/* How a task's deadlines come: one, by RRULE, or ongoing. */
enum sched_kind {
	SCHED_ONCE = 0,
	SCHED_RRULE,
	SCHED_ONGOING,
	SCHED_NKINDS
};

/* What a job sends. */
enum job_kind {
	JOB_REMINDER = 0,
	JOB_ESCALATION,
	JOB_ALERT,
	JOB_NKINDS
};

/* The kind of a row of the audit log (table event). */
enum event_kind {
	EV_CREATED = 0,		/* a one-off task's deadline added */
	EV_DONE,		/* a deadline reported done */
	EV_CANCELLED,		/* a deadline cancelled */
	EV_EXTENDED,		/* a deadline moved */
	EV_SKIPPED,		/* a job not fired */
	EV_REMINDED,		/* a reminder fired */
	EV_ESCALATED,		/* an escalation fired */
	EV_ALERTED,		/* an alert job fired */
	EV_FAILED,		/* a send failed for good on a channel */
	EV_DEAD,		/* a message gave up */
	EV_UNDELIVERED,		/* a receipt said not delivered */
	EV_ALERT,		/* the operators were alerted */
	EV_TOKEN,		/* a provider's token refreshed */
	EV_AUTH,		/* a provider authorised by the operator */
	EV_IN_DOUBT,		/* messages in doubt after a restart */
	EV_REPLY_REFUSED,	/* a reply not taken */
	EV_RETRY,		/* a message queued again by the operator */
	EV_CANCEL,		/* a message cancelled by the operator */
	EV_WEB_LOGIN,		/* someone signed in to the web pages */
	EV_WEB_REFUSED,		/* a sign-in refused */
	EV_WEB_USER,		/* a web account added or changed */
	EV_WEB_LINK,		/* an agency's personal link issued or revoked */
	EV_PROGRESS,		/* an agency reported progress */
	EV_EXT_REQUESTED,	/* an agency asked for more time */
	EV_EXT_APPROVED,	/* the office granted it */
	EV_EXT_DECLINED,	/* the office refused it */
	EV_RESENT,		/* the office sent a task's reminder again */
	EV_REFUSAL_ANSWERED,	/* a refused reply answered (detail: the
				   number), at most one a day per number */
	EV_WEB_IMPORT,		/* the office imported a plan's table on the web */
	EV_NKINDS
};

/* Who may use the web pages, and how much. */
enum web_role {
	WR_NONE = 0,		/* not signed in */
	WR_VIEWER,		/* the office, read only */
	WR_OFFICE,		/* the office: everything */
	WR_AGENCY,		/* one agency: its own tasks */
	WR_NROLES
};

/* An agency's request for more time. */
enum ext_state {
	EXT_PENDING = 0,
	EXT_APPROVED,
	EXT_DECLINED,
	EXT_WITHDRAWN,		/* the deadline was closed or moved first */
	EXT_NSTATES
};

/* What an agency's report says. */
enum report_kind {
	RPT_PROGRESS = 0,	/* how far it has come */
	RPT_DONE,		/* finished, with the result */
	RPT_NKINDS
};

const char	*msg_state_name(enum msg_state);
int		 msg_state_parse(const char *, enum msg_state *);
const char	*occ_state_name(enum occ_state);
int		 occ_state_parse(const char *, enum occ_state *);
const char	*job_state_name(enum job_state);
int		 job_state_parse(const char *, enum job_state *);
const char	*sched_kind_name(enum sched_kind);
int		 sched_kind_parse(const char *, enum sched_kind *);
const char	*job_kind_name(enum job_kind);
int		 job_kind_parse(const char *, enum job_kind *);
const char	*event_kind_name(enum event_kind);
int		 event_kind_parse(const char *, enum event_kind *);
const char	*web_role_name(enum web_role);
int		 web_role_parse(const char *, enum web_role *);
const char	*ext_state_name(enum ext_state);
int		 ext_state_parse(const char *, enum ext_state *);
const char	*report_kind_name(enum report_kind);
int		 report_kind_parse(const char *, enum report_kind *);

#endif
