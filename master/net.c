/*
 * hpptpd master: the network side of sessions.  Everything here acts
 * on state master owns (config, session table); no network bytes.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "master/hooks.h"
#include "master/gre_sock.h"
#include "master/limits.h"
#include "master/master.h"
#include "master/nat.h"
#include "master/framed.h"
#include "master/net.h"
#include "master/net6.h"
#include "master/netlink.h"
#include "master/pool.h"
#include "master/session_defs.h"
#include "master/sess_dev.h"
#include "master/wtmp.h"

#define HOOK_TIMEOUT_MS	30000
#define NAT_TIMEOUT_MS	5000

int
net_pool_check(const char *spec, struct in_addr local, char *err,
    size_t errlen)
{
	struct pool *p = NULL;
	int r;

	if ((r = pool_create(spec, local, &p, err, errlen)) == HP_OK)
		pool_destroy(p);
	return r;
}

/*
 * `radius pool` names what the AAA hands out to every box; the local
 * pool is this box's alone.  If they shared an address, this box could
 * give it to a file user while the AAA gives it to a session on
 * another box: refuse the configuration (and `hpptpd -n` says why).
 */
int
net_pools_disjoint(const struct hp_conf *c, char *err, size_t errlen)
{
	struct in_addr none = { INADDR_ANY }, a0, a1, b0, b1;
	struct pool *lp = NULL, *rp = NULL;
	size_t i, j;
	int r = HP_OK;

	if (c->radius_pool[0] == '\0')
		return HP_OK;
	if (pool_create(c->pool, c->local_addr, &lp, err, errlen) != HP_OK ||
	    pool_create(c->radius_pool, none, &rp, err, errlen) != HP_OK) {
		r = HP_E_RANGE;
		goto out;
	}
	for (i = 0; i < pool_range_count(lp) && r == HP_OK; i++)
		for (j = 0; j < pool_range_count(rp) && r == HP_OK; j++) {
			(void)pool_range_get(lp, i, &a0, &a1);
			(void)pool_range_get(rp, j, &b0, &b1);
			if (ntohl(a0.s_addr) > ntohl(b1.s_addr) ||
			    ntohl(b0.s_addr) > ntohl(a1.s_addr))
				continue;
			(void)snprintf(err, errlen, "pool and radius pool "
			    "overlap at %s: the AAA could hand out an address "
			    "this box's pool gives too",
			    inet_ntoa(ntohl(a0.s_addr) > ntohl(b0.s_addr) ?
			    a0 : b0));
			r = HP_E_RANGE;
		}
out:
	if (lp != NULL)
		pool_destroy(lp);
	if (rp != NULL)
		pool_destroy(rp);
	return r;
}

/*
 * A non-blocking TCP socket bound to l (IPv6: v6-only) and listening,
 * its address as text in str; -1 with errno set (the caller words the
 * error: PPTP's and the metrics listener's differ).
 */
int
net_tcp_listen(const struct conf_listen *l, int backlog, char *str,
    size_t strlen)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, on = 1, e;

	memset(&ss, 0, sizeof(ss));
	if (l->af == AF_INET6) {
		struct sockaddr_in6 *s6 = (void *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = l->addr.v6;
		s6->sin6_port = htons(l->port);
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr = l->addr.v4;
		s4->sin_port = htons(l->port);
		sl = sizeof(*s4);
	}
	if (inet_ntop(l->af, &l->addr, str, (socklen_t)strlen) == NULL)
		(void)snprintf(str, strlen, "?");
	if ((fd = socket(l->af, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (l->af == AF_INET6)
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on,
		    sizeof(on));
	if (bind(fd, (struct sockaddr *)&ss, sl) == -1 ||
	    listen(fd, backlog) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* A named pool must give at least one address of the pool. */
int
net_named_pool_check(const char *spec, struct in_addr local,
    const struct conf_prefix *np, char *err, size_t errlen)
{
	struct pool *p = NULL;
	struct in_addr a;
	uint32_t base = ntohl(np->addr.s_addr), n, i;
	int r;

	if ((r = pool_create(spec, local, &p, err, errlen)) != HP_OK)
		return r;
	n = np->len >= 32 ? 1 : 1u << (32 - np->len);
	for (i = 0; i < n; i++) {
		a.s_addr = htonl(base + i);
		if (pool_contains(p, a))
			break;
	}
	pool_destroy(p);
	if (i < n)
		return HP_OK;
	(void)snprintf(err, errlen, "no address of the pool inside it");
	return HP_E_RANGE;
}

static void	nat_fatal_cleanup(void);

static void
limits_from_conf(const struct hp_conf *c, struct limits_conf *l)
{
	memset(l, 0, sizeof(*l));
	l->max_sessions = c->max_sessions;
	l->max_sessions_per_user = c->max_sessions_per_user;
	l->max_conns = c->max_connections ? c->max_connections :
	    c->max_sessions;
	l->max_conns_per_addr = c->max_conn_per_source;
	l->conn_rate = c->conn_rate;
	l->conn_burst = c->conn_burst;
}

/* master's kept netlink socket (nl_shared), or NULL and a log line. */
static struct nl *
nl_get(void)
{
	struct nl *nl;

	if ((nl = nl_shared()) == NULL)
		log_warnx("netlink: cannot open");
	return nl;
}

/*
 * Data worker k's tun device: the configured name for worker 0,
 * "<tun>-<k>" for the others (conf_check makes sure it fits), each
 * with the server's local address.  A session's routes go to its
 * worker's device, so what the kernel routes to a client reaches the
 * one worker that holds the session's keys: no steering program, no
 * shared queue (BENCHMARKS.md, "gre-workers").
 */
static int
tun_setup(struct master *m, struct nl *nl, unsigned int k)
{
	const struct hp_conf *c = &m->conf;
	struct gre_dev *d = &m->gre_dev[k];
	char want[IFNAMSIZ];
	unsigned int ifindex = 0;
	int fd;

	if (k == 0)
		(void)snprintf(want, sizeof(want), "%s", c->tun_name);
	else if (snprintf(want, sizeof(want), "%s-%u", c->tun_name, k) >=
	    (int)sizeof(want)) {
		log_warnx("tun %s-%u: name too long", c->tun_name, k);
		return -1;
	}
	if (nl_tun_open(want, c->tun_offload, d->ifname, &fd, &d->tun_vnet) !=
	    HP_OK) {
		log_warnx("cannot create tun device %s", want);
		return -1;
	}
	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	d->tun_fd = fd;
	if (nl_ifindex(nl, d->ifname, &ifindex) != HP_OK ||
	    nl_link_up(nl, ifindex, c->mtu) != HP_OK ||
	    nl_addr_add(nl, ifindex, c->local_addr) != HP_OK) {
		log_warnx("tun %s: %s", d->ifname, nl_errmsg(nl));
		return -1;
	}
	d->tun_ifindex = (int)ifindex;
	log_info("tun %s up for data worker %u, mtu %u, local address %s",
	    d->ifname, k, c->mtu, inet_ntoa(c->local_addr));
	return 0;
}

int
net_setup(struct master *m)
{
	struct hp_conf *c = &m->conf;
	struct limits_conf lc;
	char err[POOL_ERRLEN];
	unsigned int k, n = 0;
	struct nl *nl;

	if (pool_create(c->pool, c->local_addr, &m->pool, err, sizeof(err))
	    != HP_OK) {
		log_warnx("pool: %s", err);
		return -1;
	}
	if (c->static_addrs[0] != '\0') {
		struct in_addr none = { INADDR_ANY };

		if (pool_create(c->static_addrs, none, &m->static_pool, err,
		    sizeof(err)) != HP_OK) {
			log_warnx("static-addresses: %s", err);
			return -1;
		}
	}
	if (c->radius_pool[0] != '\0') {
		struct in_addr none = { INADDR_ANY };

		if (pool_create(c->radius_pool, none, &m->radius_pool, err,
		    sizeof(err)) != HP_OK) {
			log_warnx("radius pool: %s", err);
			return -1;
		}
	}
	limits_from_conf(c, &lc);
	if (limits_create(&lc, &m->limits, now_ms()) != HP_OK) {
		log_warnx("limits: bad configuration");
		return -1;
	}
	m->ngre = c->gre_workers < 1 ? 1 : c->gre_workers;
	for (k = 0; k < GRE_WORKERS_MAX; k++)
	{
		m->gre_dev[k].gre_fd = m->gre_dev[k].send_fd =
		    m->gre_dev[k].gre6_fd = m->gre_dev[k].tun_fd = -1;
		m->gre_dev[k].gre_ring = false;
		m->gre_dev[k].ring_in = m->gre_dev[k].ring_drops = 0;
	}
	m->gre_guard_fd = -1;
	if ((nl = nl_get()) == NULL)
		return -1;
	for (k = 0; k < m->ngre; k++) {
		if (tun_setup(m, nl, k) != 0)
			return -1;
	}
	if (gre_sock_setup(m) != 0)
		return -1;
	/* routes and proxy entries a crashed earlier run left behind */
	if (nl_routes_flush_stale(nl, 0, &n) == HP_OK && n > 0)
		log_info("removed %u stale routes", n);
	if (nl_proxy_flush_stale(nl, 0, &n) == HP_OK && n > 0)
		log_info("removed %u stale proxy ARP entries", n);
	if (net6_setup(m, nl, (unsigned int)m->gre_dev[0].tun_ifindex) != 0)
		return -1;
	if (c->nat && nat_on(c->nat_ifname, m->pool, NAT_TIMEOUT_MS) != HP_OK) {
		log_warnx("nat on %s failed", c->nat_ifname);
		return -1;
	}
	/* a fatal error from here on must not leave the masquerade behind */
	if (c->nat)
		log_set_fatal_hook(nat_fatal_cleanup);
	if (c->logwtmp)
		log_debug("wtmp records on");
	return 0;
}

static void
nat_fatal_cleanup(void)
{
	if (nat_off(NAT_TIMEOUT_MS) == HP_OK)
		log_info("nat: table ip %s removed", NAT_TABLE);
}

void
net_teardown(struct master *m)
{
	unsigned int k;
	uint64_t wait_ms = (uint64_t)m->conf.hook_timeout_s * 1000;

	/* let the ip-down scripts of the sessions just ended finish */
	hook_drain(now_ms() + (wait_ms < HOOK_SHUTDOWN_WAIT_MS ? wait_ms :
	    HOOK_SHUTDOWN_WAIT_MS));
	if (m->conf.nat)
		(void)nat_off(NAT_TIMEOUT_MS);
	for (k = 0; k < m->ngre; k++) {
		struct gre_dev *d = &m->gre_dev[k];

		/* a non-persistent tun vanishes, and its routes with it */
		if (d->tun_fd > 0)
			close(d->tun_fd);
		d->tun_fd = -1;
	}
	gre_sock_close(m);
	nl_shared_close();
	if (m->gre_guard_fd > 0)
		close(m->gre_guard_fd);
	m->gre_guard_fd = -1;
	if (m->pool != NULL)
		pool_destroy(m->pool);
	m->pool = NULL;
	if (m->static_pool != NULL)
		pool_destroy(m->static_pool);
	m->static_pool = NULL;
	if (m->radius_pool != NULL)
		pool_destroy(m->radius_pool);
	m->radius_pool = NULL;
	net6_teardown(m);
	if (m->limits != NULL)
		limits_destroy(m->limits);
	m->limits = NULL;
}

void
net_reload(struct master *m, const struct hp_conf *nc)
{
	struct limits_conf lc;

	limits_from_conf(nc, &lc);
	if (limits_set_conf(m->limits, &lc) != HP_OK)
		log_warnx("reload: limits unchanged (bad values)");
}

void
net_maddr(const struct sockaddr_storage *ss, struct m_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		/* a v4-mapped peer is a v4 peer (GRE goes over v4) */
		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
			a->family = 4;
			memcpy(a->addr, &s6->sin6_addr.s6_addr[12], 4);
		} else {
			a->family = 6;
			memcpy(a->addr, &s6->sin6_addr, 16);
		}
		a->port = ntohs(s6->sin6_port);
	} else {
		const struct sockaddr_in *s4 = (const void *)ss;

		a->family = 4;
		memcpy(a->addr, &s4->sin_addr, 4);
		a->port = ntohs(s4->sin_port);
	}
}

static socklen_t
to_sockaddr(const struct m_addr *a, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == 6) {
		struct sockaddr_in6 *s6 = (void *)ss;

		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, a->addr, 16);
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)ss;

		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, a->addr, 4);
		return sizeof(*s4);
	}
}

const char *
net_admit(struct master *m, const struct m_addr *peer)
{
	struct sockaddr_storage ss;
	socklen_t sl = to_sockaddr(peer, &ss);
	enum lim_verdict v;

	v = limits_conn_open(m->limits, (struct sockaddr *)&ss, sl, now_ms());
	return v == LIM_OK ? NULL : lim_verdict_name(v);
}

void
net_release(struct master *m, const struct m_addr *peer)
{
	struct sockaddr_storage ss;
	socklen_t sl = to_sockaddr(peer, &ss);

	limits_conn_close(m->limits, (struct sockaddr *)&ss, sl);
}

void
net_refused(struct master *m, const struct m_addr *peer, const char *why)
{
	struct sockaddr_storage ss;
	socklen_t sl = to_sockaddr(peer, &ss);
	char pstr[INET6_ADDRSTRLEN];
	uint64_t left_out;

	if (!limits_audit_ok(m->limits, (struct sockaddr *)&ss, sl, now_ms(),
	    &left_out))
		return;
	if (inet_ntop(peer->family == 6 ? AF_INET6 : AF_INET, peer->addr,
	    pstr, sizeof(pstr)) == NULL)
		(void)snprintf(pstr, sizeof(pstr), "?");
	if (left_out > 0)
		log_audit("event=connection-refused peer=%s reason=%s "
		    "suppressed=%llu", pstr, why,
		    (unsigned long long)left_out);
	else
		log_audit("event=connection-refused peer=%s reason=%s", pstr,
		    why);
}

void
net_ctrl_refused(struct master *m, const struct m_addr *peer)
{
	limits_refused(m->limits, LIM_CTRL_SLOT);
	net_refused(m, peer, lim_verdict_name(LIM_CTRL_SLOT));
}

const char *
net_user_admit(struct master *m, struct msess *s)
{
	enum lim_verdict v;

	if ((v = limits_session_open(m->limits, s->user)) != LIM_OK)
		return lim_verdict_name(v);
	s->counted_user = true;
	return NULL;
}

static void
run_hook(struct master *m, struct msess *s, const char *script, bool down)
{
	struct hook_args a;
	char dev[16], ipparam[INET6_ADDRSTRLEN];
	pid_t pid;
	int r;

	if (script[0] == '\0')
		return;
	memset(&a, 0, sizeof(a));
	(void)snprintf(dev, sizeof(dev), "pptp%u", s->sid & 0xffff);
	inet_ntop(s->peer.family == 6 ? AF_INET6 : AF_INET, s->peer.addr,
	    ipparam, sizeof(ipparam));
	a.ifname = sess_dev(m, s)->ifname;
	a.device = dev;
	a.local = m->conf.local_addr;
	a.remote = s->ip;
	a.ipparam = m->conf.ipparam ? ipparam : NULL;
	a.peername = s->user;
	if (m->conf.ndns > 0)
		a.dns1 = m->conf.dns[0];
	if (m->conf.ndns > 1)
		a.dns2 = m->conf.dns[1];
	a.sid = s->sid;
	a.down = down;
	if (down) {
		a.connect_time = (now_ms() - s->t_up) / 1000;
		a.bytes_sent = s->stats.bytes_out;
		a.bytes_rcvd = s->stats.bytes_in;
	}
	r = hook_start(script, &a, m->conf.hook_timeout_s ?
	    m->conf.hook_timeout_s * 1000 : HOOK_TIMEOUT_MS, now_ms(), &pid);
	if (r == HP_E_NOTFOUND)		/* pppd: not an error */
		log_debug("sid=0x%x: no %s", s->sid, script);
	else if (r == HP_E_PERM)
		log_warnx("sid=0x%x: not running %s: it must be an executable "
		    "file owned by root, not writable by group or others",
		    s->sid, script);
	else if (r != HP_OK)
		log_warnx("sid=0x%x: cannot run %s: %s", s->sid, script,
		    hp_strerror(r));
}

static void
wtmp_line(const struct msess *s, char *line, size_t len)
{
	(void)snprintf(line, len, "pptp%u", s->sid & 0xffff);
}

/*
 * The address is assigned: route it to the tun (and proxy-ARP it) now,
 * before IPCP finishes, so the client's first packets find their way.
 */
int
net_route_up(struct master *m, struct msess *s)
{
	struct nl *nl;
	unsigned int lan;

	if ((nl = nl_get()) == NULL)
		return -1;
	if (nl_route_add(nl, (unsigned int)sess_dev(m, s)->tun_ifindex,
	    s->ip) != HP_OK) {
		log_warnx("sid=0x%x: route to %s: %s", s->sid,
		    inet_ntoa(s->ip), nl_errmsg(nl));
		return -1;
	}
	s->route_added = true;
	if (net6_route_up(m, nl, s) != 0)
		return -1;
	if (m->conf.proxyarp && nl_proxy_find_if(nl, s->ip,
	    (unsigned int)sess_dev(m, s)->tun_ifindex, &lan) == HP_OK) {
		if (nl_proxy_add(nl, lan, s->ip) == HP_OK) {
			s->proxyarp_added = true;
			s->proxyarp_if = lan;
		} else
			log_warnx("sid=0x%x: proxy ARP for %s: %s", s->sid,
			    inet_ntoa(s->ip), nl_errmsg(nl));
	}
	return 0;
}

/* IPCP is open: the session is up for wtmp and ip-up. */
void
net_session_up(struct master *m, struct msess *s)
{
	if (m->conf.logwtmp) {
		struct sockaddr_storage ss;
		char line[32], host[INET6_ADDRSTRLEN];

		(void)to_sockaddr(&s->peer, &ss);
		inet_ntop(s->peer.family == 6 ? AF_INET6 : AF_INET,
		    s->peer.addr, host, sizeof(host));
		wtmp_line(s, line, sizeof(line));
		(void)wtmp_login(line, s->user, host, (struct sockaddr *)&ss);
	}
	run_hook(m, s, m->conf.ip_up, false);
}

void
net_session_down(struct master *m, struct msess *s)
{
	struct nl *nl;

	if (s->counted_user) {
		limits_session_close(m->limits, s->user);
		s->counted_user = false;
	}
	framed_routes_down(m, s);
	if ((s->route_added || s->proxyarp_added || s->route6_added) &&
	    (nl = nl_get()) != NULL) {
		net6_route_down(m, nl, s);
		if (s->route_added &&
		    nl_route_del(nl, (unsigned int)sess_dev(m, s)->tun_ifindex,
		    s->ip) != HP_OK)
			log_warnx("sid=0x%x: delete route: %s", s->sid,
			    nl_errmsg(nl));
		if (s->proxyarp_added &&
		    nl_proxy_del(nl, s->proxyarp_if, s->ip) != HP_OK)
			log_warnx("sid=0x%x: delete proxy ARP: %s", s->sid,
			    nl_errmsg(nl));
	}
	s->route_added = s->proxyarp_added = false;
	if (!s->was_up)		/* no login record, no ip-up: nothing to undo */
		return;
	if (m->conf.logwtmp) {
		char line[32];

		wtmp_line(s, line, sizeof(line));
		(void)wtmp_logout(line);
	}
	run_hook(m, s, m->conf.ip_down, true);
}
