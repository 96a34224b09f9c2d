/*
 * hpptpd: a data worker's packet socket's receive ring, set up by
 * master (common/gre_ring.h).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <linux/if_packet.h>

#include <string.h>

#include "common/gre_ring.h"

_Static_assert(GRE_RING_FRAME % TPACKET_ALIGNMENT == 0, "frame aligned");
_Static_assert(GRE_RING_PER_BLOCK >= 1, "a frame fits a block");

int
gre_ring_setup(int fd)
{
	struct tpacket_req req;
	int v = TPACKET_V2;

	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) == -1)
		return -1;
	memset(&req, 0, sizeof(req));
	req.tp_block_size = GRE_RING_BLOCK;
	req.tp_block_nr = GRE_RING_BLOCKS;
	req.tp_frame_size = GRE_RING_FRAME;
	req.tp_frame_nr = GRE_RING_FRAMES;
	return setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req));
}
