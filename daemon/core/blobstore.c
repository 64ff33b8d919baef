/*
 * blobstore.c: content-addressed files under the state directory.  The
 * name is the SHA-256 of the bytes, so a blob is never overwritten with
 * other content, a digest from a form can only name a file stored here
 * (it is checked to be 64 hex digits, no path), and a half-written file
 * never has a blob's name (written beside it, synced, then renamed).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "blobstore.h"

int
blob_path(const char *state_dir, const char *sha_hex, char *buf, size_t len)
{
	size_t i;
	int n;

	if (sha_hex == NULL || strlen(sha_hex) != BLOB_HEX - 1)
		return -1;
	for (i = 0; i < BLOB_HEX - 1; i++)
		if (!((sha_hex[i] >= '0' && sha_hex[i] <= '9') ||
		    (sha_hex[i] >= 'a' && sha_hex[i] <= 'f')))
			return -1;
	n = snprintf(buf, len, "%s/blobs/%.2s/%s", state_dir, sha_hex,
	    sha_hex);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int
mkdir_ok(const char *path)
{
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int
blob_put(const char *state_dir, const void *data, size_t len,
    char sha_hex[BLOB_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char path[4096], tmp[4096 + 16], dir[4096];
	const char *p = data;
	ssize_t w;
	size_t off;
	int fd, saved;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32) {
		errno = EIO;
		return -1;
	}
	for (i = 0; i < mdlen; i++)
		snprintf(sha_hex + 2 * i, 3, "%02x", md[i]);
	if (blob_path(state_dir, sha_hex, path, sizeof(path)) == -1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/blobs", state_dir);
	if (mkdir_ok(dir) == -1)
		return -1;
	snprintf(dir, sizeof(dir), "%s/blobs/%.2s", state_dir, sha_hex);
	if (mkdir_ok(dir) == -1)
		return -1;
	if (access(path, F_OK) == 0)
		return 0;		/* the same bytes, stored already */
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return -1;
	for (off = 0; off < len; off += (size_t)w) {
		if ((w = write(fd, p + off, len - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			goto fail;
		}
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	/*
	 * The name must be on disk before a row names it: a crash after
	 * the commit would otherwise leave a report pointing at nothing.
	 */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}
