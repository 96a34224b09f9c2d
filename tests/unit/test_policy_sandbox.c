/*
 * Tests of the sandbox entry (policy/sandbox.c): a child that enters a
 * worker's sandbox may still write to a pipe, and dies of SIGSYS when it
 * calls socket(2).  Also: each allowlist's size is the one SECURITY.md
 * prints, so the document cannot drift from the code.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/log.h"
#include "common/msg.h"
#include "policy/policy.h"

#define SBX_USER	"_hpptpd"
#define SBX_ROOT	"/var/empty"

static int
sbx_user(struct sbx_user *u)
{
	struct passwd *pw;

	memset(u, 0, sizeof(*u));
	if ((pw = getpwnam(SBX_USER)) == NULL)
		return -1;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	(void)snprintf(u->root, sizeof(u->root), "%s", SBX_ROOT);
	return 0;
}

/* Skip (with the reason) unless we can really enter a sandbox. */
static int
can_sandbox(struct sbx_user *u)
{
	if (geteuid() != 0) {
		print_message("SKIP: sandbox_enter needs root (chroot, setresuid)\n");
		skip();
		return 0;
	}
	if (sbx_user(u) != 0 || access(SBX_ROOT, X_OK) != 0) {
		print_message("SKIP: no user " SBX_USER " or no " SBX_ROOT
		    " (run make deps)\n");
		skip();
		return 0;
	}
	return 1;
}

/*
 * In a child: enter the sandbox of `id`, write one byte to the pipe
 * (allowed), then call socket(2) (forbidden).  Returns the wait status.
 */
static int
run_child(enum proc_id id, const struct sbx_user *u, char *got)
{
	int pfd[2], status = 0;
	pid_t pid;
	char c = 0;

	assert_int_equal(pipe(pfd), 0);
	if ((pid = fork()) == 0) {
		int keep[1] = { pfd[1] };

		close(pfd[0]);
		sandbox_enter(id, u, keep, 1);
		if (write(pfd[1], "w", 1) != 1)
			_exit(3);
		(void)socket(AF_INET, SOCK_STREAM, 0);
		_exit(4);	/* not reached: killed by seccomp */
	}
	assert_true(pid > 0);
	close(pfd[1]);
	if (read(pfd[0], &c, 1) != 1)
		c = 0;
	close(pfd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*got = c;
	return status;
}

static void
sigsys_for(enum proc_id id)
{
	struct sbx_user u;
	char got = 0;
	int status;

	if (!can_sandbox(&u))
		return;
	status = run_child(id, &u, &got);
	if (!WIFSIGNALED(status))
		fail_msg("%s: child exited %d instead of dying of SIGSYS",
		    proc_name(id), WEXITSTATUS(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
	assert_int_equal(got, 'w');	/* the allowed write went through */
}

static void
test_sigsys_ctrl(void **state)
{
	(void)state;
	sigsys_for(P_CTRL);
}

static void
test_sigsys_gre(void **state)
{
	(void)state;
	sigsys_for(P_GRE);
}

static void
test_sigsys_auth(void **state)
{
	(void)state;
	sigsys_for(P_AUTH);
}

/* Read "| name | ... | N |" from SECURITY.md's process table. */
static long
doc_count(const char *proc)
{
	char path[1024], line[1024], want[64];
	const char *top = getenv("HP_TOP");
	FILE *f;
	long n = -1;

	(void)snprintf(path, sizeof(path), "%s/SECURITY.md",
	    top != NULL ? top : ".");
	if ((f = fopen(path, "r")) == NULL)
		return -2;
	(void)snprintf(want, sizeof(want), "| %s (`hpptpd-%s`) |", proc, proc);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *last, *end;

		if (strncmp(line, want, strlen(want)) != 0)
			continue;
		/* the last cell: between the last two '|' */
		line[strcspn(line, "\n")] = '\0';
		if ((end = strrchr(line, '|')) == NULL)
			break;
		*end = '\0';
		if ((last = strrchr(line, '|')) == NULL)
			break;
		n = strtol(last + 1, &end, 10);
		while (*end == ' ')
			end++;
		if (*end != '\0')
			n = -1;
		break;
	}
	fclose(f);
	return n;
}

static void
test_counts_match_security_md(void **state)
{
	static const enum proc_id ids[] = { P_CTRL, P_GRE, P_AUTH };
	size_t i;

	(void)state;
	if (doc_count("ctrl") == -2) {
		print_message("SKIP: no SECURITY.md (set HP_TOP)\n");
		skip();
		return;
	}
	for (i = 0; i < 3; i++) {
		long doc = doc_count(proc_name(ids[i]));
		size_t code = policy_count(ids[i]);

		if (doc != (long)code)
			fail_msg("%s: policy_count() is %zu, SECURITY.md says "
			    "%ld", proc_name(ids[i]), code, doc);
	}
	/* master has no seccomp list; gre's is the shortest (the tightest) */
	assert_int_equal(policy_count(P_MASTER), policy_count(P_NPROC));
	assert_true(policy_count(P_GRE) <= policy_count(P_CTRL));
	assert_true(policy_count(P_GRE) <= policy_count(P_AUTH));
}

/* No worker's list allows a call that opens, spawns or signals. */
static void
test_no_dangerous(void **state)
{
	static const char *const never[] = { "socket", "connect", "bind",
	    "accept", "accept4", "open", "openat", "execve", "execveat",
	    "fork", "vfork", "clone", "clone3", "kill", "tkill", "ptrace",
	    "setuid", "setresuid", "chroot", "ioctl", "mprotect_exec",
	    NULL };
	static const enum proc_id ids[] = { P_CTRL, P_GRE, P_AUTH };
	struct sc_policy base, own;
	size_t i, j, k;

	(void)state;
	for (i = 0; i < 3; i++) {
		policy_get(ids[i], &base, &own);
		for (j = 0; never[j] != NULL; j++) {
			for (k = 0; k < base.nrules; k++)
				if (base.rules[k].action == SC_ACT_ALLOW &&
				    strcmp(base.rules[k].name, never[j]) == 0)
					fail_msg("base allows %s", never[j]);
			for (k = 0; k < own.nrules; k++)
				if (own.rules[k].action == SC_ACT_ALLOW &&
				    strcmp(own.rules[k].name, never[j]) == 0)
					fail_msg("%s allows %s",
					    proc_name(ids[i]), never[j]);
		}
		/* every rule says why */
		for (k = 0; k < own.nrules; k++)
			assert_true(own.rules[k].why != NULL &&
			    own.rules[k].why[0] != '\0');
	}
}

/*
 * Each profile's `sends` is exactly the catalog's rows from that worker
 * (or from any worker) to master: the one file says what a worker may
 * send, and the catalog cannot disagree.
 */
static void
test_sends_match_catalog(void **state)
{
	static const enum proc_id ids[] = { P_CTRL, P_GRE, P_AUTH };
	const struct msg_spec *sp;
	const uint16_t *t;
	unsigned int type;
	size_t i;
	bool cat;

	(void)state;
	for (i = 0; i < 3; i++) {
		const struct worker_profile *w = policy_profile(ids[i]);

		assert_non_null(w);
		assert_int_equal(w->id, ids[i]);
		for (type = 0; type < MSG_NTYPES; type++) {
			sp = msg_spec(type);
			cat = sp != NULL && sp->to == P_MASTER &&
			    (sp->from == ids[i] || sp->from == P_ANY_WORKER);
			if (cat != policy_may_send(ids[i], type))
				fail_msg("%s: profile and catalog disagree on "
				    "%s", proc_name(ids[i]),
				    msg_type_name(type));
		}
		/* no type twice */
		for (t = w->sends; *t != MSG_NONE; t++) {
			const uint16_t *u;

			for (u = t + 1; *u != MSG_NONE; u++)
				if (*u == *t)
					fail_msg("%s sends %s twice",
					    proc_name(ids[i]),
					    msg_type_name(*t));
		}
	}
	assert_null(policy_profile(P_MASTER));
	assert_false(policy_may_send(P_MASTER, MSG_LOG));
}

/* gre and auth hold a handful of fds; ctrl's limit is master's (-n). */
static void
test_profiles(void **state)
{
	(void)state;
	assert_int_equal(policy_profile(P_GRE)->nofile, 64);
	assert_int_equal(policy_profile(P_AUTH)->nofile, 64);
	assert_int_equal(policy_profile(P_CTRL)->nofile, NOFILE_FROM_MASTER);
	assert_int_equal(policy_profile(P_CTRL)->keep, KEEP_CHAN | KEEP_EPOLL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigsys_ctrl),
		cmocka_unit_test(test_sigsys_gre),
		cmocka_unit_test(test_sigsys_auth),
		cmocka_unit_test(test_counts_match_security_md),
		cmocka_unit_test(test_no_dangerous),
		cmocka_unit_test(test_sends_match_catalog),
		cmocka_unit_test(test_profiles),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
