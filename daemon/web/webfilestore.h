/*
 * webfilestore.h: reading back a file kept by its digest (core's
 * blobstore.c writes them) before it is served: the bytes must still
 * have that digest, so a file altered or cut short on disk is refused,
 * never sent.
 */
#ifndef NV_WEBFILESTORE_H
#define NV_WEBFILESTORE_H

#include <stddef.h>

struct evbuffer;

/*
 * Appends blob SHA to OUT after checking its bytes still have that
 * digest: 0, -1 with ERR, in English for the log (not a digest,
 * absent, unreadable, altered).
 */
int	web_file_get(const char *state_dir, const char *sha,
	    struct evbuffer *out, char *err, size_t errlen);

#endif
