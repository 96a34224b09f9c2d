/*
 * hpptpd master: proxy ARP over rtnetlink (see netlink.h): which LAN
 * interface a client's address belongs on, and the proxy neighbour
 * entries that answer ARP for it there.  Entries hpptpd adds carry
 * NDA_PROTOCOL NL_RTPROT_HPPTPD, so a flush removes only those.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "common/clock.h"
#include "common/err.h"
#include "master/netlink.h"
#include "master/netlink_local.h"

static struct nlmsghdr *neigh_req(struct nl *, uint16_t, uint16_t, unsigned,
		    struct in_addr);
static void	neigh_ask(void *);
static bool	neigh_head(const void *, struct nl_ent *);
static int	neigh_attr(const struct nlattr *, void *);
static int	neigh_del_ent(struct nl *, const struct nl_ent *);
static int	lan_fn(const struct nl_ent *, void *);

/* Proxy entries, ours or not: ifindex, dst (a host: plen 32). */
static const struct nl_kind neigh_kind = {
	.get = RTM_GETNEIGH,
	.answer = RTM_NEWNEIGH,
	.family = AF_INET,
	.hdrlen = sizeof(struct ndmsg),
	.ask = neigh_ask,
	.head = neigh_head,
	.attr = neigh_attr,
	.del = neigh_del_ent,
};

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

/* The dump asks for the proxy table, not the neighbour cache. */
static void
neigh_ask(void *hdr)
{
	struct ndmsg	*ndm = hdr;

	ndm->ndm_flags = NTF_PROXY;
}

static bool
neigh_head(const void *hdr, struct nl_ent *e)
{
	const struct ndmsg *ndm = hdr;

	e->ifindex = (unsigned)ndm->ndm_ifindex;
	e->plen = 32;
	return (ndm->ndm_flags & NTF_PROXY) != 0;
}

static int
neigh_attr(const struct nlattr *a, void *arg)
{
	struct nl_ent	*e = arg;

	if (mnl_attr_get_type(a) == NDA_DST &&
	    mnl_attr_get_payload_len(a) == sizeof(e->dst)) {
		memcpy(&e->dst, mnl_attr_get_payload(a), sizeof(e->dst));
		e->has_dst = true;
	} else if (mnl_attr_get_type(a) == NDA_PROTOCOL &&
	    mnl_attr_validate(a, MNL_TYPE_U8) == 0)
		e->proto = mnl_attr_get_u8(a);
	return MNL_CB_OK;
}

static int
neigh_del_ent(struct nl *nl, const struct nl_ent *e)
{
	return nl_proxy_del(nl, e->ifindex, e->dst);
}

int
nl_proxy_exists(struct nl *nl, unsigned ifindex, struct in_addr client,
    bool *exists)
{
	return nl_table_has(nl, &neigh_kind, ifindex, client, exists);
}

int
nl_proxy_flush_stale(struct nl *nl, unsigned ifindex, unsigned *n)
{
	struct nl_match	 m = { ifindex, false, { INADDR_ANY } };

	return nl_table(nl, &neigh_kind, &m, NL_FLUSH, n);
}

/* ---- the LAN a client's address is on ------------------------------ */

struct lan_q {
	uint32_t	 client;	/* host order */
	unsigned	 exclude;
	unsigned	 best_index;
	int		 best_plen;
};

static int
lan_fn(const struct nl_ent *e, void *arg)
{
	struct lan_q	*q = arg;
	uint32_t	 mask, local = ntohl(e->dst.s_addr);

	/* A /32 (the tun's own address) or /31 holds no LAN. */
	if (e->ifindex == q->exclude || e->plen == 0 || e->plen >= 31)
		return HP_OK;
	mask = 0xffffffffU << (32 - e->plen);
	if ((local & mask) != (q->client & mask) || local == q->client)
		return HP_OK;
	/* Network and broadcast addresses are not a host's. */
	if ((q->client & ~mask) == 0 || (q->client & ~mask) == ~mask)
		return HP_OK;
	if ((int)e->plen > q->best_plen) {
		q->best_plen = (int)e->plen;
		q->best_index = e->ifindex;
	}
	return HP_OK;
}

/*
 * The box's IPv4 addresses, kept for NL_ADDRS_MS: every login with
 * proxyarp (the default) asked the kernel for all of them, a dump of a
 * request and two reads, a third of master's system calls per login
 * (issue 18, set-up cost).  An address added or removed counts for
 * logins within NL_ADDRS_MS; a box with more than NL_ADDRS_MAX
 * addresses is asked each time.
 */
static int
addr_keep(const struct nl_ent *e, void *arg)
{
	struct nl	*nl = arg;

	if (nl->naddrs == NL_ADDRS_MAX)
		return HP_E_NOMEM;
	nl->addrs[nl->naddrs++] = *e;
	return HP_OK;
}

static bool
addrs_fresh(struct nl *nl)
{
	uint64_t	 now = now_ms();

	if (nl->addrs_at != 0 && now - nl->addrs_at < NL_ADDRS_MS)
		return true;
	nl->addrs_at = 0;
	nl->naddrs = 0;
	if (nl->addrs == NULL &&
	    (nl->addrs = calloc(NL_ADDRS_MAX, sizeof(*nl->addrs))) == NULL)
		return false;
	if (nl_dump(nl, &nl_kind_addr, addr_keep, nl) != HP_OK)
		return false;
	nl->addrs_at = now != 0 ? now : 1;
	return true;
}

int
nl_proxy_find_if(struct nl *nl, struct in_addr client, unsigned exclude,
    unsigned *ifindex)
{
	struct lan_q	 q = { ntohl(client.s_addr), exclude, 0, -1 };
	unsigned	 i;
	int		 r;

	*ifindex = 0;
	if (addrs_fresh(nl)) {
		for (i = 0; i < nl->naddrs; i++)
			(void)lan_fn(&nl->addrs[i], &q);
	} else if ((r = nl_dump(nl, &nl_kind_addr, lan_fn, &q)) != HP_OK)
		return r;
	if (q.best_plen < 0)
		return HP_E_NOTFOUND;
	*ifindex = q.best_index;
	return HP_OK;
}

