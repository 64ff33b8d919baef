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

/*
 * One character of TEXT at P (LEN bytes) as one folded ASCII byte, or 0
 * when it is a combining mark that only adds to the character before.
 */
static char
fold_char(const unsigned char *p, size_t len)
{
	char one[8], *a, c;

	if (*p < 0x80)
		return (char)tolower(*p);
	memcpy(one, p, len);
	one[len] = '\0';
	if ((a = sms_ascii(one)) == NULL)
		return '~';
	if (a[0] == '\0')
		c = 0;
	else if ((unsigned char)a[0] < 0x80 && a[1] == '\0')
		c = (char)tolower((unsigned char)a[0]);
	else
		fold_other((const unsigned char *)a, &c);
	free(a);
	return c;
}

/* The length of the UTF-8 character at P (1 for a stray byte). */
static size_t
char_len(const unsigned char *p)
{
	size_t n = *p < 0xc0 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4, k;

	for (k = 1; k < n; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 1;
	return n;
}

/*
 * Folds TEXT, and in *START and *END (when not NULL) gives for each byte
 * of the result where the character it came from starts and ends in
 * TEXT, so what a token read can be shown as it was written.
 */
char *
phrase_fold_map(const char *text, size_t **start, size_t **end)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t len = strlen(text), n, k, i, o = 0, *cs, *ce, *os, *oe;
	char *cf, *f, c;
	int nc = 0;

	/* The characters, folded one by one. */
	cf = xmalloc(len + 1);
	cs = xcalloc(len + 1, sizeof(*cs));
	ce = xcalloc(len + 1, sizeof(*ce));
	for (k = 0; k < len; k += n) {
		n = char_len(t + k);
		if (k + n > len)
			n = len - k;
		c = fold_char(t + k, n);
		if (c == 0) {
			if (nc > 0)
				ce[nc - 1] = k + n;
			continue;
		}
		if (c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    c == '\v')
			c = ' ';
		cf[nc] = c;
		cs[nc] = k;
		ce[nc++] = k + n;
	}
	cf[nc] = '\0';
	f = xmalloc((size_t)nc + 1);
	os = xcalloc((size_t)nc + 1, sizeof(*os));
	oe = xcalloc((size_t)nc + 1, sizeof(*oe));
	for (i = 0; i < (size_t)nc; i++) {
		c = cf[i];
		if (c == ' ') {
			/* One space, none after a date's separator. */
			if (o == 0 || f[o - 1] == ' ' || (dateish(f[o - 1]) &&
			    o >= 2 && isdigit((unsigned char)f[o - 2]) &&
			    isdigit((unsigned char)cf[i + 1])))
				continue;
		} else if (dateish(c) && o >= 2 && f[o - 1] == ' ' &&
		    isdigit((unsigned char)f[o - 2]) &&
		    isdigit((unsigned char)cf[i + 1]))
			o--;	/* "2025 - 2026" */
		else if (dateish(c) && o >= 2 && f[o - 1] == ' ' &&
		    isdigit((unsigned char)f[o - 2]) && cf[i + 1] == ' ' &&
		    isdigit((unsigned char)cf[i + 2]))
			o--;
		f[o] = c;
		os[o] = cs[i];
		oe[o++] = ce[i];
	}
	while (o > 0 && f[o - 1] == ' ')
		o--;
	f[o] = '\0';
	free(cf);
	free(cs);
	free(ce);
	if (start != NULL)
		*start = os;
	else
		free(os);
	if (end != NULL)
		*end = oe;
	else
		free(oe);
	return f;
}

char *
phrase_fold(const char *text)
{
	return phrase_fold_map(text, NULL, NULL);
}
