/*
 * hpptpd gre: the PPP frame inside a GRE payload.  Address/control
 * (FF 03) may be absent (ACFC), the protocol may be one byte (PFC: its
 * low bit odd).  We accept every form on receive, as RFC 1661 asks of
 * a robust receiver, and send the forms LCP negotiated.
 */
#ifndef HP_GRE_PPP_FRAME_H
#define HP_GRE_PPP_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PPP_PROTO_IP		0x0021
#define PPP_PROTO_IPV6		0x0057
#define PPP_PROTO_MPPE		0x00FD	/* compressed datagram (CCP) */
#define PPP_PROTO_IPCP		0x8021
#define PPP_PROTO_CCP		0x80FD
#define PPP_PROTO_LCP		0xC021

#define PPP_HDR_MAX		4	/* FF 03 + two protocol bytes */

/*
 * Decode the address/control and protocol fields.  On HP_OK, *proto is
 * the protocol and *hdr_len the bytes they took.  A protocol field must
 * have an odd low byte and an even high byte (RFC 1661 section 2).
 */
int	ppp_frame_decode(const uint8_t *, size_t, uint16_t *proto,
	    size_t *hdr_len);
/*
 * Decode only a protocol field (no address/control), as found first in
 * a decrypted MPPE payload.
 */
int	ppp_proto_decode(const uint8_t *, size_t, uint16_t *proto,
	    size_t *len);
/*
 * Write address/control (unless acfc) and the protocol (one byte if
 * pfc and it fits) to buf, which has room for PPP_HDR_MAX.  Returns the
 * bytes written.  LCP is always sent in full (RFC 1661 6.5, 6.6).
 */
size_t	ppp_frame_hdr_encode(uint8_t *buf, uint16_t proto, bool acfc,
	    bool pfc);
/* Bytes ppp_frame_hdr_encode() would write. */
size_t	ppp_frame_hdr_len(uint16_t proto, bool acfc, bool pfc);

#endif /* HP_GRE_PPP_FRAME_H */
