/*
 * cli-edit.c: "nhacviec task edit ID --title T": a task's short title,
 * the words its reminders and lists use.  An import derives it from the
 * plan's content cell; a person may word it better.  The whole content
 * stays as it is.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <unistr.h>

#include "cli.h"
#include "store.h"

#define TITLE_MAX	90	/* characters, as short titles are cut */

int
cmd_task_edit(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{ "title", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct patch_str title = { 0, NULL }, none = { 0, NULL };
	char *end;
	long long id;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 't':
			title.set = 1;
			title.value = optarg;
			break;
		default:
			return cli_usage("task", "edit");
		}
	}
	if (optind + 1 != argc || !title.set)
		return cli_usage("task", "edit");
	id = strtoll(argv[optind], &end, 10);
	if (*end != '\0' || id <= 0)
		return cli_err(EX_USAGE, "task edit: \"%s\" is no task id",
		    argv[optind]);
	if (title.value[strspn(title.value, " \t")] == '\0')
		return cli_err(EX_DATAERR, "--title: empty (tên ngắn trống)");
	if (u8_check((const uint8_t *)title.value, strlen(title.value)) !=
	    NULL)
		return cli_err(EX_DATAERR, "--title: not UTF-8 text");
	if (u8_mbsnlen((const uint8_t *)title.value, strlen(title.value)) >
	    TITLE_MAX)
		return cli_err(EX_DATAERR, "--title: more than %d characters; "
		    "a short title is for messages (tên ngắn quá %d ký tự)",
		    TITLE_MAX, TITLE_MAX);
	if ((rc = store_task_update(c->store, id, &title, &none, &none)) == -1)
		return cli_store_err(c);
	if (rc == 0)
		return cli_err(EX_NOINPUT, "no task %lld", id);
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s}", "task", (json_int_t)id,
		    "title", title.value));
	else
		printf("task %lld: title \"%s\"\n", id, title.value);
	return 0;
}
