/*
 * directory.h: adding agencies, contacts and plans with their checks, for
 * every door that adds them (the CLI, the admin API, imports).
 */
#ifndef NV_DIRECTORY_H
#define NV_DIRECTORY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store.h"

#define DIR_MAX_GROUPS	32

/* Returns 0, -1 when the input is refused (ERR says why), -2 store error. */
int	dir_agency_add(struct store *, const char *code, const char *name,
	    const char *parent, const char *const *groups, int ngroups,
	    time_t now, int64_t *id, char *err, size_t errlen);
/* R->phone may be written any usual way; it is stored in E.164. */
int	dir_contact_add(struct store *, const char *agency,
	    struct contact_row *r, time_t now, int64_t *id, char *err,
	    size_t errlen);
/* P->issued_on may be YYYY-MM-DD or dd/mm/yyyy. */
int	dir_plan_add(struct store *, struct plan_row *p, time_t now,
	    int64_t *id, char *err, size_t errlen);
int	dir_valid_code(const char *);
/* Changes what the patch gives; -1 also when there is no such one. */
int	dir_contact_update(struct store *, int64_t id, struct contact_patch *,
	    char *err, size_t errlen);
int	dir_agency_update(struct store *, const char *code,
	    const struct patch_str *name, const struct patch_str *parent,
	    char *err, size_t errlen);
/*
 * Gives plan CODE a period: FROM a year ("2023") or a date, UNTIL a date
 * (a year alone runs to its 31 December).  0, -1 refused (ERR), -2 store.
 */
int	dir_plan_period(struct store *, const char *code, const char *from,
	    const char *until, char *err, size_t errlen);
int	dir_plan_update(struct store *, const char *code,
	    const struct patch_str *title, const struct patch_str *issuer,
	    struct patch_str *date, char *err, size_t errlen);
int	dir_task_update(struct store *, int64_t id,
	    const struct patch_str *title, const struct patch_str *ref,
	    const struct patch_str *quota, char *err, size_t errlen);

#endif
