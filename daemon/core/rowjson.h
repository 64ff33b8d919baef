/*
 * rowjson.h: the JSON shape of each kind of row, one definition shared by
 * "nhacviec --json" and the admin API, so both always agree.
 */
#ifndef NV_ROWJSON_H
#define NV_ROWJSON_H

#include <time.h>

#include <jansson.h>

#include "store.h"

json_t	*json_str_or_null(const char *);
json_t	*agency_json(const struct agency_row *);
json_t	*contact_json(const struct contact_row *);
json_t	*plan_json(const struct plan_row *);
json_t	*task_json(const struct task_row *, time_t now);
json_t	*occ_json(const struct occ_row *);
json_t	*msg_json(const struct msg_row *);
json_t	*counts_json(const struct store_counts *);

#endif
