/*
 * ack.h: ack-link tokens, the signed capability in "{{ack_url}}" that lets
 * one contact confirm one occurrence until it expires.
 */
#ifndef NV_ACK_H
#define NV_ACK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ACK_TOKEN_MAX	64

struct ack_claim {
	char		 ack_code[16];	/* the occurrence */
	int64_t		 contact_id;	/* who the link was sent to */
	time_t		 expires;
};

int	ack_token_make(const char *key, const struct ack_claim *, char *out,
	    size_t outlen);
/* 0 valid, -1 malformed or forged, -2 expired (the claim is filled). */
int	ack_token_parse(const char *key, const char *token, time_t now,
	    struct ack_claim *);

#endif
