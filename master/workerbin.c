/*
 * hpptpd master: before it execs a worker, master checks that the
 * binary is one only root could have put there.  Master runs as root
 * and hands each worker its socketpair and (gre) the raw socket before
 * the worker drops privileges, so a binary the unprivileged user, a
 * group or anyone could replace would be a way to root.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "master/workerbin.h"

/* root-owned, of the given type, nobody else may write */
static int
safe_node(const char *path, mode_t type, char *why, size_t whylen)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		(void)snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((st.st_mode & S_IFMT) != type) {
		(void)snprintf(why, whylen, "%s: not a %s", path,
		    type == S_IFDIR ? "directory" : "regular file");
		return -1;
	}
	if (st.st_uid != 0) {
		(void)snprintf(why, whylen, "%s: owned by uid %u, not root",
		    path, (unsigned int)st.st_uid);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		(void)snprintf(why, whylen, "%s: mode %04o is %s-writable",
		    path, (unsigned int)(st.st_mode & 07777),
		    st.st_mode & S_IWOTH ? "other" : "group");
		return -1;
	}
	return 0;
}

int
workerbin_check(const char *path, char *why, size_t whylen)
{
	char real[PATH_MAX], *slash;

	if (realpath(path, real) == NULL) {
		(void)snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (safe_node(real, S_IFREG, why, whylen) != 0)
		return -1;
	/* whoever may write the directory may rename another file in */
	slash = strrchr(real, '/');
	if (slash == real)
		slash[1] = '\0';
	else
		*slash = '\0';
	return safe_node(real, S_IFDIR, why, whylen);
}

int
workerbin_ok(const char *dir, const char *bin)
{
	char path[PATH_MAX], why[PATH_MAX + 64];

	if (snprintf(path, sizeof(path), "%s/%s", dir, bin) >=
	    (int)sizeof(path)) {
		log_warnx("event=worker-refused bin=%s reason=path-too-long",
		    bin);
		return -1;
	}
	if (workerbin_check(path, why, sizeof(why)) == 0)
		return 0;
	log_warnx("event=worker-refused bin=%s not executing %s "
	    "(a worker binary must be root-owned and writable by root only)",
	    bin, why);
	return -1;
}
