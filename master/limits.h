/*
 * hpptpd master: connection admission limits.
 *
 * Two stages, each counted in a fixed-size table allocated at
 * limits_create(), so no flood of source addresses or user names can
 * grow memory:
 *  - a control connection (TCP accept): total open connections, open
 *    connections per source address, and a token bucket for new
 *    connections per second with a burst;
 *  - a session (after authentication): total sessions and sessions
 *    per user.
 * Every refusal is an enum lim_verdict; lim_verdict_name() gives the
 * reason= word for the audit line.  A successful *_open must be paired
 * with exactly one *_close with the same argument.
 *
 * IPv6 sources are counted per /64 (one subscriber's prefix, which an
 * attacker can fill with addresses at will); IPv4-mapped IPv6
 * addresses count as the IPv4 address.  Users are counted by a keyed
 * 64-bit SipHash of the name (random key per process), not the name.
 * Times are CLOCK_MONOTONIC milliseconds.
 */
#ifndef HP_MASTER_LIMITS_H
#define HP_MASTER_LIMITS_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIMITS_MAX_SESSIONS	65536	/* caps on the table sizes */
#define LIMITS_MAX_CONNS	65536

struct limits_conf {
	unsigned	 max_sessions;		/* 1..LIMITS_MAX_SESSIONS */
	unsigned	 max_sessions_per_user;	/* 0 = unlimited */
	unsigned	 max_conns;		/* 1..LIMITS_MAX_CONNS */
	unsigned	 max_conns_per_addr;	/* 0 = unlimited */
	unsigned	 conn_rate;		/* per second; 0 = unlimited */
	unsigned	 conn_burst;		/* >= 1 when conn_rate > 0 */
};

/* Defaults (issue 7): 1000 sessions, per user unlimited. */
#define LIMITS_CONF_DEFAULT { \
	.max_sessions = 1000, .max_sessions_per_user = 0, \
	.max_conns = 2000, .max_conns_per_addr = 16, \
	.conn_rate = 50, .conn_burst = 100 }

enum lim_verdict {
	LIM_OK = 0,
	LIM_SESSIONS,		/* total sessions reached */
	LIM_USER_SESSIONS,	/* this user's sessions reached */
	LIM_CONNS,		/* total control connections reached */
	LIM_ADDR_CONNS,		/* this source's connections reached */
	LIM_RATE,		/* new connections per second exceeded */
	LIM_BAD_ADDR,		/* not an AF_INET/AF_INET6 address */
	LIM_CTRL_SLOT,		/* ctrl had no slot (memory) for it */
	LIM_METRICS_BUSY,	/* METRICS_HTTP_MAX scrapers being served */
	LIM_N
};

struct limits_stats {
	unsigned	 sessions;
	unsigned	 conns;
	unsigned	 addrs;		/* distinct sources with a connection */
	unsigned	 users;		/* distinct users with a session */
	uint64_t	 refused[LIM_N];	/* per verdict, [LIM_OK] unused */
};

struct limits;

const char	*lim_verdict_name(enum lim_verdict);

int	limits_create(const struct limits_conf *, struct limits **, uint64_t now_ms);
void	limits_destroy(struct limits *);
/* Change thresholds (SIGHUP); the maxima may not exceed those created with. */
int	limits_set_conf(struct limits *, const struct limits_conf *);
int	limits_conf_check(const struct limits_conf *);

enum lim_verdict limits_conn_open(struct limits *, const struct sockaddr *,
	    socklen_t, uint64_t now_ms);
void	limits_conn_close(struct limits *, const struct sockaddr *, socklen_t);
enum lim_verdict limits_session_open(struct limits *, const char *user);
void	limits_session_close(struct limits *, const char *user);

void	limits_get_stats(const struct limits *, struct limits_stats *);

/* Count a refusal decided elsewhere (a worker's, e.g. LIM_CTRL_SLOT). */
void	limits_refused(struct limits *, enum lim_verdict);
/*
 * Whether a refusal of this source may have its audit line now: one a
 * second per source (LIMITS_AUDIT_MS), so a flood cannot fill the log.
 * *suppressed is how many this source's slot swallowed since its last
 * line.  Sources share LIMITS_AUDIT_SLOTS slots by keyed hash; sharing
 * only costs a line.
 */
#define LIMITS_AUDIT_MS		1000
#define LIMITS_AUDIT_SLOTS	1024
bool	limits_audit_ok(struct limits *, const struct sockaddr *, socklen_t,
	    uint64_t now_ms, uint64_t *suppressed);

/*
 * File descriptors: ctrl holds one per control connection plus a few
 * of its own (LIMITS_CTRL_FDS: stdio, master's channel, epoll, fds in
 * flight from master, the METRICS_HTTP_MAX metrics scrapers).
 */
#define LIMITS_CTRL_FDS		64
unsigned limits_ctrl_nofile(unsigned max_conns);
/*
 * Whether this process can give a child `need` descriptors: its hard
 * RLIMIT_NOFILE, or with CAP_SYS_RESOURCE fs.nr_open.  HP_OK, or an
 * error with the reason in why.
 */
int	limits_nofile_check(unsigned need, char *why, size_t whylen);
/* Raise the hard limit (not the soft one) to need, if below it. */
int	limits_nofile_raise(unsigned need);

#endif /* HP_MASTER_LIMITS_H */
