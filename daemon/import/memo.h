/*
 * memo.h: remembering what a pure reading gave for a cell's text, so a
 * large table whose cells repeat ("Quý III/2027", "Sở Tài chính") is
 * read once per distinct text, not once per row.
 */
#ifndef NV_MEMO_H
#define NV_MEMO_H

#include <stddef.h>

struct memo;

/*
 * A memo of at most MAX texts and MAXBYTES bytes of readings; past that,
 * texts are read every time.
 */
struct memo	*memo_new(size_t max, size_t maxbytes);
void		 memo_free(struct memo *);
/* What was kept for KEY, with its size in *LEN; NULL if nothing. */
const void	*memo_get(struct memo *, const char *key, size_t *len);
/* Keeps a copy of LEN bytes at DATA for KEY (not kept when full). */
void		 memo_put(struct memo *, const char *key, const void *data,
		    size_t len);

#endif
