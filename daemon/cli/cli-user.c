/*
 * cli-user.c: the web pages' people.  "user add" creates the tracking
 * office's accounts (the first one can only come from here), "user link"
 * prints an agency contact's personal link, and "user revoke" ends every
 * link and session of a contact, as when a phone is lost or a head
 * leaves.  Passwords are read from a file or the terminal, never from
 * the command line, where ps and the shell's history would show them.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "nls.h"
#include "password.h"
#include "safetext.h"
#include "store.h"
#include "store-web.h"
#include "tztime.h"
#include "weblink.h"

/* Account names: what a person types at the sign-in form. */
static int
name_ok(const char *n)
{
	size_t len = strlen(n);

	return len >= 2 && len <= 64 && strspn(n, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-") == len;
}

static const char *
actor(char *buf, size_t len)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("SUDO_USER");

	/* Who ran sudo, else who runs this: the audit log's "who". */
	if (u == NULL && pw != NULL)
		u = pw->pw_name;
	snprintf(buf, len, "cli:%s", u != NULL ? u : "?");
	return buf;
}

/* One line of FP into BUF without its newline; 0 or -1. */
static int
read_line(FILE *fp, char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, fp) == NULL)
		return -1;
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return -1;		/* longer than the buffer */
	buf[n] = '\0';
	return 0;
}

/* A line from the terminal, not echoed. */
static int
prompt(const char *what, char *buf, size_t len)
{
	struct termios t, quiet;
	int rc;

	fprintf(stderr, "%s: ", what);
	if (tcgetattr(STDIN_FILENO, &t) == -1)
		return -1;
	quiet = t;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = read_line(stdin, buf, len);
	(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
	fputc('\n', stderr);
	return rc;
}

/*
 * The new password, from FILE (its first line), the terminal (asked
 * twice) or standard input (its first line); its hash into HASH.
 */
static int
new_password(const char *file, char *hash, size_t hlen)
{
	char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2];
	const char *weak;
	FILE *fp;
	int rc = EX_DATAERR;

	pw[0] = again[0] = '\0';
	if (file != NULL) {
		if ((fp = fopen(file, "r")) == NULL)
			return cli_err(EX_NOINPUT, _("--password-file: %s: %s"),
			    file, strerror(errno));
		rc = read_line(fp, pw, sizeof(pw));
		fclose(fp);
		if (rc == -1) {
			cli_err(EX_DATAERR, _("--password-file: %s: no password "
			    "on its first line, or longer than 256 bytes"),
			    file);
			rc = EX_DATAERR;
			goto out;
		}
	} else if (isatty(STDIN_FILENO)) {
		if (prompt(_("New password / Mật khẩu mới"), pw,
		    sizeof(pw)) == -1 || prompt(_("Again / Nhập lại"), again,
		    sizeof(again)) == -1) {
			cli_err(EX_NOINPUT, _("no password read"));
			rc = EX_NOINPUT;
			goto out;
		}
		if (strcmp(pw, again) != 0) {
			cli_err(EX_DATAERR, _("the two passwords differ / hai "
			    "mật khẩu không khớp"));
			rc = EX_DATAERR;
			goto out;
		}
	} else if (read_line(stdin, pw, sizeof(pw)) == -1) {
		cli_err(EX_NOINPUT, _("no password on standard input"));
		rc = EX_NOINPUT;
		goto out;
	}
	if ((weak = password_weak(pw)) != NULL) {
		cli_err(EX_DATAERR, _("password refused: %s"), weak);
		rc = EX_DATAERR;
		goto out;
	}
	if (password_hash(pw, hash, hlen) == -1) {
		cli_err(EX_SOFTWARE, _("hashing the password failed"));
		rc = EX_SOFTWARE;
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(again, sizeof(again));
	return rc;
}

int
cmd_user_add(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "agency", required_argument, NULL, 'a' },
		{ "password-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *agency = NULL, *file = NULL, *name;
	char hash[PASSWORD_HASH_MAX], who[80], detail[160];
	enum web_role role = WR_NONE;
	int64_t agency_id = 0, id;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (web_role_parse(optarg, &role) == -1 ||
			    role == WR_NONE)
				return cli_err(EX_USAGE, _("--role: expected "
				    "office, viewer or agency, not \"%s\""),
				    optarg);
			break;
		case 'a':
			agency = optarg;
			break;
		case 'p':
			file = optarg;
			break;
		default:
			return cli_usage("user", "add");
		}
	}
	if (optind + 1 != argc || role == WR_NONE)
		return cli_usage("user", "add");
	name = argv[optind];
	if (!name_ok(name))
		return cli_err(EX_DATAERR, _("NAME: \"%s\": use 2 to 64 letters "
		    "without accents, digits, '.', '_', '@' or '-' / tên đăng "
		    "nhập chỉ gồm chữ không dấu, số, '.', '_', '@', '-'"),
		    text_tty(name));
	if ((role == WR_AGENCY) != (agency != NULL))
		return cli_err(EX_USAGE, _("--agency CODE goes with --role "
		    "agency, and only with it"));
	if (agency != NULL && (rc = store_agency_get(c->store, agency,
	    &agency_id, NULL)) != 1)
		return rc == -1 ? cli_store_err(c) : cli_err(EX_DATAERR,
		    _("--agency: unknown agency \"%s\""), text_tty(agency));
	if ((rc = store_wuser_get(c->store, name, NULL, NULL)) == 1)
		return cli_err(EX_DATAERR, _("user \"%1$s\" exists already / "
		    "đã có tài khoản \"%1$s\""), name);
	if (rc == -1)
		return cli_store_err(c);
	if ((rc = new_password(file, hash, sizeof(hash))) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "added %s, role %s", name,
	    web_role_name(role));
	if (store_begin(c->store) == -1 ||
	    store_wuser_add(c->store, name, role, agency_id, hash,
	    clock_now(), &id) == -1 ||
	    store_event_by(c->store, EV_WEB_USER, 0, actor(who, sizeof(who)),
	    detail, clock_now()) == -1 || store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "id",
		    (json_int_t)id, "name", name, "role", web_role_name(role)));
	else
		printf(_("user %s added, role %s; sign in at %s/w/login\n"),
		    name, web_role_name(role), c->conf->public_url != NULL ?
		    c->conf->public_url : "PUBLIC_URL");
	return 0;
}

struct found_user {
	int64_t		 id;
	int		 disabled;
};

static void
found_cb(void *arg, const struct wuser_row *u)
{
	struct found_user *f = arg;

	f->id = u->id;
	f->disabled = u->disabled;
}

static int
find_user(struct cli *c, const char *name, struct found_user *f)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = store_wuser_get(c->store, name, found_cb, f)) == -1)
		return cli_store_err(c);
	if (rc == 0)
		return cli_err(EX_DATAERR, _("no user \"%1$s\" / không có tài "
		    "khoản \"%1$s\""), text_tty(name));
	return 0;
}

int
cmd_user_passwd(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "password-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *file = NULL;
	char hash[PASSWORD_HASH_MAX], who[80];
	struct found_user f;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch != 'p')
			return cli_usage("user", "passwd");
		file = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage("user", "passwd");
	if ((rc = find_user(c, argv[optind], &f)) != 0 ||
	    (rc = new_password(file, hash, sizeof(hash))) != 0)
		return rc;
	/* A new password signs out whoever knew the old one. */
	if (store_begin(c->store) == -1 ||
	    store_wuser_set_pw(c->store, f.id, hash) == -1 ||
	    store_wsess_del_user(c->store, f.id) == -1 ||
	    store_event_by(c->store, EV_WEB_USER, 0, actor(who, sizeof(who)),
	    "password changed", clock_now()) == -1 ||
	    store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	printf(_("password of %s changed; its sessions are closed\n"),
	    argv[optind]);
	return 0;
}

static int
set_disabled(struct cli *c, int argc, char **argv, int disabled)
{
	struct found_user f;
	char who[80];
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage("user", disabled ? "disable" : "enable");
	if ((rc = find_user(c, argv[1], &f)) != 0)
		return rc;
	if (store_begin(c->store) == -1 ||
	    store_wuser_disable(c->store, f.id, disabled) == -1 ||
	    (disabled && store_wsess_del_user(c->store, f.id) == -1) ||
	    store_event_by(c->store, EV_WEB_USER, 0, actor(who, sizeof(who)),
	    disabled ? "disabled" : "enabled", clock_now()) == -1 ||
	    store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	printf(disabled ? _("user %s disabled; its sessions are closed\n") :
	    _("user %s enabled\n"), argv[1]);
	return 0;
}

int
cmd_user_disable(struct cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 1);
}

int
cmd_user_enable(struct cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 0);
}

struct list {
	struct cli	*c;
	json_t		*arr;
	char		 agency[32];
};

static void
agency_code_cb(void *arg, const struct agency_row *a)
{
	struct list *l = arg;

	snprintf(l->agency, sizeof(l->agency), "%s", a->code);
}

static void
list_cb(void *arg, const struct wuser_row *u)
{
	struct list *l = arg;
	char since[32];

	l->agency[0] = '\0';
	if (u->agency_id != 0)
		(void)store_agency_by_id(l->c->store, u->agency_id,
		    agency_code_cb, l);
	if (l->arr != NULL) {
		json_array_append_new(l->arr, json_pack("{s:I, s:s, s:s, s:o,"
		    " s:b}", "id", (json_int_t)u->id, "name", u->name,
		    "role", web_role_name(u->role), "agency",
		    l->agency[0] != '\0' ? json_string(l->agency) : json_null(),
		    "disabled", u->disabled));
		return;
	}
	fmt_local_date(u->created_at, since, sizeof(since));
	printf("%-24s %-8s %-12s %-10s %s\n", text_tty(u->name),
	    web_role_name(u->role), l->agency[0] != '\0' ? l->agency : "-",
	    since, u->disabled ? _("disabled") : "");
}

int
cmd_user_list(struct cli *c, int argc, char **argv)
{
	struct list l;

	if (argc != 1)
		return cli_usage("user", "list");
	memset(&l, 0, sizeof(l));
	l.c = c;
	if (c->json)
		l.arr = json_array();
	else
		printf("%-24s %-8s %-12s %-10s\n", _("NAME"), _("ROLE"),
		    _("AGENCY"), _("SINCE"));
	if (store_wuser_list(c->store, list_cb, &l) == -1) {
		json_decref(l.arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(l.arr);
	return 0;
}

/* CONTACT as an id: 0 when it is not one. */
static int64_t
contact_arg(const char *s)
{
	char *end;
	long long v;

	if (*s < '1' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

int
cmd_user_link(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct weblink_claim cl;
	char url[512], who[80], detail[64];
	long days = WEBLINK_DAYS;
	int64_t contact;
	char *end;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch != 'd')
			return cli_usage("user", "link");
		days = strtol(optarg, &end, 10);
		if (*end != '\0' || days < 1 || days > 366)
			return cli_err(EX_USAGE, _("--days: expected 1 to 366, "
			    "not \"%s\""), optarg);
	}
	if (optind + 1 != argc)
		return cli_usage("user", "link");
	if ((contact = contact_arg(argv[optind])) == 0)
		return cli_err(EX_USAGE, _("CONTACT: expected a contact id "
		    "(see \"nhacviec contact list\"), not \"%s\""),
		    text_tty(argv[optind]));
	if (c->conf->public_url == NULL || c->conf->ack_key == NULL)
		return cli_err(EX_CONFIG, _("a personal link needs [daemon] "
		    "public_url and ack_key_file in %s"), c->conf->path);
	memset(&cl, 0, sizeof(cl));
	cl.contact_id = contact;
	if ((rc = store_link_version(c->store, contact, &cl.version)) == -1)
		return cli_store_err(c);
	if (rc == 0)
		return cli_err(EX_DATAERR, _("no active contact %1$lld / không "
		    "có người nhận %1$lld"), (long long)contact);
	cl.expires = clock_now() + days * 86400;
	if (weblink_url(c->conf->public_url, c->conf->ack_key, &cl, url,
	    sizeof(url)) == NULL)
		return cli_err(EX_SOFTWARE, _("the link does not fit"));
	snprintf(detail, sizeof(detail), "link issued for %ld days", days);
	if (store_event_by(c->store, EV_WEB_LINK, 0, actor(who, sizeof(who)),
	    detail, clock_now()) == -1)
		return cli_store_err(c);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:I}", "contact",
		    (json_int_t)contact, "url", url, "expires",
		    (json_int_t)cl.expires));
	else
		printf("%s\n", url);
	return 0;
}

int
cmd_user_revoke(struct cli *c, int argc, char **argv)
{
	char who[80];
	int64_t contact;
	int rc;

	if (argc != 2 || (contact = contact_arg(argv[1])) == 0)
		return cli_usage("user", "revoke");
	if (store_begin(c->store) == -1 ||
	    (rc = store_link_bump(c->store, contact)) == -1 ||
	    store_event_by(c->store, EV_WEB_LINK, 0, actor(who, sizeof(who)),
	    "links revoked", clock_now()) == -1 ||
	    store_commit(c->store) == -1) {
		store_rollback(c->store);
		return cli_store_err(c);
	}
	if (rc == 0)
		return cli_err(EX_DATAERR, _("no contact %1$lld / không có người "
		    "nhận %1$lld"), (long long)contact);
	printf(_("links and sessions of contact %lld revoked\n"),
	    (long long)contact);
	return 0;
}
