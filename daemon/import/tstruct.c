/*
 * tstruct.c: reading the structure of a plan's task table.
 *
 * The header is the first row, among the first ten, whose labels name
 * the content, the lead agency and the timing; rows above it (the
 * table's title) are passed over, and so is a row that only numbers the
 * columns ("(1) (2) (3)").  A document may hold several tables: those
 * with such a header are task tables, a table that repeats the header of
 * the one before it, or has no header but the same columns, continues
 * it (Word tables split at a page break).
 *
 * Below the header each row is one of:
 *   - a heading ("I.", "II.", "A." in TT with nothing to do, or one cell
 *     merged over the whole width): the section of the rows below;
 *   - a numbered task;
 *   - a sub-task: no TT (or TT merged from above), but content of its
 *     own and its own lead or timing; it gets its own reference, the
 *     number above with a letter ("2.4.b": the numbered row is "a"), and
 *     is never joined to the row above;
 *   - a continuation (text files only): a row cut off the one above by a
 *     page break or a paste, whose text continues it column by column.
 * In a document a merged cell is "the same as above" for its column
 * only; in CSV a merged cell has come out empty, so a sub-task there
 * takes an empty lead or timing from the numbered row, and says so.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "csvread.h"
#include "tgrid.h"
#include "tstruct.h"
#include "xmalloc.h"
#include "nls.h"

#define HEADER_ROWS	10

static const struct {
	enum tcol	 col;
	const char	*key;
} theaders[] = {
	{ T_REF, "tt" }, { T_REF, "stt" }, { T_REF, "so tt" },
	{ T_REF, "so thu tu" },
	{ T_TITLE, "noi dung" }, { T_TITLE, "noi dung tuyen truyen" },
	{ T_TITLE, "noi dung nhiem vu" }, { T_TITLE, "nhiem vu" },
	{ T_TITLE, "ten nhiem vu" }, { T_TITLE, "nhiem vu giai phap" },
	{ T_TITLE, "noi dung cong viec" }, { T_TITLE, "cong viec" },
	{ T_TITLE, "noi dung thuc hien" }, { T_TITLE, "nhiem vu cu the" },
	{ T_SHORT, "ten ngan" }, { T_SHORT, "short title" },
	{ T_FORM, "hinh thuc" }, { T_FORM, "hinh thuc tuyen truyen" },
	{ T_QUOTA, "chi so noi dung" }, { T_QUOTA, "chi tieu" },
	{ T_QUOTA, "chi so" },
	{ T_LEAD, "co quan chu tri" }, { T_LEAD, "don vi chu tri" },
	{ T_LEAD, "chu tri" }, { T_LEAD, "co quan don vi chu tri" },
	{ T_LEAD, "don vi chu tri thuc hien" },
	{ T_LEAD, "co quan chu tri thuc hien" },
	{ T_COOP, "co quan phoi hop" }, { T_COOP, "don vi phoi hop" },
	{ T_COOP, "phoi hop" }, { T_COOP, "co quan don vi phoi hop" },
	{ T_COOP, "don vi phoi hop thuc hien" },
	{ T_WHEN, "thoi gian thuc hien" }, { T_WHEN, "thoi gian" },
	{ T_WHEN, "thoi han" }, { T_WHEN, "thoi gian hoan thanh" },
	{ T_WHEN, "thoi han hoan thanh" }, { T_WHEN, "tien do" },
	{ T_WHEN, "tien do thuc hien" }, { T_WHEN, "tien do hoan thanh" },
	/* English, as the directory's headers may be. */
	{ T_REF, "no" }, { T_REF, "ref" }, { T_TITLE, "content" },
	{ T_TITLE, "task" }, { T_LEAD, "lead" }, { T_LEAD, "lead agency" },
	{ T_COOP, "cooperating" }, { T_COOP, "cooperating agencies" },
	{ T_WHEN, "timing" }, { T_WHEN, "deadline" }, { T_WHEN, "due" },
	{ T_FORM, "form" }, { T_QUOTA, "quota" },
};
#define NTHEADERS	(int)(sizeof(theaders) / sizeof(theaders[0]))

static const char *const tcol_names[T_NCOLS] = {
	"TT", "nội dung", "tên ngắn", "hình thức", "cơ quan chủ trì",
	"cơ quan phối hợp", "thời gian thực hiện", "chỉ tiêu", "ghi chú",
};

const char *
tcol_name(enum tcol c)
{
	return c >= 0 && c < T_NCOLS ? tcol_names[c] : "?";
}

/* A header found: which grid column holds each of ours. */
struct hdr {
	int		 colof[T_NCOLS];
	int		 extra[TG_MAX_COLS];	/* columns kept as notes */
	int		 nextra;
	int		 row;			/* grid row of the header */
	char		*keys[TG_MAX_COLS];	/* to know it again */
	int		 nkeys;
	char		*title;			/* its content label, as written */
};

/* The column a header label names, or -1: exact, then by its words. */
static int
label_col(const char *key)
{
	int k;

	if (*key == '\0')
		return -1;
	for (k = 0; k < NTHEADERS; k++)
		if (strcmp(key, theaders[k].key) == 0)
			return theaders[k].col;
	/* "Cơ quan, đơn vị chủ trì thực hiện", "Thời gian (hoàn thành)". */
	if (strstr(key, "chu tri") != NULL)
		return T_LEAD;
	if (strstr(key, "phoi hop") != NULL)
		return T_COOP;
	if (strncmp(key, "thoi gian", 9) == 0 || strncmp(key, "thoi han", 8) ==
	    0 || strncmp(key, "tien do", 7) == 0)
		return T_WHEN;
	if (strncmp(key, "noi dung", 8) == 0 || strncmp(key, "nhiem vu", 8) ==
	    0)
		return T_TITLE;
	return -1;
}

static void
hdr_free(struct hdr *h)
{
	int i;

	for (i = 0; i < h->nkeys; i++)
		free(h->keys[i]);
	h->nkeys = 0;
	free(h->title);
	h->title = NULL;
}

/* Whether grid row R is a task header; fills H if so. */
static int
is_header(const struct tgrid *g, int r, struct hdr *h)
{
	const struct tcell *cell;
	int c, col;

	memset(h, 0, sizeof(*h));
	for (c = 0; c < T_NCOLS; c++)
		h->colof[c] = -1;
	h->row = r;
	for (c = 0; c < g->rows[r].n && c < TG_MAX_COLS; c++) {
		cell = tgrid_cell(g, r, c);
		h->keys[h->nkeys++] = csv_header_key(cell->text);
		if (cell->flags & TC_SPANNED)
			continue;
		col = label_col(h->keys[c]);
		if (col >= 0 && h->colof[col] == -1)
			h->colof[col] = c;
		else if (h->keys[c][0] != '\0')
			h->extra[h->nextra++] = c;
	}
	if (h->colof[T_TITLE] >= 0 && h->colof[T_LEAD] >= 0 &&
	    h->colof[T_WHEN] >= 0) {
		h->title = xstrdup(tgrid_cell(g, r, h->colof[T_TITLE])->text);
		return 1;
	}
	hdr_free(h);
	return 0;
}

static int
find_header(const struct tgrid *g, struct hdr *h)
{
	int r;

	for (r = 0; r < g->nrows && r < HEADER_ROWS; r++)
		if (is_header(g, r, h))
			return r;
	return -1;
}

/* Whether row R says the same labels as header H. */
static int
same_header(const struct tgrid *g, int r, const struct hdr *h)
{
	const struct tcell *t;
	char *k;
	int c, same = g->rows[r].n > 0, nonempty = 0;

	/* Word repeats a header as it was: a cheap test first, each row. */
	t = tgrid_cell(g, r, h->colof[T_TITLE]);
	if (t == NULL || h->title == NULL || strcmp(t->text, h->title) != 0)
		return 0;
	for (c = 0; same && c < g->rows[r].n && c < TG_MAX_COLS; c++) {
		k = csv_header_key(tgrid_cell(g, r, c)->text);
		nonempty += k[0] != '\0';
		same = c < h->nkeys && strcmp(k, h->keys[c]) == 0;
		free(k);
	}
	return same && nonempty >= 2;
}

/* "(1) (2) (3)" or "1 2 3": a row that numbers the columns. */
static int
numbers_columns(const struct tgrid *g, int r)
{
	const char *t;
	int c, n = 0, v, want = 1;

	for (c = 0; c < g->rows[r].n; c++) {
		t = tgrid_cell(g, r, c)->text;
		if (*t == '\0')
			continue;
		if (*t == '(')
			t++;
		v = atoi(t);
		while (isdigit((unsigned char)*t))
			t++;
		if (*t == ')')
			t++;
		if (*t != '\0' || v != want)
			return 0;
		want++;
		n++;
	}
	return n >= 3;
}

static void
why(struct tab_row *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
why(struct tab_row *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = xstrdup("?");
	va_end(ap);
	r->why = xreallocarray(r->why, r->nwhy + 1, sizeof(char *));
	r->why[r->nwhy++] = s;
}

static void
note(struct tab_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct tab_table *t, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = xstrdup("?");
	va_end(ap);
	t->notes = xreallocarray(t->notes, t->nnotes + 1, sizeof(char *));
	t->notes[t->nnotes++] = s;
}

static void
append(char **cell, const char *more)
{
	char *n;

	if (more == NULL || *more == '\0')
		return;
	if (*cell == NULL) {
		*cell = xstrdup(more);
		return;
	}
	xasprintf(&n, "%s\n%s", *cell, more);
	free(*cell);
	*cell = n;
}

static void
add_note(char **note_, const char *header, const char *value)
{
	char *n;

	if (value == NULL || *value == '\0')
		return;
	xasprintf(&n, "%s%s%s: %s", *note_ ? *note_ : "", *note_ ? "; " : "",
	    header, value);
	free(*note_);
	*note_ = n;
}

/* "I", "II.", "IV)", "A", "b." : a heading's numeral. */
static int
is_numeral(const char *p)
{
	int n = 0;

	while (*p == ' ')
		p++;
	if (isupper((unsigned char)*p) && strchr("IVXLC", *p) == NULL &&
	    (p[1] == '\0' || p[1] == '.' || p[1] == ')') &&
	    (p[1] == '\0' || p[2] == '\0' || p[2] == ' '))
		return 1;
	for (; *p != '\0' && strchr("IVXLC", *p) != NULL; p++)
		n++;
	if (*p == '.' || *p == ')')
		p++;
	return n > 0 && *p == '\0';
}

/* A heading's text beginning with its numeral: "II. Tuyên truyền". */
static int
starts_numeral(const char *p)
{
	const char *q = p;

	while (*q != '\0' && strchr("IVXLC", *q) != NULL)
		q++;
	if (q > p && (*q == '.' || *q == ')') && q[1] == ' ')
		return 1;
	return isupper((unsigned char)p[0]) && (p[1] == '.' || p[1] == ')') &&
	    p[2] == ' ';
}

/* Whether TEXT starts lower case: the rest of a sentence cut above. */
static int
starts_lower(const char *t)
{
	ucs4_t uc;

	while (*t == ' ' || *t == '\n')
		t++;
	if (*t == '\0' || u8_strmbtouc(&uc, (const uint8_t *)t) <= 0)
		return 0;
	return uc_is_lower(uc);
}

/* "….........": the copy left rows out here. */
static int
elision(const char *t)
{
	int dots = 0;

	for (; *t != '\0'; t++) {
		if (*t == '.')
			dots++;
		else if (strncmp(t, "…", strlen("…")) == 0) {
			dots += 3;
			t += strlen("…") - 1;
		} else if (*t != ' ')
			return 0;
	}
	return dots >= 3;
}

/* The squeezed copy of a cell, or NULL when empty. */
static char *
cell_dup(const char *s)
{
	char *c;

	if (s == NULL || *s == '\0')
		return NULL;
	c = xstrdup(s);
	while (*c == ' ' || *c == '\n') {
		memmove(c, c + 1, strlen(c));
	}
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

/* A TT as a reference: "1." and "1)" are "1". */
static char *
ref_dup(const char *s)
{
	char *c = cell_dup(s);
	size_t n;

	if (c == NULL)
		return NULL;
	csv_squeeze(c);
	n = strlen(c);
	while (n > 1 && (c[n - 1] == '.' || c[n - 1] == ')'))
		c[--n] = '\0';
	return c;
}

#define t_index(w)	((w)->t->n - 1)

struct walk {
	struct tab_table *t;
	const struct tbook *b;
	struct hdr	*h;
	int		 structured;	/* a document: merges are known */
	char		*section;
	int		 parent;	/* index of the last numbered row */
	int		 nsub;		/* sub-tasks under it */
	int		 autonum;	/* TT numbered by Word's lists so far */
	/* The row above, resolved: the grid's own text, which outlives
	 * the walk, so nothing is copied for each row. */
	const char	*prev[TG_MAX_COLS];
	int		 last;		/* index of the last task row, -1 */
};

static struct tab_row *
new_row(struct walk *w, const struct tgrid *g, int r)
{
	struct tab_table *t = w->t;
	struct tab_row *row;

	t->rows = xgrowarray(t->rows, t->n, sizeof(*t->rows));
	row = &t->rows[t->n++];
	memset(row, 0, sizeof(*row));
	row->line = g->rows[r].line;
	row->table = g->name;
	return row;
}

/* One data row of grid G. */
static void
walk_row(struct walk *w, const struct tgrid *g, int r)
{
	const struct hdr *h = w->h;
	const struct tcell *cell;
	const char *val[TG_MAX_COLS];
	int merged[TG_MAX_COLS], spanned[TG_MAX_COLS];
	int ncols = g->ncols < TG_MAX_COLS ? g->ncols : TG_MAX_COLS;
	int c, k, nonempty = 0, own_cells = 0, first = -1, full;
	int own_title, own_lead, own_when, refc;
	struct tab_row *row, *p;
	const char *ref;
	char autoref[16];
	int autonumbered = 0;

	for (c = 0; c < ncols; c++) {
		cell = tgrid_cell(g, r, c);
		merged[c] = cell != NULL && (cell->flags & TC_MERGED_UP);
		spanned[c] = cell != NULL && (cell->flags & TC_SPANNED) &&
		    !merged[c];
		if (merged[c])
			val[c] = w->prev[c];
		else
			val[c] = cell != NULL && cell->text[0] ? cell->text :
			    NULL;
		if (val[c] != NULL)
			nonempty++;
		if (!merged[c] && !spanned[c] && val[c] != NULL) {
			own_cells++;
			if (first == -1)
				first = c;
		}
	}
	if (own_cells == 0)
		return;		/* empty, or only merged cells */
	if (own_cells == 1 && elision(val[first])) {
		note(w->t, "%s%srow %d: an elision (\"…\") in the published "
		    "copy: rows or a heading may be missing here",
		    g->name ? g->name : "", g->name ? " " : "",
		    g->rows[r].line);
		return;
	}
	if (same_header(g, r, h)) {
		note(w->t, "%s%srow %d: the header repeated (a page break), "
		    "skipped", g->name ? g->name : "", g->name ? " " : "",
		    g->rows[r].line);
		return;
	}
	refc = h->colof[T_REF];
	ref = refc >= 0 && !merged[refc] ? val[refc] : NULL;
	own_title = val[h->colof[T_TITLE]] && !merged[h->colof[T_TITLE]];
	own_lead = val[h->colof[T_LEAD]] && !merged[h->colof[T_LEAD]];
	own_when = val[h->colof[T_WHEN]] && !merged[h->colof[T_WHEN]];
	/* Word numbers the TT column itself: the number is not in the
	 * text, and is counted here as Word counts it (task rows only: a
	 * heading's numeral belongs to another list). */
	cell = refc >= 0 ? tgrid_cell(g, r, refc) : NULL;
	if (ref == NULL && cell != NULL && (cell->flags & TC_AUTONUM) &&
	    !merged[refc] && own_title && (own_lead || own_when)) {
		snprintf(autoref, sizeof(autoref), "%d", ++w->autonum);
		ref = autoref;
		autonumbered = 1;
	}

	/* A heading: one cell over the whole width, or a numeral in TT. */
	full = own_cells == 1 && w->structured;
	for (c = first + 1; full && c < ncols; c++)
		full = spanned[c] || merged[c];
	full = full && first >= 0 && (first + 1 < ncols || ncols == 1);
	if (full || (own_cells == 1 && !own_lead && !own_when &&
	    starts_numeral(val[first])) || (ref != NULL && is_numeral(ref) &&
	    !own_lead && !own_when)) {
		row = new_row(w, g, r);
		row->heading = 1;
		free(w->section);
		if (ref != NULL && is_numeral(ref) && own_title)
			xasprintf(&w->section, "%s %s", ref,
			    val[h->colof[T_TITLE]]);
		else
			w->section = xstrdup(val[first]);
		csv_squeeze(w->section);
		row->section = xstrdup(w->section);
		why(row, _("row %d: heading: the section of the rows below"),
		    row->line);
		goto remember;
	}
	if (ref == NULL && w->last >= 0 && !w->structured &&
	    (!own_title || starts_lower(val[h->colof[T_TITLE]]) ||
	    (!own_lead && !own_when))) {
		/* A continuation: its text goes on in the row above. */
		p = &w->t->rows[w->last];
		for (k = 0; k < T_NCOLS; k++)
			if (h->colof[k] >= 0 && k != T_REF)
				append(&p->v[k], val[h->colof[k]]);
		for (k = 0; k < h->nextra; k++)
			add_note(&p->v[T_NOTE], tgrid_cell(g, h->row,
			    h->extra[k])->text, val[h->extra[k]]);
		why(p, _("row %d: continues row %d (text only, as a page break "
		    "or a paste cuts a row)"), g->rows[r].line, p->line);
		goto remember;
	}
	row = new_row(w, g, r);
	row->section = w->section ? xstrdup(w->section) : NULL;
	for (k = 0; k < T_NCOLS; k++)
		if (h->colof[k] >= 0 && k != T_REF)
			row->v[k] = cell_dup(val[h->colof[k]]);
	for (k = 0; k < h->nextra; k++)
		add_note(&row->v[T_NOTE], tgrid_cell(g, h->row,
		    h->extra[k])->text, val[h->extra[k]]);
	for (k = 0; k < T_NCOLS; k++)
		if (k != T_REF && h->colof[k] >= 0 && merged[h->colof[k]] &&
		    val[h->colof[k]] != NULL)
			why(row, _("row %d: %s merged with the row above: the "
			    "same as above"), row->line, tcol_name(k));
	if (ref != NULL || refc < 0 || w->parent < 0) {
		row->v[T_REF] = ref_dup(ref);
		if (autonumbered)
			why(row, _("row %d: TT numbered by Word's list: %s"),
			    row->line, ref);
		w->parent = t_index(w);
		w->nsub = 0;
		if (ref == NULL && refc >= 0)
			why(row, _("row %d: no TT and no numbered row above: a "
			    "task without a reference"), row->line);
	} else {
		p = &w->t->rows[w->parent];
		row->subtask = 1;
		row->parent = w->parent;
		row->own = (own_lead ? 1 : 0) | (own_when ? 2 : 0);
		w->nsub++;
		/* The numbered row is "a"; its letter is given once the
		 * numbering of the whole table is known (finish()). */
		if (p->v[T_REF] != NULL)
			xasprintf(&row->v[T_REF], "%s.%c", p->v[T_REF],
			    'a' + (w->nsub < 25 ? w->nsub : 25));
		/* In text a merged cell came out empty: the parent's. */
		if (!w->structured && row->v[T_LEAD] == NULL &&
		    p->v[T_LEAD] != NULL) {
			row->v[T_LEAD] = xstrdup(p->v[T_LEAD]);
			why(row, _("row %d: no lead: the numbered row's (a "
			    "merged cell in the source?)"), row->line);
		}
		if (!w->structured && row->v[T_WHEN] == NULL &&
		    p->v[T_WHEN] != NULL) {
			row->v[T_WHEN] = xstrdup(p->v[T_WHEN]);
			why(row, _("row %d: no timing: the numbered row's (a "
			    "merged cell in the source?)"), row->line);
		}
	}
	w->last = t_index(w);
remember:
	for (c = 0; c < ncols; c++)
		w->prev[c] = val[c];
}

static const struct tab_table *sort_table;

static int
by_ref(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b, c;

	c = strcmp(sort_table->rows[i].v[T_REF], sort_table->rows[j].v[T_REF]);
	return c != 0 ? c : i - j;
}

/*
 * The rows from FROM with a reference (and, with NEED_TITLE, a content),
 * headings left out, sorted by reference then by order: equal references
 * side by side in n log n, for a table of a million rows.
 */
static int *
sorted_refs(const struct tab_table *t, int from, int need_title, int *m)
{
	int *idx = xcalloc(t->n - from + 1, sizeof(int)), i;

	*m = 0;
	for (i = from; i < t->n; i++)
		if (!t->rows[i].heading && t->rows[i].v[T_REF] != NULL &&
		    (!need_title || t->rows[i].v[T_TITLE] != NULL))
			idx[(*m)++] = i;
	sort_table = t;
	qsort(idx, *m, sizeof(int), by_ref);
	return idx;
}

/*
 * Numbering that restarts in each section: "II.1", not a second "1".
 * Returns whether any reference was there twice; when none was, finish
 * need not look for one again.
 */
static int
qualify_refs(struct tab_table *t, int from)
{
	char *s, num[16];
	int *idx, i, m, dup = 0;
	size_t n;

	idx = sorted_refs(t, from, 0, &m);
	for (i = 1; i < m && !dup; i++)
		dup = strcmp(t->rows[idx[i]].v[T_REF],
		    t->rows[idx[i - 1]].v[T_REF]) == 0;
	free(idx);
	if (!dup)
		return 0;
	for (i = from; i < t->n; i++) {
		if (t->rows[i].heading || t->rows[i].v[T_REF] == NULL ||
		    t->rows[i].section == NULL)
			continue;
		n = strcspn(t->rows[i].section, ".) ");
		if (n == 0 || n >= sizeof(num))
			continue;
		snprintf(num, sizeof(num), "%.*s", (int)n, t->rows[i].section);
		if (!is_numeral(num))
			continue;
		xasprintf(&s, "%s.%s", num, t->rows[i].v[T_REF]);
		free(t->rows[i].v[T_REF]);
		t->rows[i].v[T_REF] = s;
	}
	note(t, _("the numbering restarts in each section: references are "
	    "written with the section's numeral (II.1)"));
	return 1;
}

/* The first words of a grid, to say what a table is about. */
static void
grid_sample(const struct tgrid *g, char *out, size_t len)
{
	int r, c;

	out[0] = '\0';
	for (r = 0; r < g->nrows && out[0] == '\0'; r++)
		for (c = 0; c < g->rows[r].n && out[0] == '\0'; c++)
			if (tgrid_cell(g, r, c)->text[0] != '\0')
				snprintf(out, len, "%.60s",
				    tgrid_cell(g, r, c)->text);
	csv_squeeze(out);
}

/*
 * A second header row under labels merged over several columns ("Thời
 * gian" over "Bắt đầu", "Hoàn thành"): no TT, no content, short labels.
 * The timing is then the column that says when the task ends.
 */
static int
subheader(struct walk *w, const struct tgrid *g, int r)
{
	struct hdr *h = w->h;
	const struct tcell *cell;
	char *k;
	int c, n = 0, under = 0, wc = h->colof[T_WHEN];

	for (c = 0; c < g->rows[r].n; c++) {
		cell = tgrid_cell(g, r, c);
		if (cell->text[0] == '\0')
			continue;
		if (c == h->colof[T_REF] || c == h->colof[T_TITLE] ||
		    strlen(cell->text) > 40)
			return 0;
		n++;
		if (tgrid_cell(g, h->row, c) != NULL &&
		    (tgrid_cell(g, h->row, c)->flags & TC_SPANNED))
			under = 1;
	}
	if (n == 0 || !under)
		return 0;
	for (c = wc; c >= 0 && c < g->rows[r].n && (c == wc ||
	    (tgrid_cell(g, h->row, c) != NULL &&
	    (tgrid_cell(g, h->row, c)->flags & TC_SPANNED))); c++) {
		k = csv_header_key(tgrid_cell(g, r, c)->text);
		if (strstr(k, "hoan thanh") != NULL || strstr(k, "ket thuc") !=
		    NULL || strstr(k, "thoi han") != NULL || strncmp(k, "den",
		    3) == 0)
			h->colof[T_WHEN] = c;
		free(k);
	}
	note(w->t, "%s%srow %d: a second header row, skipped%s",
	    g->name ? g->name : "", g->name ? " " : "", g->rows[r].line,
	    h->colof[T_WHEN] != wc ? "; the timing is the column that says "
	    "when the task ends" : "");
	return 1;
}

static void
walk_grid(struct walk *w, const struct tgrid *g, int from)
{
	int r, start = from;

	for (r = from; r < g->nrows; r++) {
		if (r == start && subheader(w, g, r)) {
			start++;
			continue;
		}
		if (r == start && numbers_columns(g, r)) {
			note(w->t, "%s%srow %d: numbers the columns, skipped",
			    g->name ? g->name : "", g->name ? " " : "",
			    g->rows[r].line);
			continue;
		}
		walk_row(w, g, r);
	}
}

/*
 * Once the references are final: each sub-task's decision, and a
 * reference given twice in one table (numbering that goes wrong, as
 * after an elision) is a problem of the later row, never a silent
 * update of the earlier task.  Without DUPS (qualify_refs found every
 * reference once, and so left them as they were) there is none to find.
 */
static void
finish(struct tab_table *t, int from, int dups)
{
	struct tab_row *row, *p;
	char *s;
	int *idx, i, k, m, first = 0;

	for (i = from; i < t->n; i++) {
		row = &t->rows[i];
		if (row->subtask) {
			p = &t->rows[row->parent];
			xasprintf(&s, _("row %d: sub-task of %s%s%s%s"),
			    row->line, p->v[T_REF] ? p->v[T_REF] :
			    _("the row above"), row->own == 3 ? _(", own lead "
			    "and timing") : row->own == 1 ? _(", own lead") :
			    row->own == 2 ? _(", own timing") : _(", lead and "
			    "timing as above"), row->v[T_REF] ? ": " : "",
			    row->v[T_REF] ? row->v[T_REF] : "");
			row->why = xreallocarray(row->why, row->nwhy + 1,
			    sizeof(char *));
			for (k = row->nwhy; k > 0; k--)
				row->why[k] = row->why[k - 1];
			row->why[0] = s;
			row->nwhy++;
		}
	}
	if (!dups)
		return;
	idx = sorted_refs(t, from, 1, &m);
	for (i = 0; i < m; i++) {
		if (i == 0 || strcmp(t->rows[idx[i]].v[T_REF],
		    t->rows[idx[first]].v[T_REF]) != 0) {
			first = i;
			continue;
		}
		row = &t->rows[idx[i]];
		free(row->problem);
		xasprintf(&row->problem, _("TT \"%s\" is also row %d's: the "
		    "numbering goes wrong here (a heading or rows missing?); "
		    "not guessed"), row->v[T_REF], t->rows[idx[first]].line);
	}
	free(idx);
}

int
tab_table_build(const struct tbook *b, int table_no, struct tab_table *t,
    char *err, size_t errlen)
{
	struct hdr h, h2;
	struct walk w;
	const struct tgrid *g;
	char sample[80], list[600];
	size_t o;
	int i, r, c, found = 0, in_group = 0, group_cols = 0, from = 0, ntask = 0;
	int dups;

	memset(t, 0, sizeof(*t));
	memset(&w, 0, sizeof(w));
	memset(&h, 0, sizeof(h));
	w.t = t;
	w.b = b;
	w.structured = b->format != TG_TEXT;
	if (b->rejoined > 0)
		note(t, _("%d row(s) cut at line breaks inside cells (a table "
		    "pasted from Word) put back together"), b->rejoined);
	for (i = 0; i < b->n; i++) {
		g = &b->g[i];
		if ((r = find_header(g, &h2)) >= 0) {
			if (in_group && group_cols == g->ncols &&
			    same_header(g, r, &h) && table_no == 0) {
				note(t, _("%s repeats the header of the table "
				    "above: read as its continuation"),
				    g->name);
				hdr_free(&h2);
				walk_grid(&w, g, r + 1);
				continue;
			}
			if (table_no > 0 && g->index != table_no) {
				hdr_free(&h2);
				in_group = 0;
				continue;
			}
			if (in_group) {
				finish(t, from, qualify_refs(t, from));
			}
			hdr_free(&h);
			h = h2;
			w.h = &h;
			in_group = 1;
			group_cols = g->ncols;
			ntask++;
			found++;
			from = t->n;
			free(w.section);
			w.section = NULL;
			w.parent = w.last = -1;
			for (c = 0; c < TG_MAX_COLS; c++)
				w.prev[c] = NULL;
			if (g->name != NULL)
				note(t, _("%s: a task table (header in row "
				    "%d)"), g->name, g->rows[r].line);
			for (c = 0; c < r; c++)
				note(t, _("%s%srow %d: above the header (a "
				    "title), skipped"), g->name ? g->name : "",
				    g->name ? " " : "", g->rows[c].line);
			for (c = 0; c < h.nextra; c++)
				note(t, _("column \"%s\" kept as a note"),
				    tgrid_cell(g, r, h.extra[c])->text);
			walk_grid(&w, g, r + 1);
		} else if (in_group && g->ncols == group_cols && g->nrows > 0 &&
		    b->format == TG_DOCX) {
			note(t, _("%s has no header but the same %d columns as "
			    "the table above: read as its continuation"),
			    g->name, g->ncols);
			walk_grid(&w, g, 0);
		} else
			in_group = 0;
	}
	if (found > 0) {
		dups = qualify_refs(t, from);
		finish(t, from, dups);
		t->refs_once = found == 1 && !dups;
	}
	if (ntask > 1)
		note(t, _("%d task tables read; --table N reads only one"),
		    ntask);
	hdr_free(&h);
	free(w.section);
	if (found > 0)
		return 0;
	o = 0;
	list[0] = '\0';
	for (i = 0; i < b->n && o < sizeof(list) - 1; i++) {
		grid_sample(&b->g[i], sample, sizeof(sample));
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s%s(%d "
		    "columns: \"%s\")", o ? "; " : "", b->g[i].name ?
		    b->g[i].name : "", b->g[i].name ? " " : "", b->g[i].ncols,
		    sample);
	}
	if (table_no > 0 && table_no > b->n)
		snprintf(err, errlen, "--table %d: the document has %d "
		    "table(s) (tài liệu chỉ có %d bảng)", table_no, b->n, b->n);
	else if (table_no > 0)
		snprintf(err, errlen, "--table %d is no task table: it needs "
		    "the columns \"Nội dung\", \"Cơ quan chủ trì\" and \"Thời "
		    "gian thực hiện\" (bảng %d không có các cột này): %s",
		    table_no, table_no, list);
	else
		snprintf(err, errlen, "no task table: none has the columns "
		    "\"Nội dung\", \"Cơ quan chủ trì\" and \"Thời gian thực "
		    "hiện\" (content, lead, timing) in its first %d rows "
		    "(không tìm thấy bảng nhiệm vụ); found: %s", HEADER_ROWS,
		    b->n ? list : "no table");
	tab_table_free(t);
	return -1;
}

void
tab_table_free(struct tab_table *t)
{
	int i, k;

	for (i = 0; i < t->n; i++) {
		for (k = 0; k < T_NCOLS; k++)
			free(t->rows[i].v[k]);
		free(t->rows[i].section);
		free(t->rows[i].problem);
		for (k = 0; k < t->rows[i].nwhy; k++)
			free(t->rows[i].why[k]);
		free(t->rows[i].why);
	}
	free(t->rows);
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	memset(t, 0, sizeof(*t));
}
