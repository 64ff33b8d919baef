/*
 * webupload.c: multipart/form-data bodies, the forms that carry files.
 */
#include "webhtml.h"
#include "webupload.h"

int
web_upload_parse(struct web_call *c, const char *ct)
{
	web_message(c->resp, c->who, 415, "Không nhận được",
	    "Chưa nhận được tệp gửi kèm.");
	return -1;
}

void
web_upload_free(struct web_call *c)
{
	c->nfiles = 0;
}
