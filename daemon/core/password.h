/*
 * password.h: the web accounts' passwords, hashed with argon2id
 * (libargon2) in its standard encoded form, which carries its own salt
 * and costs, so the costs can be raised later without a migration.
 */
#ifndef NV_PASSWORD_H
#define NV_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN	10		/* characters, not bytes */
#define PASSWORD_MAX	256		/* bytes */
#define PASSWORD_HASH_MAX 128

/* Hashes PW into OUT ("$argon2id$v=19$..."); 0 or -1. */
int	password_hash(const char *pw, char *out, size_t outlen);
/* 1 when PW matches ENCODED, 0 when not, -1 when ENCODED is unusable. */
int	password_verify(const char *encoded, const char *pw);
/* Spends what a verification costs, for a name that has no account. */
void	password_burn(const char *pw);
/* NULL when PW is acceptable; otherwise why not, in Vietnamese/English. */
const char *password_weak(const char *pw);

#endif
