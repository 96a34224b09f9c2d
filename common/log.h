/*
 * hpptpd: logging.  Master writes syslog (or stderr with -d); workers
 * hand each line to a sink that sends it to master as MSG_LOG.
 * Never pass secrets (passwords, hashes, keys, auth payloads) here.
 */
#ifndef HP_LOG_H
#define HP_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>

#define LOG_MAX_LINE	480	/* longest line, without NUL */

/* facility: 0 = daemon, 1 = authpriv (authentication audit) */
enum log_fac { LOGF_DAEMON = 0, LOGF_AUTH = 1 };

typedef void (*log_sink_fn)(int prio, enum log_fac, const char *line);

void	log_init(const char *procname, int to_stderr, int verbose);
void	log_set_sink(log_sink_fn);
void	log_set_verbose(int);
int	log_get_verbose(void);
const char *log_procname(void);
/* Lines syslog could not take (no daemon, or the backlog full): dropped. */
uint64_t log_dropped(void);
/*
 * Lines waiting for a full syslog queue to drain: log_flush() sends
 * what it can now and returns how many still wait (the caller's loop
 * calls it again soon while that is not 0); log_backlog() counts them.
 */
unsigned log_flush(void);
unsigned log_backlog(void);
/*
 * log_batch(true) .. log_batch(false): the lines between are held and
 * written together at the end, one write(2) to stderr or one
 * sendmmsg(2) to syslog for up to LOG_BATCH lines, where each cost a
 * system call (master, around one wake-up of its loop).  A line at
 * LOG_ERR or worse is never held: what is held goes first, then it.
 */
#define LOG_BATCH	16
void	log_batch(bool on);
/* Write one already formatted line (master uses it for worker lines). */
void	log_emit(int prio, enum log_fac, const char *line);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Audit: key=value event lines; _auth goes to the authpriv facility, and
 * so do log_audit's login and session events (session-up, session-down,
 * session-refused, auth-ok, auth-fail, lockout: log.c auth_events).
 */
void	log_audit(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_audit_auth(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Run fn (once) when fatal() or fatalx() ends the process: master uses
 * it to take down what outlives it (its nftables table).
 */
void	log_set_fatal_hook(void (*fn)(void));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	vlog(int, enum log_fac, const char *, va_list)
	    __attribute__((format(printf, 3, 0)));

/*
 * Copy peer-supplied text for a log line: pr_escape (common/printable.h),
 * i.e. printable ASCII as itself, '"', '\\' and every other byte as
 * \xNN, truncated to fit without cutting an escape.
 */
void	log_sanitize(char *dst, size_t dstlen, const void *src, size_t srclen);

#endif /* HP_LOG_H */
