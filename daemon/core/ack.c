/*
 * ack.c: ack-link tokens.  A token is base64url of
 *
 *   version (1) | ack code length (1) | ack code | contact id (varint) |
 *   expiry in hours since the epoch (varint) | HMAC-SHA256 (first 16)
 *
 * keyed by the ack_key_file secret.  It is short enough for an SMS (about
 * 30 characters), carries no database id an outsider could enumerate, and
 * cannot be altered without the key: the MAC is checked, in constant
 * time, before anything in it is believed.  Expiry rounds up to the hour,
 * which is all a link valid for weeks needs.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ack.h"

#define ACK_VERSION	TOKEN_ACK
#define MAC_LEN		16

/* Varints keep tokens short enough for an SMS; ics.c and digest.c too. */
size_t
token_put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	do {
		p[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			p[n] |= 0x80;
		n++;
	} while (v != 0);
	return n;
}

int
token_get_varint(const unsigned char *p, size_t len, size_t *off,
    uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*off < len && shift < 63) {
		*v |= (uint64_t)(p[*off] & 0x7f) << shift;
		if ((p[(*off)++] & 0x80) == 0)
			return 0;
		shift += 7;
	}
	return -1;
}

static void
mac(const char *key, const unsigned char *data, size_t len,
    unsigned char out[MAC_LEN])
{
	unsigned char full[EVP_MAX_MD_SIZE];
	unsigned int fl = 0;

	HMAC(EVP_sha256(), key, (int)strlen(key), data, len, full, &fl);
	memcpy(out, full, MAC_LEN);
	OPENSSL_cleanse(full, sizeof(full));
}

/* base64url without padding, as URLs want it. */
static void
b64url(const unsigned char *in, size_t len, char *out)
{
	char *p;

	EVP_EncodeBlock((unsigned char *)out, in, (int)len);
	for (p = out; *p != '\0'; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=') {
			*p = '\0';
			break;
		}
	}
}

static int
unb64url(const char *in, unsigned char *out, size_t outmax, size_t *outlen)
{
	char buf[ACK_TOKEN_MAX + 4];
	size_t n = strlen(in), i;
	int len;

	if (n == 0 || n > ACK_TOKEN_MAX || n % 4 == 1)
		return -1;
	for (i = 0; i < n; i++) {
		char c = in[i];

		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9')))
			return -1;
		buf[i] = c;
	}
	while (n % 4 != 0)
		buf[n++] = '=';
	buf[n] = '\0';
	if (n / 4 * 3 > outmax + 2)
		return -1;
	if ((len = EVP_DecodeBlock(out, (unsigned char *)buf, (int)n)) < 0)
		return -1;
	/* DecodeBlock counts padding as zero bytes. */
	for (i = n; i > 0 && buf[i - 1] == '='; i--)
		len--;
	*outlen = (size_t)len;
	return 0;
}

/*
 * Seals PAYLOAD (its first byte says what kind of token it is, so one
 * kind cannot pass for another) with its MAC, as base64url into OUT.
 */
int
token_seal(const char *key, const unsigned char *payload, size_t len,
    char *out, size_t outlen)
{
	unsigned char raw[ACK_TOKEN_MAX / 4 * 3];

	/* Whatever fits the raw buffer encodes within ACK_TOKEN_MAX. */
	if (len + MAC_LEN > sizeof(raw) || outlen < ACK_TOKEN_MAX + 1)
		return -1;
	memcpy(raw, payload, len);
	mac(key, raw, len, raw + len);
	b64url(raw, len + MAC_LEN, out);
	return 0;
}

/* Opens TOKEN: 0 with the payload, -1 if malformed or not ours. */
int
token_open(const char *key, const char *token, unsigned char *payload,
    size_t max, size_t *len)
{
	unsigned char raw[ACK_TOKEN_MAX], want[MAC_LEN];
	size_t n;

	if (unb64url(token, raw, sizeof(raw), &n) == -1 || n < 2 + MAC_LEN)
		return -1;
	mac(key, raw, n - MAC_LEN, want);
	if (CRYPTO_memcmp(want, raw + n - MAC_LEN, MAC_LEN) != 0)
		return -1;
	n -= MAC_LEN;
	if (n > max)
		return -1;
	memcpy(payload, raw, n);
	*len = n;
	return 0;
}

int
ack_token_make(const char *key, const struct ack_claim *c, char *out,
    size_t outlen)
{
	unsigned char raw[48];
	size_t n = 0, al = strlen(c->ack_code);

	if (al == 0 || al > 15)
		return -1;
	raw[n++] = ACK_VERSION;
	raw[n++] = (unsigned char)al;
	memcpy(raw + n, c->ack_code, al);
	n += al;
	n += token_put_varint(raw + n, (uint64_t)c->contact_id);
	n += token_put_varint(raw + n, (uint64_t)((c->expires + 3599) / 3600));
	return token_seal(key, raw, n, out, outlen);
}

int
ack_token_parse(const char *key, const char *token, time_t now,
    struct ack_claim *c)
{
	unsigned char raw[ACK_TOKEN_MAX];
	size_t len, off, al;
	uint64_t contact, hours;

	memset(c, 0, sizeof(*c));
	if (token_open(key, token, raw, sizeof(raw), &len) == -1 ||
	    len < 3 || raw[0] != ACK_VERSION)
		return -1;
	/* Signed by us: the rest is well formed unless the key leaked. */
	al = raw[1];
	if (al == 0 || al > 15 || 2 + al > len)
		return -1;
	memcpy(c->ack_code, raw + 2, al);
	c->ack_code[al] = '\0';
	off = 2 + al;
	if (token_get_varint(raw, len, &off, &contact) == -1 ||
	    token_get_varint(raw, len, &off, &hours) == -1 || off != len)
		return -1;
	c->contact_id = (int64_t)contact;
	c->expires = (time_t)(hours * 3600);
	return now > c->expires ? -2 : 0;
}

/*
 * The ack link of CONTACT for the occurrence ACK_CODE, BASE_URL/a/TOKEN,
 * valid until TTL after the deadline DUE (or after NOW, if later); NULL
 * when the config signs no links (no public_url or key).
 */
const char *
ack_link(const char *base_url, const char *key, time_t ttl,
    const char *ack_code, int64_t contact, time_t due, time_t now,
    char *buf, size_t len)
{
	struct ack_claim c;
	char tok[ACK_TOKEN_MAX + 1];

	if (base_url == NULL || key == NULL)
		return NULL;
	memset(&c, 0, sizeof(c));
	snprintf(c.ack_code, sizeof(c.ack_code), "%s", ack_code);
	c.contact_id = contact;
	c.expires = (due > now ? due : now) + ttl;
	if (ack_token_make(key, &c, tok, sizeof(tok)) == -1)
		return NULL;
	snprintf(buf, len, "%s/a/%s", base_url, tok);
	return buf;
}
