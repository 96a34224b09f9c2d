/*
 * hpptpd gre: what a tun opened with IFF_VNET_HDR and TUNSETOFFLOAD
 * hands its reader.  The kernel then leaves two jobs undone: a TCP or
 * UDP checksum it did not finish (VIRTIO_NET_HDR_F_NEEDS_CSUM), and
 * TCP "super-packets" of up to 64 KB (GSO) that must be cut into
 * packets of gso_size payload bytes, each with its own IP length,
 * identification, sequence number, flags and checksums: the work the
 * kernel's software GSO does when the device cannot.  gre does it
 * before gre_tx_ip, so every packet that leaves is one the session's
 * own TCP could have sent (BENCHMARKS.md, "TUN offloads": one read per
 * burst costs half what a read per packet does).
 *
 * The header comes from the kernel but the packet may be anyone's
 * forwarded traffic: every offset in it is checked against the packet
 * before use, and anything else (UDP GSO, which we never offer) is
 * refused.
 */
#ifndef HP_GRE_TSO_H
#define HP_GRE_TSO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TSO_VHDR_LEN	10	/* struct virtio_net_hdr, host order */
#define TSO_READ_MAX	65536	/* a GSO packet's bytes, headers too */

enum tso_kind {
	TSO_ONE,	/* a packet as it is (its checksum now finished) */
	TSO_TCP4,	/* an IPv4 TCP super-packet, to be cut */
	TSO_TCP6,	/* an IPv6 TCP super-packet, to be cut */
};

struct tso_cut {
	enum tso_kind	 kind;
	const uint8_t	*pkt;
	size_t		 len;
	size_t		 l4;	/* the TCP header's offset */
	size_t		 hl;	/* all headers: copied in front of every piece */
	size_t		 mss;	/* payload bytes per piece */
	size_t		 off;	/* the next payload byte to cut */
	uint32_t	 seq;	/* the first payload byte's */
	uint16_t	 id;	/* IPv4 identification of the first piece */
	bool		 from_field;	/* IPv6 extension headers: see pseudo */
	uint32_t	 pseudo;	/* the pseudo-header's sum, no length */
	uint32_t	 k;	/* pieces made */
};

/*
 * Parse the virtio-net header vh of the packet pkt (len bytes) that
 * one tun read returned.  A packet that needs no cutting has its
 * checksum finished in place and comes back as TSO_ONE; a TCP
 * super-packet whose pieces (headers + gso_size) fit cap bytes is set
 * up for tso_next.  HP_E_SHORT or HP_E_FORMAT for a header or packet
 * that does not add up, HP_E_UNSUPP for a GSO type we do not take,
 * HP_E_LONG for pieces larger than cap.
 */
int	tso_begin(struct tso_cut *, const uint8_t vh[TSO_VHDR_LEN],
	    uint8_t *pkt, size_t len, size_t cap);
/*
 * The next piece of a TSO_TCP4/6 cut, into out (the cap bytes given to
 * tso_begin): returns its length, 0 when the payload is used up.
 */
size_t	tso_next(struct tso_cut *, uint8_t *out);

#endif /* HP_GRE_TSO_H */
