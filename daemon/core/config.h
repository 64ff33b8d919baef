/*
 * config.h: the parsed configuration.  A struct config is immutable once
 * loaded and reference-counted, so a SIGHUP reload can swap in a new one
 * while requests started under the old one finish with it.
 */
#ifndef NV_CONFIG_H
#define NV_CONFIG_H

#include <sys/queue.h>

#include <stdint.h>
#include <stdio.h>

#include "provider.h"
#include "state.h"

#define CONF_MAX_STEPS		16
#define CONF_MAX_REPEATS	50	/* nagging: jobs are planned ahead */
#define CONF_MAX_CHANNELS	8
#define CONF_ERRLEN		2048	/* every error of a file, one a line */

struct calendar;

enum target_kind {
	TARGET_LEAD = 0,	/* the lead agency's contacts */
	TARGET_PARENT,		/* the lead agency's parent */
	TARGET_AGENCY,		/* a fixed agency, by code */
};

/* Contact roles, as bits so a policy can name several. */
#define ROLE_HEAD	0x1
#define ROLE_DEPUTY	0x2
#define ROLE_FOCAL	0x4

/*
 * An offset from a deadline.  Whole-day offsets ("-3d") land on a local
 * date at the policy's remind_at; the rest ("-2h", "-90s") are exact.
 */
struct offset {
	int64_t		 secs;
	int		 days;
	int		 is_days;
	int		 is_workdays;	/* "wd": days count working days */
};

enum deadline_rule {
	DEADLINE_FORWARD = 0,	/* a day off rolls to the next working day */
	DEADLINE_BEFORE,	/* ... to the previous working day */
	DEADLINE_KEEP,		/* left as given */
};

struct esc_step {
	struct offset	 off;
	enum target_kind target;
	char		 agency[64];	/* with TARGET_AGENCY */
};

struct policy {
	TAILQ_ENTRY(policy) entry;
	char		*name;
	int		 line;
	struct offset	 remind[CONF_MAX_STEPS];
	int		 nremind;
	struct offset	 alert[CONF_MAX_STEPS];	/* broadcast-style alerts */
	int		 nalert;
	struct esc_step	 escalate[CONF_MAX_STEPS];
	int		 nescalate;
	/*
	 * Nagging: after the last escalation, the lead is told again every
	 * REPEAT and the parent every REPEAT_PARENT, up to MAX_REPEATS times,
	 * until the occurrence is done (a zero offset: no repeats).
	 */
	struct offset	 repeat;
	struct offset	 repeat_parent;
	int		 max_repeats;
	int64_t		 digest;	/* one message per contact in this */
	int		 remind_at;	/* seconds after local midnight */
	int		 deadline_time;	/* for a deadline given as a date */
	int		 deadline_rule;	/* enum deadline_rule */
	int		 workdays_only;	/* send on working days only */
	int		 quiet_start;	/* quiet hours; start == end: none */
	int		 quiet_end;
	int		 office_start;	/* office hours; start == end: none */
	int		 office_end;
	char		*channels[CONF_MAX_CHANNELS];
	int		 nchannels;
	int		 channels_line;
	int		 copy_cooperating;
	int		 remind_roles;
	int		 escalate_roles;
	int64_t		 max_lateness;
	int64_t		 horizon;	/* recurring: plan this far ahead */
	char		*template;
	int		 template_line;
	char		*for_groups;	/* imports give it to these leads' tasks */
	char		*for_kinds;	/* and to these kinds of schedule */
};

struct template {
	TAILQ_ENTRY(template) entry;
	char		*name;
	int		 line;
	char		*text[JOB_NKINDS];
};

struct config {
	int		 refs;
	char		*path;
	char		*database;
	char		*timezone;
	char		*control_socket;
	char		*public_listen;	/* host:port of the receipt listener */
	char		*public_url;	/* how providers reach that listener */
	int		 public_max_conns;	/* 0: from the descriptor limit */
	int		 public_max_per_addr;
	int64_t		 public_header_timeout;
	int64_t		 public_body_timeout;
	int64_t		 web_upload_max;	/* bytes of files in one web form */
	char		*admin_listen;	/* host:port of the admin API */
	int		 admin_behind_tls;	/* a TLS proxy fronts admin_listen */
	char		*admin_token;	/* secret, from admin_token_file */
	char		*ack_key;	/* secret, from ack_key_file */
	int64_t		 ack_ttl;
	char		*default_policy;
	int		 log_level;
	int		 batch;
	int64_t		 shutdown_grace;
	struct calendar	*calendar;	/* holidays and the year's notices */
	char		*calendar_file;
	int		 calendar_line;
	TAILQ_HEAD(, policy) policies;
	TAILQ_HEAD(, provider_conf) providers;
	TAILQ_HEAD(, template) templates;
};

struct config		*config_load(const char *path, char *err, size_t errlen);
struct config		*config_default(void);
int			 config_host_is_loopback(const char *hostport);
int			 config_addr_allowed(const char *list, const char *addr);
void			 config_ref(struct config *);
void			 config_unref(struct config *);
struct policy		*config_policy(const struct config *, const char *);
struct provider_conf	*config_provider(const struct config *, const char *);
struct template		*config_template(const struct config *, const char *);
void			 config_dump_keys(FILE *);
int			 role_parse(const char *);
const char		*role_name(int);

#endif
