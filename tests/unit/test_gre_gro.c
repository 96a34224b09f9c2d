/*
 * Unit tests: gre/gro.c - joining a client's TCP segments for one tun
 * write.  The oracle is the other direction: a joined run, cut again
 * the way the kernel's GSO cuts (gre/tso.c does it as the kernel
 * does), must give back every segment byte for byte, checksums
 * included.  Then what must not join: another connection, a gap, an
 * identification out of step, a bad checksum, flags other than ACK and
 * PSH, IP options, fragments, a change of window or options, a run
 * past 64 KB; and where a run ends (PSH, a short segment).  The same
 * for IPv6.
 */
#include <linux/virtio_net.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "gre/bytes.h"
#include "gre/gro.h"
#include "gre/tso.h"
#include "test_csum_ref.h"

#define MSS		1360
#define NSEG_MAX	64
#define F_FIN		0x01
#define F_SYN		0x02
#define F_PSH		0x08
#define F_ACK		0x10

static uint8_t gbuf[GRO_BUF_SIZE];
static uint8_t seg[NSEG_MAX][MSS + 80];
static size_t seglen[NSEG_MAX];

/* Both checksums of an IPv4 TCP packet (IP header of ihl words). */
static void
sums(uint8_t *p, size_t len)
{
	size_t ihl = (size_t)(p[0] & 0x0f) * 4;
	uint32_t s;

	put16(p + 10, 0);
	put16(p + 10, ref_fold(ref_add(0, p, ihl)));
	put16(p + ihl + 16, 0);
	s = ref_add(0, p + 12, 8) + 6 + (uint32_t)(len - ihl);
	put16(p + ihl + 16, ref_fold(ref_add(s, p + ihl, len - ihl)));
}

/*
 * Segment k of a client's upload: 10.0.0.2:40000 -> 192.0.2.1:80,
 * payload pay bytes, sequence 1000 + k * MSS, identification 7 + k,
 * with a timestamp option when ts.
 */
static size_t
mkseg(uint8_t *p, unsigned int k, size_t pay, uint8_t flags, bool ts)
{
	size_t thl = ts ? 32 : 20, len = 20 + thl + pay, i;

	memset(p, 0, len);
	p[0] = 0x45;
	put16(p + 2, (uint16_t)len);
	put16(p + 4, (uint16_t)(7 + k));
	put16(p + 6, 0x4000);		/* DF */
	p[8] = 64;
	p[9] = 6;
	put32(p + 12, 0x0a000002);
	put32(p + 16, 0xc0000201);
	put16(p + 20, 40000);
	put16(p + 22, 80);
	put32(p + 24, 1000 + (uint32_t)k * MSS);
	put32(p + 28, 555);
	p[32] = (uint8_t)(thl / 4 << 4);
	p[33] = flags;
	put16(p + 34, 501);
	if (ts) {			/* NOP NOP TS val ecr */
		p[40] = 1;
		p[41] = 1;
		p[42] = 8;
		p[43] = 10;
		put32(p + 44, 123456);
		put32(p + 48, 654321);
	}
	for (i = 0; i < pay; i++)
		p[20 + thl + i] = (uint8_t)(k * 31 + i);
	sums(p, len);
	return len;
}

static void
mkrun(unsigned int n, size_t last, uint8_t lastflags, bool ts)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		seglen[k] = mkseg(seg[k], k, k + 1 == n ? last : MSS,
		    k + 1 == n ? lastflags : F_ACK, ts);
}

/*
 * The joined packet itself: its IP header and length, and its TCP
 * checksum once finished as the kernel finishes NEEDS_CSUM (the sum
 * from csum_start, field included, goes in the field) must be right:
 * cutting it again recomputes every piece's checksum and would not see
 * a wrong one.
 */
static void
finished_ok(const uint8_t *p, size_t len, size_t l3)
{
	static uint8_t q[GRO_IP_MAX];
	uint32_t s;

	if (l3 == 20) {
		assert_int_equal((size_t)(p[2] << 8 | p[3]), len);
		assert_int_equal(ref_fold(ref_add(0, p, 20)), 0);
		s = ref_add(0, p + 12, 8);
	} else {
		assert_int_equal((size_t)(p[4] << 8 | p[5]), len - 40);
		s = ref_add(0, p + 8, 32);
	}
	memcpy(q, p, len);
	put16(q + l3 + 16, ref_fold(ref_add(0, q + l3, len - l3)));
	s += 6 + (uint32_t)(len - l3);
	assert_int_equal(ref_fold(ref_add(s, q + l3, len - l3)), 0);
}

/* The TCP checksum of an IPv6 packet without extension headers. */
static void
sums6(uint8_t *p, size_t len)
{
	uint32_t s;

	put16(p + 56, 0);
	s = ref_add(0, p + 8, 32) + 6 + (uint32_t)(len - 40);
	put16(p + 56, ref_fold(ref_add(s, p + 40, len - 40)));
}

/*
 * Segment k over IPv6: 2001:db8::2 -> 2001:db8:1::1, flow label
 * 0x12345, the TCP segment mkseg makes.
 */
static size_t
mkseg6(uint8_t *p, unsigned int k, size_t pay, uint8_t flags)
{
	uint8_t v4[MSS + 80];
	size_t tl = mkseg(v4, k, pay, flags, false) - 20;

	memset(p, 0, 40);
	p[0] = 0x60;
	p[1] = 0x01;
	p[2] = 0x23;
	p[3] = 0x45;
	put16(p + 4, (uint16_t)tl);
	p[6] = 6;
	p[7] = 64;
	put32(p + 8, 0x20010db8);
	p[23] = 2;
	put32(p + 24, 0x20010db8);
	p[29] = 1;
	p[39] = 1;
	memcpy(p + 40, v4 + 20, tl);
	sums6(p, 40 + tl);
	return 40 + tl;
}

static void
mkrun6(unsigned int n, size_t last, uint8_t lastflags)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		seglen[k] = mkseg6(seg[k], k, k + 1 == n ? last : MSS,
		    k + 1 == n ? lastflags : F_ACK);
}

/* Cut what gro_end made and compare with segments first.. first+n-1. */
static void
cut_equals(const uint8_t *w, size_t wlen, unsigned int first, unsigned int n)
{
	static uint8_t pkt[GRO_IP_MAX], out[MSS + 80];
	struct tso_cut c;
	unsigned int k = 0;
	size_t len;

	assert_true(wlen > TSO_VHDR_LEN);
	memcpy(pkt, w + TSO_VHDR_LEN, wlen - TSO_VHDR_LEN);
	assert_int_equal(tso_begin(&c, w, pkt, wlen - TSO_VHDR_LEN,
	    sizeof(out)), HP_OK);
	if (n == 1) {
		assert_int_equal(c.kind, TSO_ONE);
		assert_int_equal(wlen - TSO_VHDR_LEN, seglen[first]);
		assert_memory_equal(pkt, seg[first], seglen[first]);
		return;
	}
	assert_int_equal(c.kind, (pkt[0] >> 4) == 4 ? TSO_TCP4 : TSO_TCP6);
	finished_ok(w + TSO_VHDR_LEN, wlen - TSO_VHDR_LEN, c.l4);
	while ((len = tso_next(&c, out)) != 0) {
		assert_true(k < n);
		assert_int_equal(len, seglen[first + k]);
		assert_memory_equal(out, seg[first + k], len);
		k++;
	}
	assert_int_equal(k, n);
}

/* Runs of 2, 32 and 48 (the most below 64 KB), the last one short. */
static void
test_roundtrip(void **state)
{
	static const unsigned int sizes[] = { 2, 32, 48 };
	const uint8_t *w;
	struct gro g;
	struct virtio_net_hdr h;
	unsigned int i, k, n;
	size_t wl;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		gro_init(&g, gbuf);
		mkrun(sizes[i], 700, F_ACK | F_PSH, i == 1);
		for (k = 0; k < sizes[i]; k++)
			assert_true(gro_add(&g, seg[k], seglen[k]));
		wl = gro_end(&g, &w, &n);
		assert_int_equal(n, sizes[i]);
		memcpy(&h, w, sizeof(h));
		assert_int_equal(h.gso_type, VIRTIO_NET_HDR_GSO_TCPV4);
		assert_int_equal(h.gso_size, MSS);
		assert_int_equal(h.flags, VIRTIO_NET_HDR_F_NEEDS_CSUM);
		cut_equals(w, wl, 0, sizes[i]);
		/* and the run is gone */
		assert_int_equal(gro_end(&g, &w, &n), 0);
	}
}

/* A run of one goes out as it came, behind a zeroed header. */
static void
test_single(void **state)
{
	static const uint8_t zero[TSO_VHDR_LEN];
	const uint8_t *w;
	struct gro g;
	unsigned int n;
	size_t wl;

	(void)state;
	gro_init(&g, gbuf);
	mkrun(1, MSS, F_ACK, false);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	wl = gro_end(&g, &w, &n);
	assert_int_equal(n, 1);
	assert_memory_equal(w, zero, TSO_VHDR_LEN);
	cut_equals(w, wl, 0, 1);
}

/* PSH and a short segment end a run: the next starts another. */
static void
test_ends(void **state)
{
	const uint8_t *w;
	struct gro g;
	unsigned int n;
	size_t wl;

	(void)state;
	gro_init(&g, gbuf);
	mkrun(4, MSS, F_ACK, false);
	seglen[1] = mkseg(seg[1], 1, MSS, F_ACK | F_PSH, false);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	assert_true(gro_add(&g, seg[1], seglen[1]));
	assert_false(gro_add(&g, seg[2], seglen[2]));
	wl = gro_end(&g, &w, &n);
	cut_equals(w, wl, 0, 2);
	/* a short one joins as the last */
	mkrun(4, MSS, F_ACK, false);
	seglen[1] = mkseg(seg[1], 1, 100, F_ACK, false);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	assert_true(gro_add(&g, seg[1], seglen[1]));
	assert_false(gro_add(&g, seg[2], seglen[2]));
	wl = gro_end(&g, &w, &n);
	cut_equals(w, wl, 0, 2);
	/* after gro_end, the refused one starts a run of its own */
	assert_true(gro_add(&g, seg[2], seglen[2]));
	assert_true(gro_add(&g, seg[3], seglen[3]));
	wl = gro_end(&g, &w, &n);
	assert_int_equal(n, 2);
	cut_equals(w, wl, 2, 2);
}

/* 64 KB: the 49th full segment no longer fits. */
static void
test_full(void **state)
{
	struct gro g;
	unsigned int k;

	(void)state;
	gro_init(&g, gbuf);
	mkrun(NSEG_MAX, MSS, F_ACK, false);
	for (k = 0; k < 48; k++)
		assert_true(gro_add(&g, seg[k], seglen[k]));
	assert_false(gro_add(&g, seg[48], seglen[48]));
}

/*
 * Start a run of seg[0], then offer the changed seg[1]: refused.  With
 * ts, both carry timestamps.
 */
static void
refused(void (*change)(uint8_t *), bool resum, bool ts)
{
	struct gro g;

	gro_init(&g, gbuf);
	mkrun(2, MSS, F_ACK, ts);
	change(seg[1]);
	if (resum)
		sums(seg[1], seglen[1]);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	assert_false(gro_add(&g, seg[1], seglen[1]));
}

static void ch_port(uint8_t *p) { p[23] ^= 1; }
static void ch_addr(uint8_t *p) { p[15] ^= 1; }
static void ch_seq(uint8_t *p) { p[27] ^= 1; }
static void ch_id(uint8_t *p) { p[5] += 1; }
static void ch_tos(uint8_t *p) { p[1] = 0x10; }
static void ch_ttl(uint8_t *p) { p[8] = 63; }
static void ch_ack(uint8_t *p) { p[31] ^= 1; }
static void ch_win(uint8_t *p) { p[35] ^= 1; }
static void ch_data(uint8_t *p) { p[100] ^= 1; }
static void ch_ipsum(uint8_t *p) { p[11] ^= 1; }
static void ch_fin(uint8_t *p) { p[33] |= F_FIN; }
static void ch_tsval(uint8_t *p) { p[47] ^= 1; }

static void
test_refused(void **state)
{
	(void)state;
	refused(ch_port, true, false);
	refused(ch_addr, true, false);
	refused(ch_seq, true, false);
	refused(ch_id, true, false);
	refused(ch_tos, true, false);
	refused(ch_ttl, true, false);
	refused(ch_ack, true, false);
	refused(ch_win, true, false);
	refused(ch_fin, true, false);
	/* damaged after its checksums were made: not laundered */
	refused(ch_data, false, false);
	refused(ch_ipsum, false, false);
}

/*
 * The TCP checksum field of p (IPv4, a segment of mkseg's) made 0xffff,
 * and a payload word changed so that the segment still verifies: the
 * other way to write a sum of 0, which the kernel's GSO would not give
 * back.
 */
static void
csum_ffff(uint8_t *p, size_t len)
{
	size_t at = 20 + (size_t)(p[32] >> 4) * 4;
	uint32_t s;
	uint16_t f;

	put16(p + 36, 0xffff);
	s = ref_add(ref_add(0, p + 12, 8) + 6 + (uint32_t)(len - 20),
	    p + 20, len - 20);
	f = (uint16_t)~ref_fold(s);		/* the sum so far, folded */
	s = (uint32_t)get16(p + at) + (uint16_t)~f;
	put16(p + at, (uint16_t)((s & 0xffff) + (s >> 16)));
	s = ref_add(ref_add(0, p + 12, 8) + 6 + (uint32_t)(len - 20),
	    p + 20, len - 20);
	assert_int_equal(ref_fold(s), 0);	/* it verifies */
}

/* A checksum of 0xffff: verifies, but would come back as 0x0000. */
static void
test_csum_ffff(void **state)
{
	struct gro g;

	(void)state;
	gro_init(&g, gbuf);
	mkrun(2, MSS, F_ACK, false);
	csum_ffff(seg[1], seglen[1]);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	assert_false(gro_add(&g, seg[1], seglen[1]));
	gro_init(&g, gbuf);
	assert_false(gro_add(&g, seg[1], seglen[1]));
	/* an IPv4 header checksum of 0xffff likewise */
	mkrun(1, MSS, F_ACK, false);
	put16(seg[0] + 10, 0xffff);
	seg[0][4] = 0;
	seg[0][5] = 0;
	put16(seg[0] + 4, ref_fold(ref_add(0, seg[0], 20)));
	assert_int_equal(ref_fold(ref_add(0, seg[0], 20)), 0);
	assert_false(gro_add(&g, seg[0], seglen[0]));
}

/* What never starts a run. */
static void
test_alone(void **state)
{
	uint8_t p[MSS + 80];
	struct gro g;
	size_t n;

	(void)state;
	gro_init(&g, gbuf);
	n = mkseg(p, 0, MSS, F_SYN | F_ACK, false);
	assert_false(gro_add(&g, p, n));
	n = mkseg(p, 0, 0, F_ACK, false);		/* no data */
	assert_false(gro_add(&g, p, n));
	n = mkseg(p, 0, MSS, F_ACK, false);
	put16(p + 6, 0x2000);			/* MF */
	sums(p, n);
	assert_false(gro_add(&g, p, n));
	n = mkseg(p, 0, MSS, F_ACK, false);
	p[9] = 17;				/* UDP */
	assert_false(gro_add(&g, p, n));
	n = mkseg(p, 0, MSS, F_ACK, false);
	assert_false(gro_add(&g, p, n - 1));	/* length != IP's */
	p[0] = 0x46;				/* IP options */
	assert_false(gro_add(&g, p, n));
	p[0] = 0x45;
	p[32] = 0xf0;				/* TCP header past the end */
	assert_false(gro_add(&g, p, 60));
	assert_false(gro_add(&g, p, 10));
}

/* Options that differ (a newer timestamp) end the run. */
static void
test_options(void **state)
{
	(void)state;
	refused(ch_tsval, true, true);
}

/* IPv6: runs of 2 and 48, the last short, cut again. */
static void
test_roundtrip6(void **state)
{
	static const unsigned int sizes[] = { 2, 48 };
	const uint8_t *w;
	struct gro g;
	struct virtio_net_hdr h;
	unsigned int i, k, n;
	size_t wl;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		gro_init(&g, gbuf);
		mkrun6(sizes[i], 500, F_ACK | F_PSH);
		for (k = 0; k < sizes[i]; k++)
			assert_true(gro_add(&g, seg[k], seglen[k]));
		wl = gro_end(&g, &w, &n);
		assert_int_equal(n, sizes[i]);
		memcpy(&h, w, sizeof(h));
		assert_int_equal(h.gso_type, VIRTIO_NET_HDR_GSO_TCPV6);
		assert_int_equal(h.csum_start, 40);
		cut_equals(w, wl, 0, sizes[i]);
	}
}

static void ch6_flow(uint8_t *p) { p[3] ^= 1; }
static void ch6_hops(uint8_t *p) { p[7] = 63; }
static void ch6_dst(uint8_t *p) { p[39] ^= 1; }
static void ch6_seq(uint8_t *p) { p[47] ^= 1; }

/* A changed second IPv6 segment is refused. */
static void
refused6(void (*change)(uint8_t *))
{
	struct gro g;

	gro_init(&g, gbuf);
	mkrun6(2, MSS, F_ACK);
	change(seg[1]);
	sums6(seg[1], seglen[1]);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	assert_false(gro_add(&g, seg[1], seglen[1]));
}

static void
test_refused6(void **state)
{
	uint8_t p[MSS + 80];
	struct gro g;
	size_t n;

	(void)state;
	refused6(ch6_flow);
	refused6(ch6_hops);
	refused6(ch6_dst);
	refused6(ch6_seq);
	/* an IPv4 segment after an IPv6 run, and the other way */
	gro_init(&g, gbuf);
	mkrun6(1, MSS, F_ACK);
	assert_true(gro_add(&g, seg[0], seglen[0]));
	n = mkseg(p, 1, MSS, F_ACK, false);
	assert_false(gro_add(&g, p, n));
	/* alone: an extension header, a length that is not the packet's */
	gro_init(&g, gbuf);
	n = mkseg6(p, 0, MSS, F_ACK);
	p[6] = 0;				/* hop-by-hop */
	assert_false(gro_add(&g, p, n));
	n = mkseg6(p, 0, MSS, F_ACK);
	assert_false(gro_add(&g, p, n - 1));
	/* damaged data */
	n = mkseg6(p, 0, MSS, F_ACK);
	p[200] ^= 1;
	assert_false(gro_add(&g, p, n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_ends),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_alone),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_csum_ffff),
		cmocka_unit_test(test_roundtrip6),
		cmocka_unit_test(test_refused6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
