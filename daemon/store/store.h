/*
 * store.h: the SQLite layer.  Every SQL statement of nhacviec lives in
 * this folder, daemon/store/ (store.c opens and caches, store-schema.c
 * migrates, store-agency.c, store-task.c, store-msg.c and store-report.c
 * hold one concern each); the rest of the program sees only the typed
 * functions below, and states only as the enums of state.h.
 *
 * Conventions: functions return 0 on success and -1 on error, with the
 * reason in the store's error buffer (store_error()).  Lookups return 1
 * when found and 0 when not.  Strings in row structs passed to callbacks
 * point into SQLite's memory and are valid only during the callback.
 * Times are UTC seconds.
 */
#ifndef NV_STORE_H
#define NV_STORE_H

#include <stdint.h>
#include <time.h>

#include "state.h"

struct store;

struct agency_row {
	int64_t		 id;
	const char	*code;
	const char	*name;
	int64_t		 parent_id;	/* 0: none */
	const char	*parent_code;
	const char	*groups;	/* comma-separated */
	const char	*aliases;	/* ";"-separated phrases, or NULL */
};

struct contact_row {
	int64_t		 id;
	int64_t		 agency_id;
	const char	*agency_code;
	const char	*name;
	const char	*role;
	const char	*phone;
	const char	*zalo;
	const char	*email;
	const char	*telegram;
	int		 active;
};

struct plan_row {
	int64_t		 id;
	const char	*code;
	const char	*title;
	const char	*issuer;
	const char	*issued_on;
	const char	*period_from;	/* YYYY-MM-DD, or NULL */
	const char	*period_until;
};

struct task_row {
	int64_t		 id;
	int64_t		 plan_id;
	const char	*plan_code;
	const char	*ref;
	const char	*title;
	int64_t		 lead_id;
	const char	*lead_code;
	const char	*lead_name;
	const char	*policy;
	const char	*coop;		/* cooperating codes, comma-separated */
	enum sched_kind	 sched;
	const char	*rrule;
	const char	*quota;
	const char	*form;
	const char	*note;
	const char	*content;	/* the whole content cell, or NULL */
	const char	*section;	/* its heading in the plan, or NULL */
	/* A relative deadline: wait_unit NULL when the task has none. */
	double		 wait_n;
	const char	*wait_unit;	/* days, workdays, months, hours */
	const char	*wait_trigger;
	time_t		 started_at;	/* 0: still waiting */
	/*
	 * The task's earliest open occurrence, if any (occ_id 0: none, and
	 * then due_at and occ_state mean nothing).
	 */
	int64_t		 occ_id;
	time_t		 due_at;
	enum occ_state	 occ_state;
	const char	*ack_code;
};

/* A task as an import finds it again, to compare with its table's row. */
struct task_found {
	int64_t		 id;
	char		 title[512];
	enum sched_kind	 sched;
	char		 rrule[256];	/* "" when none */
	char		 quota[160];	/* "" when none */
	char		 policy[64];
	int		 same_notes;	/* form, note, content, section same */
	int		 started;	/* a relative deadline, started */
};

/* A task to add: one-off (SCHED_ONCE) or recurring. */
struct new_task {
	int64_t		 plan_id;
	const char	*ref;
	const char	*title;
	int64_t		 lead_id;
	const char	*policy;
	enum sched_kind	 sched;
	const char	*rrule;		/* with rrule; optional with ongoing */
	time_t		 dtstart;
	const char	*quota;
	const char	*form;		/* how it is done (Hình thức) */
	const char	*note;		/* the table's other columns */
	const char	*wait_unit;	/* relative: days, workdays, ... */
	double		 wait_n;
	const char	*wait_trigger;
	const int64_t	*coop;
	const char	*content;	/* the whole content cell, if longer */
	const char	*section;	/* the heading the task sits under */
	int		 ncoop;
};

/* A recurring task that needs occurrences planned. */
struct expand_row {
	int64_t		 id;
	const char	*policy;
	const char	*rrule;
	time_t		 dtstart;
	time_t		 last_instance;	/* 0: none planned yet */
};

struct occ_row {
	int64_t		 id;
	int64_t		 task_id;
	time_t		 due_at;
	enum occ_state	 state;
	const char	*ack_code;
	time_t		 done_at;
	const char	*done_by;
	const char	*done_via;
	const char	*note;
	time_t		 plan_at;	/* jobs not stored yet: stored then */
};

/* An open occurrence whose jobs are planned but not yet stored. */
struct unplanned_row {
	int64_t		 id;
	time_t		 due_at;
	time_t		 plan_at;
	const char	*policy;
};

/* A job that is due, with what expanding it into messages needs. */
struct due_job {
	int64_t		 id;
	int64_t		 occ_id;
	enum job_kind	 kind;
	int		 step;
	const char	*target;
	time_t		 fire_at;
	int64_t		 task_id;
	const char	*task_title;
	const char	*task_ref;
	const char	*policy;
	const char	*plan_code;
	int64_t		 lead_id;
	const char	*lead_name;
	int64_t		 lead_parent_id;
	time_t		 due_at;
	const char	*ack_code;
	const char	*quota;
};

struct job_row {
	int64_t		 id;
	enum job_kind	 kind;
	int		 step;
	const char	*target;
	time_t		 fire_at;
	enum job_state	 state;
	const char	*note;
};

/* A message with everything a provider needs to send it. */
struct msg_row {
	int64_t		 id;
	int64_t		 job_id;
	int64_t		 contact_id;
	int		 channel;
	const char	*provider;
	const char	*address;
	const char	*body;
	const char	*idem_key;
	enum msg_state	 state;
	int		 attempts;
	int		 in_doubt;
	time_t		 created_at;
	time_t		 next_attempt_at;
	const char	*last_error;
	const char	*provider_msg_id;
	/* joined context */
	enum job_kind	 kind;
	int		 step;
	int64_t		 task_id;
	const char	*task_ref;
	const char	*task_title;
	const char	*policy;
	const char	*plan_code;
	int64_t		 occ_id;
	time_t		 due_at;
	const char	*ack_code;
	time_t		 fire_at;	/* of the job that made the message */
	int64_t		 prev_id;	/* the message it falls back from, or 0 */
	const char	*mail_id;	/* its Message-ID's left part, or NULL */
	int64_t		 digest_id;	/* the digest that carries it, or 0 */
	int		 is_digest;	/* it carries others (store_digest_*) */
	int64_t		 lead_id;
	const char	*agency_code;
	const char	*agency_name;
	const char	*contact_name;
	const char	*contact_role;
	const char	*phone;
	const char	*zalo;
	const char	*email;
	const char	*telegram;
};

struct new_msg {
	int64_t		 job_id;
	int64_t		 contact_id;
	int		 channel;
	const char	*provider;
	const char	*address;
	const char	*body;
	const char	*idem_key;
	time_t		 now;
	time_t		 at;		/* not before; 0: at once */
	int		 is_digest;
};

/* A field a PATCH may set: SET says it was given (VALUE may be NULL). */
struct patch_str {
	int		 set;
	const char	*value;
};

struct contact_patch {
	struct patch_str name, role, phone, zalo, email, telegram;
	int		 active;	/* -1: not given */
};

/* One lead agency's line in "nhacviec report". */
struct report_row {
	const char	*code;
	const char	*name;
	int64_t		 due;		/* occurrences due in the period */
	int64_t		 on_time;
	int64_t		 late;
	int64_t		 overdue;	/* open, deadline passed */
	int64_t		 pending;	/* open, deadline still ahead */
};

struct overdue_row {
	const char	*agency;
	int64_t		 task_id;
	const char	*title;
	const char	*plan;
	time_t		 due_at;
	const char	*ack_code;
};

/* A deadline for a calendar feed. */
struct deadline_row {
	int64_t		 occ_id;
	time_t		 due_at;
	enum occ_state	 state;
	const char	*ack_code;
	int64_t		 task_id;
	const char	*title;
	const char	*ref;
	const char	*plan;
	const char	*agency_name;	/* the lead's */
	int		 coop;		/* the agency cooperates, not leads */
};

struct store_counts {
	int64_t		 msgs[MSG_NSTATES];	/* messages by state */
	int64_t		 in_doubt;
	int64_t		 jobs_pending, occ_open, occ_overdue;
};

typedef void	(*agency_cb)(void *, const struct agency_row *);
typedef void	(*contact_cb)(void *, const struct contact_row *);
typedef void	(*plan_cb)(void *, const struct plan_row *);
typedef void	(*task_cb)(void *, const struct task_row *);
typedef void	(*job_cb)(void *, const struct job_row *);
/* What became of a due job; the store writes it once the scan is over. */
struct job_outcome {
	enum job_state	 state;		/* JOB_FIRED or JOB_SKIPPED */
	char		 note[160];
};
typedef int	(*due_job_cb)(void *, const struct due_job *,
		    struct job_outcome *);
typedef void	(*msg_cb)(void *, const struct msg_row *);

struct store	*store_open(const char *path, int readonly, char *err,
		    size_t errlen);
void		 store_close(struct store *);
const char	*store_error(struct store *);
int		 store_schema_version(struct store *);
int		 store_healthy(struct store *);
int		 store_cache_kib(struct store *, int kib);
const char	*store_install_id(struct store *);

/* A large import's indexes, dropped then built again (store-bulk.c). */
#define STORE_BULK_NINDEX	5
#define STORE_BULK_MIN_ROWS	20000	/* below: inserting costs less */
struct store_bulk {
	char	*sql[STORE_BULK_NINDEX];
	int	 dropped;
	int	 fresh;		/* task_plan_ref dropped too */
	int	 fk_off;	/* fresh: SQLite's foreign-key checks off */
	int64_t	 occ_since;	/* fresh: the last occurrence before */
};
int	store_bulk_open(struct store *, int rows, int64_t plan_id,
	    int unique_refs, const int64_t *agencies, int nagencies,
	    struct store_bulk *);
void	store_bulk_finish(struct store *, struct store_bulk *);
int	store_bulk_begin(struct store *, int rows, int64_t plan_id,
	    int unique_refs, struct store_bulk *);
int	store_bulk_created(struct store *, const struct store_bulk *,
	    const char *detail, time_t now);
int	store_bulk_end(struct store *, struct store_bulk *);
void	store_bulk_free(struct store_bulk *);

int	store_begin(struct store *);
int	store_commit(struct store *);
void	store_rollback(struct store *);

int	store_agency_add(struct store *, const char *code, const char *name,
	    const char *parent_code, const char *const *groups, int ngroups,
	    time_t now, int64_t *id);
int	store_agency_feed_version(struct store *, const char *code,
	    int64_t *version);
int	store_agency_feed_revoke(struct store *, const char *code);
int	store_agency_get(struct store *, const char *code, int64_t *id,
	    int64_t *parent_id);
int	store_agency_by_id(struct store *, int64_t id, agency_cb, void *);
int	store_agency_list(struct store *, agency_cb, void *);

int	store_contact_add(struct store *, const struct contact_row *,
	    time_t now, int64_t *id);
int	store_contact_list(struct store *, const char *agency_code,
	    contact_cb, void *);
int	store_contact_get(struct store *, int64_t id, contact_cb, void *);
int	store_contact_find(struct store *, int64_t agency, const char *name,
	    int64_t *id);
int	store_agency_set_aliases(struct store *, int64_t id,
	    const char *aliases);
int	store_agency_set_groups(struct store *, int64_t id,
	    const char *const *groups, int n);
int	store_contact_update(struct store *, int64_t id,
	    const struct contact_patch *);
int	store_agency_update(struct store *, const char *code,
	    const struct patch_str *name, const struct patch_str *parent);
int	store_agency_is_above(struct store *, const char *ancestor,
	    const char *code);
int	store_plan_update(struct store *, const char *code,
	    const struct patch_str *title, const struct patch_str *issuer,
	    const struct patch_str *date);
int	store_task_update(struct store *, int64_t id,
	    const struct patch_str *title, const struct patch_str *ref,
	    const struct patch_str *quota);
int	store_contacts_by_address(struct store *, const char *address,
	    contact_cb, void *);
int	store_contact_was_told(struct store *, int64_t contact, int64_t occ);
int	store_contacts_for(struct store *, int64_t agency_id, int roles,
	    contact_cb, void *);

int	store_plan_add(struct store *, const struct plan_row *, time_t now,
	    int64_t *id);
int	store_plan_get(struct store *, const char *code, int64_t *id);
/* Plan CODE's period (YYYY-MM-DD, NULL: none): 1, 0 no such plan, -1. */
int	store_plan_set_period(struct store *, const char *code,
	    const char *from, const char *until);
/* Plan ID's period as YYYY-MM-DD, "" where none: 1, 0 none, -1. */
int	store_plan_period(struct store *, int64_t id, char *from,
	    char *until, size_t len);
int	store_plan_list(struct store *, plan_cb, void *);

int	store_task_add(struct store *, const struct new_task *, time_t now,
	    int64_t *id);
int	store_task_expanded(struct store *, int64_t id, time_t last_instance,
	    time_t expand_at);
int	store_tasks_to_expand(struct store *, time_t now, int limit,
	    void (*)(void *, const struct expand_row *), void *);
int	store_next_expand_at(struct store *, time_t *at);
int	store_task_get(struct store *, int64_t id, task_cb, void *);
/* What an import compares and rewrites beside title and schedule. */
struct task_text {
	const char	*form, *note, *content, *section;
};
int	store_task_find(struct store *, int64_t plan_id, const char *ref,
	    int64_t lead_id, const struct task_text *, struct task_found *);
int	store_task_notes(struct store *, int64_t id, const struct task_text *);
int	store_task_resched(struct store *, int64_t id, enum sched_kind,
	    const char *rrule, time_t dtstart);
/*
 * How occurrence ID's deadline was moved off a day off when it was
 * planned, in BUF: 1, 0 not moved, -1.
 */
int	store_occ_moved(struct store *, int64_t id, char *buf, size_t len);
/* The clock of a waiting task starts at AT: 1, 0 none waiting, -1. */
int	store_task_started(struct store *, int64_t id, time_t at);
int	store_task_list(struct store *, int overdue_only,
	    const char *agency_code, time_t now, task_cb, void *);
int	store_coop_ids(struct store *, int64_t task_id, int64_t *ids,
	    int max);

int	store_occ_add(struct store *, int64_t task_id, time_t due_at,
	    const char *ack_code, time_t now, int64_t *id);
int	store_occ_add_at(struct store *, int64_t task_id, time_t due_at,
	    const char *ack_code, time_t now, time_t plan_at, int64_t *id);
int	store_occ_defer(struct store *, int64_t occ_id, time_t plan_at);
int	store_occs_to_plan(struct store *, time_t until, int limit,
	    void (*)(void *, const struct unplanned_row *), void *);
int	store_next_plan_at(struct store *, time_t *at);
int	store_occ_find(struct store *, int64_t task_id, const char *ack_code,
	    struct occ_row *out, char *ack_buf, size_t ack_len);
int	store_occ_list(struct store *, int64_t task_id,
	    void (*)(void *, const struct occ_row *), void *);
int	store_occ_close(struct store *, int64_t occ_id, enum occ_state,
	    const char *by, const char *via, const char *note, time_t now,
	    int *cancelled);
int	store_occ_move(struct store *, int64_t occ_id, time_t due, time_t now,
	    int *cancelled);
int	store_task_stop(struct store *, int64_t task_id);
int	store_task_events(struct store *, int64_t task_id,
	    void (*)(void *, time_t, enum event_kind, int64_t, const char *),
	    void *);
int	store_report(struct store *, time_t from, time_t to, time_t now,
	    const char *agency, void (*)(void *, const struct report_row *),
	    void *);
int	store_report_overdue(struct store *, time_t from, time_t to,
	    time_t now, const char *agency,
	    void (*)(void *, const struct overdue_row *), void *);
int	store_agency_deadlines(struct store *, const char *agency,
	    time_t since, void (*)(void *, const struct deadline_row *),
	    void *);
int	store_occ_done(struct store *, int64_t occ_id, const char *by,
	    const char *via, const char *note, time_t now, int *cancelled);

int	store_job_add(struct store *, int64_t occ_id, enum job_kind,
	    int step, const char *target, time_t fire_at);
int	store_job_list(struct store *, int64_t occ_id, job_cb, void *);
int	store_jobs_due(struct store *, time_t now, int limit, due_job_cb,
	    void *, int *more);
int	store_job_finish(struct store *, int64_t id, enum job_state,
	    const char *note, time_t now);
int	store_next_job_at(struct store *, time_t *at);

int	store_msg_add(struct store *, const struct new_msg *, int64_t *id);
int	store_msgs_claim(struct store *, const char *provider,
	    int64_t now_ms, int limit, msg_cb, void *);
int	store_msg_get(struct store *, int64_t id, msg_cb, void *);
int	store_msg_by_pid(struct store *, const char *provider,
	    const char *pid, int64_t *id, enum msg_state *);
int	store_msg_receipt(struct store *, int64_t id, int delivered,
	    const char *reason, time_t now);
int	store_msg_count_by_provider(struct store *, void (*)(void *,
	    const char *, enum msg_state, int64_t), void *);
int	store_oldest_queued(struct store *, time_t *);
#define STORE_SENT_BATCH	64
int	store_msgs_sent(struct store *, const int64_t *ids, int n,
	    int64_t now_ms, time_t now);
int	store_msg_update(struct store *, int64_t id, enum msg_state,
	    int64_t next_ms, const char *last_error,
	    const char *provider_msg_id, time_t now);
int	store_msg_fallback(struct store *, int64_t from_id, int channel,
	    const char *provider, const char *address, time_t now,
	    int64_t *id);
int	store_msg_next_in_chain(struct store *, int64_t id, int64_t *next);
int	store_msg_retry(struct store *, int64_t id, time_t now);
int	store_msg_cancel(struct store *, int64_t id, time_t now);
int	store_msg_list(struct store *, const enum msg_state *, int limit,
	    msg_cb, void *);
int	store_next_msg_ms(struct store *, const char *provider,
	    int64_t *at_ms);
int	store_max_msg_id(struct store *, int64_t *id);
int	store_msg_list_after(struct store *, int64_t after_id, msg_cb, void *);
int	store_digest_loose(struct store *, msg_cb, void *);
int	store_digest_add_member(struct store *, int64_t msg_id,
	    int64_t digest_id);
int	store_digest_members(struct store *, int64_t digest_id, msg_cb,
	    void *);
int	store_digests_due(struct store *, time_t until, msg_cb, void *);
int	store_digest_body(struct store *, int64_t id, const char *body,
	    time_t now);
int	store_digest_drop(struct store *, int64_t id, const char *why,
	    time_t now);
int	store_recover_in_doubt(struct store *, time_t now, int64_t *n);

int	store_event_seen(struct store *, enum event_kind,
	    const char *detail, time_t since);
int	store_pstate_get(struct store *, const char *provider,
	    const char *key, char *buf, size_t len);
int	store_pstate_set(struct store *, const char *provider,
	    const char *key, const char *value, time_t now);
int	store_counts(struct store *, time_t now, struct store_counts *);
int	store_event(struct store *, enum event_kind, int64_t occ_id,
	    int64_t msg_id, const char *detail, time_t now);

#endif
