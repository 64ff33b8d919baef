/*
 * taskadd.h: adding a task with its first occurrences and jobs, for every
 * door that adds tasks (the CLI, the admin API, imports).
 */
#ifndef NV_TASKADD_H
#define NV_TASKADD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct occ_batch;
struct config;
struct store;

/* What a person asks for; exactly one of due, every, rrule, ongoing. */
struct task_spec {
	const char	*plan;
	const char	*title;
	const char	*lead;
	const char	*cooperate;	/* "A,B,C" */
	const char	*ref;
	const char	*policy;	/* NULL: the default */
	const char	*due;		/* a deadline, as parse_when reads it */
	const char	*every;		/* a recurrence shorthand */
	const char	*rrule;
	const char	*start;
	const char	*until;		/* YYYY-MM-DD: the rule ends that day */
	/*
	 * With ongoing: a deadline WAIT_N units (days, workdays, months,
	 * hours) after WAIT_TRIGGER, planned when task_start is called.
	 */
	const char	*wait_unit;
	double		 wait_n;
	const char	*wait_trigger;
	int		 past_recorded;	/* a past deadline: no reminders */
	int		 ongoing;
	const char	*report;	/* with ongoing: a periodic report */
	const char	*quota;
	const char	*via;		/* "command line", "API", ... */
	const char	*form;		/* how it is to be done (Hình thức) */
	const char	*note;		/* anything else the source gave */
	const char	*content;	/* the whole content, when title is short */
	const char	*section;	/* the plan's heading above the task */
	int		 in_txn;	/* the caller holds the transaction */
	/*
	 * A one-off's "created" and "moved" events are the caller's to
	 * log: a large import writes them in one statement at its end
	 * (store_bulk_created), the move's reason from task_added.why.
	 * A string added to this struct is one import-pipe.c copies too.
	 */
	int		 events_later;
	struct occ_batch *batch;	/* a large import's (plan.h); or NULL */
	/*
	 * Ids already resolved (an import holds the directory): when
	 * lead_id is set, plan_id, lead_id and coop_ids stand for plan, lead
	 * and cooperate, and are not looked up again.
	 */
	int64_t		 plan_id, lead_id;
	const int64_t	*coop_ids;
	int		 ncoop;
};

struct task_added {
	int64_t		 task_id;
	enum sched_kind	 sched;
	const char	*policy;
	char		 rrule[256];
	time_t		 dtstart;
	int		 occurrences;	/* recurring: planned ahead */
	/* one-off */
	int64_t		 occ_id;
	char		 ack[16];
	time_t		 due;
	int		 planned, past;
	char		 why[200];	/* the deadline was moved, and why */
};

/* What a new one-off's "created" event says, for a task added via VIA. */
void		 task_created_detail(const char *via, char *, size_t);

/* The kind of schedule T asks for. */
enum sched_kind	 task_spec_sched(const struct task_spec *);

/*
 * Returns 0, -1 when the request is refused (ERR names the field: "due:
 * ..."), or -2 on store errors.  Runs its own transaction.
 */
int	task_add(struct store *, const struct config *,
	    const struct task_spec *, time_t now, struct task_added *,
	    char *err, size_t errlen);

/*
 * task_add in two halves, so a large import reads each row's request on
 * one thread and stores it on another: what T asks for, read without the
 * store (0, or -1 as task_add refuses), then the task stored as task_add
 * does.
 */
struct policy;
struct task_prep {
	const struct policy *pol;
	time_t		 due;		/* a one-off's, as asked */
	struct task_added out;		/* the schedule read */
};
int	task_prepare(const struct config *, const struct task_spec *,
	    time_t now, struct task_prep *, char *err, size_t errlen);
int	task_add_prepared(struct store *, const struct config *,
	    const struct task_spec *, const struct task_prep *, time_t now,
	    struct task_added *, char *err, size_t errlen);

/*
 * Gives task ID the schedule T describes (T's plan, title and lead are
 * required but not changed).  Its open occurrences not yet due are
 * cancelled (*CANCELLED counts them) and the new schedule planned from
 * NOW; overdue ones stay owed.  Returns as task_add does.
 */
int	task_resched(struct store *, const struct config *, int64_t id,
	    const struct task_spec *, time_t now, struct task_added *,
	    int *cancelled, char *err, size_t errlen);

#endif
