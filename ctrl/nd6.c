/*
 * hpptpd ctrl: Router Solicitation in, Router Advertisement out (see
 * nd6.h).  The decoder reads through common/rd.h only; the checksum
 * runs over the bytes the payload length covers, which the decoder has
 * checked lie inside the packet.
 */
#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "common/rd.h"
#include "ctrl/nd6.h"

#define IP6_HDR			40
#define IPPROTO_ICMPV6_		58
#define ICMP6_HDR		8	/* type, code, checksum, 4 more */
#define ND6_PI_FLAG_L		0x80	/* on-link */
#define ND6_PI_FLAG_A		0x40	/* autonomous: use it for SLAAC */
#define ND6_PLEN		64
#define ND6_RA_FLAG_O		0x40	/* other configuration: DHCPv6 */

static void	nd6_put_rdnss(struct wr *, const struct nd6_ra_conf *);
static void	nd6_put_rio(struct wr *, const uint8_t[16], uint8_t);

static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 0x01 };

static bool
addr_unspec(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return memcmp(a, zero, 16) == 0;
}

static bool
addr_linklocal(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

uint16_t
nd6_icmp6_csum(const uint8_t *pkt, size_t len)
{
	return nd6_ulp_csum(pkt, len, IPPROTO_ICMPV6_);
}

/* One's-complement sum over the pseudo-header and the payload. */
uint16_t
nd6_ulp_csum(const uint8_t *pkt, size_t len, uint8_t nh)
{
	uint32_t sum;
	size_t plen;

	if (len < IP6_HDR)
		return 0xffff;
	plen = (size_t)(pkt[4] << 8 | pkt[5]);
	if (plen > len - IP6_HDR)
		return 0xffff;
	sum = inet_csum_add(0, pkt + 8, 32);	/* source and destination */
	sum += (uint32_t)plen + nh;
	return inet_csum_fold(inet_csum_add(sum, pkt + IP6_HDR, plen));
}

int
nd6_parse_rs(const uint8_t *pkt, size_t len, struct nd6_rs *rs)
{
	struct rd r, m;
	uint8_t vtc, nh, hops, type, code, otype, olen;
	uint16_t plen;
	int rv;

	memset(rs, 0, sizeof(*rs));
	rd_init(&r, pkt, len);
	if (rd_u8(&r, &vtc) != HP_OK || rd_skip(&r, 3) != HP_OK ||
	    rd_u16(&r, &plen) != HP_OK || rd_u8(&r, &nh) != HP_OK ||
	    rd_u8(&r, &hops) != HP_OK || rd_bytes(&r, rs->src, 16) != HP_OK ||
	    rd_skip(&r, 16) != HP_OK)
		return HP_E_SHORT;
	if ((vtc >> 4) != 6)
		return HP_E_FORMAT;
	if (plen > r.left)
		return HP_E_BADLEN;
	if (nh != IPPROTO_ICMPV6_)
		return HP_E_UNSUPP;
	/* a router on the link sees 255; anything less was forwarded */
	if (hops != ND6_HOPLIMIT)
		return HP_E_FORMAT;
	if (!addr_unspec(rs->src) && !addr_linklocal(rs->src))
		return HP_E_FORMAT;
	if ((rv = rd_sub(&r, plen, &m)) != HP_OK)
		return rv;
	if (m.left < ICMP6_HDR)
		return HP_E_SHORT;
	(void)rd_u8(&m, &type);
	(void)rd_u8(&m, &code);
	if (type != ND6_RS)
		return HP_E_UNSUPP;
	if (code != 0)
		return HP_E_FORMAT;
	if (nd6_icmp6_csum(pkt, len) != 0)
		return HP_E_FORMAT;
	(void)rd_skip(&m, 6);			/* checksum, reserved */
	/* options: type, length in units of 8 bytes (never 0) */
	while (m.left > 0) {
		if (rd_u8(&m, &otype) != HP_OK || rd_u8(&m, &olen) != HP_OK)
			return HP_E_SHORT;
		if (olen == 0)
			return HP_E_FORMAT;
		if ((size_t)olen * 8 - 2 > m.left)
			return HP_E_BADLEN;
		if (otype == ND6_OPT_SLLA && addr_unspec(rs->src))
			return HP_E_FORMAT;
		(void)rd_skip(&m, (size_t)olen * 8 - 2);
	}
	return HP_OK;
}

/* Recursive DNS Server (RFC 8106 5.1): length 1 + 2 per address. */
static void
nd6_put_rdnss(struct wr *w, const struct nd6_ra_conf *c)
{
	unsigned i;

	if (c->ndns == 0)
		return;
	wr_u8(w, ND6_OPT_RDNSS);
	wr_u8(w, (uint8_t)(1 + 2 * c->ndns));
	wr_u16(w, 0);
	wr_u32(w, ND6_DNS_LIFETIME);
	for (i = 0; i < c->ndns; i++)
		wr_bytes(w, c->dns[i], 16);
}

/*
 * Route Information (RFC 4191 2.3): length 1, 2 or 3 as the prefix
 * needs 0, 8 or 16 bytes; medium preference.
 */
static void
nd6_put_rio(struct wr *w, const uint8_t prefix[16], uint8_t plen)
{
	size_t n = plen == 0 ? 0 : plen <= 64 ? 8 : 16;

	wr_u8(w, ND6_OPT_RIO);
	wr_u8(w, (uint8_t)(1 + n / 8));
	wr_u8(w, plen);
	wr_u8(w, 0);				/* Prf 00: medium */
	wr_u32(w, ND6_ROUTE_LIFETIME);
	wr_bytes(w, prefix, n);
}

int
nd6_build_ra(const struct nd6_ra_conf *c, const uint8_t dst[16],
    uint8_t *out, size_t cap, size_t *outlen)
{
	struct wr w;
	uint16_t csum;
	size_t plen;
	unsigned i;

	*outlen = 0;
	wr_init(&w, out, cap);
	/* IPv6 header; payload length patched below */
	wr_u32(&w, 0x60000000u);
	wr_u16(&w, 0);
	wr_u8(&w, IPPROTO_ICMPV6_);
	wr_u8(&w, ND6_HOPLIMIT);
	wr_u16(&w, 0xfe80);
	wr_zero(&w, 6);
	wr_bytes(&w, c->ours, 8);
	wr_bytes(&w, dst != NULL ? dst : all_nodes, 16);
	/* Router Advertisement (RFC 4861 4.2) */
	wr_u8(&w, ND6_RA);
	wr_u8(&w, 0);
	wr_u16(&w, 0);				/* checksum, below */
	wr_u8(&w, 64);				/* Cur Hop Limit */
	/* M never (no stateful DHCPv6); O when DHCPv6 has DNS to tell */
	wr_u8(&w, c->other_config ? ND6_RA_FLAG_O : 0);
	wr_u16(&w, c->router_lifetime);
	wr_u32(&w, 0);				/* Reachable Time: unspec. */
	wr_u32(&w, 0);				/* Retrans Timer: unspec. */
	/* Prefix Information (4.6.2) */
	wr_u8(&w, ND6_OPT_PREFIX);
	wr_u8(&w, 4);
	wr_u8(&w, ND6_PLEN);
	wr_u8(&w, ND6_PI_FLAG_L | ND6_PI_FLAG_A);
	wr_u32(&w, ND6_VALID_LIFETIME);
	wr_u32(&w, ND6_PREFERRED_LIFETIME);
	wr_u32(&w, 0);
	wr_bytes(&w, c->prefix, 8);
	wr_zero(&w, 8);
	/* MTU (4.6.4) */
	if (c->mtu != 0) {
		wr_u8(&w, ND6_OPT_MTU);
		wr_u8(&w, 1);
		wr_u16(&w, 0);
		wr_u32(&w, c->mtu);
	}
	if (c->ndns > ND6_DNS_MAX || c->nroutes > ND6_ROUTES_MAX)
		return HP_E_RANGE;
	nd6_put_rdnss(&w, c);
	for (i = 0; i < c->nroutes; i++)
		nd6_put_rio(&w, c->routes[i].prefix, c->routes[i].plen);
	if (w.err != HP_OK)
		return HP_E_LONG;
	plen = w.len - IP6_HDR;
	wr_put_u16_at(&w, 4, (uint16_t)plen);
	csum = nd6_icmp6_csum(out, w.len);
	wr_put_u16_at(&w, IP6_HDR + 2, csum);
	*outlen = w.len;
	return HP_OK;
}
