/*
 * phrasejson.h: one reading of a timing phrase as a JSON object, the
 * same object wherever a reading is shown (the import's --json dry run).
 */
#ifndef NV_PHRASEJSON_H
#define NV_PHRASEJSON_H

#include <jansson.h>

struct phrase;

/*
 * {"phrase", "kind", "rule", "dues", "from", "until", "ambiguous",
 * "notes", "unread"} for TEXT read as PH; YEAR anchors the first dues of
 * a recurrence.  A new reference.
 */
json_t	*phrase_json(const char *text, const struct phrase *ph, int year);

#endif
