/*
 * fuzz-import.c: libFuzzer target for both importers past the reader:
 * the input, as a file, is imported as an agency directory and as a
 * plan's task table (dry runs, so every row is matched, parsed and
 * described, against a small directory in an in-memory database).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "directory.h"
#include "import.h"
#include "log.h"
#include "store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store *store;
static struct config *conf;
static FILE *devnull;
static char path[] = "/tmp/nhacviec-fuzz-import.XXXXXX";

static void
setup(void)
{
	static const char *const so[] = { "so-nganh" }, *const h[] =
	    { "huyen" };
	char ini[] = "/tmp/nhacviec-fuzz-ini.XXXXXX", err[256];
	struct plan_row p = { 0, "285/KH-UBND", "Kế hoạch", NULL,
	    "2023-01-01", NULL, NULL };
	int64_t id;
	FILE *f;
	int fd;

	if ((fd = mkstemp(ini)) == -1 || (f = fdopen(fd, "w")) == NULL)
		abort();
	fprintf(f, "[daemon]\ndatabase = :memory:\n[policy default]\n"
	    "remind = -3d 0\nescalate = +1d:parent\n");
	fclose(f);
	if ((conf = config_load(ini, err, sizeof(err))) == NULL)
		abort();
	unlink(ini);
	if ((store = store_open(":memory:", 0, err, sizeof(err))) == NULL)
		abort();
	if (dir_agency_add(store, "UBND", "Ủy ban nhân dân tỉnh", NULL, NULL,
	    0, 0, &id, err, sizeof(err)) != 0 ||
	    dir_agency_add(store, "SNV", "Sở Nội vụ", "UBND", so, 1, 0, &id,
	    err, sizeof(err)) != 0 ||
	    dir_agency_add(store, "VP", "Văn phòng Đoàn ĐBQH, HĐND và UBND "
	    "tỉnh", "UBND", so, 1, 0, &id, err, sizeof(err)) != 0 ||
	    dir_agency_add(store, "HVC", "UBND huyện Văn Chấn", "UBND", h, 1,
	    0, &id, err, sizeof(err)) != 0 ||
	    dir_plan_add(store, &p, 0, &id, err, sizeof(err)) != 0)
		abort();
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	devnull = fopen("/dev/null", "w");
	log_init("fuzz-import", LOG_LVL_ERROR);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_stats st;
	char msg[512];
	FILE *f;

	if (store == NULL)
		setup();
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	(void)import_agencies(store, path, 1, 0, 1700000000, devnull,
	    devnull, NULL, &st, msg, sizeof(msg));
	(void)import_tasks(store, conf, path, "285/KH-UBND", 2023, NULL, 1,
	    0, 0, 0, 1700000000, devnull, devnull, NULL, &st, msg, sizeof(msg));
	return 0;
}
