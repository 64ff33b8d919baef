/*
 * cli-dir.c: the directory commands: agencies, contacts and plans.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "directory.h"
#include "rowjson.h"
#include "clock.h"
#include "config.h"
#include "phone.h"
#include "store.h"
#include "tztime.h"


int
cmd_agency_add(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "parent", required_argument, NULL, 'p' },
		{ "group", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *parent = NULL, *groups[DIR_MAX_GROUPS];
	char err[256];
	int ch, ng = 0, rc;
	int64_t id;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'n':
			name = optarg;
			break;
		case 'p':
			parent = optarg;
			break;
		case 'g':
			if (ng == DIR_MAX_GROUPS)
				return cli_err(EX_USAGE, "at most %d groups",
				    DIR_MAX_GROUPS);
			groups[ng++] = optarg;
			break;
		default:
			return cli_usage("agency", "add");
		}
	}
	if (optind + 1 != argc || name == NULL)
		return cli_usage("agency", "add");
	if ((rc = dir_agency_add(c->store, argv[optind], name, parent, groups,
	    ng, clock_now(), &id, err, sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "%s", err);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s}", "id", (json_int_t)id,
		    "code", argv[optind]));
	else
		printf("agency %s added (id %lld)\n", argv[optind],
		    (long long)id);
	return 0;
}

static void
agency_row(void *arg, const struct agency_row *a)
{
	json_t *arr = arg;

	if (arr != NULL) {
		json_array_append_new(arr, agency_json(a));
		return;
	}
	printf("%-14s %-12s %-20s %s\n", a->code,
	    a->parent_code ? a->parent_code : "-",
	    a->groups ? a->groups : "-", a->name);
}

int
cmd_agency_list(struct cli *c, int argc, char **argv)
{
	json_t *arr = c->json ? json_array() : NULL;

	if (argc > 1)
		return cli_usage("agency", "list");
	if (!c->json)
		printf("%-14s %-12s %-20s %s\n", "CODE", "PARENT", "GROUPS",
		    "NAME");
	if (store_agency_list(c->store, agency_row, arr) == -1) {
		json_decref(arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(arr);
	return 0;
}

int
cmd_contact_add(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "phone", required_argument, NULL, 'p' },
		{ "zalo", required_argument, NULL, 'z' },
		{ "email", required_argument, NULL, 'e' },
		{ "telegram", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct contact_row r;
	const char *agency = NULL;
	char err[256];
	int ch, rc;
	int64_t id;

	memset(&r, 0, sizeof(r));
	r.active = 1;
	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'a':
			agency = optarg;
			break;
		case 'n':
			r.name = optarg;
			break;
		case 'r':
			r.role = optarg;
			break;
		case 'p':
			r.phone = optarg;
			break;
		case 'z':
			r.zalo = optarg;
			break;
		case 'e':
			r.email = optarg;
			break;
		case 't':
			r.telegram = optarg;
			break;
		default:
			return cli_usage("contact", "add");
		}
	}
	if (optind != argc || agency == NULL || r.name == NULL)
		return cli_usage("contact", "add");
	if ((rc = dir_contact_add(c->store, agency, &r, clock_now(), &id, err,
	    sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "--%s", err);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:o}", "id", (json_int_t)id,
		    "phone", cli_jstr(r.phone)));
	else
		printf("contact %lld added to %s%s%s\n", (long long)id, agency,
		    r.phone ? ", phone " : "", r.phone ? r.phone : "");
	return 0;
}

static void
contact_row(void *arg, const struct contact_row *r)
{
	json_t *arr = arg;

	if (arr != NULL) {
		json_array_append_new(arr, contact_json(r));
		return;
	}
	printf("%-5lld %-12s %-7s %-14s %-24s %s\n", (long long)r->id,
	    r->agency_code, r->role, r->phone ? r->phone : "-",
	    r->email ? r->email : "-", r->name);
}

int
cmd_contact_list(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	const char *agency = NULL;
	json_t *arr = c->json ? json_array() : NULL;
	int ch;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (ch != 'a') {
			json_decref(arr);
			return cli_usage("contact", "list");
		}
		agency = optarg;
	}
	if (!c->json)
		printf("%-5s %-12s %-7s %-14s %-24s %s\n", "ID", "AGENCY",
		    "ROLE", "PHONE", "EMAIL", "NAME");
	if (store_contact_list(c->store, agency, contact_row, arr) == -1) {
		json_decref(arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(arr);
	return 0;
}

int
cmd_plan_add(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "title", required_argument, NULL, 't' },
		{ "issuer", required_argument, NULL, 'i' },
		{ "date", required_argument, NULL, 'd' },
		{ "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_row p;
	char err[256];
	int ch, rc;
	int64_t id;

	memset(&p, 0, sizeof(p));
	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 't':
			p.title = optarg;
			break;
		case 'i':
			p.issuer = optarg;
			break;
		case 'd':
			p.issued_on = optarg;
			break;
		case 'p':
		case 'f':
			p.period_from = optarg;
			break;
		case 'u':
			p.period_until = optarg;
			break;
		default:
			return cli_usage("plan", "add");
		}
	}
	if (optind + 1 != argc || p.title == NULL)
		return cli_usage("plan", "add");
	p.code = argv[optind];
	if ((rc = dir_plan_add(c->store, &p, clock_now(), &id, err,
	    sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "%s", err);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s}", "id", (json_int_t)id,
		    "code", p.code));
	else
		printf("plan %s added (id %lld)%s%s%s%s\n", p.code,
		    (long long)id, p.period_from || p.period_until ?
		    ", period " : "", p.period_from ? p.period_from : "…",
		    p.period_from || p.period_until ? " to " : "",
		    p.period_until ? p.period_until : p.period_from ? "…" : "");
	return 0;
}

int
cmd_plan_update(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "title", required_argument, NULL, 't' },
		{ "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct patch_str title = { 0, NULL }, none = { 0, NULL }, date =
	    { 0, NULL };
	const char *from = NULL, *until = NULL;
	char err[256];
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 't':
			title.set = 1;
			title.value = optarg;
			break;
		case 'p':
		case 'f':
			from = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		default:
			return cli_usage("plan", "update");
		}
	}
	if (optind + 1 != argc || (!title.set && from == NULL &&
	    until == NULL))
		return cli_usage("plan", "update");
	if (title.set && (rc = dir_plan_update(c->store, argv[optind], &title,
	    &none, &date, err, sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "%s", err);
	if ((from != NULL || until != NULL) && (rc = dir_plan_period(c->store,
	    argv[optind], from, until, err, sizeof(err))) != 0)
		return rc == -2 ? cli_store_err(c) :
		    cli_err(EX_DATAERR, "%s", err);
	printf("plan %s updated%s\n", argv[optind], from || until ?
	    "; tasks imported from now on end with its period (import the "
	    "table again to apply it to those imported before)" : "");
	return 0;
}

static void
plan_row(void *arg, const struct plan_row *p)
{
	json_t *arr = arg;

	if (arr != NULL) {
		json_array_append_new(arr, plan_json(p));
		return;
	}
	printf("%-20s %-10s %s%s%s%s%s", p->code, p->issued_on ?
	    p->issued_on : "-", p->title, p->period_from || p->period_until ?
	    " [" : "", p->period_from ? p->period_from : "",
	    p->period_from || p->period_until ? " – " : "",
	    p->period_until ? p->period_until : "");
	fputs(p->period_from || p->period_until ? "]\n" : "\n", stdout);
}

int
cmd_plan_list(struct cli *c, int argc, char **argv)
{
	json_t *arr = c->json ? json_array() : NULL;

	if (argc > 1)
		return cli_usage("plan", "list");
	if (!c->json)
		printf("%-20s %-10s %s\n", "CODE", "DATE", "TITLE");
	if (store_plan_list(c->store, plan_row, arr) == -1) {
		json_decref(arr);
		return cli_store_err(c);
	}
	if (c->json)
		cli_print_json(arr);
	return 0;
}
