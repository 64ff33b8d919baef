/*
 * cli-cal.c: "nhacviec calendar YEAR": the days off and make-up working
 * days of state agencies in a year, as the configuration sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "config.h"
#include "holiday.h"
#include "lunar.h"

static const char *const weekdays[] = { "Thứ Hai", "Thứ Ba", "Thứ Tư",
    "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật" };

int
cmd_calendar(struct cli *c, int argc, char **argv)
{
	struct cal_day days[128];
	struct lunar_date ld;
	json_t *arr = NULL;
	char *end, lunar[32];
	long year;
	int i, n, off = 0, work = 0;

	if (argc != 2)
		return cli_usage("calendar", NULL);
	year = strtol(argv[1], &end, 10);
	if (*end != '\0' || year < 1900 || year > 2199)
		return cli_err(EX_USAGE, "YEAR must be a year from 1900 to 2199");
	n = calendar_year(c->conf->calendar, (int)year, days, 128);
	if (c->json)
		arr = json_array();
	for (i = 0; i < n; i++) {
		lunar_from_solar(days[i].day, days[i].month, days[i].year,
		    LUNAR_TZ_VN, &ld);
		snprintf(lunar, sizeof(lunar), "%d/%d%s", ld.day, ld.month,
		    ld.leap ? " nhuận" : "");
		if (days[i].kind == DAY_MAKEUP_WORK)
			work++;
		else
			off++;
		if (arr != NULL) {
			char date[16];

			snprintf(date, sizeof(date), "%04d-%02d-%02d",
			    days[i].year, days[i].month, days[i].day);
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:s, s:b, s:s}", "date", date, "weekday",
			    weekdays[lunar_jd(days[i].day, days[i].month,
			    days[i].year) % 7], "kind",
			    day_kind_name(days[i].kind), "name", days[i].name,
			    "provisional", days[i].provisional, "lunar",
			    lunar));
			continue;
		}
		printf("%02d/%02d/%04d  ", days[i].day, days[i].month,
		    days[i].year);
		cli_pad(weekdays[lunar_jd(days[i].day, days[i].month,
		    days[i].year) % 7], 10, 0);
		printf("%-13s âl %-9s %s%s\n", day_kind_name(days[i].kind),
		    lunar, days[i].name, days[i].provisional ? " (dự kiến)" :
		    "");
	}
	if (arr != NULL) {
		cli_print_json(arr);
		return 0;
	}
	printf("%ld: %d day(s) off on weekdays or weekends, %d make-up "
	    "working day(s).\n", year, off, work);
	for (i = 0; i < n && !days[i].provisional; i++)
		;
	if (i < n)
		printf("Days marked \"dự kiến\" are estimates from the law "
		    "until the year's notice is entered in [calendar].\n");
	return 0;
}
