/*
 * hpptpd: the privileged master.  Reads the configuration, opens what
 * needs root (listening sockets, raw GRE socket, tun, netlink), spawns
 * the sandboxed workers, drops every capability it no longer needs and
 * routes messages until told to stop.
 */
#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "master/control.h"
#include "master/hooks.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/net.h"
#include "master/notify.h"
#include "master/poptop.h"
#include "master/proc.h"
#include "master/dae.h"
#include "master/radius.h"
#include "master/secrets_file.h"
#include "master/gre_sock.h"
#include "master/metrics_http.h"
#include "master/send.h"
#include "master/session.h"
#include "master/worker_conf.h"
#include "hp_libexec.h"
#include "policy/policy.h"

#define HPPTPD_VERSION	"0.1"

static void	usage(void) __attribute__((noreturn));
static int	load_conf(struct master *, struct hp_conf *, char *, size_t);
static void	setup_signals(struct master *);
static void	setup_listen(struct master *);
static void	find_libexec(struct master *, const char *);
static void	find_user(struct master *);
static void	main_loop(struct master *);
static void	log_drain(int);
static int	reload(struct master *);
static void	abs_conf_path(struct master *);
static unsigned int ctrl_nofile(const struct master *);

/* ctrl also serves the metrics scrapers; the rest is the sessions' */
static void
ctrl_dispatch(struct master *m, enum proc_id from, struct msg *msg)
{
	if (!metrics_http_dispatch(m, msg))
		sess_dispatch(m, from, msg);
}

/* a data worker's own counters are no session's */
static void
gre_dispatch(struct master *m, unsigned int from, struct msg *msg)
{
	if (msg->hdr.type == MSG_GRE_WORKER)
		gre_sock_on_worker(m, m->procs[from].shard, msg);
	else
		sess_dispatch(m, from, msg);
}

static void
ctrl_lost(struct master *m, enum proc_id id)
{
	metrics_http_ctrl_lost(m);
	sess_worker_lost(m, id);
}

/* auth's own audit lines: it decides these verdicts anyway */
static const char *const auth_audit_events[] = {
	"auth-ok", "auth-fail", "lockout",
	"dae-ack", "dae-nak", "dae-drop", "dae-replay",	/* RFC 5176 */
	NULL
};

/*
 * The workers and what master does with each: tell it its part of the
 * configuration when it is ready, pass its messages to the session
 * machine, end what it held when it dies (master/proc.c runs them).
 */
static const struct proc_def procs[P_NPROC] = {
	[P_CTRL] = {
		.id = P_CTRL, .bin = "hpptpd-ctrl",
		.on_ready = worker_conf_send_ctrl,
		.dispatch = ctrl_dispatch, .on_lost = ctrl_lost,
		.nofile = ctrl_nofile,
		.degraded = "no new connections or logins until it stays up",
	},
	[P_GRE] = {
		.id = P_GRE, .bin = "hpptpd-gre",
		.on_ready = worker_conf_send_gre,
		.dispatch = gre_dispatch, .on_lost = sess_worker_lost,
		.degraded = "no session traffic until it stays up",
	},
	[P_AUTH] = {
		.id = P_AUTH, .bin = "hpptpd-auth",
		.on_ready = worker_conf_send_auth,
		.dispatch = sess_dispatch, .on_lost = sess_worker_lost,
		.degraded = "no logins until it stays up",
		.audit_events = auth_audit_events,
	},
};

static void
usage(void)
{
	fprintf(stderr, "usage: hpptpd [-dFnv] [-f file | -P pptpd.conf]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	static struct master M;
	struct master *m = &M;
	char warn[POPTOP_WARN_LEN];
	int ch, check = 0, verbose = 0, fg_syslog = 0, i;

	memset(m, 0, sizeof(*m));
	(void)strncpy(m->conf_file, CONF_DEFAULT_FILE,
	    sizeof(m->conf_file) - 1);
	while ((ch = getopt(argc, argv, "dFf:nP:v")) != -1) {
		switch (ch) {
		case 'd':
			m->foreground = true;
			break;
		case 'F':
			/* a service manager's child: foreground, syslog */
			m->foreground = true;
			fg_syslog = 1;
			break;
		case 'f':
		case 'P':
			if (strlen(optarg) >= sizeof(m->conf_file))
				usage();
			(void)strncpy(m->conf_file, optarg,
			    sizeof(m->conf_file) - 1);
			m->poptop = ch == 'P';
			break;
		case 'n':
			check = 1;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage();
		}
	}
	if (argc != optind)
		usage();
	abs_conf_path(m);
	m->cli_verbose = verbose;
	log_init("hpptpd", (m->foreground && !fg_syslog) || check, verbose);
	if (sodium_init() < 0)
		fatalx("sodium_init failed");
	if (load_conf(m, &m->conf, warn, sizeof(warn)) != 0) {
		if (check)
			fprintf(stderr, "%s: configuration not OK\n",
			    m->conf_file);
		exit(1);
	}
	if (verbose > m->conf.verbose)
		m->conf.verbose = verbose;
	log_set_verbose(m->conf.verbose);
	if (conf_check_reach(&m->conf, m->conf_file) != 0) {
		if (check)
			fprintf(stderr, "%s: configuration not OK\n",
			    m->conf_file);
		exit(1);
	}
	if (radius_check_files(&m->conf) != 0 ||
	    dae_check_files(&m->conf) != 0) {
		if (check)
			fprintf(stderr, "%s: configuration not OK\n",
			    m->conf_file);
		exit(1);
	}
	if (check) {
		/* -P -n prints the equivalent hpptpd.conf: the migration path */
		if (m->poptop)
			poptop_print(stdout, m->conf_file, &m->conf, warn);
		else
			conf_print(stdout, &m->conf);
		fprintf(stderr, "%s: configuration OK\n", m->conf_file);
		exit(0);
	}
	if (geteuid() != 0)
		fatalx("must run as root");
	/* ctrl's fds, while master still may (see conf_check_reach) */
	if (limits_nofile_raise(limits_ctrl_nofile(m->conf.max_connections))
	    != HP_OK)
		fatal("cannot raise RLIMIT_NOFILE for max-connections %u",
		    m->conf.max_connections);
	find_libexec(m, argv[0]);
	find_user(m);
	notify_init();
	if (!m->foreground && daemon(0, 0) == -1)
		fatal("daemon");
	log_info("hpptpd %s starting", HPPTPD_VERSION);

	/* refuse to start on a secrets file anyone but root could touch */
	if ((i = secrets_open(m->conf.secrets,
	    m->conf.secrets_group_readable)) == -1)
		fatalx("not starting without a usable secrets file");
	close(i);
	if ((m->ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		fatal("epoll_create1");
	setup_signals(m);
	if (net_setup(m) != 0)
		fatalx("network set-up failed");
	setup_listen(m);
	metrics_http_open(m);
	if (dae_setup(m) != 0)
		fatalx("cannot bind the radius dae listener");
	if (sess_init(m) != 0)
		fatalx("cannot allocate the session table");
	proc_init(m, procs, hook_reap);
	for (i = 1; i < (int)m->nslots; i++)
		if (proc_spawn(m, (unsigned int)i) != 0)
			fatalx("cannot start %s", m->procs[i].name);
	if (control_setup(m) != 0)
		fatalx("cannot create the control socket %s", m->conf.control);
	if (master_drop_caps() != 0)
		fatalx("cannot drop capabilities");
	notify_ready("serving");
	main_loop(m);

	log_info("shutting down");
	notify_stopping();
	control_teardown(m);
	sess_close_all(m, SR_SHUTDOWN);
	radius_drain(m);
	proc_stop_all(m);
	metrics_http_close(m);	/* after ctrl: its last metrics-done */
	net_teardown(m);
	log_info("stopped");
	log_drain(1000);
	return 0;
}

/* ctrl holds one fd per connection: its limit follows max-connections */
static unsigned int
ctrl_nofile(const struct master *m)
{
	return limits_ctrl_nofile(m->conf.max_connections);
}

static int
load_conf(struct master *m, struct hp_conf *c, char *warn, size_t wlen)
{
	conf_set_pool_check(net_pool_check);
	conf_set_named_pool_check(net_named_pool_check);
	warn[0] = '\0';
	if (m->poptop) {
		if (poptop_load(m->conf_file, c, warn, wlen) != 0)
			return -1;
		if (warn[0] != '\0')
			log_warnx("%s", warn);
		return 0;
	}
	if (access(m->conf_file, F_OK) == -1 && errno == ENOENT &&
	    strcmp(m->conf_file, CONF_DEFAULT_FILE) == 0) {
		/* no file at all: the built-in default configuration */
		conf_init(c);
		log_info("%s not found: using the built-in defaults",
		    m->conf_file);
		return 0;
	}
	if (conf_parse_file(m->conf_file, c) != 0)
		return -1;
	if (net_pools_disjoint(c, warn, wlen) != HP_OK) {
		log_warnx("%s: %s", m->conf_file, warn);
		warn[0] = '\0';
		return -1;
	}
	return 0;
}

/* The workers' directory: an absolute path fixed at build time. */
static void
find_libexec(struct master *m, const char *argv0)
{
	const char *dir = HP_LIBEXEC;

#ifdef HP_TEST_HOOKS
	/* test builds only: workers from a directory of the test's */
	if (getenv("HP_TEST_LIBEXEC") != NULL &&
	    getenv("HP_TEST_LIBEXEC")[0] == '/')
		dir = getenv("HP_TEST_LIBEXEC");
#endif
	if (snprintf(m->libexec, sizeof(m->libexec), "%s", dir) >=
	    (int)sizeof(m->libexec))
		fatalx("path too long: %s", dir);
	(void)argv0;
}

static void
find_user(struct master *m)
{
	struct passwd *pw;

	if ((pw = getpwnam(m->conf.user)) == NULL)
		fatalx("unknown user %s (run 'make deps' to create it)",
		    m->conf.user);
	if (pw->pw_uid == 0 || pw->pw_gid == 0)
		fatalx("user %s must not be root", m->conf.user);
	m->uid = pw->pw_uid;
	m->gid = pw->pw_gid;
	endpwent();
}

static void
setup_signals(struct master *m)
{
	struct epoll_event ev;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
#ifdef HP_TEST_HOOKS
	{
		int i;

		for (i = 1; i <= 29; i++)
			sigaddset(&set, SIGRTMIN + i);
	}
#endif
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		fatal("sigprocmask");
	signal(SIGPIPE, SIG_IGN);
	if ((m->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1)
		fatal("signalfd");
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = EP_TAG(EPK_SIGNAL, 0);
	if (epoll_ctl(m->ep, EPOLL_CTL_ADD, m->sigfd, &ev) == -1)
		fatal("epoll_ctl");
}

/* The listener's own address if it is one address, else AF_UNSPEC. */
static void
listen_local(int fd, struct sockaddr_storage *ss)
{
	const struct sockaddr_in *s4 = (const void *)ss;
	const struct sockaddr_in6 *s6 = (const void *)ss;
	socklen_t len = sizeof(*ss);

	memset(ss, 0, sizeof(*ss));
	if (getsockname(fd, (struct sockaddr *)ss, &len) == -1 ||
	    (ss->ss_family == AF_INET && s4->sin_addr.s_addr == INADDR_ANY) ||
	    (ss->ss_family == AF_INET6 &&
	    IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr)) ||
	    (ss->ss_family != AF_INET && ss->ss_family != AF_INET6))
		memset(ss, 0, sizeof(*ss));
}

static void
setup_listen(struct master *m)
{
	struct epoll_event ev;
	unsigned int i;

	for (i = 0; i < m->conf.nlisten; i++) {
		const struct conf_listen *l = &m->conf.listen[i];
		char str[INET6_ADDRSTRLEN];
		int fd;

		if ((fd = net_tcp_listen(l, 128, str, sizeof(str))) == -1) {
			if (errno == EADDRINUSE)
				fatalx("TCP port %u on %s is in use by another "
				    "process (Poptop's pptpd? 'ss -ltnp sport = "
				    ":%u' names it; 'systemctl disable --now "
				    "pptpd' stops Poptop)", l->port, str, l->port);
			fatal("listen on %s port %u", str, l->port);
		}
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.u64 = EP_TAG(EPK_LISTEN, m->nlisten);
		if (epoll_ctl(m->ep, EPOLL_CTL_ADD, fd, &ev) == -1)
			fatal("epoll_ctl");
		listen_local(fd, &m->listen_local[m->nlisten]);
		m->listen_fd[m->nlisten++] = fd;
		log_info("listening on %s port %u", str, l->port);
	}
	if (m->nlisten == 0)
		fatalx("nothing to listen on");
}

static void
do_accept(struct master *m, unsigned int idx)
{
	struct sockaddr_storage peer, local;
	socklen_t pl, ll;
	int fd, n;

	for (n = 0; n < 64; n++) {
		pl = sizeof(peer);
		fd = accept4(m->listen_fd[idx], (struct sockaddr *)&peer, &pl,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("accept");
			return;
		}
		ll = sizeof(local);
		if (m->listen_local[idx].ss_family != AF_UNSPEC)
			local = m->listen_local[idx];
		else if (getsockname(fd, (struct sockaddr *)&local, &ll) ==
		    -1) {
			close(fd);
			continue;
		}
		sess_accept(m, fd, &peer, &local);
	}
}

#ifdef HP_TEST_HOOKS
/*
 * Test builds only: SIGRTMIN+N makes a worker misbehave -- N = 1..9 for
 * ctrl, 11..19 for gre, 21..29 for auth; N mod 10 is the enum test_hook.
 */
static void
test_hook_signal(struct master *m, int sig)
{
	uint32_t what;
	int n = sig - SIGRTMIN;
	enum proc_id p = n < 10 ? P_CTRL : n < 20 ? P_GRE : P_AUTH;

	if (n < 1 || n > 29 || n % 10 == 0)
		return;
	what = (uint32_t)(n % 10);
	log_warnx("test hook %u for %s", what, proc_name(p));
	(void)send_test_syscall(m, p, what);
}
#endif

static void
do_signal(struct master *m)
{
	struct signalfd_siginfo si;

	while (read(m->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGCHLD:
			proc_reap(m);
			break;
		case SIGTERM:
		case SIGINT:
			log_info("signal %u: stopping", si.ssi_signo);
			m->quit = true;
			break;
		case SIGHUP:
			m->reload = true;
			break;
		default:
#ifdef HP_TEST_HOOKS
			test_hook_signal(m, (int)si.ssi_signo);
#endif
			break;
		}
	}
}

/* The last lines (session-down at shutdown): wait for syslog, bounded. */
static void
log_drain(int ms)
{
	for (; ms > 0 && log_flush() > 0; ms -= 10)
		(void)poll(NULL, 0, 10);
}

static void
main_loop(struct master *m)
{
	struct epoll_event ev[64];
	int n, i, timeout;
	uint64_t now;

	while (!m->quit) {
		now = now_ms();
		timeout = proc_next_timeout(m, now);
		if (timeout == -1 || timeout > 250)
			timeout = 250;		/* session and hook timers */
		/* syslog's queue was full: try the held lines again soon */
		if (log_flush() > 0 && timeout > 20)
			timeout = 20;
		n = epoll_wait(m->ep, ev, 64, timeout);
		if (n == -1 && errno != EINTR)
			fatal("epoll_wait");
		/* what this wake-up sends and logs goes out at its end */
		log_batch(true);
		proc_cork_all(m);
		for (i = 0; i < n; i++) {
			uint32_t kind = (uint32_t)(ev[i].data.u64 >> 32);
			uint32_t idx = (uint32_t)ev[i].data.u64;

			switch (kind) {
			case EPK_SIGNAL:
				do_signal(m);
				break;
			case EPK_LISTEN:
				do_accept(m, idx);
				break;
			case EPK_CHAN:
				if (idx < m->nslots)
					proc_chan_event(m, idx, ev[i].events);
				break;
			case EPK_CONTROL:
				control_event(m, idx, ev[i].events);
				break;
			case EPK_METRICS:
				metrics_http_accept(m);
				break;

			default:
				break;
			}
		}
		now = now_ms();
		proc_timers(m, now);
		sess_timers(m, now);
		hook_check_timeouts(now);
		proc_uncork_all(m);
		log_batch(false);
		if (m->reload) {
			m->reload = false;
			notify_reloading();
			notify_ready(reload(m) == 0 ? "serving; reloaded" :
			    "serving; reload failed, old configuration kept");
		}
	}
}

static void
reload_diff(const char *kw, bool restart, void *arg)
{
	if (restart)
		log_warnx("reload: '%s' changed: takes effect after a restart",
		    kw);
	else
		log_info("reload: '%s' changed", kw);
}

/* Settings that need a restart keep their running values on reload. */
static void
keep_restart_settings(const struct hp_conf *old, struct hp_conf *nc)
{
	memcpy(nc->listen, old->listen, sizeof(nc->listen));
	nc->nlisten = old->nlisten;
	nc->local_addr = old->local_addr;
	memcpy(nc->pool, old->pool, sizeof(nc->pool));
	memcpy(nc->tun_name, old->tun_name, sizeof(nc->tun_name));
	memcpy(nc->chroot_dir, old->chroot_dir, sizeof(nc->chroot_dir));
	memcpy(nc->user, old->user, sizeof(nc->user));
	memcpy(nc->control, old->control, sizeof(nc->control));
	nc->nat = old->nat;
	memcpy(nc->nat_ifname, old->nat_ifname, sizeof(nc->nat_ifname));
	nc->max_sessions = old->max_sessions;	/* sizes the table */
	/* sizes ctrl's connection table and master's limits table */
	nc->max_connections = old->max_connections;
	nc->mtu = old->mtu;		/* the tun's, and gre's clamp */
	nc->metrics_listen_on = old->metrics_listen_on;	/* its socket */
	nc->metrics_listen = old->metrics_listen;
	memcpy(nc->radius_pool, old->radius_pool, sizeof(nc->radius_pool));
	nc->dae_listen = old->dae_listen;	/* master's bound socket */
	nc->dae_port = old->dae_port;
	nc->gre_workers = old->gre_workers;	/* processes, sockets, tuns */
}

/*
 * daemon() changes to "/": a relative -f or -P path would then fail on
 * SIGHUP, so keep the absolute path of a file that exists.
 */
static void
abs_conf_path(struct master *m)
{
	char abs[PATH_MAX];

	if (m->conf_file[0] == '/' || realpath(m->conf_file, abs) == NULL ||
	    strlen(abs) >= sizeof(m->conf_file))
		return;
	memcpy(m->conf_file, abs, strlen(abs) + 1);
}

/* SIGHUP: parse afresh; swap in only a configuration without errors. */
static int
reload(struct master *m)
{
	char warn[POPTOP_WARN_LEN];
	struct hp_conf *nc;

	log_info("reloading %s", m->conf_file);
	if ((nc = calloc(1, sizeof(*nc))) == NULL) {
		log_warnx("reload: out of memory; keeping the old configuration");
		return -1;
	}
	if (load_conf(m, nc, warn, sizeof(warn)) != 0) {
		log_warnx("reload: %s has errors; keeping the old configuration",
		    m->conf_file);
		free(nc);
		return -1;
	}
	(void)conf_diff(&m->conf, nc, reload_diff, NULL);
	keep_restart_settings(&m->conf, nc);
	/* -v on the command line still counts */
	if (m->cli_verbose > nc->verbose)
		nc->verbose = m->cli_verbose;
	log_set_verbose(nc->verbose);
	net_reload(m, nc);
	m->conf = *nc;
	free(nc);
	proc_reconfigure(m);
	log_info("reloaded");
	return 0;
}
