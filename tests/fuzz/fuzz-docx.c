/*
 * fuzz-docx.c: libFuzzer target for the docx reader: whatever bytes a user
 * hands "import tasks" as a .docx go through libzip, libxml2's reader,
 * the grid limits and the table structure.  The seeds are the fixtures
 * of the seed plans stored without compression, so that mutations reach
 * the XML rather than only the deflate stream.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tabfile.h"
#include "tgrid.h"
#include "tstruct.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tbook b;
	struct tab_table t;
	char err[512];

	/* Text goes to fuzz-csv; this target is for the archives. */
	if (size < 4 || memcmp(data, "PK\x03\x04", 4) != 0)
		return 0;
	if (tabfile_read_mem("fuzz.docx", (const char *)data, size, &b, err,
	    sizeof(err)) == -1)
		return 0;
	if (tab_table_build(&b, 0, &t, err, sizeof(err)) == 0)
		tab_table_free(&t);
	tbook_free(&b);
	return 0;
}
