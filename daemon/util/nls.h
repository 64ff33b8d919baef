/*
 * nls.h: the translation of what people read (GNU gettext, libintl from
 * glibc).  Texts are written in English in the code and marked with _();
 * the catalogs under po/ give them in other languages, chosen by the
 * locale (LANG, LC_ALL, LC_MESSAGES, LANGUAGE).  N_() marks a text in a
 * static table that is translated later, where it is printed.
 */
#ifndef NV_NLS_H
#define NV_NLS_H

#include <libintl.h>

#define NLS_DOMAIN	"nhacviec"

#define _(s)	gettext(s)
#define N_(s)	(s)

void	nls_init(void);

#endif
