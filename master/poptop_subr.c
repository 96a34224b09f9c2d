/*
 * hpptpd master: the Poptop reader's small helpers: error and warning
 * lines with file:line, value checks shared by the option handlers and
 * pptpd.conf, and reading a file whole under a size cap.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/printable.h"
#include "master/conf.h"
#include "master/poptop_local.h"

void
pt_error(struct pt_state *st, const char *fmt, ...)
{
	char	msg[LOG_MAX_LINE + 1];
	va_list	ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("%s:%d: %s", st->name, st->line, msg);
	st->errors++;
}

/*
 * Append "what note (file:line)" to the one warning line.  Items are
 * sanitized: the line ends up in logs and as a comment in the
 * converted configuration.
 */
void
pt_warn(struct pt_state *st, const char *what, const char *note)
{
	char	raw[256], item[256], where[128];
	size_t	have, need;

	if (st->warn == NULL || st->warnlen == 0)
		return;
	if (st->warn_full) {
		st->warn_omitted++;
		return;
	}
	where[0] = '\0';
	if (st->line > 0)
		(void)snprintf(where, sizeof(where), " (%s:%d)", st->name,
		    st->line);
	(void)snprintf(raw, sizeof(raw), "%s%s%s%s", what,
	    note != NULL ? " " : "", note != NULL ? note : "", where);
	log_sanitize(item, sizeof(item), raw, strlen(raw));
	have = strlen(st->warn);
	if (have == 0) {
		(void)snprintf(st->warn, st->warnlen, "%s",
		    "ignored, not implemented by hpptpd: ");
		have = strlen(st->warn);
	} else if (have + 2 < st->warnlen) {
		memcpy(st->warn + have, ", ", 3);
		have += 2;
	}
	need = strlen(item);
	/* keep room to say how many more there were (pt_finish) */
	if (have + need + PT_WARN_TAIL >= st->warnlen) {
		if (have >= 2 && memcmp(st->warn + have - 2, ", ", 2) == 0)
			st->warn[have - 2] = '\0';
		st->warn_full = true;
		st->warn_omitted++;
		return;
	}
	memcpy(st->warn + have, item, need + 1);
}

bool
pt_num(struct pt_state *st, const char *opt, const char *arg, long long min,
    long long max, long long *out)
{
	const char	*errstr;
	long long	 v;

	v = conf_strtonum(arg, 0, 1000000000LL, &errstr);
	if (errstr != NULL) {
		pt_error(st, "%s: '%s' is not a number (or too large)", opt,
		    arg);
		return false;
	}
	if (v < min || v > max) {
		/*
		 * pppd accepts it; hpptpd cannot use it.  Clamp and say so
		 * rather than refuse a file that worked with Poptop.
		 */
		char	note[64];

		(void)snprintf(note, sizeof(note), "%s (used %lld)", arg,
		    v < min ? min : max);
		pt_warn(st, opt, note);
		v = v < min ? min : max;
	}
	*out = v;
	return true;
}

bool
pt_v4(struct pt_state *st, const char *opt, const char *arg,
    struct in_addr *out)
{
	if (inet_pton(AF_INET, arg, out) != 1) {
		pt_error(st, "%s: '%s' is not an IPv4 address", opt, arg);
		return false;
	}
	return true;
}

/*
 * A value kept in the configuration: printable (pr_isprint, the one
 * definition shared with the logs), so that it logs and converts to
 * hpptpd.conf cleanly (pppd's escapes can make any byte).
 */
bool
pt_printable(struct pt_state *st, const char *opt, const char *s)
{
	if (!pr_all_printable(s, strlen(s))) {
		pt_error(st, "%s: control or non-ASCII byte in value", opt);
		return false;
	}
	return true;
}

/* Read a whole regular file of at most POPTOP_MAX_FILE bytes. */
int
pt_read_file(const char *path, char **bufp, size_t *lenp)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, saved;

	*bufp = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1)
		goto fail;
	if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if (sb.st_size > POPTOP_MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	if ((buf = malloc((size_t)sb.st_size + 1)) == NULL)
		goto fail;
	while (len < (size_t)sb.st_size) {
		n = read(fd, buf + len, (size_t)sb.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n == 0 ? EIO : errno;
			free(buf);
			close(fd);
			errno = saved;
			return -1;
		}
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fd);
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}
