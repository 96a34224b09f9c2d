/* hpptpd: logging, common to all processes. */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/printable.h"

#define LOG_DEV		"/dev/log"
/*
 * Datagrams held while the daemon's queue is full.  A unix datagram
 * socket's queue is only net.unix.max_dgram_qlen (10) long, so a burst
 * of lines while rsyslogd waits for a CPU would otherwise lose audit
 * lines; 512 lines (300 KiB, allocated on first use) ride out a stall
 * of seconds and still bound what a stopped daemon costs us.
 */
#define LOG_BACKLOG	512
#define LOG_DGRAM_MAX	(LOG_MAX_LINE + 128)

struct log_dgram {
	uint16_t	 len;
	char		 buf[LOG_DGRAM_MAX];
};

struct log_state {
	const char	*proc;
	int		 to_stderr;
	int		 verbose;
	log_sink_fn	 sink;
	int		 sfd;		/* datagram socket to LOG_DEV, or -1 */
	time_t		 retry;		/* last connect attempt */
	uint64_t	 held;		/* dropped since the last report */
	uint64_t	 dropped;	/* total */
	struct log_dgram *q;		/* [LOG_BACKLOG] ring, or NULL */
	unsigned	 qhead;		/* oldest */
	unsigned	 qlen;
};

static struct log_state L = { "hpptpd", 1, 0, NULL, -1, 0, 0, 0, NULL, 0,
    0 };

/* Lines held by log_batch(): bss, resident only where it is used. */
static struct {
	bool		 on;
	/* stderr: the lines as they will be written */
	char		 out[LOG_BATCH * (LOG_MAX_LINE + 64)];
	size_t		 outlen;
	unsigned	 nout;
	/* syslog: one datagram each */
	struct log_dgram dg[LOG_BATCH];
	unsigned	 ndg;
} B;

static int	log_connect(void);
static void	batch_out(void);
static void	batch_syslog(void);

/*
 * Audit events of logins and sessions: they go to authpriv with the
 * authentication events, wherever they are logged from.
 */
static const char *const auth_events[] = {
	"session-up", "session-down", "session-refused", "auth-ok",
	"auth-fail", "lockout",
	/* a login that never came up, and why (hpptpd(8)) */
	"no-gre", "lcp-timeout", "ccp-refused", "auth-refused", NULL,
};

void
log_init(const char *procname, int to_stderr, int verbose)
{
	L.proc = procname;
	L.to_stderr = to_stderr;
	L.verbose = verbose;
	if (!to_stderr)
		(void)log_connect();
}

/*
 * syslog without libc's syslog(3): that one blocks in send() when the
 * daemon's receive queue is full (a stopped rsyslogd stops the whole
 * server) and retries a missing /dev/log on every line.  Ours is a
 * non-blocking datagram socket; a line that cannot go at once waits in
 * a bounded backlog that master's loop drains (log_flush); one that
 * finds no daemon or the backlog full is dropped and counted
 * (log_dropped(), hpptpctl stats) and the count is logged when lines
 * pass again.  Reconnects at most once a second.
 */
static int
log_connect(void)
{
	struct sockaddr_un sa;

	if (L.sfd != -1)
		close(L.sfd);
	L.retry = time(NULL);
	L.sfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (L.sfd == -1)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, LOG_DEV, sizeof(LOG_DEV));
	if (connect(L.sfd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(L.sfd);
		L.sfd = -1;
		return -1;
	}
	return 0;
}

/* Send one datagram now: 1 sent, 0 the queue is full, -1 no daemon. */
static int
log_send(const char *buf, size_t n)
{
	time_t t = time(NULL);

	if (L.sfd == -1 && (t == L.retry || log_connect() == -1))
		return -1;
	if (send(L.sfd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)n)
		return 1;
	if (errno == EAGAIN || errno == ENOBUFS)
		return 0;		/* full: the daemon is behind */
	/* the daemon went away (restarted, socket replaced): once again */
	if (t == L.retry || log_connect() == -1)
		return -1;
	if (send(L.sfd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)n)
		return 1;
	return errno == EAGAIN || errno == ENOBUFS ? 0 : -1;
}

/* Hold a datagram for log_flush(); false if the backlog is full. */
static bool
log_hold(const char *buf, size_t n)
{
	struct log_dgram *d;

	if (L.q == NULL && (L.q = calloc(LOG_BACKLOG, sizeof(*L.q))) == NULL)
		return false;
	if (L.qlen == LOG_BACKLOG)
		return false;
	d = &L.q[(L.qhead + L.qlen) % LOG_BACKLOG];
	memcpy(d->buf, buf, n);
	d->len = (uint16_t)n;
	L.qlen++;
	return true;
}

unsigned
log_flush(void)
{
	struct log_dgram *d;
	int r;

	while (L.qlen > 0) {
		d = &L.q[L.qhead];
		if ((r = log_send(d->buf, d->len)) == 0)
			break;
		if (r == -1) {
			/* the daemon is gone: what waited is lost */
			L.held += L.qlen;
			L.dropped += L.qlen;
			L.qlen = 0;
			break;
		}
		L.qhead = (L.qhead + 1) % LOG_BACKLOG;
		L.qlen--;
	}
	return L.qlen;
}

unsigned
log_backlog(void)
{
	return L.qlen;
}

/*
 * One datagram, the one-by-one way: sent, or held behind earlier ones
 * while the daemon's queue is full; false if dropped (no daemon, or
 * the backlog full).
 */
static bool
deliver(const char *buf, size_t n)
{
	int r;

	/* keep the order: nothing overtakes what waits */
	if (log_flush() > 0)
		return log_hold(buf, n);
	if ((r = log_send(buf, n)) == 1)
		return true;
	return r == 0 && log_hold(buf, n);
}

/* The held datagrams: one sendmmsg, and what it did not take one by one. */
static void
batch_syslog(void)
{
	struct mmsghdr mh[LOG_BATCH];
	struct iovec iov[LOG_BATCH];
	unsigned i, sent = 0;
	int n;

	if (B.ndg == 0)
		return;
	if (L.sfd != -1 && L.qlen == 0) {
		memset(mh, 0, sizeof(mh));
		for (i = 0; i < B.ndg; i++) {
			iov[i].iov_base = B.dg[i].buf;
			iov[i].iov_len = B.dg[i].len;
			mh[i].msg_hdr.msg_iov = &iov[i];
			mh[i].msg_hdr.msg_iovlen = 1;
		}
		if ((n = sendmmsg(L.sfd, mh, B.ndg, MSG_DONTWAIT |
		    MSG_NOSIGNAL)) > 0)
			sent = (unsigned)n;
	}
	for (i = sent; i < B.ndg; i++)
		if (!deliver(B.dg[i].buf, B.dg[i].len)) {
			L.held++;
			L.dropped++;
		}
	B.ndg = 0;
}

void
log_batch(bool on)
{
	if (!on) {
		batch_out();
		batch_syslog();
	}
	B.on = on;
}

/*
 * One RFC 3164 datagram, as syslog(3) writes it, stamped now.  Sent at
 * once, or held behind earlier ones while the daemon's queue is full;
 * false if dropped (no daemon, or the backlog full).
 */
static bool
log_syslog(int pri, const char *line)
{
	char buf[LOG_DGRAM_MAX], ts[32];
	struct tm tm;
	time_t t = time(NULL);
	int n;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(ts, sizeof(ts), "%b %e %H:%M:%S", &tm) == 0)
		ts[0] = '\0';
	n = snprintf(buf, sizeof(buf), "<%d>%s %s[%d]: %s", pri, ts, L.proc,
	    (int)getpid(), line);
	if (n < 0)
		return false;
	if ((size_t)n >= sizeof(buf))
		n = (int)sizeof(buf) - 1;
	/* held for the batch's one sendmmsg, if nothing waits before it */
	if (B.on && L.qlen == 0) {
		memcpy(B.dg[B.ndg].buf, buf, (size_t)n);
		B.dg[B.ndg].len = (uint16_t)n;
		if (++B.ndg == LOG_BATCH)
			batch_syslog();
		return true;
	}
	batch_syslog();
	return deliver(buf, (size_t)n);
}

static void
log_to_syslog(int prio, enum log_fac fac, const char *line)
{
	char note[128];

	if (L.held > 0) {
		(void)snprintf(note, sizeof(note), "event=log-dropped "
		    "lines=%llu total=%llu reason=\"syslog socket missing or "
		    "full\"", (unsigned long long)L.held,
		    (unsigned long long)L.dropped);
		if (!log_syslog(LOG_DAEMON | LOG_WARNING, note)) {
			L.held++;
			L.dropped++;
			return;
		}
		L.held = 0;
	}
	if (!log_syslog((fac == LOGF_AUTH ? LOG_AUTHPRIV : LOG_DAEMON) | prio,
	    line)) {
		L.held++;
		L.dropped++;
	}
}

uint64_t
log_dropped(void)
{
	return L.dropped;
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

/* The held stderr lines, in one write. */
static void
batch_out(void)
{
	/* a failed write has nowhere left to say so */
	if (B.outlen > 0)
		(void)!write(STDERR_FILENO, B.out, B.outlen);
	B.outlen = 0;
	B.nout = 0;
}

/*
 * One write(2) per line: dprintf costs an fstat and an lseek besides
 * (glibc sets up a FILE for it), three system calls per line where a
 * busy master writes several lines per session.
 */
static void
log_to_stderr(const char *line)
{
	char buf[LOG_MAX_LINE + 64];	/* the process name, ": ", the line */
	int n;

	n = snprintf(buf, sizeof(buf), "%s: %s\n", L.proc, line);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		n = (int)sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	if (B.on) {
		if (B.outlen + (size_t)n > sizeof(B.out))
			batch_out();
		memcpy(B.out + B.outlen, buf, (size_t)n);
		B.outlen += (size_t)n;
		if (++B.nout == LOG_BATCH)
			batch_out();
		return;
	}
	if (write(STDERR_FILENO, buf, (size_t)n) == -1)
		return;		/* nowhere left to say so */
}

void
log_emit(int prio, enum log_fac fac, const char *line)
{
	if (prio == LOG_DEBUG && L.verbose < 1)
		return;
	if (B.on && prio <= LOG_ERR) {
		/* never held: what is, first (fatal exits after this) */
		log_batch(false);
		log_emit(prio, fac, line);
		log_batch(true);
		return;
	}
	if (L.sink != NULL) {
		L.sink(prio, fac, line);
		return;
	}
	if (L.to_stderr) {
		log_to_stderr(line);
		return;
	}
	log_to_syslog(prio, fac, line);
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

/* "event=NAME ..." with NAME in auth_events? */
static bool
audit_is_auth(const char *line)
{
	const char *const *e;
	size_t n;

	if (strncmp(line, "event=", 6) != 0)
		return false;
	line += 6;
	n = strcspn(line, " ");
	for (e = auth_events; *e != NULL; e++)
		if (strlen(*e) == n && memcmp(*e, line, n) == 0)
			return true;
	return false;
}

void
log_audit(const char *fmt, ...)
{
	char line[LOG_MAX_LINE + 1];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_emit(LOG_NOTICE, audit_is_auth(line) ? LOGF_AUTH : LOGF_DAEMON,
	    line);
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

	log_batch(false);	/* the hook's lines too go before _exit */
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

	log_batch(false);	/* the hook's lines too go before _exit */
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
