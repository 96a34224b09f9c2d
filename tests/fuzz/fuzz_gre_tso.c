/*
 * hpptpd fuzz: what an offloading tun hands gre (gre/tso.c): a
 * virtio-net header and a packet, as one tun read returns them.  The
 * input is both, header first.  Whatever tso_begin takes must cut into
 * pieces that fit the output buffer, whose IPv4 header and TCP
 * checksums are right, whose payloads add up to the packet's, and
 * whose sequence numbers follow one another; a packet with its
 * checksum to finish must have it right after.
 */
#include <linux/virtio_net.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/inet_csum.h"
#include "gre/datapath.h"
#include "gre/tso.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint8_t out[GRE_TX_MAX];

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
	sum += 6;
	/* extension headers: the kernel's pseudo-header sum, kept */
	if (c->from_field)
		sum = c->pseudo;
	sum += (uint32_t)(n - c->l4);
	if (inet_csum_fold(inet_csum_add(sum, p + c->l4, n - c->l4)) != 0)
		__builtin_trap();
}

/*
 * A finished checksum: what the field held (the pseudo-header's sum)
 * plus everything from csum_start, the new field included, is 0xffff.
 */
static void
check_finished(const uint8_t *vh, const uint8_t *orig, const uint8_t *pkt,
    size_t len)
{
	struct virtio_net_hdr h;
	size_t at;
	uint32_t f;

	memcpy(&h, vh, sizeof(h));
	if ((h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) == 0)
		return;
	at = (size_t)h.csum_start + h.csum_offset;
	f = (uint32_t)(orig[at] << 8 | orig[at + 1]);
	if (inet_csum_fold(inet_csum_add(f, pkt + h.csum_start,
	    len - h.csum_start)) != 0 && (pkt[at] != 0xff ||
	    pkt[at + 1] != 0xff))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tso_cut c;
	uint8_t *pkt;
	size_t len, n, got = 0;
	uint32_t seq0;

	if (size < TSO_VHDR_LEN || size - TSO_VHDR_LEN > TSO_READ_MAX)
		return 0;
	len = size - TSO_VHDR_LEN;
	/* exactly the packet's size, so that ASan sees a read past it */
	if ((pkt = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(pkt, data + TSO_VHDR_LEN, len);
	if (tso_begin(&c, data, pkt, len, sizeof(out)) != HP_OK)
		goto done;
	if (c.kind == TSO_ONE) {
		check_finished(data, data + TSO_VHDR_LEN, pkt, len);
		goto done;
	}
	seq0 = c.seq;
	while ((n = tso_next(&c, out)) != 0) {
		check_piece(&c, out, n);
		if (get32(out + c.l4 + 4) != seq0 + (uint32_t)got)
			__builtin_trap();
		got += n - c.hl;
	}
	if (got != len - c.hl)
		__builtin_trap();
done:
	free(pkt);
	return 0;
}
