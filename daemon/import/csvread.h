/*
 * csvread.h: reading a spreadsheet saved as CSV or TSV into rows of
 * cells, with the checks that turn a bad file into a clear message.
 */
#ifndef NV_CSVREAD_H
#define NV_CSVREAD_H

#include <stddef.h>

struct csv_table {
	char		***rows;	/* rows[r][c], NUL-terminated cells */
	int		*ncells;
	int		 nrows;
	char		 delim;		/* ',', ';' or '\t' */
};

/* 0, or -1 with ERR as "FILE: reason" (not UTF-8, empty, truncated). */
int	csv_read_file(const char *path, struct csv_table *, char *err,
	    size_t errlen);
int	csv_read_mem(const char *name, const char *data, size_t len,
	    struct csv_table *, char *err, size_t errlen);
void	csv_table_free(struct csv_table *);
/* A header cell reduced for matching: folded, lower case, squeezed. */
char	*csv_header_key(const char *);
/* A cell as one line: runs of spaces and line breaks become one space. */
void	csv_squeeze(char *);

#endif
