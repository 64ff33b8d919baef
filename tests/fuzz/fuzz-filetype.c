/*
 * fuzz-filetype.c: libFuzzer target for the type check of the files an
 * agency sends (webfiletype.c: libmagic, then libzip and libxml2 for
 * what claims to be an Office document).  The input's first byte picks
 * the name it is sent under.  Besides not crashing, it checks what the
 * pages rely on: a file taken has one of the five allowed types and a
 * name that ends as that type does, and a file refused says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "webfiletype.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct {
	const char	*mime;
	const char	*exts;
} allowed[] = {
	{ "application/pdf", ".pdf" },
	{ "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document", ".docx" },
	{ "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", ".xlsx" },
	{ "image/jpeg", ".jpg.jpeg" },
	{ "image/png", ".png" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "bao-cao.pdf", "bao-cao.docx",
	    "so-lieu.xlsx", "anh.JPG", "anh.jpeg", "anh.png", "bao-cao",
	    "trang.html", "Báo cáo quý I.PDF" };
	const char *mime = NULL, *name, *dot;
	char err[512];
	size_t i;
	int rc, ok = 0;

	if (size < 1)
		return 0;
	name = names[data[0] % (sizeof(names) / sizeof(names[0]))];
	err[0] = '\0';
	rc = web_filetype((const char *)data + 1, size - 1, name, &mime, err,
	    sizeof(err));
	if (rc == -1) {
		if (mime != NULL || err[0] == '\0')
			abort();
		return 0;
	}
	if (rc != 0 || mime == NULL || (dot = strrchr(name, '.')) == NULL)
		abort();
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(mime, allowed[i].mime) == 0 &&
		    strcasestr(allowed[i].exts, dot) != NULL)
			ok = 1;
	if (!ok)
		abort();
	return 0;
}
