/*
 * docx.c: the tables of a Word document.  Each top-level w:tbl of
 * word/document.xml becomes a grid: w:gridSpan widens a cell over the
 * columns to its right (marked TC_SPANNED), w:vMerge without "restart"
 * continues the cell above (TC_MERGED_UP), w:gridBefore leaves columns
 * out, and the paragraphs of a cell are joined with line breaks.  Text
 * of a table nested in a cell, rare in plans, stays in that cell.
 * Deleted text of tracked changes, field codes and the fallback copy of
 * alternate content are not text a reader of the document sees, and are
 * left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"
#include "ooxml.h"
#include "tgrid.h"

#define MAX_NUMSTYLES	64

struct dstate {
	struct tbook	*b;
	struct tgrid	*g;
	int		 tbl;		/* depth of w:tbl */
	int		 col;		/* next grid column of the row */
	int		 in_cell, in_t, in_tcpr;
	int		 span;
	unsigned	 flags;
	struct tgbuf	 buf;
	int		 line;
	char		*numbered[MAX_NUMSTYLES]; /* styles that number */
	int		 nnumbered;
};

static int
on_val(xmlTextReaderPtr r, int dflt)
{
	char *v = ooxml_attr(r, "val");
	int n = dflt;

	if (v != NULL) {
		n = atoi(v);
		free(v);
	}
	return n;
}

/* w:tblHeader, w:vMerge...: an on/off property, on when no w:val says off. */
static int
on_off(xmlTextReaderPtr r)
{
	char *v = ooxml_attr(r, "val");
	int on = v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0 &&
	    strcmp(v, "off") != 0);

	free(v);
	return on;
}

static int
cell_end(struct dstate *d, char *err, size_t errlen)
{
	char name[32];
	int i;

	if (d->buf.over) {
		snprintf(name, sizeof(name), "bảng %d", d->g->index);
		snprintf(err, errlen, "%s, row %d, column %d: a cell of more "
		    "than %d KiB of text; this is no task table (ô quá dài)",
		    name, d->line, d->col + 1, TG_MAX_CELL / 1024);
		return -1;
	}
	tgbuf_trim(&d->buf);
	if (tbook_set_cell(d->b, d->g, d->col, d->buf.p ? d->buf.p : "",
	    d->buf.n, d->flags, err, errlen) == -1)
		return -1;
	for (i = 1; i < d->span && d->span <= TG_MAX_COLS; i++)
		if (tbook_set_cell(d->b, d->g, d->col + i, "", 0, TC_SPANNED |
		    (d->flags & TC_MERGED_UP), err, errlen) == -1)
			return -1;
	d->col += d->span > 0 ? d->span : 1;
	d->in_cell = 0;
	return 0;
}

/* Whether the paragraph style named here numbers its paragraphs. */
static int
numbering_style(const struct dstate *d, xmlTextReaderPtr r)
{
	char *v = ooxml_attr(r, "val");
	int i, yes = 0;

	for (i = 0; v != NULL && i < d->nnumbered && !yes; i++)
		yes = strcmp(d->numbered[i], v) == 0;
	free(v);
	return yes;
}

/*
 * The paragraph styles of word/styles.xml that carry list numbering
 * ("List Number"): a TT column in such a style shows numbers that are
 * in no text.
 */
static int
read_styles(struct ooxml *o, struct dstate *d, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	char *id = NULL;
	int rc;

	if (!ooxml_has(o, "word/styles.xml"))
		return 0;
	if ((p = ooxml_part_open(o, "word/styles.xml", err, errlen)) == NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (ooxml_is_start(r, "style")) {
			free(id);
			id = ooxml_attr(r, "styleId");
		} else if (ooxml_is_start(r, "numPr") && id != NULL &&
		    d->nnumbered < MAX_NUMSTYLES) {
			d->numbered[d->nnumbered++] = id;
			id = NULL;
		}
	}
	free(id);
	ooxml_part_close(p);
	return rc;
}

static int
on_element(struct dstate *d, xmlTextReaderPtr r, char *err, size_t errlen)
{
	const char *n = (const char *)xmlTextReaderConstLocalName(r);
	char name[32];

	if (strcmp(n, "tbl") == 0) {
		if (++d->tbl == 1) {
			if (d->b->n >= TG_MAX_TABLES) {
				snprintf(err, errlen, "more than %d tables",
				    TG_MAX_TABLES);
				return -1;
			}
			snprintf(name, sizeof(name), "bảng %d", d->b->n + 1);
			d->g = tbook_add_grid(d->b, name);
			d->line = 0;
		}
		return 0;
	}
	if (d->tbl != 1) {
		if (d->tbl > 1 && d->in_cell && (strcmp(n, "tab") == 0))
			tgbuf_add(&d->buf, " ", 1);
		else if (d->tbl > 1 && d->in_cell && (strcmp(n, "br") == 0 ||
		    strcmp(n, "cr") == 0))
			tgbuf_add(&d->buf, "\n", 1);
		else if (d->in_cell && strcmp(n, "t") == 0)
			d->in_t = !xmlTextReaderIsEmptyElement(r);
		return 0;
	}
	if (strcmp(n, "tr") == 0) {
		d->col = 0;
		return tbook_add_row(d->b, d->g, ++d->line, err, errlen);
	}
	if (strcmp(n, "gridBefore") == 0 && !d->in_cell) {
		d->col += on_val(r, 0) > 0 && on_val(r, 0) < TG_MAX_COLS ?
		    on_val(r, 0) : 0;
		return 0;
	}
	if (strcmp(n, "tblHeader") == 0 && !d->in_cell && d->g->nrows > 0) {
		d->g->rows[d->g->nrows - 1].repeat_header = on_off(r);
		return 0;
	}
	if (strcmp(n, "tc") == 0) {
		if (d->g->nrows == 0 && tbook_add_row(d->b, d->g, ++d->line,
		    err, errlen) == -1)
			return -1;
		d->in_cell = 1;
		d->span = 1;
		d->flags = 0;
		tgbuf_reset(&d->buf);
		if (xmlTextReaderIsEmptyElement(r))
			return cell_end(d, err, errlen);
		return 0;
	}
	if (!d->in_cell)
		return 0;
	if (strcmp(n, "tcPr") == 0)
		d->in_tcpr = !xmlTextReaderIsEmptyElement(r);
	else if (strcmp(n, "numPr") == 0 && !d->in_tcpr)
		d->flags |= TC_AUTONUM;	/* its number is Word's, not text */
	else if (strcmp(n, "pStyle") == 0 && numbering_style(d, r))
		d->flags |= TC_AUTONUM;
	else if (strcmp(n, "gridSpan") == 0 && d->in_tcpr)
		d->span = on_val(r, 1) > 0 ? on_val(r, 1) : 1;
	else if (strcmp(n, "vMerge") == 0 && d->in_tcpr) {
		char *v = ooxml_attr(r, "val");

		if (v == NULL || strcmp(v, "continue") == 0)
			d->flags |= TC_MERGED_UP;
		free(v);
	} else if (strcmp(n, "t") == 0)
		d->in_t = !xmlTextReaderIsEmptyElement(r);
	else if (strcmp(n, "tab") == 0 && !d->in_tcpr)
		tgbuf_add(&d->buf, " ", 1);
	else if (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0)
		tgbuf_add(&d->buf, "\n", 1);
	else if (strcmp(n, "p") == 0 && xmlTextReaderIsEmptyElement(r))
		tgbuf_add(&d->buf, "\n", 1);
	return 0;
}

static int
on_end(struct dstate *d, xmlTextReaderPtr r, char *err, size_t errlen)
{
	const char *n = (const char *)xmlTextReaderConstLocalName(r);

	if (strcmp(n, "tbl") == 0) {
		d->tbl--;
		return 0;
	}
	if (strcmp(n, "t") == 0)
		d->in_t = 0;
	else if (strcmp(n, "tcPr") == 0)
		d->in_tcpr = 0;
	else if (strcmp(n, "p") == 0 && d->in_cell)
		tgbuf_add(&d->buf, "\n", 1);
	else if (strcmp(n, "tc") == 0 && d->tbl == 1 && d->in_cell)
		return cell_end(d, err, errlen);
	return 0;
}

/* Parts of the markup whose text is not the document's text. */
static int
skipped(const char *n)
{
	return strcmp(n, "delText") == 0 || strcmp(n, "instrText") == 0 ||
	    strcmp(n, "Fallback") == 0 || strcmp(n, "del") == 0;
}

int
docx_read(struct ooxml *o, struct tbook *b, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	struct dstate d;
	const char *v;
	int rc, type;

	memset(&d, 0, sizeof(d));
	d.b = b;
	if (read_styles(o, &d, err, errlen) == -1 ||
	    (p = ooxml_part_open(o, "word/document.xml", err, errlen)) == NULL) {
		while (d.nnumbered > 0)
			free(d.numbered[--d.nnumbered]);
		return -1;
	}
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT && skipped((const char *)
		    xmlTextReaderConstLocalName(r))) {
			if (!xmlTextReaderIsEmptyElement(r) &&
			    xmlTextReaderNext(r) == -1) {
				rc = -1;
				snprintf(err, errlen, "word/document.xml: not "
				    "well-formed XML (XML hỏng)");
				break;
			}
			/* Next() moved past it: look at where it landed. */
			type = xmlTextReaderNodeType(r);
		}
		if (type == XML_READER_TYPE_ELEMENT)
			rc = on_element(&d, r, err, errlen);
		else if (type == XML_READER_TYPE_END_ELEMENT)
			rc = on_end(&d, r, err, errlen);
		else if ((type == XML_READER_TYPE_TEXT || type ==
		    XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && d.in_t &&
		    d.in_cell && (v = (const char *)
		    xmlTextReaderConstValue(r)) != NULL)
			tgbuf_add(&d.buf, v, strlen(v));
		if (rc == -1)
			break;
	}
	ooxml_part_close(p);
	free(d.buf.p);
	while (d.nnumbered > 0)
		free(d.numbered[--d.nnumbered]);
	return rc == -1 ? -1 : 0;
}
