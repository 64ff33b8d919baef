/*
 * fire.h: expanding a due job into the messages it sends.
 */
#ifndef NV_FIRE_H
#define NV_FIRE_H

#include <stdint.h>
#include <time.h>

struct config;
struct job_outcome;
struct due_job;
struct policy;
struct store;

#define MAX_RECIPIENTS	512

/* What firing did, counted for the daemon's statistics. */
struct fire_counts {
	int64_t		 fired;
	int64_t		 skipped;	/* too late to be worth sending */
};

/* A contact copied out of the store while a job is expanded. */
struct recipient {
	int64_t		 id;
	char		*name;
	char		*fields[4];	/* phone, zalo, email, telegram */
};

struct fire_ctx {
	struct store	*store;
	struct config	*conf;
	struct fire_counts *counts;	/* counted into; may be NULL */
	time_t		 now;
	int		 preview;	/* take each job's own time as now */
	struct recipient *rcp;
	int		 nrcp;
	char		*agency_name;
};

void	fire_ctx_init(struct fire_ctx *, struct store *, struct config *,
	    struct fire_counts *, time_t now, int preview);
void	fire_ctx_done(struct fire_ctx *);
int	fire_job(void *, const struct due_job *, struct job_outcome *);
int	fire_pick_channel(const struct config *, const struct policy *,
	    const struct recipient *, int from, const char **addr);
char	*fire_dup(const char *);

#endif
