/*
 * phone.h: Vietnamese phone numbers to E.164.
 */
#ifndef NV_PHONE_H
#define NV_PHONE_H

#include <stddef.h>

int		 phone_normalize(const char *in, char *out, size_t outlen);
const char	*phone_carrier(const char *e164);
const char	*phone_error(int rc);

#endif
