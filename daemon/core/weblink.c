/*
 * weblink.c: personal links, sealed as the ack links are (ack.c) but of
 * a kind of their own, so an ack token is never taken for a link.
 */
#include <stdio.h>
#include <string.h>

#include "ack.h"
#include "weblink.h"

int
weblink_token(const char *key, const struct weblink_claim *c, char *out,
    size_t outlen)
{
	unsigned char p[40];
	size_t n = 0;

	if (c->contact_id <= 0 || c->version < 0 || c->expires <= 0)
		return -1;
	p[n++] = TOKEN_WEB;
	n += token_put_varint(p + n, (uint64_t)c->contact_id);
	n += token_put_varint(p + n, (uint64_t)c->version);
	n += token_put_varint(p + n, (uint64_t)c->expires);
	return token_seal(key, p, n, out, outlen);
}

const char *
weblink_url(const char *base_url, const char *key,
    const struct weblink_claim *c, char *buf, size_t len)
{
	char tok[ACK_TOKEN_MAX + 1];
	size_t b;

	if (base_url == NULL || weblink_token(key, c, tok, sizeof(tok)) == -1)
		return NULL;
	b = strlen(base_url);
	while (b > 0 && base_url[b - 1] == '/')
		b--;
	if ((size_t)snprintf(buf, len, "%.*s/w/l/%s", (int)b, base_url, tok)
	    >= len)
		return NULL;
	return buf;
}

int
weblink_parse(const char *key, const char *token, time_t now,
    struct weblink_claim *c)
{
	unsigned char p[40];
	uint64_t v[3];
	size_t len, off = 1;
	int i;

	memset(c, 0, sizeof(*c));
	if (token_open(key, token, p, sizeof(p), &len) == -1 || len < 4 ||
	    p[0] != TOKEN_WEB)
		return -1;
	for (i = 0; i < 3; i++)
		if (token_get_varint(p, len, &off, &v[i]) == -1)
			return -1;
	if (off != len || v[0] == 0 || v[0] > INT64_MAX || v[1] > INT64_MAX ||
	    v[2] > INT64_MAX)
		return -1;
	c->contact_id = (int64_t)v[0];
	c->version = (int64_t)v[1];
	c->expires = (time_t)v[2];
	return now >= c->expires ? -2 : 0;
}
