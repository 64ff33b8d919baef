/*
 * password.c: argon2id through libargon2.  The costs follow OWASP's
 * advice for argon2id (19 MiB, two passes, one lane): about 15 ms on a
 * 2-core server, which the web pages limit to five a second so that
 * guessing cannot take the daemon's loop.
 */
#include <string.h>

#include <argon2.h>
#include <openssl/rand.h>
#include <unistr.h>

#include "nls.h"
#include "password.h"

#define T_COST		2
#define M_COST		19456		/* KiB */
#define PARALLEL	1
#define SALT_LEN	16
#define HASH_LEN	32

int
password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned char salt[SALT_LEN];

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return -1;
	if (argon2id_hash_encoded(T_COST, M_COST, PARALLEL, pw, strlen(pw),
	    salt, sizeof(salt), HASH_LEN, out, outlen) != ARGON2_OK)
		return -1;
	return 0;
}

int
password_verify(const char *encoded, const char *pw)
{
	int rc;

	if (encoded == NULL || strncmp(encoded, "$argon2id$", 10) != 0)
		return -1;
	rc = argon2id_verify(encoded, pw, strlen(pw));
	if (rc == ARGON2_OK)
		return 1;
	return rc == ARGON2_VERIFY_MISMATCH ? 0 : -1;
}

void
password_burn(const char *pw)
{
	char out[PASSWORD_HASH_MAX];

	(void)password_hash(pw, out, sizeof(out));
}

const char *
password_weak(const char *pw)
{
	size_t len = strlen(pw);

	if (len > PASSWORD_MAX)
		return _("the password is longer than 256 bytes");
	if (u8_check((const uint8_t *)pw, len) != NULL)
		return _("the password is not UTF-8 text");
	if (u8_mbsnlen((const uint8_t *)pw, len) < PASSWORD_MIN)
		return _("the password has fewer than 10 characters");
	return NULL;
}
