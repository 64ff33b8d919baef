/*
 * tgrid.h: a table as a source gives it, before anything is made of its
 * rows: the cells of a Word table, an Excel sheet or a CSV/TSV file, with
 * what the document says about merged cells kept, since a merged cell
 * and an empty one mean different things to the reader of a plan.
 */
#ifndef NV_TGRID_H
#define NV_TGRID_H

#include <stddef.h>

/*
 * Limits that keep a hostile or broken document from taking the machine.
 * They hold for Word and Excel files, where no plan comes near them; a
 * CSV file may be a bulk import of a million rows, and is held only to
 * TG_MAX_TEXTFILE and TG_MAX_COLS.
 */
#define TG_MAX_ROWS	50000		/* rows of all tables together */
#define TG_MAX_COLS	64
#define TG_MAX_CELL	(32 * 1024)	/* bytes of text in one cell */
#define TG_MAX_TEXT	(32 * 1024 * 1024) /* bytes of text in all cells */
#define TG_MAX_FILE	(64 * 1024 * 1024) /* bytes of a .docx or .xlsx */
#define TG_MAX_TEXTFILE	(1024 * 1024 * 1024) /* bytes of a CSV file */
#define TG_MAX_MEMBER	(96 * 1024 * 1024) /* bytes unpacked from one part */
#define TG_MAX_TABLES	500

#define TC_MERGED_UP	0x1	/* continues the cell above (vMerge, mergeCells) */
#define TC_SPANNED	0x2	/* covered by the cell to its left (gridSpan) */
#define TC_AUTONUM	0x4	/* docx: a paragraph numbered by Word's lists */

struct tcell {
	char		*text;		/* never NULL; paragraphs joined by \n */
	unsigned	 flags;
};

/* The text of every empty cell (never freed), and freeing a cell's. */
extern char	 tg_empty[1];
void		 tcell_free(struct tcell *);

struct tgrow {
	struct tcell	*c;
	int		 n, cap;
	int		 line;		/* row in the source, 1 = first */
	int		 repeat_header;	/* docx: marked to repeat on each page */
};

enum tg_format { TG_TEXT, TG_DOCX, TG_XLSX };

struct tgrid {
	char		*name;		/* "bảng 2" / "sheet Phụ lục" / NULL */
	int		 index;		/* 1-based among the source's tables */
	struct tgrow	*rows;
	int		 nrows;
	int		 ncols;		/* the widest row */
};

struct tbook {
	enum tg_format	 format;
	struct tgrid	*g;
	int		 n;
	size_t		 text;		/* bytes of cell text, for TG_MAX_TEXT */
	int		 rows;		/* rows of all grids, for TG_MAX_ROWS */
	char		 delim;		/* TG_TEXT: ',', ';' or '\t' */
	int		 rejoined;	/* TG_TEXT: rows put back together */
};

/* A cell's text while it is read; stops growing past TG_MAX_CELL. */
struct tgbuf {
	char		*p;
	size_t		 n, cap;
	int		 over;		/* something was dropped: too long */
};
void		 tgbuf_add(struct tgbuf *, const char *, size_t);
void		 tgbuf_reset(struct tgbuf *);
/* Trailing spaces and line breaks dropped, runs of blank lines made one. */
void		 tgbuf_trim(struct tgbuf *);

struct tgrid	*tbook_add_grid(struct tbook *, const char *name);
/* A new row at the end of G; -1 (ERR says so) past TG_MAX_ROWS. */
int		 tbook_add_row(struct tbook *, struct tgrid *, int line,
		    char *err, size_t errlen);
/* Puts TEXT (copied, LEN bytes) at column COL of G's last row. */
int		 tbook_take_cell(struct tbook *, struct tgrid *, int col,
		    char *text, char *err, size_t errlen);
/* The same, taking TEXT (malloc'd) rather than copying it. */
int		 tbook_set_cell(struct tbook *, struct tgrid *, int col,
		    const char *text, size_t len, unsigned flags, char *err,
		    size_t errlen);
/* The cell at ROW, COL, or NULL past the row's end. */
const struct tcell *tgrid_cell(const struct tgrid *, int row, int col);
/*
 * The cells alone, once a table has its own copies: the memory goes to
 * what comes next (an import's page cache) rather than fresh pages.  The
 * grids' names stay, which the table's rows point to.
 */
void		 tbook_free_cells(struct tbook *);
void		 tbook_free(struct tbook *);
const char	*tg_format_name(enum tg_format);

#endif
