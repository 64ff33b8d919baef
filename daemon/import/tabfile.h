/*
 * tabfile.h: a plan's table file, whatever it is: the kind is told by
 * its content (ZIP members, magic bytes), never by its name.
 */
#ifndef NV_TABFILE_H
#define NV_TABFILE_H

#include <stddef.h>

struct tbook;

/*
 * Reads PATH (a .docx, an .xlsx, or CSV/TSV text) into B.  A .doc,
 * .xls, .pdf, .odt or .ods is refused with how to save it as .docx or
 * .xlsx (and the soffice command when LibreOffice is installed).
 * 0, or -1 with ERR as "FILE: reason" in English and Vietnamese.
 */
int	tabfile_read(const char *path, struct tbook *b, char *err,
	    size_t errlen);
/* The same for DATA in memory; NAME is used in messages and its ending
 * only to say that a file is not what its name says. */
int	tabfile_read_mem(const char *name, const char *data, size_t len,
	    struct tbook *b, char *err, size_t errlen);

#endif
