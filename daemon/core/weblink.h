/*
 * weblink.h: an agency contact's personal link to the web pages,
 * https://.../w/l/TOKEN.  The token is signed (HMAC with the ack key),
 * names the contact and the version of its links, and expires; bumping
 * the contact's version ("nhacviec user revoke") refuses every link and
 * session issued before.
 */
#ifndef NV_WEBLINK_H
#define NV_WEBLINK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOKEN_WEB	4	/* contact, version, expiry */
#define WEBLINK_DAYS	30	/* a link's life unless told otherwise */

struct weblink_claim {
	int64_t		 contact_id;
	int64_t		 version;
	time_t		 expires;
};

int	weblink_token(const char *key, const struct weblink_claim *,
	    char *out, size_t outlen);
/* The whole link under BASE_URL into BUF, or NULL. */
const char *weblink_url(const char *base_url, const char *key,
	    const struct weblink_claim *, char *buf, size_t len);
/* 0 valid, -1 malformed or forged, -2 expired (the claim is filled). */
int	weblink_parse(const char *key, const char *token, time_t now,
	    struct weblink_claim *);

#endif
