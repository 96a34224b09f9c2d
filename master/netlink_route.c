/*
 * hpptpd master: host routes to the clients over rtnetlink, and IPv4
 * forwarding (see netlink.h).  Routes hpptpd adds carry protocol
 * NL_RTPROT_HPPTPD in the main table; the route kind reads only those,
 * so what nl_table counts or flushes is never anyone else's.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "common/err.h"
#include "common/log.h"
#include "master/netlink.h"
#include "master/netlink_local.h"

#define IP_FORWARD	"/proc/sys/net/ipv4/ip_forward"

static struct nlmsghdr *route_req(struct nl *, uint16_t, uint16_t, unsigned,
		    struct in_addr, unsigned);
static int	route_del_ent(struct nl *, const struct nl_ent *);

/* Our routes in the main table: oif, dst/dst_len. */
static const struct nl_kind route_kind = {
	.get = RTM_GETROUTE,
	.answer = RTM_NEWROUTE,
	.family = AF_INET,
	.hdrlen = sizeof(struct rtmsg),
	.head = nl_route_head,
	.attr = nl_route_attr,
	.tail = nl_route_tail,
	.del = route_del_ent,
};

static struct nlmsghdr *
route_req(struct nl *nl, uint16_t type, uint16_t flags, unsigned ifindex,
    struct in_addr dst, unsigned plen)
{
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;

	h = nl_req(nl, type, flags);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = NL_RTPROT_HPPTPD;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(h, RTA_DST, sizeof(dst), &dst);
	mnl_attr_put_u32(h, RTA_OIF, ifindex);
	return h;
}

int
nl_route_add(struct nl *nl, unsigned ifindex, struct in_addr dst)
{
	return nl_prefix_add(nl, ifindex, dst, 32);
}

int
nl_route_del(struct nl *nl, unsigned ifindex, struct in_addr dst)
{
	return nl_prefix_del(nl, ifindex, dst, 32);
}

int
nl_prefix_add(struct nl *nl, unsigned ifindex, struct in_addr dst,
    unsigned plen)
{
	if (ifindex == 0 || dst.s_addr == INADDR_ANY || plen == 0 ||
	    plen > 32)
		return HP_E_RANGE;
	return nl_talk(nl, route_req(nl, RTM_NEWROUTE, NLM_F_CREATE |
	    NLM_F_EXCL, ifindex, dst, plen), NULL, NULL);
}

int
nl_prefix_del(struct nl *nl, unsigned ifindex, struct in_addr dst,
    unsigned plen)
{
	if (ifindex == 0 || dst.s_addr == INADDR_ANY || plen == 0 ||
	    plen > 32)
		return HP_E_RANGE;
	return nl_talk(nl, route_req(nl, RTM_DELROUTE, 0, ifindex, dst, plen),
	    NULL, NULL);
}

/* The route kinds' callbacks, IPv4's and IPv6's (netlink_route6.c). */
bool
nl_route_head(const void *hdr, struct nl_ent *e)
{
	const struct rtmsg *rtm = hdr;

	e->plen = rtm->rtm_dst_len;
	e->proto = rtm->rtm_protocol;
	e->table = rtm->rtm_table;	/* RTA_TABLE, if any, overrides */
	return rtm->rtm_protocol == NL_RTPROT_HPPTPD;
}

int
nl_route_attr(const struct nlattr *a, void *arg)
{
	struct nl_ent	*e = arg;

	switch (mnl_attr_get_type(a)) {
	case RTA_TABLE:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			e->table = mnl_attr_get_u32(a);
		break;
	case RTA_OIF:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			e->ifindex = mnl_attr_get_u32(a);
		break;
	case RTA_DST:
		/* the family's size: the kind asked for one family only */
		if (mnl_attr_get_payload_len(a) == sizeof(e->dst)) {
			memcpy(&e->dst, mnl_attr_get_payload(a),
			    sizeof(e->dst));
			e->has_dst = true;
		} else if (mnl_attr_get_payload_len(a) == sizeof(e->dst6)) {
			memcpy(&e->dst6, mnl_attr_get_payload(a),
			    sizeof(e->dst6));
			e->has_dst = true;
		}
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

bool
nl_route_tail(struct nl_ent *e)
{
	return e->table == RT_TABLE_MAIN;
}

/* Delete exactly the route found: its dst_len, and its oif if any. */
static int
route_del_ent(struct nl *nl, const struct nl_ent *e)
{
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;

	h = nl_req(nl, RTM_DELROUTE, 0);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)e->plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = NL_RTPROT_HPPTPD;
	rtm->rtm_scope = RT_SCOPE_NOWHERE;
	mnl_attr_put(h, RTA_DST, sizeof(e->dst), &e->dst);
	if (e->ifindex != 0)
		mnl_attr_put_u32(h, RTA_OIF, e->ifindex);
	return nl_talk(nl, h, NULL, NULL);
}

int
nl_route_exists(struct nl *nl, unsigned ifindex, struct in_addr dst,
    bool *exists)
{
	return nl_table_has(nl, &route_kind, ifindex, dst, exists);
}

int
nl_route_count(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct nl_match	 m = { ifindex, false, { INADDR_ANY } };

	return nl_table(nl, &route_kind, &m, NL_COUNT, n);
}

int
nl_routes_flush_stale(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct nl_match	 m = { ifindex, false, { INADDR_ANY } };

	return nl_table(nl, &route_kind, &m, NL_FLUSH, n);
}

/* ---- forwarding --------------------------------------------------- */

int
nl_ip_forward_set(bool on)
{
	int	 fd;
	ssize_t	 w;

	if ((fd = open(IP_FORWARD, O_WRONLY | O_CLOEXEC)) == -1) {
		log_warn("%s", IP_FORWARD);
		return HP_E_SYS;
	}
	w = write(fd, on ? "1\n" : "0\n", 2);
	if (w != 2) {
		log_warn("write %s", IP_FORWARD);
		close(fd);
		return HP_E_SYS;
	}
	close(fd);
	return HP_OK;
}

int
nl_ip_forward_get(bool *on)
{
	char	 c = '0';
	int	 fd;

	*on = false;
	if ((fd = open(IP_FORWARD, O_RDONLY | O_CLOEXEC)) == -1)
		return HP_E_SYS;
	if (read(fd, &c, 1) != 1) {
		close(fd);
		return HP_E_SYS;
	}
	close(fd);
	*on = c == '1';
	return HP_OK;
}
