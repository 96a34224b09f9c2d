/*
 * Unit tests: gre/gre_pkt.c and gre/ppp_frame.c - table-driven decode
 * of valid and malformed outer IPv4 + enhanced GRE (VECTORS.md), every
 * truncation, and encode round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "gre/gre_pkt.h"
#include "gre/ppp_frame.h"

/* IPv4 (20 bytes, proto 47, 10.0.0.1 -> 10.0.0.2) + GRE; fix lengths. */
static size_t
mk(uint8_t *p, const uint8_t *gre, size_t glen, size_t extra_tail)
{
	size_t	tot = 20 + glen;

	memset(p, 0, 20);
	p[0] = 0x45;
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	p[8] = 64;
	p[9] = 47;
	p[12] = 10; p[15] = 1;
	p[16] = 10; p[19] = 2;
	memcpy(p + 20, gre, glen);
	memset(p + tot, 0xee, extra_tail);
	return tot + extra_tail;
}

/* S and A, payload 4, call 0x1234, seq 7, ack 6. */
static const uint8_t good[] = {
	0x30, 0x81, 0x88, 0x0b, 0x00, 0x04, 0x12, 0x34,
	0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x06,
	0xff, 0x03, 0x00, 0x21,
};

static void
test_decode_good(void **state)
{
	uint8_t		p[128];
	struct gre_pkt	k;
	enum gre_drop	why;
	size_t		n;

	n = mk(p, good, sizeof(good), 0);
	assert_int_equal(gre_pkt_decode(p, n, &k, &why), HP_OK);
	assert_int_equal(k.src, 0x0a000001);
	assert_int_equal(k.dst, 0x0a000002);
	assert_int_equal(k.gre.call_id, 0x1234);
	assert_int_equal(k.gre.payload_len, 4);
	assert_true(k.gre.has_seq);
	assert_true(k.gre.has_ack);
	assert_int_equal(k.gre.seq, 7);
	assert_int_equal(k.gre.ack, 6);
	assert_int_equal(k.gre.hdr_len, 16);
	assert_ptr_equal(k.payload, p + 20 + 16);
	/* Trailing link padding past the IP total length is ignored. */
	n = mk(p, good, sizeof(good), 6);
	assert_int_equal(gre_pkt_decode(p, n, &k, &why), HP_OK);
	/* Payload shorter than what follows: fine, rest ignored. */
	memcpy(p, good, sizeof(good));
}

static void
test_decode_ack_only(void **state)
{
	const uint8_t	g[] = { 0x20, 0x81, 0x88, 0x0b, 0x00, 0x00, 0x00,
	    0x01, 0xde, 0xad, 0xbe, 0xef };
	uint8_t		p[64];
	struct gre_pkt	k;
	enum gre_drop	why;

	assert_int_equal(gre_pkt_decode(p, mk(p, g, sizeof(g), 0), &k, &why),
	    HP_OK);
	assert_false(k.gre.has_seq);
	assert_true(k.gre.has_ack);
	assert_int_equal(k.gre.ack, 0xdeadbeef);
	assert_int_equal(k.gre.payload_len, 0);
}

struct bad {
	const char	*name;
	int		 off;		/* byte to set; -1: none */
	uint8_t		 val;
	enum gre_drop	 why;
	int		 err;
};

static void
test_decode_bad(void **state)
{
	static const struct bad	bad[] = {
		{ "version 6", 0, 0x65, GRE_DROP_IP_VERSION, HP_E_FORMAT },
		{ "ihl 4", 0, 0x44, GRE_DROP_IP_IHL, HP_E_BADLEN },
		{ "ihl 15", 0, 0x4f, GRE_DROP_IP_IHL, HP_E_BADLEN },
		{ "totlen 19", 3, 19, GRE_DROP_IP_TOTLEN, HP_E_BADLEN },
		{ "totlen > recv", 3, 200, GRE_DROP_IP_TOTLEN, HP_E_BADLEN },
		{ "MF", 6, 0x20, GRE_DROP_IP_FRAG, HP_E_UNSUPP },
		{ "frag off", 7, 0x01, GRE_DROP_IP_FRAG, HP_E_UNSUPP },
		{ "udp", 9, 17, GRE_DROP_IP_PROTO, HP_E_FORMAT },
		{ "gre v0", 21, 0x80, GRE_DROP_GRE_VERSION, HP_E_UNSUPP },
		{ "proto ip", 23, 0x00, GRE_DROP_GRE_PROTO, HP_E_UNSUPP },
		{ "C bit", 20, 0xb0, GRE_DROP_GRE_FLAGS, HP_E_FORMAT },
		{ "R bit", 20, 0x70, GRE_DROP_GRE_FLAGS, HP_E_FORMAT },
		{ "s bit", 20, 0x38, GRE_DROP_GRE_FLAGS, HP_E_FORMAT },
		{ "recur", 20, 0x31, GRE_DROP_GRE_FLAGS, HP_E_FORMAT },
		{ "rsvd", 21, 0x89, GRE_DROP_GRE_FLAGS, HP_E_FORMAT },
		{ "no K", 20, 0x10, GRE_DROP_GRE_NOKEY, HP_E_FORMAT },
		{ "paylen 5", 25, 5, GRE_DROP_GRE_PAYLEN, HP_E_BADLEN },
		{ "paylen 0xff", 24, 0xff, GRE_DROP_GRE_PAYLEN, HP_E_BADLEN },
		{ "payload no S", 20, 0x20, GRE_DROP_GRE_NOSEQ, HP_E_FORMAT },
	};
	uint8_t		p[128];
	struct gre_pkt	k;
	enum gre_drop	why;
	size_t		n, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = mk(p, good, sizeof(good), 0);
		p[bad[i].off] = bad[i].val;
		/* Without S the ack shifts; keep the length consistent. */
		if (bad[i].why == GRE_DROP_GRE_NOSEQ) {
			memmove(p + 28, p + 32, n - 32);
			n -= 4;
			p[3] = (uint8_t)n;
		}
		print_message("case %s\n", bad[i].name);
		assert_int_equal(gre_pkt_decode(p, n, &k, &why), bad[i].err);
		assert_int_equal(why, bad[i].why);
		assert_null(k.payload);
	}
}

/* Every truncation of a good packet fails cleanly. */
static void
test_truncations(void **state)
{
	uint8_t		p[128], q[128];
	struct gre_pkt	k;
	enum gre_drop	why;
	size_t		n, i;

	n = mk(p, good, sizeof(good), 0);
	for (i = 0; i < n; i++) {
		memcpy(q, p, i);
		/* Keep the IP total length honest so the GRE part is cut. */
		if (i >= 4) {
			q[2] = (uint8_t)(i >> 8);
			q[3] = (uint8_t)i;
		}
		assert_int_not_equal(gre_pkt_decode(q, i, &k, &why), HP_OK);
		assert_int_not_equal(why, GRE_DROP_NONE);
	}
	/* Bare GRE header decode: every prefix too. */
	for (i = 0; i < sizeof(good); i++) {
		struct gre_hdr	h;
		const uint8_t	*pl;

		assert_int_not_equal(gre_hdr_decode(good, i, &h, &pl, &why),
		    HP_OK);
	}
}

static void
test_too_big(void **state)
{
	static uint8_t	p[GRE_PAYLOAD_MAX + 64];
	uint8_t		g[16];
	struct gre_pkt	k;
	enum gre_drop	why;
	size_t		plen = GRE_PAYLOAD_MAX + 1, n;

	n = gre_hdr_encode(g, sizeof(g), 1, (uint16_t)plen, true, 1, false, 0);
	assert_int_equal(n, 12);
	memset(p, 0, sizeof(p));
	n = mk(p, g, n, 0) + plen;
	p[2] = (uint8_t)(n >> 8);
	p[3] = (uint8_t)n;
	assert_int_equal(gre_pkt_decode(p, n, &k, &why), HP_E_LONG);
	assert_int_equal(why, GRE_DROP_GRE_TOOBIG);
}

static void
test_encode_roundtrip(void **state)
{
	uint8_t		g[16], small[11];
	struct gre_hdr	h;
	const uint8_t	*pl;
	enum gre_drop	why;
	size_t		n;
	int		s, a;

	for (s = 0; s < 2; s++)
		for (a = 0; a < 2; a++) {
			n = gre_hdr_encode(g, sizeof(g), 0xbeef, 0, s, 0x01020304,
			    a, 0xfffffffe);
			assert_int_equal(n, 8 + 4 * s + 4 * a);
			assert_int_equal(gre_hdr_decode(g, n, &h, &pl, &why),
			    HP_OK);
			assert_int_equal(h.call_id, 0xbeef);
			assert_int_equal(h.has_seq, s);
			assert_int_equal(h.has_ack, a);
			if (s)
				assert_int_equal(h.seq, 0x01020304);
			if (a)
				assert_int_equal(h.ack, 0xfffffffe);
		}
	assert_int_equal(gre_hdr_encode(small, sizeof(small), 1, 0, true, 1,
	    false, 0), 0);
}

static void
test_ppp_frame(void **state)
{
	static const struct {
		uint8_t		b[4];
		size_t		n;
		int		err;
		uint16_t	proto;
		size_t		hl;
	} c[] = {
		{ { 0xff, 0x03, 0x00, 0x21 }, 4, HP_OK, 0x0021, 4 },
		{ { 0xff, 0x03, 0x21 }, 3, HP_OK, 0x0021, 3 },
		{ { 0x00, 0x21 }, 2, HP_OK, 0x0021, 2 },
		{ { 0x21 }, 1, HP_OK, 0x0021, 1 },
		{ { 0xc0, 0x21 }, 2, HP_OK, 0xc021, 2 },
		{ { 0xfd }, 1, HP_OK, 0x00fd, 1 },
		{ { 0xff, 0x05, 0x00, 0x21 }, 4, HP_E_FORMAT, 0, 0 },
		{ { 0xff }, 1, HP_E_SHORT, 0, 0 },
		{ { 0xff, 0x03 }, 2, HP_E_SHORT, 0, 0 },
		{ { 0x00, 0x20 }, 2, HP_E_FORMAT, 0, 0 },
		{ { 0x00 }, 1, HP_E_SHORT, 0, 0 },
		{ { 0 }, 0, HP_E_SHORT, 0, 0 },
	};
	uint16_t	proto;
	size_t		hl, i;
	uint8_t		b[4];

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		assert_int_equal(ppp_frame_decode(c[i].b, c[i].n, &proto, &hl),
		    c[i].err);
		assert_int_equal(proto, c[i].proto);
		assert_int_equal(hl, c[i].hl);
	}
	assert_int_equal(ppp_frame_hdr_encode(b, 0x0021, false, false), 4);
	assert_memory_equal(b, "\xff\x03\x00\x21", 4);
	assert_int_equal(ppp_frame_hdr_encode(b, 0x0021, true, true), 1);
	assert_int_equal(b[0], 0x21);
	assert_int_equal(ppp_frame_hdr_encode(b, 0x80fd, true, true), 2);
	assert_memory_equal(b, "\x80\xfd", 2);
	/* LCP always in full. */
	assert_int_equal(ppp_frame_hdr_encode(b, 0xc021, true, true), 4);
	assert_memory_equal(b, "\xff\x03\xc0\x21", 4);
	assert_int_equal(ppp_frame_hdr_len(0xc021, true, true), 4);
	assert_int_equal(ppp_frame_hdr_len(0x00fd, true, false), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_good),
		cmocka_unit_test(test_decode_ack_only),
		cmocka_unit_test(test_decode_bad),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_ppp_frame),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
