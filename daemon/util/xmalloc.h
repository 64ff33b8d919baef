/*
 * xmalloc.h: allocation wrappers that never return NULL.  Running out of
 * memory in the daemon is fatal: there is no sane partial state to keep.
 */
#ifndef NV_XMALLOC_H
#define NV_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
void	*xgrowarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
