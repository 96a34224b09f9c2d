/*
 * hpptpd gre: reading GRE from the receive ring of a packet socket
 * (common/gre_ring.h says why and how big).  The kernel writes a
 * packet into the frame at its head and marks it TP_STATUS_USER; we
 * take frames in the same order and give each back (TP_STATUS_KERNEL)
 * once the data path is done with its bytes.
 *
 * The frame's header comes from the kernel and its packet from
 * anyone: gre_ring_frame checks that the packet it points to lies
 * inside the frame before anything reads it, and the packet goes
 * through the same decoder as a datagram read from a socket.
 */
#ifndef HP_GRE_RING_H
#define HP_GRE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gre_ring {
	uint8_t		*base;		/* the mapping; NULL when none */
	unsigned int	 cur;		/* the frame we expect next */
	uint64_t	 resyncs;	/* times cur had to be found again */
};

/* Map fd's ring (set up by gre_ring_setup).  HP_OK or HP_E_SYS. */
int	gre_ring_map(struct gre_ring *, int fd);
void	gre_ring_unmap(struct gre_ring *);
static inline bool
gre_ring_mapped(const struct gre_ring *r)
{
	return r->base != NULL;
}

/*
 * The next frame the kernel has handed us, or NULL.  With a frame,
 * *pkt and *len are its packet (*pkt NULL if the header is not
 * sound: give the frame back and count a drop); a packet longer than
 * the frame comes cut short, which the IP length check then refuses.
 */
uint8_t	*gre_ring_next(struct gre_ring *, const uint8_t **pkt, size_t *len);
/*
 * The kernel said there is something to read but gre_ring_next found
 * nothing where we expected it: a worker that restarted (its ring
 * position lost, the kernel's kept) or frames given back out of turn.
 * Look at every frame once for the first one handed to us, and go on
 * from there.  True if one was found.
 */
bool	gre_ring_resync(struct gre_ring *);
/* Hand the frame back to the kernel: its bytes may change at once. */
void	gre_ring_release(uint8_t *frame);

/* The packet inside one frame of `size` bytes: HP_OK, or HP_E_FIELD. */
int	gre_ring_frame(const uint8_t *frame, size_t size, const uint8_t **pkt,
	    size_t *len);

#endif /* HP_GRE_RING_H */
