/*
 * hpptpd gre: the data path as pure functions over the session table.
 * gre/main.c owns the fds and the batching (recvmmsg, sendmmsg, tun
 * reads and writes); it hands each datagram or tun packet here and
 * carries out what comes back in a caller-provided output vector:
 *
 *   GRE_OUT_TUN   write data/len to the tun device
 *   GRE_OUT_CTRL  send data/len (PPP protocol, 2 bytes, + information)
 *                 to ctrl as a frame of session sid
 *   GRE_OUT_GRE   send data/len on the raw GRE socket to IPv4 address
 *                 dst (host order; port 0 in the sockaddr_in), or when
 *                 dst_is6 on the raw IPv6 GRE socket to dst6
 *   GRE_OUT_DEAD  tell master that session sid's LCP Echo-Requests went
 *                 unanswered (data[0], len 1: how many in a row); its
 *                 keepalive is off from then
 *
 * Nothing here allocates, blocks, logs per packet or reads a clock:
 * the caller passes now (monotonic milliseconds).
 *
 * The loop, in outline (ov.cap >= GRE_OUT_MIN):
 *
 *	GRE readable:  for each datagram of recvmmsg:
 *	                   if (ov.cap - ov.n < GRE_RX_MAX_OUT) flush(ov);
 *	                   gre_rx_packet(t, pool, buf, len, now, &ov);
 *	               flush(ov);	(tun writes, ctrl frames, sendmmsg)
 *	GRE6 readable: the same with gre_rx_packet6(t, pool, src6, ...)
 *	tun readable:  read into o->buf + GRE_TX_OVERHEAD, then
 *	               if (gre_tx_ip(t, o->buf + GRE_TX_OVERHEAD, n, now,
 *	                   o) == HP_OK) ov.n++;
 *	ctrl frame:    gre_tx_ctrl(t, gre_sess_by_sid(t, sid), f, n, o)
 *	after each wakeup: if (gre_table_due(t, now)) loop on
 *	               gre_table_poll() until it stops saying HP_E_AGAIN,
 *	               flushing in between; epoll timeout from
 *	               gre_table_next().
 *
 * Session changes from master go to gre/sess.h: gre_sess_add (call
 * set up), gre_sess_set_keys (auth's keys), gre_sess_set_link (LCP:
 * ACFC, PFC, MSS, MPPE required), gre_sess_set_addr (IPCP),
 * gre_sess_set_mppe / gre_sess_mppe_off (CCP), gre_sess_remove.
 */
#ifndef HP_GRE_DATAPATH_H
#define HP_GRE_DATAPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gre/gre_pkt.h"
#include "gre/mppe.h"
#include "gre/pool.h"
#include "gre/ppp_frame.h"
#include "gre/seq.h"
#include "gre/sess.h"

#define GRE_BUF_SIZE		2048
/* GRE header, PPP header, MPPE header, inner protocol. */
#define GRE_TX_OVERHEAD		(GRE_HDR_MAX + PPP_HDR_MAX + MPPE_HDR_LEN + 2)
/*
 * At least this many bytes of o->buf lie before a GRE_OUT_TUN packet:
 * gre/main.c writes the tun's virtio-net header there (tun-offload).
 */
#define GRE_TUN_ROOM		10
_Static_assert(GRE_PAYLOAD_MAX + GRE_TUN_ROOM <= GRE_BUF_SIZE, "tun room");
/* Largest inner packet gre_tx_ip/gre_tx_ctrl accept. */
#define GRE_TX_MAX		(GRE_BUF_SIZE - GRE_TX_OVERHEAD)
/* Free output slots gre_rx_packet needs per call. */
#define GRE_RX_MAX_OUT		(SEQ_WIN + 1)
/*
 * Smallest output vector that always makes progress (gre_table_poll):
 * a full release, an ack, a Reset-Request and an Echo-Request.
 */
#define GRE_OUT_MIN		(GRE_RX_MAX_OUT + 3)
/* LCP Echo-Requests leave on this grid (gre_sess_set_echo). */
#define GRE_ECHO_GRID_MS	100
/* Resend a CCP Reset-Request while still discarding after this long. */
#define GRE_RR_RETRY_MS		1000

#define CCP_RESET_REQ		14
#define CCP_RESET_ACK		15
/* LCP Echo-Request/-Reply: code, id, length, Magic-Number (RFC 1661) */
#define LCP_ECHOREQ		9
#define LCP_ECHOREP		10
#define LCP_ECHO_LEN		8

enum gre_out_kind {
	GRE_OUT_TUN,
	GRE_OUT_CTRL,
	GRE_OUT_GRE,
	GRE_OUT_DEAD,	/* the session's echoes went unanswered */
};

struct gre_out {
	enum gre_out_kind	 kind;
	uint32_t		 sid;
	uint32_t		 dst;		/* GRE_OUT_GRE: peer address */
	bool			 dst_is6;	/* GRE_OUT_GRE: dst6, not dst */
	uint8_t			 dst6[16];
	uint8_t			*data;		/* inside buf */
	size_t			 len;
	uint8_t			 buf[GRE_BUF_SIZE];
};

struct gre_outv {
	struct gre_out		*v;		/* caller's array */
	unsigned		 n;		/* used */
	unsigned		 cap;
};

const char	*gre_out_kind_name(enum gre_out_kind);

/*
 * Receive path for one raw-socket datagram (IPv4 header first):
 * decode, demux by call ID, anti-spoof, acks, reorder window, PPP
 * framing, MPPE, CCP Reset-Request/Ack, inner IPv4 checks, DHCP to
 * ctrl, ingress filter, MSS clamp.  Appends zero or more outputs.
 * Returns HP_OK (outputs, if any, appended), HP_E_AGAIN if ov has fewer
 * than GRE_RX_MAX_OUT free slots (nothing done; flush and retry), or
 * another hp_err when the datagram was dropped (already counted, in the
 * session or, before one is known, in t->ctr).
 */
int	gre_rx_packet(struct gre_table *, struct gre_pool *, const uint8_t *,
	    size_t, uint64_t now, struct gre_outv *);
/*
 * The same for one datagram of the raw IPv6 GRE socket: the kernel
 * keeps the IPv6 header (and any extension headers, reassembly done),
 * so the bytes start at the GRE header and the outer source comes
 * apart, from the socket address.  Anti-spoof compares all 16 bytes.
 */
int	gre_rx_packet6(struct gre_table *, struct gre_pool *,
	    const uint8_t src6[16], const uint8_t *, size_t, uint64_t now,
	    struct gre_outv *);

/*
 * Transmit path for one IPv4 packet read from tun: demux by inner
 * destination, MSS clamp (ip is modified in place), MPPE, PPP framing,
 * GRE header with seq and piggy-backed ack into *o (kind GRE_OUT_GRE).
 * ip may point into o->buf at GRE_TX_OVERHEAD (read the tun packet
 * there and nothing is copied on the encrypted path but a short move).
 * A packet over the session's download limit is dropped (HP_E_AGAIN).
 */
int	gre_tx_ip(struct gre_table *, uint8_t *ip, size_t len, uint64_t now,
	    struct gre_out *o);

/*
 * A frame from ctrl (PPP protocol, 2 bytes, + information) for session
 * s.  Once MPPE sending is on, protocols 0x0021..0x00FA are encrypted
 * and control protocols (LCP, CCP, IPCP...) go in clear, as RFC 3078
 * section 3 says and pppd does; on receive the same split decides what
 * plaintext is refused.
 */
int	gre_tx_ctrl(struct gre_table *, struct gre_sess *, const uint8_t *,
	    size_t, struct gre_out *);

/* A CCP Reset-Request (CCP_RESET_REQ) or Reset-Ack to the peer. */
int	gre_tx_ccp_reset(struct gre_sess *, uint8_t code, uint8_t id,
	    struct gre_out *);

/* An ack-only GRE packet (no payload, no sequence number). */
int	gre_tx_ack(struct gre_sess *, struct gre_out *);

/*
 * The session's LCP echo keepalive: an Echo-Request with magic every
 * interval_s from now (rounded up to GRE_ECHO_GRID_MS); failures
 * unanswered in a row and gre_table_poll says GRE_OUT_DEAD; interval_s 0
 * turns it off.  Echo-Replies from the
 * peer are taken here and go no further (any Reply is an answer).
 */
void	gre_sess_set_echo(struct gre_table *, struct gre_sess *,
	    uint32_t magic, uint16_t interval_s, uint8_t failures,
	    uint64_t now);

/*
 * Timers of every armed session: reorder holds that expired, ack-only
 * packets that are due, Reset-Request retries, LCP Echo-Requests.
 * Returns HP_OK with *next set to the earliest future deadline (false in *have_next when
 * nothing is armed), or HP_E_AGAIN when ov filled up (flush, call
 * again).  ov->cap must be at least GRE_OUT_MIN.
 */
int	gre_table_poll(struct gre_table *, struct gre_pool *, uint64_t now,
	    struct gre_outv *, uint64_t *next, bool *have_next);
/*
 * Whether gre_table_poll has anything to do at now (O(1)): the loop
 * calls this after each batch and polls only when it says so; for the
 * epoll timeout, gre_table_next() gives the deadline (false: none).
 */
bool	gre_table_due(const struct gre_table *, uint64_t now);
bool	gre_table_next(const struct gre_table *, uint64_t *when);

#endif /* HP_GRE_DATAPATH_H */
