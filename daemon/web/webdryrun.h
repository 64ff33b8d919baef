/*
 * webdryrun.h: an import's dry run (the JSON of "nhacviec import tasks
 * --dry-run --json") drawn as the table the office checks before it
 * imports.
 */
#ifndef NV_WEBDRYRUN_H
#define NV_WEBDRYRUN_H

#include <jansson.h>

struct evbuffer;

/*
 * ROWS (the dry run's "rows") as a table: each row with its reading,
 * its agencies as matched, and every problem marked; a row with
 * problems has class "bad", a doubtful one "warn".
 */
void	web_dry_table(struct evbuffer *, json_t *rows);

#endif
