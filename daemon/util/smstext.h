/*
 * smstext.h: SMS text for Vietnamese: "không dấu" folding and the
 * GSM-7 / UCS-2 segment arithmetic that decides what a message costs.
 */
#ifndef NV_SMSTEXT_H
#define NV_SMSTEXT_H

#include <stddef.h>

enum sms_encoding {
	SMS_GSM7 = 0,
	SMS_UCS2,
};

struct sms_count {
	enum sms_encoding encoding;
	size_t		 units;		/* septets (GSM-7) or UTF-16 units */
	int		 segments;
	size_t		 per_segment;	/* 160/153 or 70/67 */
};

char	*sms_ascii(const char *utf8);
int	 sms_count(const char *utf8, struct sms_count *);
char	*sms_fit(const char *text, int max_segments, const char *const *parts,
	    int nparts, const char *keep);

#endif
