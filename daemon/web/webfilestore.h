/*
 * webfilestore.h: the files sent with reports, kept by content under the
 * state directory: STATE_DIR/files/ab/cdef... where abcdef... is the
 * SHA-256 of the bytes.  The same file sent twice is kept once, a name
 * can never reach outside the folder (it is a digest, checked), and a
 * file is complete or absent: written aside, synced, then renamed.
 */
#ifndef NV_WEBFILESTORE_H
#define NV_WEBFILESTORE_H

#include <stddef.h>

struct evbuffer;

#define WEB_SHA_HEX	65	/* 64 hex digits and the NUL */

/* The SHA-256 of DATA, in lower-case hex. */
void	web_sha256_hex(const char *data, size_t len, char out[WEB_SHA_HEX]);
/* Whether S is 64 lower-case hex digits. */
int	web_sha_ok(const char *s);
/* Where SHA lives under STATE_DIR, into BUF; NULL if SHA is not one. */
const char *web_file_path(const char *state_dir, const char *sha,
	    char *buf, size_t len);
/*
 * Stores DATA durably and sets SHA: 0, or -1 with ERR (for the log,
 * in English, naming the path).
 */
int	web_file_put(const char *state_dir, const char *data, size_t len,
	    char sha[WEB_SHA_HEX], char *err, size_t errlen);
/*
 * Appends file SHA to OUT after checking its bytes still have that
 * digest: 0, -1 with ERR (absent, unreadable, altered).
 */
int	web_file_get(const char *state_dir, const char *sha,
	    struct evbuffer *out, char *err, size_t errlen);

#endif
