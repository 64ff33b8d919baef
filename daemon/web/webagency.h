/*
 * webagency.h: what the agency's pages share: finding the task in the
 * URL and the deadline a form is about, as the agency asking may see
 * them, and drawing the task's heading.
 */
#ifndef NV_WEBAGENCY_H
#define NV_WEBAGENCY_H

#include <stdint.h>
#include <time.h>

#include "webroute.h"

struct evbuffer;
struct store;

struct wa_task {
	int64_t		 id;
	int		 access;	/* WA_LEAD or WA_COOP */
	char		 title[512];
	char		 plan[80];
	char		 ref[32];
	/* The open deadline the page is about (occ 0: none open). */
	int64_t		 occ;
	time_t		 due_at;
	char		 ack[16];
};

/*
 * The task C->id and its open deadline (the form's or query's "occ",
 * else the earliest), when the agency asking leads it: 0, or -1
 * answered (404 when it is not the agency's, 409 when nothing is open).
 */
int	wa_task_load(struct web_call *, struct wa_task *);
/* The task's heading: plan, number, title, deadline. */
void	wa_task_head(struct evbuffer *, const struct wa_task *, time_t now);
/* "Quá hạn 3 ngày", "Còn 2 ngày"..., as a badge. */
void	wa_due_badge(struct evbuffer *, time_t due, time_t now);
/* The reports already sent on deadline OCC, with links to their files. */
void	wa_reports(struct evbuffer *, struct store *, int64_t occ);
/* A form's error above it. */
void	wa_error(struct evbuffer *, const char *);

#endif
