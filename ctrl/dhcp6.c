/*
 * hpptpd ctrl: DHCPv6 Information-request in, Reply out (see dhcp6.h).
 * The decoder reads through common/rd.h only; the UDP checksum runs
 * over the bytes the payload length covers, which the decoder has
 * checked lie inside the packet.
 */
#include <netinet/in.h>

#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "ctrl/dhcp6.h"
#include "ctrl/nd6.h"

#define IP6_HDR			40
#define UDP_HDR			8
#define DHCP6_HDR		4	/* type, transaction id */
#define DHCP6_HOPLIMIT		255	/* on the link only */

static int	dhcp6_options(struct rd *, struct dhcp6_req *);
static int	dhcp6_duid(struct rd *, uint16_t, uint8_t *, uint8_t *);
static size_t	dhcp6_domain_wire(const char *, uint8_t *, size_t);

/* ff02::1:2, All_DHCP_Relay_Agents_and_Servers (RFC 8415 7.1) */
static const uint8_t all_dhcp[16] = { 0xff, 0x02, [13] = 0x01, [15] = 0x02 };

const char *
dhcp6_type_name(uint8_t t)
{
	static const char *const names[] = {
		[1] = "Solicit", [2] = "Advertise", [3] = "Request",
		[4] = "Confirm", [5] = "Renew", [6] = "Rebind",
		[7] = "Reply", [8] = "Release", [9] = "Decline",
		[10] = "Reconfigure", [11] = "Information-request",
		[12] = "Relay-forward", [13] = "Relay-reply",
	};

	if (t < sizeof(names) / sizeof(names[0]) && names[t] != NULL)
		return names[t];
	return "unknown";
}

/* A Client or Server Identifier: once, and of a DUID's length. */
static int
dhcp6_duid(struct rd *o, uint16_t olen, uint8_t *len, uint8_t *duid)
{
	if (*len != 0)
		return HP_E_DUP;
	if (olen < DHCP6_DUID_MIN || olen > DHCP6_DUID_MAX)
		return HP_E_RANGE;
	if (rd_bytes(o, duid, olen) != HP_OK)
		return HP_E_BADLEN;
	*len = (uint8_t)olen;
	return HP_OK;
}

/* The options: code, length, value; each within the message. */
static int
dhcp6_options(struct rd *m, struct dhcp6_req *req)
{
	uint16_t code, olen;
	int rv;

	while (m->left > 0) {
		if (rd_u16(m, &code) != HP_OK || rd_u16(m, &olen) != HP_OK)
			return HP_E_SHORT;
		if (olen > m->left)
			return HP_E_BADLEN;
		switch (code) {
		case DHCP6_OPT_CLIENTID:
			rv = dhcp6_duid(m, olen, &req->clientid_len,
			    req->clientid);
			break;
		case DHCP6_OPT_SERVERID:
			rv = dhcp6_duid(m, olen, &req->serverid_len,
			    req->serverid);
			break;
		case DHCP6_OPT_IA_NA:
		case DHCP6_OPT_IA_TA:
		case DHCP6_OPT_IA_PD:
			/* RFC 8415 16.12: an IA has no place here */
			return HP_E_FORMAT;
		default:
			/* ORO, Elapsed Time, vendor class...: what we send
			 * does not depend on them */
			rv = rd_skip(m, olen);
			break;
		}
		if (rv != HP_OK)
			return rv;
	}
	return HP_OK;
}

int
dhcp6_parse_ir(const uint8_t *pkt, size_t len, struct dhcp6_req *req)
{
	struct rd r, m;
	uint8_t vtc, nh, hops, dst[16], b[3];
	uint16_t plen, sport, dport, ulen;
	int rv;

	memset(req, 0, sizeof(*req));
	rd_init(&r, pkt, len);
	if (rd_u8(&r, &vtc) != HP_OK || rd_skip(&r, 3) != HP_OK ||
	    rd_u16(&r, &plen) != HP_OK || rd_u8(&r, &nh) != HP_OK ||
	    rd_u8(&r, &hops) != HP_OK || rd_bytes(&r, req->src, 16) != HP_OK ||
	    rd_bytes(&r, dst, 16) != HP_OK)
		return HP_E_SHORT;
	if ((vtc >> 4) != 6)
		return HP_E_FORMAT;
	if (plen > r.left)
		return HP_E_BADLEN;
	if (nh != IPPROTO_UDP)
		return HP_E_UNSUPP;
	/* a client on the link asks from its link-local address */
	if (req->src[0] != 0xfe || (req->src[1] & 0xc0) != 0x80)
		return HP_E_FORMAT;
	if (memcmp(dst, all_dhcp, sizeof(dst)) != 0)
		return HP_E_FORMAT;
	if ((rv = rd_sub(&r, plen, &m)) != HP_OK)
		return rv;
	if (rd_u16(&m, &sport) != HP_OK || rd_u16(&m, &dport) != HP_OK ||
	    rd_u16(&m, &ulen) != HP_OK || rd_skip(&m, 2) != HP_OK)
		return HP_E_SHORT;
	if (sport != DHCP6_CLIENT_PORT || dport != DHCP6_SERVER_PORT)
		return HP_E_UNSUPP;
	if (ulen != plen)
		return HP_E_BADLEN;
	/* a zero checksum is not allowed over IPv6 (RFC 8200 8.1) */
	if ((pkt[IP6_HDR + 6] | pkt[IP6_HDR + 7]) == 0 ||
	    nd6_ulp_csum(pkt, len, IPPROTO_UDP) != 0)
		return HP_E_FORMAT;
	if (rd_u8(&m, &req->type) != HP_OK || rd_bytes(&m, b, 3) != HP_OK)
		return HP_E_SHORT;
	req->xid = (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
	if (req->type != DHCP6_INFO_REQUEST)
		return HP_E_UNSUPP;
	return dhcp6_options(&m, req);
}

/*
 * "corp.example.com" in DNS wire format (RFC 1035 3.1: length-prefixed
 * labels of 1 to 63 bytes, a zero last) into out; 0 if it is no name.
 */
static size_t
dhcp6_domain_wire(const char *name, uint8_t *out, size_t cap)
{
	size_t n, i = 0, lab;

	n = strnlen(name, DHCP6_DOMAIN_MAX + 1);
	if (n == 0 || n > DHCP6_DOMAIN_MAX || n + 2 > cap)
		return 0;
	while (i < n) {
		for (lab = 0; i + lab < n && name[i + lab] != '.'; lab++)
			;
		if (lab == 0 || lab > 63)
			return 0;
		out[i] = (uint8_t)lab;
		memcpy(out + i + 1, name + i, lab);
		i += lab + 1;		/* past the dot, if any */
	}
	/* a trailing dot already ended the last label */
	if (name[n - 1] == '.') {
		out[n] = 0;
		return n + 1;
	}
	out[n + 1] = 0;
	return n + 2;
}

int
dhcp6_build_reply(const struct dhcp6_conf *c, const struct dhcp6_req *req,
    uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t dom[DHCP6_DOMAIN_MAX + 2];
	struct wr w;
	size_t ndom, plen;
	uint16_t csum;
	unsigned i;

	*outlen = 0;
	if (c->ndns > DHCP6_DNS_MAX)
		return HP_E_RANGE;
	/* naming another server's DUID: the request is not ours */
	if (req->serverid_len != 0 && (req->serverid_len != 18 ||
	    req->serverid[0] != 0 || req->serverid[1] != DHCP6_DUID_UUID ||
	    memcmp(req->serverid + 2, c->uuid, 16) != 0))
		return HP_E_NOTFOUND;
	wr_init(&w, out, cap);
	/* IPv6 header; payload length patched below */
	wr_u32(&w, 0x60000000u);
	wr_u16(&w, 0);
	wr_u8(&w, IPPROTO_UDP);
	wr_u8(&w, DHCP6_HOPLIMIT);
	wr_u16(&w, 0xfe80);
	wr_zero(&w, 6);
	wr_bytes(&w, c->ours, 8);
	wr_bytes(&w, req->src, 16);
	/* UDP; length and checksum patched below */
	wr_u16(&w, DHCP6_SERVER_PORT);
	wr_u16(&w, DHCP6_CLIENT_PORT);
	wr_u16(&w, 0);
	wr_u16(&w, 0);
	/* Reply (RFC 8415 18.3.6) */
	wr_u8(&w, DHCP6_REPLY);
	wr_u8(&w, (uint8_t)(req->xid >> 16));
	wr_u8(&w, (uint8_t)(req->xid >> 8));
	wr_u8(&w, (uint8_t)req->xid);
	wr_u16(&w, DHCP6_OPT_SERVERID);
	wr_u16(&w, 18);
	wr_u16(&w, DHCP6_DUID_UUID);
	wr_bytes(&w, c->uuid, 16);
	if (req->clientid_len != 0) {
		wr_u16(&w, DHCP6_OPT_CLIENTID);
		wr_u16(&w, req->clientid_len);
		wr_bytes(&w, req->clientid, req->clientid_len);
	}
	if (c->ndns > 0) {
		wr_u16(&w, DHCP6_OPT_DNS);
		wr_u16(&w, (uint16_t)(16 * c->ndns));
		for (i = 0; i < c->ndns; i++)
			wr_bytes(&w, c->dns[i], 16);
	}
	if ((ndom = dhcp6_domain_wire(c->domain, dom, sizeof(dom))) > 0) {
		wr_u16(&w, DHCP6_OPT_DOMAIN_LIST);
		wr_u16(&w, (uint16_t)ndom);
		wr_bytes(&w, dom, ndom);
	}
	wr_u16(&w, DHCP6_OPT_REFRESH);
	wr_u16(&w, 4);
	wr_u32(&w, DHCP6_REFRESH);
	if (w.err != HP_OK)
		return HP_E_LONG;
	plen = w.len - IP6_HDR;
	wr_put_u16_at(&w, 4, (uint16_t)plen);
	wr_put_u16_at(&w, IP6_HDR + 4, (uint16_t)plen);
	csum = nd6_ulp_csum(out, w.len, IPPROTO_UDP);
	/* a computed 0 goes out as all ones (RFC 8200 8.1) */
	wr_put_u16_at(&w, IP6_HDR + 6, csum == 0 ? 0xffff : csum);
	*outlen = w.len;
	return HP_OK;
}
