/*
 * reply.h: "XONG <code>" replies by SMS or Zalo that confirm a task.
 */
#ifndef NV_REPLY_H
#define NV_REPLY_H

#include <stddef.h>

struct provider_conf;
struct receipt;
struct nvd;

int	reply_parse(const char *text, char *code, size_t len);
void	reply_handle(struct nvd *, const struct provider_conf *,
	    const struct receipt *);

#endif
