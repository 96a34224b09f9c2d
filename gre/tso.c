/*
 * hpptpd gre: finishing and cutting what an offloading tun hands us;
 * see tso.h.  Pure functions over buffers: no I/O, no allocation.
 */
#include <linux/virtio_net.h>

#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "common/msg.h"
#include "gre/bytes.h"
#include "gre/tso.h"

#define IPPROTO_TCP_NUM	6
#define IP4_HDR_MIN	20
#define IP6_HDR_LEN	40
#define TCP_HDR_MIN	20
#define TCP_CSUM_OFF	16
#define TCP_F_FIN	0x01
#define TCP_F_PSH	0x08
#define TCP_F_CWR	0x80

_Static_assert(sizeof(struct virtio_net_hdr) == TSO_VHDR_LEN, "vnet hdr");
_Static_assert(TUN_VNET_HDR_LEN == TSO_VHDR_LEN, "master's header size");

/*
 * NEEDS_CSUM: the field at start + off holds the pseudo-header's sum,
 * so the sum from start to the end, field included, is the checksum.
 * A result of 0 goes out as 0xffff, its equal, which UDP requires (0
 * there means "no checksum").
 */
static int
finish_csum(uint8_t *pkt, size_t len, size_t start, size_t off)
{
	uint16_t c;

	/* an odd offset would straddle the 16-bit words the sum adds */
	if (start >= len || off > len - start || len - start - off < 2 ||
	    (off & 1) != 0)
		return HP_E_FORMAT;
	c = inet_csum_fold(inet_csum_add(0, pkt + start, len - start));
	put16(pkt + start + off, c == 0 ? 0xffff : c);
	return HP_OK;
}

/* The network header of a TCP super-packet, up to its TCP header. */
static int
check_l3(struct tso_cut *c, const uint8_t *pkt, size_t len, size_t l4)
{
	if (c->kind == TSO_TCP4) {
		if (len < IP4_HDR_MIN || (pkt[0] >> 4) != 4 ||
		    (size_t)(pkt[0] & 0x0f) * 4 != l4 || l4 < IP4_HDR_MIN ||
		    pkt[9] != IPPROTO_TCP_NUM)
			return HP_E_FORMAT;
		c->id = get16(pkt + 4);
		return HP_OK;
	}
	/* IPv6: extension headers, if any, lie between 40 and l4 */
	if (len < IP6_HDR_LEN || (pkt[0] >> 4) != 6 || l4 < IP6_HDR_LEN ||
	    (l4 == IP6_HDR_LEN && pkt[6] != IPPROTO_TCP_NUM))
		return HP_E_FORMAT;
	return HP_OK;
}

int
tso_begin(struct tso_cut *c, const uint8_t vh[TSO_VHDR_LEN], uint8_t *pkt,
    size_t len, size_t cap)
{
	struct virtio_net_hdr h;
	size_t l4, thl;
	int e;

	memset(c, 0, sizeof(*c));
	memcpy(&h, vh, sizeof(h));
	c->pkt = pkt;
	c->len = len;
	switch (h.gso_type & ~VIRTIO_NET_HDR_GSO_ECN) {
	case VIRTIO_NET_HDR_GSO_NONE:
		c->kind = TSO_ONE;
		if ((h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) == 0)
			return HP_OK;
		return finish_csum(pkt, len, h.csum_start, h.csum_offset);
	case VIRTIO_NET_HDR_GSO_TCPV4:
		c->kind = TSO_TCP4;
		break;
	case VIRTIO_NET_HDR_GSO_TCPV6:
		c->kind = TSO_TCP6;
		break;
	default:
		return HP_E_UNSUPP;	/* UDP: never offered (TUNSETOFFLOAD) */
	}
	/* GSO TCP always asks for its checksum: that is where TCP starts */
	if ((h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) == 0 ||
	    h.csum_offset != TCP_CSUM_OFF || h.gso_size == 0)
		return HP_E_FORMAT;
	l4 = h.csum_start;
	if (l4 > len || len - l4 < TCP_HDR_MIN)
		return HP_E_SHORT;
	if ((e = check_l3(c, pkt, len, l4)) != HP_OK)
		return e;
	thl = (size_t)(pkt[l4 + 12] >> 4) * 4;
	if (thl < TCP_HDR_MIN || thl > len - l4)
		return HP_E_FORMAT;
	c->l4 = l4;
	c->hl = l4 + thl;
	if (c->hl == len)
		return HP_E_SHORT;	/* nothing to cut */
	c->mss = h.gso_size;
	if (c->mss > cap || c->hl > cap - c->mss)
		return HP_E_LONG;
	c->off = c->hl;
	c->seq = get32(pkt + l4 + 4);
	/*
	 * IPv6 with extension headers: a routing header's final hop, not
	 * the header's destination, is in the pseudo-header.  The kernel
	 * left that pseudo-header's sum (with the whole burst's TCP length)
	 * in the checksum field: keep it, without the length, for every
	 * piece, as its own GSO does.
	 */
	if (c->kind == TSO_TCP6 && l4 != IP6_HDR_LEN) {
		c->pseudo = get16(pkt + l4 + TCP_CSUM_OFF) +
		    (uint16_t)~(uint16_t)(len - l4);
		c->from_field = true;
	}
	return HP_OK;
}

/* The TCP checksum of a piece, from scratch: pseudo-header, then TCP. */
static void
tcp_csum(const struct tso_cut *c, uint8_t *p, size_t n)
{
	size_t tl = n - c->l4;
	uint32_t sum;

	put16(p + c->l4 + TCP_CSUM_OFF, 0);
	if (c->from_field)
		sum = c->pseudo;
	else if (c->kind == TSO_TCP4)
		sum = inet_csum_add(0, p + 12, 8) + IPPROTO_TCP_NUM;
	else
		sum = inet_csum_add(0, p + 8, 32) + IPPROTO_TCP_NUM;
	sum += (uint32_t)tl;
	sum = inet_csum_add(sum, p + c->l4, tl);
	put16(p + c->l4 + TCP_CSUM_OFF, inet_csum_fold(sum));
}

size_t
tso_next(struct tso_cut *c, uint8_t *out)
{
	size_t n, len;
	uint8_t *fl;

	if (c->kind == TSO_ONE || c->off >= c->len)
		return 0;
	n = c->len - c->off < c->mss ? c->len - c->off : c->mss;
	len = c->hl + n;
	memcpy(out, c->pkt, c->hl);
	memcpy(out + c->hl, c->pkt + c->off, n);
	if (c->kind == TSO_TCP4) {
		put16(out + 2, (uint16_t)len);
		put16(out + 4, (uint16_t)(c->id + c->k));
		put16(out + 10, 0);
		put16(out + 10, inet_csum_fold(inet_csum_add(0, out, c->l4)));
	} else
		put16(out + 4, (uint16_t)(len - IP6_HDR_LEN));
	put32(out + c->l4 + 4, c->seq + (uint32_t)(c->off - c->hl));
	/* as the kernel cuts: CWR on the first piece, FIN and PSH on the last */
	fl = out + c->l4 + 13;
	if (c->k > 0)
		*fl &= (uint8_t)~TCP_F_CWR;
	if (c->off + n < c->len)
		*fl &= (uint8_t)~(TCP_F_FIN | TCP_F_PSH);
	tcp_csum(c, out, len);
	c->off += n;
	c->k++;
	return len;
}
