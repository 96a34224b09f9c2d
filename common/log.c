/* hpptpd: logging, common to all processes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "common/log.h"
#include "common/printable.h"

struct log_state {
	const char	*proc;
	int		 to_stderr;
	int		 verbose;
	log_sink_fn	 sink;
};

static struct log_state L = { "hpptpd", 1, 0, NULL };

void
log_init(const char *procname, int to_stderr, int verbose)
{
	L.proc = procname;
	L.to_stderr = to_stderr;
	L.verbose = verbose;
	if (!to_stderr)
		openlog(procname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_set_sink(log_sink_fn fn)
{
	L.sink = fn;
}

void
log_set_verbose(int v)
{
	L.verbose = v;
}

int
log_get_verbose(void)
{
	return L.verbose;
}

const char *
log_procname(void)
{
	return L.proc;
}

void
log_emit(int prio, enum log_fac fac, const char *line)
{
	if (prio == LOG_DEBUG && L.verbose < 1)
		return;
	if (L.sink != NULL) {
		L.sink(prio, fac, line);
		return;
	}
	if (L.to_stderr) {
		dprintf(STDERR_FILENO, "%s: %s\n", L.proc, line);
		return;
	}
	syslog((fac == LOGF_AUTH ? LOG_AUTHPRIV : LOG_DAEMON) | prio,
	    "%s", line);
}

void
vlog(int prio, enum log_fac fac, const char *fmt, va_list ap)
{
	char line[LOG_MAX_LINE + 1];

	if (prio == LOG_DEBUG && L.verbose < 1)
		return;
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	log_emit(prio, fac, line);
}

static void
vlog_errno(int prio, const char *fmt, va_list ap, int err)
{
	char msg[LOG_MAX_LINE + 1];

	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	if (err != 0) {
		size_t n = strlen(msg);

		(void)snprintf(msg + n, sizeof(msg) - n, ": %s",
		    strerror(err));
	}
	log_emit(prio, LOGF_DAEMON, msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog_errno(LOG_WARNING, fmt, ap, saved);
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, LOGF_DAEMON, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, LOGF_DAEMON, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (L.verbose < 1)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, LOGF_DAEMON, fmt, ap);
	va_end(ap);
}

void
log_audit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_NOTICE, LOGF_DAEMON, fmt, ap);
	va_end(ap);
}

void
log_audit_auth(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_NOTICE, LOGF_AUTH, fmt, ap);
	va_end(ap);
}

static void (*fatal_hook)(void);

void
log_set_fatal_hook(void (*fn)(void))
{
	fatal_hook = fn;
}

/* At most once, even if the hook itself ends in fatal(). */
static void
run_fatal_hook(void)
{
	void (*fn)(void) = fatal_hook;

	fatal_hook = NULL;
	if (fn != NULL)
		fn();
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog_errno(LOG_CRIT, fmt, ap, saved);
	va_end(ap);
	run_fatal_hook();
	_exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, LOGF_DAEMON, fmt, ap);
	va_end(ap);
	run_fatal_hook();
	_exit(1);
}

void
log_sanitize(char *dst, size_t dstlen, const void *src, size_t srclen)
{
	(void)pr_escape(dst, dstlen, src, srclen);
}
