/*
 * memo.c: a bounded map from a cell's text to a copy of what reading it
 * gave, on glibc's hsearch_r.  The readings kept are pure functions of the
 * text (and of what stays fixed for one import), so a hit is exactly what
 * reading again would give.
 */
#include <search.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "xmalloc.h"

struct blob {
	size_t		 len;
	unsigned char	 data[];
};

struct memo {
	struct hsearch_data h;
	char		**keys;		/* what to free */
	struct blob	**blobs;
	size_t		 n, max;
	size_t		 bytes, maxbytes;
};

struct memo *
memo_new(size_t max, size_t maxbytes)
{
	struct memo *m = xcalloc(1, sizeof(*m));

	m->max = max;
	m->maxbytes = maxbytes;
	m->keys = xcalloc(max, sizeof(*m->keys));
	m->blobs = xcalloc(max, sizeof(*m->blobs));
	/* hsearch wants room to spare: a quarter more than it will hold. */
	if (hcreate_r(max + max / 4 + 1, &m->h) == 0) {
		free(m->keys);
		free(m->blobs);
		free(m);
		return NULL;
	}
	return m;
}

void
memo_free(struct memo *m)
{
	size_t i;

	if (m == NULL)
		return;
	hdestroy_r(&m->h);
	for (i = 0; i < m->n; i++) {
		free(m->keys[i]);
		free(m->blobs[i]);
	}
	free(m->keys);
	free(m->blobs);
	free(m);
}

const void *
memo_get(struct memo *m, const char *key, size_t *len)
{
	ENTRY e, *found;
	struct blob *b;

	if (m == NULL)
		return NULL;
	e.key = (char *)key;
	e.data = NULL;
	if (hsearch_r(e, FIND, &found, &m->h) == 0)
		return NULL;
	b = found->data;
	*len = b->len;
	return b->data;
}

void
memo_put(struct memo *m, const char *key, const void *data, size_t len)
{
	ENTRY e, *found;
	struct blob *b;

	if (m == NULL || m->n == m->max || len > m->maxbytes - m->bytes)
		return;
	b = xmalloc(sizeof(*b) + len);
	b->len = len;
	memcpy(b->data, data, len);
	e.key = xstrdup(key);
	e.data = b;
	if (hsearch_r(e, ENTER, &found, &m->h) == 0 || found->data != b) {
		/* No room, or the key was there already. */
		free(e.key);
		free(b);
		return;
	}
	m->keys[m->n] = e.key;
	m->blobs[m->n++] = b;
	m->bytes += len;
}
