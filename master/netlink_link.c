/*
 * hpptpd master: the tun device, links and IPv4 addresses over
 * rtnetlink (see netlink.h).  The address table is also a kind for
 * nl_dump (nl_kind_addr): nl_addr_exists walks it here, and the proxy
 * ARP interface search in netlink_neigh.c.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "master/netlink.h"
#include "master/netlink_local.h"

struct link_info;

static bool	ifname_ok(const char *);
static int	link_attr(const struct nlattr *, void *);
static int	link_cb(const struct nlmsghdr *, void *);
static int	link_query(struct nl *, unsigned, const char *,
		    struct link_info *);
static struct nlmsghdr *addr_req(struct nl *, uint16_t, uint16_t, unsigned,
		    struct in_addr);
static bool	addr_head(const void *, struct nl_ent *);
static int	addr_attr(const struct nlattr *, void *);
static bool	addr_tail(struct nl_ent *);
static int	addr_exists_fn(const struct nl_ent *, void *);

/* IPv4 addresses: ifindex, prefix length, local address. */
const struct nl_kind nl_kind_addr = {
	.get = RTM_GETADDR,
	.answer = RTM_NEWADDR,
	.family = AF_INET,
	.hdrlen = sizeof(struct ifaddrmsg),
	.head = addr_head,
	.attr = addr_attr,
	.tail = addr_tail,
};

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

/*
 * The offloads, most first: what the kernel refuses (an old kernel
 * without TSO6, a build without the flags) costs only speed, never the
 * device.  Without TUN_F_CSUM the others are refused anyway.
 */
static const struct {
	unsigned int	 flags;
	const char	*what;
} tun_offloads[] = {
	{ TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6, "checksum, TSO4, TSO6" },
	{ TUN_F_CSUM | TUN_F_TSO4, "checksum, TSO4" },
	{ TUN_F_CSUM, "checksum" },
};

/* The offloads the kernel takes, most first; false if none. */
static bool
tun_offload(int fd, const char *name)
{
	size_t	 i;
	int	 sz = TUN_VNET_HDR_LEN, e = 0;

	if (ioctl(fd, TUNSETVNETHDRSZ, &sz) == -1) {
		log_warn("tun %s: TUNSETVNETHDRSZ", name);
		return false;
	}
	for (i = 0; i < sizeof(tun_offloads) / sizeof(tun_offloads[0]); i++) {
		if (ioctl(fd, TUNSETOFFLOAD,
		    (unsigned long)tun_offloads[i].flags) == 0) {
			log_info("tun %s: offloads %s", name,
			    tun_offloads[i].what);
			return true;
		}
		e = errno;
	}
	log_info("tun %s: the kernel refused offloads (%s): a packet per "
	    "read", name, strerror(e));
	return false;
}

/*
 * A new tun device `name`, with a virtio-net header or without; -1
 * and errno if TUNSETIFF fails.  IFF_TUN_EXCL: never one that exists
 * (a persistent tun of the same name keeps its own header size and
 * offloads, which gre would then misread).
 */
static int
tun_create(const char *name, bool vnet, struct ifreq *ifr)
{
	int	 fd, e;

	if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) ==
	    -1)
		return -1;
	memset(ifr, 0, sizeof(*ifr));
	ifr->ifr_flags = IFF_TUN | IFF_NO_PI | IFF_TUN_EXCL |
	    (vnet ? IFF_VNET_HDR : 0);
	memcpy(ifr->ifr_name, name, strlen(name));
	if (ioctl(fd, TUNSETIFF, ifr) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
nl_tun_open(const char *name, bool offload, char *ifname, int *fdp,
    bool *vnet)
{
	struct ifreq	 ifr;
	int		 fd = -1, e;

	*fdp = -1;
	*vnet = false;
	if (ifname != NULL)
		ifname[0] = '\0';
	if (!ifname_ok(name))
		return HP_E_RANGE;
	if (offload) {
		if ((fd = tun_create(name, true, &ifr)) == -1 &&
		    errno == EINVAL)
			log_info("tun %s: the kernel refused IFF_VNET_HDR: "
			    "no offloads", name);
		else if (fd == -1)
			goto fail;
		else if (tun_offload(fd, ifr.ifr_name))
			*vnet = true;
		else {
			/* no offload: no header to pay for either */
			close(fd);
			fd = -1;
		}
	}
	if (fd == -1 && (fd = tun_create(name, false, &ifr)) == -1)
		goto fail;
	if (ifname != NULL)
		snprintf(ifname, IFNAMSIZ, "%.*s", IFNAMSIZ - 1, ifr.ifr_name);
	*fdp = fd;
	return HP_OK;
fail:
	e = errno;
	log_warn("tun %s", name);
	return nl_errno(e == EBUSY ? EEXIST : e);
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

/* One link by index or, when ifname is set, by name. */
static int
link_query(struct nl *nl, unsigned ifindex, const char *ifname,
    struct link_info *li)
{
	struct nlmsghdr	*h;
	struct ifinfomsg *ifi;
	int		 r;

	memset(li, 0, sizeof(*li));
	h = nl_req(nl, RTM_GETLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(h, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	if (ifname != NULL)
		mnl_attr_put_strz(h, IFLA_IFNAME, ifname);
	if ((r = nl_talk(nl, h, link_cb, li)) != HP_OK)
		return r;
	return li->found ? HP_OK : HP_E_NOTFOUND;
}

int
nl_ifindex(struct nl *nl, const char *ifname, unsigned *ifindex)
{
	struct link_info li;
	int		 r;

	*ifindex = 0;
	if (!ifname_ok(ifname))
		return HP_E_RANGE;
	if ((r = link_query(nl, 0, ifname, &li)) != HP_OK)
		return r;
	*ifindex = li.index;
	return HP_OK;
}

int
nl_link_get(struct nl *nl, unsigned ifindex, unsigned *mtu, bool *up)
{
	struct link_info li;
	int		 r;

	*mtu = 0;
	*up = false;
	if ((r = link_query(nl, ifindex, NULL, &li)) != HP_OK)
		return r;
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

static bool
addr_head(const void *hdr, struct nl_ent *e)
{
	const struct ifaddrmsg *ifa = hdr;

	e->ifindex = ifa->ifa_index;
	e->plen = ifa->ifa_prefixlen;
	return true;
}

static int
addr_attr(const struct nlattr *a, void *arg)
{
	struct nl_ent	*e = arg;

	if (mnl_attr_get_payload_len(a) != sizeof(struct in_addr))
		return MNL_CB_OK;
	if (mnl_attr_get_type(a) == IFA_LOCAL) {
		memcpy(&e->dst, mnl_attr_get_payload(a), sizeof(e->dst));
		e->has_dst = true;
	} else if (mnl_attr_get_type(a) == IFA_ADDRESS) {
		memcpy(&e->address, mnl_attr_get_payload(a),
		    sizeof(e->address));
		e->has_address = true;
	}
	return MNL_CB_OK;
}

/* Without IFA_LOCAL (not point-to-point), IFA_ADDRESS is the local one. */
static bool
addr_tail(struct nl_ent *e)
{
	if (!e->has_dst) {
		e->dst = e->address;
		e->has_dst = e->has_address;
	}
	return true;
}

struct addr_q {
	unsigned	 index;
	struct in_addr	 a;
	unsigned	 plen;
	bool		 found;
};

static int
addr_exists_fn(const struct nl_ent *e, void *arg)
{
	struct addr_q	*q = arg;

	if (e->ifindex == q->index && e->plen == q->plen &&
	    e->dst.s_addr == q->a.s_addr)
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
	if ((r = nl_dump(nl, &nl_kind_addr, addr_exists_fn, &q)) != HP_OK)
		return r;
	*exists = q.found;
	return HP_OK;
}
