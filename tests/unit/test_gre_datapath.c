/*
 * Unit tests: gre/datapath.c and gre/sess.c - the whole receive and
 * transmit paths against a simulated client (its own MPPE state and GRE
 * sequence numbers): decryption to tun, anti-spoof and ingress drops,
 * control frames to ctrl, DHCP to ctrl, CCP resets in both directions,
 * reordering, ack-only packets, MSS clamping, malformed input from
 * VECTORS.md, and the per-session memory bound.
 *
 * With GRE_SEED_DIR set, test_gen_seeds also writes the fuzz seed
 * corpus for tests/fuzz/fuzz_gre_rx.c (same sessions and keys).
 */
#include <sys/types.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "gre/datapath.h"
#include "gre/mss.h"

/* Same values as tests/fuzz/fuzz_gre_rx.c. */
#define S1_CALL		0x1001
#define S1_PCALL	0x5001
#define S1_PEER		0xc000020a	/* 192.0.2.10 */
#define S1_ADDR		0x0a6400c9	/* 10.100.0.201 */
#define S2_CALL		0x1002
#define S2_PCALL	0x5002
#define S2_PEER		0xc000020b
#define S2_ADDR		0x0a6400ca
#define LAN_HOST	0xc0a80105	/* 192.168.1.5 */
/* IPv6 (ipv6 pool): each session's /64 as its upper 64 bits */
#define S1_PFX6		0x20010db801000001ULL	/* 2001:db8:100:1::/64 */
#define S2_PFX6		0x20010db801000002ULL

static const uint8_t key_send[16] = {	/* server sends with it */
	0x8b, 0x7c, 0xdc, 0x14, 0x9b, 0x99, 0x3a, 0x1b,
	0xa1, 0x18, 0xcb, 0x15, 0x3f, 0x56, 0xdc, 0xcb };
static const uint8_t key_recv[16] = {
	0xd5, 0xf0, 0xe9, 0x52, 0x1e, 0x3e, 0xa9, 0x58,
	0x96, 0x45, 0xe8, 0x60, 0x51, 0xc8, 0x22, 0x26 };

/* The simulated client of one session. */
struct cli {
	uint16_t	call;		/* server's call ID (GRE key we send) */
	uint32_t	peer;		/* our outer address */
	uint32_t	seq;
	struct mppe_dir	tx, rx;
};

struct fx {
	struct gre_pool		 pool;
	struct gre_table	 t;
	struct gre_sess		*s1, *s2;
	struct cli		 c1, c2;
	struct gre_out		 outs[GRE_OUT_MIN + 8];
	struct gre_outv		 ov;
};

static struct fx	F;

static int
setup(void **state)
{
	struct fx		*f = &F;
	struct gre_sess_conf	 c;

	memset(f, 0, sizeof(*f));
	assert_int_equal(gre_pool_init(&f->pool, 64), HP_OK);
	assert_int_equal(gre_table_init(&f->t, 16), HP_OK);
	c = (struct gre_sess_conf){
		    .sid = 1, .call_id = S1_CALL,
		    .peer_call_id = S1_PCALL, .peer_addr = S1_PEER,
		    .peer_rwin = 64 };
	assert_int_equal(gre_sess_add(&f->t, &c, &f->s1), HP_OK);
	c = (struct gre_sess_conf){
		    .sid = 2, .call_id = S2_CALL,
		    .peer_call_id = S2_PCALL, .peer_addr = S2_PEER,
		    .peer_rwin = 64 };
	assert_int_equal(gre_sess_add(&f->t, &c, &f->s2), HP_OK);
	assert_int_equal(gre_sess_set_addr(&f->t, f->s1, S1_ADDR), HP_OK);
	assert_int_equal(gre_sess_set_addr(&f->t, f->s2, S2_ADDR), HP_OK);
	gre_sess_set_link(f->s1, false, false, 1360, true);
	gre_sess_set_link(f->s2, true, true, 0, false);
	gre_sess_set_keys(f->s1, key_send, key_recv);
	gre_sess_set_keys(f->s2, key_send, key_recv);
	assert_int_equal(gre_sess_set_mppe(f->s1, MPPE_128, true), HP_OK);
	assert_int_equal(gre_sess_set_mppe(f->s2, MPPE_40, false), HP_OK);
	f->c1.call = S1_CALL;
	f->c1.peer = S1_PEER;
	f->c2.call = S2_CALL;
	f->c2.peer = S2_PEER;
	/* The client sends with the server's receive key. */
	assert_int_equal(mppe_init(&f->c1.tx, key_recv, MPPE_128, true), HP_OK);
	assert_int_equal(mppe_init(&f->c1.rx, key_send, MPPE_128, true), HP_OK);
	assert_int_equal(mppe_init(&f->c2.tx, key_recv, MPPE_40, false), HP_OK);
	assert_int_equal(mppe_init(&f->c2.rx, key_send, MPPE_40, false), HP_OK);
	f->ov = (struct gre_outv){ f->outs, 0,
	    sizeof(f->outs) / sizeof(f->outs[0]) };
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	/* the clients' stateful directions hold allocated RC4 state */
	mppe_wipe(&f->c1.tx);
	mppe_wipe(&f->c1.rx);
	mppe_wipe(&f->c2.tx);
	mppe_wipe(&f->c2.rx);
	gre_table_fini(&f->t, &f->pool);
	assert_int_equal(f->pool.nfree, f->pool.n);
	gre_pool_fini(&f->pool);
	return 0;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* An inner IPv4 UDP packet src -> dst:dport with n payload bytes. */
static size_t
mk_udp(uint8_t *p, uint32_t src, uint32_t dst, uint16_t dport, size_t n)
{
	size_t	tot = 28 + n, i;

	memset(p, 0, 28);
	p[0] = 0x45;
	put16(p + 2, (uint16_t)tot);
	p[8] = 64;
	p[9] = 17;
	put32(p + 12, src);
	put32(p + 16, dst);
	put16(p + 20, 68);
	put16(p + 22, dport);
	put16(p + 24, (uint16_t)(8 + n));
	for (i = 0; i < n; i++)
		p[28 + i] = (uint8_t)(i ^ 0x5a);
	return tot;
}

/* A TCP SYN with MSS 1460 (checksum not needed for this path). */
static size_t
mk_syn(uint8_t *p, uint32_t src, uint32_t dst)
{
	memset(p, 0, 44);
	p[0] = 0x45;
	put16(p + 2, 44);
	p[8] = 64;
	p[9] = 6;
	put32(p + 12, src);
	put32(p + 16, dst);
	p[32] = 6 << 4;
	p[33] = 0x02;
	p[40] = 2;
	p[41] = 4;
	put16(p + 42, 1460);
	return 44;
}

/*
 * A raw datagram from the client: outer IPv4 (src), GRE with seq (and
 * ack if asked), PPP frame ppp[0..n).
 */
static size_t
cli_raw(const struct cli *c, uint32_t src, uint32_t seq, const uint8_t *ppp,
    size_t n, uint8_t *raw)
{
	size_t	gl;

	memset(raw, 0, 20);
	raw[0] = 0x45;
	raw[8] = 64;
	raw[9] = 47;
	put32(raw + 12, src);
	put32(raw + 16, 0xc0000201);
	gl = gre_hdr_encode(raw + 20, 16, c->call, (uint16_t)n, true, seq,
	    false, 0);
	assert_int_not_equal(gl, 0);
	memcpy(raw + 20 + gl, ppp, n);
	put16(raw + 2, (uint16_t)(20 + gl + n));
	return 20 + gl + n;
}

/* PPP frame in clear: FF 03 proto(2) data. */
static size_t
ppp_clear(uint16_t proto, const uint8_t *d, size_t n, uint8_t *out)
{
	out[0] = 0xff;
	out[1] = 0x03;
	put16(out + 2, proto);
	memcpy(out + 4, d, n);
	return n + 4;
}

/* PPP frame FF 03 00 FD + MPPE(proto + d), proto 1 byte if pfc. */
static size_t
ppp_mppe(struct cli *c, uint16_t proto, bool pfc, const uint8_t *d,
    size_t n, uint8_t *out)
{
	uint8_t	in[2100];
	size_t	pl = 0;

	if (pfc && proto < 0x100)
		in[pl++] = (uint8_t)proto;
	else {
		put16(in, proto);
		pl = 2;
	}
	memcpy(in + pl, d, n);
	out[0] = 0xff;
	out[1] = 0x03;
	out[2] = 0x00;
	out[3] = 0xfd;
	mppe_encrypt(&c->tx, in, pl + n, out + 4);
	return 4 + 2 + pl + n;
}

/* Client sends inner IP packet ip (encrypted) as its next seq. */
static size_t
cli_ip(struct cli *c, const uint8_t *ip, size_t n, uint8_t *raw)
{
	uint8_t	ppp[2100];
	size_t	pn = ppp_mppe(c, 0x0021, false, ip, n, ppp);

	return cli_raw(c, c->peer, c->seq++, ppp, pn, raw);
}

static int
rx(struct fx *f, const uint8_t *raw, size_t n, uint64_t now)
{
	return gre_rx_packet(&f->t, &f->pool, raw, n, now, &f->ov);
}

/* The client decodes a GRE packet the server sent: PPP proto + data. */
static size_t
cli_decode(struct cli *c, const struct gre_out *o, uint16_t *proto,
    uint8_t *out, struct gre_hdr *h)
{
	const uint8_t	*pl;
	enum gre_drop	 why;
	uint16_t	 pp;
	size_t		 hl, n, dl, ipl;
	uint8_t		 dec[2100];

	assert_int_equal(o->kind, GRE_OUT_GRE);
	assert_int_equal(gre_hdr_decode(o->data, o->len, h, &pl, &why), HP_OK);
	if (h->payload_len == 0)
		return 0;
	assert_int_equal(ppp_frame_decode(pl, h->payload_len, &pp, &hl),
	    HP_OK);
	n = h->payload_len - hl;
	if (pp != PPP_PROTO_MPPE) {
		*proto = pp;
		memcpy(out, pl + hl, n);
		return n;
	}
	assert_int_equal(mppe_decrypt(&c->rx, pl + hl, n, dec, &dl, &why),
	    MPPE_RX_OK);
	assert_int_equal(ppp_proto_decode(dec, dl, proto, &ipl), HP_OK);
	memcpy(out, dec + ipl, dl - ipl);
	return dl - ipl;
}

static void
test_rx_ip(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[1500], raw[2100];
	size_t		 n, rn;

	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 1200);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 1000), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
	assert_int_equal(f->outs[0].sid, 1);
	assert_int_equal(f->outs[0].len, n);
	assert_memory_equal(f->outs[0].data, ip, n);
	/* room for the tun's virtio-net header in front */
	assert_true(f->outs[0].data >= f->outs[0].buf + GRE_TUN_ROOM);
	assert_int_equal(f->s1->ctr.rx_pkts, 1);
	assert_int_equal(f->s1->ctr.rx_bytes, n);
	/* A second one; the first is a replay now. */
	f->ov.n = 0;
	rn = cli_ip(&f->c1, ip, 100, raw);	/* truncated inner: bad */
	assert_int_equal(rx(f, raw, rn, 1001), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INNER_BAD], 1);
}

static void
test_antispoof(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw[400], ppp[400];
	size_t		 n, rn, pn;

	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 40);
	pn = ppp_mppe(&f->c1, 0x0021, false, ip, n, ppp);
	/* Right call ID, wrong outer source. */
	rn = cli_raw(&f->c1, 0xc6336401, 0, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_E_PERM);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_SPOOF], 1);
	assert_false(f->s1->seq.rx_started);	/* state untouched */
	/* The real one still decrypts (the key did not move). */
	rn = cli_raw(&f->c1, S1_PEER, 0, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	/* a 2-byte inner protocol leaves the tun header's room too */
	assert_true(f->outs[0].data >= f->outs[0].buf + GRE_TUN_ROOM);
	/* Unknown call ID: counted in the table. */
	raw[20 + 6] = 0x77;
	assert_int_equal(rx(f, raw, rn, 0), HP_E_NOTFOUND);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_NOSESS], 1);
}

/*
 * A session whose peer is IPv6 (the raw IPv6 socket's datagrams: GRE
 * first, the source apart): its packets come only from that address
 * and only through gre_rx_packet6; what it sends goes to that address.
 */
static void
test_peer6(void **state)
{
	static const uint8_t p6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0x33 };
	struct fx		*f = *state;
	struct gre_sess_conf	 c;
	struct gre_sess		*s;
	struct cli		 cl;
	struct gre_hdr		 h;
	struct gre_out		 o;
	uint8_t			 ip[200], raw[400], ppp[400], body[400];
	uint8_t			 other[16];
	uint16_t		 proto;
	size_t			 n, rn, pn;

	c = (struct gre_sess_conf){ .sid = 3, .call_id = 0x1003,
	    .peer_call_id = 0x5003, .peer_rwin = 64, .peer_is6 = true };
	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_E_RANGE); /* :: */
	memcpy(c.peer_addr6, p6, sizeof(p6));
	c.peer_addr = 1;			/* and IPv4 too: refused */
	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_E_RANGE);
	c.peer_addr = 0;
	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_OK);
	assert_int_equal(gre_sess_set_addr(&f->t, s, 0x0a6400cb), HP_OK);
	gre_sess_set_link(s, false, false, 0, false);
	memset(&cl, 0, sizeof(cl));
	cl.call = 0x1003;
	n = mk_udp(ip, 0x0a6400cb, LAN_HOST, 53, 40);
	pn = ppp_clear(0x0021, ip, n, ppp);
	/* cli_raw's IPv4 datagram; the raw IPv6 socket's is its GRE part */
	rn = cli_raw(&cl, 0, 0, ppp, pn, raw);

	/* another IPv6 source with the call's ID: spoof, state untouched */
	memcpy(other, p6, sizeof(other));
	other[15] = 0x34;
	assert_int_equal(gre_rx_packet6(&f->t, &f->pool, other, raw + 20,
	    rn - 20, 0, &f->ov), HP_E_PERM);
	assert_int_equal(s->ctr.drop[GRE_DROP_SPOOF], 1);
	assert_false(s->seq.rx_started);
	/* over IPv4, even from 0.0.0.0 (peer_addr is 0): spoof */
	assert_int_equal(rx(f, raw, rn, 0), HP_E_PERM);
	assert_int_equal(s->ctr.drop[GRE_DROP_SPOOF], 2);
	/* an IPv4 session's call ID over IPv6: spoof too */
	raw[20 + 6] = (uint8_t)(S1_CALL >> 8);
	raw[20 + 7] = (uint8_t)S1_CALL;
	assert_int_equal(gre_rx_packet6(&f->t, &f->pool, p6, raw + 20,
	    rn - 20, 0, &f->ov), HP_E_PERM);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_SPOOF], 1);
	raw[20 + 6] = 0x10;
	raw[20 + 7] = 0x03;
	/* the peer: to the tun */
	assert_int_equal(gre_rx_packet6(&f->t, &f->pool, p6, raw + 20,
	    rn - 20, 0, &f->ov), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
	assert_memory_equal(f->outs[0].data, ip, n);
	/* malformed GRE: counted before a session is known */
	assert_int_equal(gre_rx_packet6(&f->t, &f->pool, p6, raw + 20, 7, 0,
	    &f->ov), HP_E_SHORT);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_GRE_SHORT], 1);

	/* the answer goes to the IPv6 peer */
	n = mk_udp(ip, LAN_HOST, 0x0a6400cb, 5000, 40);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	assert_true(o.dst_is6);
	assert_memory_equal(o.dst6, p6, sizeof(p6));
	assert_int_equal(cli_decode(&cl, &o, &proto, body, &h), n);
	assert_int_equal(h.call_id, 0x5003);
	assert_int_equal(proto, PPP_PROTO_IP);
	/* and an IPv4 peer's does not say IPv6 */
	n = mk_udp(ip, LAN_HOST, S1_ADDR, 5000, 40);
	f->s1->require_mppe = false;
	gre_sess_mppe_off(f->s1);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	assert_false(o.dst_is6);
	assert_int_equal(o.dst, S1_PEER);
}

static void
test_ingress(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw[400];
	size_t		 n, rn;

	/* Session 1 claiming session 2's address. */
	n = mk_udp(ip, S2_ADDR, LAN_HOST, 53, 40);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS], 1);
	/* No address assigned yet: everything is dropped. */
	assert_int_equal(gre_sess_set_addr(&f->t, f->s1, 0), HP_OK);
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 40);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS], 2);
	assert_null(gre_sess_by_addr(&f->t, S1_ADDR));
}

/* Client 1 to client 2: dropped unless client-to-client is on. */
static void
test_client_to_client(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw[400];
	size_t		 n, rn;

	n = mk_udp(ip, S1_ADDR, S2_ADDR, 53, 40);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_C2C], 1);
	f->t.client_to_client = true;
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
}

/*
 * Another data worker's client (MSG_GRE_PEER): dropped like one of this
 * worker's while client-to-client is off, and passed once forgotten.
 */
#define PEER_ADDR	0x0a6400f0u

static void
test_client_to_peer(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw[400];
	size_t		 n, rn;

	n = mk_udp(ip, S1_ADDR, PEER_ADDR, 53, 40);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);		/* no one's: to the tun */
	f->ov.n = 0;
	assert_int_equal(gre_peer_add(&f->t, PEER_ADDR), HP_OK);
	assert_int_equal(gre_peer_add(&f->t, PEER_ADDR), HP_E_DUP);
	assert_true(gre_peer_has(&f->t, PEER_ADDR));
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_C2C], 1);
	gre_peer_del(&f->t, PEER_ADDR);
	gre_peer_del(&f->t, PEER_ADDR);		/* twice: no harm */
	assert_false(gre_peer_has(&f->t, PEER_ADDR));
	assert_int_equal(f->t.npeers, 0);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
}

static void
test_dhcp_and_ctrl(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600], ppp[600];
	const uint8_t	 ipcp[] = { 1, 1, 0, 10, 3, 6, 0, 0, 0, 0 };
	const uint8_t	 lcp[] = { 9, 7, 0, 8, 1, 2, 3, 4 };
	size_t		 n, rn, pn;

	/* DHCPINFORM before and regardless of the ingress filter. */
	n = mk_udp(ip, S1_ADDR, 0xffffffff, 67, 240);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);
	assert_int_equal(f->outs[0].len, n + 2);
	assert_memory_equal(f->outs[0].data, "\x00\x21", 2);
	assert_memory_equal(f->outs[0].data + 2, ip, n);
	/* Encrypted IPCP goes to ctrl. */
	pn = ppp_mppe(&f->c1, 0x8021, false, ipcp, sizeof(ipcp), ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->outs[1].kind, GRE_OUT_CTRL);
	assert_memory_equal(f->outs[1].data, "\x80\x21", 2);
	assert_memory_equal(f->outs[1].data + 2, ipcp, sizeof(ipcp));
	/* LCP in clear goes to ctrl. */
	pn = ppp_clear(0xc021, lcp, sizeof(lcp), ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 3);
	assert_memory_equal(f->outs[2].data, "\xc0\x21", 2);
	/*
	 * RFC 3078 section 3: only 0x0021..0x00FA are encrypted, so IPCP
	 * in clear is fine (Linux pppd sends it so) but IP is not.
	 */
	pn = ppp_clear(0x8021, ipcp, sizeof(ipcp), ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 4);
	assert_memory_equal(f->outs[3].data, "\x80\x21", 2);
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 10);
	pn = ppp_clear(0x0021, ip, n, ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 4);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_UNENCRYPTED], 1);
	assert_int_equal(f->s1->ctr.ctrl_in, 4);
}

/*
 * Poll the timers at now from an empty vector; the LCP Echo-Requests
 * among the outputs for c (their ids in *id, the last one's magic in
 * *magic), each checked to be in full framing (FF 03 C0 21).
 */
static int
poll_echoes(struct fx *f, const struct cli *c, uint64_t now, uint8_t *id,
    uint32_t *magic)
{
	struct gre_hdr	 h;
	const uint8_t	*pl;
	enum gre_drop	 why;
	uint64_t	 next;
	bool		 have;
	unsigned int	 i;
	int		 n = 0;

	f->ov.n = 0;
	assert_int_equal(gre_table_poll(&f->t, &f->pool, now, &f->ov, &next,
	    &have), HP_OK);
	for (i = 0; i < f->ov.n; i++) {
		const struct gre_out *o = &f->outs[i];

		if (o->kind != GRE_OUT_GRE || o->dst != c->peer)
			continue;
		assert_int_equal(gre_hdr_decode(o->data, o->len, &h, &pl,
		    &why), HP_OK);
		if (h.payload_len < 12 || pl[4] != 9)
			continue;
		assert_memory_equal(pl, "\xff\x03\xc0\x21", 4);
		assert_int_equal(h.payload_len, 4 + 8);
		assert_int_equal(get16(pl + 6), 8);
		id[n++] = pl[5];
		*magic = (uint32_t)get16(pl + 8) << 16 | get16(pl + 10);
	}
	return n;
}

/* The session's dead-link report among the outputs, or NULL. */
static const struct gre_out *
find_dead(const struct fx *f, uint32_t sid)
{
	unsigned int	i;

	for (i = 0; i < f->ov.n; i++)
		if (f->outs[i].kind == GRE_OUT_DEAD && f->outs[i].sid == sid)
			return &f->outs[i];
	return NULL;
}

/* An LCP frame from client c, in clear, through gre. */
static void
cli_lcp(struct fx *f, struct cli *c, const uint8_t *lcp, size_t n,
    uint64_t now)
{
	uint8_t	ppp[64], raw[128];
	size_t	pn, rn;

	f->ov.n = 0;
	pn = ppp_clear(0xc021, lcp, n, ppp);
	rn = cli_raw(c, c->peer, c->seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, now), HP_OK);
}

/*
 * The LCP echo keepalive in gre: an Echo-Request (full framing, even on
 * a session with ACFC and PFC) every interval with master's magic, any
 * Echo-Reply answers (and goes no further), failures unanswered in a
 * row and GRE_OUT_DEAD says how many; the peer's own Echo-Requests,
 * and every Reply while the keepalive is off, are ctrl's.
 */
static void
test_lcp_echo(void **state)
{
	struct fx	*f = *state;
	const uint8_t	 rep[] = { 10, 0, 0, 8, 0xa, 0xb, 0xc, 0xd };
	const uint8_t	 req[] = { 9, 5, 0, 8, 0xa, 0xb, 0xc, 0xd, 'x' };
	const uint8_t	 shortrep[] = { 10, 0, 0, 4 };
	const struct gre_out *d;
	uint8_t		 id[8];
	uint32_t	 magic = 0;
	uint64_t	 t;

	/* off: a Reply is ctrl's, and no Request is ever sent */
	cli_lcp(f, &f->c2, rep, sizeof(rep), 0);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);
	assert_int_equal(poll_echoes(f, &f->c2, 100000, id, &magic), 0);

	gre_sess_set_echo(&f->t, f->s2, 0x11223344, 10, 3, 1000);
	assert_int_equal(poll_echoes(f, &f->c2, 10999, id, &magic), 0);
	assert_int_equal(poll_echoes(f, &f->c2, 11000, id, &magic), 1);
	assert_int_equal(id[0], 0);
	assert_int_equal(magic, 0x11223344);
	assert_int_equal(poll_echoes(f, &f->c2, 21000, id, &magic), 1);
	assert_int_equal(id[0], 1);
	/* the answer: taken in gre, the count starts again */
	cli_lcp(f, &f->c2, rep, sizeof(rep), 21500);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s2->ctr.echo_rep, 1);
	/* too short to be a Reply: ctrl's to judge */
	cli_lcp(f, &f->c2, shortrep, sizeof(shortrep), 21600);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);
	/* the peer's Echo-Request: ctrl answers it */
	cli_lcp(f, &f->c2, req, sizeof(req), 21700);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);
	assert_memory_equal(f->outs[0].data, "\xc0\x21\x09\x05", 4);
	/* three unanswered, then the link is dead: once */
	for (t = 31000; t <= 51000; t += 10000) {
		assert_int_equal(poll_echoes(f, &f->c2, t, id, &magic), 1);
		assert_null(find_dead(f, 2));
	}
	assert_int_equal(f->s2->ctr.echo_req, 5);
	assert_int_equal(poll_echoes(f, &f->c2, 61000, id, &magic), 0);
	assert_non_null(d = find_dead(f, 2));
	assert_int_equal(d->len, 1);
	assert_int_equal(d->data[0], 3);
	assert_int_equal(poll_echoes(f, &f->c2, 200000, id, &magic), 0);
	assert_null(find_dead(f, 2));
	/* dead means off: a late Reply is ctrl's */
	cli_lcp(f, &f->c2, rep, sizeof(rep), 200001);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);

	/* on, then off (LCP left Opened): nothing more */
	gre_sess_set_echo(&f->t, f->s1, 7, 1, 1, 300000);
	assert_int_equal(poll_echoes(f, &f->c1, 301000, id, &magic), 1);
	gre_sess_set_echo(&f->t, f->s1, 0, 0, 0, 301000);
	assert_int_equal(poll_echoes(f, &f->c1, 400000, id, &magic), 0);
	assert_null(find_dead(f, 1));
}

/* Session 2: ACFC + PFC, MPPE-40 stateful, compressed inner protocol. */
static void
test_pfc_stateful(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600], ppp[600];
	size_t		 n, rn, pn;
	unsigned	 i;

	for (i = 0; i < 300; i++) {
		n = mk_udp(ip, S2_ADDR, LAN_HOST, 53, 20 + i % 100);
		/* No address/control, 1-byte protocols inside and out. */
		pn = ppp_mppe(&f->c2, 0x0021, true, ip, n, ppp);
		memmove(ppp, ppp + 3, pn - 3);	/* FF 03 00 FD -> FD */
		pn -= 3;
		rn = cli_raw(&f->c2, S2_PEER, f->c2.seq++, ppp, pn, raw);
		f->ov.n = 0;
		assert_int_equal(rx(f, raw, rn, i), HP_OK);
		assert_int_equal(f->ov.n, 1);
		assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
		assert_memory_equal(f->outs[0].data, ip, n);
		/* a compressed protocol too leaves the header's room */
		assert_true(f->outs[0].data >= f->outs[0].buf +
		    GRE_TUN_ROOM);
	}
}

/* Stateful: a lost packet makes the server ask for a reset; resync. */
static void
test_stateful_loss_reset_request(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600], ppp[600], body[64];
	struct gre_hdr	 h;
	uint16_t	 proto;
	size_t		 n, rn, pn, bn;

	n = mk_udp(ip, S2_ADDR, LAN_HOST, 53, 50);
	rn = cli_ip(&f->c2, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	(void)ppp_mppe(&f->c2, 0x0021, false, ip, n, ppp);	/* lost... */
	f->c2.seq++;			/* ...on the way (GRE seq too) */
	f->ov.n = 0;
	rn = cli_ip(&f->c2, ip, n, raw);
	/* The GRE gap is held first; push it out with the hold timer. */
	assert_int_equal(rx(f, raw, rn, 10), HP_OK);
	assert_int_equal(f->ov.n, 0);
	{
		uint64_t	next;
		bool		have;

		assert_int_equal(gre_table_poll(&f->t, &f->pool,
		    10 + SEQ_HOLD_MS, &f->ov, &next, &have), HP_OK);
	}
	/* Out comes a CCP Reset-Request (and possibly an ack). */
	assert_true(f->ov.n >= 1);
	assert_int_equal(f->outs[0].dst, S2_PEER);
	bn = cli_decode(&f->c2, &f->outs[0], &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_CCP);
	assert_int_equal(bn, 4);
	assert_int_equal(body[0], CCP_RESET_REQ);
	assert_int_equal(f->s2->ctr.drop[GRE_DROP_MPPE_LOST], 1);
	assert_true(f->s2->rx.discard);
	/* The client reacts: next packet flushed; the server resyncs. */
	mppe_tx_reset(&f->c2.tx);
	f->ov.n = 0;
	rn = cli_ip(&f->c2, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 400), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
	assert_memory_equal(f->outs[0].data, ip, n);
	assert_false(f->s2->rx.discard);
	(void)pn;
}

/* The peer's Reset-Request: we answer Reset-Ack and flush our sending. */
static void
test_peer_reset_request(void **state)
{
	struct fx	*f = *state;
	uint8_t		 raw[200], ppp[64], ip[200], body[300];
	const uint8_t	 rr[] = { CCP_RESET_REQ, 0x42, 0, 4 };
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 rn, pn, n, bn;
	unsigned	 i;

	/* Some traffic to the client first; it loses one packet. */
	n = mk_udp(ip, LAN_HOST, S2_ADDR, 53, 30);
	for (i = 0; i < 3; i++) {
		const uint8_t	*pl;
		enum gre_drop	 why;
		size_t		 dl;

		assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
		if (i == 0)
			(void)cli_decode(&f->c2, &o, &proto, body, &h);
		if (i != 2)
			continue;	/* i == 1 is lost */
		assert_int_equal(gre_hdr_decode(o.data, o.len, &h, &pl, &why),
		    HP_OK);
		/* ACFC + PFC: FD, then the MPPE header. */
		assert_int_equal(pl[0], 0xfd);
		assert_int_equal(mppe_decrypt(&f->c2.rx, pl + 1,
		    h.payload_len - 1, body, &dl, &why), MPPE_RX_RESET);
	}
	pn = ppp_clear(PPP_PROTO_CCP, rr, sizeof(rr), ppp);
	rn = cli_raw(&f->c2, S2_PEER, f->c2.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	bn = cli_decode(&f->c2, &f->outs[0], &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_CCP);
	assert_int_equal(bn, 4);
	assert_memory_equal(body, "\x0f\x42\x00\x04", 4);
	assert_true(f->s2->tx.flush_next);
	/* The next data packet carries A; the client's receiver (which
	 * saw the gap) resyncs on it. */
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	bn = cli_decode(&f->c2, &o, &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_IP);
	assert_int_equal(bn, n);
	assert_memory_equal(body, ip, n);
	/* A malformed Reset-Request (length 2) is dropped and counted. */
	memcpy(ppp, "\xff\x03\x80\xfd\x0e\x01\x00\x02", 8);
	rn = cli_raw(&f->c2, S2_PEER, f->c2.seq++, ppp, 8, raw);
	f->ov.n = 0;
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s2->ctr.drop[GRE_DROP_CCP_BAD], 1);
}

static void
test_tx_ip(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[1500], raw[2100], body[2100];
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 n, bn, rn;

	/* Client sent seq 0 first, so our packets ack it. */
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 10);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);

	n = mk_udp(ip, LAN_HOST, S1_ADDR, 5000, 1372);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	assert_true(o.len <= n + GRE_TX_OVERHEAD);
	assert_int_equal(o.dst, S1_PEER);
	bn = cli_decode(&f->c1, &o, &proto, body, &h);
	assert_int_equal(h.call_id, S1_PCALL);
	assert_true(h.has_seq);
	assert_int_equal(h.seq, 0);
	assert_true(h.has_ack);
	assert_int_equal(h.ack, 0);
	assert_int_equal(proto, PPP_PROTO_IP);
	assert_int_equal(bn, n);
	assert_memory_equal(body, ip, n);
	assert_int_equal(f->s1->ctr.tx_pkts, 1);
	/* A SYN is clamped on the way out too. */
	n = mk_syn(ip, LAN_HOST, S1_ADDR);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	bn = cli_decode(&f->c1, &o, &proto, body, &h);
	assert_int_equal(h.seq, 1);
	assert_int_equal(get16(body + 42), 1360);
	/* No session for the destination; malformed packet. */
	n = mk_udp(ip, LAN_HOST, 0x0a6400fe, 53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_E_NOTFOUND);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_TX_NOSESS], 1);
	assert_int_equal(gre_tx_ip(&f->t, ip, 19, 0, &o), HP_E_FORMAT);
	/* MPPE required but off: nothing in clear. */
	gre_sess_mppe_off(f->s1);
	n = mk_udp(ip, LAN_HOST, S1_ADDR, 53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_E_PERM);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_TX_NOMPPE], 1);
	/* Session 2 without MPPE and not required: clear, ACFC + PFC. */
	gre_sess_mppe_off(f->s2);
	n = mk_udp(ip, LAN_HOST, S2_ADDR, 53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	assert_int_equal(o.data[12], 0x21);		/* no FF 03, PFC */
	assert_int_equal(o.len, 12 + 1 + n);		/* no ack: nothing rx'd */
}

/* ---- IPv6 (issue 17) ---- */

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

/* An IPv6 address: the upper 64 bits, and an interface id. */
static void
a6(uint8_t *p, uint64_t hi, uint64_t lo)
{
	put64(p, hi);
	put64(p + 8, lo);
}

/* An inner IPv6 packet of next header nh with n payload bytes. */
static size_t
mk_ip6(uint8_t *p, uint64_t shi, uint64_t slo, uint64_t dhi, uint64_t dlo,
    uint8_t nh, size_t n)
{
	size_t	i;

	memset(p, 0, 40);
	p[0] = 0x60;
	put16(p + 4, (uint16_t)n);
	p[6] = nh;
	p[7] = 64;
	a6(p + 8, shi, slo);
	a6(p + 24, dhi, dlo);
	for (i = 0; i < n; i++)
		p[40 + i] = (uint8_t)(i ^ 0xa5);
	return 40 + n;
}

/* A UDP datagram to dport over IPv6. */
static size_t
mk_udp6(uint8_t *p, uint64_t shi, uint64_t slo, uint64_t dhi, uint64_t dlo,
    uint16_t dport, size_t n)
{
	size_t	tot = mk_ip6(p, shi, slo, dhi, dlo, 17, 8 + n);

	put16(p + 40, 546);
	put16(p + 42, dport);
	put16(p + 44, (uint16_t)(8 + n));
	return tot;
}

/* A TCP SYN with MSS 1460 over IPv6. */
static size_t
mk_syn6(uint8_t *p, uint64_t shi, uint64_t dhi)
{
	size_t	tot = mk_ip6(p, shi, 5, dhi, 7, 6, 24);

	memset(p + 40, 0, 24);
	p[52] = 6 << 4;
	p[53] = 0x02;
	p[60] = 2;
	p[61] = 4;
	put16(p + 62, 1460);
	return tot;
}

static size_t
cli_ip6(struct cli *c, const uint8_t *ip, size_t n, uint8_t *raw)
{
	uint8_t	ppp[2100];
	size_t	pn = ppp_mppe(c, 0x0057, false, ip, n, ppp);

	return cli_raw(c, c->peer, c->seq++, ppp, pn, raw);
}

static void
set_prefixes(struct fx *f)
{
	assert_int_equal(gre_sess_set_prefix6(&f->t, f->s1, S1_PFX6), HP_OK);
	assert_int_equal(gre_sess_set_prefix6(&f->t, f->s2, S2_PFX6), HP_OK);
}

/* Both ways through MPPE, with the same counters as IPv4. */
static void
test_ip6_both_ways(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[1500], raw[2100], body[2100], ppp[2100];
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 n, rn, bn, pn;

	set_prefixes(f);
	n = mk_udp6(ip, S1_PFX6, 0x1234, 0x20010db8ff000000ULL, 1, 53, 1200);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
	assert_int_equal(f->outs[0].len, n);
	assert_memory_equal(f->outs[0].data, ip, n);
	assert_true(f->outs[0].data >= f->outs[0].buf + GRE_TUN_ROOM);
	assert_int_equal(f->s1->ctr.rx_pkts, 1);
	assert_int_equal(f->s1->ctr.rx_bytes, n);
	/* PPP padding after the payload length is cut off */
	memcpy(ip + n, "\0\0\0\0", 4);
	rn = cli_ip6(&f->c1, ip, n + 4, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->outs[1].len, n);
	/* a payload length past the end: malformed */
	put16(ip + 4, 1300);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INNER_BAD], 1);
	rn = cli_ip6(&f->c1, ip, 39, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INNER_BAD], 2);
	/* IPv6 in clear where MPPE is on: refused as IPv4 is */
	n = mk_udp6(ip, S1_PFX6, 0x1234, 0x20010db8ff000000ULL, 1, 53, 10);
	pn = ppp_clear(0x0057, ip, n, ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_UNENCRYPTED], 1);

	/* tun -> the session whose /64 holds the destination */
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, S1_PFX6, 0x1234, 5000, 1352);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	assert_int_equal(o.dst, S1_PEER);
	bn = cli_decode(&f->c1, &o, &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_IPV6);
	assert_int_equal(bn, n);
	assert_memory_equal(body, ip, n);
	assert_int_equal(f->s1->ctr.tx_pkts, 1);
	assert_int_equal(f->s1->ctr.tx_bytes, n);
	/* session 2 (ACFC, PFC, stateful 40-bit) */
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, S2_PFX6, 9, 5000, 100);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	bn = cli_decode(&f->c2, &o, &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_IPV6);
	assert_memory_equal(body, ip, n);
	/* nobody's /64, link-local, short, lying length */
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, 0x20010db801000003ULL, 1,
	    53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_E_NOTFOUND);
	n = mk_udp6(ip, 0xfe80000000000000ULL, 1, 0xfe80000000000000ULL, 2,
	    53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_E_NOTFOUND);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_TX_NOSESS], 2);
	assert_int_equal(gre_tx_ip(&f->t, ip, 39, 0, &o), HP_E_FORMAT);
	assert_int_equal(gre_tx_ip(&f->t, ip, n - 1, 0, &o), HP_E_FORMAT);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_TX_BAD], 2);
	/* MPPE required but off: nothing in clear */
	gre_sess_mppe_off(f->s1);
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, S1_PFX6, 0x1234, 53, 10);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_E_PERM);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_TX_NOMPPE], 1);
}

/* Anti-spoof: the source must be inside the session's /64. */
static void
test_ip6_antispoof(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600];
	size_t		 n, rn;

	/* no prefix yet: every global source is a spoof */
	n = mk_udp6(ip, S1_PFX6, 5, 0x20010db8ff000000ULL, 1, 53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS6], 1);
	assert_memory_equal(f->s1->spoof6_src, ip + 8, 16);
	set_prefixes(f);
	/* session 1 claiming session 2's /64; the first source is kept */
	n = mk_udp6(ip, S2_PFX6, 5, 0x20010db8ff000000ULL, 1, 53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS6], 2);
	assert_int_equal(f->s1->spoof6_src[7], 0x01);	/* still the first */
	/* a neighbouring /64 (one bit off) is no better */
	n = mk_udp6(ip, S1_PFX6 ^ 0x100, 5, 0x20010db8ff000000ULL, 1, 53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS6], 3);
	/* link-local and unspecified sources stay on the link, not spoofs */
	n = mk_udp6(ip, 0xfe80000000000000ULL, 1, 0x20010db8ff000000ULL, 1,
	    53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	n = mk_ip6(ip, 0, 0, 0xff02000000000000ULL, 0x1ff000001ULL, 58, 24);
	ip[40] = 135;					/* DAD's NS */
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_LOCAL6], 2);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INGRESS6], 3);
	/* the session's own /64 passes */
	n = mk_udp6(ip, S1_PFX6, 0xffffffffffffffffULL,
	    0x20010db8ff000000ULL, 1, 53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
}

/* Router Solicitations and DHCPv6 are ctrl's, from any source. */
static void
test_ip6_to_ctrl(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600];
	size_t		 n, rn;

	set_prefixes(f);
	n = mk_ip6(ip, 0xfe80000000000000ULL, 0x1234, 0xff02000000000000ULL,
	    2, 58, 8);
	ip[40] = 133;
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_CTRL);
	assert_int_equal(f->outs[0].len, n + 2);
	assert_memory_equal(f->outs[0].data, "\x00\x57", 2);
	assert_memory_equal(f->outs[0].data + 2, ip, n);
	n = mk_udp6(ip, 0xfe80000000000000ULL, 0x1234, 0xff02000000000000ULL,
	    0x10002, 547, 20);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->outs[1].kind, GRE_OUT_CTRL);
	/* a Router Advertisement from the client is not */
	n = mk_ip6(ip, 0xfe80000000000000ULL, 0x1234, 0xff02000000000000ULL,
	    1, 58, 16);
	ip[40] = 134;
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_LOCAL6], 1);
	/* nor an ICMPv6 header cut to nothing */
	n = mk_ip6(ip, 0xfe80000000000000ULL, 0x1234, 0xff02000000000000ULL,
	    2, 58, 0);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(f->s1->ctr.ctrl_in, 2);
}

/* Client to client over IPv6; MSS clamping to MTU - 60 both ways. */
static void
test_ip6_c2c_mss(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[400], raw[600], body[600];
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 n, rn;

	set_prefixes(f);
	n = mk_udp6(ip, S1_PFX6, 5, S2_PFX6, 9, 53, 10);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_C2C], 1);
	f->t.client_to_client = true;
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 1);
	/* session 1's clamp is 1360 for IPv4: 1340 for IPv6 */
	n = mk_syn6(ip, S1_PFX6, 0x20010db8ff000000ULL);
	rn = cli_ip6(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 2);
	assert_int_equal(get16(f->outs[1].data + 62), 1340);
	n = mk_syn6(ip, 0x20010db8ff000000ULL, S1_PFX6);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	(void)cli_decode(&f->c1, &o, &proto, body, &h);
	assert_int_equal(get16(body + 62), 1340);
	/* session 2 clamps nothing */
	n = mk_syn6(ip, 0x20010db8ff000000ULL, S2_PFX6);
	assert_int_equal(gre_tx_ip(&f->t, ip, n, 0, &o), HP_OK);
	(void)cli_decode(&f->c2, &o, &proto, body, &h);
	assert_int_equal(get16(body + 62), 1460);
}

/* The /64 map: one session per prefix; gone with the session. */
static void
test_ip6_table(void **state)
{
	struct fx	*f = *state;

	set_prefixes(f);
	assert_ptr_equal(gre_sess_by_prefix6(&f->t, S1_PFX6), f->s1);
	assert_int_equal(gre_sess_set_prefix6(&f->t, f->s2, S1_PFX6),
	    HP_E_DUP);
	assert_ptr_equal(gre_sess_by_prefix6(&f->t, S2_PFX6), f->s2);
	assert_int_equal(gre_sess_set_prefix6(&f->t, f->s2, 0), HP_OK);
	assert_null(gre_sess_by_prefix6(&f->t, S2_PFX6));
	/* an IPv4 address with the same low bits is another map's */
	assert_null(gre_sess_by_prefix6(&f->t, S1_ADDR));
	gre_sess_remove(&f->t, &f->pool, f->s1);
	assert_null(gre_sess_by_prefix6(&f->t, S1_PFX6));
	f->s1 = NULL;
}

/* The loop's zero-copy layout: the tun packet read into o->buf. */
static void
test_tx_in_place(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[1500], body[2100];
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 n, bn;
	unsigned	 i;

	for (i = 0; i < 4; i++) {
		/* s1: encrypted, full headers; s2 later in clear, ACFC/PFC. */
		if (i == 2) {
			gre_sess_mppe_off(f->s2);
			mppe_wipe(&f->c2.rx);
		}
		n = mk_udp(ip, LAN_HOST, i % 2 ? S2_ADDR : S1_ADDR, 53, 1300);
		memcpy(o.buf + GRE_TX_OVERHEAD, ip, n);
		assert_int_equal(gre_tx_ip(&f->t, o.buf + GRE_TX_OVERHEAD, n,
		    0, &o), HP_OK);
		bn = cli_decode(i % 2 ? &f->c2 : &f->c1, &o, &proto, body, &h);
		assert_int_equal(proto, PPP_PROTO_IP);
		assert_int_equal(bn, n);
		assert_memory_equal(body, ip, n);
	}
}

static void
test_tx_ctrl(void **state)
{
	struct fx	*f = *state;
	const uint8_t	 lcp[] = { 0xc0, 0x21, 9, 1, 0, 8, 0, 0, 0, 0 };
	const uint8_t	 ipcp[] = { 0x80, 0x21, 2, 1, 0, 4 };
	uint8_t		 body[100];
	struct gre_hdr	 h;
	struct gre_out	 o;
	uint16_t	 proto;
	size_t		 bn;

	/* LCP in clear and in full even with ACFC/PFC. */
	assert_int_equal(gre_tx_ctrl(&f->t, f->s2, lcp, sizeof(lcp), &o), HP_OK);
	assert_memory_equal(o.data + 12, "\xff\x03\xc0\x21", 4);
	bn = cli_decode(&f->c2, &o, &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_LCP);
	assert_int_equal(bn, sizeof(lcp) - 2);
	/* IPCP in clear even with MPPE on (RFC 3078 section 3). */
	assert_int_equal(gre_tx_ctrl(&f->t, f->s2, ipcp, sizeof(ipcp), &o),
	    HP_OK);
	assert_memory_equal(o.data + 12, "\x80\x21", 2);
	bn = cli_decode(&f->c2, &o, &proto, body, &h);
	assert_int_equal(proto, PPP_PROTO_IPCP);
	assert_memory_equal(body, ipcp + 2, sizeof(ipcp) - 2);
	/* An IP frame from ctrl (a DHCP answer) is encrypted. */
	{
		uint8_t	fr[200];
		size_t	n = mk_udp(fr + 2, 0x0a640101, S2_ADDR, 68, 20);

		fr[0] = 0x00;
		fr[1] = 0x21;
		assert_int_equal(gre_tx_ctrl(&f->t, f->s2, fr, n + 2, &o),
		    HP_OK);
		assert_int_equal(o.data[12], 0xfd);
		bn = cli_decode(&f->c2, &o, &proto, body, &h);
		assert_int_equal(proto, PPP_PROTO_IP);
		assert_int_equal(bn, n);
		assert_memory_equal(body, fr + 2, n);
	}
	/* Bad protocol fields from ctrl. */
	assert_int_equal(gre_tx_ctrl(&f->t, f->s2, ipcp, 1, &o), HP_E_FORMAT);
	assert_int_equal(gre_tx_ctrl(&f->t, f->s2,
	    (const uint8_t *)"\x00\x20", 2, &o), HP_E_FORMAT);
}

static void
test_reorder_and_ack(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw0[400], raw1[400], raw2[400], body[10];
	struct gre_hdr	 h;
	uint16_t	 proto;
	uint64_t	 next;
	bool		 have;
	size_t		 n, r0, r1, r2;

	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 1);
	r0 = cli_ip(&f->c1, ip, n, raw0);
	ip[28] = 2;
	r1 = cli_ip(&f->c1, ip, n, raw1);
	ip[28] = 3;
	r2 = cli_ip(&f->c1, ip, n, raw2);
	assert_int_equal(rx(f, raw0, r0, 1000), HP_OK);
	assert_int_equal(rx(f, raw2, r2, 1001), HP_OK);	/* held */
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(rx(f, raw1, r1, 1002), HP_OK);
	assert_int_equal(f->ov.n, 3);
	assert_int_equal(f->outs[1].data[28], 2);
	assert_int_equal(f->outs[2].data[28], 3);
	/* Duplicate: stale now. */
	assert_int_equal(rx(f, raw1, r1, 1003), HP_E_RANGE);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_SEQ_STALE], 1);
	/* Nothing sent back: an ack-only packet after the delay. */
	assert_false(gre_table_due(&f->t, 1050));
	assert_true(gre_table_due(&f->t, 1000 + SEQ_ACK_DELAY_MS));
	f->ov.n = 0;
	assert_int_equal(gre_table_poll(&f->t, &f->pool, 1050, &f->ov, &next,
	    &have), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_true(have);
	assert_int_equal(next, 1000 + SEQ_ACK_DELAY_MS);
	assert_int_equal(gre_table_poll(&f->t, &f->pool, next, &f->ov, &next,
	    &have), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(cli_decode(&f->c1, &f->outs[0], &proto, body, &h), 0);
	assert_true(h.has_ack);
	assert_false(h.has_seq);
	assert_int_equal(h.ack, 2);
	assert_false(have);
	assert_int_equal(f->t.timers.n, 0);
	assert_false(gre_table_next(&f->t, &next));
	assert_false(gre_table_due(&f->t, 999999));
	/* Too small an output vector is refused, not looped on. */
	f->ov.cap = GRE_OUT_MIN - 1;
	f->ov.n = 0;
	assert_int_equal(gre_table_poll(&f->t, &f->pool, 0, &f->ov, &next,
	    &have), HP_E_RANGE);
}

/* VECTORS.md GRE inputs through the whole path. */
static void
test_vectors_malformed(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[200], raw[400];
	size_t		 n, rn;

	/* GRE payload length larger than the packet. */
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 20);
	rn = cli_ip(&f->c1, ip, n, raw);
	put16(raw + 24, (uint16_t)(get16(raw + 24) + 1));
	assert_int_equal(rx(f, raw, rn, 0), HP_E_BADLEN);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_GRE_PAYLEN], 1);
	/* Inner IP header length larger than the inner packet. */
	f->c1.seq--;
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 0);
	ip[0] = 0x4f;				/* 60-byte header, 28 bytes */
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->ov.n, 0);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INNER_BAD], 1);
	/* Inner total length beyond the inner packet. */
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 0);
	put16(ip + 2, 200);
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 0), HP_OK);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_INNER_BAD], 2);
	/* Outer IP total length beyond the datagram. */
	put16(raw + 2, (uint16_t)(rn + 1));
	assert_int_equal(rx(f, raw, rn, 0), HP_E_BADLEN);
	assert_int_equal(f->t.ctr.drop[GRE_DROP_IP_TOTLEN], 1);
	/* Too few output slots: nothing done. */
	f->ov.n = f->ov.cap - 1;
	assert_int_equal(rx(f, raw, rn, 0), HP_E_AGAIN);
}

static void
test_table(void **state)
{
	struct fx		*f = *state;
	struct gre_sess_conf	 c = { .sid = 3, .call_id = S1_CALL,
	    .peer_call_id = 9, .peer_addr = 1 };
	struct gre_sess		*s;
	struct gre_table	 big;
	static uint8_t		 seen[10000];
	uint32_t		 i;

	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_E_DUP);	/* call */
	c.call_id = 7;
	c.sid = 1;
	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_E_DUP);	/* sid */
	c.sid = 0;
	assert_int_equal(gre_sess_add(&f->t, &c, &s), HP_E_RANGE);
	assert_int_equal(gre_sess_set_addr(&f->t, f->s2, S1_ADDR), HP_E_DUP);
	assert_ptr_equal(gre_sess_by_sid(&f->t, 2), f->s2);
	assert_ptr_equal(gre_sess_by_call(&f->t, S2_CALL), f->s2);
	assert_ptr_equal(gre_sess_by_addr(&f->t, S2_ADDR), f->s2);
	/* Remove wipes keys and every index. */
	s = f->s2;
	gre_sess_remove(&f->t, &f->pool, s);
	assert_null(gre_sess_by_sid(&f->t, 2));
	assert_null(gre_sess_by_call(&f->t, S2_CALL));
	assert_null(gre_sess_by_addr(&f->t, S2_ADDR));
	assert_false(s->rx.on);
	for (i = 0; i < sizeof(*s); i++)
		assert_int_equal(((uint8_t *)s)[i], 0);
	assert_int_equal(gre_sess_set_mppe(s, MPPE_128, true), HP_E_PERM);

	/* 10,000 sessions, churned: hash stays consistent. */
	assert_int_equal(gre_table_init(&big, 10000), HP_OK);
	for (i = 0; i < 10000; i++) {
		c = (struct gre_sess_conf){
		    .sid = i + 1, .call_id = (uint16_t)(i * 7 + 1),
		    .peer_call_id = 1, .peer_addr = 0x01020304,
		    .peer_rwin = 64 };
		assert_int_equal(gre_sess_add(&big, &c, &s), HP_OK);
		assert_int_equal(gre_sess_set_addr(&big, s, 0x0a000000 + i),
		    HP_OK);
	}
	c.sid = 99999;
	c.call_id = 2;
	assert_int_equal(gre_sess_add(&big, &c, &s), HP_E_NOMEM);
	for (i = 0; i < 10000; i += 2)
		gre_sess_remove(&big, &f->pool, gre_sess_by_sid(&big, i + 1));
	for (i = 0; i < 10000; i++) {
		s = gre_sess_by_addr(&big, 0x0a000000 + i);
		if (i % 2 == 0)
			assert_null(s);
		else {
			assert_non_null(s);
			assert_int_equal(s->sid, i + 1);
			assert_ptr_equal(gre_sess_by_call(&big,
			    (uint16_t)(i * 7 + 1)), s);
		}
	}
	assert_int_equal(gre_table_count(&big), 5000);
	/*
	 * The dense list of sessions in use holds each of the 5,000 once,
	 * and the slots freed are the ones reused first (low slots stay in
	 * use, the pages of the rest untouched).
	 */
	memset(seen, 0, sizeof(seen));
	for (i = 0; (s = gre_table_live(&big, i)) != NULL; i++) {
		assert_int_not_equal(s->sid, 0);
		assert_int_equal(s->sid % 2, 0);
		assert_int_equal(seen[s->sid - 1], 0);
		seen[s->sid - 1] = 1;
	}
	assert_int_equal(i, 5000);
	c = (struct gre_sess_conf){ .sid = 20001, .call_id = 3,
	    .peer_call_id = 1, .peer_addr = 0x01020304, .peer_rwin = 64 };
	assert_int_equal(gre_sess_add(&big, &c, &s), HP_OK);
	assert_true(s->idx < 10000 && s->idx % 2 == 0);
	assert_ptr_equal(gre_table_live(&big, 5000), s);
	assert_null(gre_table_live(&big, 5001));
	gre_table_fini(&big, &f->pool);
	print_message("sizeof(struct gre_sess) = %zu\n",
	    sizeof(struct gre_sess));
	assert_true(sizeof(struct gre_sess) <= 4096);
}

/* ---- fuzz seeds: records of type(1) dt(1) len(2) bytes ---- */

static size_t
rec(uint8_t *p, uint8_t type, uint8_t dt, const uint8_t *d, size_t n)
{
	p[0] = type;
	p[1] = dt;
	put16(p + 2, (uint16_t)n);
	memcpy(p + 4, d, n);
	return 4 + n;
}

static void
seed_write(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char	path[512];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(p, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void
test_gen_seeds(void **state)
{
	struct fx	*f = *state;
	const char	*dir = getenv("GRE_SEED_DIR");
	static uint8_t	 seed[16384];
	uint8_t		 ip[1500], raw[2100], ppp[2100];
	const uint8_t	 rr[] = { CCP_RESET_REQ, 7, 0, 4 };
	const uint8_t	 lcp[] = { 9, 1, 0, 8, 0, 0, 0, 0 };
	size_t		 n, rn, pn, k;
	unsigned	 i;

	if (dir == NULL)
		skip();
	/* 1: session 1 (stateless 128), a few IP packets, one reordered. */
	k = 0;
	for (i = 0; i < 4; i++) {
		n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 60 + i);
		rn = cli_ip(&f->c1, ip, n, raw);
		k += rec(seed + k, 0, 1, raw, rn);
	}
	seed_write(dir, "s1-ip", seed, k);
	/* 2: session 2 (stateful 40, ACFC/PFC) stream with a gap. */
	k = 0;
	for (i = 0; i < 6; i++) {
		n = mk_udp(ip, S2_ADDR, LAN_HOST, 53, 30 + i);
		rn = cli_ip(&f->c2, ip, n, raw);
		if (i != 2)
			k += rec(seed + k, 0, 50, raw, rn);
	}
	seed_write(dir, "s2-gap", seed, k);
	/* 3: DHCPINFORM, encrypted IPCP, LCP, Reset-Request, SYN. */
	k = 0;
	n = mk_udp(ip, S1_ADDR, 0xffffffff, 67, 250);
	rn = cli_ip(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 0, raw, rn);
	pn = ppp_mppe(&f->c1, 0x8021, false, lcp, sizeof(lcp), ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	k += rec(seed + k, 0, 0, raw, rn);
	pn = ppp_clear(0xc021, lcp, sizeof(lcp), ppp);
	rn = cli_raw(&f->c1, S1_PEER, f->c1.seq++, ppp, pn, raw);
	k += rec(seed + k, 0, 0, raw, rn);
	pn = ppp_clear(PPP_PROTO_CCP, rr, sizeof(rr), ppp);
	rn = cli_raw(&f->c2, S2_PEER, f->c2.seq++, ppp, pn, raw);
	k += rec(seed + k, 0, 0, raw, rn);
	n = mk_syn(ip, S1_ADDR, LAN_HOST);
	rn = cli_ip(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 200, raw, rn);
	seed_write(dir, "ctrl-mix", seed, k);
	/* 4: transmit side: tun packets and a ctrl frame. */
	k = 0;
	n = mk_syn(ip, LAN_HOST, S1_ADDR);
	k += rec(seed + k, 1, 0, ip, n);
	n = mk_udp(ip, LAN_HOST, S2_ADDR, 53, 100);
	k += rec(seed + k, 1, 0, ip, n);
	k += rec(seed + k, 2, 0, (const uint8_t *)"\x80\x21\x01\x01\x00\x04",
	    6);
	seed_write(dir, "tx", seed, k);
	/* 5: one big packet. */
	k = 0;
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 1372);
	rn = cli_ip(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 0, raw, rn);
	seed_write(dir, "s1-big", seed, k);
	/* 6: IPv6 (ipv6 pool): in, a spoof, a Router Solicitation, a SYN */
	set_prefixes(f);
	k = 0;
	n = mk_udp6(ip, S1_PFX6, 5, 0x20010db8ff000000ULL, 1, 53, 80);
	rn = cli_ip6(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 1, raw, rn);
	n = mk_udp6(ip, S2_PFX6, 5, 0x20010db8ff000000ULL, 1, 53, 20);
	rn = cli_ip6(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 1, raw, rn);
	n = mk_ip6(ip, 0xfe80000000000000ULL, 5, 0xff02000000000000ULL, 2,
	    58, 8);
	ip[40] = 133;
	rn = cli_ip6(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 1, raw, rn);
	n = mk_syn6(ip, S1_PFX6, 0x20010db8ff000000ULL);
	rn = cli_ip6(&f->c1, ip, n, raw);
	k += rec(seed + k, 0, 1, raw, rn);
	n = mk_udp6(ip, S2_PFX6, 7, 0x20010db8ff000000ULL, 1, 547, 30);
	rn = cli_ip6(&f->c2, ip, n, raw);
	k += rec(seed + k, 0, 1, raw, rn);
	seed_write(dir, "ip6-rx", seed, k);
	/* 7: IPv6 from tun to both sessions, and to nobody */
	k = 0;
	n = mk_syn6(ip, 0x20010db8ff000000ULL, S1_PFX6);
	k += rec(seed + k, 1, 0, ip, n);
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, S2_PFX6, 9, 5000, 200);
	k += rec(seed + k, 1, 0, ip, n);
	n = mk_udp6(ip, 0x20010db8ff000000ULL, 1, 0xfe80000000000000ULL, 9,
	    5000, 20);
	k += rec(seed + k, 1, 0, ip, n);
	seed_write(dir, "ip6-tx", seed, k);
}

/*
 * Rate limits: session 1 limited to 1 Mbit/s down and 400 kbit/s up
 * (buckets of 125,000 and 50,000 bytes), session 2 unlimited.  At one
 * instant a full bucket passes and then nothing; a second later the
 * rate's worth again; the other session is never touched.  Upload is
 * policed after decryption: the dropped packets' RC4 state still moves,
 * so the next packet in time decrypts.
 */
static void
test_rate_limit(void **state)
{
	struct fx	*f = *state;
	uint8_t		 ip[1500], raw[2100];
	struct gre_out	 o;
	size_t		 n, rn;
	unsigned	 i, pass, passed2;

	gre_sess_set_rate(f->s1, 1000000, 400000, 0, 1000);
	n = mk_udp(ip, LAN_HOST, S1_ADDR, 5000, 972);	/* 1000 bytes */
	for (i = pass = 0; i < 200; i++)
		if (gre_tx_ip(&f->t, ip, n, 1000, &o) == HP_OK)
			pass++;
	assert_int_equal(pass, 125);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_RATE_DOWN], 75);
	assert_int_equal(f->s1->down.drops, 75);
	/* 200 ms later: 25,000 bytes more */
	for (i = pass = 0; i < 200; i++)
		if (gre_tx_ip(&f->t, ip, n, 1200, &o) == HP_OK)
			pass++;
	assert_int_equal(pass, 25);
	/* session 2 is unlimited */
	gre_sess_mppe_off(f->s2);
	f->s2->require_mppe = false;
	n = mk_udp(ip, LAN_HOST, S2_ADDR, 5000, 972);
	for (i = passed2 = 0; i < 200; i++)
		if (gre_tx_ip(&f->t, ip, n, 1200, &o) == HP_OK)
			passed2++;
	assert_int_equal(passed2, 200);

	/* upload: 50 packets of 1000 bytes fill the bucket */
	n = mk_udp(ip, S1_ADDR, LAN_HOST, 53, 972);
	for (i = pass = 0; i < 60; i++) {
		f->ov.n = 0;
		rn = cli_ip(&f->c1, ip, n, raw);
		(void)rx(f, raw, rn, 1000);
		if (f->ov.n == 1 && f->outs[0].kind == GRE_OUT_TUN)
			pass++;
	}
	assert_int_equal(pass, 50);
	assert_int_equal(f->s1->ctr.drop[GRE_DROP_RATE_UP], 10);
	/* 100 ms later the next one decrypts and passes */
	f->ov.n = 0;
	rn = cli_ip(&f->c1, ip, n, raw);
	assert_int_equal(rx(f, raw, rn, 1100), HP_OK);
	assert_int_equal(f->ov.n, 1);
	assert_int_equal(f->outs[0].kind, GRE_OUT_TUN);
	assert_memory_equal(f->outs[0].data, ip, n);
	/* limits off: everything passes again */
	gre_sess_set_rate(f->s1, 0, 0, 0, 1100);
	n = mk_udp(ip, LAN_HOST, S1_ADDR, 5000, 972);
	for (i = pass = 0; i < 200; i++)
		if (gre_tx_ip(&f->t, ip, n, 1100, &o) == HP_OK)
			pass++;
	assert_int_equal(pass, 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(x)	cmocka_unit_test_setup_teardown(x, setup, teardown)
		T(test_rx_ip),
		T(test_antispoof),
		T(test_peer6),
		T(test_ingress),
		T(test_client_to_client),
		T(test_client_to_peer),
		T(test_dhcp_and_ctrl),
		T(test_lcp_echo),
		T(test_pfc_stateful),
		T(test_stateful_loss_reset_request),
		T(test_peer_reset_request),
		T(test_tx_ip),
		T(test_tx_in_place),
		T(test_rate_limit),
		T(test_tx_ctrl),
		T(test_reorder_and_ack),
		T(test_vectors_malformed),
		T(test_table),
		T(test_ip6_both_ways),
		T(test_ip6_antispoof),
		T(test_ip6_to_ctrl),
		T(test_ip6_c2c_mss),
		T(test_ip6_table),
		T(test_gen_seeds),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
