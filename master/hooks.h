/*
 * hpptpd master: ip-up / ip-down scripts, run as pppd runs them.
 *
 *	script IFNAME DEVICE SPEED LOCALIP REMOTEIP IPPARAM
 *
 * with an environment that is empty except for pppd's variables
 * (man pppd, SCRIPTS): IFNAME DEVICE SPEED IPLOCAL IPREMOTE PEERNAME
 * ORIG_UID PPPLOGNAME PPPD_PID, LINKNAME and CALL_FILE when set, DNS1
 * and DNS2 (from the ms-dns config, since the server is the side that
 * supplies them), and for ip-down CONNECT_TIME BYTES_SENT BYTES_RCVD;
 * plus a fixed PATH and HPPTPD_SID.  Control characters in peer-chosen
 * text (PEERNAME) become '?'.
 *
 * The child gets a new session (so a timeout kills its whole process
 * group), stdin/stdout/stderr on /dev/null, no other fds, default
 * signal dispositions and an empty signal mask, cwd "/", umask 022.
 * Master never waits: hook_start() returns the pid; master's SIGCHLD
 * handling passes every reaped pid to hook_reap(); its timer calls
 * hook_check_timeouts(), which SIGKILLs the process group of a script
 * past its deadline (the entry stays until reaped, so the pid cannot
 * have been reused).  The script must be a regular file, executable,
 * owned by root and not writable by group or others, else HP_E_PERM.
 * A missing script is HP_E_NOTFOUND (pppd: "not an error").
 * Times are CLOCK_MONOTONIC milliseconds.
 */
#ifndef HP_MASTER_HOOKS_H
#define HP_MASTER_HOOKS_H

#include <sys/types.h>

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#define HOOK_MAX_RUNNING	256
#define HOOK_VALUE_MAX		256	/* longest value passed, bytes */
#define HOOK_TIMEOUT_DEFAULT_MS	30000
#define HOOK_SHUTDOWN_WAIT_MS	5000	/* shutdown waits no longer */

struct hook_args {
	const char	*ifname;	/* the tun, e.g. "hpptp0" */
	const char	*device;	/* DEVICE / argv[2], e.g. "pptp12" */
	unsigned	 speed;		/* 0 means 115200, pptpd's default */
	struct in_addr	 local;
	struct in_addr	 remote;
	const char	*ipparam;	/* argv[6]; NULL = "" (pptpd: peer IP) */
	const char	*peername;	/* authenticated user; NULL = unset */
	const char	*linkname;	/* NULL = unset */
	const char	*call_file;	/* NULL = unset */
	struct in_addr	 dns1, dns2;	/* INADDR_ANY = unset */
	uint32_t	 sid;		/* HPPTPD_SID, for the operator */
	bool		 down;		/* ip-down: set the statistics below */
	uint64_t	 connect_time;	/* seconds */
	uint64_t	 bytes_sent;
	uint64_t	 bytes_rcvd;
};

/* Start script; *pidp is the child (its own process group). */
int	hook_start(const char *script, const struct hook_args *,
	    unsigned timeout_ms, uint64_t now_ms, pid_t *pidp);
/* A child was reaped: true (and logged, forgotten) if it was a hook. */
bool	hook_reap(pid_t pid, int status);
/* Kill hooks past their deadline; returns how many were killed now. */
unsigned hook_check_timeouts(uint64_t now_ms);
/* Earliest deadline of a running hook not yet killed; false if none. */
bool	hook_next_deadline(uint64_t *deadline_ms);
unsigned hook_running(void);
/* Shutdown: SIGKILL every running hook's process group. */
void	hook_kill_all(void);
/*
 * Shutdown: wait for running hooks (the ip-down scripts of the sessions
 * just ended) until deadline_ms, reaping them; then kill the rest.
 */
void	hook_drain(uint64_t deadline_ms);

#endif /* HP_MASTER_HOOKS_H */
