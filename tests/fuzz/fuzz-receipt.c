/*
 * fuzz-receipt.c: libFuzzer target for the delivery-receipt parsers and
 * ack-link tokens, the parts of the daemon that strangers on the network
 * can reach.  The first byte picks whether the rest is a query
 * string, a body, or a body with a Twilio signature (the input's first
 * 28 bytes), as a caller could send any of them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ack.h"
#include "provider.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char name[] = "p", type[] = "t", tok[] = "twilio-token";
	struct provider_conf pc;
	const struct provider_ops *const *p;
	struct receipt r[PROV_MAX_RECEIPTS];
	struct cb_req cb;
	char err[256], *text, sig[29];

	if (size < 1)
		return 0;
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	memset(&pc, 0, sizeof(pc));
	pc.name = name;
	pc.type = type;
	pc.token = tok;
	memset(&cb, 0, sizeof(cb));
	cb.url = "https://nv.example.gov.vn/cb/p/secretsecretsecret";
	switch (data[0] % 3) {
	case 0:
		cb.method = "GET";
		cb.query = text;
		break;
	case 2:
		memcpy(sig, text, size - 1 < 28 ? size - 1 : 28);
		sig[size - 1 < 28 ? size - 1 : 28] = '\0';
		cb.signature = sig;
		/* FALLTHROUGH */
	default:
		cb.method = "POST";
		cb.body = text;
		cb.bodylen = size - 1;
		break;
	}
	/* Ack-link tokens arrive from the same strangers. */
	{
		struct ack_claim c;

		(void)ack_token_parse("fuzz-key-0123456789abcdefghijklmno",
		    text, 1700000000, &c);
	}
	for (p = provider_table; *p != NULL; p++) {
		if ((*p)->receipt == NULL)
			continue;
		pc.ops = *p;
		memset(r, 0, sizeof(r));
		(void)(*p)->receipt(&pc, &cb, r, err, sizeof(err));
	}
	free(text);
	return 0;
}
