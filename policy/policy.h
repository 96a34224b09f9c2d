/*
 * hpptpd: what each process may do.  One profile per worker
 * (policy/ctrl.c, gre.c, auth.c: its syscalls, rlimits, the fds it
 * keeps, the messages it may send), what they share (base.c), the
 * sandbox entry sequence (sandbox.c) and the capabilities master keeps
 * (master.c).
 */
#ifndef HP_POLICY_H
#define HP_POLICY_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg.h"

enum sc_action {
	SC_ACT_ALLOW = 0,
	SC_ACT_ERRNO = 1,	/* fail softly with `err` (libc probes) */
};

enum sc_argcmp {
	SC_ARG_NONE = 0,
	SC_ARG_MASKED_ZERO,	/* (arg[argno] & value) == 0 */
	SC_ARG_EQ,		/* arg[argno] == value */
};

struct sc_rule {
	const char	*name;		/* syscall name for libseccomp */
	enum sc_action	 action;
	int		 err;		/* errno for SC_ACT_ERRNO */
	enum sc_argcmp	 cmp;
	unsigned int	 argno;
	uint64_t	 value;
	const char	*why;		/* reason, for SECURITY.md and review */
};

#define SC_ALLOW(n, why) \
	{ #n, SC_ACT_ALLOW, 0, SC_ARG_NONE, 0, 0, why }
#define SC_ALLOW_MASKED_ZERO(n, a, v, why) \
	{ #n, SC_ACT_ALLOW, 0, SC_ARG_MASKED_ZERO, a, v, why }
#define SC_ALLOW_EQ(n, a, v, why) \
	{ #n, SC_ACT_ALLOW, 0, SC_ARG_EQ, a, v, why }
#define SC_ERRNO(n, e, why) \
	{ #n, SC_ACT_ERRNO, e, SC_ARG_NONE, 0, 0, why }

struct sc_policy {
	const struct sc_rule	*rules;
	size_t			 nrules;
};

/* What a worker keeps open across the sandbox entry, besides fds 0-2. */
#define KEEP_CHAN	0x01	/* its channel to master (fd 3) */
#define KEEP_EPOLL	0x02	/* its event loop, made before the entry */

/* RLIMIT_NOFILE set by master (-n), from the configuration */
#define NOFILE_FROM_MASTER	0

/*
 * The whole privilege of one worker.  tests/unit/test_policy_sandbox.c
 * checks `sends` against the catalog's `from` column and the syscall
 * counts against SECURITY.md.
 */
struct worker_profile {
	enum proc_id		 id;
	const struct sc_rule	*rules;		/* beyond the base rules */
	size_t			 nrules;
	unsigned int		 nofile;	/* RLIMIT_NOFILE, beyond the */
						/* base rlimits (sandbox.c) */
	unsigned int		 keep;		/* KEEP_* */
	const uint16_t		*sends;		/* MSG_NONE-terminated */
};

/* A worker's profile; NULL for master (it has none). */
const struct worker_profile	*policy_profile(enum proc_id);
/* May this worker send this type (its profile's `sends`)? */
bool	policy_may_send(enum proc_id, unsigned int type);

/* The rules of a worker: base rules shared by all, then its own. */
void	policy_get(enum proc_id, struct sc_policy *base, struct sc_policy *own);
/* Number of distinct syscalls a worker may make (for SECURITY.md). */
size_t	policy_count(enum proc_id);

/* Who the workers run as and where. */
struct sbx_user {
	uid_t		 uid;
	gid_t		 gid;
	char		 root[256];
	unsigned	 nofile;	/* RLIMIT_NOFILE; 0: the default */
};

/*
 * Enter the sandbox of a worker, in this order (SECURITY.md): close every
 * fd but 0-2 and `keep`, rlimits, chroot + chdir, drop groups and ids,
 * clear capabilities, verify, PR_SET_NO_NEW_PRIVS, seccomp.  Any
 * failure is fatal with a log line.
 */
void	sandbox_enter(enum proc_id, const struct sbx_user *,
	    const int *keep, size_t nkeep);

/* Capabilities master keeps after set-up (policy/master.c). */
extern const int	master_caps[];
extern const size_t	master_ncaps;
extern const char *const master_cap_why[];
/* Drop every other capability from master (effective, permitted, bounding). */
int	master_drop_caps(void);

#endif /* HP_POLICY_H */
