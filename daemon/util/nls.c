/*
 * nls.c: sets up the translation catalog once, at the start of each
 * program.  The catalog is looked up under $NHACVIEC_LOCALEDIR when that
 * is set (the build tree's locale/ in the tests), else under the locale
 * directory the programs were built for ($(PREFIX)/share/locale).
 */
#include <locale.h>
#include <stdlib.h>

#include "nls.h"

#ifndef NHACVIEC_LOCALEDIR
#define NHACVIEC_LOCALEDIR	"/usr/local/share/locale"
#endif

void
nls_init(void)
{
	const char *dir = getenv("NHACVIEC_LOCALEDIR");

	if (dir == NULL || *dir == '\0')
		dir = NHACVIEC_LOCALEDIR;
	/*
	 * A locale the machine has not generated (vi_VN.UTF-8 on a fresh
	 * Debian) leaves the C locale, where glibc ignores LANGUAGE; C.UTF-8
	 * is built into glibc, so LANGUAGE=vi still finds the catalog.
	 */
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	/*
	 * Numbers and dates stay in the C forms whatever the locale: config
	 * files, CSV, JSON, mail headers and calendar feeds are parsed and
	 * written by programs, and vi_VN would turn "1.5" into "1,5" and
	 * "Mon" into "Th 2".
	 */
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_TIME, "C");
	bindtextdomain(NLS_DOMAIN, dir);
	/* Every text is printed as UTF-8, as the reports already are. */
	bind_textdomain_codeset(NLS_DOMAIN, "UTF-8");
	textdomain(NLS_DOMAIN);
}
