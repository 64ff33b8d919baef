/*
 * tabfile.c: telling what a table file is and reading it.  A ZIP archive
 * with word/document.xml is a Word document, one with xl/workbook.xml an
 * Excel workbook, whatever its name; the old binary formats (.doc, .xls:
 * an OLE compound file), PDF and OpenDocument are refused with what to
 * do, since none of them can be read as faithfully, and a guess at a
 * table from a PDF would put agencies on the wrong rows.  Anything else
 * is CSV or TSV text (csvread.c).
 *
 * A table copied from Word and pasted into a text editor is TSV with a
 * line break wherever a cell had one: its rows come out cut in pieces
 * with fewer cells than the header.  Pieces that add up to exactly one
 * row are put back together, the break kept inside the cell.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "csvread.h"
#include "docx.h"
#include "ooxml.h"
#include "tabfile.h"
#include "tgrid.h"
#include "xlsx.h"
#include "xmalloc.h"

/* Whether LibreOffice's soffice is on PATH. */
static int
have_soffice(void)
{
	const char *path = getenv("PATH");
	char *copy, *p, *dir, f[4096];
	int found = 0;

	if (path == NULL)
		return 0;
	p = copy = xstrdup(path);
	while (!found && (dir = strsep(&p, ":")) != NULL) {
		snprintf(f, sizeof(f), "%s/soffice", *dir ? dir : ".");
		found = access(f, X_OK) == 0;
	}
	free(copy);
	return found;
}

/* "cannot read KIND: save it as TO" with LibreOffice's command if any. */
static int
refuse(const char *name, const char *what, const char *vi, const char *to,
    char *err, size_t errlen)
{
	char cmd[1200] = "", *dir = xstrdup(name), *slash;

	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, strlen(dir) + 1, ".");
	if (to != NULL && have_soffice())
		snprintf(cmd, sizeof(cmd), "; convert it with: soffice "
		    "--headless --convert-to %s --outdir '%s' '%s' (chuyển "
		    "bằng lệnh trên)", to, dir, name);
	free(dir);
	if (to != NULL)
		snprintf(err, errlen, "%s: %s, which cannot be read; open it "
		    "in Word, Excel or LibreOffice and save it as .%s "
		    "(File > Save As) (%s: hãy mở tệp và lưu lại dưới dạng "
		    ".%s)%s", name, what, to, vi, to, cmd);
	else
		snprintf(err, errlen, "%s: %s, which holds no table structure "
		    "to read; ask the issuing office for the .docx or .xlsx, "
		    "or open the PDF in Word (it converts it) and check the "
		    "table before saving it as .docx (%s: hãy xin bản .docx "
		    "hoặc .xlsx của văn bản)", name, what, vi);
	return -1;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Word's table pasted as text: rows cut at every line break in a cell. */
static void
rejoin_pasted(struct csv_table *t, int *rejoined)
{
	int ncols, i, j, k, sum, o = 1;
	char *s;

	if (t->nrows < 2 || t->delim != '\t')
		return;
	ncols = t->ncells[0];
	for (i = 1; i < t->nrows; i++) {
		sum = t->ncells[i];
		for (j = i + 1; sum < ncols && j < t->nrows &&
		    t->ncells[j] < ncols; j++)
			sum += t->ncells[j] - 1;
		if (sum != ncols || j == i + 1 || t->ncells[i] >= ncols) {
			t->rows[o] = t->rows[i];
			t->ncells[o++] = t->ncells[i];
			continue;
		}
		/* Rows i..j-1 are one: each piece's first cell continues the
		 * last cell of the one before. */
		t->rows[i] = xreallocarray(t->rows[i], ncols, sizeof(char *));
		for (k = i + 1; k < j; k++) {
			int have = t->ncells[i], c;

			xasprintf(&s, "%s\n%s", t->rows[i][have - 1],
			    t->rows[k][0]);
			free(t->rows[i][have - 1]);
			free(t->rows[k][0]);
			t->rows[i][have - 1] = s;
			for (c = 1; c < t->ncells[k]; c++)
				t->rows[i][have++] = t->rows[k][c];
			t->ncells[i] = have;
			free(t->rows[k]);
		}
		t->rows[o] = t->rows[i];
		t->ncells[o++] = t->ncells[i];
		(*rejoined)++;
		i = j - 1;
	}
	t->nrows = o;
}

static int
read_text(const char *name, const char *data, size_t len, struct tbook *b,
    char *err, size_t errlen)
{
	struct csv_table t;
	struct tgrid *g;
	int r, c, rc = 0;

	if (csv_read_mem(name, data, len, &t, err, errlen) == -1)
		return -1;
	b->format = TG_TEXT;
	b->delim = t.delim;
	rejoin_pasted(&t, &b->rejoined);
	g = tbook_add_grid(b, NULL);
	for (r = 0; r < t.nrows && rc == 0; r++) {
		if ((rc = tbook_add_row(b, g, r + 1, err, errlen)) == -1)
			break;
		/* The cells move to the grid: a million rows, held once. */
		for (c = 0; c < t.ncells[r]; c++) {
			if (rc == 0)
				rc = tbook_take_cell(b, g, c, t.rows[r][c], err,
				    errlen);
			else
				free(t.rows[r][c]);
			t.rows[r][c] = NULL;
		}
		t.ncells[r] = 0;
	}
	csv_table_free(&t);
	if (rc == -1) {
		/* The limits' messages name no file. */
		char *m = xstrdup(err);

		snprintf(err, errlen, "%s: %s", name, m);
		free(m);
		tbook_free(b);
	}
	return rc;
}

static int
read_zip(const char *name, const char *data, size_t len, struct tbook *b,
    char *err, size_t errlen)
{
	struct ooxml *o;
	char e[400];
	int rc;

	if ((o = ooxml_open(data, len, e, sizeof(e))) == NULL) {
		snprintf(err, errlen, "%s: %s", name, e);
		return -1;
	}
	if (ooxml_has(o, "word/document.xml")) {
		b->format = TG_DOCX;
		rc = docx_read(o, b, e, sizeof(e));
	} else if (ooxml_has(o, "xl/workbook.xml")) {
		b->format = TG_XLSX;
		rc = xlsx_read(o, b, e, sizeof(e));
	} else if (ooxml_has(o, "mimetype") && ooxml_has(o, "content.xml")) {
		ooxml_close(o);
		return memmem(data, len < 200 ? len : 200, "spreadsheet", 11) ?
		    refuse(name, "an OpenDocument spreadsheet (.ods)",
		    "bảng tính OpenDocument", "xlsx", err, errlen) :
		    refuse(name, "an OpenDocument text (.odt)",
		    "văn bản OpenDocument", "docx", err, errlen);
	} else {
		ooxml_close(o);
		snprintf(err, errlen, "%s: a ZIP archive that is neither a "
		    "Word .docx nor an Excel .xlsx (tệp nén không phải .docx "
		    "hay .xlsx)", name);
		return -1;
	}
	ooxml_close(o);
	if (rc == -1) {
		snprintf(err, errlen, "%s: %s", name, e);
		tbook_free(b);
	}
	return rc;
}

int
tabfile_read_mem(const char *name, const char *data, size_t len,
    struct tbook *b, char *err, size_t errlen)
{
	static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

	memset(b, 0, sizeof(*b));
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return read_zip(name, data, len, b, err, errlen);
	if (len >= 8 && memcmp(data, ole, 8) == 0) {
		/* The stream names of the compound file say which. */
		if (memmem(data, len, "W\0o\0r\0k\0b\0o\0o\0k", 16) != NULL ||
		    memmem(data, len, "B\0o\0o\0k\0", 8) != NULL)
			return refuse(name, "an Excel 97-2003 workbook (.xls)",
			    "tệp Excel cũ", "xlsx", err, errlen);
		return refuse(name, "a Word 97-2003 document (.doc)",
		    "tệp Word cũ", "docx", err, errlen);
	}
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return refuse(name, "a PDF document", "tệp PDF", NULL, err,
		    errlen);
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		return refuse(name, "an RTF document", "tệp RTF", "docx", err,
		    errlen);
	if (ends_with(name, ".docx") || ends_with(name, ".xlsx") ||
	    ends_with(name, ".doc") || ends_with(name, ".xls")) {
		snprintf(err, errlen, "%s: named as a Word or Excel file, but "
		    "it is not one (no ZIP archive inside); if it is text, "
		    "give it the name .csv or .tsv (tệp không đúng định dạng "
		    "như tên của nó)", name);
		return -1;
	}
	return read_text(name, data, len, b, err, errlen);
}

int
tabfile_read(const char *path, struct tbook *b, char *err, size_t errlen)
{
	FILE *fp;
	char *data = NULL;
	size_t len = 0, cap = 0, n, limit;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			/* A document is held to its limit once it says so. */
			limit = len >= 4 && memcmp(data, "PK", 2) == 0 ?
			    TG_MAX_FILE : TG_MAX_TEXTFILE;
			if (cap >= limit) {
				snprintf(err, errlen, "%s: larger than %zu MiB; "
				    "no plan's table is (tệp quá lớn)", path,
				    limit / (1024 * 1024));
				fclose(fp);
				free(data);
				return -1;
			}
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
	rc = tabfile_read_mem(path, data ? data : "", len, b, err, errlen);
	free(data);
	return rc;
}
