/*
 * test-blobstore.c: files kept by content (core/blobstore.c): the name
 * is the SHA-256 of the bytes, the same bytes are kept once, and a
 * digest from a form names nothing outside the store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blobstore.h"

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/nhacviec-blob.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(buf) == NULL)
		return -1;
	*state = buf;
	return 0;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

static int
teardown(void **state)
{
	/* Depth first, so each folder is empty when its turn comes. */
	return nftw(*state, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void
test_put(void **state)
{
	const char *d = *state;
	/* SHA-256 of "abc" (FIPS 180-2). */
	static const char abc[] =
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
	char sha[BLOB_HEX], path[4096], back[8];
	struct stat sb;
	FILE *f;

	assert_int_equal(blob_put(d, "abc", 3, sha), 0);
	assert_string_equal(sha, abc);
	assert_int_equal(blob_path(d, sha, path, sizeof(path)), 0);
	assert_non_null(strstr(path, "/blobs/ba/ba7816bf"));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_non_null(f = fopen(path, "r"));
	assert_int_equal(fread(back, 1, sizeof(back), f), 3);
	fclose(f);
	assert_memory_equal(back, "abc", 3);
	/* The same bytes again: the same name, kept once. */
	assert_int_equal(blob_put(d, "abc", 3, sha), 0);
	assert_string_equal(sha, abc);
	/* Empty content has a name too. */
	assert_int_equal(blob_put(d, "", 0, sha), 0);
	assert_string_equal(sha, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}

static void
test_path_refused(void **state)
{
	const char *d = *state;
	char path[4096];

	assert_int_equal(blob_path(d, NULL, path, sizeof(path)), -1);
	assert_int_equal(blob_path(d, "", path, sizeof(path)), -1);
	assert_int_equal(blob_path(d, "../../etc/passwd", path,
	    sizeof(path)), -1);
	/* Upper-case, one digit short, one too many, a slash inside. */
	assert_int_equal(blob_path(d, "BA7816BF8F01CFEA414140DE5DAE2223"
	    "B00361A396177A9CB410FF61F20015AD", path, sizeof(path)), -1);
	assert_int_equal(blob_path(d, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015a", path, sizeof(path)), -1);
	assert_int_equal(blob_path(d, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad0", path, sizeof(path)), -1);
	assert_int_equal(blob_path(d, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f2001/ad", path, sizeof(path)), -1);
	/* A buffer too small is refused, not cut. */
	assert_int_equal(blob_path(d, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", path, 20), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_path_refused),
	};

	return cmocka_run_group_tests_name("blobstore", tests, setup,
	    teardown);
}
