/*
 * holiday.h: the Vietnamese working-day calendar of state agencies:
 * Monday to Friday, less the public holidays of Labour Code 2019 art. 112
 * (with Tết and Giỗ Tổ from the lunar calendar), the days off in lieu of
 * holidays that fall on a weekend (art. 111(3)), and what the government
 * decrees each year: extra days off, make-up working Saturdays, the exact
 * Tết days and the day next to National Day.
 */
#ifndef NV_HOLIDAY_H
#define NV_HOLIDAY_H

#include <stddef.h>

enum day_kind {
	DAY_HOLIDAY = 0,	/* a public holiday */
	DAY_IN_LIEU,		/* nghỉ bù for a holiday on a weekend */
	DAY_DECREED_OFF,	/* a weekday off by a yearly notice */
	DAY_MAKEUP_WORK,	/* a Saturday or Sunday worked instead */
};

struct cal_day {
	int		 year, month, day;
	enum day_kind	 kind;
	int		 provisional;	/* estimated until the notice is out */
	char		 name[96];
};

struct calendar;

struct calendar	*calendar_new(void);
void		 calendar_free(struct calendar *);
int		 calendar_add(struct calendar *, enum day_kind, int year,
		    int month, int day, const char *name);
int		 calendar_set_tet(struct calendar *, int year, int m1, int d1,
		    int m2, int d2);
int		 calendar_set_national_day(struct calendar *, int year,
		    int month, int day);
int		 calendar_year(const struct calendar *, int year,
		    struct cal_day *out, int max);
int		 calendar_is_workday(const struct calendar *, int year,
		    int month, int day);
/*
 * Why Y-M-D is a day off, in BUF: the holiday's name ("Tết Nguyên
 * đán"), else "Thứ Bảy" or "Chủ nhật"; 0 when it is a working day.
 */
int		 calendar_day_off_name(const struct calendar *, int year,
		    int month, int day, char *buf, size_t len);
const char	*day_kind_name(enum day_kind);

#endif
