/*
 * webdash.c: the tracking office's dashboard, its first page.
 */
#include <event2/buffer.h>

#include "webhtml.h"
#include "webpages.h"

void
page_dashboard(struct web_call *c)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	web_page_begin(b, "Tổng quan", c->who);
	evbuffer_add_printf(b, "<h1>Tổng quan</h1>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}
