/*
 * Fuzz target: the gre data path with two sessions installed (keys
 * fixed; each with an IPv4 address and an IPv6 /64; the same as tests/unit/test_gre_datapath.c, whose
 * test_gen_seeds writes the seed corpus of valid encrypted packets).
 *
 * Input: records of type (1), time step (1), length (2, big-endian) and
 * that many bytes.  Type 0 is a raw GRE datagram for gre_rx_packet,
 * type 1 a tun packet for gre_tx_ip, type 2 a ctrl frame for
 * gre_tx_ctrl on session 1 or 2 (by the time byte's low bit), type 3
 * a raw IPv6 socket's datagram (GRE first) for gre_rx_packet6 from
 * session 3's IPv6 peer or, by the time byte's low bit, another; after
 * each record the timers run (gre_table_poll), session 2's LCP echo
 * keepalive among them (a second apart).  Every output is checked to
 * lie inside its buffer.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "gre/datapath.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t key_send[16] = {
	0x8b, 0x7c, 0xdc, 0x14, 0x9b, 0x99, 0x3a, 0x1b,
	0xa1, 0x18, 0xcb, 0x15, 0x3f, 0x56, 0xdc, 0xcb };
static const uint8_t key_recv[16] = {
	0xd5, 0xf0, 0xe9, 0x52, 0x1e, 0x3e, 0xa9, 0x58,
	0x96, 0x45, 0xe8, 0x60, 0x51, 0xc8, 0x22, 0x26 };

static const uint8_t peer6[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3 };

static struct gre_pool	 pool;
static struct gre_table	 tab;
static struct gre_out	 outs[GRE_OUT_MIN];
static bool		 inited;

static void
sink(int prio, enum log_fac fac, const char *line)
{
	(void)prio;
	(void)fac;
	(void)line;
}

static void
check_outputs(const struct gre_outv *ov)
{
	unsigned	i;

	for (i = 0; i < ov->n; i++) {
		const struct gre_out *o = &ov->v[i];

		if (o->data < o->buf || o->len > sizeof(o->buf) ||
		    (size_t)(o->data - o->buf) > sizeof(o->buf) - o->len)
			__builtin_trap();
		/* a dead link names its count, 1..255 */
		if (o->kind == GRE_OUT_DEAD && (o->len != 1 ||
		    o->data[0] == 0))
			__builtin_trap();
	}
}

static void
install(void)
{
	struct gre_sess_conf	 c;
	struct gre_sess		*s;

	c = (struct gre_sess_conf){
	    .sid = 1, .call_id = 0x1001,
	    .peer_call_id = 0x5001, .peer_addr = 0xc000020a,
	    .peer_rwin = 64 };
	if (gre_sess_add(&tab, &c, &s) != HP_OK)
		__builtin_trap();
	(void)gre_sess_set_addr(&tab, s, 0x0a6400c9);
	(void)gre_sess_set_prefix6(&tab, s, 0x20010db801000001ULL);
	gre_sess_set_link(s, false, false, 1360, true);
	gre_sess_set_keys(s, key_send, key_recv);
	(void)gre_sess_set_mppe(s, MPPE_128, true);

	c = (struct gre_sess_conf){
	    .sid = 2, .call_id = 0x1002,
	    .peer_call_id = 0x5002, .peer_addr = 0xc000020b,
	    .peer_rwin = 4 };
	if (gre_sess_add(&tab, &c, &s) != HP_OK)
		__builtin_trap();
	(void)gre_sess_set_addr(&tab, s, 0x0a6400ca);
	(void)gre_sess_set_prefix6(&tab, s, 0x20010db801000002ULL);
	gre_sess_set_link(s, true, true, 0, false);
	gre_sess_set_keys(s, key_send, key_recv);
	(void)gre_sess_set_mppe(s, MPPE_40, false);
	/* LCP's echo keepalive: a record's time step can reach it */
	gre_sess_set_echo(&tab, s, 0x11223344, 1, 2, 1000000);

	/* an IPv6 peer, 2001:db8::3, over the raw IPv6 socket */
	c = (struct gre_sess_conf){ .sid = 3, .call_id = 0x1003,
	    .peer_call_id = 0x5003, .peer_rwin = 16, .peer_is6 = true };
	memcpy(c.peer_addr6, peer6, sizeof(peer6));
	if (gre_sess_add(&tab, &c, &s) != HP_OK)
		__builtin_trap();
	(void)gre_sess_set_addr(&tab, s, 0x0a6400cb);
	gre_sess_set_link(s, false, false, 1360, true);
	gre_sess_set_keys(s, key_send, key_recv);
	(void)gre_sess_set_mppe(s, MPPE_128, true);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gre_outv	 ov = { outs, 0, GRE_OUT_MIN };
	struct gre_out	 o;
	struct gre_sess	*s;
	static uint8_t	 tunbuf[65536];
	uint64_t	 now = 1000000, next;
	bool		 have;
	size_t		 len;
	uint8_t		 type, dt, src6[16];

	if (!inited) {
		log_init("fuzz", 1, 0);
		log_set_sink(sink);
		if (gre_pool_init(&pool, 32) != HP_OK ||
		    gre_table_init(&tab, 4) != HP_OK)
			__builtin_trap();
		inited = true;
	}
	install();
	while (size >= 4) {
		type = data[0];
		dt = data[1];
		len = (size_t)(data[2] << 8 | data[3]);
		data += 4;
		size -= 4;
		if (len > size)
			len = size;
		now += (uint64_t)dt * 4;
		ov.n = 0;
		switch (type % 4) {
		case 0:
			(void)gre_rx_packet(&tab, &pool, data, len, now, &ov);
			break;
		case 3:
			/* IPv6: GRE first; the source is the peer's or not */
			memcpy(src6, peer6, sizeof(src6));
			src6[15] ^= dt & 1;
			(void)gre_rx_packet6(&tab, &pool, src6, data, len, now,
			    &ov);
			break;
		case 1:
			/* gre_tx_ip clamps in place: give it a copy, in the
			 * output buffer as gre/main.c does when it fits. */
			if (len <= sizeof(o.buf) - GRE_TX_OVERHEAD) {
				memcpy(o.buf + GRE_TX_OVERHEAD, data, len);
				(void)gre_tx_ip(&tab, o.buf + GRE_TX_OVERHEAD,
				    len, 0, &o);
			} else {
				memcpy(tunbuf, data, len);
				(void)gre_tx_ip(&tab, tunbuf, len, 0, &o);
			}
			break;
		default:
			s = gre_sess_by_sid(&tab, 1 + (dt & 1));
			if (s != NULL)
				(void)gre_tx_ctrl(&tab, s, data, len, &o);
			break;
		}
		check_outputs(&ov);
		ov.n = 0;
		while (gre_table_poll(&tab, &pool, now, &ov, &next, &have) ==
		    HP_E_AGAIN) {
			check_outputs(&ov);
			ov.n = 0;
		}
		check_outputs(&ov);
		data += len;
		size -= len;
	}
	/* Tear down: every held buffer must come back. */
	while ((s = gre_sess_by_sid(&tab, 1)) != NULL)
		gre_sess_remove(&tab, &pool, s);
	while ((s = gre_sess_by_sid(&tab, 2)) != NULL)
		gre_sess_remove(&tab, &pool, s);
	while ((s = gre_sess_by_sid(&tab, 3)) != NULL)
		gre_sess_remove(&tab, &pool, s);
	if (pool.nfree != pool.n || gre_table_count(&tab) != 0)
		__builtin_trap();
	return 0;
}
