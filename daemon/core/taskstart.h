/*
 * taskstart.h: starting the clock of a task whose deadline is relative
 * ("07 ngày làm việc kể từ ngày nhận được văn bản"): it waits without a
 * deadline until its trigger is reported, then gets one occurrence.
 */
#ifndef NV_TASKSTART_H
#define NV_TASKSTART_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct store;
struct task_added;

/*
 * Starts task ID's clock ON (the day of its trigger; the day itself is
 * not counted, Civil Code art. 147) and plans its deadline.  Returns 0,
 * -1 refused (ERR: no such task, not waiting, already started), -2 store.
 */
int	task_start(struct store *, const struct config *, int64_t id,
	    time_t on, time_t now, struct task_added *, char *err,
	    size_t errlen);

#endif
