/*
 * webagency.c: an agency's own pages, opened from its personal link.
 */
#include <event2/buffer.h>

#include "webhtml.h"
#include "webpages.h"

void
page_agency_home(struct web_call *c)
{
	struct evbuffer *b = evbuffer_new();

	if (b == NULL)
		return;
	web_page_begin(b, "Nhiệm vụ của đơn vị", c->who);
	evbuffer_add_printf(b, "<h1>Nhiệm vụ của đơn vị</h1>");
	web_page_end(c->resp, b, 200);
	evbuffer_free(b);
}
