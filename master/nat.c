/*
 * hpptpd master: NAT for the pool through nft (see nat.h).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "master/nat.h"
#include "master/netlink.h"

#define NAT_RULES_MAX	(64 + POOL_MAX_RANGES * 40 + 512)
#define NAT_ERR_MAX	400

/* The name goes into nft's input inside quotes: keep it plain. */
static bool
nat_ifname_ok(const char *s)
{
	size_t	 i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n >= IFNAMSIZ)
		return false;
	for (i = 0; i < n; i++) {
		char	 c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_'))
			return false;
	}
	return true;
}

static int	app(char *, size_t, size_t *, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

/* Append to buf at *off; HP_E_LONG instead of truncating. */
static int
app(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len - *off)
		return HP_E_LONG;
	*off += (size_t)n;
	return HP_OK;
}

int
nat_ruleset(const char *ifname, const struct pool *p, char *buf, size_t len)
{
	struct in_addr	 f, l;
	char		 a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	size_t		 i, off = 0;
	int		 r;

	if (len > 0)
		buf[0] = '\0';
	if (!nat_ifname_ok(ifname) || p == NULL || pool_range_count(p) == 0)
		return HP_E_RANGE;
	/* "add" then "delete" makes the delete safe when it is absent. */
	if (app(buf, len, &off, "add table ip " NAT_TABLE "\n"
	    "delete table ip " NAT_TABLE "\n"
	    "table ip " NAT_TABLE " {\n"
	    "\tchain postrouting {\n"
	    "\t\ttype nat hook postrouting priority 100; policy accept;\n"
	    "\t\toifname \"%s\" ip saddr { ", ifname) != HP_OK)
		return HP_E_LONG;
	for (i = 0; i < pool_range_count(p); i++) {
		if (pool_range_get(p, i, &f, &l) != HP_OK)
			return HP_E_RANGE;
		inet_ntop(AF_INET, &f, a, sizeof(a));
		inet_ntop(AF_INET, &l, b, sizeof(b));
		if (f.s_addr == l.s_addr)
			r = app(buf, len, &off, "%s%s", i ? ", " : "", a);
		else
			r = app(buf, len, &off, "%s%s-%s", i ? ", " : "", a, b);
		if (r != HP_OK)
			return r;
	}
	return app(buf, len, &off, " } masquerade\n\t}\n}\n");
}

/* Run nft with rules on stdin; bounded in time; log what it says. */
static int
nft_run(const char *rules, unsigned timeout_ms)
{
	static char *const argv[] = { NAT_NFT_PATH, "-f", "/dev/stdin", NULL };
	static char *const envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
	    NULL };
	int		 in[2] = { -1, -1 }, out[2] = { -1, -1 };
	char		 err[NAT_ERR_MAX + 1], clean[NAT_ERR_MAX + 1];
	size_t		 nerr = 0, rl = strlen(rules);
	uint64_t	 deadline;
	struct pollfd	 pfd;
	pid_t		 pid, w;
	ssize_t		 k;
	int		 status = 0, r = HP_OK;
	bool		 eof = false;

	if (rl >= 65536)		/* must fit the pipe: never block */
		return HP_E_LONG;
	if (pipe2(in, O_CLOEXEC) == -1 || pipe2(out, O_CLOEXEC) == -1) {
		log_warn("nat: pipe");
		r = HP_E_SYS;
		goto done;
	}
	if ((pid = fork()) == -1) {
		log_warn("nat: fork");
		r = HP_E_SYS;
		goto done;
	}
	if (pid == 0) {
		struct sigaction sa;
		sigset_t	 none;
		int		 sig;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		for (sig = 1; sig < NSIG; sig++)
			(void)sigaction(sig, &sa, NULL);
		sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(in[0], 0) == -1 || dup2(out[1], 1) == -1 ||
		    dup2(out[1], 2) == -1)
			_exit(126);
		(void)close_range(3, ~0U, 0);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	if (write(in[1], rules, rl) != (ssize_t)rl) {
		log_warn("nat: write to nft");
		r = HP_E_SYS;
	}
	close(in[1]);
	in[1] = -1;

	deadline = now_ms() + (timeout_ms ? timeout_ms :
	    NAT_TIMEOUT_DEFAULT_MS);
	for (;;) {
		uint64_t now = now_ms();

		if (!eof && now < deadline) {
			pfd.fd = out[0];
			pfd.events = POLLIN;
			if (poll(&pfd, 1, (int)(deadline - now)) > 0) {
				char	 tmp[256];

				k = read(out[0], tmp, sizeof(tmp));
				if (k <= 0)
					eof = true;
				else if (nerr < NAT_ERR_MAX) {
					size_t c = (size_t)k;

					if (c > NAT_ERR_MAX - nerr)
						c = NAT_ERR_MAX - nerr;
					memcpy(err + nerr, tmp, c);
					nerr += c;
				}
			}
			continue;
		}
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w == -1 && errno != EINTR) {
			log_warn("nat: waitpid");
			r = HP_E_SYS;
			goto done;
		}
		if (now_ms() >= deadline) {
			log_warnx("nat: %s timed out, killed", NAT_NFT_PATH);
			(void)kill(pid, SIGKILL);
			(void)waitpid(pid, &status, 0);
			r = HP_E_SYS;
			errno = ETIMEDOUT;
			goto done;
		}
		/* EOF seen, child not gone yet: short sleep, bounded. */
		(void)poll(NULL, 0, 10);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		log_sanitize(clean, sizeof(clean), err, nerr);
		log_warnx("nat: %s failed (status %d): %s", NAT_NFT_PATH,
		    status, clean);
		if (r == HP_OK)
			r = HP_E_SYS;
	}
done:
	if (in[0] != -1)
		close(in[0]);
	if (in[1] != -1)
		close(in[1]);
	if (out[0] != -1)
		close(out[0]);
	if (out[1] != -1)
		close(out[1]);
	return r;
}

int
nat_on(const char *ifname, const struct pool *p, unsigned timeout_ms)
{
	char	 rules[NAT_RULES_MAX];
	int	 r;

	if ((r = nat_ruleset(ifname, p, rules, sizeof(rules))) != HP_OK)
		return r;
	if ((r = nl_ip_forward_set(true)) != HP_OK)
		return r;
	if ((r = nft_run(rules, timeout_ms)) != HP_OK)
		return r;
	log_info("nat: masquerading the pool out of %s (table ip %s)",
	    ifname, NAT_TABLE);
	return HP_OK;
}

int
nat_off(unsigned timeout_ms)
{
	return nft_run("add table ip " NAT_TABLE "\n"
	    "delete table ip " NAT_TABLE "\n", timeout_ms);
}
