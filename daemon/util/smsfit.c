/*
 * smsfit.c: makes an SMS fit a segment budget by shortening the parts of
 * the text that came from the task (its title first, then the agency and
 * plan names), never the ack code or a link, which the recipient needs
 * whole.  A title cut to "Bao cao ket qua thuc hien..." still says what
 * is due; a cut code is useless, and each extra segment is paid for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "smstext.h"
#include "xmalloc.h"

#define ELLIPSIS	"..."	/* GSM-7, unlike U+2026 */
#define MIN_KEEP	8	/* characters of a part always kept */

static int
fits(const char *text, int max_segments)
{
	struct sms_count c;

	return sms_count(text, &c) == 0 && c.segments <= max_segments;
}

/* The byte length of the first N characters of S (UTF-8). */
static size_t
prefix_bytes(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int l;

	while (n-- > 0 && *p != '\0') {
		if ((l = u8_mbtouc(&uc, p, u8_strlen(p))) <= 0)
			break;
		p += l;
	}
	return (size_t)((const char *)p - s);
}

/*
 * TEXT with the occurrence of PART at byte OFF cut to its first KEEP
 * characters and an ellipsis.
 */
static char *
cut_part(const char *text, size_t off, const char *part, size_t keep)
{
	size_t kb = prefix_bytes(part, keep);
	char *out;

	/* No stray space before the ellipsis: "Bao cao..." */
	while (kb > 0 && part[kb - 1] == ' ')
		kb--;
	xasprintf(&out, "%.*s%.*s" ELLIPSIS "%s", (int)off, text, (int)kb,
	    part, text + off + strlen(part));
	return out;
}

/* The first KEEP characters of TEXT, an ellipsis, and TEXT from TAIL. */
static char *
cut_before(const char *text, size_t keep, const char *tail)
{
	char *out;

	xasprintf(&out, "%.*s" ELLIPSIS " %s", (int)prefix_bytes(text, keep),
	    text, tail);
	return out;
}

/*
 * Returns a malloc'd TEXT that fits MAX_SEGMENTS (0: no limit).  PARTS
 * (NPARTS, most expendable first) are the variable strings as they appear
 * in TEXT; each is shortened as far as MIN_KEEP characters.  If that is
 * not enough, the text before the sentence holding KEEP (the ack code,
 * or NULL) is cut from its end, so the code and its label survive.  Returns NULL only when even that
 * cannot fit; the caller refuses to send rather than overspend.
 */
char *
sms_fit(const char *text, int max_segments, const char *const *parts,
    int nparts, const char *keep)
{
	char *cur = xstrdup(text), *next;
	const char *at;
	size_t len, lo, hi, mid, off, koff;
	int i;

	if (max_segments <= 0 || fits(cur, max_segments))
		return cur;
	for (i = 0; i < nparts; i++) {
		if (parts[i] == NULL || parts[i][0] == '\0' ||
		    (at = strstr(cur, parts[i])) == NULL)
			continue;
		len = u8_mbsnlen((const uint8_t *)parts[i], strlen(parts[i]));
		if (len <= MIN_KEEP)
			continue;
		off = (size_t)(at - cur);
		/* The longest prefix that fits, by bisection. */
		next = cut_part(cur, off, parts[i], MIN_KEEP);
		if (!fits(next, max_segments)) {
			free(cur);
			cur = next;
			continue;
		}
		free(next);
		lo = MIN_KEEP;
		hi = len - 1;
		while (lo < hi) {
			mid = (lo + hi + 1) / 2;
			next = cut_part(cur, off, parts[i], mid);
			if (fits(next, max_segments))
				lo = mid;
			else
				hi = mid - 1;
			free(next);
		}
		next = cut_part(cur, off, parts[i], lo);
		free(cur);
		return next;
	}
	/* Last resort: shorten what precedes the code, keep the code on. */
	if (keep == NULL || (at = strstr(cur, keep)) == NULL) {
		free(cur);
		return NULL;
	}
	/* Keep the code's whole sentence: "Ma xac nhan: K7Q2M." */
	for (koff = (size_t)(at - cur); koff > 1; koff--)
		if (cur[koff - 1] == ' ' && (cur[koff - 2] == '.' ||
		    cur[koff - 2] == '\n'))
			break;
	if (koff <= 1)
		koff = (size_t)(at - cur);
	len = u8_mbsnlen((const uint8_t *)cur, koff);
	lo = 0;
	hi = len;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		next = cut_before(cur, mid, cur + koff);
		if (fits(next, max_segments))
			lo = mid;
		else
			hi = mid - 1;
		free(next);
	}
	next = cut_before(cur, lo, cur + koff);
	free(cur);
	if (!fits(next, max_segments)) {
		free(next);
		return NULL;
	}
	return next;
}
