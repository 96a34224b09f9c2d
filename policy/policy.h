/*
 * hpptpd: what each process may do.  One allowlist per worker
 * (policy/ctrl.c, gre.c, auth.c), the sandbox entry sequence
 * (sandbox.c) and the capabilities master keeps (master.c).
 */
#ifndef HP_POLICY_H
#define HP_POLICY_H

#include <sys/types.h>
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
 * Enter the sandbox of a worker, in the order of DESIGN.md: close every
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
