/*
 * hpptpd gre: pure decoder and encoder of enhanced GRE (RFC 2637 4.1)
 * as a raw IPPROTO_GRE socket delivers it (IPv4 header first) and as
 * one is sent (GRE header only; the kernel adds the IPv4 header).
 * Bytes in, a host-order struct or an error out; no state, no I/O.
 */
#ifndef HP_GRE_PKT_H
#define HP_GRE_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gre/stats.h"

#define GRE_PROTO_PPP		0x880B
#define GRE_HDR_MIN		8	/* flags, protocol, key */
#define GRE_HDR_MAX		16	/* + sequence + acknowledgment */
/* Largest GRE payload (PPP frame) we accept or hold. */
#define GRE_PAYLOAD_MAX		2000

/* First octet of the GRE header. */
#define GRE_F_C			0x80	/* checksum present: must be 0 */
#define GRE_F_R			0x40	/* routing present: must be 0 */
#define GRE_F_K			0x20	/* key present: must be 1 */
#define GRE_F_S			0x10	/* sequence number present */
#define GRE_F_SSR		0x08	/* strict source route: must be 0 */
#define GRE_F_RECUR		0x07	/* recursion control: must be 0 */
/* Second octet. */
#define GRE_F_A			0x80	/* acknowledgment present */
#define GRE_F_RSVD		0x78	/* flags: must be 0 */
#define GRE_F_VER		0x07	/* version: must be 1 */

struct gre_hdr {
	uint16_t	 payload_len;	/* from the key field */
	uint16_t	 call_id;	/* the receiver's (our) call ID */
	bool		 has_seq;
	bool		 has_ack;
	uint32_t	 seq;
	uint32_t	 ack;
	size_t		 hdr_len;	/* 8, 12 or 16 */
};

/* A received datagram, decoded. */
struct gre_pkt {
	uint32_t	 src;		/* outer IPv4 source, host order */
	uint32_t	 dst;		/* outer IPv4 destination, host order */
	struct gre_hdr	 gre;
	const uint8_t	*payload;	/* PPP frame, gre.payload_len bytes */
};

/*
 * Outer IPv4 header: returns HP_OK with *src and the GRE part
 * (*off, *len) or an hp_err with *why set.
 */
int	gre_ip_decode(const uint8_t *, size_t, uint32_t *src, uint32_t *dst,
	    size_t *off, size_t *len, enum gre_drop *why);
/* Enhanced GRE header and payload (the bytes after the IPv4 header). */
int	gre_hdr_decode(const uint8_t *, size_t, struct gre_hdr *,
	    const uint8_t **payload, enum gre_drop *why);
/* Both, over one raw-socket datagram. */
int	gre_pkt_decode(const uint8_t *, size_t, struct gre_pkt *,
	    enum gre_drop *why);

/*
 * Write a GRE header for a payload of plen bytes to buf.  Returns the
 * header length (8..16) or 0 if cap is too small.
 */
size_t	gre_hdr_encode(uint8_t *buf, size_t cap, uint16_t peer_call_id,
	    uint16_t plen, bool has_seq, uint32_t seq, bool has_ack,
	    uint32_t ack);

#endif /* HP_GRE_PKT_H */
