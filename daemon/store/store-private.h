/*
 * store-private.h: what the store-*.c files share: the handle, the cache
 * of prepared statements (one slot per statement, compiled on first use
 * and kept for the life of the handle) and the binding helpers.
 */
#ifndef NV_STORE_PRIVATE_H
#define NV_STORE_PRIVATE_H

#include <sqlite3.h>

#include "store.h"

enum stmt_id {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
	ST_AGENCY_ADD, ST_AGENCY_GET, ST_AGENCY_FEED_VERSION,
	ST_AGENCY_FEED_REVOKE, ST_AGENCY_BY_ID, ST_AGENCY_LIST,
	ST_GROUP_ADD, ST_PARENT_CHAIN,
	ST_CONTACT_ADD, ST_CONTACT_LIST, ST_CONTACTS_FOR,
	ST_PLAN_ADD, ST_PLAN_GET, ST_PLAN_LIST, ST_PLAN_PERIOD, ST_PLAN_SET_PERIOD, ST_TASK_STARTED, ST_OCC_MOVED,
	ST_TASK_ADD, ST_COOP_ADD, ST_TASK_GET, ST_TASK_LIST, ST_COOP_IDS,
	ST_OCC_ADD, ST_OCC_BY_ID, ST_OCC_BY_ACK, ST_OCC_BY_TASK, ST_OCC_LIST,
	ST_OCC_DONE, ST_JOBS_CANCEL, ST_MSGS_CANCEL_OCC,
	ST_JOB_ADD, ST_JOB_LIST, ST_JOBS_DUE, ST_JOB_FINISH, ST_NEXT_JOB,
	ST_MSG_ADD, ST_MSG_DUE, ST_MSG_SENDING, ST_MSG_GET, ST_MSG_UPDATE,
	ST_MSG_FALLBACK, ST_MSG_NEXT_CHAIN, ST_MSG_RETRY, ST_MSG_CANCEL, ST_MSG_LIST,
	ST_MSG_LIST_ALL, ST_NEXT_MSG, ST_IN_DOUBT,
	ST_COUNT_MSG, ST_COUNT_DOUBT, ST_COUNT_JOBS, ST_COUNT_OCC,
	ST_EVENT_ADD, ST_HEALTH,
	ST_TASK_EXPANDED, ST_TASKS_EXPAND, ST_NEXT_EXPAND,
	ST_MAX_MSG, ST_MSG_AFTER, ST_OCC_MOVE, ST_TASK_STOP, ST_TASK_EVENTS,
	ST_PSTATE_GET, ST_PSTATE_SET, ST_EVENT_SEEN, ST_MSG_BY_PID, ST_MSG_RECEIPT,
	ST_COUNT_BY_PROVIDER, ST_OLDEST_QUEUED, ST_CONTACT_GET,
	ST_CONTACTS_BY_ADDR, ST_CONTACT_TOLD, ST_REPORT, ST_REPORT_OVERDUE,
	ST_AGENCY_DEADLINES, ST_CONTACT_UPDATE, ST_AGENCY_UPDATE,
	ST_AGENCY_ABOVE, ST_PLAN_UPDATE, ST_TASK_UPDATE, ST_GROUPS_CLEAR,
	ST_CONTACT_FIND, ST_TASK_FIND, ST_TASK_RESCHED,
	ST_TASK_NOTES, ST_INSTALL_ID,
	ST_DIGEST_LOOSE, ST_DIGEST_ADD_MEMBER, ST_DIGEST_MEMBERS,
	ST_DIGEST_DUE, ST_DIGEST_BODY, ST_DIGEST_FOLLOW, ST_DIGEST_MOVED,
	ST_DIGEST_DROP,
	ST_AGENCY_ALIASES,
	ST_OCC_DEFER, ST_OCCS_TO_PLAN, ST_NEXT_PLAN, ST_MSGS_SENT,
	ST_BULK_INDEX, ST_BULK_TASKS, ST_BULK_PLAN_EMPTY,
	ST_BULK_OCC_LAST, ST_BULK_CREATED, ST_BULK_PLAN_HAS, ST_BULK_AGENCY_HAS,
	/* store-web.c: accounts, sessions, personal links */
	ST_WUSER_ADD, ST_WUSER_GET, ST_WUSER_BY_ID, ST_WUSER_LIST,
	ST_WUSER_PW, ST_WUSER_DISABLE, ST_WUSER_FAILED, ST_WSESS_ADD,
	ST_WSESS_GET, ST_WSESS_DEL, ST_WSESS_SEEN, ST_WSESS_PURGE,
	ST_WSESS_DEL_USER, ST_LINK_VERSION, ST_LINK_BUMP, ST_EVENT_BY,
	/* store-wagency.c: an agency's tasks, reports, files, extensions */
	ST_WA_LEAD_TASKS, ST_WA_COOP_TASKS, ST_WA_ACCESS, ST_UPLOAD_ADD,
	ST_WREPORT_ADD, ST_WREPORT_FILE, ST_WREPORT_LIST, ST_UPLOAD_VISIBLE,
	ST_EXT_PENDING, ST_EXT_ADD, ST_EVENT_LAST_BY,
	/* store-tell.c: messages to an agency outside the plan's jobs */
	ST_TELL_OCC, ST_TELL_ANCHOR, ST_TELL_JOB,
	/* store-webdash.c: the tracking office's pages */
	ST_DASH_COUNTS, ST_DASH_OVERDUE, ST_DASH_PLANS, ST_DASH_PLAN,
	ST_DASH_AGENCIES, ST_DASH_TASKS, ST_DASH_TASK_ROLE, ST_DASH_TASK_MSGS,
	ST_DASH_FAILURES, ST_DASH_EVENTS, ST_DASH_REPORTS, ST_DASH_FILES,
	ST_DASH_EXTS, ST_DASH_EXT, ST_DASH_EXT_DECIDE, ST_DASH_LAST_REMINDER,
	ST_NSTMTS
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmts[ST_NSTMTS];
	char		 err[512];
	char		 install_id[40];	/* read once; "" until then */
};

sqlite3_stmt	*store_prep(struct store *, enum stmt_id, const char *sql);
int		 store_fail(struct store *, const char *what);
int		 store_bad_word(struct store *, const char *what,
		    const char *word);
int		 store_step_done(struct store *, sqlite3_stmt *,
		    const char *what);
void		 bind_text(sqlite3_stmt *, int, const char *);
void		 bind_patch(sqlite3_stmt *, int, const struct patch_str *);
const char	*col_text(sqlite3_stmt *, int);
int		 store_migrate(struct store *);
/* Attaches DB.tokens, the providers' tokens (store-tokens.c). */
int		 store_tokens_attach(struct store *, const char *db,
		    char *err, size_t errlen);
sqlite3_stmt	*store_prep_msgs(struct store *, enum stmt_id,
		    const char *where);
int		 store_msgs_run(struct store *, sqlite3_stmt *, msg_cb,
		    void *);
int		 store_digest_follow(struct store *, int64_t id,
		    enum msg_state, time_t now);
int		 store_digest_moved(struct store *, int64_t from, int64_t to);
int		 store_int64(struct store *, sqlite3_stmt *, int64_t *,
		    const char *);
int		 store_min_time(struct store *, sqlite3_stmt *, time_t *,
		    const char *what);

#endif
