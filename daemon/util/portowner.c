/*
 * portowner.c: who holds a TCP port, for an error that says why a
 * listener could not start.  Linux keeps listening sockets in
 * /proc/net/tcp and tcp6 (local port in hex, state 0A, socket inode);
 * the process whose /proc/PID/fd links to "socket:[INODE]" holds it.
 * Another user's processes cannot be read without privileges: then the
 * answer is only that some process listens, which is still worth saying.
 */
#include <sys/types.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "portowner.h"

#define TCP_LISTEN	0x0A

/* The inode of a socket listening on PORT, or 0. */
static unsigned long
listen_inode(int port)
{
	static const char *const files[] = { "/proc/net/tcp",
	    "/proc/net/tcp6" };
	char line[512], local[64];
	unsigned long inode;
	unsigned int lport, st;
	size_t i;
	FILE *f;

	for (i = 0; i < 2; i++) {
		if ((f = fopen(files[i], "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), f) != NULL) {
			/* sl local rem st tx:rx tr:tm retr uid timeout inode */
			if (sscanf(line, " %*d: %63[0-9A-Fa-f]:%x %*s %x %*s "
			    "%*s %*s %*s %*s %lu", local, &lport, &st,
			    &inode) != 4)
				continue;
			if ((int)lport == port && st == TCP_LISTEN &&
			    inode != 0) {
				fclose(f);
				return inode;
			}
		}
		fclose(f);
	}
	return 0;
}

/* Does process PID have socket INODE open? */
static int
holds(const char *pid, unsigned long inode)
{
	char path[320], link[64], want[40];
	struct dirent *e;
	ssize_t n;
	DIR *d;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	if ((d = opendir(path)) == NULL)
		return 0;
	snprintf(want, sizeof(want), "socket:[%lu]", inode);
	while (!found && (e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid, e->d_name);
		if ((n = readlink(path, link, sizeof(link) - 1)) <= 0)
			continue;
		link[n] = '\0';
		found = strcmp(link, want) == 0;
	}
	closedir(d);
	return found;
}

/*
 * Writes who listens on PORT into BUF ("pid 812 (nginx)", or "another
 * process" when it cannot be told whose); returns 0 if anyone does, -1
 * if no listening socket is found.
 */
int
port_owner(int port, char *buf, size_t len)
{
	unsigned long inode;
	struct dirent *e;
	char path[320], comm[64];
	DIR *d;
	FILE *f;

	if ((inode = listen_inode(port)) == 0)
		return -1;
	snprintf(buf, len, "another process");
	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strspn(e->d_name, "0123456789") != strlen(e->d_name) ||
		    !holds(e->d_name, inode))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		comm[0] = '\0';
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(comm, sizeof(comm), f) == NULL)
				comm[0] = '\0';
			comm[strcspn(comm, "\n")] = '\0';
			fclose(f);
		}
		snprintf(buf, len, "pid %s (%s)", e->d_name, comm[0] ? comm :
		    "?");
		break;
	}
	closedir(d);
	return 0;
}
