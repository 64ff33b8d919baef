/*
 * cli.c: the command table of nhacviec and the helpers its commands
 * share.  The daemon is told of changes over its control socket; if it is
 * not running the change simply waits in the database for its next start.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <curl/curl.h>

#include "cli.h"
#include "config.h"
#include "nls.h"
#include "store.h"
#include "xmalloc.h"

const struct cli_cmd cli_cmds[] = {
	{ "agency", "add", cmd_agency_add,
	  N_("CODE --name NAME [--parent CODE] [--group G]..."), CLI_WRITES },
	{ "agency", "list", cmd_agency_list, "", CLI_READS },
	{ "contact", "add", cmd_contact_add,
	  N_("--agency CODE --name NAME [--role head|deputy|focal]"
	  " [--phone P]\n"
	  "                    [--zalo UID] [--email E] [--telegram ID]"),
	  CLI_WRITES },
	{ "contact", "list", cmd_contact_list, N_("[--agency CODE]"),
	  CLI_READS },
	{ "plan", "add", cmd_plan_add,
	  N_("CODE --title T [--issuer I] [--date YYYY-MM-DD]\n"
	  "                    [--period YYYY | --from DATE --until DATE]"),
	  CLI_WRITES },
	{ "plan", "list", cmd_plan_list, "", CLI_READS },
	{ "plan", "update", cmd_plan_update,
	  "CODE [--title T] [--period YYYY | --from DATE --until DATE]",
	  CLI_WRITES },
	{ "task", "add", cmd_task_add,
	  N_("--plan CODE --title T --lead CODE\n"
	  "                    (--due WHEN | --every SPEC | --rrule RULE |"
	  " --ongoing [--report SPEC])\n"
	  "                    [--start WHEN] [--quota TEXT]"
	  " [--cooperate CODE,...] [--ref REF] [--policy NAME]"), CLI_WRITES },
	{ "task", "list", cmd_task_list, N_("[--overdue] [--agency CODE]"),
	  CLI_READS },
	{ "task", "start", cmd_task_start, N_("ID [--on WHEN]"), CLI_WRITES },
	{ "task", "show", cmd_task_show, N_("ID"), CLI_READS },
	{ "task", "extend", cmd_task_extend,
	  N_("ID --to WHEN --reason TEXT [--by NAME]"
	  " [--occurrence ACK_CODE]"), CLI_VIA_DAEMON },
	{ "task", "edit", cmd_task_edit, N_("ID --title TEXT"), CLI_WRITES },
	{ "task", "cancel", cmd_task_cancel,
	  N_("ID [--occurrence ACK_CODE] [--reason TEXT] [--by NAME]"),
	  CLI_WRITES },
	{ "done", NULL, cmd_done, N_("ID|ACK_CODE [--by NAME] [--note TEXT]"),
	  CLI_VIA_DAEMON },
	{ "queue", "list", cmd_queue_list, N_("[--state S] [--limit N]"),
	  CLI_READS },
	{ "queue", "show", cmd_queue_show, N_("ID"), CLI_READS },
	{ "queue", "retry", cmd_queue_retry, N_("ID"), CLI_WRITES },
	{ "queue", "cancel", cmd_queue_cancel, N_("ID"), CLI_WRITES },
	{ "status", NULL, cmd_status, "", CLI_READS },
	{ "provider", "auth", cmd_provider_auth, N_("NAME --refresh-token T"),
	  CLI_WRITES },
	{ "provider", "secret", cmd_provider_secret, N_("[NAME]"),
	  CLI_READS },
	{ "calendar", NULL, cmd_calendar, N_("YEAR"), CLI_READS },
	{ "phrase", NULL, cmd_phrase,
	  N_("[--plan-date YYYY-MM-DD] [--year YYYY] PHRASE"), CLI_READS },
	{ "export", "ics", cmd_export, N_("--agency CODE [--url]"),
	  CLI_READS },
	{ "feed", "revoke", cmd_feed_revoke, N_("AGENCY"), CLI_WRITES },
	{ "user", "add", cmd_user_add,
	  N_("NAME --role office|viewer|agency [--agency CODE]\n"
	  "                    [--password-file FILE]"), CLI_WRITES },
	{ "user", "passwd", cmd_user_passwd, N_("NAME [--password-file FILE]"),
	  CLI_WRITES },
	{ "user", "disable", cmd_user_disable, N_("NAME"), CLI_WRITES },
	{ "user", "enable", cmd_user_enable, N_("NAME"), CLI_WRITES },
	{ "user", "list", cmd_user_list, "", CLI_READS },
	{ "user", "link", cmd_user_link, N_("CONTACT-ID [--days N]"),
	  CLI_WRITES },
	{ "user", "revoke", cmd_user_revoke, N_("CONTACT-ID"), CLI_WRITES },
	{ "import", "agencies", cmd_import_agencies,
	  N_("FILE.csv [--dry-run] [--skip-bad]"), CLI_WRITES },
	{ "import", "tasks", cmd_import_tasks,
	  N_("FILE.docx|.xlsx|.csv --plan CODE [--year YYYY] [--policy NAME]\n"
	  "                    [--table N] [--dry-run [--json]] [--skip-bad]"),
	  CLI_WRITES },
	{ "report", NULL, cmd_report,
	  N_("[--from DATE] [--to DATE] [--agency CODE]"
	  " [--format text|csv|html]"), CLI_READS },
	{ "preview", NULL, cmd_preview,
	  N_("[--days N] [--agency CODE] [--task ID]"), CLI_WRITES },
	{ "send-test", NULL, cmd_send_test,
	  N_("--provider NAME --to ADDRESS [--dry-run] TEXT"), CLI_WRITES },
	{ NULL, NULL, NULL, NULL, CLI_WRITES }
};

/* Prints "nhacviec: message" and returns CODE (a sysexits value). */
int
cli_err(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("nhacviec: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int
cli_store_err(struct cli *c)
{
	return cli_err(EX_SOFTWARE, "%s", store_error(c->store));
}

int
cli_usage(const char *noun, const char *verb)
{
	const struct cli_cmd *cmd;

	for (cmd = cli_cmds; cmd->noun != NULL; cmd++)
		if (strcmp(cmd->noun, noun) == 0 && (verb == NULL ||
		    cmd->verb == NULL || strcmp(cmd->verb, verb) == 0))
			fprintf(stderr, _("usage: nhacviec %s%s%s %s\n"),
			    cmd->noun, cmd->verb ? " " : "", cmd->verb ?
			    cmd->verb : "", cli_usage_text(cmd));
	return EX_USAGE;
}

/* A command's arguments in the reader's language ("" stays ""). */
const char *
cli_usage_text(const struct cli_cmd *cmd)
{
	return *cmd->usage != '\0' ? _(cmd->usage) : "";
}

/*
 * A table's header line: NAMES (marked N_()) in the reader's language,
 * each but the last padded to its WIDTHS column and a space, counting
 * characters so a Vietnamese header lines up as the English one does.
 */
void
cli_header(int n, const char *const names[], const int widths[])
{
	int i;

	for (i = 0; i < n - 1; i++) {
		cli_pad(_(names[i]), widths[i], 0);
		putchar(' ');
	}
	printf("%s\n", _(names[n - 1]));
}

/* A JSON string, or null for an absent value (jansson refuses NULL). */
json_t *
cli_jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

void
cli_print_json(json_t *j)
{
	if (j == NULL) {
		fputs("null\n", stdout);
		return;
	}
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

/*
 * CURLOPT_WRITEFUNCTION that gathers a reply into a struct cli_buf.  Past
 * 1 MiB the rest is dropped: no answer this tool reads is that long.
 */
size_t
cli_buf_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct cli_buf *b = arg;
	size_t n = size * nmemb;

	if (b->n + n > 1 << 20)
		return n;
	b->p = xreallocarray(b->p, 1, b->n + n + 1);
	memcpy(b->p + b->n, ptr, n);
	b->n += n;
	b->p[b->n] = '\0';
	return n;
}

/* One request to the control socket; returns the HTTP status or -1. */
static long
control_call(struct cli *c, const char *path, int post, struct cli_buf *b)
{
	CURL *e;
	char url[256];
	long status = -1;

	if ((e = curl_easy_init()) == NULL)
		return -1;
	snprintf(url, sizeof(url), "http://localhost%s", path);
	curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, c->conf->control_socket);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 3000L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, cli_buf_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, b);
	if (post) {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
	}
	if (curl_easy_perform(e) == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(e);
	return status;
}

/*
 * A call to the admin API over the control socket: METHOD PATH with BODY
 * as JSON (NULL: none), the answer's JSON in *REPLY (the caller's, NULL
 * if none).  Returns the HTTP status, or -1 if the daemon did not answer.
 */
long
cli_api(struct cli *c, const char *method, const char *path, json_t *body,
    json_t **reply)
{
	struct curl_slist *h = NULL;
	struct cli_buf b = { NULL, 0 };
	char url[512], *json = NULL;
	long status = -1;
	CURL *e;

	*reply = NULL;
	if ((e = curl_easy_init()) == NULL)
		return -1;
	snprintf(url, sizeof(url), "http://localhost%s", path);
	curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, c->conf->control_socket);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, cli_buf_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
	if (body != NULL) {
		if ((json = json_dumps(body, JSON_COMPACT)) == NULL)
			goto out;
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, json);
	}
	if (curl_easy_perform(e) == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	if (b.p != NULL)
		*reply = json_loads(b.p, 0, NULL);
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(e);
	free(json);
	free(b.p);
	return status;
}

/* The error the daemon answered a call with (J is freed), for the user. */
int
cli_api_err(long status, json_t *j)
{
	const char *e = json_string_value(json_object_get(j, "error"));
	int rc;

	if (e != NULL)
		rc = cli_err(status == 409 || status == 400 ? EX_DATAERR :
		    EX_SOFTWARE, "%s", e);
	else
		rc = cli_err(EX_SOFTWARE, _("the daemon answered %ld"), status);
	json_decref(j);
	return rc;
}

/*
 * The change could not be made: the database is read-only for this user
 * and the daemon, through which its changes go, does not answer.
 */
int
cli_no_daemon(struct cli *c)
{
	return cli_err(EX_UNAVAILABLE, _("the database %s is read-only for "
	    "this user (uid %u), so changes go through the daemon's control "
	    "socket %s, and no daemon answers there: start nhacviecd "
	    "(systemctl start nhacviecd) and try again"), c->conf->database,
	    (unsigned)getuid(), c->conf->control_socket);
}

/* Asks a running daemon to look at the database now; 1 if it answered. */
int
cli_wake(struct cli *c)
{
	struct cli_buf b = { NULL, 0 };
	long st = control_call(c, "/v1/wake", 1, &b);

	free(b.p);
	return st == 200;
}

/* The daemon's live status, or NULL if it is not running. */
json_t *
cli_daemon_status(struct cli *c)
{
	struct cli_buf b = { NULL, 0 };
	json_t *j = NULL;

	if (control_call(c, "/v1/status", 0, &b) == 200 && b.p != NULL)
		j = json_loads(b.p, 0, NULL);
	free(b.p);
	return j;
}

/*
 * Prints S in WIDTH columns, left-aligned, or right-aligned with RIGHT,
 * counting UTF-8 characters rather than bytes so Vietnamese lines up.
 */
void
cli_pad(const char *s, int width, int right)
{
	const char *p;
	int n = 0;

	for (p = s; *p != '\0'; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (!right)
		fputs(s, stdout);
	for (; n < width; n++)
		putchar(' ');
	if (right)
		fputs(s, stdout);
}
