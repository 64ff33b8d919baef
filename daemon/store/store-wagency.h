/*
 * store-wagency.h: what an agency's web pages read and write: the open
 * deadlines of the tasks it leads or cooperates on, whether it may see
 * or change a task, its reports of progress and their files (named by
 * their SHA-256), and its requests for more time.
 */
#ifndef NV_STORE_WAGENCY_H
#define NV_STORE_WAGENCY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "state.h"

struct store;

/* One open deadline of a task, as the agency's list shows it. */
struct wtask_row {
	int64_t		 task_id;
	int64_t		 occ_id;
	const char	*plan_code;
	const char	*ref;		/* the task's number in its plan */
	const char	*title;
	const char	*lead_code;
	const char	*lead_name;
	time_t		 due_at;
	time_t		 ext_due;	/* a pending request's date, or 0 */
	time_t		 last_report;	/* the last progress report, or 0 */
	int		 nreports;
};
typedef void (*wtask_cb)(void *, const struct wtask_row *);

/* How an agency stands to a task. */
#define WA_NONE		0	/* neither: the task is not its business */
#define WA_COOP		1	/* it cooperates: it may look */
#define WA_LEAD		2	/* it leads: it may act */

/*
 * AGENCY's open deadlines, by deadline: of the tasks it leads, or (COOP)
 * of those it cooperates on.  0 or -1.
 */
int	store_wagency_tasks(struct store *, int64_t agency, int coop,
	    wtask_cb, void *);
/* WA_LEAD, WA_COOP or WA_NONE (also for no such task), or -1. */
int	store_wagency_access(struct store *, int64_t agency, int64_t task);

/* An uploaded file's row, kept once whoever sends it again.  0 or -1. */
int	store_upload_add(struct store *, const char *sha256, size_t size,
	    const char *mime, time_t now);
/* A report of KIND on OCC by a contact or an account.  0 or -1. */
int	store_wreport_add(struct store *, int64_t occ, enum report_kind,
	    const char *body, const char *doc_number, int64_t contact,
	    int64_t user, time_t now, int64_t *id);
int	store_wreport_file(struct store *, int64_t report,
	    const char *sha256, const char *name);

/* A report as the pages list it; FILES is "NAME\tSHA\n"..., or NULL. */
struct wreport_row {
	int64_t		 id;
	enum report_kind kind;
	const char	*body;
	const char	*doc_number;
	const char	*by;		/* the contact's or account's name */
	time_t		 at;
	const char	*files;
};
typedef void (*wreport_cb)(void *, const struct wreport_row *);
/* OCC's reports, newest first.  0 or -1. */
int	store_wreport_list(struct store *, int64_t occ, wreport_cb, void *);

/*
 * File SHA256 as AGENCY may see it (0: as the office sees all files):
 * 1 with its type in MIME and, when NAME is one it was sent under,
 * NAME in OUTNAME (else the first such name), 0 not to be seen, -1.
 */
int	store_upload_visible(struct store *, const char *sha256,
	    int64_t agency, const char *name, char *mime, size_t mimelen,
	    char *outname, size_t namelen);

/* OCC's pending request: 1 with its date in *NEW_DUE, 0 none, -1. */
int	store_ext_pending(struct store *, int64_t occ, time_t *new_due);
int	store_ext_add(struct store *, int64_t occ, time_t old_due,
	    time_t new_due, const char *reason, int64_t contact,
	    int64_t user, time_t now, int64_t *id);

/*
 * The last time an event of KIND by ACTOR with DETAIL was logged: 1 with
 * *AT, 0 never, -1.
 */
int	store_event_last_by(struct store *, enum event_kind,
	    const char *actor, const char *detail, time_t *at);

#endif
