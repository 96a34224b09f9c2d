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
#define TCP_HDR_MIN	20
#define IPPROTO_TCP_NUM	6
#define IP_FRAG_MASK	0x3fff	/* MF and the fragment offset */
#define TCP_OFF		IP4_HL
#define TCP_CSUM_OFF	16
#define TCP_F_PSH	0x08
#define TCP_F_ACK	0x10

/* The offsets in the packet, from its IPv4 header. */
#define IP_TOTLEN	2
#define IP_ID		4
#define IP_FRAG		6
#define IP_CSUM		10
#define IP_SRC		12
#define T_SEQ		(TCP_OFF + 4)
#define T_ACK		(TCP_OFF + 8)
#define T_DOFF		(TCP_OFF + 12)
#define T_FLAGS		(TCP_OFF + 13)
#define T_WIN		(TCP_OFF + 14)
#define T_URG		(TCP_OFF + 18)

_Static_assert(sizeof(struct virtio_net_hdr) == TSO_VHDR_LEN, "vnet hdr");

void
gro_init(struct gro *g, uint8_t *buf)
{
	memset(g, 0, sizeof(*g));
	g->buf = buf;
}

/*
 * The headers' length of an IPv4 TCP segment that a run can hold (no
 * IP options, not a fragment, data, ACK and perhaps PSH only), else 0.
 * Headers only: the checksums come later, once the segment can join.
 */
static size_t
seg_hl(const uint8_t *ip, size_t len)
{
	size_t thl;

	if (len < IP4_HL + TCP_HDR_MIN || len > GRO_IP_MAX ||
	    ip[0] != 0x45 || get16(ip + IP_TOTLEN) != len ||
	    (get16(ip + IP_FRAG) & IP_FRAG_MASK) != 0 ||
	    ip[9] != IPPROTO_TCP_NUM)
		return 0;
	thl = (size_t)(ip[T_DOFF] >> 4) * 4;
	if (thl < TCP_HDR_MIN || thl >= len - IP4_HL)
		return 0;	/* no room, or no data */
	if ((ip[T_FLAGS] & ~TCP_F_PSH) != TCP_F_ACK)
		return 0;	/* SYN, FIN, RST, URG, ECN: alone */
	return IP4_HL + thl;
}

/* Both checksums as the receiver would check them. */
static bool
sums_ok(const uint8_t *ip, size_t len)
{
	uint32_t sum;

	if (inet_csum_fold(inet_csum_add(0, ip, IP4_HL)) != 0)
		return false;
	sum = inet_csum_add(0, ip + IP_SRC, 8) + IPPROTO_TCP_NUM +
	    (uint32_t)(len - IP4_HL);
	return inet_csum_fold(inet_csum_add(sum, ip + TCP_OFF,
	    len - IP4_HL)) == 0;
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

	if (g->closed || hl != g->hl || len - hl > g->mss ||
	    g->len > GRO_IP_MAX - (len - hl))
		return false;
	/* version, TOS; DF, TTL, protocol; addresses */
	if (memcmp(ip, f, 2) != 0 || memcmp(ip + IP_FRAG, f + IP_FRAG, 4) != 0 ||
	    memcmp(ip + IP_SRC, f + IP_SRC, 8) != 0 ||
	    get16(ip + IP_ID) != g->next_id)
		return false;
	/* ports; acknowledgment and data offset; window; urgent, options */
	return memcmp(ip + TCP_OFF, f + TCP_OFF, 4) == 0 &&
	    get32(ip + T_SEQ) == g->next_seq &&
	    memcmp(ip + T_ACK, f + T_ACK, 5) == 0 &&
	    memcmp(ip + T_WIN, f + T_WIN, 2) == 0 &&
	    memcmp(ip + T_URG, f + T_URG, hl - T_URG) == 0;
}

bool
gro_add(struct gro *g, const uint8_t *ip, size_t len)
{
	uint8_t *f = g->buf + TSO_VHDR_LEN;
	size_t hl, pl;

	if ((hl = seg_hl(ip, len)) == 0 ||
	    (g->len != 0 && !follows(g, ip, len, hl)) || !sums_ok(ip, len))
		return false;
	pl = len - hl;
	if (g->len == 0) {
		memcpy(f, ip, len);
		g->len = len;
		g->hl = hl;
		g->mss = pl;
	} else {
		memcpy(f + g->len, ip + hl, pl);
		g->len += pl;
		f[T_FLAGS] = ip[T_FLAGS];	/* the last one's PSH */
		if (pl < g->mss)
			g->closed = true;	/* GSO cuts only the last short */
	}
	g->n++;
	g->next_seq = get32(ip + T_SEQ) + (uint32_t)pl;
	g->next_id = (uint16_t)(get16(ip + IP_ID) + 1);
	if (ip[T_FLAGS] & TCP_F_PSH)
		g->closed = true;	/* GSO puts PSH on the last only */
	return true;
}

size_t
gro_end(struct gro *g, const uint8_t **out, unsigned int *n)
{
	struct virtio_net_hdr h;
	uint8_t *p = g->buf + TSO_VHDR_LEN;
	size_t len = g->len;
	uint32_t sum;

	*out = g->buf;
	*n = g->n;
	if (len == 0)
		return 0;
	memset(&h, 0, sizeof(h));
	if (g->n > 1) {
		put16(p + IP_TOTLEN, (uint16_t)len);
		put16(p + IP_CSUM, 0);
		put16(p + IP_CSUM, inet_csum_fold(inet_csum_add(0, p,
		    IP4_HL)));
		/*
		 * NEEDS_CSUM: the field holds the pseudo-header's sum, with
		 * the whole run's TCP length, and the kernel adds the rest
		 * (tso.c reads it the same way): the segments were checked.
		 */
		sum = inet_csum_add(0, p + IP_SRC, 8) + IPPROTO_TCP_NUM +
		    (uint32_t)(len - IP4_HL);
		put16(p + TCP_OFF + TCP_CSUM_OFF,
		    (uint16_t)~inet_csum_fold(sum));
		h.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
		h.gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
		h.hdr_len = (uint16_t)g->hl;
		h.gso_size = (uint16_t)g->mss;
		h.csum_start = TCP_OFF;
		h.csum_offset = TCP_CSUM_OFF;
	}
	memcpy(g->buf, &h, sizeof(h));
	g->len = 0;
	g->n = 0;
	g->closed = false;
	return TSO_VHDR_LEN + len;
}
