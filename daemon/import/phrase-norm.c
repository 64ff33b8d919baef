/*
 * phrase-norm.c: the first step of reading a timing phrase: folding it
 * so that what plans write in many ways is matched one way.  Case and
 * diacritics go ("Hằng Quý", "hàng quý" and "hang quy" are one phrase;
 * plans mix them even within a table), non-breaking spaces and typographic
 * dashes become plain ones, runs of spaces one space, and the stray
 * spaces of typed dates close up ("01/11/ 2023", "2025 - 2026").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "phrase-int.h"
#include "smstext.h"
#include "xmalloc.h"

/* The non-ASCII left after folding: what it stands for, or '~'. */
static size_t
fold_other(const unsigned char *p, char *c)
{
	static const struct {
		const char	*utf8;
		char		 c;
	} map[] = {
		{ "\xc2\xa0", ' ' },		/* NBSP */
		{ "\xe2\x80\x8b", ' ' },	/* zero-width space */
		{ "\xe2\x80\x90", '-' },
		{ "\xe2\x80\x91", '-' },
		{ "\xe2\x80\x92", '-' },
		{ "\xe2\x80\x93", '-' },	/* en dash */
		{ "\xe2\x80\x94", '-' },	/* em dash */
		{ "\xe2\x88\x92", '-' },	/* minus */
		{ "\xe2\x80\x98", '\'' },
		{ "\xe2\x80\x99", '\'' },
		{ "\xe2\x80\x9c", '"' },
		{ "\xe2\x80\x9d", '"' },
		{ "\xe2\x80\xa6", '.' },	/* ellipsis */
		{ "\xc2\xb7", ' ' },
	};
	size_t i, n;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		n = strlen(map[i].utf8);
		if (strncmp((const char *)p, map[i].utf8, n) == 0) {
			*c = map[i].c;
			return n;
		}
	}
	/* One unknown character, whatever its length: unreadable. */
	n = 1;
	if (*p >= 0xc0)
		while ((p[n] & 0xc0) == 0x80 && n < 4)
			n++;
	*c = '~';
	return n;
}

static int
dateish(char c)
{
	return c == '/' || c == '.' || c == '-' || c == ':';
}

char *
phrase_fold(const char *text)
{
	char *a, *f, *o, c;
	const unsigned char *p;
	size_t n;

	if ((a = sms_ascii(text)) == NULL)
		return NULL;
	f = xmalloc(strlen(a) + 1);
	o = f;
	for (p = (const unsigned char *)a; *p != '\0'; p += n) {
		n = 1;
		if (*p >= 0x80)
			n = fold_other(p, &c);
		else
			c = (char)tolower(*p);
		if (c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    c == '\v')
			c = ' ';
		if (c == ' ') {
			/* One space, none after a date's separator. */
			if (o == f || o[-1] == ' ' || (dateish(o[-1]) &&
			    o - f >= 2 && isdigit((unsigned char)o[-2]) &&
			    isdigit(p[1])))
				continue;
		} else if (dateish(c) && o - f >= 2 && o[-1] == ' ' &&
		    isdigit((unsigned char)o[-2]) && isdigit(p[1]))
			o--;	/* "2025 - 2026" */
		else if (dateish(c) && o - f >= 2 && o[-1] == ' ' &&
		    isdigit((unsigned char)o[-2]) && p[1] == ' ' &&
		    isdigit(p[2]))
			o--;
		*o++ = c;
	}
	while (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	free(a);
	return f;
}
