/*
 * config.c: loads the INI file through inih, section by section, checks
 * every key against the table in config-table.c, then checks what only
 * the whole file can tell (references between sections, secrets in a
 * file others can read).  Every error names the file, the line and the key.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "config.h"
#include "config-table.h"
#include "holiday.h"
#include "log.h"
#include "provider.h"
#include "sendwin.h"
#include "tmpl.h"
#include "xmalloc.h"
#include "nls.h"

struct parse_state {
	struct config	*conf;
	FILE		*fp;
	int		 line;		/* the line inih is handling */
	int		 err_line;
	const char	*file;		/* for the errors after the first */
	char		 more[CONF_ERRLEN];	/* those, one a line */
	int		 secret_line;	/* first line holding a secret */
	const char	*secret_key;	/* and its key */
	int		 calendar_only;	/* parsing an included calendar file */
	char		 err[CONF_ERRLEN];
};

/*
 * Whether ADDR is in LIST, addresses and networks separated by commas
 * or spaces: 1 yes (or no LIST), 0 no, -1 LIST is malformed.  With ADDR
 * NULL it only checks LIST.
 */
int
config_addr_allowed(const char *list, const char *addr)
{
	unsigned char want[16], got[16];
	char item[64], *slash;
	const char *p = list;
	int af, gaf = 0, bits, max, i, hit = 0;
	size_t n;

	if (list == NULL)
		return 1;
	if (addr != NULL) {
		gaf = strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
		if (inet_pton(gaf, addr, got) != 1)
			return 0;
	}
	for (;;) {
		p += strspn(p, ", \t");
		if (*p == '\0')
			break;
		n = strcspn(p, ", \t");
		if (n >= sizeof(item))
			return -1;
		memcpy(item, p, n);
		item[n] = '\0';
		p += n;
		af = strchr(item, ':') != NULL ? AF_INET6 : AF_INET;
		max = af == AF_INET6 ? 128 : 32;
		bits = max;
		if ((slash = strchr(item, '/')) != NULL) {
			*slash++ = '\0';
			if (*slash == '\0' || strspn(slash, "0123456789") !=
			    strlen(slash) || strlen(slash) > 3 ||
			    (bits = atoi(slash)) > max)
				return -1;
		}
		if (inet_pton(af, item, want) != 1)
			return -1;
		if (addr == NULL || af != gaf)
			continue;
		for (i = 0; i < bits / 8; i++)
			if (want[i] != got[i])
				break;
		if (i < bits / 8)
			continue;
		if (bits % 8 != 0 && ((want[i] ^ got[i]) &
		    (0xff << (8 - bits % 8)) & 0xff) != 0)
			continue;
		hit = 1;
	}
	return hit;
}

/*
 * Whether HOSTPORT's host is a loopback address: 127.0.0.0/8, ::1 or
 * localhost, compared whole.
 */
int
config_host_is_loopback(const char *hostport)
{
	const char *colon = strrchr(hostport, ':');
	char host[64];
	struct in_addr a4;
	size_t n;

	if (colon == NULL)
		return 0;
	n = (size_t)(colon - hostport);
	if (n >= sizeof(host))
		return 0;
	memcpy(host, hostport, n);
	host[n] = '\0';
	if (strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
	    strcmp(host, "::1") == 0)
		return 1;
	return inet_pton(AF_INET, host, &a4) == 1 &&
	    (ntohl(a4.s_addr) >> 24) == 127;
}

static void	 apply_defaults(enum conf_section, void *, struct config *);
static void	*section_base(struct parse_state *, const char *, const char *,
		    enum conf_section *);

/* inih reads through this so we know which line each callback is for. */
static char *
reader(char *str, int num, void *stream)
{
	struct parse_state *ps = stream;
	char *r = fgets(str, num, ps->fp);

	if (r != NULL)
		ps->line++;
	return r;
}

static void
seterr(struct parse_state *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
seterr(struct parse_state *ps, const char *fmt, ...)
{
	va_list ap;

	char msg[CONF_ERRLEN];
	size_t n = strlen(ps->more);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->err_line == 0) {
		ps->err_line = ps->line;
		snprintf(ps->err, sizeof(ps->err), "%s", msg);
		return;
	}
	/* Every error of the file, so one run of -t shows them all. */
	if (n + strlen(msg) + 64 < sizeof(ps->more))
		snprintf(ps->more + n, sizeof(ps->more) - n, "\n%s:%d: %s",
		    ps->file, ps->line, msg);
	else if (n + 16 < sizeof(ps->more) && strstr(ps->more, "\n...") ==
	    NULL)
		snprintf(ps->more + n, sizeof(ps->more) - n, "\n...");
}

/* Runs each key's default through its parser, so defaults are checked. */
static void
apply_defaults(enum conf_section sec, void *base, struct config *c)
{
	const struct conf_key *k;
	char err[CONF_ERRLEN];

	for (k = conf_keys; k->key != NULL; k++) {
		if (k->section != sec || k->def == NULL)
			continue;
		if (k->parse(base, k, k->def, err, sizeof(err)) == -1)
			fatalx("built-in default of %s is bad: %s", k->key, err);
	}
}

static struct policy *
policy_new(struct config *c, const char *name, int line)
{
	struct policy *p = xcalloc(1, sizeof(*p));

	p->name = xstrdup(name);
	p->line = line;
	apply_defaults(SEC_POLICY, p, c);
	TAILQ_INSERT_TAIL(&c->policies, p, entry);
	return p;
}

static struct template *
template_new(struct config *c, const char *name, int line)
{
	struct template *t = xcalloc(1, sizeof(*t));

	t->name = xstrdup(name);
	t->line = line;
	apply_defaults(SEC_TEMPLATE, t, c);
	TAILQ_INSERT_TAIL(&c->templates, t, entry);
	return t;
}

static struct provider_conf *
provider_new(struct config *c, const char *name, int line)
{
	struct provider_conf *pc = xcalloc(1, sizeof(*pc));

	pc->name = xstrdup(name);
	pc->line = line;
	apply_defaults(SEC_PROVIDER, pc, c);
	TAILQ_INSERT_TAIL(&c->providers, pc, entry);
	return pc;
}

/* Finds or creates the struct for "[kind NAME]". */
static void *
section_base(struct parse_state *ps, const char *section, const char *key,
    enum conf_section *secp)
{
	struct config *c = ps->conf;
	char kind[32];
	const char *name, *s;
	void *base;
	int i;

	name = strchr(section, ' ');
	snprintf(kind, sizeof(kind), "%.*s",
	    (int)(name ? (size_t)(name - section) : strlen(section)), section);
	while (name != NULL && *name == ' ')
		name++;
	for (i = 0; i < SEC_NSECTIONS; i++)
		if (strcmp(kind, conf_section_names[i]) == 0)
			break;
	if (i == SEC_NSECTIONS) {
		seterr(ps, _("[%s]: unknown section (daemon, policy NAME, "
		    "provider NAME, template NAME, calendar)"), section);
		return NULL;
	}
	*secp = (enum conf_section)i;
	if (i == SEC_DAEMON || i == SEC_CALENDAR) {
		if (name != NULL && *name != '\0') {
			seterr(ps, _("[%s]: [%s] takes no name"), section,
			    kind);
			return NULL;
		}
		if (ps->calendar_only && i != SEC_CALENDAR) {
			seterr(ps, _("[%s]: a calendar file holds only "
			    "[calendar]"), section);
			return NULL;
		}
		return c;
	}
	if (ps->calendar_only) {
		seterr(ps, _("[%s]: a calendar file holds only [calendar]"),
		    section);
		return NULL;
	}
	if (name == NULL || *name == '\0') {
		seterr(ps, _("[%s]: a name is needed, as in [%s NAME]"),
		    section, kind);
		return NULL;
	}
	for (s = name; *s != '\0'; s++)
		if (!(*s == '-' || *s == '_' || (*s >= '0' && *s <= '9') ||
		    (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
			seterr(ps, _("[%s]: names use letters, digits, - and "
			    "_"), section);
			return NULL;
		}
	switch (i) {
	case SEC_POLICY:
		if ((base = config_policy(c, name)) == NULL)
			base = policy_new(c, name, ps->line);
		return base;
	case SEC_PROVIDER:
		if ((base = config_provider(c, name)) == NULL)
			base = provider_new(c, name, ps->line);
		return base;
	default:
		if ((base = config_template(c, name)) == NULL)
			base = template_new(c, name, ps->line);
		return base;
	}
}

static int
handler(void *user, const char *section, const char *key, const char *value)
{
	struct parse_state *ps = user;
	const struct conf_key *k;
	enum conf_section sec;
	char err[CONF_ERRLEN];
	void *base;

	if ((base = section_base(ps, section, key, &sec)) == NULL)
		return 0;
	if ((k = conf_key_find(sec, key)) == NULL) {
		seterr(ps, _("%s: unknown key in [%s]"), key, section);
		return 0;
	}
	if (k->parse(base, k, value, err, sizeof(err)) == -1) {
		seterr(ps, "%s: %s", key, err);
		return 0;
	}
	if ((k->flags & CK_SECRET) && ps->secret_line == 0) {
		ps->secret_line = ps->line;
		ps->secret_key = k->key;
	}
	if (sec == SEC_POLICY && strcmp(key, "channels") == 0)
		((struct policy *)base)->channels_line = ps->line;
	if (sec == SEC_POLICY && strcmp(key, "template") == 0)
		((struct policy *)base)->template_line = ps->line;
	if (sec == SEC_CALENDAR && strcmp(key, "file") == 0) {
		if (ps->calendar_only) {
			seterr(ps, _("file: a calendar file cannot include "
			    "another"));
			return 0;
		}
		ps->conf->calendar_line = ps->line;
	}
	return 1;
}

static struct config *
config_new(void)
{
	struct config *c = xcalloc(1, sizeof(*c));

	c->refs = 1;
	c->calendar = calendar_new();
	TAILQ_INIT(&c->policies);
	TAILQ_INIT(&c->providers);
	TAILQ_INIT(&c->templates);
	apply_defaults(SEC_DAEMON, c, c);
	return c;
}

/*
 * Adds what a file need not spell out: a "default" policy and template,
 * and a console provider named "console" if a policy uses it undeclared.
 */
static void
add_implicit(struct config *c)
{
	const struct provider_ops *ops;
	struct policy *p;
	struct provider_conf *pc;
	int i;

	if (config_policy(c, c->default_policy) == NULL &&
	    strcmp(c->default_policy, "default") == 0)
		policy_new(c, "default", 0);
	if (config_template(c, "default") == NULL)
		template_new(c, "default", 0);
	TAILQ_FOREACH(p, &c->policies, entry)
		for (i = 0; i < p->nchannels; i++)
			if (config_provider(c, p->channels[i]) == NULL &&
			    (ops = provider_find(p->channels[i])) != NULL &&
			    (ops->flags & PROV_F_IMPLICIT)) {
				pc = provider_new(c, p->channels[i], 0);
				pc->type = xstrdup(ops->name);
			}
}

/* Cross-section checks; returns the line at fault or -1 if all is well. */
static int
validate(struct config *c, char *err, size_t errlen)
{
	struct policy *p;
	struct provider_conf *pc;
	struct template *t;
	int i;

	TAILQ_FOREACH(pc, &c->providers, entry) {
		if (pc->type == NULL) {
			snprintf(err, errlen, _("type: [provider %s] needs a "
			    "type (console, webhook, http, telegram, esms, "
			    "speedsms, twilio, smtp, zalo_zns, zalo_oa)"),
			    pc->name);
			return pc->line;
		}
		if ((pc->ops = provider_find(pc->type)) == NULL) {
			snprintf(err, errlen, _("type: unknown provider type "
			    "\"%s\" in [provider %s]"), pc->type, pc->name);
			return pc->line;
		}
		if (pc->address == NULL)
			pc->address = xstrdup(pc->ops->address);
		if (pc->retry_max < pc->retry_base) {
			snprintf(err, errlen, _("retry_max: shorter than "
			    "retry_base in [provider %s]"), pc->name);
			return pc->line;
		}
		if (pc->ops->check != NULL &&
		    pc->ops->check(pc, err, errlen) == -1)
			return pc->line;
		/* Above the API's own limit, every extra request is a 429. */
		if (pc->ops->max_rate > 0 && (pc->rate == 0 ||
		    pc->rate > pc->ops->max_rate))
			pc->rate = pc->ops->max_rate;
		if (pc->ops->max_burst > 0 && pc->burst > pc->ops->max_burst)
			pc->burst = pc->ops->max_burst;
	}
	if (c->public_url != NULL && strncmp(c->public_url, "https://", 8) !=
	    0 && strncmp(c->public_url, "http://", 7) != 0) {
		snprintf(err, errlen, _("public_url: \"%s\" is not an http(s) "
		    "URL"), c->public_url);
		return 0;
	}
	if (c->admin_listen != NULL && !c->admin_behind_tls &&
	    !config_host_is_loopback(c->admin_listen)) {
		snprintf(err, errlen, _("admin_listen: \"%s\" is not a "
		    "loopback address; the token would cross the network in "
		    "the clear. Put a TLS proxy in front and set "
		    "admin_tls_proxy = yes"), c->admin_listen);
		return 0;
	}
	if (c->admin_listen != NULL && (c->admin_token == NULL ||
	    strlen(c->admin_token) < 16)) {
		snprintf(err, errlen, _("admin_token_file: admin_listen needs "
		    "a token of 16 or more characters (nhacviec provider "
		    "secret makes one)"));
		return 0;
	}
	TAILQ_FOREACH(t, &c->templates, entry)
		for (i = 0; i < JOB_NKINDS; i++)
			if (t->text[i] != NULL && (strstr(t->text[i],
			    "ack_url") != NULL || strstr(t->text[i],
			    "web_url") != NULL) && (c->public_url == NULL ||
			    c->ack_key == NULL)) {
				snprintf(err, errlen, _("%s: [template %s] "
				    "uses {{ack_url}} or {{web_url}}, which need "
				    "[daemon] public_url and ack_key_file"),
				    job_kind_name(i), t->name);
				return t->line;
			}
	if (c->ack_key != NULL && strlen(c->ack_key) < 32) {
		snprintf(err, errlen, _("ack_key_file: the key needs 32 or "
		    "more characters (nhacviec provider secret makes one)"));
		return 0;
	}
	/* Paths are appended to it: "https://x/" and "https://x" agree. */
	while (c->public_url != NULL && strlen(c->public_url) > 8 &&
	    c->public_url[strlen(c->public_url) - 1] == '/')
		c->public_url[strlen(c->public_url) - 1] = '\0';
	TAILQ_FOREACH(pc, &c->providers, entry) {
		const char *q;

		if (pc->callback_from != NULL &&
		    config_addr_allowed(pc->callback_from, NULL) == -1) {
			snprintf(err, errlen, _("callback_from: [provider %s] "
			    "\"%s\" is not a list of addresses or networks "
			    "(192.0.2.10, 192.0.2.0/24, 2001:db8::/32)"),
			    pc->name, pc->callback_from);
			return pc->line;
		}
		if (pc->callback_secret == NULL)
			continue;
		for (q = pc->callback_secret; *q != '\0'; q++)
			if (!isalnum((unsigned char)*q) && *q != '-' &&
			    *q != '_')
				break;
		if (*q != '\0' || strlen(pc->callback_secret) < 16) {
			snprintf(err, errlen, _("callback_secret: [provider "
			    "%s] needs 16 or more letters, digits, - or _ "
			    "(\"nhacviec provider secret\" makes one)"),
			    pc->name);
			return pc->line;
		}
		if (pc->ops->receipt == NULL) {
			snprintf(err, errlen, _("callback_secret: providers of "
			    "type %s send no receipts"), pc->type);
			return pc->line;
		}
		if (c->public_listen == NULL) {
			snprintf(err, errlen, _("callback_secret: [provider "
			    "%s] takes receipts, but [daemon] public_listen is "
			    "not set"), pc->name);
			return pc->line;
		}
		/* Signatures cover the URL called, so it must be known. */
		if (c->public_url == NULL && pc->ops != NULL &&
		    (pc->ops->flags & PROV_F_SIGNED)) {
			snprintf(err, errlen, _("callback_secret: [provider "
			    "%s] needs [daemon] public_url to check %s's "
			    "signatures"), pc->name, pc->type);
			return pc->line;
		}
		if (c->public_url != NULL)
			xasprintf(&pc->callback_url, "%s/cb/%s/%s",
			    c->public_url, pc->name, pc->callback_secret);
	}
	/* Token owners are resolved once every section is known. */
	TAILQ_FOREACH(pc, &c->providers, entry) {
		const struct provider_conf *owner;

		if (pc->token_from == NULL) {
			pc->auth = pc->ops->refresh_build ? pc : NULL;
			continue;
		}
		owner = config_provider(c, pc->token_from);
		if (owner == NULL || owner->token_from != NULL ||
		    owner->ops->refresh_build == NULL ||
		    pc->ops->refresh_build == NULL) {
			snprintf(err, errlen, _("token_from: [provider %s] "
			    "cannot take its token from \"%s\" (it must name a "
			    "Zalo provider that owns its token)"), pc->name,
			    pc->token_from);
			return pc->line;
		}
		pc->auth = owner;
	}
	TAILQ_FOREACH(p, &c->policies, entry) {
		for (i = 0; i < p->nchannels; i++)
			if (config_provider(c, p->channels[i]) == NULL) {
				snprintf(err, errlen, _("channels: no "
				    "[provider %s] for [policy %s]"),
				    p->channels[i], p->name);
				return p->channels_line ? p->channels_line :
				    p->line;
			}
		if (wd_check_windows(p, err, errlen) == -1)
			return p->line;
		if (config_template(c, p->template) == NULL) {
			snprintf(err, errlen, _("template: no [template %s] "
			    "for [policy %s]"), p->template, p->name);
			return p->template_line ? p->template_line : p->line;
		}
	}
	if (config_policy(c, c->default_policy) == NULL) {
		snprintf(err, errlen, _("default_policy: no [policy %s]"),
		    c->default_policy);
		return 0;
	}
	return -1;
}

/* The configuration used when there is no file at all: console only. */
struct config *
config_default(void)
{
	struct config *c = config_new();
	char err[CONF_ERRLEN];

	c->path = xstrdup("(built-in)");
	add_implicit(c);
	if (validate(c, err, sizeof(err)) != -1)
		fatalx("built-in config: %s", err);
	return c;
}

/*
 * Reads the [calendar] file named by "file =": the yearly notices kept
 * apart from the main config, so a province can update them alone.
 */
static int
load_calendar_file(struct config *c, char *err, size_t errlen)
{
	struct parse_state ps;
	int rc;

	memset(&ps, 0, sizeof(ps));
	ps.conf = c;
	ps.calendar_only = 1;
	ps.file = c->calendar_file;
	if ((ps.fp = fopen(c->calendar_file, "r")) == NULL) {
		snprintf(err, errlen, _("%s:%d: file: %s: %s"), c->path,
		    c->calendar_line, c->calendar_file, strerror(errno));
		return -1;
	}
	rc = ini_parse_stream(reader, &ps, handler, &ps);
	fclose(ps.fp);
	if (ps.err_line != 0) {
		snprintf(err, errlen, "%s:%d: %s%s", c->calendar_file,
		    ps.err_line, ps.err, ps.more);
		return -1;
	}
	if (rc != 0) {
		snprintf(err, errlen, _("%s:%d: syntax error (expected "
		    "[calendar] or key = value)"), c->calendar_file, rc);
		return -1;
	}
	return 0;
}

/* Loads PATH; on error returns NULL with "file:line: key: reason". */
struct config *
config_load(const char *path, char *err, size_t errlen)
{
	struct parse_state ps;
	struct stat st;
	char verr[CONF_ERRLEN];
	int rc, line;

	memset(&ps, 0, sizeof(ps));
	if ((ps.fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	ps.conf = config_new();
	ps.conf->path = xstrdup(path);
	ps.file = path;
	rc = ini_parse_stream(reader, &ps, handler, &ps);
	if (rc == 0 && ps.err_line == 0 && fstat(fileno(ps.fp), &st) == 0 &&
	    ps.secret_line != 0 && (st.st_mode & (S_IROTH | S_IWOTH))) {
		/* Secrets in a world-readable file leak to every local user. */
		snprintf(err, errlen, _("%s:%d: %s: the file holds secrets "
		    "but others can read it (mode %03o); chmod 640 it"),
		    path, ps.secret_line, ps.secret_key,
		    (unsigned)(st.st_mode & 0777));
		goto fail;
	}
	/*
	 * Without secrets too: others must not change where the daemon
	 * sends (writable), nor read the directory's layout, callback
	 * addresses and paths of the secrets (readable).
	 */
	if (fstat(fileno(ps.fp), &st) == 0 && (st.st_mode & (S_IROTH |
	    S_IWOTH))) {
		snprintf(err, errlen, st.st_mode & S_IWOTH ?
		    _("%s: others can write this file (mode %03o); chmod 640 "
		    "it / người khác ghi được tệp này; hãy chmod 640") :
		    _("%s: others can read this file (mode %03o); chmod 640 "
		    "it / người khác đọc được tệp này; hãy chmod 640"), path,
		    (unsigned)(st.st_mode & 0777));
		goto fail;
	}
	if (ps.err_line != 0) {
		snprintf(err, errlen, "%s:%d: %s%s", path, ps.err_line, ps.err,
		    ps.more);
		goto fail;
	}
	if (rc != 0) {	/* inih's own syntax errors: no key to name */
		snprintf(err, errlen, _("%s:%d: syntax error (expected "
		    "[section] or key = value)"), path, rc);
		goto fail;
	}
	if (ps.conf->calendar_file != NULL &&
	    load_calendar_file(ps.conf, err, errlen) == -1)
		goto fail;
	add_implicit(ps.conf);
	if ((line = validate(ps.conf, verr, sizeof(verr))) != -1) {
		snprintf(err, errlen, "%s:%d: %s", path, line, verr);
		goto fail;
	}
	fclose(ps.fp);
	return ps.conf;
fail:
	fclose(ps.fp);
	config_unref(ps.conf);
	return NULL;
}

void
config_ref(struct config *c)
{
	c->refs++;
}

void
config_unref(struct config *c)
{
	struct policy *p;
	struct provider_conf *pc;
	struct template *t;
	int i;

	if (c == NULL || --c->refs > 0)
		return;
	while ((p = TAILQ_FIRST(&c->policies)) != NULL) {
		TAILQ_REMOVE(&c->policies, p, entry);
		for (i = 0; i < p->nchannels; i++)
			free(p->channels[i]);
		free(p->name);
		free(p->template);
		free(p->for_groups);
		free(p->for_kinds);
		free(p);
	}
	while ((pc = TAILQ_FIRST(&c->providers)) != NULL) {
		TAILQ_REMOVE(&c->providers, pc, entry);
		for (i = 0; i < pc->nheaders; i++)
			free(pc->headers[i]);
		free(pc->name);
		free(pc->type);
		free(pc->url);
		free(pc->base_url);
		free(pc->token);
		free(pc->api_key);
		free(pc->secret_key);
		free(pc->brandname);
		free(pc->app_id);
		free(pc->oauth_url);
		free(pc->template_id);
		free(pc->mode);
		free(pc->token_from);
		free(pc->method);
		free(pc->body);
		free(pc->body_type);
		free(pc->success_status);
		free(pc->success_field);
		free(pc->success_value);
		free(pc->retry_status);
		free(pc->id_field);
		free(pc->callback_secret);
		free(pc->callback_from);
		free(pc->username);
		if (pc->password != NULL)
			explicit_bzero(pc->password, strlen(pc->password));
		free(pc->password);
		free(pc->from);
		free(pc->ca_file);
		free(pc->ca_path);
		free(pc->subject);
		free(pc->callback_url);
		for (i = 0; i < pc->nparams; i++)
			free(pc->params[i]);
		free(pc->address);
		free(pc);
	}
	while ((t = TAILQ_FIRST(&c->templates)) != NULL) {
		TAILQ_REMOVE(&c->templates, t, entry);
		for (i = 0; i < JOB_NKINDS; i++)
			free(t->text[i]);
		free(t->name);
		free(t);
	}
	calendar_free(c->calendar);
	free(c->calendar_file);
	free(c->path);
	free(c->database);
	free(c->timezone);
	free(c->control_socket);
	free(c->public_listen);
	free(c->public_url);
	free(c->admin_listen);
	if (c->ack_key != NULL)
		explicit_bzero(c->ack_key, strlen(c->ack_key));
	free(c->ack_key);
	if (c->admin_token != NULL)
		explicit_bzero(c->admin_token, strlen(c->admin_token));
	free(c->admin_token);
	free(c->default_policy);
	free(c);
}

struct policy *
config_policy(const struct config *c, const char *name)
{
	struct policy *p;

	TAILQ_FOREACH(p, &c->policies, entry)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

struct provider_conf *
config_provider(const struct config *c, const char *name)
{
	struct provider_conf *pc;

	TAILQ_FOREACH(pc, &c->providers, entry)
		if (strcmp(pc->name, name) == 0)
			return pc;
	return NULL;
}

struct template *
config_template(const struct config *c, const char *name)
{
	struct template *t;

	TAILQ_FOREACH(t, &c->templates, entry)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* Prints every key with its type, default and help (nhacviecd --keys). */
void
config_dump_keys(FILE *f)
{
	const struct conf_key *k;
	int last = -1;

	for (k = conf_keys; k->key != NULL; k++) {
		if ((int)k->section != last) {
			last = (int)k->section;
			fprintf(f, "%s[%s%s]\n", last ? "\n" : "",
			    conf_section_names[last],
			    last == SEC_DAEMON || last == SEC_CALENDAR ? "" :
			    " NAME");
		}
		fprintf(f, "  %-16s %-12s %s", k->key, k->type, k->help);
		if (k->def != NULL && k->section != SEC_TEMPLATE)
			fprintf(f, _(" (default: %s)"), k->def);
		if (k->flags & CK_REQUIRED)
			fprintf(f, _(" (required)"));
		fputc('\n', f);
	}
}

/* Returns the ROLE_* bit for a role name, or 0. */
int
role_parse(const char *s)
{
	if (strcasecmp(s, "head") == 0)
		return ROLE_HEAD;
	if (strcasecmp(s, "deputy") == 0)
		return ROLE_DEPUTY;
	if (strcasecmp(s, "focal") == 0)
		return ROLE_FOCAL;
	return 0;
}

const char *
role_name(int r)
{
	switch (r) {
	case ROLE_HEAD:
		return "head";
	case ROLE_DEPUTY:
		return "deputy";
	case ROLE_FOCAL:
		return "focal";
	}
	return "?";
}
