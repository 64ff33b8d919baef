/*
 * shorttitle.h: a task's short title for messages and lists, from the
 * content cell of its plan (often a paragraph of 300 characters).
 */
#ifndef NV_SHORTTITLE_H
#define NV_SHORTTITLE_H

#include <stddef.h>

#define SHORT_TITLE_MAX	90	/* characters, not bytes */

/*
 * CONTENT (one line) cut to SHORT_TITLE_MAX characters or fewer at the
 * last clause boundary that keeps enough of it, else at the last word
 * boundary, with "…" when something was cut; never inside a word.
 * Returns 1 if it was cut, 0 if CONTENT fits as it is.
 */
int	short_title(const char *content, char *out, size_t len);

#endif
