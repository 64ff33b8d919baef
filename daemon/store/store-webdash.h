/*
 * store-webdash.h: what the tracking office's pages read: the counts of
 * the dashboard (the same as "nhacviec report" for a period, narrowed by
 * plan and agency group), the overdue list with the last message of each
 * task, plans and agencies with their counts, a task's whole history
 * (messages, reports and their files, requests for more time, the audit
 * log with who did what), and the decisions on those requests.
 */
#ifndef NV_STORE_WEBDASH_H
#define NV_STORE_WEBDASH_H

#include <stdint.h>
#include <time.h>

#include "state.h"

struct store;

/* What the dashboard is narrowed to. */
struct dash_filter {
	int64_t		 plan_id;	/* 0: every plan */
	const char	*group;		/* an agency group, or NULL */
	time_t		 from, to;	/* deadlines in [from, to) */
	time_t		 now;
	time_t		 week_end;	/* "this week": open, now <= due < it */
};

/* One lead agency's counts. */
struct dash_row {
	int64_t		 agency_id;
	const char	*code;
	const char	*name;
	int64_t		 due;		/* deadlines in the period, not cancelled */
	int64_t		 on_time;
	int64_t		 late;		/* done after the deadline */
	int64_t		 overdue;	/* open, deadline passed */
	int64_t		 pending;	/* open, deadline ahead */
	int64_t		 this_week;	/* open, due before week_end */
};

/* An overdue deadline with the last message about it. */
struct dash_overdue {
	int64_t		 occ_id;
	int64_t		 task_id;
	const char	*title;
	const char	*plan;
	const char	*lead_code;
	const char	*lead_name;
	time_t		 due_at;
	int64_t		 msg_id;	/* 0: nothing sent yet */
	enum msg_state	 msg_state;
	enum job_kind	 msg_kind;
	const char	*msg_provider;
	const char	*msg_contact;
	time_t		 msg_at;	/* sent, or last changed */
};

struct dash_plan {
	int64_t		 id;
	const char	*code;
	const char	*title;
	int64_t		 tasks;
	int64_t		 open;
	int64_t		 overdue;
	int64_t		 done;
};

struct dash_agency {
	int64_t		 id;
	const char	*code;
	const char	*name;
	const char	*groups;	/* comma-separated, or NULL */
	int64_t		 led;		/* tasks it leads */
	int64_t		 open;		/* open deadlines of those */
	int64_t		 overdue;
	int64_t		 contacts;	/* active */
};

/* A task with the deadline that matters now: its first open one, else its last. */
struct dash_task {
	int64_t		 id;
	const char	*ref;
	const char	*title;
	const char	*plan;
	const char	*lead_code;
	const char	*lead_name;
	int		 coop;		/* the agency asked about cooperates */
	int64_t		 occ_id;	/* 0: none */
	time_t		 due_at;
	enum occ_state	 state;
	time_t		 done_at;
};

/* A message about a deadline, as its history shows it. */
struct dash_msg {
	int64_t		 id;
	int64_t		 occ_id;
	int64_t		 task_id;
	const char	*task_title;
	enum job_kind	 kind;
	int		 step;
	const char	*contact;
	const char	*provider;
	const char	*address;
	enum msg_state	 state;
	int		 attempts;
	int		 is_digest;
	time_t		 created_at;
	time_t		 updated_at;
	time_t		 sent_at;	/* 0: not sent */
	const char	*error;
	const char	*body;
};

struct dash_event {
	time_t		 at;
	enum event_kind	 kind;
	int64_t		 occ_id;
	const char	*actor;
	const char	*detail;
};

struct dash_report {
	int64_t		 id;
	int64_t		 occ_id;
	enum report_kind kind;
	const char	*body;
	const char	*doc_number;
	const char	*by;		/* the contact's or the account's name */
	time_t		 created_at;
};

struct dash_file {
	int64_t		 report_id;
	const char	*sha256;
	const char	*name;
	const char	*mime;
	int64_t		 size;
};

struct dash_ext {
	int64_t		 id;
	int64_t		 occ_id;
	int64_t		 task_id;
	const char	*task_title;
	int64_t		 lead_id;
	const char	*lead_code;
	const char	*lead_name;
	time_t		 old_due;
	time_t		 new_due;
	time_t		 due_now;	/* the occurrence's deadline today */
	enum occ_state	 occ_state;
	const char	*ack_code;
	const char	*reason;
	enum ext_state	 state;
	const char	*by;		/* who asked */
	time_t		 created_at;
	const char	*decided_by;
	time_t		 decided_at;
	const char	*note;
};

int	store_dash_counts(struct store *, const struct dash_filter *,
	    void (*)(void *, const struct dash_row *), void *);
/* Overdue deadlines in the filter, oldest first, at most LIMIT. */
int	store_dash_overdue(struct store *, const struct dash_filter *,
	    int limit, void (*)(void *, const struct dash_overdue *), void *);
int	store_dash_plans(struct store *, time_t now,
	    void (*)(void *, const struct dash_plan *), void *);
/* Plan ID's code and title: 1, 0 none, -1. */
int	store_dash_plan(struct store *, int64_t id,
	    void (*)(void *, const struct dash_plan *), void *);
/* Every agency (ID 0) or one, with its counts. */
int	store_dash_agencies(struct store *, int64_t id, time_t now,
	    void (*)(void *, const struct dash_agency *), void *);
/* Tasks of PLAN_ID (0: all) that AGENCY_ID (0: any) leads or cooperates on. */
int	store_dash_tasks(struct store *, int64_t plan_id, int64_t agency_id,
	    void (*)(void *, const struct dash_task *), void *);
/* 2 AGENCY_ID leads TASK_ID, 1 cooperates, 0 neither, -1 error. */
int	store_dash_task_role(struct store *, int64_t task_id,
	    int64_t agency_id);
/* The messages about TASK_ID's deadlines, newest first. */
int	store_dash_task_msgs(struct store *, int64_t task_id,
	    void (*)(void *, const struct dash_msg *), void *);
/* Messages to AGENCY_ID's contacts that failed since SINCE, newest first. */
int	store_dash_failures(struct store *, int64_t agency_id, time_t since,
	    int limit, void (*)(void *, const struct dash_msg *), void *);
/* TASK_ID's audit log with who did each thing, oldest first. */
int	store_dash_events(struct store *, int64_t task_id,
	    void (*)(void *, const struct dash_event *), void *);
int	store_dash_reports(struct store *, int64_t task_id,
	    void (*)(void *, const struct dash_report *), void *);
int	store_dash_files(struct store *, int64_t task_id,
	    void (*)(void *, const struct dash_file *), void *);
/* Requests for more time: of TASK_ID (0: any), pending ones only or all. */
int	store_dash_exts(struct store *, int64_t task_id, int pending_only,
	    void (*)(void *, const struct dash_ext *), void *);
/* One request: 1, 0 none, -1. */
int	store_dash_ext(struct store *, int64_t id,
	    void (*)(void *, const struct dash_ext *), void *);
/*
 * Records the office's decision on pending request ID: 0, 1 when it is
 * no longer pending, -1.
 */
int	store_dash_ext_decide(struct store *, int64_t id, enum ext_state,
	    int64_t user_id, const char *note, time_t now);
/*
 * The latest reminder of OCC_ID that fired (its step and target), for
 * sending it again: 1, 0 none fired yet, -1.
 */
int	store_dash_last_reminder(struct store *, int64_t occ_id, int *step,
	    char *target, size_t len);

#endif
