/*
 * smstext.c: Vietnamese text for SMS.
 *
 * Brandname SMS is usually sent "không dấu": Vietnamese letters lose their
 * diacritics, because a single accented letter forces the whole message
 * into UCS-2, which carries 70 characters a segment instead of 160.  The
 * folding decomposes the text (NFD, libunistring), drops the combining
 * marks, and maps đ/Đ, which have no decomposition, to d/D.
 *
 * Segments follow GSM 03.38: a text of GSM-7 characters only takes 160
 * septets in one segment or 153 per part when concatenated (the extension
 * characters take two septets); anything else is UCS-2, 70 or 67 UTF-16
 * units per segment.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "smstext.h"
#include "xmalloc.h"

/* The GSM 03.38 default alphabet, outside plain ASCII letters/digits. */
static const uint32_t gsm_basic[] = {
	'@', 0xa3, '$', 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7, '\n', 0xd8,
	0xf8, '\r', 0xc5, 0xe5, 0x394, '_', 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0,
	0x3a8, 0x3a3, 0x398, 0x39e, 0xc6, 0xe6, 0xdf, 0xc9, ' ', '!', '"',
	'#', 0xa4, '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
	':', ';', '<', '=', '>', '?', 0xa1, 0xc4, 0xd6, 0xd1, 0xdc, 0xa7,
	0xbf, 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
};

/* Characters reached through the escape: two septets each. */
static const uint32_t gsm_ext[] = {
	'^', '{', '}', '\\', '[', '~', ']', '|', 0x20ac, '\f',
};

/* 1 or 2 septets for a GSM-7 character, 0 if it is not one. */
static int
gsm_septets(uint32_t c)
{
	size_t i;

	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	for (i = 0; i < sizeof(gsm_basic) / sizeof(gsm_basic[0]); i++)
		if (gsm_basic[i] == c)
			return 1;
	for (i = 0; i < sizeof(gsm_ext) / sizeof(gsm_ext[0]); i++)
		if (gsm_ext[i] == c)
			return 2;
	return 0;
}

/* Returns a malloc'd copy of UTF8 without Vietnamese diacritics. */
char *
sms_ascii(const char *utf8)
{
	const uint8_t *s = (const uint8_t *)utf8, *p, *end;
	uint8_t *nfd, *out;
	size_t n = 0, len = 0;
	ucs4_t uc;
	int k;

	nfd = u8_normalize(UNINORM_NFD, s, strlen(utf8), NULL, &len);
	if (nfd == NULL)	/* not valid UTF-8: keep it as it is */
		return xstrdup(utf8);
	out = xmalloc(len + 1);
	for (p = nfd, end = nfd + len; p < end; p += k) {
		if ((k = u8_mbtouc(&uc, p, (size_t)(end - p))) <= 0)
			break;
		if (uc_combining_class(uc) != UC_CCC_NR ||
		    uc_is_general_category(uc, UC_CATEGORY_Mn))
			continue;
		if (uc == 0x111)	/* đ has no decomposition */
			uc = 'd';
		else if (uc == 0x110)
			uc = 'D';
		n += (size_t)u8_uctomb(out + n, uc, (int)(len - n));
	}
	out[n] = '\0';
	free(nfd);
	return (char *)out;
}

/* Counts the encoding, units and segments of UTF8; -1 if not UTF-8. */
int
sms_count(const char *utf8, struct sms_count *c)
{
	const uint8_t *p = (const uint8_t *)utf8, *end = p + strlen(utf8);
	size_t septets = 0, utf16 = 0;
	int gsm = 1, k, sep;
	ucs4_t uc;

	for (; p < end; p += k) {
		if ((k = u8_mbtouc(&uc, p, (size_t)(end - p))) <= 0 ||
		    uc == 0xfffd)
			return -1;
		if ((sep = gsm_septets(uc)) == 0)
			gsm = 0;
		septets += (size_t)sep;
		utf16 += uc > 0xffff ? 2 : 1;
	}
	memset(c, 0, sizeof(*c));
	if (gsm) {
		c->encoding = SMS_GSM7;
		c->units = septets;
		c->per_segment = septets <= 160 ? 160 : 153;
	} else {
		c->encoding = SMS_UCS2;
		c->units = utf16;
		c->per_segment = utf16 <= 70 ? 70 : 67;
	}
	c->segments = c->units == 0 ? 1 :
	    (int)((c->units + c->per_segment - 1) / c->per_segment);
	return 0;
}
