/*
 * hpptpd ctrl: DHCPINFORM -> DHCPACK.
 *
 * Decode: IPv4 header (version, IHL, total length, header checksum, no
 * fragments, UDP), UDP (ports 68 -> 67, length, checksum when not zero),
 * BOOTP fixed part, magic cookie, options walked with bounds.  Encode:
 * one DHCPACK from our tunnel address to the session's address.
 */
#include <netinet/in.h>

#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "common/rd.h"
#include "ctrl/dhcp.h"

#define IP_HDR_MIN	20
#define UDP_HDR		8
#define BOOTP_FIXED	236	/* op .. file, without the cookie */
#define DHCP_COOKIE	0x63825363u
#define PORT_SERVER	67
#define PORT_CLIENT	68

static uint32_t	udp_pseudo(uint32_t, uint32_t, uint16_t);
static void	put_long_opt(struct wr *, uint8_t, const uint8_t *, size_t);

static uint32_t
udp_pseudo(uint32_t src, uint32_t dst, uint16_t ulen)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
	    IPPROTO_UDP + ulen;
}

int
dhcp_parse_inform(const uint8_t *pkt, size_t len, struct dhcp_inform *in)
{
	struct rd r, ip, opts;
	uint8_t vihl, proto, op = 0, mtype = 0, code, olen;
	uint16_t totlen, frag, sport, dport, ulen, ucsum;
	uint32_t src, dst, cookie = 0;
	size_t ihl;
	bool have_type = false;
	int rv;

	memset(in, 0, sizeof(*in));
	rd_init(&r, pkt, len);
	if (rd_u8(&r, &vihl) != HP_OK)
		return HP_E_SHORT;
	ihl = (size_t)(vihl & 0x0f) * 4;
	if ((vihl >> 4) != 4 || ihl < IP_HDR_MIN)
		return HP_E_FORMAT;
	rd_init(&r, pkt, len);
	if (rd_skip(&r, 2) != HP_OK || rd_u16(&r, &totlen) != HP_OK)
		return HP_E_SHORT;
	/* Total length bounds the packet; bytes after it are padding. */
	if (totlen < ihl + UDP_HDR || totlen > len || ihl > len)
		return HP_E_BADLEN;
	if (inet_csum_fold(inet_csum_add(0, pkt, ihl)) != 0)
		return HP_E_FORMAT;
	rd_init(&ip, pkt, totlen);
	if (rd_skip(&ip, 6) != HP_OK || rd_u16(&ip, &frag) != HP_OK ||
	    rd_skip(&ip, 1) != HP_OK || rd_u8(&ip, &proto) != HP_OK ||
	    rd_skip(&ip, 2) != HP_OK || rd_u32(&ip, &src) != HP_OK ||
	    rd_u32(&ip, &dst) != HP_OK || rd_skip(&ip, ihl - IP_HDR_MIN))
		return HP_E_SHORT;
	if ((frag & 0x3fff) != 0)	/* MF or an offset: a fragment */
		return HP_E_UNSUPP;
	if (proto != IPPROTO_UDP)
		return HP_E_UNSUPP;

	/* UDP */
	if (rd_u16(&ip, &sport) != HP_OK || rd_u16(&ip, &dport) != HP_OK ||
	    rd_u16(&ip, &ulen) != HP_OK || rd_u16(&ip, &ucsum) != HP_OK)
		return HP_E_SHORT;
	if (dport != PORT_SERVER || sport != PORT_CLIENT)
		return HP_E_UNSUPP;
	if (ulen < UDP_HDR || (size_t)ulen - UDP_HDR > ip.left)
		return HP_E_BADLEN;
	if (ucsum != 0) {
		uint32_t s = udp_pseudo(src, dst, ulen);

		s = inet_csum_add(s, pkt + ihl, ulen);
		if (inet_csum_fold(s) != 0)
			return HP_E_FORMAT;
	}
	if ((rv = rd_sub(&ip, (size_t)ulen - UDP_HDR, &r)) != HP_OK)
		return rv;

	/* BOOTP fixed part */
	if (r.left < BOOTP_FIXED + 4)
		return HP_E_SHORT;
	(void)rd_u8(&r, &op);
	(void)rd_u8(&r, &in->htype);
	(void)rd_u8(&r, &in->hlen);
	(void)rd_skip(&r, 1);				/* hops */
	(void)rd_u32(&r, &in->xid);
	(void)rd_skip(&r, 2);				/* secs */
	(void)rd_u16(&r, &in->flags);
	(void)rd_u32(&r, &in->ciaddr);
	(void)rd_skip(&r, 12);				/* yi, si, gi */
	(void)rd_bytes(&r, in->chaddr, sizeof(in->chaddr));
	(void)rd_skip(&r, 64 + 128);			/* sname, file */
	(void)rd_u32(&r, &cookie);
	if (op != 1 || in->hlen > sizeof(in->chaddr) || cookie != DHCP_COOKIE)
		return HP_E_FORMAT;

	/* Options: pad and end are one byte, the rest type-length-value. */
	opts = r;
	while (opts.left > 0) {
		(void)rd_u8(&opts, &code);
		if (code == DHCP_OPT_PAD)
			continue;
		if (code == DHCP_OPT_END)
			break;
		if (rd_u8(&opts, &olen) != HP_OK)
			return HP_E_SHORT;
		if (olen > opts.left)
			return HP_E_BADLEN;
		if (code == DHCP_OPT_MSGTYPE && !have_type) {
			if (olen != 1)
				return HP_E_BADLEN;
			mtype = opts.p[0];
			have_type = true;
		}
		(void)rd_skip(&opts, olen);
	}
	if (!have_type)
		return HP_E_FORMAT;
	if (mtype != DHCPINFORM)
		return HP_E_UNSUPP;
	in->src_ip = src;
	return HP_OK;
}

int
dhcp_encode_routes(const struct dhcp_route *rt, size_t n, uint32_t gw,
    uint8_t *out, size_t cap)
{
	struct wr w;
	size_t i, k;

	wr_init(&w, out, cap);
	for (i = 0; i < n; i++) {
		uint8_t len = rt[i].len;
		uint32_t mask, dst;

		if (len > 32)
			return HP_E_RANGE;
		mask = len == 0 ? 0 : 0xffffffffu << (32 - len);
		dst = rt[i].prefix & mask;
		/* Width, then only the significant octets (RFC 3442 3). */
		wr_u8(&w, len);
		for (k = 0; k < ((size_t)len + 7) / 8; k++)
			wr_u8(&w, (uint8_t)(dst >> (24 - 8 * k)));
		wr_u32(&w, gw);
	}
	return w.err != HP_OK ? w.err : (int)w.len;
}

/* An option longer than 255 bytes is split into several (RFC 3396). */
static void
put_long_opt(struct wr *w, uint8_t code, const uint8_t *v, size_t n)
{
	while (n > 0) {
		size_t k = n > 255 ? 255 : n;

		wr_u8(w, code);
		wr_u8(w, (uint8_t)k);
		wr_bytes(w, v, k);
		v += k;
		n -= k;
	}
}

int
dhcp_build_ack(const struct dhcp_conf *c, const struct dhcp_inform *in,
    uint32_t client_ip, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t routes[DHCP_MAX_ROUTES * 9];
	struct wr w;
	size_t ulen, n;
	uint32_t sum;
	int rlen = 0;

	*outlen = 0;
	if (c->nroutes > DHCP_MAX_ROUTES)
		return HP_E_RANGE;
	if (c->nroutes > 0 && (rlen = dhcp_encode_routes(c->routes,
	    c->nroutes, c->server_ip, routes, sizeof(routes))) < 0)
		return rlen;

	wr_init(&w, out, cap);
	/* IPv4 header; total length and checksum patched below. */
	wr_u8(&w, 0x45);
	wr_u8(&w, 0);
	wr_u16(&w, 0);
	wr_u16(&w, 0);			/* id */
	wr_u16(&w, 0);			/* no fragments */
	wr_u8(&w, 64);			/* TTL */
	wr_u8(&w, IPPROTO_UDP);
	wr_u16(&w, 0);
	wr_u32(&w, c->server_ip);
	wr_u32(&w, client_ip);
	/* UDP */
	wr_u16(&w, PORT_SERVER);
	wr_u16(&w, PORT_CLIENT);
	wr_u16(&w, 0);
	wr_u16(&w, 0);
	/* BOOTP */
	wr_u8(&w, 2);			/* BOOTREPLY */
	wr_u8(&w, in->htype);
	wr_u8(&w, in->hlen);
	wr_u8(&w, 0);
	wr_u32(&w, in->xid);
	wr_u16(&w, 0);
	wr_u16(&w, in->flags);
	wr_u32(&w, in->ciaddr);
	wr_u32(&w, 0);			/* yiaddr: 0 for INFORM (2131 4.3.5) */
	wr_u32(&w, 0);
	wr_u32(&w, 0);
	wr_bytes(&w, in->chaddr, sizeof(in->chaddr));
	wr_zero(&w, 64 + 128);
	wr_u32(&w, DHCP_COOKIE);
	/* Options */
	wr_u8(&w, DHCP_OPT_MSGTYPE);
	wr_u8(&w, 1);
	wr_u8(&w, DHCPACK);
	wr_u8(&w, DHCP_OPT_SERVERID);
	wr_u8(&w, 4);
	wr_u32(&w, c->server_ip);
	if (c->netmask != 0) {
		wr_u8(&w, DHCP_OPT_NETMASK);
		wr_u8(&w, 4);
		wr_u32(&w, c->netmask);
	}
	if (rlen > 0) {
		put_long_opt(&w, DHCP_OPT_CSR, routes, (size_t)rlen);
		put_long_opt(&w, DHCP_OPT_MSCSR, routes, (size_t)rlen);
	}
	if (c->dns[0] != 0 || c->dns[1] != 0) {
		wr_u8(&w, DHCP_OPT_DNS);
		wr_u8(&w, (c->dns[0] != 0 && c->dns[1] != 0) ? 8 : 4);
		if (c->dns[0] != 0)
			wr_u32(&w, c->dns[0]);
		if (c->dns[1] != 0)
			wr_u32(&w, c->dns[1]);
	}
	n = strnlen(c->domain, sizeof(c->domain) - 1);
	if (n > 0) {
		wr_u8(&w, DHCP_OPT_DOMAIN);
		wr_u8(&w, (uint8_t)n);
		wr_bytes(&w, c->domain, n);
	}
	wr_u8(&w, DHCP_OPT_END);
	if (w.err != HP_OK)
		return w.err;

	ulen = w.len - IP_HDR_MIN;
	wr_put_u16_at(&w, 2, (uint16_t)w.len);
	wr_put_u16_at(&w, 10, inet_csum_fold(inet_csum_add(0, out, IP_HDR_MIN)));
	wr_put_u16_at(&w, IP_HDR_MIN + 4, (uint16_t)ulen);
	sum = udp_pseudo(c->server_ip, client_ip, (uint16_t)ulen);
	sum = inet_csum_add(sum, out + IP_HDR_MIN, ulen);
	/* A computed zero is sent as all ones (RFC 768). */
	wr_put_u16_at(&w, IP_HDR_MIN + 6, inet_csum_fold(sum) == 0 ? 0xffff :
	    inet_csum_fold(sum));
	if (w.err != HP_OK)
		return w.err;
	*outlen = w.len;
	return HP_OK;
}

int
dhcp_inform_reply(const struct dhcp_conf *c, const uint8_t *pkt, size_t len,
    uint32_t client_ip, uint8_t *out, size_t cap, size_t *outlen)
{
	struct dhcp_inform in;
	int rv;

	*outlen = 0;
	if ((rv = dhcp_parse_inform(pkt, len, &in)) != HP_OK)
		return rv;
	/* Answer only the session's own address, never one it claims. */
	if (in.src_ip != client_ip ||
	    (in.ciaddr != 0 && in.ciaddr != client_ip))
		return HP_E_FIELD;
	return dhcp_build_ack(c, &in, client_ip, out, cap, outlen);
}
