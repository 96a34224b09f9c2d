/*
 * Unit tests: common/inet_csum.c - the word-at-a-time sum against the
 * plain RFC 1071 loop (big-endian 16-bit words) on random data, every
 * length from 0 to 300 at odd and even addresses, chained parts, and
 * known answers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/inet_csum.h"
#include "test_csum_ref.h"

static void
test_against_slow(void **st)
{
	static uint8_t buf[2100];
	size_t i, n, off;
	uint32_t s0;

	srand(1071);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rand();
	for (n = 0; n <= 300; n++)
		for (off = 0; off < 4; off++) {
			s0 = (uint32_t)rand() % 0x30000;
			assert_int_equal(inet_csum_fold(inet_csum_add(s0,
			    buf + off, n)), inet_csum_fold(ref_add(s0,
			    buf + off, n)));
		}
	for (i = 0; i < 2000; i++) {
		n = (size_t)rand() % 2049;
		off = (size_t)rand() % 8;
		assert_int_equal(inet_csum_fold(inet_csum_add(0, buf + off,
		    n)), inet_csum_fold(ref_add(0, buf + off, n)));
	}
	/* 64 KiB, the largest a TSO burst reads, at both alignments */
	{
		static uint8_t big[65536 + 8];

		for (i = 0; i < sizeof(big); i++)
			big[i] = (uint8_t)rand();
		for (off = 0; off < 2; off++) {
			assert_int_equal(inet_csum_fold(inet_csum_add(0xfffe,
			    big + off, 65536)), inet_csum_fold(ref_add(0xfffe,
			    big + off, 65536)));
			memset(big, 0xff, sizeof(big));
		}
	}
	/* all ones: the sum folds to 0xffff, the checksum to 0 */
	for (i = 0; i < 64; i++)
		buf[i] = 0xff;
	assert_int_equal(inet_csum_fold(inet_csum_add(0, buf, 64)), 0);
}

/* Parts of even length chain: a pseudo-header, then the segment. */
static void
test_chain(void **st)
{
	uint8_t p[40];
	size_t i;
	uint32_t s;

	for (i = 0; i < sizeof(p); i++)
		p[i] = (uint8_t)(i * 37 + 11);
	s = inet_csum_add(inet_csum_add(0, p, 12), p + 12, 28);
	assert_int_equal(inet_csum_fold(s),
	    inet_csum_fold(inet_csum_add(0, p, 40)));
}

/* RFC 1071 section 3's example bytes; and an IPv4 header's. */
static void
test_known(void **st)
{
	static const uint8_t rfc[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
	    0xf6, 0xf7 };
	static const uint8_t ip[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00,
	    0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
	    0xc0, 0xa8, 0x00, 0xc7 };

	/* the sum is ddf2, so the checksum is its complement */
	assert_int_equal(inet_csum_fold(inet_csum_add(0, rfc, sizeof(rfc))),
	    (uint16_t)~0xddf2);
	assert_int_equal(inet_csum_fold(inet_csum_add(0, ip, sizeof(ip))), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_slow),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
