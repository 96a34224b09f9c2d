/*
 * hpptpd master: ip-up / ip-down scripts (see hooks.h).
 *
 * Everything the child needs (argv, envp) is formatted before fork(),
 * so the child only calls async-signal-safe functions between fork()
 * and execve().
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/printable.h"
#include "master/hooks.h"

#define HOOK_NENV	24
#define HOOK_ENVLEN	(16 + HOOK_VALUE_MAX)	/* NAME= plus value */
#define HOOK_PATH	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
			"/sbin:/bin"

struct hook {
	pid_t		 pid;		/* 0 = free slot */
	uint64_t	 deadline_ms;
	bool		 killed;
	uint32_t	 sid;
	char		 name[64];	/* script basename, for logs */
};

/* What execve() gets; built on the parent's stack before fork(). */
struct hook_exec {
	char		 arg[6][HOOK_VALUE_MAX + 1];
	char		*argv[8];
	char		 env[HOOK_NENV][HOOK_ENVLEN];
	char		*envp[HOOK_NENV + 1];
	int		 nenv;
};

static struct hook	hooks[HOOK_MAX_RUNNING];
static unsigned		nhooks;

static void	copy_value(char *, size_t, const char *, bool);
static void	env_add(struct hook_exec *, const char *, const char *, bool);
static void	env_addu(struct hook_exec *, const char *, uint64_t);
static void	build(struct hook_exec *, const char *,
		    const struct hook_args *);
static int	script_check(const char *);
static void	child_exec(const char *, struct hook_exec *)
		    __attribute__((noreturn));

/*
 * Copy at most HOOK_VALUE_MAX bytes.  Peer-chosen values (scrub) are
 * escaped like every log line (pr_escape: \xNN for anything outside
 * printable ASCII), so a script never sees a control byte or a quote.
 */
static void
copy_value(char *dst, size_t dstlen, const char *src, bool scrub)
{
	size_t	 n;

	for (n = 0; src != NULL && n < HOOK_VALUE_MAX && src[n] != '\0'; n++)
		;
	if (scrub) {
		(void)pr_escape(dst, dstlen, src, n);
		return;
	}
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, src == NULL ? "" : src, n);
	dst[n] = '\0';
}

static void
env_add(struct hook_exec *x, const char *name, const char *val, bool scrub)
{
	char	*e;
	size_t	 n;

	if (val == NULL || x->nenv >= HOOK_NENV)
		return;
	e = x->env[x->nenv];
	n = (size_t)snprintf(e, HOOK_ENVLEN, "%s=", name);
	if (n >= HOOK_ENVLEN)
		return;
	copy_value(e + n, HOOK_ENVLEN - n, val, scrub);
	x->envp[x->nenv] = e;
	x->nenv++;
	x->envp[x->nenv] = NULL;
}

static void
env_addu(struct hook_exec *x, const char *name, uint64_t v)
{
	char	 buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	env_add(x, name, buf, false);
}

static void
build(struct hook_exec *x, const char *script, const struct hook_args *a)
{
	char		 local[INET_ADDRSTRLEN], remote[INET_ADDRSTRLEN];
	char		 dns[INET_ADDRSTRLEN], speed[16];
	struct passwd	*pw;
	int		 i;

	memset(x, 0, sizeof(*x));
	inet_ntop(AF_INET, &a->local, local, sizeof(local));
	inet_ntop(AF_INET, &a->remote, remote, sizeof(remote));
	snprintf(speed, sizeof(speed), "%u", a->speed ? a->speed : 115200);

	copy_value(x->arg[0], sizeof(x->arg[0]), a->ifname, false);
	copy_value(x->arg[1], sizeof(x->arg[1]), a->device, false);
	copy_value(x->arg[2], sizeof(x->arg[2]), speed, false);
	copy_value(x->arg[3], sizeof(x->arg[3]), local, false);
	copy_value(x->arg[4], sizeof(x->arg[4]), remote, false);
	copy_value(x->arg[5], sizeof(x->arg[5]), a->ipparam, true);
	x->argv[0] = (char *)script;
	for (i = 0; i < 6; i++)
		x->argv[i + 1] = x->arg[i];
	x->argv[7] = NULL;

	env_add(x, "PATH", HOOK_PATH, false);
	env_add(x, "IFNAME", x->arg[0], false);
	env_add(x, "DEVICE", x->arg[1], false);
	env_add(x, "SPEED", speed, false);
	env_add(x, "IPLOCAL", local, false);
	env_add(x, "IPREMOTE", remote, false);
	env_add(x, "PEERNAME", a->peername, true);
	env_addu(x, "ORIG_UID", getuid());
	pw = getpwuid(getuid());
	env_add(x, "PPPLOGNAME", pw != NULL ? pw->pw_name : "(unknown)", true);
	env_addu(x, "PPPD_PID", (uint64_t)getpid());
	env_add(x, "LINKNAME", a->linkname, true);
	env_add(x, "CALL_FILE", a->call_file, true);
	if (a->dns1.s_addr != INADDR_ANY) {
		inet_ntop(AF_INET, &a->dns1, dns, sizeof(dns));
		env_add(x, "DNS1", dns, false);
	}
	if (a->dns2.s_addr != INADDR_ANY) {
		inet_ntop(AF_INET, &a->dns2, dns, sizeof(dns));
		env_add(x, "DNS2", dns, false);
	}
	if (a->down) {
		env_addu(x, "CONNECT_TIME", a->connect_time);
		env_addu(x, "BYTES_SENT", a->bytes_sent);
		env_addu(x, "BYTES_RCVD", a->bytes_rcvd);
	}
	env_addu(x, "HPPTPD_SID", a->sid);
}

/* Root's scripts only: a script others can change runs as root. */
static int
script_check(const char *script)
{
	struct stat	 sb;

	if (stat(script, &sb) == -1)
		return errno == ENOENT ? HP_E_NOTFOUND : HP_E_SYS;
	if (!S_ISREG(sb.st_mode) || (sb.st_mode & 0111) == 0) {
		log_warnx("hook %s: not an executable file", script);
		return HP_E_PERM;
	}
	if (sb.st_uid != 0 || (sb.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		log_warnx("hook %s: must be owned by root and not writable "
		    "by group or others", script);
		return HP_E_PERM;
	}
	return HP_OK;
}

/* In the child, between fork() and execve(): async-signal-safe only. */
static void
child_exec(const char *script, struct hook_exec *x)
{
	struct sigaction sa;
	sigset_t	 all;
	int		 fd, sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);	/* EINVAL for some */
	sigemptyset(&all);
	(void)sigprocmask(SIG_SETMASK, &all, NULL);
	if (setsid() == -1)
		_exit(126);
	if ((fd = open("/dev/null", O_RDWR)) == -1)
		_exit(126);
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		_exit(126);
	if (close_range(3, ~0U, 0) == -1) {
		for (fd = 3; fd < 65536; fd++)
			(void)close(fd);
	}
	umask(022);
	if (chdir("/") == -1)
		_exit(126);
	execve(script, x->argv, x->envp);
	_exit(127);
}

int
hook_start(const char *script, const struct hook_args *a,
    unsigned timeout_ms, uint64_t now_ms, pid_t *pidp)
{
	struct hook_exec x;
	struct hook	*h = NULL;
	const char	*base;
	pid_t		 pid;
	unsigned	 i;
	int		 r;

	*pidp = -1;
	if (script == NULL || script[0] != '/')
		return HP_E_RANGE;	/* absolute paths only */
	if ((r = script_check(script)) != HP_OK)
		return r;
	for (i = 0; i < HOOK_MAX_RUNNING; i++) {
		if (hooks[i].pid == 0) {
			h = &hooks[i];
			break;
		}
	}
	if (h == NULL) {
		log_warnx("hook %s: %u scripts still running, not started",
		    script, nhooks);
		return HP_E_NOMEM;
	}
	build(&x, script, a);
	if ((pid = fork()) == -1) {
		log_warn("hook %s: fork", script);
		return HP_E_SYS;
	}
	if (pid == 0)
		child_exec(script, &x);
	explicit_bzero(&x, sizeof(x));

	memset(h, 0, sizeof(*h));
	h->pid = pid;
	h->deadline_ms = now_ms + (timeout_ms ? timeout_ms :
	    HOOK_TIMEOUT_DEFAULT_MS);
	h->sid = a->sid;
	base = strrchr(script, '/');
	snprintf(h->name, sizeof(h->name), "%s", base + 1);
	nhooks++;
	log_debug("hook %s started pid=%ld sid=0x%x", h->name, (long)pid,
	    h->sid);
	*pidp = pid;
	return HP_OK;
}

bool
hook_reap(pid_t pid, int status)
{
	struct hook	*h;
	unsigned	 i;

	if (pid <= 0)
		return false;
	for (i = 0; i < HOOK_MAX_RUNNING; i++) {
		h = &hooks[i];
		if (h->pid != pid)
			continue;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			log_debug("hook %s pid=%ld sid=0x%x done", h->name,
			    (long)pid, h->sid);
		else if (WIFEXITED(status))
			log_warnx("hook %s pid=%ld sid=0x%x exited %d",
			    h->name, (long)pid, h->sid, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			log_warnx("hook %s pid=%ld sid=0x%x killed by signal "
			    "%d%s", h->name, (long)pid, h->sid,
			    WTERMSIG(status), h->killed ? " (by hpptpd: timeout or shutdown)" : "");
		memset(h, 0, sizeof(*h));
		nhooks--;
		return true;
	}
	return false;
}

unsigned
hook_check_timeouts(uint64_t now_ms)
{
	struct hook	*h;
	unsigned	 i, n = 0;

	for (i = 0; i < HOOK_MAX_RUNNING; i++) {
		h = &hooks[i];
		if (h->pid == 0 || h->killed || now_ms < h->deadline_ms)
			continue;
		/*
		 * Not yet reaped, so the pid and group id are still ours.
		 * The pid itself too, in case the child has not reached
		 * setsid() yet.
		 */
		if (kill(-h->pid, SIGKILL) == -1 && errno != ESRCH)
			log_warn("hook %s: kill %ld", h->name, (long)h->pid);
		(void)kill(h->pid, SIGKILL);
		h->killed = true;
		log_warnx("hook %s pid=%ld sid=0x%x timed out, killed",
		    h->name, (long)h->pid, h->sid);
		n++;
	}
	return n;
}

bool
hook_next_deadline(uint64_t *deadline_ms)
{
	unsigned	 i;
	bool		 any = false;

	*deadline_ms = 0;
	for (i = 0; i < HOOK_MAX_RUNNING; i++) {
		if (hooks[i].pid == 0 || hooks[i].killed)
			continue;
		if (!any || hooks[i].deadline_ms < *deadline_ms)
			*deadline_ms = hooks[i].deadline_ms;
		any = true;
	}
	return any;
}

unsigned
hook_running(void)
{
	return nhooks;
}

/* Reap hooks until none runs or deadline_ms passes, sleeping step_ms. */
static void
hook_wait(uint64_t deadline_ms, int step_ms)
{
	uint64_t	 now;
	pid_t		 pid;
	int		 status;

	while (hook_running() > 0 && (now = now_ms()) < deadline_ms) {
		(void)hook_check_timeouts(now);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			(void)hook_reap(pid, status);
		if (hook_running() > 0)
			(void)poll(NULL, 0, step_ms);
	}
}

void
hook_drain(uint64_t deadline_ms)
{
	hook_wait(deadline_ms, 20);
	hook_kill_all();
	/* killed process groups go quickly: collect them, bounded */
	hook_wait(now_ms() + 1000, 10);
}

void
hook_kill_all(void)
{
	unsigned	 i;

	for (i = 0; i < HOOK_MAX_RUNNING; i++) {
		if (hooks[i].pid == 0 || hooks[i].killed)
			continue;
		(void)kill(-hooks[i].pid, SIGKILL);
		(void)kill(hooks[i].pid, SIGKILL);
		hooks[i].killed = true;
	}
}
