/*
 * hpptpd gre: GRE for a call id no session holds ("strays").  Each is
 * counted with the drops (GRE_DROP_NOSESS); the first from a source is
 * worth a log line (a client still sending after its session ended, or
 * a scan).  A peer decides how many come, so memory and reports are
 * both bounded: a fixed table of recent sources and a token bucket.
 */
#ifndef HP_GRE_STRAY_H
#define HP_GRE_STRAY_H

#include <stdbool.h>
#include <stdint.h>

#define STRAY_SLOTS	256	/* sources remembered */
#define STRAY_FORGET_MS	600000	/* a source is new again after 10 min */
#define STRAY_RATE	5	/* reports a second */
#define STRAY_BURST	20

struct gre_stray {
	uint32_t	src[STRAY_SLOTS];	/* 0: empty */
	uint64_t	seen[STRAY_SLOTS];	/* when last reported */
	uint64_t	tokens;		/* thousandths of a report */
	uint64_t	refilled;	/* when the bucket last filled */
	uint32_t	held;		/* strays not reported since the last */
};

void	gre_stray_init(struct gre_stray *, uint64_t now);
/*
 * A stray from src (an IPv4 address in host order, or gre_stray_key6
 * of an IPv6 one): true if master should hear of it now, with *held
 * the strays not reported since the previous report.
 */
bool	gre_stray_report(struct gre_stray *, uint32_t src, uint64_t now,
	    uint32_t *held);

/*
 * An IPv6 source folded to the table's 32-bit key (never 0).  Two
 * sources that fold alike share a slot: one report fewer, no more.
 */
uint32_t	gre_stray_key6(const uint8_t src6[16]);

#endif /* HP_GRE_STRAY_H */
