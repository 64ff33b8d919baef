/*
 * import-pipe.c: a large fresh import's tasks stored on a second thread.
 *
 * Reading a row (its agencies, its timing, its texts, what it asks
 * task_add for: task_prepare) and storing it (task_add_prepared: the
 * task, its occurrence, SQLite) take turns on one core in a plain
 * import.  When the import looks nothing up in the store (a
 * fresh one: store_bulk_begin), the reading thread hands each task to
 * this one and goes on to the next row, and the two cores share the
 * work.  The store is this thread's alone until import_pipe_end joins
 * it; tasks are stored in the order they were handed over, so ids,
 * events and the transaction are exactly those of the plain import.
 *
 * A task is handed over as a copy, its strings in one block, since the
 * reading thread reuses its buffers for the next row.  Tasks travel in
 * chunks, so the lock is taken once per chunk, not per task, and at
 * most PIPE_CHUNKS chunks wait, which bounds the memory.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "import-pipe.h"
#include "store.h"
#include "taskadd.h"
#include "xmalloc.h"

#define PIPE_CHUNK	256	/* tasks a chunk */
#define PIPE_CHUNKS	8	/* chunks waiting, at most */
#define PIPE_COOP	64

struct job {
	struct task_spec spec;
	struct task_prep prep;
	int64_t		 coop[PIPE_COOP];
	int		 row;
	char		*strings;
};

struct chunk {
	struct job	 jobs[PIPE_CHUNK];
	int		 n;
	struct chunk	*next;
};

struct import_pipe {
	struct store		*s;
	const struct config	*conf;
	time_t			 now;
	struct import_pipe_cb	 cb;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 more;	/* a chunk waits, or the end */
	pthread_cond_t		 room;	/* a chunk was taken */
	struct chunk		*head, *tail;
	int			 waiting;
	int			 closed;
	int			 failed;	/* a store error: stop */
	struct chunk		*filling;	/* the reading thread's */
};

/*
 * The strings of SPEC, copied into one block; SPEC's pointers moved.
 * Every string of struct task_spec that an import sets is listed here.
 */
static char *
copy_strings(struct task_spec *spec)
{
	const char **f[] = { &spec->plan, &spec->title, &spec->lead,
	    &spec->ref, &spec->policy, &spec->due, &spec->rrule,
	    &spec->start, &spec->until, &spec->wait_unit,
	    &spec->wait_trigger, &spec->quota, &spec->via, &spec->form,
	    &spec->note, &spec->content, &spec->section };
	size_t i, len = 0, o = 0, l;
	char *b;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (*f[i] != NULL)
			len += strlen(*f[i]) + 1;
	b = xmalloc(len + 1);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (*f[i] == NULL)
			continue;
		l = strlen(*f[i]) + 1;
		memcpy(b + o, *f[i], l);
		*f[i] = b + o;
		o += l;
	}
	return b;
}

static void
run_chunk(struct import_pipe *p, struct chunk *c)
{
	struct task_added added;
	char msg[512];
	int i, rc;

	for (i = 0; i < c->n; i++) {
		struct job *j = &c->jobs[i];

		if (!p->failed) {
			rc = task_add_prepared(p->s, p->conf, &j->spec,
			    &j->prep, p->now, &added, msg, sizeof(msg));
			if (rc == -2) {
				pthread_mutex_lock(&p->lock);
				p->failed = 1;
				pthread_mutex_unlock(&p->lock);
			} else if (rc == -1)
				p->cb.refused(p->cb.arg, j->row, msg);
			else
				p->cb.added(p->cb.arg, j->row, &added);
		}
		free(j->strings);
	}
	free(c);
}

static void *
consume(void *arg)
{
	struct import_pipe *p = arg;
	struct chunk *c;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->head == NULL && !p->closed)
			pthread_cond_wait(&p->more, &p->lock);
		if ((c = p->head) == NULL) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		if ((p->head = c->next) == NULL)
			p->tail = NULL;
		p->waiting--;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->lock);
		run_chunk(p, c);
	}
}

struct import_pipe *
import_pipe_start(struct store *s, const struct config *conf, time_t now,
    const struct import_pipe_cb *cb)
{
	struct import_pipe *p = xcalloc(1, sizeof(*p));

	p->s = s;
	p->conf = conf;
	p->now = now;
	p->cb = *cb;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	if (pthread_create(&p->thread, NULL, consume, p) != 0) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->more);
		pthread_cond_destroy(&p->room);
		free(p);
		return NULL;
	}
	return p;
}

/* Hands the chunk being filled over, waiting while PIPE_CHUNKS wait. */
static void
push(struct import_pipe *p)
{
	struct chunk *c = p->filling;

	p->filling = NULL;
	if (c == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	while (p->waiting >= PIPE_CHUNKS && !p->failed)
		pthread_cond_wait(&p->room, &p->lock);
	if (p->tail != NULL)
		p->tail->next = c;
	else
		p->head = c;
	p->tail = c;
	p->waiting++;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
}

int
import_pipe_add(struct import_pipe *p, const struct task_spec *spec,
    const struct task_prep *prep, int row)
{
	struct job *j;
	int failed;

	pthread_mutex_lock(&p->lock);
	failed = p->failed;
	pthread_mutex_unlock(&p->lock);
	if (failed)
		return -1;
	if (p->filling == NULL)
		p->filling = xcalloc(1, sizeof(*p->filling));
	j = &p->filling->jobs[p->filling->n++];
	j->spec = *spec;
	j->prep = *prep;
	j->row = row;
	j->strings = copy_strings(&j->spec);
	j->spec.cooperate = NULL;
	j->spec.every = NULL;
	j->spec.report = NULL;
	if (spec->ncoop > PIPE_COOP)
		j->spec.ncoop = PIPE_COOP;
	if (j->spec.ncoop > 0)
		memcpy(j->coop, spec->coop_ids, sizeof(j->coop[0]) *
		    j->spec.ncoop);
	j->spec.coop_ids = j->coop;
	if (p->filling->n == PIPE_CHUNK)
		push(p);
	return 0;
}

int
import_pipe_end(struct import_pipe *p)
{
	int failed;

	push(p);
	pthread_mutex_lock(&p->lock);
	p->closed = 1;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	failed = p->failed;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	free(p);
	return failed ? -1 : 0;
}
