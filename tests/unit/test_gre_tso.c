/*
 * Unit tests: gre/tso.c - finishing a checksum the kernel left, and
 * cutting TCP super-packets as the kernel's software GSO would: every
 * piece's lengths, identification, sequence number, flags and both
 * checksums (verified by a full recomputation), and its payload; and
 * what a header or packet that does not add up gets.
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
#include "gre/tso.h"
#include "test_csum_ref.h"

#define CAP		1960
#define F_FIN		0x01
#define F_PSH		0x08
#define F_ACK		0x10
#define F_CWR		0x80

static uint8_t pkt[TSO_READ_MAX], out[CAP];

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static void
vhdr(uint8_t vh[TSO_VHDR_LEN], uint8_t flags, uint8_t type, uint16_t gso,
    uint16_t start, uint16_t off)
{
	struct virtio_net_hdr h;

	memset(&h, 0, sizeof(h));
	h.flags = flags;
	h.gso_type = type;
	h.gso_size = gso;
	h.csum_start = start;
	h.csum_offset = off;
	memcpy(vh, &h, sizeof(h));
}

/* The pseudo-header's sum for the L4 part at l4, len bytes long. */
static uint32_t
pseudo(const uint8_t *ip, uint8_t proto, size_t l4len)
{
	uint32_t s;

	if ((ip[0] >> 4) == 4)
		s = ref_add(0, ip + 12, 8);
	else
		s = ref_add(0, ip + 8, 32);
	return s + proto + (uint32_t)l4len;
}

/* 0 when the L4 checksum of the packet (n bytes, L4 at l4) is right. */
static uint16_t
l4_check(const uint8_t *ip, size_t n, size_t l4, uint8_t proto)
{
	return ref_fold(ref_add(pseudo(ip, proto, n - l4),
	    ip + l4, n - l4));
}

/*
 * An IPv4 (or IPv6) TCP super-packet: 12 bytes of options (NOP NOP
 * timestamp), flags, data bytes numbered from the first; returns the
 * length, and the offset of TCP in *l4.
 */
static size_t
mk_tcp(bool v6, uint8_t flags, size_t data, size_t *l4)
{
	size_t thl = 32, hl, i;

	*l4 = v6 ? 40 : 20;
	hl = *l4 + thl;
	memset(pkt, 0, hl);
	if (v6) {
		pkt[0] = 0x60;
		pkt[6] = 6;
		pkt[7] = 64;
		pkt[8] = 0x20;
		pkt[9] = 0x01;
		pkt[23] = 1;
		pkt[24] = 0x20;
		pkt[25] = 0x01;
		pkt[39] = 2;
	} else {
		pkt[0] = 0x45;
		pkt[4] = 0x12;		/* id 0x1234 */
		pkt[5] = 0x34;
		pkt[6] = 0x40;		/* DF */
		pkt[8] = 64;
		pkt[9] = 6;
		pkt[12] = 10, pkt[15] = 1;
		pkt[16] = 10, pkt[19] = 2;
	}
	pkt[*l4 + 0] = 0x13;		/* ports 5001 -> 40000 */
	pkt[*l4 + 1] = 0x89;
	pkt[*l4 + 2] = 0x9c;
	pkt[*l4 + 3] = 0x40;
	pkt[*l4 + 4] = 0xff;		/* seq 0xfffffc00: it wraps */
	pkt[*l4 + 5] = 0xff;
	pkt[*l4 + 6] = 0xfc;
	pkt[*l4 + 12] = (uint8_t)((thl / 4) << 4);
	pkt[*l4 + 13] = flags;
	pkt[*l4 + 14] = 0xff;
	pkt[*l4 + 20] = 1;
	pkt[*l4 + 21] = 1;
	pkt[*l4 + 22] = 8;
	pkt[*l4 + 23] = 10;
	pkt[*l4 + 27] = 7;		/* TSval 7 */
	for (i = 0; i < data; i++)
		pkt[hl + i] = (uint8_t)(i * 7 + (i >> 8));
	/* the kernel leaves the pseudo-header's sum in the field */
	pkt[*l4 + 16] = 0xab;
	return hl + data;
}

/* Cut a super-packet of data bytes by mss; check every piece. */
static void
cut_and_check(bool v6, uint8_t flags, size_t data, uint16_t mss)
{
	uint8_t vh[TSO_VHDR_LEN];
	struct tso_cut c;
	size_t l4, len, hl, n, got = 0, want;
	uint32_t k = 0;

	len = mk_tcp(v6, flags, data, &l4);
	hl = l4 + 32;
	want = (data + mss - 1) / mss;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, v6 ? VIRTIO_NET_HDR_GSO_TCPV6 :
	    VIRTIO_NET_HDR_GSO_TCPV4, mss, (uint16_t)l4, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	assert_int_equal(c.kind, v6 ? TSO_TCP6 : TSO_TCP4);
	while ((n = tso_next(&c, out)) != 0) {
		size_t pl = n - hl;
		bool last = k + 1 == want;
		uint8_t fl = out[l4 + 13];

		assert_true(k < want);
		assert_int_equal(pl, last ? data - got : mss);
		assert_memory_equal(out, pkt, v6 ? 4 : 2);	/* version... */
		assert_memory_equal(out + hl, pkt + hl + got, pl);
		if (v6)
			assert_int_equal(get16(out + 4), n - 40);
		else {
			assert_int_equal(get16(out + 2), n);
			assert_int_equal(get16(out + 4), 0x1234 + k);
			assert_int_equal(ref_fold(ref_add(0, out,
			    20)), 0);
		}
		assert_int_equal(get32(out + l4 + 4),
		    (uint32_t)(0xfffffc00u + got));
		assert_int_equal(fl & F_CWR, k == 0 ? (flags & F_CWR) : 0);
		assert_int_equal(fl & (F_FIN | F_PSH),
		    last ? (flags & (F_FIN | F_PSH)) : 0);
		assert_int_equal(fl & F_ACK, flags & F_ACK);
		/* the options ride on every piece */
		assert_memory_equal(out + l4 + 20, pkt + l4 + 20, 12);
		assert_int_equal(l4_check(out, n, l4, 6), 0);
		got += pl;
		k++;
	}
	assert_int_equal(k, want);
	assert_int_equal(got, data);
	assert_int_equal(tso_next(&c, out), 0);
}

static void
test_cut4(void **st)
{
	cut_and_check(false, F_ACK | F_PSH | F_FIN | F_CWR, 3000, 1000);
	cut_and_check(false, F_ACK | F_PSH, 2500, 1000);
	cut_and_check(false, F_ACK, 64000, 1360);
	cut_and_check(false, F_ACK | F_PSH, 7, 1360);	/* one piece */
	cut_and_check(false, F_ACK, 1361, 1360);	/* odd tail */
}

/* IPv4 with options (TCP at 24), the ECN bit, the id wrapping. */
static void
test_cut4_more(void **st)
{
	uint8_t vh[TSO_VHDR_LEN];
	struct tso_cut c;
	size_t l4, len, n;
	uint32_t k = 0;

	len = mk_tcp(false, F_ACK | F_CWR, 3000, &l4);
	/* four bytes of options (NOP x 4) after the fixed header */
	memmove(pkt + 24, pkt + 20, len - 20);
	memset(pkt + 20, 1, 4);
	pkt[0] = 0x46;
	pkt[4] = pkt[5] = 0xff;			/* id 0xffff */
	len += 4;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4 |
	    VIRTIO_NET_HDR_GSO_ECN, 1000, 24, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	while ((n = tso_next(&c, out)) != 0) {
		assert_int_equal(get16(out + 2), n);
		assert_int_equal(get16(out + 4), (uint16_t)(0xffff + k));
		assert_memory_equal(out + 20, pkt + 20, 4);
		assert_int_equal(ref_fold(ref_add(0, out, 24)), 0);
		assert_int_equal(l4_check(out, n, 24, 6), 0);
		assert_int_equal(out[24 + 13] & F_CWR, k == 0 ? F_CWR : 0);
		k++;
	}
	assert_int_equal(k, 3);
}

/*
 * IPv6 with a routing header (TCP at 64): the pseudo-header has the
 * final destination, which the kernel's sum in the checksum field
 * carries and the IPv6 header does not.
 */
static void
test_cut6_ext(void **st)
{
	static const uint8_t final[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0x99 };
	uint8_t vh[TSO_VHDR_LEN], ph[40];
	struct tso_cut c;
	size_t l4, len, n, tl;
	uint16_t f;
	uint32_t k = 0;

	len = mk_tcp(true, F_ACK | F_PSH, 2500, &l4);
	memmove(pkt + 64, pkt + 40, len - 40);
	memset(pkt + 40, 0, 24);
	pkt[6] = 43;				/* routing header */
	pkt[40] = 6;				/* then TCP */
	pkt[41] = 2;				/* 24 bytes */
	memcpy(pkt + 48, final, 16);
	len += 24;
	l4 = 64;
	/* the field: the pseudo-header's sum, whole length, uncomplemented */
	memcpy(ph, pkt + 8, 16);
	memcpy(ph + 16, final, 16);
	f = (uint16_t)~ref_fold(ref_add(0, ph, 32) + 6 + (uint32_t)(len - l4));
	pkt[l4 + 16] = (uint8_t)(f >> 8);
	pkt[l4 + 17] = (uint8_t)f;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV6, 1000,
	    (uint16_t)l4, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	while ((n = tso_next(&c, out)) != 0) {
		tl = n - l4;
		assert_int_equal(get16(out + 4), n - 40);
		assert_memory_equal(out + 40, pkt + 40, 24);
		assert_int_equal(ref_fold(ref_add(ref_add(0, ph, 32) + 6 +
		    (uint32_t)tl, out + l4, tl)), 0);
		k++;
	}
	assert_int_equal(k, 3);
}

static void
test_cut6(void **st)
{
	cut_and_check(true, F_ACK | F_PSH | F_FIN | F_CWR, 2000, 1400);
	cut_and_check(true, F_ACK, 60000, 1340);
}

/* NEEDS_CSUM alone: the checksum is finished in place, UDP and TCP. */
static void
test_csum_only(void **st)
{
	uint8_t vh[TSO_VHDR_LEN];
	struct tso_cut c;
	size_t l4, len, i;
	uint16_t ps;

	/* UDP: 20 + 8 + 101 bytes, the field holding the pseudo sum */
	memset(pkt, 0, 200);
	pkt[0] = 0x45;
	pkt[9] = 17;
	pkt[12] = 10, pkt[15] = 1;
	pkt[16] = 10, pkt[19] = 2;
	len = 20 + 8 + 101;
	pkt[20 + 4] = 0;
	pkt[20 + 5] = 8 + 101;
	for (i = 28; i < len; i++)
		pkt[i] = (uint8_t)i;
	ps = (uint16_t)~ref_fold(pseudo(pkt, 17, len - 20));
	pkt[26] = (uint8_t)(ps >> 8);
	pkt[27] = (uint8_t)ps;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    20, 6);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	assert_int_equal(c.kind, TSO_ONE);
	assert_int_equal(l4_check(pkt, len, 20, 17), 0);
	assert_true(get16(pkt + 26) != 0);	/* 0 would mean "none" */
	assert_int_equal(tso_next(&c, out), 0);

	/* TCP, one segment: the same in the TCP field */
	len = mk_tcp(false, F_ACK, 500, &l4);
	ps = (uint16_t)~ref_fold(pseudo(pkt, 6, len - l4));
	pkt[l4 + 16] = (uint8_t)(ps >> 8);
	pkt[l4 + 17] = (uint8_t)ps;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    (uint16_t)l4, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	assert_int_equal(l4_check(pkt, len, l4, 6), 0);

	/* no flags: left as it is */
	memcpy(out, pkt, len);
	vhdr(vh, 0, VIRTIO_NET_HDR_GSO_NONE, 0, 0, 0);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	assert_memory_equal(out, pkt, len);
}

/* What does not add up is refused, and nothing is cut from it. */
static void
test_bad(void **st)
{
	uint8_t vh[TSO_VHDR_LEN];
	struct tso_cut c;
	size_t l4, len;

	len = mk_tcp(false, F_ACK, 3000, &l4);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_UDP, 1000,
	    20, 6);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_UNSUPP);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, 5 /* UDP_L4 */, 1000,
	    20, 6);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_UNSUPP);
	/* GSO without the checksum request, or not at TCP's field */
	vhdr(vh, 0, VIRTIO_NET_HDR_GSO_TCPV4, 1000, 20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 1000,
	    20, 6);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 0,
	    20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	/* TCP not where the IPv4 header ends */
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 1000,
	    24, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	/* an IPv6 type on an IPv4 packet */
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV6, 1000,
	    40, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	/* TCP beyond the packet */
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 1000,
	    20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, 30, CAP), HP_E_SHORT);
	pkt[0] = 0x4f;		/* ihl 15: 60 bytes of IP, TCP at 60 */
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 1000,
	    60, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, 70, CAP), HP_E_SHORT);
	len = mk_tcp(false, F_ACK, 3000, &l4);
	/* a data offset below 5, or past the packet */
	pkt[l4 + 12] = 0x40;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4, 1000,
	    20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
	pkt[l4 + 12] = 0xf0;
	assert_int_equal(tso_begin(&c, vh, pkt, 70, CAP), HP_E_FORMAT);
	/* headers and nothing to cut */
	len = mk_tcp(false, F_ACK, 0, &l4);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_SHORT);
	/* pieces larger than the output buffers */
	len = mk_tcp(false, F_ACK, 9000, &l4);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4,
	    CAP - 51, 20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_LONG);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4,
	    CAP - 52, 20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_OK);
	/* a checksum request outside the packet */
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    20, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, 37, CAP), HP_E_FORMAT);
	assert_int_equal(tso_begin(&c, vh, pkt, 38, CAP), HP_OK);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    200, 0);
	assert_int_equal(tso_begin(&c, vh, pkt, 200, CAP), HP_E_FORMAT);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    20, 9);				/* odd: not a 16-bit word */
	assert_int_equal(tso_begin(&c, vh, pkt, 200, CAP), HP_E_FORMAT);
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_NONE, 0,
	    20, 0xffff);
	assert_int_equal(tso_begin(&c, vh, pkt, 200, CAP), HP_E_FORMAT);
	/* IPv6 with TCP right after the header must say so */
	len = mk_tcp(true, F_ACK, 3000, &l4);
	pkt[6] = 17;
	vhdr(vh, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV6, 1000,
	    40, 16);
	assert_int_equal(tso_begin(&c, vh, pkt, len, CAP), HP_E_FORMAT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut4),
		cmocka_unit_test(test_cut4_more),
		cmocka_unit_test(test_cut6),
		cmocka_unit_test(test_cut6_ext),
		cmocka_unit_test(test_csum_only),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
