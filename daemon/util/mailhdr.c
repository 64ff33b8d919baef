/*
 * mailhdr.c: header fields for mail that relays keep intact.
 *
 * A relay parses From: as an address list, so a display name with a
 * comma or a colon that is not quoted becomes several addresses; and a
 * line over 998 octets is cut or refused.  So every field is built here
 * as tokens, folded before a token that would pass 78 characters:
 *
 * - text that is printable ASCII, with no word too long for a line and
 *   no "=?" a reader could take for an encoded word, stays as it is,
 *   folded at its spaces;
 * - a display name of atoms stays as it is; one with specials (, " \ ( :
 *   and so on) becomes a quoted string, escaped;
 * - anything else (Vietnamese, control characters, a word longer than a
 *   line) becomes RFC 2047 "B" words in UTF-8, each at most 75
 *   characters, never splitting a UTF-8 sequence.
 *
 * Runs of white space in the text become one space: folding happens at
 * spaces, and unfolding gives the text back.  The result has no final
 * CRLF; the caller ends the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "mailhdr.h"
#include "xmalloc.h"

struct hdr {
	char	*buf;
	size_t	 len;
	size_t	 cap;
	size_t	 col;	/* characters on the current line */
};

static void
put(struct hdr *h, const char *s, size_t n)
{
	if (h->len + n + 1 > h->cap) {
		h->cap = (h->len + n + 1) * 2;
		h->buf = xreallocarray(h->buf, 1, h->cap);
	}
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	h->buf[h->len] = '\0';
	h->col += n;
}

/* Ends the line; the space every token starts with makes it a fold. */
static void
fold(struct hdr *h)
{
	put(h, "\r\n", 2);
	h->col = 0;
}

/* Appends a space and a token, on a new line if it would not fit. */
static void
token(struct hdr *h, const char *s, size_t n)
{
	if (h->col + 1 + n > MAILHDR_LINE && h->col > 0)
		fold(h);
	put(h, " ", 1);
	put(h, s, n);
}

static void
start(struct hdr *h, const char *field)
{
	memset(h, 0, sizeof(*h));
	put(h, field, strlen(field));
	put(h, ":", 1);
}

/* Whether C may stand unquoted in a display name (RFC 5322 atext). */
static int
is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/*
 * Whether TEXT (spaces collapsed) can be written as it is: printable
 * ASCII, every word short enough for a continuation line, no "=?".
 */
static int
plain_ok(const char *text)
{
	const unsigned char *p;
	size_t word = 0;

	if (strstr(text, "=?") != NULL)
		return 0;
	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == ' ') {
			word = 0;
			continue;
		}
		if (*p < 0x21 || *p > 0x7e)
			return 0;
		if (++word > MAILHDR_LINE - 2)
			return 0;
	}
	return 1;
}

/* TEXT with tabs and line breaks as spaces, runs of them as one, trimmed. */
static char *
squeeze(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;
	const char *p;
	int space = 0;

	for (p = text; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* Appends TEXT as tokens split at its spaces. */
static void
words(struct hdr *h, const char *text)
{
	const char *p = text;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, " ");
		token(h, p, n);
		p += n;
		p += strspn(p, " ");
	}
}

/* Appends TEXT as "B" encoded words sized to the room left on each line. */
static void
encoded(struct hdr *h, const char *text)
{
	unsigned char b64[MAILHDR_WORD];
	char word[MAILHDR_WORD + 1];
	size_t len = strlen(text), off, n, room;
	int wl;

	for (off = 0; off < len; off += n) {
		/* "=?UTF-8?B?" and "?=" take 12; base64 comes in fours. */
		if (h->col + 1 + 16 > MAILHDR_LINE)
			fold(h);
		room = MAILHDR_LINE - h->col - 1;
		if (room > MAILHDR_WORD)
			room = MAILHDR_WORD;
		n = (room - 12) / 4 * 3;
		if (n > len - off)
			n = len - off;
		/* Never split a UTF-8 sequence between two words. */
		while (off + n < len && n > 1 &&
		    ((unsigned char)text[off + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(b64, (const unsigned char *)text + off, (int)n);
		wl = snprintf(word, sizeof(word), "=?UTF-8?B?%s?=", b64);
		token(h, word, (size_t)wl);
	}
}

/* "Field: text", folded, as ASCII or encoded words. */
char *
mailhdr_text(const char *field, const char *text)
{
	struct hdr h;
	char *t = squeeze(text);

	start(&h, field);
	if (plain_ok(t))
		words(&h, t);
	else
		encoded(&h, t);
	free(t);
	return h.buf;
}

/* NAME as a quoted string, with " and \ escaped. */
static char *
quote(const char *name)
{
	char *q = xmalloc(strlen(name) * 2 + 3), *o = q;
	const char *p;

	*o++ = '"';
	for (p = name; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return q;
}

/*
 * The display name of "Name <addr>", unquoted if the config quoted it,
 * or NULL when there is none.
 */
static char *
display_name(const char *mailbox, const char *lt)
{
	char *raw = xstrndup(mailbox, (size_t)(lt - mailbox)), *name, *o;
	const char *p;
	size_t n;

	name = squeeze(raw);
	free(raw);
	n = strlen(name);
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		name[n - 1] = '\0';
		for (p = name + 1, o = name; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			*o++ = *p;
		}
		*o = '\0';
	}
	if (name[0] == '\0') {
		free(name);
		return NULL;
	}
	return name;
}

/*
 * "Field: Name <addr>" from MAILBOX ("Name <addr>" or "addr"): the name
 * as atoms, a quoted string or encoded words, whichever it needs.
 */
char *
mailhdr_mailbox(const char *field, const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<'), *p;
	struct hdr h;
	char *name, *addr, *q;
	int atoms = 1;

	start(&h, field);
	if (lt == NULL) {
		addr = squeeze(mailbox);
		token(&h, addr, strlen(addr));
		free(addr);
		return h.buf;
	}
	if ((name = display_name(mailbox, lt)) != NULL) {
		for (p = name; *p != '\0'; p++)
			if (*p != ' ' && !is_atext((unsigned char)*p))
				atoms = 0;
		q = quote(name);
		if (atoms && plain_ok(name))
			words(&h, name);
		else if (plain_ok(name) && plain_ok(q))
			/* Folding inside a quoted string is allowed (3.2.4). */
			words(&h, q);
		else
			encoded(&h, name);
		free(q);
		free(name);
	}
	addr = squeeze(lt);
	token(&h, addr, strlen(addr));
	free(addr);
	return h.buf;
}
