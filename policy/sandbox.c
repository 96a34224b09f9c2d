/*
 * hpptpd: the sandbox entry every worker runs before it reads a single
 * message.  Order (SECURITY.md): close fds, rlimits, chroot, drop ids,
 * clear capabilities, verify, no-new-privs, seccomp.  Every failure is
 * fatal: a worker never runs half-confined.
 */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cap-ng.h>
#include <seccomp.h>

#include "common/log.h"
#include "policy/policy.h"
#include "policy/policy_local.h"

static void	sbx_close_fds(const int *, size_t);
static void	sbx_rlimits(const struct worker_profile *,
		    const struct sbx_user *);
static void	sbx_chroot(const struct sbx_user *);
static void	sbx_drop_ids(const struct sbx_user *);
static void	sbx_caps_clear(void);
static void	sbx_verify(void);
static void	sbx_seccomp_load(enum proc_id);

const struct worker_profile *
policy_profile(enum proc_id id)
{
	switch (id) {
	case P_CTRL:
		return &policy_ctrl;
	case P_GRE:
		return &policy_gre;
	case P_AUTH:
		return &policy_auth;
	case P_MASTER:
	case P_NPROC:
		break;
	}
	return NULL;
}

bool
policy_may_send(enum proc_id id, unsigned int type)
{
	const struct worker_profile *w = policy_profile(id);
	const uint16_t *t;

	for (t = w != NULL ? w->sends : NULL; t != NULL && *t != MSG_NONE;
	    t++)
		if (*t == type)
			return true;
	return false;
}

void
policy_get(enum proc_id id, struct sc_policy *base, struct sc_policy *own)
{
	const struct worker_profile *w = policy_profile(id);

	base->rules = policy_base_rules;
	base->nrules = policy_base_nrules;
	own->rules = w != NULL ? w->rules : NULL;
	own->nrules = w != NULL ? w->nrules : 0;
}

size_t
policy_count(enum proc_id id)
{
	struct sc_policy base, own;
	size_t i, n = 0;

	policy_get(id, &base, &own);
	for (i = 0; i < base.nrules; i++)
		n += base.rules[i].action == SC_ACT_ALLOW;
	for (i = 0; i < own.nrules; i++)
		n += own.rules[i].action == SC_ACT_ALLOW;
	return n;
}

void
sandbox_enter(enum proc_id id, const struct sbx_user *u, const int *keep,
    size_t nkeep)
{
	const struct worker_profile *w = policy_profile(id);

	if (w == NULL)
		fatalx("sandbox: no sandbox for %s", proc_name(id));
	sbx_close_fds(keep, nkeep);
	sbx_rlimits(w, u);
	sbx_chroot(u);
	sbx_drop_ids(u);
	sbx_caps_clear();
	sbx_verify();
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("sandbox: PR_SET_NO_NEW_PRIVS");
	sbx_seccomp_load(id);
}

static int
kept(int fd, const int *keep, size_t nkeep)
{
	size_t i;

	if (fd <= STDERR_FILENO)
		return 1;
	for (i = 0; i < nkeep; i++)
		if (keep[i] == fd)
			return 1;
	return 0;
}

/* Close every descriptor but stdio and the kept ones. */
static void
sbx_close_fds(const int *keep, size_t nkeep)
{
	struct rlimit rl;
	int fd, max;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		fatal("sandbox: getrlimit");
	max = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 65536 ?
	    65536 : (int)rl.rlim_cur;
	for (fd = STDERR_FILENO + 1; fd < max; fd++)
		if (!kept(fd, keep, nkeep))
			(void)close(fd);
}

static void
set_limit(int res, rlim_t v, const char *what)
{
	struct rlimit rl = { v, v };

	if (setrlimit(res, &rl) == -1)
		fatal("sandbox: setrlimit %s", what);
}

static void
sbx_rlimits(const struct worker_profile *w, const struct sbx_user *u)
{
	set_limit(RLIMIT_CORE, 0, "core");	/* no secrets in core files */
	set_limit(RLIMIT_FSIZE, 0, "fsize");	/* no file may grow */
	set_limit(RLIMIT_NPROC, 0, "nproc");	/* no fork */
	/*
	 * The profile's fd limit, or, for ctrl (one fd per connection),
	 * the one master passes (-n: max-connections and a margin).
	 * Master raised its own hard limit to that before it dropped
	 * CAP_SYS_RESOURCE, so this only lowers the hard limit, and fails
	 * (fatally: the configured limit could not be reached) only if
	 * master could not.
	 */
	if (w->nofile != NOFILE_FROM_MASTER)
		set_limit(RLIMIT_NOFILE, w->nofile, "nofile");
	else if (u->nofile != 0)
		set_limit(RLIMIT_NOFILE, u->nofile, "nofile");
}

static void
sbx_chroot(const struct sbx_user *u)
{
	struct stat st;

	if (stat(u->root, &st) == -1)
		fatal("sandbox: chroot directory %s", u->root);
	/* an empty root-owned directory nobody else can write to */
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		fatalx("sandbox: %s must be a directory owned by root and "
		    "writable only by root", u->root);
	if (chroot(u->root) == -1)
		fatal("sandbox: chroot %s", u->root);
	if (chdir("/") == -1)
		fatal("sandbox: chdir /");
}

static void
sbx_drop_ids(const struct sbx_user *u)
{
	if (u->uid == 0 || u->gid == 0)
		fatalx("sandbox: refusing to run a worker as root");
	if (setgroups(1, &u->gid) == -1)
		fatal("sandbox: setgroups");
	if (setresgid(u->gid, u->gid, u->gid) == -1)
		fatal("sandbox: setresgid %u", (unsigned int)u->gid);
	if (setresuid(u->uid, u->uid, u->uid) == -1)
		fatal("sandbox: setresuid %u", (unsigned int)u->uid);
}

static void
sbx_caps_clear(void)
{
	capng_clear(CAPNG_SELECT_BOTH);
	if (capng_apply(CAPNG_SELECT_BOTH) != 0)
		fatalx("sandbox: capng_apply failed");
	capng_get_caps_process();
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE)
		fatalx("sandbox: capabilities remain after clearing");
}

/* Prove the drop took: no way back to root. */
static void
sbx_verify(void)
{
	if (setuid(0) != -1 || seteuid(0) != -1)
		fatalx("sandbox: could regain root");
	if (getuid() == 0 || geteuid() == 0 || getgid() == 0 ||
	    getegid() == 0)
		fatalx("sandbox: still root");
}

#ifdef HP_SECCOMP_TRAP
/* Development builds only: name the forbidden syscall, then die. */
static void
sbx_sigsys(int sig, siginfo_t *si, void *ctx)
{
	char buf[128];
	char *name;
	int n;

	(void)sig;
	(void)ctx;
	name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE,
	    si->si_syscall);
	n = snprintf(buf, sizeof(buf), "seccomp: forbidden syscall %s (%d)\n",
	    name != NULL ? name : "?", si->si_syscall);
	if (n > 0)
		(void)write(STDERR_FILENO, buf, (size_t)n);
	_exit(97);
}
#endif

static void
add_rules(scmp_filter_ctx ctx, const struct sc_rule *r, size_t n)
{
	size_t i;
	int nr, rc;
	uint32_t act;

	for (i = 0; i < n; i++) {
		if ((nr = seccomp_syscall_resolve_name(r[i].name)) ==
		    __NR_SCMP_ERROR)
			fatalx("sandbox: unknown syscall %s", r[i].name);
		act = r[i].action == SC_ACT_ALLOW ? SCMP_ACT_ALLOW :
		    SCMP_ACT_ERRNO((uint32_t)r[i].err);
		switch (r[i].cmp) {
		case SC_ARG_NONE:
			rc = seccomp_rule_add(ctx, act, nr, 0);
			break;
		case SC_ARG_MASKED_ZERO:
			rc = seccomp_rule_add(ctx, act, nr, 1,
			    SCMP_CMP(r[i].argno, SCMP_CMP_MASKED_EQ,
			    r[i].value, 0));
			break;
		case SC_ARG_EQ:
			rc = seccomp_rule_add(ctx, act, nr, 1,
			    SCMP_CMP(r[i].argno, SCMP_CMP_EQ, r[i].value));
			break;
		default:
			fatalx("sandbox: bad rule for %s", r[i].name);
		}
		if (rc != 0)
			fatalx("sandbox: seccomp rule %s: %s", r[i].name,
			    strerror(-rc));
	}
}

static void
sbx_seccomp_load(enum proc_id id)
{
	struct sc_policy base, own;
	scmp_filter_ctx ctx;
	uint32_t dflt = SCMP_ACT_KILL_PROCESS;
	int rc;

#ifdef HP_SECCOMP_TRAP
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sbx_sigsys;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSYS, &sa, NULL) == -1)
		fatal("sandbox: sigaction SIGSYS");
	dflt = SCMP_ACT_TRAP;
	log_warnx("sandbox: DEVELOPMENT BUILD: seccomp traps instead of "
	    "killing");
#endif
	policy_get(id, &base, &own);
	if ((ctx = seccomp_init(dflt)) == NULL)
		fatalx("sandbox: seccomp_init failed");
	/* only the native architecture; anything else is killed */
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS)) != 0)
		fatalx("sandbox: seccomp badarch: %s", strerror(-rc));
	add_rules(ctx, base.rules, base.nrules);
	add_rules(ctx, own.rules, own.nrules);
	add_rules(ctx, policy_san_rules, policy_san_nrules);
#ifdef HP_SECCOMP_TRAP
	add_rules(ctx, (const struct sc_rule[]){
	    SC_ALLOW(rt_sigaction, "trap handler") }, 1);
#endif
	if ((rc = seccomp_load(ctx)) != 0)
		fatalx("sandbox: seccomp_load: %s", strerror(-rc));
	seccomp_release(ctx);
}
