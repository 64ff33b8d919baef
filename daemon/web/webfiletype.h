/*
 * webfiletype.h: what a file sent with a report is, judged by its
 * content (libmagic, and for an Office document its parts, read with
 * libzip), never by its name.  Only PDF, DOCX, XLSX, JPEG and PNG are
 * taken, and a name must end as its content is: "bao-cao.pdf" that
 * holds a web page, or a picture named ".pdf", is refused.
 */
#ifndef NV_WEBFILETYPE_H
#define NV_WEBFILETYPE_H

#include <stddef.h>

/*
 * The type of DATA sent as NAME: 0 with *MIME (a static string) set, or
 * -1 with ERR saying in Vietnamese what it is and why it is refused.
 */
int	web_filetype(const char *data, size_t len, const char *name,
	    const char **mime, char *err, size_t errlen);

#endif
