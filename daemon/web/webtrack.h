/*
 * webtrack.h: what the tracking office's pages share: the Vietnamese
 * words for states and kinds, the days a deadline is late (working
 * days, as escalations count them), the current week, and the small
 * pieces of a page (a state badge, the filter form's select of plans).
 */
#ifndef NV_WEBTRACK_H
#define NV_WEBTRACK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "state.h"

struct calendar;
struct evbuffer;

const char	*wt_msg_state(enum msg_state);
const char	*wt_occ_state(enum occ_state);
const char	*wt_job_kind(enum job_kind);
const char	*wt_event_kind(enum event_kind);
const char	*wt_ext_state(enum ext_state);
/* A badge class for a message's state: ok, late or wait. */
const char	*wt_msg_class(enum msg_state);

/*
 * Working days from DUE to NOW: the working days after DUE's day up to
 * and including NOW's day (a deadline missed yesterday, a working day,
 * is 1 day late).  At most ten years are counted.
 */
int	wt_days_late(const struct calendar *, time_t due, time_t now);
/* The start of the next Monday (local) after NOW: the end of this week. */
time_t	wt_week_end(time_t now);
/* A YYYY-MM-DD date of local midnight, "" for 0. */
void	wt_ymd(time_t, char *buf, size_t len);

/*
 * S as one segment of a path, percent-encoded (an agency's code in
 * /w/agencies/CODE), into BUF; "" when it does not fit.
 */
const char	*wt_seg(const char *s, char *buf, size_t len);

/* <span class="badge CLASS">TEXT</span> */
void	wt_badge(struct evbuffer *, const char *cls, const char *text);
/* An occurrence's state as a badge, late when open and past due. */
void	wt_occ_badge(struct evbuffer *, enum occ_state, time_t due,
	    time_t now);

/* A list of tasks (webplan.c): its head, with table id ID, and a row. */
struct dash_task;
void	web_task_head(struct evbuffer *, const char *id);
void	web_task_row(struct evbuffer *, const struct dash_task *, time_t now,
	    int show_plan);

#endif
