/*
 * pubchild.h: the public listener's child process.  nhacviecd runs it
 * as "nhacviecd --public-child CONNS PER_ADDR HEADER_S BODY_S LOGLEVEL
 * UPLOAD_MAX" with the listening socket on
 * descriptor 3 and its end of the socketpair to the main process on 4.
 */
#ifndef NV_PUBCHILD_H
#define NV_PUBCHILD_H

#define PUBCHILD_LISTEN_FD	3
#define PUBCHILD_MAIN_FD	4

/* What the main process tells the child: its bounds. */
struct pubchild_limits {
	int	max_conns;	/* 0: derived from RLIMIT_NOFILE */
	int	max_per_addr;
	int	header_timeout;	/* seconds for all request headers */
	int	body_timeout;	/* seconds for the body after them */
	long	upload_max;	/* body of a web form with files, or 0 */
	int	log_level;
};

/* Runs the child; returns its exit code. */
int	pubchild_main(const struct pubchild_limits *);
/* The connection cap for LIMIT descriptors and the configured MAX. */
int	pubchild_cap(long nofile, int max);

#endif
