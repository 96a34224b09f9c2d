/*
 * hpptpd master: what the netlink module's files share (netlink.c: the
 * socket, one request at a time, and the table walker; netlink_link.c:
 * tun, links, addresses; netlink_route.c: host routes, forwarding;
 * netlink_neigh.c: proxy ARP entries).
 *
 * A dump of a kernel table (addresses, routes, neighbours) is driven by
 * a struct nl_kind: which request asks for it, which family header each
 * answer carries, and three small callbacks that read that header and
 * its attributes into one struct nl_ent.  nl_dump() walks any kind with
 * a visitor; nl_table() counts, or deletes, the entries of a kind that
 * match a struct nl_match, so exists/count/flush are written once.
 */
#ifndef HP_MASTER_NETLINK_LOCAL_H
#define HP_MASTER_NETLINK_LOCAL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

#include "master/netlink.h"

#define NL_BUFSZ	32768	/* MNL_SOCKET_DUMP_SIZE */

struct nl_ent;

/* nl_proxy_find_if: the addresses, asked again after this (ms) */
#define NL_ADDRS_MS	1000
#define NL_ADDRS_MAX	256

struct nl {
	struct mnl_socket	*sock;
	unsigned		 portid;
	unsigned		 seq;
	char			 errmsg[NL_ERRMSG_MAX];
	uint8_t			 buf[NL_BUFSZ];
	/* nl_proxy_find_if's copy of the box's IPv4 addresses */
	struct nl_ent		*addrs;		/* [NL_ADDRS_MAX] */
	unsigned		 naddrs;
	uint64_t		 addrs_at;	/* dumped then; 0: none */
};

typedef int (*nl_cb)(const struct nlmsghdr *, void *);

/* One table entry as the walkers see it; the kinds fill what they have. */
struct nl_ent {
	unsigned	 ifindex;	/* RTA_OIF, ndm_ifindex, ifa_index */
	struct in_addr	 dst;		/* RTA_DST, NDA_DST, IFA_LOCAL */
	bool		 has_dst;
	unsigned	 plen;		/* rtm_dst_len, ifa_prefixlen; 32 */
	uint8_t		 proto;		/* rtm_protocol, NDA_PROTOCOL */
	uint32_t	 table;		/* rtm_table, RTA_TABLE */
	struct in_addr	 address;	/* IFA_ADDRESS (the peer's on p2p) */
	bool		 has_address;
	struct in6_addr	 dst6;		/* RTA_DST of an AF_INET6 route */
};

/*
 * A kind of table entry.  The family header of every kind starts with
 * its family byte (rtm_family, ndm_family, ifa_family): nl_dump sets
 * and checks it, so the callbacks see only entries of `family`.
 */
struct nl_kind {
	uint16_t	 get;		/* RTM_GET*, sent with NLM_F_DUMP */
	uint16_t	 answer;	/* RTM_NEW*: the type of each entry */
	uint8_t		 family;
	size_t		 hdrlen;	/* sizeof the family header */
	/* The dump request's header beyond the family; may be NULL. */
	void		(*ask)(void *hdr);
	/* The answer's header into e; false: not an entry to look at. */
	bool		(*head)(const void *hdr, struct nl_ent *e);
	/* One attribute into the struct nl_ent passed as data. */
	mnl_attr_cb_t	 attr;
	/* After the attributes; false: skip the entry.  May be NULL. */
	bool		(*tail)(struct nl_ent *e);
	/* Delete one entry (nl_table's NL_FLUSH); NULL if never flushed. */
	int		(*del)(struct nl *, const struct nl_ent *);
};

/* Which entries nl_table looks at. */
struct nl_match {
	unsigned	 ifindex;	/* 0: on any interface */
	bool		 want_dst;	/* the host entry dst/32; else every
					   entry of our protocol */
	struct in_addr	 dst;
};

enum nl_op {
	NL_COUNT,	/* *n: how many match */
	NL_FLUSH,	/* delete them; *n: how many were deleted */
};

/* netlink.c */
int	nl_errno(int);
/* A request in nl->buf: header only, NLM_F_REQUEST | flags. */
struct nlmsghdr *nl_req(struct nl *, uint16_t type, uint16_t flags);
/* Send it and wait for the ACK or the end of the dump (see netlink.c). */
int	nl_talk(struct nl *, struct nlmsghdr *, nl_cb, void *);
/* Visit every entry of a kind; fn's non-HP_OK result stops the walk. */
int	nl_dump(struct nl *, const struct nl_kind *,
	    int (*fn)(const struct nl_ent *, void *), void *);
int	nl_table(struct nl *, const struct nl_kind *, const struct nl_match *,
	    enum nl_op, unsigned *n);
/* Whether the host entry dst/32 is there (on ifindex; 0: any). */
int	nl_table_has(struct nl *, const struct nl_kind *, unsigned ifindex,
	    struct in_addr dst, bool *exists);

/* netlink_route.c: the route kinds' callbacks (IPv4 and IPv6). */
bool	nl_route_head(const void *, struct nl_ent *);
int	nl_route_attr(const struct nlattr *, void *);
bool	nl_route_tail(struct nl_ent *);

/* netlink_link.c: the kind neighbours' interface search walks. */
extern const struct nl_kind nl_kind_addr;

#endif /* HP_MASTER_NETLINK_LOCAL_H */
