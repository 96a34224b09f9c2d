/*
 * hpptpd gre: receive and transmit paths.  Each stage either passes the
 * packet on or names a drop reason; the reason is counted once, in the
 * session when one is known.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "gre/bytes.h"
#include "gre/datapath.h"
#include "gre/framed.h"
#include "gre/mss.h"

#define IPPROTO_UDP_NUM		17
#define IPPROTO_ICMPV6_NUM	58
#define DHCP_SERVER_PORT	67
#define DHCP6_SERVER_PORT	547
#define ICMP6_ROUTER_SOLICIT	133
#define IP6_HDR_LEN		40
/* TCP MSS over IPv6: the IPv4 clamp (MTU - 40) less 20 more header. */
#define MSS6_LESS		20

static struct gre_out	*out_slot(struct gre_outv *);
static int	drop(struct gre_table *, struct gre_sess *, enum gre_drop, int);
static void	rx_frame(struct gre_table *, struct gre_sess *, const uint8_t *,
		    size_t, uint64_t, struct gre_outv *);
static void	rx_mppe(struct gre_table *, struct gre_sess *, const uint8_t *,
		    size_t, uint64_t, struct gre_outv *);
static bool	rx_ccp(struct gre_table *, struct gre_sess *, const uint8_t *,
		    size_t, struct gre_outv *);
static void	rx_ip(struct gre_table *, struct gre_sess *, uint64_t,
		    struct gre_out *, uint8_t *, size_t, struct gre_outv *);
static void	rx_ip6(struct gre_table *, struct gre_sess *, uint64_t,
		    struct gre_out *, uint8_t *, size_t, struct gre_outv *);
static void	rx_inner(struct gre_table *, struct gre_sess *, uint64_t,
		    struct gre_out *, uint16_t, uint8_t *, size_t,
		    struct gre_outv *);
static int	tx_ip6(struct gre_table *, uint8_t *, size_t, uint64_t,
		    struct gre_out *);
static void	to_ctrl(struct gre_sess *, struct gre_out *, uint8_t *, size_t,
		    struct gre_outv *);
static void	to_tun(struct gre_sess *, struct gre_out *, uint8_t *, size_t,
		    struct gre_outv *);
static void	rx_batch(struct gre_table *, struct gre_pool *,
		    struct gre_sess *, const struct seq_batch *,
		    const uint8_t *, size_t, uint64_t, struct gre_outv *);
static void	send_reset_req(struct gre_table *, struct gre_sess *, uint64_t,
		    struct gre_outv *);
static int	tx_build(struct gre_sess *, uint16_t, const uint8_t *, size_t,
		    bool, struct gre_out *);
static void	sess_rearm(struct gre_table *, struct gre_sess *);
static bool	sess_deadline(const struct gre_sess *, uint64_t *);

const char *
gre_out_kind_name(enum gre_out_kind k)
{
	switch (k) {
	case GRE_OUT_TUN:	return "tun";
	case GRE_OUT_CTRL:	return "ctrl";
	case GRE_OUT_GRE:	return "gre";
	case GRE_OUT_DEAD:	return "dead";
	}
	return "unknown";
}

static struct gre_out *
out_slot(struct gre_outv *ov)
{
	return ov->n < ov->cap ? &ov->v[ov->n] : NULL;
}

/* The protocols MPPE encrypts (RFC 3078 section 3). */
static bool
mppe_covers(uint16_t proto)
{
	return proto >= 0x0021 && proto <= 0x00fa;
}

static int
drop(struct gre_table *t, struct gre_sess *s, enum gre_drop why, int err)
{
	gre_count_drop(t, s, why);
	return err;
}

/* A GRE output goes to the session's peer, IPv4 or IPv6. */
static void
set_dst(const struct gre_sess *s, struct gre_out *o)
{
	o->dst = s->peer_addr;
	o->dst_is6 = s->peer_is6;
	if (s->peer_is6)
		memcpy(o->dst6, s->peer_addr6, sizeof(o->dst6));
}

/* Frame (2-byte protocol + information) at f, inside o->buf, to ctrl. */
static void
to_ctrl(struct gre_sess *s, struct gre_out *o, uint8_t *f, size_t n,
    struct gre_outv *ov)
{
	o->kind = GRE_OUT_CTRL;
	o->sid = s->sid;
	o->dst = 0;
	o->data = f;
	o->len = n;
	s->ctr.ctrl_in++;
	ov->n++;
}

/* A client's packet at ip (inside o->buf), passed: to the tun. */
static void
to_tun(struct gre_sess *s, struct gre_out *o, uint8_t *ip, size_t n,
    struct gre_outv *ov)
{
	o->kind = GRE_OUT_TUN;
	o->sid = s->sid;
	o->dst = 0;
	o->data = ip;
	o->len = n;
	s->ctr.rx_pkts++;
	s->ctr.rx_bytes += n;
	ov->n++;
}

/*
 * An inner IPv4 packet at ip (inside o->buf, with its protocol field
 * 00 21 in the two bytes before it).
 */
static void
rx_ip(struct gre_table *t, struct gre_sess *s, uint64_t now, struct gre_out *o,
    uint8_t *ip, size_t n, struct gre_outv *ov)
{
	size_t	hl, tot;

	/* Never trust the inner header length: check it against n. */
	if (n < 20 || (ip[0] >> 4) != 4) {
		gre_count_drop(t, s, GRE_DROP_INNER_BAD);
		return;
	}
	hl = (size_t)(ip[0] & 0x0f) * 4;
	tot = get16(ip + 2);
	if (hl < 20 || hl > n || tot < hl || tot > n) {
		gre_count_drop(t, s, GRE_DROP_INNER_BAD);
		return;
	}
	n = tot;	/* drop PPP padding */
	/* DHCPINFORM (and any DHCP to the server port) is ctrl's. */
	if (ip[9] == IPPROTO_UDP_NUM && (get16(ip + 6) & 0x1fff) == 0 &&
	    tot - hl >= 8 && get16(ip + hl + 2) == DHCP_SERVER_PORT) {
		to_ctrl(s, o, ip - 2, n + 2, ov);
		return;
	}
	if (s->inner_addr == 0 || !gre_framed_src_ok(t, s, get32(ip + 12))) {
		gre_count_drop(t, s, GRE_DROP_INGRESS);
		return;
	}
	/* client-to-client traffic only when the config allows it */
	if (!t->client_to_client && (gre_sess_by_dst(t, get32(ip + 16)) !=
	    NULL || gre_peer_has(t, get32(ip + 16)))) {
		gre_count_drop(t, s, GRE_DROP_C2C);
		return;
	}
	/* the user's upload limit: after decryption, so MPPE stays in step */
	if (!police_pass(&s->up, n, now)) {
		gre_count_drop(t, s, GRE_DROP_RATE_UP);
		return;
	}
	if (s->mss != 0)
		(void)mss_clamp(ip, n, s->mss);
	to_tun(s, o, ip, n, ov);
}

/*
 * What of a client's IPv6 is ctrl's, as DHCP is for IPv4: Router
 * Solicitations (RFC 4861) and DHCPv6 to the server port (RFC 8415),
 * when they follow the fixed header directly.  ctrl parses them.
 */
static bool
ip6_for_ctrl(const uint8_t *ip, size_t n)
{
	if (ip[6] == IPPROTO_ICMPV6_NUM)
		return n > IP6_HDR_LEN && ip[IP6_HDR_LEN] ==
		    ICMP6_ROUTER_SOLICIT;
	if (ip[6] == IPPROTO_UDP_NUM)
		return n >= IP6_HDR_LEN + 8 &&
		    get16(ip + IP6_HDR_LEN + 2) == DHCP6_SERVER_PORT;
	return false;
}

/* fe80::/10 (link-local) or :: (unspecified, as in DAD). */
static bool
ip6_local_src(const uint8_t *a)
{
	return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
	    (get64(a) == 0 && get64(a + 8) == 0);
}

/*
 * An inner IPv6 packet at ip (inside o->buf, with its protocol field
 * 00 57 in the two bytes before it).  Anti-spoof: its source must lie
 * in the session's /64; a link-local or unspecified source stays on
 * the link (what of it is ctrl's goes there, the rest is dropped and
 * counted apart from spoofs).  The first spoofed source is kept for
 * gre/main.c to log.
 */
static void
rx_ip6(struct gre_table *t, struct gre_sess *s, uint64_t now,
    struct gre_out *o, uint8_t *ip, size_t n, struct gre_outv *ov)
{
	size_t	tot;

	if (n < IP6_HDR_LEN || (ip[0] >> 4) != 6 ||
	    (tot = IP6_HDR_LEN + get16(ip + 4)) > n) {
		gre_count_drop(t, s, GRE_DROP_INNER_BAD);
		return;
	}
	n = tot;	/* drop PPP padding */
	if (ip6_for_ctrl(ip, n)) {
		to_ctrl(s, o, ip - 2, n + 2, ov);
		return;
	}
	if (s->prefix6 == 0 || get64(ip + 8) != s->prefix6) {
		if (ip6_local_src(ip + 8)) {
			gre_count_drop(t, s, GRE_DROP_LOCAL6);
			return;
		}
		if (s->ctr.drop[GRE_DROP_INGRESS6] == 0)
			memcpy(s->spoof6_src, ip + 8, sizeof(s->spoof6_src));
		gre_count_drop(t, s, GRE_DROP_INGRESS6);
		return;
	}
	if (!t->client_to_client && gre_sess_by_prefix6(t, get64(ip + 24)) !=
	    NULL) {
		gre_count_drop(t, s, GRE_DROP_C2C);
		return;
	}
	if (!police_pass(&s->up, n, now)) {
		gre_count_drop(t, s, GRE_DROP_RATE_UP);
		return;
	}
	if (s->mss > MSS6_LESS)
		(void)mss_clamp6(ip, n, (uint16_t)(s->mss - MSS6_LESS));
	to_tun(s, o, ip, n, ov);
}

/* A decoded frame of protocol proto at f (2-byte protocol first). */
static void
rx_inner(struct gre_table *t, struct gre_sess *s, uint64_t now,
    struct gre_out *o, uint16_t proto, uint8_t *f, size_t n,
    struct gre_outv *ov)
{
	switch (proto) {
	case PPP_PROTO_IP:
		rx_ip(t, s, now, o, f + 2, n - 2, ov);
		break;
	case PPP_PROTO_IPV6:
		rx_ip6(t, s, now, o, f + 2, n - 2, ov);
		break;
	default:
		to_ctrl(s, o, f, n, ov);
		break;
	}
}

static void
send_reset_req(struct gre_table *t, struct gre_sess *s, uint64_t now,
    struct gre_outv *ov)
{
	struct gre_out	*o;

	if ((o = out_slot(ov)) == NULL) {
		gre_count_drop(t, s, GRE_DROP_OUT_FULL);
		return;
	}
	if (gre_tx_ccp_reset(s, CCP_RESET_REQ, s->rr_id++, o) == HP_OK)
		ov->n++;
	s->rr_sent = now;
}

static void
rx_mppe(struct gre_table *t, struct gre_sess *s, const uint8_t *f, size_t n,
    uint64_t now, struct gre_outv *ov)
{
	struct gre_out		*o;
	enum mppe_rx_res	 res;
	enum gre_drop		 why;
	uint16_t		 proto;
	size_t			 dlen, plen;
	uint8_t			*fr;

	if (!s->rx.on) {
		gre_count_drop(t, s, GRE_DROP_MPPE_OFF);
		return;
	}
	/* Checked by the caller's capacity rule; never skip decryption
	 * for want of a buffer or the RC4 state would fall behind. */
	if ((o = out_slot(ov)) == NULL) {
		gre_count_drop(t, s, GRE_DROP_OUT_FULL);
		return;
	}
	/*
	 * One spare byte in front to restore a compressed protocol, and
	 * room for the tun's virtio-net header before the packet.
	 */
	res = mppe_decrypt(&s->rx, f, n, o->buf + GRE_TUN_ROOM - 1, &dlen,
	    &why);
	if (res == MPPE_RX_RESET) {
		gre_count_drop(t, s, why);
		send_reset_req(t, s, now, ov);
		return;
	}
	if (res != MPPE_RX_OK) {
		gre_count_drop(t, s, why);
		return;
	}
	if (ppp_proto_decode(o->buf + GRE_TUN_ROOM - 1, dlen, &proto, &plen) !=
	    HP_OK) {
		gre_count_drop(t, s, GRE_DROP_PPP_BAD);
		return;
	}
	if (plen == 1) {
		o->buf[GRE_TUN_ROOM - 2] = 0;
		fr = o->buf + GRE_TUN_ROOM - 2;
	} else
		fr = o->buf + GRE_TUN_ROOM - 1;
	dlen += 2 - plen;	/* now counts a 2-byte protocol */
	if (proto == PPP_PROTO_MPPE)
		gre_count_drop(t, s, GRE_DROP_MPPE_NESTED);
	else
		rx_inner(t, s, now, o, proto, fr, dlen, ov);
}

/*
 * CCP Reset-Request/Ack in clear are ours while MPPE runs (RFC 1962
 * 5.7, RFC 3078 8).  Returns false for anything that is ctrl's.
 */
static bool
rx_ccp(struct gre_table *t, struct gre_sess *s, const uint8_t *f, size_t n,
    struct gre_outv *ov)
{
	struct gre_out	*o;
	uint16_t	 len;

	if (!s->tx.on && !s->rx.on)
		return false;
	if (n < 1 || (f[0] != CCP_RESET_REQ && f[0] != CCP_RESET_ACK))
		return false;
	if (n < 4 || (len = get16(f + 2)) < 4 || len > n) {
		gre_count_drop(t, s, GRE_DROP_CCP_BAD);
		return true;
	}
	if (f[0] == CCP_RESET_ACK)
		return true;	/* resync rides on the A bit; nothing to do */
	if (s->tx.on)
		mppe_tx_reset(&s->tx);
	if ((o = out_slot(ov)) == NULL) {
		gre_count_drop(t, s, GRE_DROP_OUT_FULL);
		return true;
	}
	if (gre_tx_ccp_reset(s, CCP_RESET_ACK, f[1], o) == HP_OK)
		ov->n++;
	return true;
}

/*
 * An LCP Echo-Reply while gre runs the keepalive: the answer it waits
 * for (any Reply counts, as pppd takes them), not for ctrl.  Anything
 * else of LCP, or a Reply too short to be one, goes on to ctrl.
 */
static bool
rx_echo_reply(struct gre_sess *s, const uint8_t *f, size_t n)
{
	uint16_t	len;

	if (s->echo.due == 0 || n < LCP_ECHO_LEN || f[0] != LCP_ECHOREP)
		return false;
	len = get16(f + 2);
	if (len < LCP_ECHO_LEN || len > n)
		return false;
	s->echo.out = 0;
	s->ctr.echo_rep++;
	return true;
}

/* One GRE payload, in sequence order. */
static void
rx_frame(struct gre_table *t, struct gre_sess *s, const uint8_t *f, size_t n,
    uint64_t now, struct gre_outv *ov)
{
	struct gre_out	*o;
	uint16_t	 proto;
	size_t		 hl;

	if (ppp_frame_decode(f, n, &proto, &hl) != HP_OK) {
		gre_count_drop(t, s, GRE_DROP_PPP_BAD);
		return;
	}
	f += hl;
	n -= hl;
	if (proto == PPP_PROTO_MPPE) {
		rx_mppe(t, s, f, n, now, ov);
		return;
	}
	if (proto == PPP_PROTO_CCP && rx_ccp(t, s, f, n, ov))
		return;
	if (proto == PPP_PROTO_LCP && rx_echo_reply(s, f, n))
		return;
	/*
	 * RFC 3078 section 3: only protocols 0x0021..0x00FA are encrypted;
	 * control protocols (LCP, CCP, and NCPs such as IPCP, which Linux
	 * pppd writes past the kernel's compressor) may come in clear.
	 */
	if ((s->rx.on || s->require_mppe) && mppe_covers(proto)) {
		gre_count_drop(t, s, GRE_DROP_UNENCRYPTED);
		return;
	}
	if ((o = out_slot(ov)) == NULL) {
		gre_count_drop(t, s, GRE_DROP_OUT_FULL);
		return;
	}
	/* n <= GRE_PAYLOAD_MAX <= GRE_BUF_SIZE - GRE_TUN_ROOM */
	o->buf[GRE_TUN_ROOM - 2] = (uint8_t)(proto >> 8);
	o->buf[GRE_TUN_ROOM - 1] = (uint8_t)proto;
	memcpy(o->buf + GRE_TUN_ROOM, f, n);
	rx_inner(t, s, now, o, proto, o->buf + GRE_TUN_ROOM - 2, n + 2, ov);
}

static void
rx_batch(struct gre_table *t, struct gre_pool *pool, struct gre_sess *s,
    const struct seq_batch *b, const uint8_t *cur, size_t curlen, uint64_t now,
    struct gre_outv *ov)
{
	unsigned	i;
	uint16_t	idx;

	for (i = 0; i < b->n; i++) {
		idx = b->item[i];
		if (idx == SEQ_ITEM_CUR)
			rx_frame(t, s, cur, curlen, now, ov);
		else {
			rx_frame(t, s, gre_pool_data(pool, idx),
			    gre_pool_len(pool, idx), now, ov);
			gre_pool_free(pool, idx);
		}
	}
}

/*
 * A decoded GRE header from a source the caller has checked: acks,
 * the reorder window, then each deliverable frame.
 */
static int
rx_gre(struct gre_table *t, struct gre_pool *pool, struct gre_sess *s,
    const struct gre_hdr *h, const uint8_t *payload, uint64_t now,
    struct gre_outv *ov)
{
	struct seq_batch	 b;
	enum seq_rx_res		 res;

	if (h->has_ack)
		seq_rx_ack(&s->seq, h->ack);
	if (h->payload_len == 0)
		return HP_OK;		/* ack only */
	res = seq_rx(&s->seq, pool, h->seq, payload, h->payload_len, now, &b);
	rx_batch(t, pool, s, &b, payload, h->payload_len, now, ov);
	sess_rearm(t, s);
	switch (res) {
	case SEQ_RX_DELIVER:
	case SEQ_RX_HELD:
		return HP_OK;
	case SEQ_RX_STALE:
		return drop(t, s, GRE_DROP_SEQ_STALE, HP_E_RANGE);
	case SEQ_RX_DUP:
		return drop(t, s, GRE_DROP_SEQ_DUP, HP_E_DUP);
	case SEQ_RX_NOBUF:
		return drop(t, s, GRE_DROP_SEQ_NOBUF, HP_E_NOMEM);
	}
	return HP_OK;
}

int
gre_rx_packet(struct gre_table *t, struct gre_pool *pool, const uint8_t *raw,
    size_t n, uint64_t now, struct gre_outv *ov)
{
	struct gre_pkt		 pkt;
	struct gre_sess		*s;
	enum gre_drop		 why;
	int			 e;

	if (ov->cap - ov->n < GRE_RX_MAX_OUT)
		return HP_E_AGAIN;
	if ((e = gre_pkt_decode(raw, n, &pkt, &why)) != HP_OK)
		return drop(t, NULL, why, e);
	if ((s = gre_sess_by_call(t, pkt.gre.call_id)) == NULL)
		return drop(t, NULL, GRE_DROP_NOSESS, HP_E_NOTFOUND);
	/* Anti-spoof before anything touches session state. */
	if (s->peer_is6 || pkt.src != s->peer_addr)
		return drop(t, s, GRE_DROP_SPOOF, HP_E_PERM);
	return rx_gre(t, pool, s, &pkt.gre, pkt.payload, now, ov);
}

int
gre_rx_packet6(struct gre_table *t, struct gre_pool *pool,
    const uint8_t src6[16], const uint8_t *raw, size_t n, uint64_t now,
    struct gre_outv *ov)
{
	struct gre_hdr		 h;
	const uint8_t		*payload;
	struct gre_sess		*s;
	enum gre_drop		 why;
	int			 e;

	if (ov->cap - ov->n < GRE_RX_MAX_OUT)
		return HP_E_AGAIN;
	if ((e = gre_hdr_decode(raw, n, &h, &payload, &why)) != HP_OK)
		return drop(t, NULL, why, e);
	if ((s = gre_sess_by_call(t, h.call_id)) == NULL)
		return drop(t, NULL, GRE_DROP_NOSESS, HP_E_NOTFOUND);
	/* Anti-spoof: the call's own control-connection peer, exactly. */
	if (!s->peer_is6 || memcmp(src6, s->peer_addr6, 16) != 0)
		return drop(t, s, GRE_DROP_SPOOF, HP_E_PERM);
	return rx_gre(t, pool, s, &h, payload, now, ov);
}

/*
 * Build a GRE packet to the peer in o->buf: GRE header (seq, ack if we
 * have received anything), PPP header, then either the MPPE header and
 * the encrypted protocol + payload, or protocol + payload in clear.
 */
static int
tx_build(struct gre_sess *s, uint16_t proto, const uint8_t *p, size_t n,
    bool encrypt, struct gre_out *o)
{
	uint8_t		*w, *dst, pbuf[2], mh[MPPE_HDR_LEN];
	size_t		 ghl, phl, plen;
	uint32_t	 seq, ack;
	bool		 has_ack;

	if (n > GRE_TX_MAX)
		return HP_E_LONG;
	if (encrypt) {
		phl = ppp_frame_hdr_len(PPP_PROTO_MPPE, s->acfc, s->pfc);
		plen = phl + MPPE_HDR_LEN + 2 + n;
	} else {
		phl = ppp_frame_hdr_len(proto, s->acfc, s->pfc);
		plen = phl + n;
	}
	seq = seq_tx_next(&s->seq);
	has_ack = seq_tx_ack(&s->seq, &ack);
	ghl = gre_hdr_encode(o->buf, sizeof(o->buf), s->peer_call_id,
	    (uint16_t)plen, true, seq, has_ack, ack);
	if (ghl == 0)
		return HP_E_LONG;	/* cannot happen: buf is large */
	w = o->buf + ghl;
	w += ppp_frame_hdr_encode(w, encrypt ? PPP_PROTO_MPPE : proto,
	    s->acfc, s->pfc);
	dst = w + (encrypt ? MPPE_HDR_LEN + 2 : 0);
	/*
	 * The loop may read the packet straight into o->buf at
	 * GRE_TX_OVERHEAD (no copy); the headers can be shorter than that,
	 * so move it down first when the two overlap.  RC4 then runs in
	 * place, which RC4 allows (dst == src, no other overlap).
	 */
	if (p != dst && (uintptr_t)p < (uintptr_t)(o->buf + sizeof(o->buf)) &&
	    (uintptr_t)(p + n) > (uintptr_t)o->buf) {
		memmove(dst, p, n);
		p = dst;
	}
	if (encrypt) {
		/* Inner protocol always in full: every receiver takes it. */
		pbuf[0] = (uint8_t)(proto >> 8);
		pbuf[1] = (uint8_t)proto;
		mppe_encrypt_begin(&s->tx, mh);
		memcpy(w, mh, MPPE_HDR_LEN);
		mppe_crypt(&s->tx, w + MPPE_HDR_LEN, pbuf, 2);
		mppe_crypt(&s->tx, dst, p, n);
	} else if (p != dst)
		memcpy(dst, p, n);
	o->kind = GRE_OUT_GRE;
	o->sid = s->sid;
	set_dst(s, o);
	o->data = o->buf;
	o->len = ghl + plen;
	return HP_OK;
}

int
gre_tx_ip(struct gre_table *t, uint8_t *ip, size_t len, uint64_t now,
    struct gre_out *o)
{
	struct gre_sess	*s;
	size_t		 tot;
	int		 e;

	o->len = 0;
	if (len >= 1 && (ip[0] >> 4) == 6)
		return tx_ip6(t, ip, len, now, o);
	if (len < 20 || (ip[0] >> 4) != 4 ||
	    (tot = get16(ip + 2)) < 20 || tot > len)
		return drop(t, NULL, GRE_DROP_TX_BAD, HP_E_FORMAT);
	if ((s = gre_sess_by_dst(t, get32(ip + 16))) == NULL)
		return drop(t, NULL, GRE_DROP_TX_NOSESS, HP_E_NOTFOUND);
	if (!s->tx.on && s->require_mppe)
		return drop(t, s, GRE_DROP_TX_NOMPPE, HP_E_PERM);
	if (tot > GRE_TX_MAX)
		return drop(t, s, GRE_DROP_TX_TOOBIG, HP_E_LONG);
	/* the download limit: before encryption, which a drop must not skip */
	if (!police_pass(&s->down, tot, now))
		return drop(t, s, GRE_DROP_RATE_DOWN, HP_E_AGAIN);
	if (s->mss != 0)
		(void)mss_clamp(ip, tot, s->mss);
	if ((e = tx_build(s, PPP_PROTO_IP, ip, tot, s->tx.on, o)) != HP_OK)
		return drop(t, s, GRE_DROP_TX_TOOBIG, e);
	s->ctr.tx_pkts++;
	s->ctr.tx_bytes += tot;
	return HP_OK;
}

/* gre_tx_ip for IPv6: the session whose /64 holds the destination. */
static int
tx_ip6(struct gre_table *t, uint8_t *ip, size_t len, uint64_t now,
    struct gre_out *o)
{
	struct gre_sess	*s;
	size_t		 tot;
	int		 e;

	if (len < IP6_HDR_LEN || (tot = IP6_HDR_LEN + get16(ip + 4)) > len)
		return drop(t, NULL, GRE_DROP_TX_BAD, HP_E_FORMAT);
	if ((s = gre_sess_by_prefix6(t, get64(ip + 24))) == NULL)
		return drop(t, NULL, GRE_DROP_TX_NOSESS, HP_E_NOTFOUND);
	if (!s->tx.on && s->require_mppe)
		return drop(t, s, GRE_DROP_TX_NOMPPE, HP_E_PERM);
	if (tot > GRE_TX_MAX)
		return drop(t, s, GRE_DROP_TX_TOOBIG, HP_E_LONG);
	if (!police_pass(&s->down, tot, now))
		return drop(t, s, GRE_DROP_RATE_DOWN, HP_E_AGAIN);
	if (s->mss > MSS6_LESS)
		(void)mss_clamp6(ip, tot, (uint16_t)(s->mss - MSS6_LESS));
	if ((e = tx_build(s, PPP_PROTO_IPV6, ip, tot, s->tx.on, o)) != HP_OK)
		return drop(t, s, GRE_DROP_TX_TOOBIG, e);
	s->ctr.tx_pkts++;
	s->ctr.tx_bytes += tot;
	return HP_OK;
}

int
gre_tx_ctrl(struct gre_table *t, struct gre_sess *s, const uint8_t *f,
    size_t n, struct gre_out *o)
{
	uint16_t	proto;
	bool		enc;
	int		e;

	o->len = 0;
	/* ctrl sends the protocol in full; its low byte is odd. */
	if (n < 2 || (f[0] & 1) != 0 || (f[1] & 1) == 0)
		return drop(t, s, GRE_DROP_TX_BAD, HP_E_FORMAT);
	proto = get16(f);
	/* control protocols go in clear, as pppd sends them (RFC 3078 s3) */
	enc = s->tx.on && mppe_covers(proto);
	if (!enc && proto == PPP_PROTO_IP && s->require_mppe)
		return drop(t, s, GRE_DROP_TX_NOMPPE, HP_E_PERM);
	if ((e = tx_build(s, proto, f + 2, n - 2, enc, o)) != HP_OK)
		return drop(t, s, GRE_DROP_TX_TOOBIG, e);
	s->ctr.ctrl_out++;
	return HP_OK;
}

int
gre_tx_ccp_reset(struct gre_sess *s, uint8_t code, uint8_t id,
    struct gre_out *o)
{
	const uint8_t	ccp[4] = { code, id, 0, 4 };

	if (code != CCP_RESET_REQ && code != CCP_RESET_ACK)
		return HP_E_RANGE;
	return tx_build(s, PPP_PROTO_CCP, ccp, sizeof(ccp), false, o);
}

int
gre_tx_ack(struct gre_sess *s, struct gre_out *o)
{
	uint32_t	ack;
	size_t		ghl;

	o->len = 0;
	if (!seq_tx_ack(&s->seq, &ack))
		return HP_E_AGAIN;	/* nothing received: nothing to ack */
	ghl = gre_hdr_encode(o->buf, sizeof(o->buf), s->peer_call_id, 0,
	    false, 0, true, ack);
	o->kind = GRE_OUT_GRE;
	o->sid = s->sid;
	set_dst(s, o);
	o->data = o->buf;
	o->len = ghl;
	return HP_OK;
}

/* The earliest time something is due for s; false if nothing is. */
static bool
sess_deadline(const struct gre_sess *s, uint64_t *when)
{
	uint64_t	w;
	bool		any = false;

	if (seq_rx_deadline(&s->seq, &w)) {
		*when = w;
		any = true;
	}
	if (seq_ack_deadline(&s->seq, &w) && (!any || w < *when)) {
		*when = w;
		any = true;
	}
	if (s->rx.on && s->rx.discard) {
		w = s->rr_sent + GRE_RR_RETRY_MS;
		if (!any || w < *when)
			*when = w;
		any = true;
	}
	if (s->echo.due != 0 && (!any || s->echo.due < *when)) {
		*when = s->echo.due;
		any = true;
	}
	return any;
}

/* Put the session at its exact next deadline in the heap, or out of it. */
static void
sess_rearm(struct gre_table *t, struct gre_sess *s)
{
	uint64_t	w;

	if (sess_deadline(s, &w))
		gre_sess_arm(t, s, w);
	else
		gre_sess_disarm(t, s);
}

/*
 * When the next Echo-Request is due: an interval on, rounded up to the
 * echo grid, so that one wake-up sends the Requests of many sessions
 * in one sendmmsg, and their Replies, and the acks those call for,
 * come back as batches too.
 */
static uint64_t
echo_next(uint64_t now, uint32_t interval_ms)
{
	uint64_t t = now + interval_ms;

	return t + (GRE_ECHO_GRID_MS - t % GRE_ECHO_GRID_MS) %
	    GRE_ECHO_GRID_MS;
}

void
gre_sess_set_echo(struct gre_table *t, struct gre_sess *s, uint32_t magic,
    uint16_t interval_s, uint8_t failures, uint64_t now)
{
	memset(&s->echo, 0, sizeof(s->echo));
	if (interval_s != 0 && failures != 0) {
		s->echo.interval_ms = (uint32_t)interval_s * 1000;
		s->echo.magic = magic;
		s->echo.failures = failures;
		s->echo.due = echo_next(now, s->echo.interval_ms);
	}
	sess_rearm(t, s);
}

/*
 * The keepalive's turn: the link is dead after failures unanswered
 * Echo-Requests in a row (then off: master ends the session), else the
 * next Request goes out.
 */
static void
echo_due(struct gre_sess *s, uint64_t now, struct gre_outv *ov)
{
	struct gre_out	*o = &ov->v[ov->n];
	uint8_t		 e[LCP_ECHO_LEN];

	if (s->echo.out >= s->echo.failures) {
		o->kind = GRE_OUT_DEAD;
		o->sid = s->sid;
		o->buf[0] = s->echo.out;
		o->data = o->buf;
		o->len = 1;
		ov->n++;
		memset(&s->echo, 0, sizeof(s->echo));
		return;
	}
	e[0] = LCP_ECHOREQ;
	e[1] = s->echo.id++;
	put16(e + 2, LCP_ECHO_LEN);
	put32(e + 4, s->echo.magic);
	/* LCP goes in clear, with address and control (RFC 1661 6.6) */
	if (tx_build(s, PPP_PROTO_LCP, e, sizeof(e), false, o) == HP_OK) {
		ov->n++;
		s->ctr.echo_req++;
	}
	s->echo.out++;
	s->echo.due = echo_next(now, s->echo.interval_ms);
}

bool
gre_table_due(const struct gre_table *t, uint64_t now)
{
	const struct gre_sess *s = gre_table_top(t);

	return s != NULL && now >= s->due;
}

bool
gre_table_next(const struct gre_table *t, uint64_t *when)
{
	const struct gre_sess *s = gre_table_top(t);

	if (s == NULL)
		return false;
	*when = s->due;
	return true;
}

int
gre_table_poll(struct gre_table *t, struct gre_pool *pool, uint64_t now,
    struct gre_outv *ov, uint64_t *next, bool *have_next)
{
	struct gre_sess		*s;
	struct seq_batch	 b;
	uint64_t		 w;

	*have_next = false;
	*next = 0;
	if (ov->cap < GRE_OUT_MIN)
		return HP_E_RANGE;
	while ((s = gre_table_top(t)) != NULL && s->due <= now) {
		/* The key may be early (a piggy-backed ack): check. */
		if (!sess_deadline(s, &w)) {
			gre_sess_disarm(t, s);
			continue;
		}
		if (w > now) {
			gre_sess_arm(t, s, w);
			continue;
		}
		/* Room for a release, an ack, a Reset-Request, an echo. */
		if (ov->cap - ov->n < GRE_OUT_MIN)
			return HP_E_AGAIN;
		seq_rx_expire(&s->seq, now, &b);
		rx_batch(t, pool, s, &b, NULL, 0, now, ov);
		if (s->rx.on && s->rx.discard &&
		    now - s->rr_sent >= GRE_RR_RETRY_MS)
			send_reset_req(t, s, now, ov);
		if (seq_ack_due(&s->seq, now) &&
		    gre_tx_ack(s, &ov->v[ov->n]) == HP_OK)
			ov->n++;
		if (s->echo.due != 0 && now >= s->echo.due)
			echo_due(s, now, ov);
		if (!sess_deadline(s, &w))
			gre_sess_disarm(t, s);
		else	/* never again at now: that would loop */
			gre_sess_arm(t, s, w > now ? w : now + 1);
	}
	*have_next = gre_table_next(t, next);
	return HP_OK;
}
