/*
 * hpptpd master: login records (see wtmp.h).
 *
 * glibc's updwtmpx() appends one record to a wtmp file; utmpxname() +
 * pututxline() replace the matching utmp entry.  Both take the path,
 * so the default files and a test's temporary files use one code path.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <netinet/in.h>
#include <paths.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

#include "common/err.h"
#include "common/log.h"
#include "master/wtmp.h"

#define WTMP_PATHMAX	256

static char	 wtmp_file[WTMP_PATHMAX] = _PATH_WTMP;
static char	 utmp_file[WTMP_PATHMAX] = _PATH_UTMP;

static int
set_one(char *dst, const char *src, const char *def)
{
	if (src == NULL)
		src = def;
	if (strlen(src) >= WTMP_PATHMAX)
		return HP_E_LONG;
	memcpy(dst, src, strlen(src) + 1);
	return HP_OK;
}

int
wtmp_set_files(const char *wtmp_path, const char *utmp_path)
{
	int	 r;

	if ((r = set_one(wtmp_file, wtmp_path, _PATH_WTMP)) != HP_OK)
		return r;
	return set_one(utmp_file, utmp_path, _PATH_UTMP);
}

/* strncpy semantics on purpose: utmp fields need not be terminated. */
static void
fill(char *dst, size_t dstlen, const char *src)
{
	size_t	 n = src != NULL ? strnlen(src, dstlen) : 0;

	memset(dst, 0, dstlen);
	if (n > 0)
		memcpy(dst, src, n);
}

static void
record(struct utmpx *ut, short type, const char *line, const char *user,
    const char *host, const struct sockaddr *peer)
{
	struct timeval	 tv;
	size_t		 n;

	memset(ut, 0, sizeof(*ut));
	ut->ut_type = type;
	ut->ut_pid = getpid();
	fill(ut->ut_line, sizeof(ut->ut_line), line);
	n = strlen(line);
	fill(ut->ut_id, sizeof(ut->ut_id),
	    n > sizeof(ut->ut_id) ? line + n - sizeof(ut->ut_id) : line);
	fill(ut->ut_user, sizeof(ut->ut_user), user);
	fill(ut->ut_host, sizeof(ut->ut_host), host);
	if (peer != NULL && peer->sa_family == AF_INET)
		memcpy(ut->ut_addr_v6,
		    &((const struct sockaddr_in *)peer)->sin_addr, 4);
	else if (peer != NULL && peer->sa_family == AF_INET6)
		memcpy(ut->ut_addr_v6,
		    &((const struct sockaddr_in6 *)peer)->sin6_addr, 16);
	gettimeofday(&tv, NULL);
	ut->ut_tv.tv_sec = (int32_t)tv.tv_sec;
	ut->ut_tv.tv_usec = (int32_t)tv.tv_usec;
}

static int
write_both(const struct utmpx *ut)
{
	int	 r = HP_OK;

	if (wtmp_file[0] != '\0' && access(wtmp_file, F_OK) == 0)
		updwtmpx(wtmp_file, ut);
	if (utmp_file[0] != '\0' && access(utmp_file, F_OK) == 0) {
		if (utmpxname(utmp_file) == -1)
			return HP_E_NOMEM;
		setutxent();
		if (pututxline(ut) == NULL) {
			log_warn("utmp %s", utmp_file);
			r = HP_E_SYS;
		}
		endutxent();
	}
	return r;
}

static bool
line_ok(const char *line)
{
	size_t	 i, n;

	if (line == NULL || (n = strlen(line)) == 0 ||
	    n > sizeof(((struct utmpx *)0)->ut_line))
		return false;
	for (i = 0; i < n; i++)
		if (line[i] <= ' ' || line[i] > '~' || line[i] == '/')
			return false;
	return true;
}

int
wtmp_login(const char *line, const char *user, const char *host,
    const struct sockaddr *peer)
{
	struct utmpx	 ut;

	if (!line_ok(line) || user == NULL)
		return HP_E_RANGE;
	record(&ut, USER_PROCESS, line, user, host, peer);
	return write_both(&ut);
}

int
wtmp_logout(const char *line)
{
	struct utmpx	 ut;

	if (!line_ok(line))
		return HP_E_RANGE;
	record(&ut, DEAD_PROCESS, line, NULL, NULL, NULL);
	return write_both(&ut);
}
