/*
 * hpptpd gre: a run of a client's TCP segments as one tun write; see
 * gro.h.  Pure functions over the caller's buffer: no I/O.
 */
#include <linux/virtio_net.h>

#include <string.h>

#include "common/inet_csum.h"
#include "gre/bytes.h"
#include "gre/gro.h"

#define IP4_HL		20	/* no options: the only header we join */
#define IP6_HL		40	/* no extension headers, likewise */
#define TCP_HDR_MIN	20
#define IPPROTO_TCP_NUM	6
#define IP_FRAG_MASK	0x3fff	/* MF and the fragment offset */
#define TCP_F_PSH	0x08
#define TCP_F_ACK	0x10

/* IPv4 header offsets */
#define IP_TOTLEN	2
#define IP_ID		4
#define IP_FRAG		6
#define IP_CSUM		10
#define IP_SRC		12
/* IPv6 */
#define IP6_PLEN	4
#define IP6_NXT		6
#define IP6_SRC		8
/* TCP, from its header */
#define T_SEQ		4
#define T_ACK		8
#define T_DOFF		12
#define T_FLAGS		13
#define T_WIN		14
#define T_CSUM		16
#define T_URG		18

_Static_assert(sizeof(struct virtio_net_hdr) == TSO_VHDR_LEN, "vnet hdr");

void
gro_init(struct gro *g, uint8_t *buf)
{
	memset(g, 0, sizeof(*g));
	g->buf = buf;
}

/*
 * The network header's length of a packet a run can hold: IPv4 without
 * options and not a fragment, or IPv6 without extension headers, its
 * length the packet's, carrying TCP; else 0.
 */
static size_t
seg_l3(const uint8_t *ip, size_t len)
{
	if (len < IP4_HL || len > GRO_IP_MAX)
		return 0;
	if (ip[0] == 0x45)
		return get16(ip + IP_TOTLEN) == len &&
		    (get16(ip + IP_FRAG) & IP_FRAG_MASK) == 0 &&
		    ip[9] == IPPROTO_TCP_NUM ? IP4_HL : 0;
	if ((ip[0] >> 4) == 6 && len >= IP6_HL)
		return (size_t)get16(ip + IP6_PLEN) == len - IP6_HL &&
		    ip[IP6_NXT] == IPPROTO_TCP_NUM ? IP6_HL : 0;
	return 0;
}

/*
 * The headers' length of a TCP segment that a run can hold (data, ACK
 * and perhaps PSH only), else 0; *l3 its network header's.  Headers
 * only: the checksums come later, once the segment can join.
 */
static size_t
seg_hl(const uint8_t *ip, size_t len, size_t *l3)
{
	const uint8_t *th;
	size_t thl;

	if ((*l3 = seg_l3(ip, len)) == 0 || len - *l3 < TCP_HDR_MIN)
		return 0;
	th = ip + *l3;
	thl = (size_t)(th[T_DOFF] >> 4) * 4;
	if (thl < TCP_HDR_MIN || thl >= len - *l3)
		return 0;	/* no room, or no data */
	if ((th[T_FLAGS] & ~TCP_F_PSH) != TCP_F_ACK)
		return 0;	/* SYN, FIN, RST, URG, ECN: alone */
	return *l3 + thl;
}

/* The pseudo-header's sum of a TCP segment of tl bytes. */
static uint32_t
pseudo(const uint8_t *ip, size_t l3, size_t tl)
{
	if (l3 == IP4_HL)
		return inet_csum_add(0, ip + IP_SRC, 8) + IPPROTO_TCP_NUM +
		    (uint32_t)tl;
	return inet_csum_add(0, ip + IP6_SRC, 32) + IPPROTO_TCP_NUM +
	    (uint32_t)tl;
}

/*
 * The checksums as the receiver would check them.  A field of 0xffff
 * verifies as well as 0x0000 (the same number in ones' complement), but
 * the kernel's GSO writes 0x0000: such a segment goes out alone, so that
 * a cut run gives back exactly what came.
 */
static bool
sums_ok(const uint8_t *ip, size_t len, size_t l3)
{
	if (get16(ip + l3 + T_CSUM) == 0xffff)
		return false;
	if (l3 == IP4_HL && (get16(ip + IP_CSUM) == 0xffff ||
	    inet_csum_fold(inet_csum_add(0, ip, IP4_HL)) != 0))
		return false;
	return inet_csum_fold(inet_csum_add(pseudo(ip, l3, len - l3),
	    ip + l3, len - l3)) == 0;
}

/*
 * Does the segment continue the run, so that cutting the run (the
 * kernel's GSO: the first's headers, identification and sequence
 * counted up) gives it back byte for byte but the checksums?
 */
static bool
follows(const struct gro *g, const uint8_t *ip, size_t len, size_t hl)
{
	const uint8_t *f = g->buf + TSO_VHDR_LEN;
	const uint8_t *t = ip + g->l3, *ft = f + g->l3;

	if (g->closed || hl != g->hl || len - hl > g->mss ||
	    g->len > GRO_IP_MAX - (len - hl))
		return false;
	if (g->l3 == IP4_HL) {
		/* version, TOS; DF, TTL, protocol; addresses */
		if (memcmp(ip, f, 2) != 0 ||
		    memcmp(ip + IP_FRAG, f + IP_FRAG, 4) != 0 ||
		    memcmp(ip + IP_SRC, f + IP_SRC, 8) != 0 ||
		    get16(ip + IP_ID) != g->next_id)
			return false;
	} else if (memcmp(ip, f, 4) != 0 ||
	    memcmp(ip + IP6_NXT, f + IP6_NXT, 34) != 0)
		return false;	/* class, flow label; hop limit, addresses */
	/* ports; acknowledgment and data offset; window; urgent, options */
	return memcmp(t, ft, 4) == 0 && get32(t + T_SEQ) == g->next_seq &&
	    memcmp(t + T_ACK, ft + T_ACK, 5) == 0 &&
	    memcmp(t + T_WIN, ft + T_WIN, 2) == 0 &&
	    memcmp(t + T_URG, ft + T_URG, hl - g->l3 - T_URG) == 0;
}

bool
gro_add(struct gro *g, const uint8_t *ip, size_t len)
{
	uint8_t *f = g->buf + TSO_VHDR_LEN;
	size_t hl, l3, pl;

	if ((hl = seg_hl(ip, len, &l3)) == 0 ||
	    (g->len != 0 && (l3 != g->l3 || !follows(g, ip, len, hl))) ||
	    !sums_ok(ip, len, l3))
		return false;
	pl = len - hl;
	if (g->len == 0) {
		memcpy(f, ip, len);
		g->len = len;
		g->l3 = l3;
		g->hl = hl;
		g->mss = pl;
	} else {
		memcpy(f + g->len, ip + hl, pl);
		g->len += pl;
		/* the last one's PSH */
		f[l3 + T_FLAGS] = ip[l3 + T_FLAGS];
		if (pl < g->mss)
			g->closed = true;	/* GSO cuts only the last short */
	}
	g->n++;
	g->next_seq = get32(ip + l3 + T_SEQ) + (uint32_t)pl;
	if (l3 == IP4_HL)
		g->next_id = (uint16_t)(get16(ip + IP_ID) + 1);
	if (ip[l3 + T_FLAGS] & TCP_F_PSH)
		g->closed = true;	/* GSO puts PSH on the last only */
	return true;
}

/* The joined run's headers: lengths, IPv4's checksum, TCP's to finish. */
static void
fix_headers(struct gro *g, uint8_t *p, size_t len, struct virtio_net_hdr *h)
{
	if (g->l3 == IP4_HL) {
		put16(p + IP_TOTLEN, (uint16_t)len);
		put16(p + IP_CSUM, 0);
		put16(p + IP_CSUM, inet_csum_fold(inet_csum_add(0, p,
		    IP4_HL)));
		h->gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
	} else {
		put16(p + IP6_PLEN, (uint16_t)(len - IP6_HL));
		h->gso_type = VIRTIO_NET_HDR_GSO_TCPV6;
	}
	/*
	 * NEEDS_CSUM: the field holds the pseudo-header's sum, with the
	 * whole run's TCP length, and the kernel adds the rest (tso.c reads
	 * it the same way): the segments were checked.
	 */
	put16(p + g->l3 + T_CSUM, (uint16_t)~inet_csum_fold(pseudo(p, g->l3,
	    len - g->l3)));
	h->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
	h->hdr_len = (uint16_t)g->hl;
	h->gso_size = (uint16_t)g->mss;
	h->csum_start = (uint16_t)g->l3;
	h->csum_offset = T_CSUM;
}

size_t
gro_end(struct gro *g, const uint8_t **out, unsigned int *n)
{
	struct virtio_net_hdr h;
	size_t len = g->len;

	*out = g->buf;
	*n = g->n;
	if (len == 0)
		return 0;
	memset(&h, 0, sizeof(h));
	if (g->n > 1)
		fix_headers(g, g->buf + TSO_VHDR_LEN, len, &h);
	memcpy(g->buf, &h, sizeof(h));
	g->len = 0;
	g->n = 0;
	g->closed = false;
	return TSO_VHDR_LEN + len;
}
