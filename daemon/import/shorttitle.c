/*
 * shorttitle.c: deriving a short title from a plan's content cell.  A
 * Zalo or webhook message names the task; a 300-character paragraph
 * there is unreadable.  The cut falls where a reader would pause: after
 * ",", ";", ":" or ".", or before " - " or "(", as late as it can, and
 * only if that keeps at least half the room; else at the last space.
 * The whole content stays with the task.
 */
#include <stdio.h>
#include <string.h>

#include <unistr.h>

#include "shorttitle.h"

#define MIN_CLAUSE	(SHORT_TITLE_MAX / 2)

int
short_title(const char *content, char *out, size_t len)
{
	const uint8_t *s = (const uint8_t *)content, *p = s;
	size_t clause = 0, space = 0, cut, n = 0;
	ucs4_t uc;
	int k;

	if (u8_mbsnlen(s, strlen(content)) <= SHORT_TITLE_MAX) {
		snprintf(out, len, "%s", content);
		return 0;
	}
	/* Room for "…" after the kept part. */
	while (*p != '\0' && n < SHORT_TITLE_MAX - 1) {
		if ((k = u8_strmbtouc(&uc, p)) <= 0)
			break;
		if (uc == ' ') {
			space = (size_t)(p - s);
			if (n >= MIN_CLAUSE && p > s && strchr(",;:.",
			    p[-1]) != NULL)
				clause = (size_t)(p - s);
			if (n >= MIN_CLAUSE && (p[1] == '(' || (p[1] == '-' &&
			    p[2] == ' ')))
				clause = (size_t)(p - s);
		}
		p += k;
		n++;
	}
	/* The character after the room: a space there ends a word too. */
	if (*p == ' ')
		space = (size_t)(p - s);
	cut = clause ? clause : space;
	if (cut == 0)
		cut = (size_t)(p - s);	/* one word longer than the room */
	while (cut > 0 && strchr(" ,;:-", s[cut - 1]) != NULL)
		cut--;
	snprintf(out, len, "%.*s…", (int)cut, content);
	return 1;
}
