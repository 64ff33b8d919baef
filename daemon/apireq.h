/*
 * apireq.h: the admin API's request bodies read into what the changes
 * take, apart from HTTP so that they can be fuzzed.  Each reader returns
 * 0, or -1 with ERR naming the field ("title: must be a string").
 */
#ifndef NV_APIREQ_H
#define NV_APIREQ_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "directory.h"
#include "store.h"
#include "taskadd.h"

#define API_MAX_BODY	(64 * 1024)

struct agency_req {
	const char	*code, *name, *parent;
	const char	*groups[DIR_MAX_GROUPS];
	int		 ngroups;
};

struct done_req {
	int64_t		 task;		/* 0: by ack code */
	const char	*ack, *by, *note;
};

struct extend_req {
	const char	*due, *reason, *by;
};

/* The body as a JSON object (the caller's to free), or NULL. */
json_t	*apireq_object(const char *buf, size_t len, char *err,
	    size_t errlen);
/* A path segment as a positive integer, or 0. */
int64_t	 apireq_id(const char *s, size_t n);

int	apireq_agency(json_t *, struct agency_req *, char *err,
	    size_t errlen);
int	apireq_contact(json_t *, const char **agency, struct contact_row *,
	    char *err, size_t errlen);
int	apireq_plan(json_t *, struct plan_row *, char *err, size_t errlen);
int	apireq_task(json_t *, struct task_spec *, char *err, size_t errlen);
int	apireq_done(json_t *, struct done_req *, char *err, size_t errlen);
int	apireq_extend(json_t *, struct extend_req *, char *err,
	    size_t errlen);
int	apireq_contact_patch(json_t *, struct contact_patch *, char *err,
	    size_t errlen);
/* A PATCH of up to three string fields named by KEYS (NULL-ended). */
int	apireq_patch(json_t *, const char *const *keys, struct patch_str *,
	    char *err, size_t errlen);

#endif
