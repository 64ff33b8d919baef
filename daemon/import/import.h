/*
 * import.h: importing spreadsheets (the agency directory; next, plan task
 * tables).
 */
#ifndef NV_IMPORT_H
#define NV_IMPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct store;

/*
 * Progress of a long import, shown as the caller likes: the CLI on its
 * terminal, a web page as a bar.  FN is called every PROGRESS_STEP rows
 * and once more with DONE == TOTAL; NULL shows nothing.
 */
#define IMPORT_PROGRESS_STEP	1000
struct import_progress {
	void	(*fn)(void *arg, const char *what, int done, int total);
	void	*arg;
};
void	import_progress(const struct import_progress *, const char *what,
	    int done, int total);

struct import_stats {
	int	 rows;		/* data rows read */
	int	 bad;		/* rows refused */
	int	 added, updated;
	int	 contacts;	/* new contacts */
	int	 ambiguous;	/* readings that took a default */
};

/*
 * Imports the agency directory at PATH.  Bad rows go to ERR as
 * FILE:ROW:COLUMN: reason.  Returns 0, or -1 with MSG saying why nothing
 * (or, with SKIP_BAD, only the good rows) was imported.
 */
int	import_agencies(struct store *, const char *path, int dry_run,
	    int skip_bad, time_t now, FILE *out, FILE *err,
	    const struct import_progress *, struct import_stats *,
	    char *msg, size_t msglen);

struct config;

/*
 * Imports the task table at PATH into plan PLAN (YEAR fills dates that
 * give none).  Unread rows go to ERR as FILE:ROW:COLUMN: reason; with
 * DRY_RUN every reading goes to OUT and nothing is written.
 */
int	import_tasks(struct store *, const struct config *, const char *path,
	    const char *plan, int year, const char *policy, int dry_run,
	    int skip_bad, int table_no, int json, time_t now, FILE *out,
	    FILE *err, const struct import_progress *, struct import_stats *,
	    char *msg, size_t msglen);

#endif
