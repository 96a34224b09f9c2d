/*
 * Unit tests: gre/mss.c - MSS clamping with the TCP checksum checked by
 * a full recomputation over pseudo-header and segment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gre/mss.h"

static uint16_t
csum_full(const uint8_t *ip)
{
	size_t		hl = (size_t)(ip[0] & 0x0f) * 4;
	size_t		tot = (size_t)(ip[2] << 8 | ip[3]);
	size_t		tl = tot - hl, i;
	uint32_t	s = 0;
	const uint8_t	*t = ip + hl;

	for (i = 12; i < 20; i += 2)		/* addresses */
		s += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	s += 6;
	s += (uint32_t)tl;
	for (i = 0; i + 1 < tl; i += 2)
		s += (uint32_t)(t[i] << 8 | t[i + 1]);
	if (tl & 1)
		s += (uint32_t)(t[tl - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void
set_csum(uint8_t *ip)
{
	size_t	hl = (size_t)(ip[0] & 0x0f) * 4;
	uint16_t c;

	ip[hl + 16] = ip[hl + 17] = 0;
	c = csum_full(ip);
	ip[hl + 16] = (uint8_t)(c >> 8);
	ip[hl + 17] = (uint8_t)c;
}

/* IPv4 + TCP with the given options and payload bytes. */
static size_t
mk(uint8_t *p, uint8_t flags, const uint8_t *opt, size_t olen, size_t data)
{
	size_t	thl = 20 + olen, tot = 20 + thl + data, i;

	memset(p, 0, tot);
	p[0] = 0x45;
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	p[8] = 64;
	p[9] = 6;
	p[12] = 192; p[13] = 0; p[14] = 2; p[15] = 7;
	p[16] = 10; p[17] = 100; p[18] = 0; p[19] = 201;
	p[20] = 0xc3; p[21] = 0x50;		/* ports */
	p[22] = 0x01; p[23] = 0xbb;
	p[24] = 0x12; p[25] = 0x34; p[26] = 0x56; p[27] = 0x78;
	p[32] = (uint8_t)((thl / 4) << 4);
	p[33] = flags;
	p[34] = 0xfa; p[35] = 0xf0;
	memcpy(p + 40, opt, olen);
	for (i = 0; i < data; i++)
		p[20 + thl + i] = (uint8_t)(i * 13 + 1);
	set_csum(p);
	return tot;
}

static uint16_t
mss_of(const uint8_t *p, size_t at)
{
	return (uint16_t)(p[40 + at] << 8 | p[41 + at]);
}

static void
test_clamp_even(void **state)
{
	const uint8_t	opt[] = { 2, 4, 0x05, 0xb4, 1, 1, 4, 2,
	    8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7 };
	uint8_t		p[256];
	size_t		n;
	uint8_t		olen = sizeof(opt) + 2;	/* pad to 24 */
	uint8_t		o[24];

	memset(o, 0, sizeof(o));
	memcpy(o, opt, sizeof(opt));
	n = mk(p, 0x02, o, olen, 0);
	assert_true(mss_clamp(p, n, 1360));
	assert_int_equal(mss_of(p, 2), 1360);
	assert_int_equal(csum_full(p), 0);	/* verifies to zero */
	/* Already small enough: unchanged. */
	assert_false(mss_clamp(p, n, 1400));
	assert_int_equal(mss_of(p, 2), 1360);
}

static void
test_clamp_odd_offset(void **state)
{
	/* NOP then MSS: the value sits at an odd offset. */
	const uint8_t	opt[] = { 1, 2, 4, 0x23, 0x28, 1, 1, 0 };
	uint8_t		p[256];
	size_t		n;
	unsigned	data;

	for (data = 0; data < 4; data++) {
		n = mk(p, 0x12, opt, sizeof(opt), data);	/* SYN-ACK */
		assert_true(mss_clamp(p, n, 1360));
		assert_int_equal(mss_of(p, 3), 1360);
		assert_int_equal(csum_full(p), 0);
	}
}

static void
test_mss_last_option(void **state)
{
	/* MSS in the last four bytes of the header. */
	const uint8_t	opt[] = { 1, 1, 1, 1, 2, 4, 0xff, 0xff };
	uint8_t		p[256];
	size_t		n;

	n = mk(p, 0x02, opt, sizeof(opt), 0);
	assert_true(mss_clamp(p, n, 536));
	assert_int_equal(mss_of(p, 6), 536);
	assert_int_equal(csum_full(p), 0);
}

static void
test_no_change(void **state)
{
	const uint8_t	opt[] = { 2, 4, 0x05, 0xb4 };
	const uint8_t	badlen[] = { 8, 0, 2, 4, 0x05, 0xb4, 0, 0 };
	const uint8_t	overrun[] = { 1, 1, 8, 10, 2, 4, 0x05, 0xb4 };
	const uint8_t	eol[] = { 0, 0, 0, 0, 2, 4, 0x05, 0xb4 };
	uint8_t		p[256], q[256];
	size_t		n;

	/* Not SYN. */
	n = mk(p, 0x10, opt, sizeof(opt), 0);
	memcpy(q, p, n);
	assert_false(mss_clamp(p, n, 1000));
	assert_memory_equal(p, q, n);
	/* A later fragment. */
	n = mk(p, 0x02, opt, sizeof(opt), 0);
	p[7] = 0x10;
	assert_false(mss_clamp(p, n, 1000));
	/* UDP. */
	n = mk(p, 0x02, opt, sizeof(opt), 0);
	p[9] = 17;
	assert_false(mss_clamp(p, n, 1000));
	/* Option length 0, option past the header, EOL first. */
	n = mk(p, 0x02, badlen, sizeof(badlen), 0);
	assert_false(mss_clamp(p, n, 1000));
	n = mk(p, 0x02, overrun, sizeof(overrun), 0);
	assert_false(mss_clamp(p, n, 1000));
	n = mk(p, 0x02, eol, sizeof(eol), 0);
	assert_false(mss_clamp(p, n, 1000));
	/* Data offset beyond the packet; IHL beyond the packet. */
	n = mk(p, 0x02, opt, sizeof(opt), 0);
	p[32] = 0xf0;
	assert_false(mss_clamp(p, n, 1000));
	n = mk(p, 0x02, opt, sizeof(opt), 0);
	p[0] = 0x4f;
	assert_false(mss_clamp(p, n, 1000));
	/* Truncated: every prefix leaves it alone or fails safely. */
	n = mk(p, 0x02, opt, sizeof(opt), 0);
	for (size_t i = 0; i < n; i++) {
		memcpy(q, p, n);
		assert_false(mss_clamp(q, i, 1000));
	}
}

static void
test_rfc1624_update(void **state)
{
	/* RFC 1624 section 4 example: HC 0xDD2F, m 0x5555 -> 0x3285. */
	assert_int_equal(mss_csum_update16(0xdd2f, 0x5555, 0x3285), 0x0000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clamp_even),
		cmocka_unit_test(test_clamp_odd_offset),
		cmocka_unit_test(test_mss_last_option),
		cmocka_unit_test(test_no_change),
		cmocka_unit_test(test_rfc1624_update),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
