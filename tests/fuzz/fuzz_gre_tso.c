/*
 * hpptpd fuzz: what an offloading tun hands gre (gre/tso.c): a
 * virtio-net header and a packet, as one tun read returns them.  The
 * input is both, header first.  Whatever tso_begin takes must cut into
 * pieces that fit the output buffer, whose IPv4 header and TCP
 * checksums are right, whose payloads add up to the packet's, and
 * whose sequence numbers follow one another; a packet with its
 * checksum to finish must have it right after.
 */
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "gre/datapath.h"
#include "gre/tso.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint8_t pkt[TSO_READ_MAX], out[GRE_TX_MAX];

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The TCP checksum of a piece (n bytes, TCP at l4), checked. */
static void
check_piece(const struct tso_cut *c, const uint8_t *p, size_t n)
{
	uint32_t sum;

	if (n > GRE_TX_MAX || n <= c->hl)
		__builtin_trap();
	if (c->kind == TSO_TCP4) {
		if (inet_csum_fold(inet_csum_add(0, p, c->l4)) != 0 ||
		    (size_t)(p[2] << 8 | p[3]) != n)
			__builtin_trap();
		sum = inet_csum_add(0, p + 12, 8);
	} else {
		if ((size_t)(p[4] << 8 | p[5]) + 40 != n)
			__builtin_trap();
		sum = inet_csum_add(0, p + 8, 32);
	}
	sum += 6 + (uint32_t)(n - c->l4);
	if (inet_csum_fold(inet_csum_add(sum, p + c->l4, n - c->l4)) != 0)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tso_cut c;
	size_t len, n, got = 0;
	uint32_t seq0;

	if (size < TSO_VHDR_LEN || size - TSO_VHDR_LEN > sizeof(pkt))
		return 0;
	len = size - TSO_VHDR_LEN;
	memcpy(pkt, data + TSO_VHDR_LEN, len);
	if (tso_begin(&c, data, pkt, len, sizeof(out)) != HP_OK)
		return 0;
	if (c.kind == TSO_ONE)
		return 0;
	seq0 = c.seq;
	while ((n = tso_next(&c, out)) != 0) {
		check_piece(&c, out, n);
		if (get32(out + c.l4 + 4) != seq0 + (uint32_t)got)
			__builtin_trap();
		got += n - c.hl;
	}
	if (got != len - c.hl)
		__builtin_trap();
	return 0;
}
