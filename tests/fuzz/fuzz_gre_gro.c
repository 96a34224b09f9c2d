/*
 * hpptpd fuzz: joining a client's TCP segments for one tun write
 * (gre/gro.c).  The input is a flag byte, then packets, each behind a
 * 2-byte big-endian length; with bit 0 of the flag byte set the harness
 * first gives every packet correct IP and TCP checksums where it can
 * (random bytes almost never have them, and gro_add refuses what fails
 * them), so the joining itself gets explored.  The packets go to
 * gro_add as gre's flush_out gives them.  Whatever a run holds, cut
 * again as the kernel's GSO cuts it (gre/tso.c), must be the segments
 * that joined it, byte for byte, and the joined packet's own checksum,
 * once finished, must be right.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "gre/bytes.h"
#include "gre/gro.h"
#include "gre/tso.h"

#define SEG_MAX		64

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint8_t gbuf[GRO_BUF_SIZE], pkt[GRO_IP_MAX], piece[GRO_IP_MAX];
static const uint8_t *joined[SEG_MAX];
static size_t joinedlen[SEG_MAX];

/* The TCP checksum of the segment at l3, in place. */
static void
tcp_sum(uint8_t *p, size_t len, size_t l3)
{
	uint32_t s;

	put16(p + l3 + 16, 0);
	if (l3 == 40)
		s = inet_csum_add(0, p + 8, 32);
	else
		s = inet_csum_add(0, p + 12, 8);
	s += 6 + (uint32_t)(len - l3);
	put16(p + l3 + 16, inet_csum_fold(inet_csum_add(s, p + l3, len - l3)));
}

/* Correct checksums for what looks like IPv4 or IPv6 TCP. */
static void
fix_sums(uint8_t *p, size_t len)
{
	size_t ihl;

	if (len >= 60 && (p[0] >> 4) == 6 && p[6] == 6) {
		tcp_sum(p, len, 40);
		return;
	}
	if (len < 20)
		return;
	ihl = (size_t)(p[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > len)
		return;
	put16(p + 10, 0);
	put16(p + 10, inet_csum_fold(inet_csum_add(0, p, ihl)));
	if (p[9] == 6 && len - ihl >= 20 && (ihl & 1) == 0)
		tcp_sum(p, len, ihl);
}

/* The joined packet's lengths and finished TCP checksum are right. */
static void
check_finished(const uint8_t *p, size_t len)
{
	size_t l3 = (p[0] >> 4) == 6 ? 40 : 20;
	uint32_t s;
	uint16_t c;

	if (len < l3 + 20)
		__builtin_trap();
	if (l3 == 20 && ((size_t)(p[2] << 8 | p[3]) != len ||
	    inet_csum_fold(inet_csum_add(0, p, 20)) != 0))
		__builtin_trap();
	if (l3 == 40 && (size_t)(p[4] << 8 | p[5]) != len - 40)
		__builtin_trap();
	/* as the kernel finishes it: the sum from TCP on, field included */
	c = inet_csum_fold(inet_csum_add(0, p + l3, len - l3));
	memcpy(piece, p, len);
	put16(piece + l3 + 16, c);
	s = inet_csum_add(0, piece + (l3 == 40 ? 8 : 12), l3 == 40 ? 32 : 8);
	s += 6 + (uint32_t)(len - l3);
	if (inet_csum_fold(inet_csum_add(s, piece + l3, len - l3)) != 0)
		__builtin_trap();
}

/* End the run: cut it again and compare with what joined it. */
static void
end_run(struct gro *g, unsigned int held)
{
	const uint8_t *w;
	struct tso_cut c;
	unsigned int n, k = 0;
	size_t len, wl;

	wl = gro_end(g, &w, &n);
	if (n != held || (wl == 0) != (n == 0))
		__builtin_trap();
	if (n == 0)
		return;
	len = wl - TSO_VHDR_LEN;
	memcpy(pkt, w + TSO_VHDR_LEN, len);
	if (tso_begin(&c, w, pkt, len, sizeof(piece)) != HP_OK)
		__builtin_trap();
	if (n == 1) {
		if (c.kind != TSO_ONE || len != joinedlen[0] ||
		    memcmp(pkt, joined[0], len) != 0)
			__builtin_trap();
		return;
	}
	check_finished(w + TSO_VHDR_LEN, len);
	while ((len = tso_next(&c, piece)) != 0) {
		if (k >= n || len != joinedlen[k] ||
		    memcmp(piece, joined[k], len) != 0)
			__builtin_trap();
		k++;
	}
	if (k != n)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gro g;
	uint8_t *copy, *p;
	size_t off = 1, len;
	unsigned int held = 0;
	bool fix;

	if (size < 1 || (copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	fix = (data[0] & 1) != 0;
	gro_init(&g, gbuf);
	while (size - off >= 2) {
		len = (size_t)(copy[off] << 8 | copy[off + 1]);
		off += 2;
		if (len > size - off)
			len = size - off;
		p = copy + off;
		off += len;
		if (fix)
			fix_sums(p, len);
		if (held < SEG_MAX && gro_add(&g, p, len)) {
			joined[held] = p;
			joinedlen[held++] = len;
			continue;
		}
		end_run(&g, held);
		held = 0;
		if (gro_add(&g, p, len)) {
			joined[0] = p;
			joinedlen[0] = len;
			held = 1;
		}
	}
	end_run(&g, held);
	free(copy);
	return 0;
}
