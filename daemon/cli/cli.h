/*
 * cli.h: what the nhacviec subcommands share: the open config and
 * database, output in text or JSON, errors with sysexits codes, and the
 * control-socket calls that tell a running daemon about a change.
 */
#ifndef NV_CLI_H
#define NV_CLI_H

#include <jansson.h>

struct config;
struct store;

struct cli {
	struct config	*conf;
	struct store	*store;
	int		 json;
	/*
	 * The database is read-only for this user (a member of the group
	 * nhacviec): reads are direct, changes go through the daemon.
	 */
	int		 readonly;
};

/* A reply body gathered by cli_buf_write(). */
struct cli_buf {
	char		*p;
	size_t		 n;
};

/* What a command needs of the database, for a user who may only read it. */
enum cli_access {
	CLI_WRITES = 0,		/* writes it directly: refused */
	CLI_READS,		/* reads only */
	CLI_VIA_DAEMON,		/* changes it through the daemon's socket */
};

struct cli_cmd {
	const char	*noun;
	const char	*verb;		/* NULL: the noun alone is the command */
	int		(*fn)(struct cli *, int, char **);
	const char	*usage;
	enum cli_access	 access;
};

extern const struct cli_cmd cli_cmds[];

int	 cli_err(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 cli_usage(const char *noun, const char *verb);
const char *cli_usage_text(const struct cli_cmd *);
void	 cli_print_json(json_t *);
json_t	*cli_jstr(const char *);
size_t	 cli_buf_write(char *, size_t, size_t, void *);
int	 cli_wake(struct cli *);
long	 cli_api(struct cli *, const char *method, const char *path,
	    json_t *body, json_t **reply);
int	 cli_api_err(long status, json_t *);
int	 cli_no_daemon(struct cli *);
json_t	*cli_daemon_status(struct cli *);
int	 cli_store_err(struct cli *);

int	cmd_agency_add(struct cli *, int, char **);
int	cmd_phrase(struct cli *, int, char **);
int	cmd_agency_list(struct cli *, int, char **);
int	cmd_contact_add(struct cli *, int, char **);
int	cmd_contact_list(struct cli *, int, char **);
int	cmd_plan_add(struct cli *, int, char **);
int	cmd_plan_list(struct cli *, int, char **);
int	cmd_plan_update(struct cli *, int, char **);
int	cmd_task_add(struct cli *, int, char **);
int	cmd_task_list(struct cli *, int, char **);
int	cmd_task_start(struct cli *, int, char **);
int	cmd_task_show(struct cli *, int, char **);
int	cmd_task_extend(struct cli *, int, char **);
int	cmd_task_cancel(struct cli *, int, char **);
int	cmd_task_edit(struct cli *, int, char **);
int	cmd_done(struct cli *, int, char **);
int	cmd_queue_list(struct cli *, int, char **);
int	cmd_queue_show(struct cli *, int, char **);
int	cmd_queue_retry(struct cli *, int, char **);
int	cmd_queue_cancel(struct cli *, int, char **);
int	cmd_status(struct cli *, int, char **);
int	cmd_provider_auth(struct cli *, int, char **);
int	cmd_provider_secret(struct cli *, int, char **);
int	cmd_report(struct cli *, int, char **);
int	cmd_export(struct cli *, int, char **);
int	cmd_feed_revoke(struct cli *, int, char **);
int	cmd_import_agencies(struct cli *, int, char **);
int	cmd_import_tasks(struct cli *, int, char **);
void	cli_pad(const char *, int width, int right);
void	cli_header(int, const char *const [], const int []);
int	cmd_calendar(struct cli *, int, char **);
int	cmd_preview(struct cli *, int, char **);
int	cmd_send_test(struct cli *, int, char **);
int	cmd_user_add(struct cli *, int, char **);
int	cmd_user_passwd(struct cli *, int, char **);
int	cmd_user_disable(struct cli *, int, char **);
int	cmd_user_enable(struct cli *, int, char **);
int	cmd_user_list(struct cli *, int, char **);
int	cmd_user_link(struct cli *, int, char **);
int	cmd_user_revoke(struct cli *, int, char **);

#endif
