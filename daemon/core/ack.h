/*
 * ack.h: ack-link tokens, the signed capability in "{{ack_url}}" that lets
 * one contact confirm one occurrence until it expires.
 */
#ifndef NV_ACK_H
#define NV_ACK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* base64url characters; it decodes to at most 3/4 of this in bytes. */
#define ACK_TOKEN_MAX	96

struct ack_claim {
	char		 ack_code[16];	/* the occurrence */
	int64_t		 contact_id;	/* who the link was sent to */
	time_t		 expires;
};

/* Kinds of token, the first byte of what is signed. */
#define TOKEN_ACK	1
#define TOKEN_FEED	2	/* before versions: version 0 */
#define TOKEN_FEED_V	3	/* version (4 bytes, big-endian), agency */

size_t	token_put_varint(unsigned char *, uint64_t);
int	token_get_varint(const unsigned char *, size_t len, size_t *off,
	    uint64_t *);
int	token_seal(const char *key, const unsigned char *payload, size_t len,
	    char *out, size_t outlen);
int	token_open(const char *key, const char *token, unsigned char *payload,
	    size_t max, size_t *len);
int	ack_token_make(const char *key, const struct ack_claim *, char *out,
	    size_t outlen);
const char *ack_link(const char *base_url, const char *key, time_t ttl,
	    const char *ack_code, int64_t contact, time_t due, time_t now,
	    char *buf, size_t len);
/* 0 valid, -1 malformed or forged, -2 expired (the claim is filled). */
int	ack_token_parse(const char *key, const char *token, time_t now,
	    struct ack_claim *);

#endif
