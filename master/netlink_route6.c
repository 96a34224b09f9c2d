/*
 * hpptpd master: IPv6 routes to the sessions' prefixes over rtnetlink
 * (see netlink.h).  The IPv4 twin is netlink_route.c; these carry the
 * same protocol NL_RTPROT_HPPTPD, so a crashed run's are found and
 * flushed at start without touching anyone else's.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "common/err.h"
#include "master/netlink.h"
#include "master/netlink_local.h"

static int	route6_del_ent(struct nl *, const struct nl_ent *);

static const struct nl_kind route6_kind = {
	.get = RTM_GETROUTE,
	.answer = RTM_NEWROUTE,
	.family = AF_INET6,
	.hdrlen = sizeof(struct rtmsg),
	.head = nl_route_head,
	.attr = nl_route_attr,
	.tail = nl_route_tail,
	.del = route6_del_ent,
};

static struct nlmsghdr *
route6_req(struct nl *nl, uint16_t type, uint16_t flags, unsigned ifindex,
    const struct in6_addr *dst, unsigned plen)
{
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;

	h = nl_req(nl, type, flags);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = (unsigned char)plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = NL_RTPROT_HPPTPD;
	rtm->rtm_scope = type == RTM_DELROUTE ? RT_SCOPE_NOWHERE :
	    RT_SCOPE_UNIVERSE;	/* IPv6 routes are all universe */
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(h, RTA_DST, sizeof(*dst), dst);
	if (ifindex != 0)
		mnl_attr_put_u32(h, RTA_OIF, ifindex);
	return h;
}

static bool
route6_ok(unsigned ifindex, const struct in6_addr *dst, unsigned plen)
{
	static const struct in6_addr any;

	return ifindex != 0 && plen >= 1 && plen <= 128 &&
	    memcmp(dst, &any, sizeof(any)) != 0;
}

int
nl_route6_add(struct nl *nl, unsigned ifindex, const struct in6_addr *dst,
    unsigned plen)
{
	if (!route6_ok(ifindex, dst, plen))
		return HP_E_RANGE;
	return nl_talk(nl, route6_req(nl, RTM_NEWROUTE, NLM_F_CREATE |
	    NLM_F_EXCL, ifindex, dst, plen), NULL, NULL);
}

int
nl_route6_del(struct nl *nl, unsigned ifindex, const struct in6_addr *dst,
    unsigned plen)
{
	if (!route6_ok(ifindex, dst, plen))
		return HP_E_RANGE;
	return nl_talk(nl, route6_req(nl, RTM_DELROUTE, 0, ifindex, dst,
	    plen), NULL, NULL);
}

static int
route6_del_ent(struct nl *nl, const struct nl_ent *e)
{
	return nl_talk(nl, route6_req(nl, RTM_DELROUTE, 0, e->ifindex,
	    &e->dst6, e->plen), NULL, NULL);
}

int
nl_route6_count(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct nl_match	 m = { ifindex, false, { INADDR_ANY } };

	return nl_table(nl, &route6_kind, &m, NL_COUNT, n);
}

int
nl_routes6_flush_stale(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct nl_match	 m = { ifindex, false, { INADDR_ANY } };

	return nl_table(nl, &route6_kind, &m, NL_FLUSH, n);
}

/*
 * The server's own IPv6 address on the tun, as a /128 with no prefix
 * route (the sessions' /64s are routed one by one) and no duplicate
 * address detection (nobody else is on a tun).
 */
int
nl_addr6_add(struct nl *nl, unsigned ifindex, const struct in6_addr *a)
{
	struct nlmsghdr		*h;
	struct ifaddrmsg	*ifa;
	static const struct in6_addr any;

	if (ifindex == 0 || memcmp(a, &any, sizeof(any)) == 0)
		return HP_E_RANGE;
	h = nl_req(nl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE);
	ifa = mnl_nlmsg_put_extra_header(h, sizeof(*ifa));
	ifa->ifa_family = AF_INET6;
	ifa->ifa_prefixlen = 128;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	ifa->ifa_flags = IFA_F_NODAD;
	mnl_attr_put(h, IFA_LOCAL, sizeof(*a), a);
	mnl_attr_put(h, IFA_ADDRESS, sizeof(*a), a);
	mnl_attr_put_u32(h, IFA_FLAGS, IFA_F_NODAD | IFA_F_NOPREFIXROUTE);
	return nl_talk(nl, h, NULL, NULL);
}
