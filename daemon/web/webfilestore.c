/*
 * webfilestore.c: a kept file read back and checked (webfilestore.h).
 * blob_put wrote it aside, synced and renamed it, so it is whole or
 * absent; its digest is checked all the same, since the disk, a backup
 * restored badly or a hand may have changed it since.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <openssl/evp.h>

#include "blobstore.h"
#include "webfilestore.h"

int
web_file_get(const char *state_dir, const char *sha, struct evbuffer *out,
    char *err, size_t errlen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	char path[4096], got[BLOB_HEX];
	unsigned int n = 0, i;
	struct evbuffer *b;
	struct stat sb;
	int fd;

	if (blob_path(state_dir, sha, path, sizeof(path)) == -1) {
		snprintf(err, errlen, "not a file's digest: %.80s", sha);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: %s", path, fd == -1 ?
		    strerror(errno) : "not a regular file");
		if (fd != -1)
			close(fd);
		return -1;
	}
	if ((b = evbuffer_new()) == NULL) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* evbuffer_add_file takes the descriptor and closes it. */
	if (sb.st_size > 0 && evbuffer_add_file(b, fd, 0, sb.st_size) == -1) {
		evbuffer_free(b);
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	if (sb.st_size == 0)
		close(fd);
	EVP_Digest(evbuffer_pullup(b, -1), evbuffer_get_length(b), md, &n,
	    EVP_sha256(), NULL);
	for (i = 0; i < 32 && i < n; i++)
		snprintf(got + 2 * i, 3, "%02x", md[i]);
	got[64] = '\0';
	if (n != 32 || strcmp(got, sha) != 0) {
		evbuffer_free(b);
		snprintf(err, errlen, "%s: its content no longer has that "
		    "digest (altered on disk)", path);
		return -1;
	}
	evbuffer_add_buffer(out, b);
	evbuffer_free(b);
	return 0;
}
