/*
 * lunar.h: the Vietnamese lunar calendar (âm lịch), computed at UTC+7
 * from the astronomical new moons and solar terms, as Hồ Ngọc Đức's
 * published method describes; re-implemented here from the formulas.
 */
#ifndef NV_LUNAR_H
#define NV_LUNAR_H

#define LUNAR_TZ_VN	7.0	/* the 105°E meridian, in use since 1967 */

struct lunar_date {
	int	 day;
	int	 month;
	int	 year;
	int	 leap;		/* 1 in a leap (nhuận) month */
};

long	lunar_jd(int day, int month, int year);
void	lunar_jd_to_date(long jd, int *day, int *month, int *year);
void	lunar_from_solar(int day, int month, int year, double tz,
	    struct lunar_date *);
int	lunar_to_solar(const struct lunar_date *, double tz, int *day,
	    int *month, int *year);
int	lunar_leap_month(int lunar_year, double tz);
int	lunar_month_length(int month, int leap, int lunar_year, double tz);

#endif
