/*
 * clock.h: the one source of "now" for every scheduling decision.
 *
 * Test builds (clock-fake.o, made from clock.c with NHACVIEC_FAKE_CLOCK)
 * add an offset read from the file named by $NHACVIEC_FAKE_CLOCK, so the
 * real programs can live through days of schedule without waiting.  The
 * production build ignores that variable and refuses to start with it set.
 */
#ifndef NV_CLOCK_H
#define NV_CLOCK_H

#include <stdint.h>
#include <time.h>

int	 clock_init(char *err, size_t errlen);
time_t	 clock_now(void);
int64_t	 clock_now_ms(void);
int	 clock_is_fake(void);

#endif
