/*
 * fuzz-classify.c: libFuzzer target for the classification of provider
 * responses: the first two bytes pick the HTTP status and Retry-After,
 * the rest is the body, exactly as a remote server could send it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "provider.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 201, 204, 400, 401, 404, 429,
	    500, 502, 503, 0, 301 };
	static char name[] = "hook", type[] = "webhook", tok[] = "t";
	struct provider_conf pc;
	const struct provider_ops *const *p;
	struct http_resp r;
	struct prov_result res;

	if (size < 2)
		return 0;
	memset(&pc, 0, sizeof(pc));
	pc.name = name;
	pc.type = type;
	pc.token = tok;
	r.status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	r.retry_after = data[1] < 128 ? data[1] : -1;
	r.rate_reset = data[1] < 64 ? data[1] : -1;
	/* The status line as curl saw it, or none (SMTP, HTTP/2 without). */
	r.status_line = data[1] & 1 ? "HTTP/1.1 503 Service Unavailable" :
	    data[1] & 2 ? "HTTP/2 200 " : NULL;
	r.body = (const char *)data + 2;
	r.bodylen = size - 2;
	for (p = provider_table; *p != NULL; p++) {
		if ((*p)->classify == NULL)
			continue;
		pc.ops = *p;
		memset(&res, 0, sizeof(res));
		(*p)->classify(&pc, &r, &res);
	}
	return 0;
}
