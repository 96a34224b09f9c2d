/*
 * hpptpd master: the worker process table.  Each worker is fork+exec'd
 * fresh (new address-space layout) with its socketpair end on fd 3,
 * supervised, and restarted with back-off when it dies.  What a worker
 * is for comes from its row of the caller's procs[] (proc.h): this
 * file calls no other part of master.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/param.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/printable.h"
#include "master/master.h"
#include "master/proc.h"
#include "master/workerbin.h"
#include "policy/worker.h"

#define FAST_CRASH_MS	10000	/* a death this soon after start is "fast" */
#define DEGRADED_CRASHES 5	/* more fast crashes: it cannot stay up */
#define BACKOFF_BASE_MS	250	/* doubling from the second fast crash */
#define BACKOFF_MAX_MS	60000	/* ... up to this; master never gives up */
#define STOP_WAIT_MS	2000	/* at shutdown, before SIGKILL */

/*
 * Worker log lines: a token bucket per worker, LOG_RATE lines a second
 * with bursts of LOG_BURST (master's own lines are not counted).  What
 * it refuses is counted and reported in one event=log-suppressed line
 * as soon as a token is back.  The bucket survives restarts: a crash
 * loop gets no fresh burst.
 */
#define LOG_RATE	200
#define LOG_BURST	1000

static bool	proc_log_take(struct proc *, uint64_t);
static void	proc_log_report(struct proc *);

void
proc_init(struct master *m, const struct proc_def *defs,
    bool (*reap_other)(pid_t, int))
{
	unsigned int i, ngre = m->ngre < 1 ? 1 : m->ngre;

	m->reap_other = reap_other;
	m->nslots = P_NPROC + ngre - 1;
	for (i = 0; i < m->nslots; i++) {
		struct proc *p = &m->procs[i];

		memset(p, 0, sizeof(*p));
		p->slot = i;
		p->id = i < P_NPROC ? (enum proc_id)i : P_GRE;
		p->shard = i < P_NPROC ? 0 : i - P_NPROC + 1;
		p->def = i == P_MASTER ? NULL : &defs[p->id];
		p->chan.fd = -1;
		p->log_tokens = (uint64_t)LOG_BURST * 1000;
		/* data worker 0 keeps the plain name the logs have always had */
		if (p->shard == 0)
			(void)snprintf(p->name, sizeof(p->name), "%s",
			    proc_name(p->id));
		else	/* shard < GRE_WORKERS_MAX: two digits at most */
			(void)snprintf(p->name, sizeof(p->name), "%s%u",
			    proc_name(p->id), p->shard % 100u);
	}
}

/*
 * In the child: fd 3 is the channel, 0, 1 and 2 are /dev/null: the log
 * path is master's alone (MSG_LOG), nothing a worker writes to a
 * standard fd reaches master's log or the journal.  Failures here end
 * in exit codes master reports when it reaps: 126 (fds), 127 (exec).
 */
static void
proc_exec(struct master *m, struct proc *p, int childfd)
{
	char path[CONF_PATH_MAX + 32], uid[16], gid[16], verbose[16];
	char nofile[16], name[32];
	char *argv[12];
	char *envp[8];
	int null, envc = 0;
	const char *san;
#ifdef HP_TEST_HOOKS
	/* tests/security/t_redteam.sh: which worker misbehaves, and how */
	static const char *const evil[] = { "HP_EVIL_CTRL", "HP_EVIL_AUTH",
	    "HP_EVIL_GRE", "HP_EVIL_PASSWORD" };
	size_t e;
#endif

	if ((null = open("/dev/null", O_RDWR)) == -1 ||
	    dup2(null, STDIN_FILENO) == -1 || dup2(null, STDOUT_FILENO) == -1 ||
	    dup2(null, STDERR_FILENO) == -1)
		_exit(126);
	if (childfd != WORKER_CHAN_FD) {
		if (dup2(childfd, WORKER_CHAN_FD) == -1)
			_exit(126);
	} else if (fcntl(childfd, F_SETFD, 0) == -1)
		_exit(126);
	(void)snprintf(path, sizeof(path), "%s/%s", m->libexec, p->def->bin);
	(void)snprintf(uid, sizeof(uid), "%u", (unsigned int)m->uid);
	(void)snprintf(gid, sizeof(gid), "%u", (unsigned int)m->gid);
	(void)snprintf(verbose, sizeof(verbose), "%d",
	    m->conf.verbose > 9 ? 9 : m->conf.verbose);
	/* data workers 1.. are told apart by name: hpptpd-gre1, ... */
	if (p->shard == 0)
		(void)snprintf(name, sizeof(name), "%s", p->def->bin);
	else
		(void)snprintf(name, sizeof(name), "%s%u", p->def->bin,
		    p->shard);
	argv[0] = name;
	argv[1] = "-u"; argv[2] = uid;
	argv[3] = "-g"; argv[4] = gid;
	argv[5] = "-r"; argv[6] = m->conf.chroot_dir;
	argv[7] = "-v"; argv[8] = verbose;
	argv[9] = NULL;
	if (p->def->nofile != NULL) {	/* its RLIMIT_NOFILE, from master */
		(void)snprintf(nofile, sizeof(nofile), "%u",
		    p->def->nofile(m));
		argv[9] = "-n"; argv[10] = nofile;
		argv[11] = NULL;
	}
	/* a clean environment; sanitizer options pass for SAN=1 runs */
	if ((san = getenv("ASAN_OPTIONS")) != NULL)
		envp[envc++] = (char *)san - strlen("ASAN_OPTIONS=");
	if ((san = getenv("UBSAN_OPTIONS")) != NULL)
		envp[envc++] = (char *)san - strlen("UBSAN_OPTIONS=");
#ifdef HP_TEST_HOOKS
	for (e = 0; e < sizeof(evil) / sizeof(evil[0]); e++)
		if ((san = getenv(evil[e])) != NULL)
			envp[envc++] = (char *)san - strlen(evil[e]) - 1;
#endif
	envp[envc] = NULL;
	execve(path, argv, envp);
	_exit(127);
}

int
proc_spawn(struct master *m, unsigned int slot)
{
	struct proc *p = &m->procs[slot];
	struct epoll_event ev;
	int sv[2], bufsz = 1 << 20;
	pid_t pid;

	if (workerbin_ok(m->libexec, p->def->bin) != 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) {
		log_warn("socketpair for %s", p->name);
		return -1;
	}
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	if ((pid = fork()) == -1) {
		log_warn("fork %s", p->name);
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		proc_exec(m, p, sv[1]);
	}
	close(sv[1]);
	if (fcntl(sv[0], F_SETFL, O_NONBLOCK) == -1)
		fatal("fcntl");
	msg_chan_init(&p->chan, sv[0], P_MASTER, p->id);
	p->pid = pid;
	p->ready = false;
	p->started_ms = now_ms();
	p->restart_at = 0;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = EP_TAG(EPK_CHAN, slot);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, sv[0], &ev) == -1)
		fatal("epoll_ctl");
	log_debug("started %s, pid %d", p->name, (int)pid);
	return 0;
}

static void
proc_chan_drop(struct master *m, struct proc *p)
{
	if (p->chan.fd != -1) {
		(void)epoll_ctl(m->ep, EPOLL_CTL_DEL, p->chan.fd, NULL);
		msg_chan_close(&p->chan);
	}
	p->ready = false;
}

void
proc_kill(struct master *m, unsigned int slot, const char *why)
{
	struct proc *p = &m->procs[slot];

	if (p->pid == 0)
		return;
	log_warnx("killing %s (pid %d): %s", p->name, (int)p->pid, why);
	(void)kill(p->pid, SIGKILL);
	proc_chan_drop(m, p);
}

/* The back-off before restart number `crashes` fast crashes in a row. */
static uint64_t
proc_backoff(unsigned int crashes)
{
	if (crashes <= 1)
		return 0;
	if (crashes - 2 >= 16)
		return BACKOFF_MAX_MS;
	return MIN((uint64_t)BACKOFF_BASE_MS << (crashes - 2),
	    (uint64_t)BACKOFF_MAX_MS);
}

/*
 * A worker died.  Master never gives up on it: a worker that crashes on
 * every start (an attacker re-sending the packet that kills ctrl) gets
 * a growing back-off, bounded at BACKOFF_MAX_MS, and its loss costs what
 * only it served (its def's degraded); the other workers' sessions go on.
 */
static void	proc_schedule(struct proc *, const char *, uint64_t);

static void
proc_exited(struct master *m, struct proc *p, int status, uint64_t now)
{
	char how[64];

	if (WIFSIGNALED(status))
		(void)snprintf(how, sizeof(how), "signal %d",
		    WTERMSIG(status));
	else
		(void)snprintf(how, sizeof(how), "exit %d",
		    WEXITSTATUS(status));
	proc_chan_drop(m, p);
	p->pid = 0;
	p->def->on_lost(m, p->slot);
	if (m->quit)
		return;
	/* the child's fd 2 is /dev/null: say here why it never ran */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		log_warnx("%s: cannot exec %s/%s (missing, not executable or "
		    "refused)", p->name, m->libexec, p->def->bin);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
		log_warnx("%s: cannot set up its standard fds and channel",
		    p->name);
	if (now - p->started_ms < FAST_CRASH_MS)
		p->crashes++;
	else
		p->crashes = 1;
	proc_schedule(p, how, now);
}

/*
 * The next start of a worker that died or could not start; what is
 * lost meanwhile (its def's degraded) is said once it crash-loops.
 */
static void
proc_schedule(struct proc *p, const char *how, uint64_t now)
{
	uint64_t delay;

	delay = proc_backoff(p->crashes);
	p->restart_at = now + delay;
	p->restarts++;
	log_audit("event=worker-restart proc=%s status=\"%s\" delay_ms=%llu "
	    "restarts=%u crashes=%u", p->name, how,
	    (unsigned long long)delay, p->restarts, p->crashes);
	if (p->crashes > DEGRADED_CRASHES)
		log_audit("event=worker-degraded proc=%s crashes=%u "
		    "delay_ms=%llu effect=\"%s\"", p->name,
		    p->crashes, (unsigned long long)delay,
		    p->def->degraded);
}

/* SIGCHLD: reap workers and hook scripts. */
void
proc_reap(struct master *m)
{
	uint64_t now = now_ms();
	pid_t pid;
	unsigned int i;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 1; i < m->nslots; i++)
			if (m->procs[i].pid == pid)
				break;
		if (i < m->nslots)
			proc_exited(m, &m->procs[i], status, now);
		else if (m->reap_other != NULL)
			(void)m->reap_other(pid, status);
	}
}

void
proc_timers(struct master *m, uint64_t now)
{
	unsigned int i;

	for (i = 1; i < m->nslots; i++) {
		struct proc *p = &m->procs[i];

		if (p->pid == 0 && p->restart_at != 0 && now >= p->restart_at &&
		    !m->quit) {
			p->restart_at = 0;
			/*
			 * Not started (its binary refused, no fork): a failed
			 * start like a crash at once, with the same back-off.
			 */
			if (proc_spawn(m, p->slot) == -1) {
				p->crashes++;
				p->started_ms = now;
				proc_schedule(p, "refused", now);
			}
		}
		if (p->log_held > 0 && proc_log_take(p, now))
			proc_log_report(p);
	}
}

int
proc_next_timeout(const struct master *m, uint64_t now)
{
	unsigned int i;
	int t = -1;

	for (i = 1; i < m->nslots; i++) {
		const struct proc *p = &m->procs[i];
		int d;

		if (p->log_held > 0) {
			/* when the next token is back, for the count line */
			d = (int)(1000 / LOG_RATE) + 1;
			if (t == -1 || d < t)
				t = d;
		}
		if (p->pid != 0 || p->restart_at == 0)
			continue;
		d = p->restart_at <= now ? 0 : (int)(p->restart_at - now);
		if (t == -1 || d < t)
			t = d;
	}
	return t;
}

void
proc_reconfigure(struct master *m)
{
	unsigned int i;

	for (i = 1; i < m->nslots; i++)
		if (m->procs[i].ready)
			m->procs[i].def->on_ready(m, i);
}

/* Reap what has exited; the number of workers still alive. */
static int
proc_reap_stopping(struct master *m)
{
	unsigned int i;
	int status, alive = 0;
	bool worker;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		worker = false;
		for (i = 1; i < m->nslots; i++)
			if (m->procs[i].pid == pid) {
				m->procs[i].pid = 0;
				worker = true;
			}
		/* an ip-down script: log, forget */
		if (!worker && m->reap_other != NULL)
			(void)m->reap_other(pid, status);
	}
	for (i = 1; i < m->nslots; i++)
		alive += m->procs[i].pid != 0;
	return alive;
}

/*
 * Ask workers to exit (closing their channel), then wait for them on
 * master's signalfd: each death is a SIGCHLD there, so the wait ends
 * the moment the last one is gone, not at the next poll tick.  What is
 * left after STOP_WAIT_MS is killed.  Other signals read meanwhile are
 * dropped: master is stopping anyway.
 */
void
proc_stop_all(struct master *m)
{
	uint64_t now, deadline = now_ms() + STOP_WAIT_MS;
	struct signalfd_siginfo si;
	struct pollfd pfd;
	unsigned int i;

	for (i = 1; i < m->nslots; i++) {
		proc_chan_drop(m, &m->procs[i]);
		if (m->procs[i].pid != 0)
			(void)kill(m->procs[i].pid, SIGTERM);
	}
	pfd.fd = m->sigfd;
	pfd.events = POLLIN;
	while (proc_reap_stopping(m) > 0 && (now = now_ms()) < deadline) {
		pfd.revents = 0;
		if (poll(&pfd, 1, (int)(deadline - now)) > 0)
			while (read(m->sigfd, &si, sizeof(si)) ==
			    (ssize_t)sizeof(si))
				continue;	/* SIGCHLD: reap above */
	}
	for (i = 1; i < m->nslots; i++)
		if (m->procs[i].pid != 0) {
			(void)kill(m->procs[i].pid, SIGKILL);
			(void)waitpid(m->procs[i].pid, NULL, 0);
			m->procs[i].pid = 0;
		}
}

static void
proc_update_events(struct master *m, struct proc *p)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | (msg_pending(&p->chan) ? EPOLLOUT : 0);
	ev.data.u64 = EP_TAG(EPK_CHAN, p->slot);
	(void)epoll_ctl(m->ep, EPOLL_CTL_MOD, p->chan.fd, &ev);
}

int
proc_send(struct master *m, unsigned int slot, uint16_t type, uint32_t sid,
    const void *payload, size_t len, int fd)
{
	struct proc *p = &m->procs[slot];
	bool was = msg_pending(&p->chan);
	int r;

	if (p->pid == 0 || p->chan.fd == -1 || !p->ready)
		return HP_E_CLOSED;
	r = msg_send(&p->chan, type, sid, payload, len, fd);
	if (r == HP_E_NOMEM) {
		proc_kill(m, slot, "not reading its messages");
		return r;
	}
	if (r == HP_OK && msg_pending(&p->chan) != was)
		proc_update_events(m, p);
	return r;
}

void
proc_cork_all(struct master *m)
{
	unsigned int i;

	for (i = 0; i < m->nslots; i++)
		msg_cork(&m->procs[i].chan);
}

static void
proc_uncork(struct master *m, struct proc *p)
{
	bool was = msg_pending(&p->chan);
	int r;

	if (p->chan.fd == -1) {
		p->chan.corked = false;
		return;
	}
	r = msg_uncork(&p->chan);
	if (r == HP_E_NOMEM) {
		proc_kill(m, p->slot, "not reading its messages");
		return;
	}
	if (msg_pending(&p->chan) != was)
		proc_update_events(m, p);
}

/*
 * ctrl's last: it speaks to the client over TCP, so whatever a data
 * worker or auth is told in the same wake-up is there before the
 * client can act on what ctrl says (each step that needs it waits for
 * the worker's answer anyway; this keeps any other in order too).
 */
void
proc_uncork_all(struct master *m)
{
	unsigned int i;

	for (i = 0; i < m->nslots; i++)
		if (m->procs[i].id != P_CTRL)
			proc_uncork(m, &m->procs[i]);
	for (i = 0; i < m->nslots; i++)
		if (m->procs[i].id == P_CTRL)
			proc_uncork(m, &m->procs[i]);
}

/* Refill p's log bucket and take one token if there is one. */
static bool
proc_log_take(struct proc *p, uint64_t now)
{
	uint64_t cap = (uint64_t)LOG_BURST * 1000;

	if (now > p->log_at) {
		uint64_t add = (now - p->log_at) * LOG_RATE;

		p->log_tokens = add >= cap - MIN(p->log_tokens, cap) ? cap :
		    p->log_tokens + add;
		p->log_at = now;
	} else if (p->log_at == 0)
		p->log_at = now;
	if (p->log_tokens < 1000)
		return false;
	p->log_tokens -= 1000;
	return true;
}

/* Report the lines suppressed since the last report (a token spent). */
static void
proc_log_report(struct proc *p)
{
	log_audit("event=log-suppressed proc=%s lines=%llu total=%llu "
	    "rate=%u burst=%u", p->name,
	    (unsigned long long)p->log_held,
	    (unsigned long long)p->log_suppressed, LOG_RATE, LOG_BURST);
	p->log_held = 0;
}

/*
 * Is this worker line one of the audit lines its sender may write as
 * itself (auth's auth-ok, auth-fail, lockout on authpriv), in strict
 * key=value syntax?  Anything else is free text.
 */
static bool
proc_log_audit(const struct proc *p, const struct m_log *l)
{
	const char *const *e;
	const char *ev;
	size_t evlen;

	if (p->def->audit_events == NULL || l->fac != LOGF_AUTH ||
	    !pr_audit_line(l->text, l->len, &ev, &evlen))
		return false;
	for (e = p->def->audit_events; *e != NULL; e++)
		if (strlen(*e) == evlen && memcmp(*e, ev, evlen) == 0)
			return true;
	return false;
}

/*
 * A worker's log line (untrusted).  It is logged prefixed with the
 * worker's name, at no higher priority than LOG_CRIT, within its rate
 * limit, and -- unless it is one of its own audit lines -- as one quoted
 * value, msg="...", every byte outside printable ASCII and every quote
 * escaped (pr_escape): a key=value parser never finds a top-level key,
 * least of all event=, in a worker's free text.
 */
static void
proc_log_line(struct proc *p, const struct m_log *l)
{
	char text[LOG_MAX_LINE + 1], out[LOG_MAX_LINE + 32];
	int prio = l->prio <= LOG_CRIT ? LOG_CRIT : l->prio;

	if (l->prio == LOG_DEBUG && log_get_verbose() < 1)
		return;
	if (!proc_log_take(p, now_ms())) {
		p->log_held++;
		p->log_suppressed++;
		return;
	}
	if (p->log_held > 0)
		proc_log_report(p);
	if (proc_log_audit(p, l)) {
		(void)snprintf(out, sizeof(out), "%s: %.*s", p->name,
		    (int)l->len, l->text);
	} else {
		(void)pr_escape(text, sizeof(text), l->text, l->len);
		(void)snprintf(out, sizeof(out), "%s: msg=\"%s\"",
		    p->name, text);
	}
	log_emit(prio, (enum log_fac)l->fac, out);
}

static void
proc_message(struct master *m, struct proc *p, struct msg *msg)
{
	switch (msg->hdr.type) {
	case MSG_LOG:
		proc_log_line(p, (const struct m_log *)msg->data);
		break;
	case MSG_READY:
		if (p->ready || ((struct m_ready *)msg->data)->proc != p->id) {
			proc_kill(m, p->slot, "unexpected ready message");
			break;
		}
		p->ready = true;
		log_info("%s ready (pid %d)", p->name, (int)p->pid);
		p->def->on_ready(m, p->slot);
		break;
	default:
		if (!p->ready) {
			proc_kill(m, p->slot, "message before ready");
			break;
		}
		p->def->dispatch(m, p->slot, msg);
		break;
	}
}

void
proc_chan_event(struct master *m, unsigned int slot, uint32_t events)
{
	struct proc *p = &m->procs[slot];
	struct msg msg;
	int r, n;

	if (p->chan.fd == -1)
		return;
	if (events & EPOLLOUT) {
		r = msg_flush(&p->chan);
		if (r != HP_OK && r != HP_E_AGAIN) {
			proc_chan_drop(m, p);
			return;
		}
		proc_update_events(m, p);
	}
	if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) == 0)
		return;
	/*
	 * Bounded per wake-up so one chatty worker can't starve others,
	 * but never with messages read and held (no wake-up brings
	 * those); and ended when msg_recv_more() says the socket was
	 * found empty, which saves the read that would say so.
	 */
	for (n = 0; p->chan.fd != -1; n++) {
		if (n > 0 && !msg_recv_more(&p->chan))
			break;
		if (n >= 256 && !msg_recv_held(&p->chan))
			break;
		memset(&msg.hdr, 0, sizeof(msg.hdr));
		r = msg_recv(&p->chan, &msg);
		if (r == HP_E_AGAIN)
			break;
		if (r == HP_E_CLOSED || r == HP_E_SYS) {
			/*
			 * Dead or dying: SIGCHLD does the rest.  A worker that
			 * closed its channel but lives on is useless: kill it.
			 */
			proc_kill(m, slot, "closed its channel");
			break;
		}
		if (r != HP_OK) {
			log_audit("event=ipc-violation proc=%s type=%s reason=\"%s\"",
			    p->name, msg_type_name(msg.hdr.type), hp_strerror(r));
			proc_kill(m, slot, "invalid message");
			break;
		}
		proc_message(m, p, &msg);
		/* auth requests carry passwords and responses, keys follow */
		sodium_memzero(msg.data, msg.hdr.len);
		if (msg.fd != -1)	/* no master-bound type carries one */
			close(msg.fd);
	}
}
