/*
 * mkzip.c: writes a ZIP archive from files, for the import tests to build
 * Office documents that are broken or hostile on purpose (a zip bomb, an
 * entity bomb, a million rows) without any tool beyond the build's own
 * libzip.  Usage: mkzip OUT.zip MEMBER=FILE ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <zip.h>

int
main(int argc, char **argv)
{
	zip_t *z;
	zip_source_t *src;
	char *eq;
	int err, i;

	if (argc < 3) {
		fprintf(stderr, "usage: mkzip OUT.zip MEMBER=FILE ...\n");
		return EX_USAGE;
	}
	if ((z = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		fprintf(stderr, "mkzip: %s: cannot create (%d)\n", argv[1], err);
		return EX_CANTCREAT;
	}
	for (i = 2; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL) {
			fprintf(stderr, "mkzip: %s: not MEMBER=FILE\n", argv[i]);
			return EX_USAGE;
		}
		*eq = '\0';
		if ((src = zip_source_file(z, eq + 1, 0, -1)) == NULL ||
		    zip_file_add(z, argv[i], src, ZIP_FL_OVERWRITE) < 0) {
			fprintf(stderr, "mkzip: %s: %s\n", eq + 1,
			    zip_strerror(z));
			return EX_IOERR;
		}
	}
	if (zip_close(z) == -1) {
		fprintf(stderr, "mkzip: %s: %s\n", argv[1], zip_strerror(z));
		return EX_IOERR;
	}
	return 0;
}
