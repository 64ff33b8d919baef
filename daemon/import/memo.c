/*
 * memo.c: a bounded map from a cell's text to a copy of what reading it
 * gave, on glibc's hsearch_r.  The readings kept are pure functions of the
 * text (and of what stays fixed for one import), so a hit is exactly what
 * reading again would give.
 *
 * hsearch_r hashes only a key's first eight bytes (each earlier byte is
 * shifted out), and a plan's cells share their openings: "Sở số 17" and
 * "Sở số 18", "trước ngày 12/3/2027" and "trước ngày 13/3/2027" fall on
 * one slot and are told apart by strcmp along the chain, a twentieth of
 * a large import.  So each key is stored and sought behind eight hex
 * digits of its FNV-1a hash.
 */
#include <search.h>
#include <stdint.h>
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

/*
 * KEY behind its hash, in BUF (LEN bytes) when it fits, else allocated
 * (*FREE says so).
 */
static char *
hashed(const char *key, char *buf, size_t len, char **free_me)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	uint32_t h = 2166136261u;
	size_t n = strlen(key);
	int i;

	for (p = (const unsigned char *)key; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	*free_me = NULL;
	if (n + 9 > len)
		buf = *free_me = xmalloc(n + 9);
	for (i = 7; i >= 0; i--, h >>= 4)
		buf[i] = hex[h & 0xf];
	memcpy(buf + 8, key, n + 1);
	return buf;
}

const void *
memo_get(struct memo *m, const char *key, size_t *len)
{
	ENTRY e, *found;
	struct blob *b;
	char buf[256], *big;
	int rc;

	if (m == NULL)
		return NULL;
	e.key = hashed(key, buf, sizeof(buf), &big);
	e.data = NULL;
	rc = hsearch_r(e, FIND, &found, &m->h);
	free(big);
	if (rc == 0)
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
	char buf[256], *big;

	if (m == NULL || m->n == m->max || len > m->maxbytes - m->bytes)
		return;
	b = xmalloc(sizeof(*b) + len);
	b->len = len;
	memcpy(b->data, data, len);
	e.key = hashed(key, buf, sizeof(buf), &big);
	if (big == NULL)
		e.key = xstrdup(buf);
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
