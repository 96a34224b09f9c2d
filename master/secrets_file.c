/* hpptpd master: opening secrets files under the ownership rules. */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "master/secrets_file.h"

int
secrets_open(const char *path, bool group_readable)
{
	struct stat st;
	mode_t bad;
	int fd;

	/* O_NOFOLLOW: a symlink swapped in later must not redirect us */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK)) == -1) {
		/*
		 * Master holds no CAP_DAC_OVERRIDE once running, so a file
		 * another user owns fails here already: say why it's refused.
		 */
		if (errno == EACCES && lstat(path, &st) == 0)
			log_warnx("secrets file %s: refused: mode %04o owner uid "
			    "%u; it must be owned by root with mode 0600%s",
			    path, (unsigned int)(st.st_mode & 07777),
			    (unsigned int)st.st_uid,
			    group_readable ? " or 0640" : "");
		else if (errno == ELOOP && lstat(path, &st) == 0)
			log_warnx("secrets file %s: refused: a symbolic link "
			    "(owner uid %u); name the file itself", path,
			    (unsigned int)st.st_uid);
		else
			log_warn("secrets file %s", path);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		log_warn("secrets file %s: fstat", path);
		close(fd);
		return -1;
	}
	bad = group_readable ? (S_IWGRP | S_IXGRP | S_IRWXO) :
	    (S_IRWXG | S_IRWXO);
	if (!S_ISREG(st.st_mode)) {
		log_warnx("secrets file %s: refused: not a regular file "
		    "(mode %06o owner uid %u)", path,
		    (unsigned int)st.st_mode, (unsigned int)st.st_uid);
		close(fd);
		return -1;
	}
	if (st.st_uid != 0 || (st.st_mode & bad) != 0) {
		log_warnx("secrets file %s: refused: mode %04o owner uid %u; "
		    "it must be owned by root with mode 0600%s", path,
		    (unsigned int)(st.st_mode & 07777),
		    (unsigned int)st.st_uid,
		    group_readable ? " or 0640" : "");
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * An "@/path" secret may only name a file under the directory of the
 * secrets file itself, without "." or ".." components.
 */
bool
secrets_path_allowed(const char *secrets, const char *path)
{
	const char *slash = strrchr(secrets, '/'), *c;
	size_t dlen, n;

	if (slash == NULL || path[0] != '/')
		return false;
	dlen = (size_t)(slash - secrets) + 1;	/* keep the '/' */
	if (strncmp(path, secrets, dlen) != 0 || path[dlen] == '\0')
		return false;
	/* every component after the directory: not empty, ".", ".." */
	for (c = path + dlen; *c != '\0'; c += n + (c[n] == '/')) {
		n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		if (c[n] == '/' && c[n + 1] == '\0')
			return false;		/* trailing slash */
	}
	return true;
}
