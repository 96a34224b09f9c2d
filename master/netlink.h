/*
 * hpptpd master: interfaces, addresses, routes and proxy ARP over
 * rtnetlink (libmnl).  No `ip` commands, no shell.
 *
 * Every change is one synchronous request that waits for the kernel's
 * ACK (or error, with the kernel's extended-ACK text in nl_errmsg())
 * for at most the timeout given to nl_open(); a timeout is HP_E_SYS
 * with errno ETIMEDOUT.  Errors: HP_E_DUP (EEXIST), HP_E_NOTFOUND
 * (ENOENT, ESRCH, ENODEV, EADDRNOTAVAIL), HP_E_RANGE (bad argument),
 * HP_E_SYS (anything else; errno says what).
 *
 * Routes and proxy neighbour entries hpptpd adds carry the protocol
 * number NL_RTPROT_HPPTPD, so what a crashed earlier run left behind is
 * found and removed at start (nl_routes_flush_stale,
 * nl_proxy_flush_stale) without touching anything else.
 * Addresses are struct in_addr (network byte order).
 */
#ifndef HP_MASTER_NETLINK_H
#define HP_MASTER_NETLINK_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#define NL_RTPROT_HPPTPD	0x7a	/* rtm_protocol / NDA_PROTOCOL */
#define NL_TIMEOUT_DEFAULT_MS	2000
#define NL_ERRMSG_MAX		128

struct nl;

int	nl_open(struct nl **, unsigned timeout_ms);
void	nl_close(struct nl *);
/*
 * The process's one kept socket (NL_TIMEOUT_DEFAULT_MS), opened on first
 * use: NULL if it cannot be.  Never nl_close() it; nl_shared_close()
 * does, at shutdown.
 */
struct nl *nl_shared(void);
void	nl_shared_close(void);
/* The kernel's extended-ACK message for the last failure, or "". */
const char *nl_errmsg(const struct nl *);

/*
 * Create tun device `name` (IFF_TUN | IFF_NO_PI, not persistent: it
 * goes away with the last fd).  The fd is O_NONBLOCK | O_CLOEXEC;
 * ifname (IFNAMSIZ bytes) gets the kernel's name for it.  With
 * offload, ask for IFF_VNET_HDR and TSO (TUNSETOFFLOAD: checksum,
 * TSO4, TSO6), falling back to less, then to none, when the kernel
 * refuses; *vnet says whether every read and write of the fd carries
 * a virtio-net header (gre/tso.h).
 */
int	nl_tun_open(const char *name, bool offload, char *ifname, int *fdp,
	    bool *vnet);

int	nl_ifindex(struct nl *, const char *ifname, unsigned *ifindex);
/* Set the MTU (0: leave it) and bring the link up. */
int	nl_link_up(struct nl *, unsigned ifindex, unsigned mtu);
int	nl_link_get(struct nl *, unsigned ifindex, unsigned *mtu, bool *up);

/* The local address as a /32 on the interface (replaced if present). */
int	nl_addr_add(struct nl *, unsigned ifindex, struct in_addr local);
int	nl_addr_del(struct nl *, unsigned ifindex, struct in_addr local);
int	nl_addr_exists(struct nl *, unsigned ifindex, struct in_addr,
	    unsigned prefixlen, bool *exists);

/* Host route dst/32 via the interface, main table, our protocol. */
int	nl_route_add(struct nl *, unsigned ifindex, struct in_addr dst);
int	nl_route_del(struct nl *, unsigned ifindex, struct in_addr dst);
/* The same for dst/plen (1..32): a RADIUS Framed-Route. */
int	nl_prefix_add(struct nl *, unsigned ifindex, struct in_addr dst,
	    unsigned plen);
int	nl_prefix_del(struct nl *, unsigned ifindex, struct in_addr dst,
	    unsigned plen);
int	nl_route_exists(struct nl *, unsigned ifindex, struct in_addr dst,
	    bool *exists);
/* Routes of our protocol on ifindex (0: any interface). */
int	nl_route_count(struct nl *, unsigned ifindex, unsigned *n);
int	nl_routes_flush_stale(struct nl *, unsigned ifindex, unsigned *n);

/*
 * IPv6 routes dst/plen via the interface (netlink_route6.c): a session's
 * /64 and, where needed, its peer's link-local /128; same table and
 * protocol as the IPv4 ones.
 */
int	nl_route6_add(struct nl *, unsigned ifindex, const struct in6_addr *,
	    unsigned plen);
int	nl_route6_del(struct nl *, unsigned ifindex, const struct in6_addr *,
	    unsigned plen);
/* The server's IPv6 address on the tun: a /128, no DAD, no route. */
int	nl_addr6_add(struct nl *, unsigned ifindex, const struct in6_addr *);
/* Our IPv6 routes on ifindex (0: any), counted or removed. */
int	nl_route6_count(struct nl *, unsigned ifindex, unsigned *n);
int	nl_routes6_flush_stale(struct nl *, unsigned ifindex, unsigned *n);

/*
 * Proxy ARP.  nl_proxy_find_if finds the interface (not `exclude`,
 * typically the tun) with an IPv4 subnet containing client, longest
 * prefix first; HP_E_NOTFOUND if the client is on no LAN subnet.
 */
int	nl_proxy_find_if(struct nl *, struct in_addr client,
	    unsigned exclude, unsigned *ifindex);
/* Adding an entry that exists succeeds (the kernel has no EEXIST here). */
int	nl_proxy_add(struct nl *, unsigned ifindex, struct in_addr client);
int	nl_proxy_del(struct nl *, unsigned ifindex, struct in_addr client);
int	nl_proxy_exists(struct nl *, unsigned ifindex, struct in_addr client,
	    bool *exists);
/* Proxy entries with our protocol on ifindex (0: any). */
int	nl_proxy_flush_stale(struct nl *, unsigned ifindex, unsigned *n);

/* /proc/sys/net/ipv4/ip_forward. */
int	nl_ip_forward_set(bool on);
int	nl_ip_forward_get(bool *on);

#endif /* HP_MASTER_NETLINK_H */
