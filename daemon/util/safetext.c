/*
 * safetext.c: text from outside made safe for where it goes (safetext.h).
 *
 * Titles and names come from spreadsheets, officials' phones and the
 * admin API.  In a log line a newline would forge a second line, with
 * a journald priority of its own; on a terminal an escape sequence can
 * clear the screen or set the clipboard; in a CSV file a cell starting
 * with "=" is a formula Excel runs.  New text with controls is refused
 * at input (text_has_control); what is already stored is escaped on the
 * way out.
 */
#include <stdio.h>
#include <string.h>

#include "safetext.h"
#include "xmalloc.h"

#define TTY_BUFS	8
#define TTY_LEN		4096

/* The length of a well-formed UTF-8 sequence at S, or 0. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;

	n = *s >= 0xc2 && *s <= 0xdf ? 2 : *s >= 0xe0 && *s <= 0xef ? 3 :
	    *s >= 0xf0 && *s <= 0xf4 ? 4 : 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((*s == 0xe0 && s[1] < 0xa0) ||
	    (*s == 0xed && s[1] >= 0xa0)))
		return 0;
	if (n == 4 && ((*s == 0xf0 && s[1] < 0x90) ||
	    (*s == 0xf4 && s[1] >= 0x90)))
		return 0;
	return n;
}

/* Whether the sequence at S (N bytes) is a C1 control, U+0080..U+009F. */
static int
is_c1(const unsigned char *s, size_t n)
{
	return n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

/*
 * Copies SRC to DST (always NUL-terminated), escaping C0 controls, DEL,
 * C1 controls (U+0080..U+009F, as UTF-8) and backslash.  Valid UTF-8
 * text, Vietnamese included, passes unchanged; a byte that starts no
 * valid sequence is escaped.  Returns the length written.
 */
size_t
text_escape(char *dst, size_t dstlen, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, n;
	char esc[8];

	if (dstlen == 0)
		return 0;
	while (*s != '\0') {
		n = 1;
		esc[0] = '\0';
		if (*s == '\\')
			snprintf(esc, sizeof(esc), "\\\\");
		else if (*s == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (*s == '\r')
			snprintf(esc, sizeof(esc), "\\r");
		else if (*s == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else if (*s < 0x20 || *s == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", *s);
		else if (*s >= 0x80) {
			n = utf8_len(s);
			if (n == 0 || is_c1(s, n)) {
				snprintf(esc, sizeof(esc), "\\x%02x", *s);
				n = 1;
			}
		}
		if (esc[0] != '\0') {
			if (o + strlen(esc) >= dstlen)
				break;
			memcpy(dst + o, esc, strlen(esc));
			o += strlen(esc);
		} else {
			if (o + n >= dstlen)
				break;
			memcpy(dst + o, s, n);
			o += n;
		}
		s += n;
	}
	dst[o] = '\0';
	return o;
}

void
text_fit(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src), k;

	if (len == 0)
		return;
	if (n >= len) {
		n = len - 1;
		/* Back off continuation bytes to the start of a character... */
		k = n;
		while (k > 0 && ((unsigned char)src[k] & 0xc0) == 0x80)
			k--;
		/* ...and cut before it unless it ends exactly at N. */
		if (k < n || ((unsigned char)src[k] & 0xc0) == 0x80)
			n = k;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

const char *
text_tty(const char *text)
{
	static char buf[TTY_BUFS][TTY_LEN];
	static int next;
	char *b = buf[next];

	next = (next + 1) % TTY_BUFS;
	text_escape(b, TTY_LEN, text != NULL ? text : "");
	return b;
}

int
text_csv_formula(const char *cell)
{
	return cell != NULL && cell[0] != '\0' && strchr("=+-@\t\r",
	    cell[0]) != NULL;
}

/*
 * A cell that a spreadsheet would run as a formula (an agency named
 * "=HYPERLINK(...)") gets a leading apostrophe, which Excel and
 * LibreOffice show as text: OWASP's advice for CSV injection.  The
 * copy is the caller's to free.
 */
char *
text_csv_cell(const char *cell)
{
	char *out;

	if (text_csv_formula(cell))
		xasprintf(&out, "'%s", cell);
	else
		out = xstrdup(cell != NULL ? cell : "");
	return out;
}

int
text_has_control(const char *text, int allow_lf)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;

	for (; s != NULL && *s != '\0'; s += n ? n : 1) {
		n = 1;
		if ((*s < 0x20 && !(allow_lf && *s == '\n')) || *s == 0x7f)
			return 1;
		if (*s >= 0x80 && (n = utf8_len(s)) != 0 && is_c1(s, n))
			return 1;
	}
	return 0;
}
