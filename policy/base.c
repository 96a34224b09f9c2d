/*
 * hpptpd: syscalls every worker needs: the event loop, its socketpair
 * to master, and what glibc's malloc does.  Nothing here opens,
 * creates or connects anything.
 */
#include <sys/mman.h>

#include <errno.h>

#include "policy/policy.h"
#include "policy/policy_local.h"

const struct sc_rule policy_base_rules[] = {
	SC_ALLOW(read,		"socketpair, sockets, tun"),
	SC_ALLOW(write,		"socketpair, sockets, tun"),
	SC_ALLOW(recvmsg,	"socketpair messages with fds"),
	SC_ALLOW(recvmmsg,	"socketpair messages in batches; gre: GRE"),
	SC_ALLOW(sendmmsg,	"socketpair messages in batches; gre: GRE"),
	SC_ALLOW(sendmsg,	"socketpair messages"),
	SC_ALLOW(close,		"fds we are done with"),
	SC_ALLOW(epoll_wait,	"event loop"),
	SC_ALLOW(epoll_pwait,	"event loop (glibc may use it)"),
	SC_ALLOW(epoll_ctl,	"add and remove fds from the loop"),
	SC_ALLOW(clock_gettime,	"timers (vDSO fallback)"),
	SC_ALLOW(brk,		"malloc"),
	SC_ALLOW_MASKED_ZERO(mmap, 2, PROT_EXEC, "malloc; never executable"),
	SC_ALLOW(munmap,	"free"),
	SC_ALLOW(madvise,	"free trims"),
	SC_ALLOW(exit_group,	"exit"),
	SC_ALLOW(exit,		"exit"),
	SC_ALLOW(rt_sigreturn,	"return from a signal handler"),
	SC_ERRNO(openat, EACCES, "libc probes fail softly"),
	SC_ERRNO(mremap, ENOSYS, "glibc realloc falls back to copying"),
};
const size_t policy_base_nrules =
    sizeof(policy_base_rules) / sizeof(policy_base_rules[0]);

#if defined(__SANITIZE_ADDRESS__)
/*
 * Sanitizer builds only (make SAN=1): the ASan/UBSan runtime needs
 * these to report errors.  Release builds never contain them.
 */
const struct sc_rule policy_san_rules[] = {
	SC_ALLOW(mprotect, "asan"), SC_ALLOW(sigaltstack, "asan"),
	SC_ALLOW(rt_sigaction, "asan"), SC_ALLOW(rt_sigprocmask, "asan"),
	SC_ALLOW(getpid, "asan"), SC_ALLOW(gettid, "asan"),
	SC_ALLOW(tgkill, "asan"), SC_ALLOW(sched_yield, "asan"),
	SC_ALLOW(prctl, "asan"), SC_ALLOW(readlink, "asan"),
	SC_ALLOW(futex, "asan"), SC_ALLOW(writev, "asan"),
	SC_ALLOW(getrlimit, "asan"), SC_ALLOW(prlimit64, "asan"),
	SC_ALLOW(mmap, "asan shadow"), SC_ALLOW(fstat, "asan"),
	SC_ALLOW(newfstatat, "asan"), SC_ALLOW(lseek, "asan"),
	SC_ERRNO(open, ENOENT, "asan report: /proc/self/maps (no /proc)"),
	SC_ERRNO(ioctl, ENOTTY, "asan report: isatty(2) for colours"),
	SC_ERRNO(pipe2, EMFILE, "asan report: no symbolizer in the sandbox"),
};
const size_t policy_san_nrules =
    sizeof(policy_san_rules) / sizeof(policy_san_rules[0]);
#else
const struct sc_rule policy_san_rules[1];
const size_t policy_san_nrules = 0;
#endif
