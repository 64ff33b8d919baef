/*
 * xlsx.c: the worksheets of an Excel workbook.  The workbook names its
 * sheets and their parts (xl/workbook.xml and its relationships); cells
 * hold shared strings (xl/sharedStrings.xml), inline strings, formula
 * results or numbers; a number whose style has a date format is an Excel
 * serial date and is written out as dd/mm/yyyy, as a plan would print
 * it.  mergeCells ranges mark the cells they cover as TC_SPANNED (right
 * of the first column) or TC_MERGED_UP (below the first row).  Every
 * part is streamed, so a sheet of a million rows is stopped at the row
 * limit without having been held in memory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ooxml.h"
#include "tgrid.h"
#include "xlsx.h"
#include "xmalloc.h"

#define MAX_SHEETS	256
#define MAX_STYLES	65536
#define MAX_SHARED	(1 << 20)

struct sheet {
	char		*name;
	char		*rid;
	char		*part;
};

struct xwb {
	struct ooxml	*o;
	struct tbook	*b;
	struct sheet	 sh[MAX_SHEETS];
	int		 nsh;
	char		**shared;
	int		 nshared;
	size_t		 sharedbytes;
	unsigned char	*isdate;	/* by cellXfs index */
	int		 nstyles;
	int		 date1904;
};

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((long)yoe + era * 400 + (*m <= 2));
}

int
xlsx_serial_date(double serial, int date1904, char *out, size_t len)
{
	long days, base;
	int y, m, d, secs;

	if (!isfinite(serial) || serial < 1 || serial > 2958465)
		return -1;
	days = (long)floor(serial);
	secs = (int)lround((serial - (double)days) * 86400);
	if (date1904)
		base = days_from_civil(1904, 1, 1);
	else if (days < 60)
		base = days_from_civil(1899, 12, 31);
	else if (days == 60) {
		/* Excel's 29/02/1900, a day that never was. */
		snprintf(out, len, "29/02/1900");
		return 0;
	} else
		base = days_from_civil(1899, 12, 30);
	civil_from_days(base + days, &y, &m, &d);
	if (secs > 0 && secs < 86400)
		snprintf(out, len, "%02d:%02d %02d/%02d/%04d", secs / 3600,
		    secs / 60 % 60, d, m, y);
	else
		snprintf(out, len, "%02d/%02d/%04d", d, m, y);
	return 0;
}

/* Whether a custom number format shows a date: d, m or y outside quotes. */
static int
format_is_date(const char *f)
{
	int q = 0, br = 0, dy = 0;

	for (; *f != '\0'; f++) {
		if (*f == '"')
			q = !q;
		else if (q)
			continue;
		else if (*f == '\\' && f[1] != '\0')
			f++;
		else if (*f == '[')
			br = 1;
		else if (*f == ']')
			br = 0;
		else if (!br && strchr("dDyY", *f) != NULL)
			dy = 1;
	}
	return dy;
}

static int
builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
	    (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* Reads TEXT of the current element (its t runs) into BUF. */
static int
read_styles(struct xwb *w, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	int rc, incellxfs = 0, nfmt = 0, i, id;
	int fmtid[512];
	unsigned char fmtdate[512];
	char *a, *code;

	if (!ooxml_has(w->o, "xl/styles.xml"))
		return 0;
	if ((p = ooxml_part_open(w->o, "xl/styles.xml", err, errlen)) == NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (ooxml_is_start(r, "numFmt") && nfmt < 512) {
			a = ooxml_attr(r, "numFmtId");
			code = ooxml_attr(r, "formatCode");
			fmtid[nfmt] = a ? atoi(a) : -1;
			fmtdate[nfmt++] = code ? format_is_date(code) : 0;
			free(a);
			free(code);
		} else if (ooxml_is_start(r, "cellXfs"))
			incellxfs = !xmlTextReaderIsEmptyElement(r);
		else if (ooxml_is_end(r, "cellXfs"))
			incellxfs = 0;
		else if (incellxfs && ooxml_is_start(r, "xf") &&
		    w->nstyles < MAX_STYLES) {
			a = ooxml_attr(r, "numFmtId");
			id = a ? atoi(a) : 0;
			free(a);
			w->isdate = xreallocarray(w->isdate, w->nstyles + 1, 1);
			w->isdate[w->nstyles] = builtin_date(id);
			for (i = 0; i < nfmt; i++)
				if (fmtid[i] == id)
					w->isdate[w->nstyles] = fmtdate[i];
			w->nstyles++;
		}
	}
	ooxml_part_close(p);
	return rc;
}

static int
read_shared(struct xwb *w, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	struct tgbuf buf = { NULL, 0, 0, 0 };
	int rc, in_si = 0, in_t = 0, in_rph = 0;
	const char *v;

	if (!ooxml_has(w->o, "xl/sharedStrings.xml"))
		return 0;
	if ((p = ooxml_part_open(w->o, "xl/sharedStrings.xml", err,
	    errlen)) == NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (ooxml_is_start(r, "si")) {
			tgbuf_reset(&buf);
			in_si = 1;
			if (!xmlTextReaderIsEmptyElement(r))
				continue;
		}
		if (ooxml_is_start(r, "rPh"))
			in_rph = !xmlTextReaderIsEmptyElement(r);
		else if (ooxml_is_end(r, "rPh"))
			in_rph = 0;
		else if (ooxml_is_start(r, "t"))
			in_t = !xmlTextReaderIsEmptyElement(r);
		else if (ooxml_is_end(r, "t"))
			in_t = 0;
		else if (in_si && in_t && !in_rph && (xmlTextReaderNodeType(r) ==
		    XML_READER_TYPE_TEXT || xmlTextReaderNodeType(r) ==
		    XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && (v = (const char *)
		    xmlTextReaderConstValue(r)) != NULL)
			tgbuf_add(&buf, v, strlen(v));
		if (ooxml_is_end(r, "si") || (ooxml_is_start(r, "si") &&
		    xmlTextReaderIsEmptyElement(r))) {
			in_si = 0;
			if (w->nshared >= MAX_SHARED || buf.over ||
			    w->sharedbytes + buf.n > TG_MAX_TEXT) {
				snprintf(err, errlen, "xl/sharedStrings.xml: "
				    "more text than any plan has (quá nhiều "
				    "chữ)");
				rc = -1;
				break;
			}
			if (w->nshared % 256 == 0)
				w->shared = xreallocarray(w->shared,
				    w->nshared + 256, sizeof(char *));
			w->shared[w->nshared++] = xstrdup(buf.p ? buf.p : "");
			w->sharedbytes += buf.n;
		}
	}
	free(buf.p);
	ooxml_part_close(p);
	return rc;
}

/* Sheet names and parts, from the workbook and its relationships. */
static int
read_workbook(struct xwb *w, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	char *id, *target, *v;
	int rc, i;

	if ((p = ooxml_part_open(w->o, "xl/workbook.xml", err, errlen)) ==
	    NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (ooxml_is_start(r, "workbookPr")) {
			v = ooxml_attr(r, "date1904");
			w->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0);
			free(v);
		}
		if (!ooxml_is_start(r, "sheet") || w->nsh >= MAX_SHEETS)
			continue;
		w->sh[w->nsh].name = ooxml_attr(r, "name");
		w->sh[w->nsh].rid = ooxml_attr(r, "id");
		if (w->sh[w->nsh].rid == NULL) {
			free(w->sh[w->nsh].name);
			continue;
		}
		if (w->sh[w->nsh].name == NULL)
			w->sh[w->nsh].name = xstrdup("?");
		w->nsh++;
	}
	ooxml_part_close(p);
	if (rc == -1)
		return -1;
	if ((p = ooxml_part_open(w->o, "xl/_rels/workbook.xml.rels", err,
	    errlen)) == NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (!ooxml_is_start(r, "Relationship"))
			continue;
		id = ooxml_attr(r, "Id");
		target = ooxml_attr(r, "Target");
		for (i = 0; id && target && i < w->nsh; i++)
			if (strcmp(w->sh[i].rid, id) == 0 &&
			    w->sh[i].part == NULL) {
				if (target[0] == '/')
					w->sh[i].part = xstrdup(target + 1);
				else
					xasprintf(&w->sh[i].part, "xl/%s",
					    target);
			}
		free(id);
		free(target);
	}
	ooxml_part_close(p);
	return rc;
}

/* "BC12" -> column 54, row 12 (0-based column); -1 if not a reference. */
static int
cell_ref(const char *s, int *col, int *row)
{
	int c = 0, r = 0, nl = 0;

	for (; *s >= 'A' && *s <= 'Z' && nl < 4; s++, nl++)
		c = c * 26 + (*s - 'A' + 1);
	if (nl == 0 || nl == 4)
		return -1;
	for (; *s >= '0' && *s <= '9' && r < 10000000; s++)
		r = r * 10 + (*s - '0');
	if (*s != '\0' || r == 0)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

/* The grid row for sheet row LINE (rows are in order), or -1. */
static int
row_of(const struct tgrid *g, int line)
{
	int lo = 0, hi = g->nrows - 1, mid;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		if (g->rows[mid].line == line)
			return mid;
		if (g->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static void
apply_merge(struct tgrid *g, const char *ref)
{
	char a[16], *colon;
	int c1, r1, c2, r2, r, c, i, gr;
	struct tgrow *row;

	snprintf(a, sizeof(a), "%s", ref);
	if ((colon = strchr(a, ':')) == NULL)
		return;
	*colon = '\0';
	if (cell_ref(a, &c1, &r1) == -1 || cell_ref(colon + 1, &c2, &r2) ==
	    -1 || c2 < c1 || r2 < r1 || c2 >= TG_MAX_COLS)
		return;
	for (r = r1; r <= r2; r++) {
		if ((gr = row_of(g, r)) == -1)
			continue;
		row = &g->rows[gr];
		if (row->n <= c2) {
			row->c = xreallocarray(row->c, c2 + 1, sizeof(*row->c));
			row->cap = c2 + 1;
			for (i = row->n; i <= c2; i++) {
				row->c[i].text = tg_empty;
				row->c[i].flags = 0;
			}
			row->n = c2 + 1;
			if (row->n > g->ncols)
				g->ncols = row->n;
		}
		for (c = c1; c <= c2; c++) {
			if (r == r1 && c == c1)
				continue;
			row->c[c].flags = (r > r1 ? TC_MERGED_UP : 0) |
			    (c > c1 ? TC_SPANNED : 0);
			/* Excel keeps a covered cell's old value; unseen. */
			tcell_free(&row->c[c]);
		}
	}
}

/* A number as the sheet shows it: an integer plainly, else %.15g. */
static void
fmt_number(const char *v, int date, int date1904, char *out, size_t len)
{
	char *end;
	double d = strtod(v, &end);

	if (*v == '\0' || *end != '\0' || !isfinite(d)) {
		snprintf(out, len, "%s", v);
		return;
	}
	if (date && xlsx_serial_date(d, date1904, out, len) == 0)
		return;
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, len, "%.0f", d);
	else
		snprintf(out, len, "%.15g", d);
}

static int
read_sheet(struct xwb *w, const struct sheet *sh, char *err, size_t errlen)
{
	struct ooxml_part *p;
	xmlTextReaderPtr r;
	struct tgrid *g;
	struct tgbuf v = { NULL, 0, 0, 0 };
	char name[300], num[64], *a, *type = NULL, **merges = NULL;
	int rc, col = -1, line = 0, in_c = 0, in_v = 0, in_t = 0, style = 0;
	int nmerges = 0, i, c, rr;
	const char *s;

	snprintf(name, sizeof(name), "sheet %s", sh->name);
	g = tbook_add_grid(w->b, name);
	if ((p = ooxml_part_open(w->o, sh->part, err, errlen)) == NULL)
		return -1;
	r = ooxml_part_reader(p);
	while ((rc = ooxml_part_next(p, err, errlen)) == 1) {
		if (ooxml_is_start(r, "row")) {
			a = ooxml_attr(r, "r");
			rr = a ? atoi(a) : line + 1;
			free(a);
			line = rr > line ? rr : line + 1;
			col = -1;
			if ((rc = tbook_add_row(w->b, g, line, err, errlen)) ==
			    -1)
				break;
		} else if (ooxml_is_start(r, "c") && g->nrows > 0) {
			a = ooxml_attr(r, "r");
			if (a == NULL || cell_ref(a, &c, &rr) == -1)
				c = col + 1;
			free(a);
			col = c;
			free(type);
			type = ooxml_attr(r, "t");
			a = ooxml_attr(r, "s");
			style = a ? atoi(a) : 0;
			free(a);
			tgbuf_reset(&v);
			in_c = !xmlTextReaderIsEmptyElement(r);
		} else if (in_c && (ooxml_is_start(r, "v") ||
		    ooxml_is_start(r, "t")))
			in_v = in_t = !xmlTextReaderIsEmptyElement(r);
		else if (ooxml_is_end(r, "v") || ooxml_is_end(r, "t"))
			in_v = in_t = 0;
		else if (in_c && (in_v || in_t) && (xmlTextReaderNodeType(r) ==
		    XML_READER_TYPE_TEXT || xmlTextReaderNodeType(r) ==
		    XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && (s = (const char *)
		    xmlTextReaderConstValue(r)) != NULL)
			tgbuf_add(&v, s, strlen(s));
		else if (ooxml_is_end(r, "c") && in_c) {
			in_c = 0;
			s = v.p ? v.p : "";
			if (v.over) {
				snprintf(err, errlen, "%s, row %d, column %d: "
				    "a cell of more than %d KiB of text (ô quá "
				    "dài)", name, line, col + 1,
				    TG_MAX_CELL / 1024);
				rc = -1;
				break;
			}
			if (type != NULL && strcmp(type, "s") == 0) {
				i = atoi(s);
				s = i >= 0 && i < w->nshared && *s != '\0' ?
				    w->shared[i] : "";
			} else if (type == NULL || strcmp(type, "n") == 0) {
				fmt_number(s, style >= 0 && style <
				    w->nstyles && w->isdate[style], w->date1904,
				    num, sizeof(num));
				s = num;
			}
			if ((rc = tbook_set_cell(w->b, g, col, s, strlen(s), 0,
			    err, errlen)) == -1)
				break;
		} else if (ooxml_is_start(r, "mergeCell") && nmerges < 10000) {
			if ((a = ooxml_attr(r, "ref")) == NULL)
				continue;
			merges = xreallocarray(merges, nmerges + 1,
			    sizeof(char *));
			merges[nmerges++] = a;
		}
	}
	ooxml_part_close(p);
	for (i = 0; i < nmerges; i++) {
		if (rc != -1)
			apply_merge(g, merges[i]);
		free(merges[i]);
	}
	free(merges);
	free(type);
	free(v.p);
	return rc == -1 ? -1 : 0;
}

int
xlsx_read(struct ooxml *o, struct tbook *b, char *err, size_t errlen)
{
	struct xwb w;
	int i, rc = -1;

	memset(&w, 0, sizeof(w));
	w.o = o;
	w.b = b;
	if (read_workbook(&w, err, errlen) == -1 ||
	    read_styles(&w, err, errlen) == -1 ||
	    read_shared(&w, err, errlen) == -1)
		goto out;
	for (i = 0; i < w.nsh; i++) {
		if (w.sh[i].part == NULL || !ooxml_has(o, w.sh[i].part))
			continue;	/* a chart sheet, or a missing part */
		if (read_sheet(&w, &w.sh[i], err, errlen) == -1)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < w.nsh; i++) {
		free(w.sh[i].name);
		free(w.sh[i].rid);
		free(w.sh[i].part);
	}
	for (i = 0; i < w.nshared; i++)
		free(w.shared[i]);
	free(w.shared);
	free(w.isdate);
	return rc;
}
