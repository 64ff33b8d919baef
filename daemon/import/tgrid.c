/*
 * tgrid.c: building the cell grid the readers (csv, docx, xlsx) fill, and
 * holding them to the limits of tgrid.h so that a million rows or a cell
 * of a gigabyte is refused with a message instead of eating memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tgrid.h"
#include "xmalloc.h"

/* The text of every empty cell: shared, never freed. */
char tg_empty[1];

void
tcell_free(struct tcell *c)
{
	if (c->text != tg_empty)
		free(c->text);
	c->text = tg_empty;
}

struct tgrid *
tbook_add_grid(struct tbook *b, const char *name)
{
	struct tgrid *g;

	b->g = xreallocarray(b->g, b->n + 1, sizeof(*b->g));
	g = &b->g[b->n++];
	memset(g, 0, sizeof(*g));
	g->index = b->n;
	g->name = name ? xstrdup(name) : NULL;
	return g;
}

int
tbook_add_row(struct tbook *b, struct tgrid *g, int line, char *err,
    size_t errlen)
{
	struct tgrow *r;

	if (b->format != TG_TEXT && b->rows >= TG_MAX_ROWS) {
		snprintf(err, errlen, "more than %d rows: no plan's task table "
		    "is this long; split the file (quá %d dòng: hãy tách "
		    "tệp)", TG_MAX_ROWS, TG_MAX_ROWS);
		return -1;
	}
	g->rows = xgrowarray(g->rows, g->nrows, sizeof(*g->rows));
	r = &g->rows[g->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	b->rows++;
	return 0;
}

int
tbook_set_cell(struct tbook *b, struct tgrid *g, int col, const char *text,
    size_t len, unsigned flags, char *err, size_t errlen)
{
	struct tgrow *r = &g->rows[g->nrows - 1];
	int i;

	if (col < 0 || col >= TG_MAX_COLS) {
		snprintf(err, errlen, "row %d: more than %d columns (dòng %d: "
		    "quá %d cột)", r->line, TG_MAX_COLS, r->line, TG_MAX_COLS);
		return -1;
	}
	if (len > TG_MAX_CELL && b->format != TG_TEXT) {
		snprintf(err, errlen, "row %d, column %d: a cell of more than "
		    "%d KiB of text; this is no task table (dòng %d, cột %d: "
		    "ô quá dài)", r->line, col + 1, TG_MAX_CELL / 1024,
		    r->line, col + 1);
		return -1;
	}
	if (b->text + len > TG_MAX_TEXT && b->format != TG_TEXT) {
		snprintf(err, errlen, "more than %d MiB of text in the tables "
		    "(văn bản quá lớn)", TG_MAX_TEXT / (1024 * 1024));
		return -1;
	}
	b->text += len;
	if (col >= r->n) {
		if (col >= r->cap) {
			r->cap = col + 1 > 8 ? (col + 1) * 2 : 8;
			r->c = xreallocarray(r->c, r->cap, sizeof(*r->c));
		}
		for (i = r->n; i <= col; i++) {
			r->c[i].text = tg_empty;
			r->c[i].flags = 0;
		}
		r->n = col + 1;
	}
	tcell_free(&r->c[col]);
	/* An empty cell costs no allocation: a table of empty cells
	 * stays small. */
	r->c[col].text = len > 0 ? xstrndup(text, len) : tg_empty;
	r->c[col].flags = flags;
	if (r->n > g->ncols)
		g->ncols = r->n;
	return 0;
}

int
tbook_take_cell(struct tbook *b, struct tgrid *g, int col, char *text,
    char *err, size_t errlen)
{
	struct tgrow *r = &g->rows[g->nrows - 1];

	if (tbook_set_cell(b, g, col, "", 0, 0, err, errlen) == -1) {
		free(text);
		return -1;
	}
	tcell_free(&r->c[col]);
	r->c[col].text = text;
	return 0;
}

const struct tcell *
tgrid_cell(const struct tgrid *g, int row, int col)
{
	static const struct tcell empty = { (char *)"", 0 };

	if (row < 0 || row >= g->nrows || col < 0 || col >= g->rows[row].n)
		return NULL;
	if (g->rows[row].c[col].text == NULL)
		return &empty;
	return &g->rows[row].c[col];
}

void
tbook_free_cells(struct tbook *b)
{
	int i, r, c;

	for (i = 0; i < b->n; i++) {
		for (r = 0; r < b->g[i].nrows; r++) {
			for (c = 0; c < b->g[i].rows[r].n; c++)
				tcell_free(&b->g[i].rows[r].c[c]);
			free(b->g[i].rows[r].c);
		}
		free(b->g[i].rows);
		b->g[i].rows = NULL;
		b->g[i].nrows = 0;
	}
}

void
tbook_free(struct tbook *b)
{
	int i;

	tbook_free_cells(b);
	for (i = 0; i < b->n; i++)
		free(b->g[i].name);
	free(b->g);
	memset(b, 0, sizeof(*b));
}

const char *
tg_format_name(enum tg_format f)
{
	switch (f) {
	case TG_DOCX:
		return "docx";
	case TG_XLSX:
		return "xlsx";
	default:
		return "text";
	}
}

void
tgbuf_add(struct tgbuf *b, const char *s, size_t len)
{
	if (b->n + len > TG_MAX_CELL) {
		b->over = 1;
		return;
	}
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		if (b->cap > TG_MAX_CELL + 1)
			b->cap = TG_MAX_CELL + 1;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, len);
	b->n += len;
	b->p[b->n] = '\0';
}

void
tgbuf_reset(struct tgbuf *b)
{
	b->n = 0;
	b->over = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
tgbuf_trim(struct tgbuf *b)
{
	size_t i, o = 0;
	int nl = 0;

	if (b->p == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		if (b->p[i] == '\n') {
			nl++;
			continue;
		}
		if (nl && o > 0)
			b->p[o++] = '\n';
		nl = 0;
		b->p[o++] = b->p[i];
	}
	while (o > 0 && (b->p[o - 1] == ' ' || b->p[o - 1] == '\t'))
		o--;
	b->n = o;
	b->p[o] = '\0';
}
