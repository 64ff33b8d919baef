/*
 * fuzz-config.c: libFuzzer target for the configuration loader.  The
 * input is written to a memory file and loaded as an INI file; any crash,
 * leak or undefined behaviour is a bug, a clean error is fine.
 */
#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct config *c;
	char path[64], err[CONF_ERRLEN];
	int fd;

	if (!init) {
		log_init("fuzz", LOG_LVL_ERROR);
		init = 1;
	}
	if ((fd = memfd_create("nhacviec.ini", 0)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((c = config_load(path, err, sizeof(err))) != NULL)
		config_unref(c);
	close(fd);
	return 0;
}
