/*
 * webupload.h: a multipart/form-data POST (the forms that carry files):
 * its text fields go into the call's form, its files into the call's
 * files, each bounded in number and size.
 */
#ifndef NV_WEBUPLOAD_H
#define NV_WEBUPLOAD_H

#include <stddef.h>

#include "webroute.h"

#define WEB_UPLOAD_MAX_FILES	5

struct web_upload {
	char		 field[64];	/* the form field */
	char		 name[256];	/* the file's name as sent, checked */
	const char	*data;		/* into the request's body */
	size_t		 len;
};

/* Parses C's body of Content-Type CT; 0, or -1 answered (400, 413). */
int	web_upload_parse(struct web_call *, const char *ct);
void	web_upload_free(struct web_call *);

#endif
