/*
 * hpptpd gre: why a packet was dropped.  Every decoder and every stage
 * of the data path names its reason with one of these, and the session
 * (or, before a session is known, the table) counts it, so an operator
 * can tell a spoofing peer from a lossy link from a broken client.
 */
#ifndef HP_GRE_STATS_H
#define HP_GRE_STATS_H

#include <stdint.h>

enum gre_drop {
	GRE_DROP_NONE = 0,
	/* outer IPv4 header (gre_pkt.c) */
	GRE_DROP_IP_SHORT,	/* fewer than 20 bytes */
	GRE_DROP_IP_VERSION,	/* not IPv4 */
	GRE_DROP_IP_IHL,	/* IHL < 5 or past the end */
	GRE_DROP_IP_TOTLEN,	/* total length < IHL or > received */
	GRE_DROP_IP_FRAG,	/* a fragment (the kernel reassembles) */
	GRE_DROP_IP_PROTO,	/* not protocol 47 */
	/* enhanced GRE header (gre_pkt.c) */
	GRE_DROP_GRE_SHORT,	/* header cut short */
	GRE_DROP_GRE_FLAGS,	/* C, R, s, Recur or reserved flags set */
	GRE_DROP_GRE_VERSION,	/* version != 1 */
	GRE_DROP_GRE_PROTO,	/* protocol != 0x880B */
	GRE_DROP_GRE_NOKEY,	/* K bit clear */
	GRE_DROP_GRE_PAYLEN,	/* payload length > bytes left */
	GRE_DROP_GRE_NOSEQ,	/* payload without a sequence number */
	GRE_DROP_GRE_TOOBIG,	/* payload larger than GRE_PAYLOAD_MAX */
	/* demux and anti-spoof (datapath.c) */
	GRE_DROP_NOSESS,	/* no session with this call ID */
	GRE_DROP_SPOOF,		/* source is not the session's peer */
	/* sequencing (seq.c) */
	GRE_DROP_SEQ_STALE,	/* older than the delivery point */
	GRE_DROP_SEQ_DUP,	/* duplicate of a held packet */
	GRE_DROP_SEQ_NOBUF,	/* reorder pool exhausted */
	/* PPP framing (ppp_frame.c) */
	GRE_DROP_PPP_BAD,	/* address/control or protocol malformed */
	/* MPPE (mppe.c) */
	GRE_DROP_MPPE_OFF,	/* MPPE frame but MPPE not negotiated */
	GRE_DROP_MPPE_SHORT,	/* no room for header and protocol */
	GRE_DROP_MPPE_FLAGS,	/* D clear, C or B set, A missing */
	GRE_DROP_MPPE_LATE,	/* stateless: count behind (late/replay) */
	GRE_DROP_MPPE_CATCHUP,	/* stateless: too far ahead, key catching up */
	GRE_DROP_MPPE_LOST,	/* stateful: gap seen, Reset-Request sent */
	GRE_DROP_MPPE_DISCARD,	/* stateful: discarding until flushed */
	GRE_DROP_MPPE_NESTED,	/* decrypted frame is MPPE again */
	GRE_DROP_UNENCRYPTED,	/* plaintext where MPPE is on or required */
	/* inner IP and control frames (datapath.c) */
	GRE_DROP_INNER_BAD,	/* inner IPv4 or IPv6 header malformed */
	GRE_DROP_INGRESS,	/* inner source is not the assigned address */
	GRE_DROP_C2C,		/* to another client; client-to-client off */
	GRE_DROP_CCP_BAD,	/* malformed CCP Reset-Request/Ack */
	GRE_DROP_OUT_FULL,	/* caller's output vector full */
	/* transmit side */
	GRE_DROP_TX_NOSESS,	/* no session for this inner destination */
	GRE_DROP_TX_BAD,	/* tun packet or ctrl frame malformed */
	GRE_DROP_TX_TOOBIG,	/* does not fit GRE_BUF_SIZE */
	GRE_DROP_TX_NOMPPE,	/* MPPE required but not yet up */
	/* the session's rate limits (police.c) */
	GRE_DROP_RATE_UP,	/* from the client, over its upload limit */
	GRE_DROP_RATE_DOWN,	/* to the client, over its download limit */
	/* IPv6 from the client (datapath.c; malformed: GRE_DROP_INNER_BAD) */
	GRE_DROP_INGRESS6,	/* source outside the session's /64 */
	GRE_DROP_LOCAL6,	/* link-local or unspecified source, not ctrl's */
	GRE_DROP_N
};

const char	*gre_drop_name(enum gre_drop);

#endif /* HP_GRE_STATS_H */
