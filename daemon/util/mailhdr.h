/*
 * mailhdr.h: RFC 5322 header fields that every MTA passes on as they are:
 * display names quoted or encoded, every line folded at 78 characters and
 * RFC 2047 encoded words of at most 75.
 */
#ifndef NV_MAILHDR_H
#define NV_MAILHDR_H

#define MAILHDR_LINE	78	/* RFC 5322 2.1.1: lines SHOULD stay within */
#define MAILHDR_WORD	75	/* RFC 2047 2: an encoded word's limit */

char	*mailhdr_text(const char *field, const char *text);
char	*mailhdr_mailbox(const char *field, const char *mailbox);

#endif
