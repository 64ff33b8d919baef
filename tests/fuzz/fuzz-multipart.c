/*
 * fuzz-multipart.c: libFuzzer target for the multipart/form-data reader
 * (webupload.c).  The input's first line is the Content-Type, the rest
 * the body.  Besides not crashing, it checks what a page may rely on:
 * every file's bytes lie inside the body, there are no more files than
 * the bound, file names are a last path segment of UTF-8 without
 * control characters, every field is UTF-8 without control characters
 * but line feeds, and a refused body is a 400 or 413 leaving nothing.
 */
#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>
#include <unistr.h>

#include "safetext.h"
#include "webupload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
text_ok(const char *s, int allow_lf)
{
	return u8_check((const uint8_t *)s, strlen(s)) == NULL &&
	    !text_has_control(s, allow_lf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct web_ctx ctx;
	struct web_req req;
	struct web_who who;
	struct web_resp resp;
	struct web_call c;
	struct evkeyval *kv;
	char *ct, *body;
	size_t ctlen, blen;
	int i, rc;

	if (nl == NULL)
		return 0;
	ctlen = nl - data;
	blen = size - ctlen - 1;
	ct = malloc(ctlen + 1);
	memcpy(ct, data, ctlen);
	ct[ctlen] = '\0';
	/* Exactly the body's bytes (and the NUL the listener adds). */
	body = malloc(blen + 1);
	memcpy(body, nl + 1, blen);
	body[blen] = '\0';

	memset(&ctx, 0, sizeof(ctx));
	memset(&req, 0, sizeof(req));
	memset(&who, 0, sizeof(who));
	memset(&c, 0, sizeof(c));
	req.method = "POST";
	req.path = "/w/import";
	req.body = body;
	req.bodylen = blen;
	resp.code = 0;
	resp.hdrs = evbuffer_new();
	resp.body = evbuffer_new();
	c.ctx = &ctx;
	c.req = &req;
	c.who = &who;
	c.resp = &resp;
	web_form_init(&c.form);
	web_form_init(&c.query);

	rc = web_upload_parse(&c, ct);
	if (rc == -1) {
		if ((resp.code != 400 && resp.code != 413) || c.nfiles != 0 ||
		    c.files != NULL || TAILQ_FIRST(&c.form.q) != NULL)
			abort();
	} else {
		if (rc != 0 || c.nfiles < 0 ||
		    c.nfiles > WEB_UPLOAD_MAX_FILES)
			abort();
		for (i = 0; i < c.nfiles; i++) {
			const struct web_upload *u = &c.files[i];

			if (u->data < body || u->len > blen ||
			    u->data + u->len > body + blen)
				abort();
			if (u->name[0] == '\0' || !text_ok(u->name, 0) ||
			    strpbrk(u->name, "/\\") != NULL ||
			    strcmp(u->name, "..") == 0 ||
			    !text_ok(u->field, 0))
				abort();
		}
		TAILQ_FOREACH(kv, &c.form.q, next)
			if (!text_ok(kv->key, 0) || !text_ok(kv->value, 1))
				abort();
	}
	web_form_free(&c.form);
	web_upload_free(&c);
	evbuffer_free(resp.hdrs);
	evbuffer_free(resp.body);
	free(body);
	free(ct);
	return 0;
}
