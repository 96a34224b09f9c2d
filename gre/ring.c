/*
 * hpptpd gre: the packet socket's receive ring (gre/ring.h).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <linux/if_packet.h>

#include <string.h>

#include "common/err.h"
#include "common/gre_ring.h"
#include "gre/datapath.h"
#include "gre/ring.h"

/*
 * Where the kernel puts a SOCK_DGRAM packet in a TPACKET_V2 frame
 * (tpacket_rcv: the aligned header, then room for a link-layer
 * address): the rest of the frame must hold what a read into gre's
 * buffer held.
 */
#define RING_NETOFF	(TPACKET_ALIGN(TPACKET2_HDRLEN) + 16)
_Static_assert(GRE_RING_FRAME - RING_NETOFF >= GRE_BUF_SIZE,
    "a frame holds what a socket read into gre's buffer did");

static struct tpacket2_hdr *
frame_at(const struct gre_ring *r, unsigned int i)
{
	/* frames never straddle blocks: a block's tail may go unused */
	return (void *)(r->base + (size_t)(i / GRE_RING_PER_BLOCK) *
	    GRE_RING_BLOCK + (size_t)(i % GRE_RING_PER_BLOCK) *
	    GRE_RING_FRAME);
}

static bool
ours(const struct tpacket2_hdr *h)
{
	/* acquire: the packet's bytes are read only after the status */
	return (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) &
	    TP_STATUS_USER) != 0;
}

int
gre_ring_map(struct gre_ring *r, int fd)
{
	void *p;

	gre_ring_unmap(r);
	p = mmap(NULL, GRE_RING_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
	    fd, 0);
	if (p == MAP_FAILED)
		return HP_E_SYS;
	r->base = p;
	r->cur = 0;
	return HP_OK;
}

void
gre_ring_unmap(struct gre_ring *r)
{
	if (r->base != NULL)
		(void)munmap(r->base, GRE_RING_SIZE);
	r->base = NULL;
	r->cur = 0;
}

int
gre_ring_frame(const uint8_t *frame, size_t size, const uint8_t **pkt,
    size_t *len)
{
	struct tpacket2_hdr h;

	if (size < sizeof(h))
		return HP_E_FIELD;
	memcpy(&h, frame, sizeof(h));
	if (h.tp_net < sizeof(h) || h.tp_net > size ||
	    h.tp_snaplen > size - h.tp_net)
		return HP_E_FIELD;
	*pkt = frame + h.tp_net;
	*len = h.tp_snaplen;
	return HP_OK;
}

uint8_t *
gre_ring_next(struct gre_ring *r, const uint8_t **pkt, size_t *len)
{
	struct tpacket2_hdr *h;

	if (r->base == NULL)
		return NULL;
	h = frame_at(r, r->cur);
	if (!ours(h))
		return NULL;
	r->cur = (r->cur + 1) % GRE_RING_FRAMES;
	if (gre_ring_frame((const uint8_t *)h, GRE_RING_FRAME, pkt, len) !=
	    HP_OK)
		*pkt = NULL;
	return (uint8_t *)h;
}

bool
gre_ring_resync(struct gre_ring *r)
{
	unsigned int i, k;

	if (r->base == NULL)
		return false;
	/*
	 * The kernel writes a frame only if it is its own and moves on
	 * only then, and we give frames back in ring order: what it has
	 * handed us is one run, ending before its head.  cur, not ours,
	 * lies among the frames it owns, which end where that run
	 * begins, so walking forward from cur finds the run's first.
	 */
	for (i = 1; i < GRE_RING_FRAMES; i++) {
		k = (r->cur + i) % GRE_RING_FRAMES;
		if (ours(frame_at(r, k))) {
			r->cur = k;
			r->resyncs++;
			return true;
		}
	}
	return false;
}

void
gre_ring_release(uint8_t *frame)
{
	struct tpacket2_hdr *h = (void *)frame;

	__atomic_store_n(&h->tp_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
}
