/* hpptpd gre: enhanced GRE sequence/ack and the receive reorder window. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gre/pool.h"
#include "gre/seq.h"

#define SLOT(s)		((s) & (SEQ_WIN - 1))

static void	seq_drain(struct seq_state *, uint64_t, struct seq_batch *);
static void	seq_delivered(struct seq_state *, uint64_t);

const char *
seq_rx_res_name(enum seq_rx_res r)
{
	switch (r) {
	case SEQ_RX_DELIVER:	return "deliver";
	case SEQ_RX_HELD:	return "held";
	case SEQ_RX_STALE:	return "stale";
	case SEQ_RX_DUP:	return "dup";
	case SEQ_RX_NOBUF:	return "nobuf";
	}
	return "unknown";
}

void
seq_init(struct seq_state *st, uint16_t peer_rwin, unsigned int win,
    unsigned int hold_ms)
{
	unsigned	i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < SEQ_WIN; i++)
		st->held[i] = GRE_POOL_NONE;
	st->peer_rwin = peer_rwin;
	/* out-of-range values come only from a caller's bug: clamp */
	st->win = (uint8_t)(win < 1 ? 1 : win > SEQ_WIN ? SEQ_WIN : win);
	st->hold_ms = (uint16_t)(hold_ms > 0xffff ? 0xffff : hold_ms);
	if (st->hold_ms == 0)
		st->win = 1;	/* never wait: a gap is lost at once */
	/* Nothing sent yet counts as everything acked. */
	st->tx_acked = st->tx_next - 1;
}

void
seq_reset(struct seq_state *st, struct gre_pool *pool)
{
	unsigned	i;

	for (i = 0; i < SEQ_WIN; i++) {
		if (st->held[i] != GRE_POOL_NONE)
			gre_pool_free(pool, st->held[i]);
		st->held[i] = GRE_POOL_NONE;
	}
	st->nheld = 0;
}

/* rx_next moved: an ack is owed from now on. */
static void
seq_delivered(struct seq_state *st, uint64_t now)
{
	if (!st->ack_pending) {
		st->ack_pending = true;
		st->ack_since = now;
	}
}

/* Deliver held packets that are now in order. */
static void
seq_drain(struct seq_state *st, uint64_t now, struct seq_batch *out)
{
	uint16_t	*h;

	while (st->nheld > 0) {
		h = &st->held[SLOT(st->rx_next)];
		if (*h == GRE_POOL_NONE)
			break;
		out->item[out->n++] = *h;
		*h = GRE_POOL_NONE;
		st->nheld--;
		st->reordered++;
		st->rx_next++;
		seq_delivered(st, now);
	}
	if (st->nheld > 0)
		st->hold_since = now;	/* the rest waits from here */
}

enum seq_rx_res
seq_rx(struct seq_state *st, struct gre_pool *pool, uint32_t seq,
    const uint8_t *p, size_t n, uint64_t now, struct seq_batch *out)
{
	uint32_t	base;
	int32_t		d;
	uint16_t	idx;

	out->n = 0;
	if (!st->rx_started) {
		/* The peer's first packet sets the starting point. */
		st->rx_started = true;
		st->rx_next = seq;
		st->ack_sent = seq - 1;
	}
	d = (int32_t)(seq - st->rx_next);
	if (d < 0)
		return SEQ_RX_STALE;
	if (d >= st->win) {
		/*
		 * Too far ahead to wait for the gap: give up on everything
		 * before base = seq - (win - 1), delivering what is held
		 * there in order, so that seq fits the window.  At most
		 * win steps while packets are held; an empty window jumps
		 * at once however far.
		 */
		base = seq - (uint32_t)(st->win - 1);
		while (st->nheld > 0 && seq_lt(st->rx_next, base)) {
			idx = st->held[SLOT(st->rx_next)];
			if (idx != GRE_POOL_NONE) {
				out->item[out->n++] = idx;
				st->held[SLOT(st->rx_next)] = GRE_POOL_NONE;
				st->nheld--;
				st->reordered++;
			} else
				st->lost++;
			st->rx_next++;
			seq_delivered(st, now);
		}
		if (seq_lt(st->rx_next, base)) {
			st->lost += base - st->rx_next;
			st->rx_next = base;
			seq_delivered(st, now);
		}
		/* Held packets from base on may now be in order. */
		seq_drain(st, now, out);
		d = (int32_t)(seq - st->rx_next);
		/* seq itself may have been held already. */
		if (d < 0)
			return SEQ_RX_DUP;
	}
	if (d == 0) {
		out->item[out->n++] = SEQ_ITEM_CUR;
		st->rx_next++;
		seq_delivered(st, now);
		seq_drain(st, now, out);
		return SEQ_RX_DELIVER;
	}
	if (st->held[SLOT(seq)] != GRE_POOL_NONE)
		return SEQ_RX_DUP;
	if ((idx = gre_pool_put_data(pool, p, n)) == GRE_POOL_NONE)
		return SEQ_RX_NOBUF;
	st->held[SLOT(seq)] = idx;
	if (st->nheld++ == 0)
		st->hold_since = now;
	return SEQ_RX_HELD;
}

void
seq_rx_expire(struct seq_state *st, uint64_t now, struct seq_batch *out)
{
	out->n = 0;
	if (st->nheld == 0 || now - st->hold_since < st->hold_ms)
		return;
	/* Skip the gap up to the first held packet, then deliver on. */
	while (st->held[SLOT(st->rx_next)] == GRE_POOL_NONE) {
		st->lost++;
		st->rx_next++;
	}
	seq_delivered(st, now);
	seq_drain(st, now, out);
}

bool
seq_rx_deadline(const struct seq_state *st, uint64_t *when)
{
	if (st->nheld == 0)
		return false;
	*when = st->hold_since + st->hold_ms;
	return true;
}

void
seq_rx_ack(struct seq_state *st, uint32_t ack)
{
	/* Ignore old acks; distrust acks for packets not yet sent. */
	if (seq_gt(ack, st->tx_next - 1)) {
		st->bad_ack++;
		return;
	}
	if (seq_gt(ack, st->tx_acked))
		st->tx_acked = ack;
}

bool
seq_tx_ack(struct seq_state *st, uint32_t *ack)
{
	*ack = 0;
	if (!st->rx_started)
		return false;
	*ack = st->rx_next - 1;
	st->ack_sent = *ack;
	st->ack_pending = false;
	return true;
}

bool
seq_ack_deadline(const struct seq_state *st, uint64_t *when)
{
	if (!st->ack_pending)
		return false;
	if (st->rx_next - 1 - st->ack_sent >= SEQ_ACK_BURST)
		*when = st->ack_since;
	else
		*when = st->ack_since + SEQ_ACK_DELAY_MS;
	return true;
}

bool
seq_ack_due(const struct seq_state *st, uint64_t now)
{
	uint64_t	when;

	return seq_ack_deadline(st, &when) && now >= when;
}

uint32_t
seq_tx_next(struct seq_state *st)
{
	if (!seq_tx_window_open(st))
		st->win_full++;
	return st->tx_next++;
}

bool
seq_tx_window_open(const struct seq_state *st)
{
	uint32_t	unacked = st->tx_next - 1 - st->tx_acked;

	return st->peer_rwin == 0 || unacked < st->peer_rwin;
}
