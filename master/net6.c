/*
 * hpptpd master: the IPv6 side of sessions (see net6.h).  No network
 * bytes here: a prefix from master's own pool, a route over netlink.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "master/sess_dev.h"
#include "master/master.h"
#include "master/net6.h"
#include "master/netlink.h"
#include "master/pool6.h"
#include "master/send.h"
#include "master/session_defs.h"

int
net6_setup(struct master *m, struct nl *nl, unsigned ifindex)
{
	const struct hp_conf *c = &m->conf;
	struct in6_addr srv;
	char a[INET6_ADDRSTRLEN];
	unsigned n = 0;
	int r;

	/* IPv6 routes of a crashed earlier run, pool or not */
	if (nl_routes6_flush_stale(nl, 0, &n) == HP_OK && n > 0)
		log_info("removed %u stale IPv6 routes", n);
	if (!c->ipv6 || c->ipv6_pool_len == 0)
		return 0;
	if ((r = pool6_create(&c->ipv6_pool, c->ipv6_pool_len, &m->pool6))
	    != HP_OK) {
		log_warnx("ipv6 pool: %s", hp_strerror(r));
		return -1;
	}
	/* the server's address: ::1 of the pool's first /64 */
	pool6_server_prefix(m->pool6, &srv);
	srv.s6_addr[15] = 1;
	if (nl_addr6_add(nl, ifindex, &srv) != HP_OK) {
		log_warnx("ipv6 pool: cannot put %s on the tun: %s",
		    inet_ntop(AF_INET6, &srv, a, sizeof(a)), nl_errmsg(nl));
		return -1;
	}
	log_info("ipv6 pool: %zu prefixes of /%u, local address %s",
	    pool6_size(m->pool6), (unsigned)c->ipv6_prefix_len,
	    inet_ntop(AF_INET6, &srv, a, sizeof(a)));
	return 0;
}

void
net6_teardown(struct master *m)
{
	pool6_destroy(m->pool6);
	m->pool6 = NULL;
}

/*
 * A RADIUS user's own /64 (Framed-IPv6-Prefix): only a free session
 * prefix of the ipv6 pool, so it is never the server's, another
 * session's, or a /64 that is still routed; anything else refuses the
 * session, since the user was meant to have that prefix and no other.
 * Without a pool no session has IPv6 routed, and neither has this one.
 */
static const char *
net6_take_named(struct master *m, struct msess *s)
{
	char p[INET6_ADDRSTRLEN];
	int r;

	if ((r = pool6_take(m->pool6, &s->ip6_req)) == HP_OK) {
		s->ip6 = s->ip6_req;
		s->ip6_held = true;
		return NULL;
	}
	m->metrics.prefix6_refused++;
	log_warnx("sid=0x%x: Framed-IPv6-Prefix %s/%u for \"%s\": %s",
	    s->sid, inet_ntop(AF_INET6, &s->ip6_req, p, sizeof(p)),
	    POOL6_SUBLEN, s->user, r == HP_E_DUP ? "in use" :
	    "not a session prefix of the ipv6 pool");
	return r == HP_E_DUP ? "Framed-IPv6-Prefix in use" :
	    "Framed-IPv6-Prefix not in the ipv6 pool";
}

const char *
net6_assign(struct master *m, struct msess *s)
{
	char p[INET6_ADDRSTRLEN];

	if (s->ip6_held)
		return NULL;
	if (m->pool6 == NULL) {
		if (s->radius_prefix6)
			log_info("sid=0x%x: Framed-IPv6-Prefix %s/%u for "
			    "\"%s\" not used: no ipv6 pool", s->sid,
			    inet_ntop(AF_INET6, &s->ip6_req, p, sizeof(p)),
			    POOL6_SUBLEN, s->user);
		return NULL;
	}
	if (s->radius_prefix6)
		return net6_take_named(m, s);
	if (pool6_alloc(m->pool6, &s->ip6) != HP_OK)
		return "ipv6 prefix pool exhausted";
	s->ip6_held = true;
	return NULL;
}

void
net6_release(struct master *m, struct msess *s)
{
	char p[INET6_ADDRSTRLEN + 4];

	if (!s->ip6_held)
		return;
	if (s->route6_added) {
		/* still routed: never hand it to anyone else */
		net6_prefix_str(s, p, sizeof(p));
		log_warnx("sid=0x%x: %s stays out of the pool: its route "
		    "is still there", s->sid, p);
	} else if (m->pool6 != NULL)
		(void)pool6_release(m->pool6, &s->ip6);
	s->ip6_held = false;
	memset(&s->ip6, 0, sizeof(s->ip6));
}

int
net6_route_up(struct master *m, struct nl *nl, struct msess *s)
{
	char p[INET6_ADDRSTRLEN + 4];

	if (!s->ip6_held || s->route6_added)
		return 0;
	if (nl_route6_add(nl, (unsigned)sess_dev(m, s)->tun_ifindex, &s->ip6,
	    POOL6_SUBLEN) != HP_OK) {
		net6_prefix_str(s, p, sizeof(p));
		log_warnx("sid=0x%x: route to %s: %s", s->sid, p,
		    nl_errmsg(nl));
		return -1;
	}
	s->route6_added = true;
	return 0;
}

void
net6_route_down(struct master *m, struct nl *nl, struct msess *s)
{
	char p[INET6_ADDRSTRLEN + 4];
	int r;

	if (!s->route6_added)
		return;
	r = nl_route6_del(nl, (unsigned)sess_dev(m, s)->tun_ifindex, &s->ip6,
	    POOL6_SUBLEN);
	if (r != HP_OK && r != HP_E_NOTFOUND) {
		net6_prefix_str(s, p, sizeof(p));
		log_warnx("sid=0x%x: delete route to %s: %s", s->sid, p,
		    nl_errmsg(nl));
		return;
	}
	s->route6_added = false;
}

void
net6_grant(struct master *m, struct msess *s)
{
	if (!s->ip6_held)
		return;
	(void)send_gre_route6(m, s->gre, s->sid, &s->ip6);
	/* before the verdict: ctrl has it when IPV6CP opens */
	(void)send_ctrl_prefix6(m, s->sid, &s->ip6);
}

void
net6_prefix_str(const struct msess *s, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (!s->ip6_held || inet_ntop(AF_INET6, &s->ip6, a, sizeof(a)) ==
	    NULL)
		(void)snprintf(buf, len, "-");
	else
		(void)snprintf(buf, len, "%s/%u", a, POOL6_SUBLEN);
}
