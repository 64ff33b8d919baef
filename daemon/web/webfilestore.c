/*
 * webfilestore.c: content-addressed files under the state directory
 * (webfilestore.h).  A new file is written to a temporary name in its
 * final folder, fsync'd, renamed over its name and the folder fsync'd,
 * so after a crash it is either whole or not there; the store's rows
 * name it only after that.  Reading it back checks its digest, so a
 * file altered on disk is refused, not served.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <openssl/evp.h>

#include "webfilestore.h"

void
web_sha256_hex(const char *data, size_t len, char out[WEB_SHA_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[64] = '\0';
}

int
web_sha_ok(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

const char *
web_file_path(const char *state_dir, const char *sha, char *buf, size_t len)
{
	if (!web_sha_ok(sha) || (size_t)snprintf(buf, len, "%s/files/%.2s/%s",
	    state_dir, sha, sha + 2) >= len)
		return NULL;
	return buf;
}

/* mkdir that is content when the folder is there. */
static int
mkdir_ok(const char *path)
{
	return mkdir(path, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

static int
fsync_dir(const char *path)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
web_file_put(const char *state_dir, const char *data, size_t len,
    char sha[WEB_SHA_HEX], char *err, size_t errlen)
{
	char dir[4096], path[4096], tmp[4096];
	struct stat sb;
	size_t off = 0;
	ssize_t n;
	int fd;

	web_sha256_hex(data, len, sha);
	if (web_file_path(state_dir, sha, path, sizeof(path)) == NULL ||
	    (size_t)snprintf(dir, sizeof(dir), "%s/files/%.2s", state_dir,
	    sha) >= sizeof(dir) || (size_t)snprintf(tmp, sizeof(tmp),
	    "%s/.new-XXXXXX", dir) >= sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", state_dir);
		return -1;
	}
	/* Kept already: the same bytes, by their name. */
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size == len)
		return 0;
	snprintf(dir, sizeof(dir), "%s/files", state_dir);
	if (mkdir_ok(dir) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/files/%.2s", state_dir, sha);
	if (mkdir_ok(dir) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1 || close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1 || fsync_dir(dir) == -1)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	return -1;
}

int
web_file_get(const char *state_dir, const char *sha, struct evbuffer *out,
    char *err, size_t errlen)
{
	struct evbuffer *b;
	char path[4096], got[WEB_SHA_HEX];
	struct stat sb;
	size_t len;
	int fd;

	if (web_file_path(state_dir, sha, path, sizeof(path)) == NULL) {
		snprintf(err, errlen, "not a file name: %.80s", sha);
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
	/* evbuffer_add_file takes the descriptor, and closes it. */
	if (evbuffer_add_file(b, fd, 0, sb.st_size) == -1) {
		evbuffer_free(b);
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	len = evbuffer_get_length(b);
	web_sha256_hex((const char *)evbuffer_pullup(b, -1), len, got);
	if (strcmp(got, sha) != 0) {
		evbuffer_free(b);
		snprintf(err, errlen, "%s: its content no longer has that "
		    "digest (altered on disk)", path);
		return -1;
	}
	evbuffer_add_buffer(out, b);
	evbuffer_free(b);
	return 0;
}
