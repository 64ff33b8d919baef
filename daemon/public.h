/*
 * public.h: the public listener, where providers post delivery receipts
 * to /cb/PROVIDER/SECRET.
 */
#ifndef NV_PUBLIC_H
#define NV_PUBLIC_H

#include <stddef.h>

struct event_base;
struct public;
struct nvd;

struct public	*public_new(struct event_base *, struct nvd *,
		    const char *listen, char *err, size_t errlen);
void		 public_free(struct public *);
int		 public_secret_eq(const char *given, const char *want);

#endif
