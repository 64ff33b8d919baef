/*
 * phone.h: Vietnamese phone numbers to E.164.
 */
#ifndef NV_PHONE_H
#define NV_PHONE_H

#include <stddef.h>

int	phone_normalize(const char *in, char *out, size_t outlen);

#endif
