/*
 * importjson.h: the --json dry run of "import tasks": one object per row
 * of the table, with what was made of it.
 */
#ifndef NV_IMPORTJSON_H
#define NV_IMPORTJSON_H

#include <stdio.h>

#include <jansson.h>

struct tab_row;
struct phrase;
struct import_stats;

/* {"row", "table", "ref", "section", "heading", "subtask", "decisions",
 * "problems": []} for R; a new reference. */
json_t	*tab_row_json(const struct tab_row *r);
void	 tab_row_json_title(json_t *, const char *short_title,
	    const char *content);
/* Adds "lead", "cooperating" (both stolen), "policy" and "reading". */
void	 tab_row_json_reading(json_t *, const char *when,
	    const struct phrase *, int year, json_t *leads, json_t *coops,
	    const char *policy);
/* {"rows": ROWS, "summary": {...}} to OUT. */
void	 tab_rows_json_print(FILE *out, json_t *rows,
	    const struct import_stats *, int known, int ambiguous);

#endif
