/*
 * ics.h: an agency's deadlines as an iCalendar feed (libical), and the
 * signed token that lets a calendar app subscribe to it.
 */
#ifndef NV_ICS_H
#define NV_ICS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

/* The feed as a malloc'd string, NULL on store errors. */
char	*ics_agency(struct store *, const char *agency,
	    const char *public_url, time_t now);
int	 ics_token_make(const char *key, const char *agency, int64_t version,
	    char *out, size_t outlen);
/* 0 with AGENCY and its token's VERSION set, -1 if the token is not ours. */
int	 ics_token_parse(const char *key, const char *token, char *agency,
	    size_t len, int64_t *version);

#endif
