/*
 * hpptpd gre: enhanced GRE decode/encode (RFC 2637 section 4.1).
 * Every field goes through the bounded reader; nothing is cast onto the
 * packet.  Each malformation has its own drop reason (enum gre_drop).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "gre/gre_pkt.h"

#define IPPROTO_GRE_NUM		47
#define IP_MF			0x2000
#define IP_OFFMASK		0x1fff

static int	fail(enum gre_drop *, enum gre_drop, int);

static int
fail(enum gre_drop *why, enum gre_drop reason, int err)
{
	*why = reason;
	return err;
}

int
gre_ip_decode(const uint8_t *p, size_t n, uint32_t *src, uint32_t *dst,
    size_t *off, size_t *len, enum gre_drop *why)
{
	struct rd	r;
	uint8_t		vihl, tos, ttl, proto;
	uint16_t	tot, id, frag, sum;
	size_t		hl;

	*src = *dst = 0;
	*off = *len = 0;
	*why = GRE_DROP_NONE;
	rd_init(&r, p, n);
	if (n < 20)
		return fail(why, GRE_DROP_IP_SHORT, HP_E_SHORT);
	if (rd_u8(&r, &vihl) || rd_u8(&r, &tos) || rd_u16(&r, &tot) ||
	    rd_u16(&r, &id) || rd_u16(&r, &frag) || rd_u8(&r, &ttl) ||
	    rd_u8(&r, &proto) || rd_u16(&r, &sum) || rd_u32(&r, src) ||
	    rd_u32(&r, dst))
		return fail(why, GRE_DROP_IP_SHORT, HP_E_SHORT);
	if ((vihl >> 4) != 4)
		return fail(why, GRE_DROP_IP_VERSION, HP_E_FORMAT);
	hl = (size_t)(vihl & 0x0f) * 4;
	if (hl < 20 || hl > n)
		return fail(why, GRE_DROP_IP_IHL, HP_E_BADLEN);
	/*
	 * Linux hands raw sockets the datagram as it came, total length in
	 * network order.  Shorter than its header or longer than what we
	 * got is malformed; trailing bytes beyond it are link padding.
	 */
	if (tot < hl || tot > n)
		return fail(why, GRE_DROP_IP_TOTLEN, HP_E_BADLEN);
	if ((frag & (IP_MF | IP_OFFMASK)) != 0)
		return fail(why, GRE_DROP_IP_FRAG, HP_E_UNSUPP);
	if (proto != IPPROTO_GRE_NUM)
		return fail(why, GRE_DROP_IP_PROTO, HP_E_FORMAT);
	*off = hl;
	*len = tot - hl;
	return HP_OK;
}

int
gre_hdr_decode(const uint8_t *p, size_t n, struct gre_hdr *h,
    const uint8_t **payload, enum gre_drop *why)
{
	struct rd	r;
	uint8_t		f0, f1;
	uint16_t	proto;

	memset(h, 0, sizeof(*h));
	*payload = NULL;
	*why = GRE_DROP_NONE;
	rd_init(&r, p, n);
	if (rd_u8(&r, &f0) || rd_u8(&r, &f1) || rd_u16(&r, &proto))
		return fail(why, GRE_DROP_GRE_SHORT, HP_E_SHORT);
	if ((f1 & GRE_F_VER) != 1)
		return fail(why, GRE_DROP_GRE_VERSION, HP_E_UNSUPP);
	if (proto != GRE_PROTO_PPP)
		return fail(why, GRE_DROP_GRE_PROTO, HP_E_UNSUPP);
	/* C and R would insert fields we do not parse; s and Recur are 0. */
	if ((f0 & (GRE_F_C | GRE_F_R | GRE_F_SSR | GRE_F_RECUR)) != 0 ||
	    (f1 & GRE_F_RSVD) != 0)
		return fail(why, GRE_DROP_GRE_FLAGS, HP_E_FORMAT);
	if ((f0 & GRE_F_K) == 0)
		return fail(why, GRE_DROP_GRE_NOKEY, HP_E_FORMAT);
	if (rd_u16(&r, &h->payload_len) || rd_u16(&r, &h->call_id))
		return fail(why, GRE_DROP_GRE_SHORT, HP_E_SHORT);
	h->has_seq = (f0 & GRE_F_S) != 0;
	h->has_ack = (f1 & GRE_F_A) != 0;
	if (h->has_seq && rd_u32(&r, &h->seq))
		return fail(why, GRE_DROP_GRE_SHORT, HP_E_SHORT);
	if (h->has_ack && rd_u32(&r, &h->ack))
		return fail(why, GRE_DROP_GRE_SHORT, HP_E_SHORT);
	h->hdr_len = n - r.left;
	/* Compare the wire length only against what is left. */
	if (h->payload_len > r.left)
		return fail(why, GRE_DROP_GRE_PAYLEN, HP_E_BADLEN);
	if (h->payload_len > GRE_PAYLOAD_MAX)
		return fail(why, GRE_DROP_GRE_TOOBIG, HP_E_LONG);
	/* RFC 2637: S is set whenever a payload is present. */
	if (h->payload_len > 0 && !h->has_seq)
		return fail(why, GRE_DROP_GRE_NOSEQ, HP_E_FORMAT);
	*payload = r.p;
	return HP_OK;
}

int
gre_pkt_decode(const uint8_t *p, size_t n, struct gre_pkt *pkt,
    enum gre_drop *why)
{
	size_t	off, len;
	int	e;

	memset(pkt, 0, sizeof(*pkt));
	if ((e = gre_ip_decode(p, n, &pkt->src, &pkt->dst, &off, &len,
	    why)) != HP_OK)
		return e;
	return gre_hdr_decode(p + off, len, &pkt->gre, &pkt->payload, why);
}

size_t
gre_hdr_encode(uint8_t *buf, size_t cap, uint16_t peer_call_id,
    uint16_t plen, bool has_seq, uint32_t seq, bool has_ack, uint32_t ack)
{
	struct wr	w;

	wr_init(&w, buf, cap);
	wr_u8(&w, GRE_F_K | (has_seq ? GRE_F_S : 0));
	wr_u8(&w, (has_ack ? GRE_F_A : 0) | 1);
	wr_u16(&w, GRE_PROTO_PPP);
	wr_u16(&w, plen);
	wr_u16(&w, peer_call_id);
	if (has_seq)
		wr_u32(&w, seq);
	if (has_ack)
		wr_u32(&w, ack);
	return w.err == HP_OK ? w.len : 0;
}
