/*
 * config-table.h: the table that defines every configuration key.  The
 * ini callback only looks keys up here; adding a key means adding a row.
 */
#ifndef NV_CONFIG_TABLE_H
#define NV_CONFIG_TABLE_H

#include <stddef.h>
#include <stdint.h>

enum conf_section {
	SEC_DAEMON = 0,
	SEC_POLICY,
	SEC_PROVIDER,
	SEC_TEMPLATE,
	SEC_CALENDAR,
	SEC_NSECTIONS
};

#define CK_SECRET	0x1	/* value must never be logged; file mode checked */
#define CK_REQUIRED	0x2	/* no default; the section needs it */

struct conf_key {
	enum conf_section section;
	const char	*key;
	const char	*type;		/* for --help-config and the man page */
	/* Parses VALUE into the section struct BASE; 0 or -1 with ERR. */
	int		(*parse)(void *base, const struct conf_key *,
			    const char *value, char *err, size_t errlen);
	size_t		 offset;
	const char	*def;
	int64_t		 min;
	int64_t		 max;
	int		 flags;
	const char	*help;
};

extern const struct conf_key conf_keys[];
extern const char *const conf_section_names[SEC_NSECTIONS];

const struct conf_key	*conf_key_find(enum conf_section, const char *);

#endif
