/*
 * tstruct.h: what the rows of a plan's table are: the header found by its
 * labels, section headings, numbered tasks, sub-task rows with their own
 * reference, continuation rows joined to the row above, and merged cells
 * read as "the same as above".  Each decision is kept for the dry run.
 */
#ifndef NV_TSTRUCT_H
#define NV_TSTRUCT_H

#include <stddef.h>

struct tbook;

/* T_NOTE gathers the columns no other one reads, as "Header: value". */
enum tcol { T_REF, T_TITLE, T_SHORT, T_FORM, T_LEAD, T_COOP, T_WHEN,
    T_QUOTA, T_NOTE, T_NCOLS };

struct tab_row {
	int		 line;		/* row of its table or file */
	const char	*table;		/* "bảng 2", "sheet X"; NULL for text */
	char		*v[T_NCOLS];	/* NULL or the cell, merges resolved */
	char		*section;	/* the heading above it, or NULL */
	int		 heading;	/* a section heading, not a task */
	int		 subtask;	/* a row of its own under a numbered one */
	int		 parent;	/* subtask: index of its numbered row */
	int		 own;		/* subtask: 1 own lead, 2 own timing */
	char		*problem;	/* why the row cannot be read, or NULL */
	char		**why;		/* the decisions about this row */
	int		 nwhy;
};

struct tab_table {
	struct tab_row	*rows;
	int		 n;
	char		**notes;	/* decisions about the whole source */
	int		 nnotes;
	int		 refs_once;	/* one task table, no reference twice */
};

/*
 * The task rows of B: every task table of a document (or only the one
 * with TABLE_NO, counted from 1, when TABLE_NO > 0).  0, or -1 with ERR
 * naming the problem (no task header; what the tables found hold).
 */
int		 tab_table_build(const struct tbook *, int table_no,
		    struct tab_table *, char *err, size_t errlen);
void		 tab_table_free(struct tab_table *);
const char	*tcol_name(enum tcol);

#endif
