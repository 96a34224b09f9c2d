/*
 * hpptpd gre: enhanced GRE sequencing for one session (RFC 2637 4.2-4.4).
 *
 * Receive: packets are delivered in sequence order.  One that arrives
 * ahead of a gap is held (in the shared pool) until the gap fills, or
 * hold_ms passes, or a packet win or more ahead arrives; then
 * the gap is given up as lost.  Packets behind the delivery point
 * (duplicates, stragglers after a gap was given up) are dropped.  All
 * comparisons use the sign of the 32-bit difference, so wraparound at
 * 2^32 is ordinary; no value (0, 1, anything) is special once the first
 * packet set the starting point.
 *
 * Acknowledgments: we ack the highest sequence delivered.  An ack rides
 * on every data packet we send; when nothing is sent, an ack-only
 * packet is due SEQ_ACK_DELAY_MS after the first unacked delivery, or
 * at once when SEQ_ACK_BURST packets are unacked.
 *
 * Transmit window: the peer's receive window (from its Outgoing-Call-
 * Request) bounds how many of our packets may be unacknowledged.  PPTP
 * has no retransmission and TCP above does its own congestion control,
 * so, like the Windows and Linux implementations, we send anyway when
 * the window is full and only count it (win_full); holding packets
 * here would add latency and buffering without making delivery any
 * more reliable.  seq_tx_window_open() lets a caller decide otherwise.
 */
#ifndef HP_GRE_SEQ_H
#define HP_GRE_SEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg.h"
#include "gre/pool.h"

/* The reorder window: slots (the largest window), defaults (msg.h). */
#define SEQ_WIN			GRE_REORDER_WIN_MAX
#define SEQ_WIN_DEFAULT		GRE_REORDER_WIN_DEFAULT
#define SEQ_HOLD_MS		GRE_REORDER_MS_DEFAULT
#define SEQ_ACK_DELAY_MS	100
#define SEQ_ACK_BURST		16
#define SEQ_ITEM_CUR		0xfffe	/* "the packet passed to seq_rx" */

_Static_assert((SEQ_WIN & (SEQ_WIN - 1)) == 0, "SEQ_WIN power of two");
_Static_assert(SEQ_ITEM_CUR != GRE_POOL_NONE && SEQ_ITEM_CUR > GRE_POOL_MAXN,
    "SEQ_ITEM_CUR is no pool index");

/* a < b, a > b for sequence numbers: by the sign of the difference. */
static inline bool
seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static inline bool
seq_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

struct seq_state {
	/* receive side */
	uint32_t	 rx_next;	/* next sequence to deliver */
	uint32_t	 ack_sent;	/* last ack value we sent */
	uint64_t	 hold_since;	/* when the oldest held packet came */
	uint64_t	 ack_since;	/* when the oldest unacked delivery was */
	uint16_t	 held[SEQ_WIN];	/* pool index by seq % SEQ_WIN */
	uint8_t		 nheld;
	uint8_t		 win;		/* packets to wait over a gap */
	uint16_t	 hold_ms;	/* how long; 0: never wait */
	bool		 rx_started;
	bool		 ack_pending;
	/* transmit side */
	uint32_t	 tx_next;	/* sequence of our next packet */
	uint32_t	 tx_acked;	/* highest of ours the peer acked */
	uint16_t	 peer_rwin;	/* 0: no limit known */
	/* counters */
	uint32_t	 lost;		/* sequence numbers given up */
	uint32_t	 reordered;	/* delivered from the window */
	uint32_t	 win_full;	/* sent with the peer's window full */
	uint32_t	 bad_ack;	/* ack for something we never sent */
};

/* What to deliver, in order: pool indices or SEQ_ITEM_CUR. */
struct seq_batch {
	uint16_t	 item[SEQ_WIN + 1];
	unsigned	 n;
};

enum seq_rx_res {
	SEQ_RX_DELIVER,		/* the packet is in the batch */
	SEQ_RX_HELD,		/* copied into the pool, waiting */
	SEQ_RX_STALE,		/* behind the delivery point: dropped */
	SEQ_RX_DUP,		/* already held: dropped */
	SEQ_RX_NOBUF,		/* would be held but the pool is empty */
};

const char	*seq_rx_res_name(enum seq_rx_res);

/*
 * win (1..SEQ_WIN) and hold_ms: the reorder window (config gre-reorder);
 * hold_ms 0 delivers each packet at once and drops late ones.
 */
void	seq_init(struct seq_state *, uint16_t peer_rwin, unsigned int win,
	    unsigned int hold_ms);
/* Free held buffers (session teardown). */
void	seq_reset(struct seq_state *, struct gre_pool *);

/*
 * A data packet with sequence number seq arrived.  Whatever the result,
 * the caller processes out->item[] in order (SEQ_ITEM_CUR meaning p
 * itself) and frees each pool index after use.
 */
enum seq_rx_res seq_rx(struct seq_state *, struct gre_pool *, uint32_t seq,
	    const uint8_t *p, size_t n, uint64_t now, struct seq_batch *out);
/* Give up on gaps whose hold time is over; deliver what follows. */
void	seq_rx_expire(struct seq_state *, uint64_t now, struct seq_batch *);
/* When seq_rx_expire has work to do; false if nothing is held. */
bool	seq_rx_deadline(const struct seq_state *, uint64_t *when);

/* The peer acknowledged our sequence number ack. */
void	seq_rx_ack(struct seq_state *, uint32_t ack);

/* For a packet about to be sent: the ack to carry (false: none yet). */
bool	seq_tx_ack(struct seq_state *, uint32_t *ack);
/* Whether an ack-only packet should go now, and when it will. */
bool	seq_ack_due(const struct seq_state *, uint64_t now);
bool	seq_ack_deadline(const struct seq_state *, uint64_t *when);
/* Take the sequence number for a data packet we send. */
uint32_t seq_tx_next(struct seq_state *);
/* Fewer than peer_rwin of our packets are unacknowledged. */
bool	seq_tx_window_open(const struct seq_state *);

#endif /* HP_GRE_SEQ_H */
