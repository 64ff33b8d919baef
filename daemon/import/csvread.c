/*
 * csvread.c: a spreadsheet saved as CSV or TSV, read with libcsv (RFC
 * 4180: quoted cells, line breaks inside them, doubled quotes).  What
 * people actually produce is checked first: Excel's byte-order mark is
 * dropped; the delimiter (comma, semicolon as Vietnamese-locale Excel
 * writes, or tab) is taken from the header line; text that is not UTF-8
 * (an old TCVN3 or Windows-1258 export) is refused with how to fix it,
 * rather than imported as mojibake; an unterminated quote (a truncated
 * file) is an error, not a silently shortened last row.  A straight
 * quote inside a cell that is not quoted ("Ngày hội "Vì dân"") is kept
 * as a character, as people type it: libcsv's strict mode would refuse
 * the whole file for it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <unistr.h>

#include "csvread.h"
#include "log.h"
#include "smstext.h"
#include "xmalloc.h"
#include "nls.h"

struct builder {
	struct csv_table *t;
	char		**cells;
	int		 n, cap;
};

static void
on_cell(void *s, size_t len, void *arg)
{
	struct builder *b = arg;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->cells = xreallocarray(b->cells, b->cap, sizeof(char *));
	}
	b->cells[b->n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void
on_row(int c, void *arg)
{
	struct builder *b = arg;
	struct csv_table *t = b->t;

	t->rows = xgrowarray(t->rows, t->nrows, sizeof(char **));
	t->ncells = xgrowarray(t->ncells, t->nrows, sizeof(int));
	t->rows[t->nrows] = b->cells;
	t->ncells[t->nrows++] = b->n;
	b->cells = NULL;
	b->n = b->cap = 0;
	(void)c;
}

/* The delimiter the header line uses most, outside quotes. */
static char
guess_delim(const char *p, size_t len)
{
	size_t i;
	int q = 0, tab = 0, semi = 0, comma = 0;

	for (i = 0; i < len && (q || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			q = !q;
		else if (!q && p[i] == '\t')
			tab++;
		else if (!q && p[i] == ';')
			semi++;
		else if (!q && p[i] == ',')
			comma++;
	}
	if (tab > 0 && tab >= semi && tab >= comma)
		return '\t';
	return semi > comma ? ';' : ',';
}

/* Whether the cell that holds byte AT began with a quote. */
static int
in_quoted(const char *data, size_t at, char delim)
{
	size_t i = at;

	while (i > 0 && data[i - 1] != delim && data[i - 1] != '\n' &&
	    data[i - 1] != '\r')
		i--;
	while (i < at && data[i] == ' ')
		i++;
	return i < at && data[i] == '"';
}

int
csv_read_mem(const char *name, const char *data, size_t len,
    struct csv_table *t, char *err, size_t errlen)
{
	struct csv_parser p;
	struct builder b;
	const uint8_t *bad;
	size_t line = 1;
	const char *q;
	size_t used;
	int strict, parsed;
	char delim;

	memset(t, 0, sizeof(*t));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (q = data; q < data + len && isspace((unsigned char)*q); q++)
		;
	if (q == data + len) {
		snprintf(err, errlen, _("%s: the file is empty"), name);
		return -1;
	}
	if ((bad = u8_check((const uint8_t *)data, len)) != NULL) {
		for (q = data; q < (const char *)bad; q++)
			line += *q == '\n';
		snprintf(err, errlen, _("%s:%zu: not UTF-8 text (byte %zu); "
		    "save the sheet again as \"CSV UTF-8\" (Excel) or with "
		    "Unicode (UTF-8) encoding (LibreOffice)"), name, line,
		    (size_t)((const char *)bad - data) + 1);
		return -1;
	}
	t->delim = delim = guess_delim(data, len);
	/*
	 * Strict first, so that a quote left open at the end is told from
	 * a cut file.  A stray quote inside a cell that is not quoted
	 * ("Ngày hội "Vì dân"") fails strict parsing before the end, and
	 * the file is then read again tolerantly; one inside a quoted cell
	 * that is not doubled leaves the cell's end unknown, and is refused.
	 */
	for (strict = 1; strict >= 0; strict--) {
		if (csv_init(&p, (strict ? CSV_STRICT : 0) | CSV_STRICT_FINI |
		    CSV_APPEND_NULL) != 0)
			fatalx("csv_init failed");
		csv_set_delim(&p, (unsigned char)t->delim);
		memset(&b, 0, sizeof(b));
		b.t = t;
		used = csv_parse(&p, data, len, on_cell, on_row, &b);
		parsed = used == len;
		if (parsed && csv_fini(&p, on_cell, on_row, &b) == 0) {
			csv_free(&p);
			return 0;
		}
		csv_free(&p);
		while (b.n > 0)
			free(b.cells[--b.n]);
		free(b.cells);
		if (parsed || !strict)
			break;
		if (in_quoted(data, used, delim)) {
			snprintf(err, errlen, "%s: row %d: a quote (\") inside "
			    "a quoted cell must be doubled (\"\"), else where "
			    "the cell ends is unknown (dòng %d: dấu ngoặc kép "
			    "trong ô phải viết đôi)", name, t->nrows + 1,
			    t->nrows + 1);
			csv_table_free(t);
			return -1;
		}
		csv_table_free(t);
		t->delim = delim;
	}
	snprintf(err, errlen, "%s: row %d: a quote (\") opens a cell and is "
	    "never closed: is the file cut short? (dòng %d: dấu ngoặc kép mở "
	    "mà không đóng; tệp bị cắt?)", name, t->nrows + 1, t->nrows + 1);
	csv_table_free(t);
	return -1;
}

int
csv_read_file(const char *path, struct csv_table *t, char *err,
    size_t errlen)
{
	FILE *fp;
	char *data = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = xreallocarray(data, cap, 1);
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fclose(fp);
		free(data);
		return -1;
	}
	fclose(fp);
	rc = csv_read_mem(path, data ? data : "", len, t, err, errlen);
	free(data);
	return rc;
}

void
csv_table_free(struct csv_table *t)
{
	int r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncells[r]; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->ncells);
	memset(t, 0, sizeof(*t));
}

/* "Điện thoại (di động)" -> "dien thoai di dong". */
char *
csv_header_key(const char *s)
{
	char *f = sms_ascii(s), *o, *p;
	int space = 0;

	if (f == NULL)
		return xstrdup("");
	for (p = o = f; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p)) {
			if (space && o != f)
				*o++ = ' ';
			*o++ = (char)tolower((unsigned char)*p);
			space = 0;
		} else
			space = 1;
	}
	*o = '\0';
	return f;
}

/* Line breaks and runs of spaces in a cell become one space, trimmed. */
void
csv_squeeze(char *s)
{
	char *o = s, *start = s;
	int sp = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && o != start)
			*o++ = ' ';
		*o++ = *s;
		sp = 0;
	}
	*o = '\0';
}
