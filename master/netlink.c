/*
 * hpptpd master: rtnetlink with libmnl (see netlink.h).
 *
 * One request at a time: nl_talk() sends it with a fresh sequence
 * number and reads until the kernel's ACK, error or NLMSG_DONE for that
 * sequence, handing data messages to a callback; anything with another
 * sequence or port (a late answer to an earlier request that timed
 * out) is skipped.  The socket has SO_RCVTIMEO, so a kernel that never
 * answers costs at most the timeout.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "common/err.h"
#include "common/log.h"
#include "master/netlink.h"

#define NL_BUFSZ	32768	/* MNL_SOCKET_DUMP_SIZE */
#define NL_STALE_BATCH	256	/* entries removed per dump pass */
#define IP_FORWARD	"/proc/sys/net/ipv4/ip_forward"

struct nl {
	struct mnl_socket	*sock;
	unsigned		 portid;
	unsigned		 seq;
	char			 errmsg[NL_ERRMSG_MAX];
	uint8_t			 buf[NL_BUFSZ];
};

typedef int (*nl_cb)(const struct nlmsghdr *, void *);

static int	nl_talk(struct nl *, struct nlmsghdr *, nl_cb, void *);
static int	nl_errno(int);

int
nl_open(struct nl **nlp, unsigned timeout_ms)
{
	struct nl	*nl;
	struct timeval	 tv;
	int		 one = 1, fd;

	*nlp = NULL;
	if ((nl = calloc(1, sizeof(*nl))) == NULL)
		return HP_E_NOMEM;
	if ((nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC)) ==
	    NULL || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		log_warn("netlink socket");
		nl_close(nl);
		return HP_E_SYS;
	}
	fd = mnl_socket_get_fd(nl->sock);
	if (timeout_ms == 0)
		timeout_ms = NL_TIMEOUT_DEFAULT_MS;
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1) {
		log_warn("netlink SO_RCVTIMEO");
		nl_close(nl);
		return HP_E_SYS;
	}
	/* Kernel error text, and ACKs without a copy of our request. */
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one,
	    sizeof(one));
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one,
	    sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned)time(NULL);
	*nlp = nl;
	return HP_OK;
}

void
nl_close(struct nl *nl)
{
	if (nl == NULL)
		return;
	if (nl->sock != NULL)
		mnl_socket_close(nl->sock);
	free(nl);
}

const char *
nl_errmsg(const struct nl *nl)
{
	return nl->errmsg;
}

static int
nl_errno(int e)
{
	switch (e) {
	case EEXIST:
		return HP_E_DUP;
	case ENOENT:
	case ESRCH:
	case ENODEV:
	case EADDRNOTAVAIL:
		return HP_E_NOTFOUND;
	default:
		errno = e;
		return HP_E_SYS;
	}
}

static int
ext_ack_attr(const struct nlattr *a, void *arg)
{
	struct nl	*nl = arg;

	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
		log_sanitize(nl->errmsg, sizeof(nl->errmsg),
		    mnl_attr_get_str(a), strnlen(mnl_attr_get_str(a),
		    mnl_attr_get_payload_len(a)));
	return MNL_CB_OK;
}

/* An NLMSG_ERROR: 0 is the ACK, else a negative errno. */
static int
nl_ack(struct nl *nl, const struct nlmsghdr *h)
{
	const struct nlmsgerr *e;
	size_t		 off;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
		errno = EBADMSG;
		return HP_E_SYS;
	}
	e = mnl_nlmsg_get_payload(h);
	if (e->error == 0)
		return HP_OK;
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (NLMSG_HDRLEN + off <= h->nlmsg_len)
			(void)mnl_attr_parse(h, (unsigned)off, ext_ack_attr, nl);
	}
	return nl_errno(-e->error);
}

static int
nl_talk(struct nl *nl, struct nlmsghdr *req, nl_cb cb, void *arg)
{
	const struct nlmsghdr *h;
	unsigned	 seq;
	ssize_t		 n;
	int		 len, r;
	bool		 dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;

	nl->errmsg[0] = '\0';
	seq = req->nlmsg_seq = ++nl->seq;
	if (!dump)
		req->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		return nl_errno(errno);
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				errno = ETIMEDOUT;
			if (errno == EINTR)
				continue;
			return nl_errno(errno);
		}
		len = (int)n;
		for (h = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(h, len);
		    h = mnl_nlmsg_next(h, &len)) {
			if (h->nlmsg_seq != seq || h->nlmsg_pid != nl->portid)
				continue;		/* stale answer */
			if (h->nlmsg_type == NLMSG_ERROR)
				return nl_ack(nl, h);
			if (h->nlmsg_type == NLMSG_DONE)
				return HP_OK;
			if (h->nlmsg_type == NLMSG_NOOP ||
			    h->nlmsg_type == NLMSG_OVERRUN)
				continue;
			if (cb != NULL && (r = cb(h, arg)) != HP_OK)
				return r;
		}
	}
}

static struct nlmsghdr *
nl_req(struct nl *nl, uint16_t type, uint16_t flags)
{
	struct nlmsghdr	*h;

	memset(nl->buf, 0, MNL_NLMSG_HDRLEN + 256);
	h = mnl_nlmsg_put_header(nl->buf);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	return h;
}

/* ---- tun ---------------------------------------------------------- */

static bool
ifname_ok(const char *name)
{
	size_t	 i, n;

	if (name == NULL || (n = strlen(name)) == 0 || n >= IFNAMSIZ)
		return false;
	for (i = 0; i < n; i++)
		if (name[i] <= ' ' || name[i] > '~' || name[i] == '/' ||
		    name[i] == ':')
			return false;
	return true;
}

int
nl_tun_open(const char *name, char *ifname, int *fdp)
{
	struct ifreq	 ifr;
	int		 fd;

	*fdp = -1;
	if (ifname != NULL)
		ifname[0] = '\0';
	if (!ifname_ok(name))
		return HP_E_RANGE;
	if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) ==
	    -1) {
		log_warn("/dev/net/tun");
		return HP_E_SYS;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		int	 e = errno;

		log_warn("TUNSETIFF %s", name);
		close(fd);
		return nl_errno(e == EBUSY ? EEXIST : e);
	}
	if (ifname != NULL)
		snprintf(ifname, IFNAMSIZ, "%.*s", IFNAMSIZ - 1, ifr.ifr_name);
	*fdp = fd;
	return HP_OK;
}

/* ---- links -------------------------------------------------------- */

struct link_info {
	unsigned	 index;
	unsigned	 mtu;
	unsigned	 flags;
	bool		 found;
};

static int
link_attr(const struct nlattr *a, void *arg)
{
	struct link_info *li = arg;

	if (mnl_attr_get_type(a) == IFLA_MTU &&
	    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
		li->mtu = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int
link_cb(const struct nlmsghdr *h, void *arg)
{
	struct link_info *li = arg;
	const struct ifinfomsg *ifi;

	if (h->nlmsg_type != RTM_NEWLINK ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return HP_OK;
	ifi = mnl_nlmsg_get_payload(h);
	li->index = (unsigned)ifi->ifi_index;
	li->flags = ifi->ifi_flags;
	li->found = true;
	(void)mnl_attr_parse(h, sizeof(*ifi), link_attr, li);
	return HP_OK;
}

int
nl_ifindex(struct nl *nl, const char *ifname, unsigned *ifindex)
{
	struct nlmsghdr	*h;
	struct ifinfomsg *ifi;
	struct link_info li;
	int		 r;

	*ifindex = 0;
	if (!ifname_ok(ifname))
		return HP_E_RANGE;
	memset(&li, 0, sizeof(li));
	h = nl_req(nl, RTM_GETLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(h, IFLA_IFNAME, ifname);
	if ((r = nl_talk(nl, h, link_cb, &li)) != HP_OK)
		return r;
	if (!li.found)
		return HP_E_NOTFOUND;
	*ifindex = li.index;
	return HP_OK;
}

int
nl_link_get(struct nl *nl, unsigned ifindex, unsigned *mtu, bool *up)
{
	struct nlmsghdr	*h;
	struct ifinfomsg *ifi;
	struct link_info li;
	int		 r;

	*mtu = 0;
	*up = false;
	memset(&li, 0, sizeof(li));
	h = nl_req(nl, RTM_GETLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	if ((r = nl_talk(nl, h, link_cb, &li)) != HP_OK)
		return r;
	if (!li.found)
		return HP_E_NOTFOUND;
	*mtu = li.mtu;
	*up = (li.flags & IFF_UP) != 0;
	return HP_OK;
}

int
nl_link_up(struct nl *nl, unsigned ifindex, unsigned mtu)
{
	struct nlmsghdr	*h;
	struct ifinfomsg *ifi;

	if (ifindex == 0 || (mtu != 0 && (mtu < 576 || mtu > 65535)))
		return HP_E_RANGE;
	h = nl_req(nl, RTM_NEWLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	if (mtu != 0)
		mnl_attr_put_u32(h, IFLA_MTU, mtu);
	return nl_talk(nl, h, NULL, NULL);
}

/* ---- addresses ---------------------------------------------------- */

static struct nlmsghdr *
addr_req(struct nl *nl, uint16_t type, uint16_t flags, unsigned ifindex,
    struct in_addr a)
{
	struct nlmsghdr	*h;
	struct ifaddrmsg *ifa;

	h = nl_req(nl, type, flags);
	ifa = mnl_nlmsg_put_extra_header(h, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 32;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	mnl_attr_put(h, IFA_LOCAL, sizeof(a), &a);
	mnl_attr_put(h, IFA_ADDRESS, sizeof(a), &a);
	return h;
}

int
nl_addr_add(struct nl *nl, unsigned ifindex, struct in_addr local)
{
	if (ifindex == 0 || local.s_addr == INADDR_ANY)
		return HP_E_RANGE;
	return nl_talk(nl, addr_req(nl, RTM_NEWADDR, NLM_F_CREATE |
	    NLM_F_REPLACE, ifindex, local), NULL, NULL);
}

int
nl_addr_del(struct nl *nl, unsigned ifindex, struct in_addr local)
{
	if (ifindex == 0)
		return HP_E_RANGE;
	return nl_talk(nl, addr_req(nl, RTM_DELADDR, 0, ifindex, local),
	    NULL, NULL);
}

struct addr_ent {
	unsigned	 index;
	unsigned	 plen;
	struct in_addr	 local;
	bool		 has_local;
	struct in_addr	 address;
	bool		 has_address;
};

struct addr_walk {
	int		(*fn)(const struct addr_ent *, void *);
	void		*arg;
};

static int
addr_attr(const struct nlattr *a, void *arg)
{
	struct addr_ent	*e = arg;

	if (mnl_attr_get_payload_len(a) != sizeof(struct in_addr))
		return MNL_CB_OK;
	if (mnl_attr_get_type(a) == IFA_LOCAL) {
		memcpy(&e->local, mnl_attr_get_payload(a), sizeof(e->local));
		e->has_local = true;
	} else if (mnl_attr_get_type(a) == IFA_ADDRESS) {
		memcpy(&e->address, mnl_attr_get_payload(a),
		    sizeof(e->address));
		e->has_address = true;
	}
	return MNL_CB_OK;
}

static int
addr_cb(const struct nlmsghdr *h, void *arg)
{
	struct addr_walk *w = arg;
	const struct ifaddrmsg *ifa;
	struct addr_ent	 e;

	if (h->nlmsg_type != RTM_NEWADDR ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
		return HP_OK;
	ifa = mnl_nlmsg_get_payload(h);
	if (ifa->ifa_family != AF_INET)
		return HP_OK;
	memset(&e, 0, sizeof(e));
	e.index = ifa->ifa_index;
	e.plen = ifa->ifa_prefixlen;
	(void)mnl_attr_parse(h, sizeof(*ifa), addr_attr, &e);
	if (!e.has_local) {
		e.local = e.address;
		e.has_local = e.has_address;
	}
	if (!e.has_local)
		return HP_OK;
	return w->fn(&e, w->arg);
}

static int
addr_dump(struct nl *nl, int (*fn)(const struct addr_ent *, void *),
    void *arg)
{
	struct nlmsghdr	*h;
	struct ifaddrmsg *ifa;
	struct addr_walk w = { fn, arg };

	h = nl_req(nl, RTM_GETADDR, NLM_F_DUMP);
	ifa = mnl_nlmsg_put_extra_header(h, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	return nl_talk(nl, h, addr_cb, &w);
}

struct addr_q {
	unsigned	 index;
	struct in_addr	 a;
	unsigned	 plen;
	bool		 found;
};

static int
addr_exists_fn(const struct addr_ent *e, void *arg)
{
	struct addr_q	*q = arg;

	if (e->index == q->index && e->plen == q->plen &&
	    e->local.s_addr == q->a.s_addr)
		q->found = true;
	return HP_OK;
}

int
nl_addr_exists(struct nl *nl, unsigned ifindex, struct in_addr a,
    unsigned plen, bool *exists)
{
	struct addr_q	 q = { ifindex, a, plen, false };
	int		 r;

	*exists = false;
	if ((r = addr_dump(nl, addr_exists_fn, &q)) != HP_OK)
		return r;
	*exists = q.found;
	return HP_OK;
}

struct lan_q {
	uint32_t	 client;	/* host order */
	unsigned	 exclude;
	unsigned	 best_index;
	int		 best_plen;
};

static int
lan_fn(const struct addr_ent *e, void *arg)
{
	struct lan_q	*q = arg;
	uint32_t	 mask, local = ntohl(e->local.s_addr);

	/* A /32 (the tun's own address) or /31 holds no LAN. */
	if (e->index == q->exclude || e->plen == 0 || e->plen >= 31)
		return HP_OK;
	mask = 0xffffffffU << (32 - e->plen);
	if ((local & mask) != (q->client & mask) || local == q->client)
		return HP_OK;
	/* Network and broadcast addresses are not a host's. */
	if ((q->client & ~mask) == 0 || (q->client & ~mask) == ~mask)
		return HP_OK;
	if ((int)e->plen > q->best_plen) {
		q->best_plen = (int)e->plen;
		q->best_index = e->index;
	}
	return HP_OK;
}

int
nl_proxy_find_if(struct nl *nl, struct in_addr client, unsigned exclude,
    unsigned *ifindex)
{
	struct lan_q	 q = { ntohl(client.s_addr), exclude, 0, -1 };
	int		 r;

	*ifindex = 0;
	if ((r = addr_dump(nl, lan_fn, &q)) != HP_OK)
		return r;
	if (q.best_plen < 0)
		return HP_E_NOTFOUND;
	*ifindex = q.best_index;
	return HP_OK;
}

/* ---- routes ------------------------------------------------------- */

static struct nlmsghdr *
route_req(struct nl *nl, uint16_t type, uint16_t flags, unsigned ifindex,
    struct in_addr dst)
{
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;

	h = nl_req(nl, type, flags);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
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
	if (ifindex == 0 || dst.s_addr == INADDR_ANY)
		return HP_E_RANGE;
	return nl_talk(nl, route_req(nl, RTM_NEWROUTE, NLM_F_CREATE |
	    NLM_F_EXCL, ifindex, dst), NULL, NULL);
}

int
nl_route_del(struct nl *nl, unsigned ifindex, struct in_addr dst)
{
	if (ifindex == 0 || dst.s_addr == INADDR_ANY)
		return HP_E_RANGE;
	return nl_talk(nl, route_req(nl, RTM_DELROUTE, 0, ifindex, dst),
	    NULL, NULL);
}

struct route_ent {
	unsigned	 oif;
	unsigned	 dst_len;
	struct in_addr	 dst;
};

struct route_q {
	unsigned	 oif;		/* 0 = any */
	struct in_addr	 dst;		/* match this dst if want_dst */
	bool		 want_dst;
	unsigned	 count;
	struct route_ent found[NL_STALE_BATCH];
	unsigned	 nfound;
};

struct route_attrs {
	uint32_t	 table;
	unsigned	 oif;
	struct in_addr	 dst;
	bool		 has_dst;
};

static int
route_attr(const struct nlattr *a, void *arg)
{
	struct route_attrs *ra = arg;

	switch (mnl_attr_get_type(a)) {
	case RTA_TABLE:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			ra->table = mnl_attr_get_u32(a);
		break;
	case RTA_OIF:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			ra->oif = mnl_attr_get_u32(a);
		break;
	case RTA_DST:
		if (mnl_attr_get_payload_len(a) == sizeof(ra->dst)) {
			memcpy(&ra->dst, mnl_attr_get_payload(a),
			    sizeof(ra->dst));
			ra->has_dst = true;
		}
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

static int
route_cb(const struct nlmsghdr *h, void *arg)
{
	struct route_q	*q = arg;
	const struct rtmsg *rtm;
	struct route_attrs ra;

	if (h->nlmsg_type != RTM_NEWROUTE ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
		return HP_OK;
	rtm = mnl_nlmsg_get_payload(h);
	if (rtm->rtm_family != AF_INET ||
	    rtm->rtm_protocol != NL_RTPROT_HPPTPD)
		return HP_OK;
	memset(&ra, 0, sizeof(ra));
	ra.table = rtm->rtm_table;
	(void)mnl_attr_parse(h, sizeof(*rtm), route_attr, &ra);
	if (ra.table != RT_TABLE_MAIN || !ra.has_dst)
		return HP_OK;
	if (q->oif != 0 && ra.oif != q->oif)
		return HP_OK;
	if (q->want_dst && (ra.dst.s_addr != q->dst.s_addr ||
	    rtm->rtm_dst_len != 32))
		return HP_OK;
	q->count++;
	if (q->nfound < NL_STALE_BATCH) {
		q->found[q->nfound].oif = ra.oif;
		q->found[q->nfound].dst_len = rtm->rtm_dst_len;
		q->found[q->nfound].dst = ra.dst;
		q->nfound++;
	}
	return HP_OK;
}

static int
route_dump(struct nl *nl, struct route_q *q)
{
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;

	q->count = q->nfound = 0;
	h = nl_req(nl, RTM_GETROUTE, NLM_F_DUMP);
	rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	return nl_talk(nl, h, route_cb, q);
}

int
nl_route_exists(struct nl *nl, unsigned ifindex, struct in_addr dst,
    bool *exists)
{
	struct route_q	*q;
	int		 r;

	*exists = false;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return HP_E_NOMEM;
	q->oif = ifindex;
	q->dst = dst;
	q->want_dst = true;
	if ((r = route_dump(nl, q)) == HP_OK)
		*exists = q->count > 0;
	free(q);
	return r;
}

int
nl_route_count(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct route_q	*q;
	int		 r;

	*n = 0;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return HP_E_NOMEM;
	q->oif = ifindex;
	if ((r = route_dump(nl, q)) == HP_OK)
		*n = q->count;
	free(q);
	return r;
}

int
nl_routes_flush_stale(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct route_q	*q;
	struct nlmsghdr	*h;
	struct rtmsg	*rtm;
	unsigned	 i, pass;
	int		 r = HP_OK;

	*n = 0;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return HP_E_NOMEM;
	q->oif = ifindex;
	/* Delete in batches; each pass must make progress. */
	for (pass = 0; pass < 1024; pass++) {
		if ((r = route_dump(nl, q)) != HP_OK || q->nfound == 0)
			break;
		for (i = 0; i < q->nfound; i++) {
			h = nl_req(nl, RTM_DELROUTE, 0);
			rtm = mnl_nlmsg_put_extra_header(h, sizeof(*rtm));
			rtm->rtm_family = AF_INET;
			rtm->rtm_dst_len = (unsigned char)q->found[i].dst_len;
			rtm->rtm_table = RT_TABLE_MAIN;
			rtm->rtm_protocol = NL_RTPROT_HPPTPD;
			rtm->rtm_scope = RT_SCOPE_NOWHERE;
			mnl_attr_put(h, RTA_DST, sizeof(q->found[i].dst),
			    &q->found[i].dst);
			if (q->found[i].oif != 0)
				mnl_attr_put_u32(h, RTA_OIF, q->found[i].oif);
			r = nl_talk(nl, h, NULL, NULL);
			if (r == HP_E_NOTFOUND)
				r = HP_OK;
			if (r != HP_OK)
				goto out;
			(*n)++;
		}
	}
out:
	free(q);
	return r;
}

/* ---- proxy neighbours --------------------------------------------- */

static struct nlmsghdr *
neigh_req(struct nl *nl, uint16_t type, uint16_t flags, unsigned ifindex,
    struct in_addr a)
{
	struct nlmsghdr	*h;
	struct ndmsg	*ndm;

	h = nl_req(nl, type, flags);
	ndm = mnl_nlmsg_put_extra_header(h, sizeof(*ndm));
	ndm->ndm_family = AF_INET;
	ndm->ndm_ifindex = (int)ifindex;
	ndm->ndm_state = NUD_PERMANENT;
	ndm->ndm_flags = NTF_PROXY;
	mnl_attr_put(h, NDA_DST, sizeof(a), &a);
	if (type == RTM_NEWNEIGH)
		mnl_attr_put_u8(h, NDA_PROTOCOL, NL_RTPROT_HPPTPD);
	return h;
}

int
nl_proxy_add(struct nl *nl, unsigned ifindex, struct in_addr client)
{
	if (ifindex == 0 || client.s_addr == INADDR_ANY)
		return HP_E_RANGE;
	return nl_talk(nl, neigh_req(nl, RTM_NEWNEIGH, NLM_F_CREATE |
	    NLM_F_EXCL, ifindex, client), NULL, NULL);
}

int
nl_proxy_del(struct nl *nl, unsigned ifindex, struct in_addr client)
{
	if (ifindex == 0 || client.s_addr == INADDR_ANY)
		return HP_E_RANGE;
	return nl_talk(nl, neigh_req(nl, RTM_DELNEIGH, 0, ifindex, client),
	    NULL, NULL);
}

struct neigh_ent {
	unsigned	 index;
	struct in_addr	 dst;
};

struct neigh_q {
	unsigned	 index;		/* 0 = any */
	struct in_addr	 dst;
	bool		 want_dst;	/* else: our protocol only */
	unsigned	 count;
	struct neigh_ent found[NL_STALE_BATCH];
	unsigned	 nfound;
};

struct neigh_attrs {
	struct in_addr	 dst;
	bool		 has_dst;
	uint8_t		 proto;
};

static int
neigh_attr(const struct nlattr *a, void *arg)
{
	struct neigh_attrs *na = arg;

	if (mnl_attr_get_type(a) == NDA_DST &&
	    mnl_attr_get_payload_len(a) == sizeof(na->dst)) {
		memcpy(&na->dst, mnl_attr_get_payload(a), sizeof(na->dst));
		na->has_dst = true;
	} else if (mnl_attr_get_type(a) == NDA_PROTOCOL &&
	    mnl_attr_validate(a, MNL_TYPE_U8) == 0)
		na->proto = mnl_attr_get_u8(a);
	return MNL_CB_OK;
}

static int
neigh_cb(const struct nlmsghdr *h, void *arg)
{
	struct neigh_q	*q = arg;
	const struct ndmsg *ndm;
	struct neigh_attrs na;

	if (h->nlmsg_type != RTM_NEWNEIGH ||
	    h->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)))
		return HP_OK;
	ndm = mnl_nlmsg_get_payload(h);
	if (ndm->ndm_family != AF_INET || !(ndm->ndm_flags & NTF_PROXY))
		return HP_OK;
	memset(&na, 0, sizeof(na));
	(void)mnl_attr_parse(h, sizeof(*ndm), neigh_attr, &na);
	if (!na.has_dst)
		return HP_OK;
	if (q->index != 0 && (unsigned)ndm->ndm_ifindex != q->index)
		return HP_OK;
	if (q->want_dst ? na.dst.s_addr != q->dst.s_addr :
	    na.proto != NL_RTPROT_HPPTPD)
		return HP_OK;
	q->count++;
	if (q->nfound < NL_STALE_BATCH) {
		q->found[q->nfound].index = (unsigned)ndm->ndm_ifindex;
		q->found[q->nfound].dst = na.dst;
		q->nfound++;
	}
	return HP_OK;
}

static int
neigh_dump(struct nl *nl, struct neigh_q *q)
{
	struct nlmsghdr	*h;
	struct ndmsg	*ndm;

	q->count = q->nfound = 0;
	h = nl_req(nl, RTM_GETNEIGH, NLM_F_DUMP);
	ndm = mnl_nlmsg_put_extra_header(h, sizeof(*ndm));
	ndm->ndm_family = AF_INET;
	ndm->ndm_flags = NTF_PROXY;		/* the proxy table */
	return nl_talk(nl, h, neigh_cb, q);
}

int
nl_proxy_exists(struct nl *nl, unsigned ifindex, struct in_addr client,
    bool *exists)
{
	struct neigh_q	*q;
	int		 r;

	*exists = false;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return HP_E_NOMEM;
	q->index = ifindex;
	q->dst = client;
	q->want_dst = true;
	if ((r = neigh_dump(nl, q)) == HP_OK)
		*exists = q->count > 0;
	free(q);
	return r;
}

int
nl_proxy_flush_stale(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct neigh_q	*q;
	unsigned	 i, pass;
	int		 r = HP_OK;

	*n = 0;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return HP_E_NOMEM;
	q->index = ifindex;
	for (pass = 0; pass < 1024; pass++) {
		if ((r = neigh_dump(nl, q)) != HP_OK || q->nfound == 0)
			break;
		for (i = 0; i < q->nfound; i++) {
			r = nl_proxy_del(nl, q->found[i].index,
			    q->found[i].dst);
			if (r == HP_E_NOTFOUND)
				r = HP_OK;
			if (r != HP_OK)
				goto out;
			(*n)++;
		}
	}
out:
	free(q);
	return r;
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
