/*
 * importjson.c: the rows of an import's dry run as JSON, for tools and
 * for checking a table before it is imported.  The timing reading is
 * phrase_json()'s object, the same as everywhere else.
 */
#include <stdio.h>

#include "import.h"
#include "importjson.h"
#include "phrase.h"
#include "phrasejson.h"
#include "tstruct.h"

json_t *
tab_row_json(const struct tab_row *r)
{
	json_t *why = json_array();
	int i;

	for (i = 0; i < r->nwhy; i++)
		json_array_append_new(why, json_string(r->why[i]));
	return json_pack("{s:i, s:s?, s:s?, s:s?, s:b, s:b, s:o, s:o}",
	    "row", r->line, "table", r->table, "ref", r->v[T_REF], "section",
	    r->section, "heading", r->heading, "subtask", r->subtask,
	    "decisions", why, "problems", json_array());
}

void
tab_row_json_title(json_t *o, const char *short_title, const char *content)
{
	json_object_set_new(o, "short_title", json_string(short_title));
	json_object_set_new(o, "content", json_string(content));
}

void
tab_row_json_reading(json_t *o, const char *when, const struct phrase *ph,
    int year, json_t *leads, json_t *coops, const char *policy)
{
	json_object_set_new(o, "lead", leads);
	json_object_set_new(o, "cooperating", coops);
	json_object_set_new(o, "policy", policy ? json_string(policy) :
	    json_null());
	json_object_set_new(o, "reading", phrase_json(when, ph, year));
}

void
tab_rows_json_print(FILE *out, json_t *rows, const struct import_stats *st,
    int known, int ambiguous)
{
	json_t *o;

	o = json_pack("{s:O, s:{s:i, s:i, s:i, s:i, s:i, s:b}}", "rows", rows,
	    "summary", "task_rows", st->rows, "to_add", st->added,
	    "already_imported", known, "ambiguous", ambiguous,
	    "not_understood", st->bad, "written", 0);
	json_dumpf(o, out, JSON_INDENT(1) | JSON_ENSURE_ASCII * 0);
	fputc('\n', out);
	json_decref(o);
}
