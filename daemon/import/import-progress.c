/*
 * import-progress.c: reporting how far a long import has come, to
 * whichever caller asked (the CLI's terminal line, a web page's bar).
 */
#include <stddef.h>
#include <stdio.h>

#include "import.h"

void
import_progress(const struct import_progress *p, const char *what, int done,
    int total)
{
	if (p != NULL && p->fn != NULL)
		p->fn(p->arg, what, done, total);
}
