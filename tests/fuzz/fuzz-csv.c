/*
 * fuzz-csv.c: libFuzzer target for reading spreadsheets (BOM, delimiter
 * guess, UTF-8 check, libcsv in strict mode) and folding their headers:
 * the importer's first contact with whatever file a user hands it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "csvread.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_table t;
	char err[512], *k;
	int r, c;

	if (csv_read_mem("fuzz.csv", (const char *)data, size, &t, err,
	    sizeof(err)) == -1)
		return 0;
	for (r = 0; r < t.nrows && r < 4; r++)
		for (c = 0; c < t.ncells[r]; c++) {
			k = csv_header_key(t.rows[r][c]);
			free(k);
		}
	csv_table_free(&t);
	return 0;
}
