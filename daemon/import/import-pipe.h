/*
 * import-pipe.h: a large fresh import's tasks stored on a second thread
 * while its rows are read (import-pipe.c says when and why).
 */
#ifndef NV_IMPORT_PIPE_H
#define NV_IMPORT_PIPE_H

#include <stddef.h>
#include <time.h>

struct config;
struct store;
struct task_added;
struct task_prep;
struct task_spec;

/* Called on the storing thread, in the order the tasks were handed over. */
struct import_pipe_cb {
	void	(*added)(void *, int row, const struct task_added *);
	void	(*refused)(void *, int row, const char *why);
	void	 *arg;
};

struct import_pipe;

/*
 * Starts the storing thread; until import_pipe_end the store S is its
 * alone.  NULL when no thread can be had (the caller stores itself).
 */
struct import_pipe	*import_pipe_start(struct store *,
			    const struct config *, time_t now,
			    const struct import_pipe_cb *);
/*
 * Hands a copy of SPEC (task_add's, with the ids resolved) and of what
 * task_prepare read of it over, for table row ROW.  -1 once a store
 * error has stopped the thread.
 */
int			 import_pipe_add(struct import_pipe *,
			    const struct task_spec *, const struct task_prep *,
			    int row);
/*
 * Stores what is left, joins the thread and frees the pipe: 0, or -1
 * after a store error (store_error says which).
 */
int			 import_pipe_end(struct import_pipe *);

#endif
