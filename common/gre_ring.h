/*
 * hpptpd: the receive ring of a data worker's packet socket
 * (PACKET_RX_RING, TPACKET_V2).  With several data workers each one
 * receives GRE on an AF_PACKET socket of the fan-out group
 * (master/gre_sock.c).  Read with recvmmsg, every packet costs the
 * worker its share of a system call, the dequeue and free of a socket
 * buffer and a copy; with a ring, the kernel writes each packet into a
 * frame of memory the worker has mapped, and the worker reads it there
 * and hands the frame back by its status word: no system call per
 * packet, none at all while packets keep coming (BENCHMARKS.md,
 * "receive ring").
 *
 * master opens the socket and sets the ring up (gre_ring_setup, before
 * the socket joins the fan-out group); the worker maps it
 * (gre/ring.c).  Both take the geometry from here, so nothing about it
 * travels in a message: M_FD_RING on MSG_GRE_SOCKET only says that this
 * socket has it.
 *
 * TPACKET_V2 and not V3: V3 hands over whole blocks, when full or
 * after a timeout of at least a millisecond, which a VPN's interactive
 * traffic would feel; V2 wakes the reader for each frame, as a socket
 * does.
 */
#ifndef HP_COMMON_GRE_RING_H
#define HP_COMMON_GRE_RING_H

#include <stddef.h>

/*
 * 1,920 frames: about the 1,400-byte packets that the 4 MiB socket
 * buffer it replaces held (make load's traffic mode keeps 1,024 in
 * flight, and with two workers on two busy CPUs one may get most of
 * them: 960 frames lost some).  The memory counts in the worker's RSS
 * from the mapping on, sessions or not.
 */
#define GRE_RING_BLOCK		(64 * 1024)	/* multiple of any page size */
#define GRE_RING_BLOCKS		64
/* a frame: the kernel's header (80 bytes for SOCK_DGRAM), then up to
 * 2,096 bytes of packet, more than gre's 2,048-byte buffer took */
#define GRE_RING_FRAME		2176
#define GRE_RING_PER_BLOCK	(GRE_RING_BLOCK / GRE_RING_FRAME)
#define GRE_RING_FRAMES		(GRE_RING_PER_BLOCK * GRE_RING_BLOCKS)
#define GRE_RING_SIZE		((size_t)GRE_RING_BLOCK * GRE_RING_BLOCKS)
#define GRE_RING_SIZE_STR	"4 MiB"	/* for the log */
_Static_assert(GRE_RING_SIZE == 4 << 20, "GRE_RING_SIZE_STR");

/*
 * gre_ring_setup: TPACKET_V2 and the ring above on packet socket fd.
 * 0, or -1 with errno (the kernel refused; the caller reads with
 * recvmmsg instead).
 */
int	gre_ring_setup(int fd);

#endif /* HP_COMMON_GRE_RING_H */
