/*
 * digest.h: gathering messages to one contact on one channel that fall
 * due close together into one message, and writing that message in the
 * form its channel can take.
 */
#ifndef NV_DIGEST_H
#define NV_DIGEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct store;

#define DIGEST_SMS_ITEMS	3	/* most urgent tasks an SMS digest names */

time_t	digest_lookahead(const struct config *);
int	digest_gather(struct store *, const struct config *, time_t now,
	    int *made);
int	digest_render_due(struct store *, const struct config *, time_t until,
	    time_t now);
const char *digest_list_url(const struct config *, int64_t digest_id,
	    int64_t contact, time_t expires, char *buf, size_t len);
int	digest_list_token_parse(const char *key, const char *token, time_t now,
	    int64_t *digest_id, int64_t *contact);
const char *digest_due_phrase(time_t due, time_t at, char *buf, size_t len);

#endif
