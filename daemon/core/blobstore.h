/*
 * blobstore.h: files people send through the web pages, kept under the
 * state directory by the SHA-256 of their bytes: the same file sent
 * twice is stored once, and a digest names exactly one content.
 */
#ifndef NV_BLOBSTORE_H
#define NV_BLOBSTORE_H

#include <stddef.h>

#define BLOB_HEX	65		/* 64 hex digits and the NUL */

/*
 * Stores DATA (LEN bytes) as STATE_DIR/blobs/XX/DIGEST, written to a
 * temporary file and renamed, mode 0600.  SHA_HEX gets the digest.
 * 0, or -1 with errno set.
 */
int	blob_put(const char *state_dir, const void *data, size_t len,
	    char sha_hex[BLOB_HEX]);
/*
 * The path of the blob SHA_HEX into BUF; -1 if SHA_HEX is not 64
 * lower-case hex digits (it may come from a form) or BUF is too small.
 * Whether the file exists is the caller's to find out.
 */
int	blob_path(const char *state_dir, const char *sha_hex, char *buf,
	    size_t len);

#endif
