/*
 * hpptpd tests: the Internet checksum (RFC 1071) the plain way, a
 * big-endian 16-bit word at a time, to check common/inet_csum.c and
 * the checksums gre/tso.c computes with it against something else.
 */
#ifndef HP_TEST_CSUM_REF_H
#define HP_TEST_CSUM_REF_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t
ref_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static inline uint16_t
ref_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

#endif /* HP_TEST_CSUM_REF_H */
